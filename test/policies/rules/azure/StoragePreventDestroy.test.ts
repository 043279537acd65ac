import { StoragePreventDestroy as rule } from '../../../../policies/rules/azure/StoragePreventDestroy';
import { ResourceModel, cloudOf } from '../../../../policies/engine/model';
import { Resource } from '../../../../policies/engine/types';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

describe('AZURE.Storage.PreventDestroy', () => {
  test('compliant: lifecycle.prevent_destroy true', () => {
    expect(judge(rule, model(evidenceDoc()), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: no lifecycle', () => {
    const j = judge(rule, model(evidenceDoc(evidenceAccount({ lifecycle: undefined }))), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe('lifecycle.prevent_destroy is absent');
  });

  test('non-compliant: prevent_destroy false', () => {
    expect(judge(rule, model(evidenceDoc(evidenceAccount({ lifecycle: { prevent_destroy: false } }))), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount({ lifecycle: undefined }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: a plan (terraform show -json) carries no lifecycle', () => {
    const account: Resource = {
      address: 'azurerm_storage_account.evidence',
      type: 'azurerm_storage_account',
      properties: { name: 'stevidence', tags: { 'forensic-evidence-store': 'true' } },
      attributes: {},
      sourceFile: 'plan.json',
      format: 'terraform-plan',
      cloud: cloudOf('azurerm_storage_account'),
      suppressions: [],
    };
    const j = judge(rule, new ResourceModel([account]), EVIDENCE);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/does not record lifecycle/);
  });

  test('unknown: prevent_destroy is a variable', () => {
    expect(judge(rule, model(evidenceDoc(evidenceAccount({ lifecycle: { prevent_destroy: '${var.keep}' } }))), EVIDENCE).verdict).toBe('UNKNOWN');
  });
});
