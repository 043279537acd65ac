import { MonitorDiagnosticsImmutableCopy as rule } from '../../../../policies/rules/azure/MonitorDiagnosticsImmutableCopy';
import { judge } from '../../helpers';
import { SUB, model } from './_fixtures';

const STORAGE = '${azurerm_storage_account.evidence.id}';
const LAW = '${azurerm_log_analytics_workspace.law.id}';

/** A model with an evidence account, a workspace, the resources settings may target, and `settings` by name. */
function doc(settings: Record<string, Record<string, unknown>>, aad: Record<string, Record<string, unknown>> = {}) {
  return model({
    resource: {
      azurerm_storage_account: { evidence: { name: 'stevidence' }, data: { name: 'sttraining' } },
      azurerm_log_analytics_workspace: { law: { name: 'law' } },
      azurerm_machine_learning_workspace: { ml: { name: 'mlw' } },
      azurerm_key_vault: { kv: { name: 'kv' } },
      azurerm_kubernetes_cluster: { aks: { name: 'aks' } },
      azurerm_monitor_diagnostic_setting: settings,
      ...(Object.keys(aad).length > 0 ? { azurerm_monitor_aad_diagnostic_setting: aad } : {}),
    },
  });
}
const setting = (target: string, overrides: Record<string, unknown> = {}) => ({
  name: 's',
  target_resource_id: target,
  log_analytics_workspace_id: LAW,
  storage_account_id: STORAGE,
  enabled_log: [{ category_group: 'allLogs' }],
  ...overrides,
});
const S = (name: string) => `azurerm_monitor_diagnostic_setting.${name}`;

describe('AZURE.Monitor.DiagnosticsImmutableCopy', () => {
  test('is an error', () => expect(rule.severity).toBe('error'));

  test('compliant: the Activity Log, ML workspace, Key Vault and blob service settings write to storage and Log Analytics', () => {
    const m = doc({
      activity: setting(SUB, { enabled_log: [{ category: 'Administrative' }] }),
      ml: setting('${azurerm_machine_learning_workspace.ml.id}'),
      kv: setting('${azurerm_key_vault.kv.id}', { enabled_log: [{ category: 'AuditEvent' }] }),
      blob: setting('${azurerm_storage_account.data.id}/blobServices/default', { enabled_log: [{ category: 'StorageRead' }] }),
    });
    for (const n of ['activity', 'ml', 'kv', 'blob']) {
      const j = judge(rule, m, S(n));
      expect([n, j.verdict]).toEqual([n, 'COMPLIANT']);
    }
    expect(judge(rule, m, S('ml')).reason).toMatch(/storage_account_id is \$\{azurerm_storage_account.evidence.id\}/);
  });

  test('compliant: a literal id of a storage account of the inputs', () => {
    const m = doc({ ml: setting('${azurerm_machine_learning_workspace.ml.id}', { storage_account_id: `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stevidence` }) });
    expect(judge(rule, m, S('ml')).verdict).toBe('COMPLIANT');
  });

  test('unknown: an account outside the inputs (a literal id naming none, a data source, another stack\'s output not followed): its immutability is judged nowhere here', () => {
    const other = `${SUB}/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/other`;
    const m = doc(
      { activity: setting(SUB, { enabled_log: [{ category: 'Administrative' }], storage_account_id: other }), viaData: setting(SUB, { name: 's2', enabled_log: [{ category: 'Administrative' }], storage_account_id: '${data.azurerm_storage_account.central.id}' }) },
      { entra: { name: 'e', storage_account_id: '${data.terraform_remote_state.readiness.outputs.evidence_id}', enabled_log: [{ category: 'SignInLogs' }] } },
    );
    expect(judge(rule, m, S('activity'))).toEqual({ verdict: 'UNKNOWN', reason: `storage_account_id ${other} names no storage account of the inputs: whether it keeps an immutable copy of these logs cannot be checked here; check the template that defines it too` });
    expect(judge(rule, m, S('viaData')).verdict).toBe('UNKNOWN');
    expect(judge(rule, m, 'azurerm_monitor_aad_diagnostic_setting.entra').verdict).toBe('UNKNOWN');
  });

  test('non-compliant: the Activity Log goes to Log Analytics only', () => {
    const j = judge(rule, doc({ activity: setting(SUB, { storage_account_id: undefined }) }), S('activity'));
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe('storage_account_id is absent (only log_analytics_workspace_id): no immutable copy of these logs is kept');
  });

  test('non-compliant: an ML online endpoint (literal id) and a registry send to an Event Hub only', () => {
    const hub = { storage_account_id: undefined, log_analytics_workspace_id: undefined, eventhub_authorization_rule_id: 'rule', enabled_log: [{ category: 'AmlOnlineEndpointTrafficLog' }] };
    const m = doc({
      endpoint: setting(`${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw/onlineEndpoints/scoring`, hub),
      registry: setting(`${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/registries/shared`, hub),
    });
    expect(judge(rule, m, S('endpoint')).reason).toMatch(/only eventhub_authorization_rule_id/);
    expect(judge(rule, m, S('registry')).verdict).toBe('NON_COMPLIANT');
  });

  test('non-compliant: an AI Services account (reference or literal id) sends to Log Analytics only', () => {
    const m = model({
      resource: {
        azurerm_cognitive_account: { ai: { name: 'ai-forensic', kind: 'AIServices', sku_name: 'S0' } },
        azurerm_monitor_diagnostic_setting: {
          ref: setting('${azurerm_cognitive_account.ai.id}', { storage_account_id: undefined, enabled_log: [{ category: 'RequestResponse' }] }),
          literal: setting(`${SUB}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/other`, { storage_account_id: undefined, enabled_log: [{ category: 'Audit' }] }),
        },
      },
    });
    for (const n of ['ref', 'literal']) expect([n, judge(rule, m, S(n)).reason]).toEqual([n, 'storage_account_id is absent (only log_analytics_workspace_id): no immutable copy of these logs is kept']);
  });

  test('non-compliant: the Entra ID setting has no storage account', () => {
    const m = doc({}, { entra: { name: 'e', log_analytics_workspace_id: LAW, enabled_log: [{ category: 'SignInLogs' }] } });
    expect(judge(rule, m, 'azurerm_monitor_aad_diagnostic_setting.entra').verdict).toBe('NON_COMPLIANT');
  });

  test('non-compliant: a Key Vault referenced through a data source, Log Analytics only', () => {
    const j = judge(rule, doc({ kv: setting('${data.azurerm_key_vault.shared.id}', { storage_account_id: undefined, enabled_log: [{ category: 'AuditEvent' }] }) }), S('kv'));
    expect(j.verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: a metrics-only setting, and resource logs of a type that is not an evidence source here', () => {
    const m = doc({
      metrics: setting('${azurerm_key_vault.kv.id}', { storage_account_id: undefined, enabled_log: undefined, enabled_metric: [{ category: 'AllMetrics' }] }),
      aks: setting('${azurerm_kubernetes_cluster.aks.id}', { storage_account_id: undefined }),
    });
    expect(judge(rule, m, S('metrics')).verdict).toBe('NOT_APPLICABLE');
    expect(judge(rule, m, S('aks')).verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: storage_account_id is a variable', () => {
    const j = judge(rule, doc({ ml: setting('${azurerm_machine_learning_workspace.ml.id}', { storage_account_id: '${var.evidence}' }) }), S('ml'));
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/storage_account_id cannot be resolved/);
  });

  test('unknown: no storage account, and the target is only known at deploy', () => {
    const j = judge(rule, doc({ any: setting('${var.target}', { storage_account_id: undefined }) }), S('any'));
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/target_resource_id \(only known at deploy\)/);
  });
});
