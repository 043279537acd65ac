import { Testing } from 'cdktf';
import { WARNINGS } from '../../constructs/core';
import { ENTRA_ID_DEFAULT_CATEGORIES, EntraIdLogs, EntraIdLogsProps, EvidenceStorage } from '../../constructs/azure';
import { EXTERNAL_STORE, EXTERNAL_WORKSPACE, messages, only, resources, synth, warningIds } from './helpers';

function build(props: Partial<EntraIdLogsProps> = {}) {
  return synth((stack) => {
    new EntraIdLogs(stack, 'EntraIdLogs', { destination: EXTERNAL_STORE, workspace: EXTERNAL_WORKSPACE, ...props });
  });
}

describe('EntraIdLogs', () => {
  test('defaults: the tenant setting with every sign-in category, audit, provisioning, risk and Graph activity', () => {
    const s = build();
    const setting = only(s, 'azurerm_monitor_aad_diagnostic_setting');
    expect(setting).toMatchObject({
      name: 'forensic-readiness-entra-id',
      storage_account_id: EXTERNAL_STORE.storageAccountId,
      log_analytics_workspace_id: EXTERNAL_WORKSPACE.workspaceResourceId,
    });
    const categories = setting.enabled_log.map((l: { category: string }) => l.category);
    expect(categories).toEqual([
      'AuditLogs', 'SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs', 'ProvisioningLogs',
      'ADFSSignInLogs', 'RiskyUsers', 'UserRiskEvents', 'RiskyServicePrincipals', 'ServicePrincipalRiskEvents', 'MicrosoftGraphActivityLogs',
    ]);
    for (const c of ['SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs', 'AuditLogs']) {
      expect(categories).toContain(c);
    }
    expect(JSON.stringify(setting)).not.toMatch(/retention_policy/);
    expect(warningIds(s.stack)).toEqual([]);
    // The authentication caveat is said at synth.
    expect(messages(s.stack, 'info').join('\n')).toMatch(/Azure CLI authentication as a Security Administrator or Global Administrator/);
  });

  test('with EvidenceStorage, each category container is created locked before the setting writes', () => {
    const s = synth((stack) => {
      const evidence = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' });
      new EntraIdLogs(stack, 'EntraIdLogs', { destination: evidence, categories: ['SignInLogs', 'AuditLogs'] });
    });
    expect(resources(s, 'azurerm_storage_container').map((c) => c.name).sort()).toEqual(['insights-logs-auditlogs', 'insights-logs-signinlogs']);
    expect(only(s, 'azurerm_monitor_aad_diagnostic_setting').depends_on).toHaveLength(2);
  });

  test('categories override: adding Global Secure Access categories keeps the defaults quiet', () => {
    const s = build({ categories: [...ENTRA_ID_DEFAULT_CATEGORIES, 'NetworkAccessTrafficLogs'] });
    expect(only(s, 'azurerm_monitor_aad_diagnostic_setting').enabled_log).toContainEqual({ category: 'NetworkAccessTrafficLogs' });
    expect(Testing.toHaveResource(s.text, 'azurerm_monitor_aad_diagnostic_setting')).toBe(true);
    expect(warningIds(s.stack)).toEqual([]);
  });

  test('categories override without risk categories warns of the exemption', () => {
    const s = build({ categories: ['SignInLogs', 'AuditLogs'] });
    expect(warningIds(s.stack)).toEqual([WARNINGS.AUDIT_EXEMPTION]);
  });

  test('without a workspace it writes to storage only, and warns', () => {
    const s = build({ workspace: undefined });
    expect(only(s, 'azurerm_monitor_aad_diagnostic_setting')).not.toHaveProperty('log_analytics_workspace_id');
    expect(warningIds(s.stack)).toEqual([WARNINGS.WEAKENED_DEFAULT]);
  });

  test('settingName override names the setting', () => {
    expect(only(build({ settingName: 'entra-export' }), 'azurerm_monitor_aad_diagnostic_setting').name).toBe('entra-export');
  });

  test('fails when categories is empty, unknown or repeated', () => {
    expect(() => build({ categories: [] })).toThrow(/categories/);
    expect(() => build({ categories: ['SigninLogs' as never] })).toThrow(/categories\[0\] must be one of/);
    expect(() => build({ categories: ['AuditLogs', 'AuditLogs'] })).toThrow(/categories must be a non-empty list of .* without repeats/);
  });
});
