import { StorageImmutabilityLocked as rule } from '../../../../policies/rules/azure/StorageImmutabilityLocked';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

const containerDoc = (locked: unknown) =>
  evidenceDoc(evidenceAccount({ immutability_policy: undefined }), {
    azurerm_storage_container: { activity: { name: 'insights-activity-logs', storage_account_id: '${azurerm_storage_account.evidence.id}' } },
    azurerm_storage_container_immutability_policy: {
      activity: { storage_container_resource_manager_id: '${azurerm_storage_container.activity.id}', immutability_period_in_days: 365, ...(locked === undefined ? {} : { locked }) },
    },
  });

describe('AZURE.Storage.ImmutabilityLocked', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant: account-level policy state Locked', () => {
    expect(judge(rule, model(evidenceDoc()), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: account-level policy Unlocked (soak mode)', () => {
    const account = evidenceAccount({ immutability_policy: { state: 'Unlocked', period_since_creation_in_days: 365, allow_protected_append_writes: true } });
    const j = judge(rule, model(evidenceDoc(account)), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/"Unlocked" \(soak: reversible\)/);
  });

  test('compliant: container policy locked = true', () => {
    expect(judge(rule, model(containerDoc(true)), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: container policy without locked', () => {
    const j = judge(rule, model(containerDoc(undefined)), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/locked absent/);
  });

  test('non-compliant: container policy locked = false', () => {
    expect(judge(rule, model(containerDoc(false)), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('non-compliant: no immutability policy at all', () => {
    expect(judge(rule, model(evidenceDoc(evidenceAccount({ immutability_policy: undefined }))), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount() } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: locked is a variable', () => {
    expect(judge(rule, model(containerDoc('${var.lock}')), EVIDENCE).verdict).toBe('UNKNOWN');
  });
});
