import { Testing } from 'cdktf';
import { WARNINGS } from '../../constructs/core';
import { ACTIVITY_LOG_CATEGORIES, ActivityLogs, ActivityLogsProps, EvidenceStorage, LogAnalytics } from '../../constructs/azure';
import { EXTERNAL_STORE, EXTERNAL_WORKSPACE, only, resources, SUB, synth, warningIds } from './helpers';

function build(props: Partial<ActivityLogsProps> = {}) {
  return synth((stack) => {
    new ActivityLogs(stack, 'ActivityLogs', { subscriptionId: SUB, destination: EXTERNAL_STORE, workspace: EXTERNAL_WORKSPACE, ...props });
  });
}

describe('ActivityLogs', () => {
  test('defaults: a subscription-scope setting with every category into storage and Log Analytics', () => {
    const s = build();
    const setting = only(s, 'azurerm_monitor_diagnostic_setting');
    expect(setting).toMatchObject({
      name: 'forensic-readiness-activity-log',
      target_resource_id: `/subscriptions/${SUB}`,
      storage_account_id: EXTERNAL_STORE.storageAccountId,
      log_analytics_workspace_id: EXTERNAL_WORKSPACE.workspaceResourceId,
    });
    expect(setting.enabled_log).toEqual(ACTIVITY_LOG_CATEGORIES.map((category) => ({ category })));
    expect(ACTIVITY_LOG_CATEGORIES).toEqual(['Administrative', 'Security', 'ServiceHealth', 'Alert', 'Recommendation', 'Policy', 'Autoscale', 'ResourceHealth']);
    // Retention lives in the store; the deprecated per-category retention_policy is never set.
    expect(JSON.stringify(setting)).not.toMatch(/retention_policy/);
    // An external store has no container management: no dependency is invented.
    expect(setting).not.toHaveProperty('depends_on');
    expect(warningIds(s.stack)).toEqual([]);
  });

  test('with EvidenceStorage, the insights-activity-logs container is created locked before the setting writes', () => {
    const s = synth((stack) => {
      const evidence = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' });
      const la = new LogAnalytics(stack, 'LogAnalytics', { resourceGroupName: 'rg', location: 'westeurope', workspaceName: 'logs01' });
      new ActivityLogs(stack, 'ActivityLogs', { subscriptionId: SUB, destination: evidence, workspace: la });
    });
    expect(only(s, 'azurerm_storage_container').name).toBe('insights-activity-logs');
    const setting = only(s, 'azurerm_monitor_diagnostic_setting');
    expect(setting.depends_on).toEqual([expect.stringMatching(/^azurerm_storage_container_immutability_policy\./)]);
    expect(setting.storage_account_id).toMatch(/^\$\{azurerm_storage_account\..+\.id\}$/);
    expect(Testing.toHaveResourceWithProperties(s.text, 'azurerm_monitor_diagnostic_setting', { target_resource_id: `/subscriptions/${SUB}` })).toBe(true);
  });

  test('categories override exports fewer categories and warns of the exemption', () => {
    const s = build({ categories: ['Administrative', 'Security', 'Policy'] });
    expect(only(s, 'azurerm_monitor_diagnostic_setting').enabled_log).toEqual([{ category: 'Administrative' }, { category: 'Security' }, { category: 'Policy' }]);
    expect(warningIds(s.stack)).toEqual([WARNINGS.AUDIT_EXEMPTION]);
  });

  test('without a workspace it writes to storage only, and warns', () => {
    const s = build({ workspace: undefined });
    expect(only(s, 'azurerm_monitor_diagnostic_setting')).not.toHaveProperty('log_analytics_workspace_id');
    expect(warningIds(s.stack)).toEqual([WARNINGS.WEAKENED_DEFAULT]);
  });

  test('settingName override names the setting', () => {
    expect(only(build({ settingName: 'audit-export' }), 'azurerm_monitor_diagnostic_setting').name).toBe('audit-export');
  });

  test('fails when subscriptionId is not a GUID', () => {
    expect(() => build({ subscriptionId: 'my-subscription' })).toThrow(/subscriptionId must be a GUID/);
  });
  test('fails when categories is empty, unknown or repeated', () => {
    expect(() => build({ categories: [] })).toThrow(/categories/);
    expect(() => build({ categories: ['Write' as never] })).toThrow(/categories\[0\] must be one of/);
    expect(() => build({ categories: ['Security', 'Security'] })).toThrow(/categories must be a non-empty list of .* without repeats/);
  });
  test('creates nothing else', () => {
    expect(Object.keys(build().json.resource ?? {})).toEqual(['azurerm_monitor_diagnostic_setting']);
    expect(resources(build(), 'azurerm_monitor_diagnostic_setting')).toHaveLength(1);
  });
});
