import { WARNINGS } from '../../constructs/core';
import { CognitiveAccountAudit, CognitiveAccountAuditProps, EvidenceStorage } from '../../constructs/azure';
import { EXTERNAL_STORE, EXTERNAL_WORKSPACE, messages, ML_ID, only, RG_ID, resources, synth, warningIds } from './helpers';

const AI_ID = `${RG_ID}/providers/Microsoft.CognitiveServices/accounts/ai-forensic`;

function build(props: Partial<CognitiveAccountAuditProps> = {}) {
  return synth((stack) => {
    new CognitiveAccountAudit(stack, 'AiAudit', { cognitiveAccountId: AI_ID, destination: EXTERNAL_STORE, workspace: EXTERNAL_WORKSPACE, ...props });
  });
}

describe('CognitiveAccountAudit', () => {
  test('defaults: Audit, RequestResponse, Trace and AzureOpenAIRequestUsage with AllMetrics into storage and Log Analytics, no warning', () => {
    const s = build();
    expect(only(s, 'azurerm_monitor_diagnostic_setting')).toEqual(
      expect.objectContaining({
        name: 'forensic-readiness-ai-services',
        target_resource_id: AI_ID,
        storage_account_id: EXTERNAL_STORE.storageAccountId,
        log_analytics_workspace_id: EXTERNAL_WORKSPACE.workspaceResourceId,
        enabled_log: [{ category: 'Audit' }, { category: 'RequestResponse' }, { category: 'Trace' }, { category: 'AzureOpenAIRequestUsage' }],
        enabled_metric: [{ category: 'AllMetrics' }],
      }),
    );
    expect(only(s, 'azurerm_monitor_diagnostic_setting')).not.toHaveProperty('depends_on');
    expect(warningIds(s.stack)).toEqual([]);
  });

  test('with EvidenceStorage, a locked container per category exists before the setting writes', () => {
    const s = synth((stack) => {
      const evidence = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' });
      new CognitiveAccountAudit(stack, 'AiAudit', { cognitiveAccountId: AI_ID, destination: evidence, workspace: EXTERNAL_WORKSPACE });
    });
    expect(resources(s, 'azurerm_storage_container').map((c) => c.name).sort()).toEqual([
      'insights-logs-audit',
      'insights-logs-azureopenairequestusage',
      'insights-logs-requestresponse',
      'insights-logs-trace',
    ]);
    expect(resources(s, 'azurerm_storage_container_immutability_policy').every((p) => p.locked === true)).toBe(true);
    expect(only(s, 'azurerm_monitor_diagnostic_setting').depends_on).toHaveLength(4);
  });

  test('categories override: leaving out AzureOpenAIRequestUsage (a kind without it) warns without announcing a failing check', () => {
    const s = build({ categories: ['Audit', 'RequestResponse', 'Trace'] });
    expect(only(s, 'azurerm_monitor_diagnostic_setting').enabled_log).toEqual([{ category: 'Audit' }, { category: 'RequestResponse' }, { category: 'Trace' }]);
    const warned = messages(s.stack);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/^\[forensic-readiness:weakened-default\] CognitiveAccountAudit test\/AiAudit: AI Services log categories not exported: AzureOpenAIRequestUsage\.$/);
  });

  test('categories override: leaving out RequestResponse warns and names the check that then fails', () => {
    const s = build({ categories: ['Audit'] });
    const warned = messages(s.stack);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/not exported: RequestResponse, Trace, AzureOpenAIRequestUsage\. The kit's check AZURE\.Monitor\.CognitiveAccountDiagnostics then reports an error/);
  });

  test('metricsEnabled false drops AllMetrics and warns', () => {
    const s = build({ metricsEnabled: false });
    expect(only(s, 'azurerm_monitor_diagnostic_setting')).not.toHaveProperty('enabled_metric');
    expect(warningIds(s.stack)).toEqual([WARNINGS.WEAKENED_DEFAULT]);
    expect(messages(s.stack)[0]).toMatch(/metrics are not exported/);
  });

  test('without a workspace it writes to storage only, and warns', () => {
    const s = build({ workspace: undefined });
    expect(only(s, 'azurerm_monitor_diagnostic_setting')).not.toHaveProperty('log_analytics_workspace_id');
    expect(messages(s.stack)).toEqual([expect.stringMatching(/no Log Analytics workspace; AI Services logs are kept in storage only/)]);
  });

  test('settingName override names the setting', () => {
    expect(only(build({ settingName: 'ai-audit' }), 'azurerm_monitor_diagnostic_setting').name).toBe('ai-audit');
  });

  test('fails when cognitiveAccountId is not a cognitive account id', () => {
    expect(() => build({ cognitiveAccountId: ML_ID })).toThrow(/cognitiveAccountId must be a Resource Manager id of a Microsoft\.CognitiveServices\/accounts/);
  });
  test('fails when destination is an id string', () => {
    expect(() => build({ destination: EXTERNAL_STORE.storageAccountId as never })).toThrow(/test\/AiAudit: destination must be an IEvidenceStore/);
  });
  test('fails when workspace lacks its GUID', () => {
    expect(() => build({ workspace: { ...EXTERNAL_WORKSPACE, workspaceGuid: 'law' } })).toThrow(/workspace\.workspaceGuid must be a GUID/);
  });
  test('fails when a category is unknown', () => {
    expect(() => build({ categories: ['Audit', 'Prompts' as never] })).toThrow(/categories\[1\] must be one of "Audit", "RequestResponse", "Trace", "AzureOpenAIRequestUsage", got "Prompts"/);
  });
  test('fails when categories is empty or repeats one', () => {
    expect(() => build({ categories: [] })).toThrow(/test\/AiAudit: categories must be a non-empty list/);
    expect(() => build({ categories: ['Audit', 'Audit'] })).toThrow(/test\/AiAudit: categories/);
  });
  test('fails when settingName holds a forbidden character', () => {
    expect(() => build({ settingName: 'ai/audit' })).toThrow(/test\/AiAudit: settingName must be a diagnostic setting name/);
  });
  test('fails when metricsEnabled is not a boolean', () => {
    expect(() => build({ metricsEnabled: 'yes' as never })).toThrow(/test\/AiAudit: metricsEnabled/);
  });
});
