import { StorageBlobVersioning as rule } from '../../../../policies/rules/azure/StorageBlobVersioning';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

const blob = (props: Record<string, unknown>) => evidenceAccount({ blob_properties: props });

describe('AZURE.Storage.BlobVersioning', () => {
  test('compliant: versioning_enabled true (block written as an object)', () => {
    expect(judge(rule, model(evidenceDoc()), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('compliant: versioning_enabled true (block written as a one-element array)', () => {
    expect(judge(rule, model(evidenceDoc(evidenceAccount({ blob_properties: [{ versioning_enabled: true }] }))), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: versioning_enabled false', () => {
    const j = judge(rule, model(evidenceDoc(blob({ versioning_enabled: false }))), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe('blob_properties.versioning_enabled is false; it must be true');
  });

  test('non-compliant: no blob_properties (provider default false)', () => {
    const j = judge(rule, model(evidenceDoc(evidenceAccount({ blob_properties: undefined }))), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/absent \(provider default false\)/);
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: blob({}) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: versioning_enabled is a variable', () => {
    expect(judge(rule, model(evidenceDoc(blob({ versioning_enabled: '${var.v}' }))), EVIDENCE).verdict).toBe('UNKNOWN');
  });
});
