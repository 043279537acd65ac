import { StorageSharedKeyDisabled as rule } from '../../../../policies/rules/azure/StorageSharedKeyDisabled';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

const run = (overrides: Record<string, unknown>) => judge(rule, model(evidenceDoc(evidenceAccount(overrides))), EVIDENCE);

describe('AZURE.Storage.SharedKeyDisabled', () => {
  test('compliant: shared_access_key_enabled false', () => expect(run({}).verdict).toBe('COMPLIANT'));

  test('non-compliant: shared_access_key_enabled true', () => {
    const j = run({ shared_access_key_enabled: true });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe('shared_access_key_enabled is true; it must be false');
  });

  test('non-compliant: absent (provider default true)', () => {
    expect(run({ shared_access_key_enabled: undefined }).reason).toMatch(/absent \(provider default true\)/);
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount({ shared_access_key_enabled: true }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: a variable', () => expect(run({ shared_access_key_enabled: '${var.keys}' }).verdict).toBe('UNKNOWN'));
});
