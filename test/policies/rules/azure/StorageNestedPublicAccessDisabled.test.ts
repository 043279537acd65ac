import { StorageNestedPublicAccessDisabled as rule } from '../../../../policies/rules/azure/StorageNestedPublicAccessDisabled';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

const run = (overrides: Record<string, unknown>) => judge(rule, model(evidenceDoc(evidenceAccount(overrides))), EVIDENCE);

describe('AZURE.Storage.NestedPublicAccessDisabled', () => {
  test('compliant: allow_nested_items_to_be_public false', () => expect(run({}).verdict).toBe('COMPLIANT'));

  test('compliant: the string "false" Terraform also accepts', () => expect(run({ allow_nested_items_to_be_public: 'false' }).verdict).toBe('COMPLIANT'));

  test('non-compliant: true', () => expect(run({ allow_nested_items_to_be_public: true }).verdict).toBe('NON_COMPLIANT'));

  test('non-compliant: absent (provider default true)', () => {
    const j = run({ allow_nested_items_to_be_public: undefined });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/provider default true/);
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount({ allow_nested_items_to_be_public: true }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: a variable', () => expect(run({ allow_nested_items_to_be_public: '${var.p}' }).verdict).toBe('UNKNOWN'));
});
