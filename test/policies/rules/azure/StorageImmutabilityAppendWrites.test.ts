import { StorageImmutabilityAppendWrites as rule } from '../../../../policies/rules/azure/StorageImmutabilityAppendWrites';
import { judge } from '../../helpers';
import { EVIDENCE, activityExport, evidenceAccount, evidenceDoc, model } from './_fixtures';

const withAppend = (allow: unknown) =>
  evidenceAccount({ immutability_policy: { state: 'Locked', period_since_creation_in_days: 365, allow_protected_append_writes: allow } });

const containerDoc = (policy: Record<string, unknown>) =>
  evidenceDoc(evidenceAccount({ immutability_policy: undefined }), {
    azurerm_storage_container: { activity: { name: 'insights-activity-logs', storage_account_id: '${azurerm_storage_account.evidence.id}' } },
    azurerm_storage_container_immutability_policy: {
      activity: { storage_container_resource_manager_id: '${azurerm_storage_container.activity.id}', immutability_period_in_days: 365, ...policy },
    },
  });

describe('AZURE.Storage.ImmutabilityAppendWrites', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant: account policy allows protected append writes', () => {
    expect(judge(rule, model(evidenceDoc(withAppend(true))), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: account policy forbids protected append writes', () => {
    const j = judge(rule, model(evidenceDoc(withAppend(false))), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/allow_protected_append_writes false/);
  });

  test('compliant: container policy with protected_append_writes_enabled', () => {
    expect(judge(rule, model(containerDoc({ protected_append_writes_enabled: true })), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('compliant: container policy with protected_append_writes_all_enabled', () => {
    expect(judge(rule, model(containerDoc({ protected_append_writes_all_enabled: true })), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: container policy without protected append writes', () => {
    expect(judge(rule, model(containerDoc({})), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: no immutability policy (another rule reports it)', () => {
    expect(judge(rule, model(evidenceDoc(evidenceAccount({ immutability_policy: undefined }))), EVIDENCE).verdict).toBe('NOT_APPLICABLE');
  });

  test('not applicable: only a flow log writes into the store (block blobs, not append blobs)', () => {
    const doc = evidenceDoc(withAppend(false), {
      azurerm_monitor_diagnostic_setting: { activity: { name: 'elsewhere', target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000', log_analytics_workspace_id: 'x', enabled_log: [] } },
      azurerm_network_watcher_flow_log: { vnet: { name: 'fl', storage_account_id: '${azurerm_storage_account.evidence.id}', target_resource_id: 'x', enabled: true } },
    });
    expect(judge(rule, model(doc), EVIDENCE).verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: allow_protected_append_writes is a variable', () => {
    expect(judge(rule, model(evidenceDoc(withAppend('${var.append}'))), EVIDENCE).verdict).toBe('UNKNOWN');
  });

  const declared = (account: Record<string, unknown>, policies: Record<string, Record<string, unknown>>, extra: Record<string, Record<string, unknown>> = {}) =>
    evidenceDoc(account, {
      azurerm_storage_container: Object.fromEntries(Object.keys(policies).map((n) => [n.replace(/-/g, '_'), { name: n, storage_account_id: '${azurerm_storage_account.evidence.id}' }])),
      azurerm_storage_container_immutability_policy: Object.fromEntries(
        Object.entries(policies).map(([n, p]) => [n.replace(/-/g, '_'), { storage_container_resource_manager_id: `\${azurerm_storage_container.${n.replace(/-/g, '_')}.id}`, immutability_period_in_days: 365, ...p }]),
      ),
      ...extra,
    });

  test('non-compliant: one container policy forbids appends, though the account allows them (the container policy takes precedence)', () => {
    const doc = declared(withAppend(true), { 'insights-activity-logs': { protected_append_writes_enabled: false } });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/^account: immutability_policy.allow_protected_append_writes true; containers: azurerm_storage_container.insights_activity_logs: .*protected_append_writes_enabled false/);
  });

  test('non-compliant: the account forbids appends and allLogs makes Azure Monitor append to containers only the account policy governs', () => {
    const doc = declared(withAppend(false), { 'insights-activity-logs': { protected_append_writes_enabled: true } }, {
      azurerm_machine_learning_workspace: { ml: { name: 'mlw' } },
      azurerm_monitor_diagnostic_setting: {
        activity: activityExport(),
        ml: { name: 'ml', target_resource_id: '${azurerm_machine_learning_workspace.ml.id}', storage_account_id: '${azurerm_storage_account.evidence.id}', enabled_log: [{ category_group: 'allLogs' }] },
      },
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/allow_protected_append_writes false; containers: the category group allLogs of azurerm_monitor_diagnostic_setting.ml/);
  });

  test('compliant: every container is declared with appends allowed, so the account setting governs nothing (flow-log containers hold block blobs and are not judged)', () => {
    const doc = declared(withAppend(false), {
      'insights-activity-logs': { protected_append_writes_enabled: true },
      'insights-logs-flowlogflowevent': { protected_append_writes_enabled: false },
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/every declared container \(azurerm_storage_container.insights_activity_logs\)/);
  });

  test('compliant: the account policy is Disabled (nothing blocks appends) and the container policies allow them', () => {
    const account = evidenceAccount({ immutability_policy: { state: 'Disabled', period_since_creation_in_days: 1, allow_protected_append_writes: false } });
    expect(judge(rule, model(declared(account, { 'insights-activity-logs': { protected_append_writes_enabled: true } })), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('unknown: a container policy flag is a variable', () => {
    const doc = declared(withAppend(true), { 'insights-activity-logs': { protected_append_writes_enabled: '${var.append}' } });
    expect(judge(rule, model(doc), EVIDENCE).verdict).toBe('UNKNOWN');
  });
});
