import { StorageSoftDelete as rule } from '../../../../policies/rules/azure/StorageSoftDelete';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

const blob = (props: Record<string, unknown>) => evidenceDoc(evidenceAccount({ blob_properties: { versioning_enabled: true, change_feed_enabled: true, ...props } }));

describe('AZURE.Storage.SoftDelete', () => {
  test('compliant: blob and container soft delete on', () => {
    const j = judge(rule, model(evidenceDoc()), EVIDENCE);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/delete_retention_policy.days 365/);
  });

  test('compliant: empty blocks take the default of 7 days (plan arrays)', () => {
    const j = judge(rule, model(blob({ delete_retention_policy: [{}], container_delete_retention_policy: [{}] })), EVIDENCE);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/7 \(default\)/);
  });

  test('non-compliant: no blob soft delete', () => {
    const j = judge(rule, model(blob({ container_delete_retention_policy: { days: 30 } })), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/blob_properties.delete_retention_policy is absent/);
  });

  test('non-compliant: no container soft delete (empty plan list)', () => {
    const j = judge(rule, model(blob({ delete_retention_policy: { days: 30 }, container_delete_retention_policy: [] })), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/container_delete_retention_policy is absent/);
  });

  test('non-compliant: soft-deleted versions can be purged', () => {
    const j = judge(rule, model(blob({ delete_retention_policy: { days: 30, permanent_delete_enabled: true }, container_delete_retention_policy: { days: 30 } })), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/permanent_delete_enabled is true/);
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount({ blob_properties: undefined }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: days is a variable', () => {
    expect(judge(rule, model(blob({ delete_retention_policy: { days: '${var.d}' }, container_delete_retention_policy: { days: 7 } })), EVIDENCE).verdict).toBe('UNKNOWN');
  });
});
