import { StorageImmutabilityAppendWrites as rule } from '../../../../policies/rules/azure/StorageImmutabilityAppendWrites';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

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
});
