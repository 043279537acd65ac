import { StorageDeleteLock as rule } from '../../../../policies/rules/azure/StorageDeleteLock';
import { judge } from '../../helpers';
import { EVIDENCE, SUB, evidenceAccount, evidenceDoc, model } from './_fixtures';

const withLock = (lock: Record<string, unknown>, account = evidenceAccount()) => {
  const doc = evidenceDoc(account);
  doc.resource.azurerm_management_lock = { evidence: { name: 'keep', ...lock } };
  return model(doc);
};

describe('AZURE.Storage.DeleteLock', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant: CanNotDelete lock on the account', () => {
    expect(judge(rule, model(evidenceDoc()), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('compliant: CanNotDelete lock on the resource group (by reference)', () => {
    const j = judge(rule, withLock({ scope: '${azurerm_resource_group.rg.id}', lock_level: 'CanNotDelete' }), EVIDENCE);
    expect(j.verdict).toBe('COMPLIANT');
  });

  test('compliant: lock on the resource group by literal id, account naming the group literally', () => {
    const m = withLock(
      { scope: `${SUB}/resourceGroups/RG-Evidence`, lock_level: 'CanNotDelete' },
      evidenceAccount({ resource_group_name: 'rg-evidence' }),
    );
    expect(judge(rule, m, EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('compliant: literal resource group id when the group is not in the input', () => {
    const doc = evidenceDoc(evidenceAccount({ resource_group_name: 'rg-outside' }));
    delete doc.resource.azurerm_resource_group;
    doc.resource.azurerm_management_lock = { evidence: { name: 'keep', scope: `${SUB}/resourceGroups/rg-outside`, lock_level: 'CanNotDelete' } };
    expect(judge(rule, model(doc), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('compliant: lock on the subscription', () => {
    expect(judge(rule, withLock({ scope: SUB, lock_level: 'CanNotDelete' }), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('compliant: ReadOnly also blocks deletion', () => {
    expect(judge(rule, withLock({ scope: '${azurerm_storage_account.evidence.id}', lock_level: 'ReadOnly' }), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: no lock', () => {
    const doc = evidenceDoc();
    delete doc.resource.azurerm_management_lock;
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no azurerm_management_lock/);
  });

  test('non-compliant: a lock on another resource group', () => {
    expect(judge(rule, withLock({ scope: `${SUB}/resourceGroups/other`, lock_level: 'CanNotDelete' }), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount() } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: lock_level is a variable', () => {
    expect(judge(rule, withLock({ scope: '${azurerm_storage_account.evidence.id}', lock_level: '${var.level}' }), EVIDENCE).verdict).toBe('UNKNOWN');
  });

  test('unknown: the only lock scope is a variable', () => {
    expect(judge(rule, withLock({ scope: '${var.scope}', lock_level: 'CanNotDelete' }), EVIDENCE).verdict).toBe('UNKNOWN');
  });
});
