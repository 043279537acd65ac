import { StorageEvidenceAccountHardening as rule } from '../../../../policies/rules/azure/StorageEvidenceAccountHardening';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

const run = (overrides: Record<string, unknown>) => judge(rule, model(evidenceDoc(evidenceAccount(overrides))), EVIDENCE);

describe('AZURE.Storage.EvidenceAccountHardening', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant: no local users or SFTP, no cross-tenant replication, copy scope AAD, double encryption', () => {
    const j = run({});
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/local_user_enabled false, .*infrastructure_encryption_enabled true, allowed_copy_scope "AAD"/);
  });

  test('compliant: copy scope PrivateLink, sftp and cross-tenant replication absent (provider defaults false)', () => {
    expect(run({ allowed_copy_scope: 'PrivateLink', sftp_enabled: undefined, cross_tenant_replication_enabled: undefined }).verdict).toBe('COMPLIANT');
  });

  test.each([
    ['local users on', { local_user_enabled: true }, /local_user_enabled true; it should be false/],
    ['local users absent (provider default true)', { local_user_enabled: undefined }, /local_user_enabled absent \(default true\); it should be false/],
    ['SFTP on', { sftp_enabled: true }, /sftp_enabled true; it should be false/],
    ['cross-tenant replication on', { cross_tenant_replication_enabled: true }, /cross_tenant_replication_enabled true; it should be false/],
    ['no infrastructure encryption (provider default false)', { infrastructure_encryption_enabled: undefined }, /infrastructure_encryption_enabled absent \(default false\); it should be true/],
    ['copy scope absent', { allowed_copy_scope: undefined }, /allowed_copy_scope absent \(copies to and from any account\)/],
  ])('non-compliant: %s', (_name, overrides, because) => {
    const j = run(overrides);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(because);
  });

  test('non-compliant: every failing setting is named', () => {
    expect(run({ local_user_enabled: true, sftp_enabled: true }).reason).toMatch(/local_user_enabled true.*; sftp_enabled true/);
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount({ local_user_enabled: true }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: local_user_enabled is a variable', () => {
    const j = run({ local_user_enabled: '${var.local_users}' });
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toBe('local_user_enabled cannot be resolved before deploy');
  });
});
