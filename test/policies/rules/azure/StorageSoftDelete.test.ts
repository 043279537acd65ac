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

  test('non-compliant: empty blocks take the provider default of 7 days, below the floor (plan arrays)', () => {
    const j = judge(rule, model(blob({ delete_retention_policy: [{}], container_delete_retention_policy: [{}] })), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/delete_retention_policy.days 7 \(default\), .*container_delete_retention_policy.days 7 \(default\): below 365 days/);
  });

  test('non-compliant: blob soft delete kept 364 days', () => {
    const j = judge(rule, model(blob({ delete_retention_policy: { days: 364 }, container_delete_retention_policy: { days: 365 } })), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe('blob_properties.delete_retention_policy.days 364: below 365 days (the retention floor, capped at the service maximum of 365)');
  });

  test('non-compliant: container soft delete kept 30 days (object and list forms)', () => {
    const j = judge(rule, model(blob({ delete_retention_policy: [{ days: 365 }], container_delete_retention_policy: { days: 30 } })), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/^blob_properties.container_delete_retention_policy.days 30: below 365/);
  });

  test('the threshold is the retention floor from the config', () => {
    const doc = model(blob({ delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 30 } }));
    expect(judge(rule, doc, EVIDENCE, { retentionFloorDays: 30, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 }).verdict).toBe('COMPLIANT');
    expect(judge(rule, doc, EVIDENCE, { retentionFloorDays: 31, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 }).verdict).toBe('NON_COMPLIANT');
  });

  test('a floor above 365 days is capped at the service maximum of 365', () => {
    const j = judge(rule, model(evidenceDoc()), EVIDENCE, { retentionFloorDays: 3650, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 });
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/\(at least 365\)/);
  });

  test('non-compliant: no blob soft delete', () => {
    const j = judge(rule, model(blob({ container_delete_retention_policy: { days: 365 } })), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/blob_properties.delete_retention_policy is absent/);
  });

  test('non-compliant: no container soft delete (empty plan list)', () => {
    const j = judge(rule, model(blob({ delete_retention_policy: { days: 365 }, container_delete_retention_policy: [] })), EVIDENCE);
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
