import { StorageSecureTransport as rule } from '../../../../policies/rules/azure/StorageSecureTransport';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

const run = (overrides: Record<string, unknown>) => judge(rule, model(evidenceDoc(evidenceAccount(overrides))), EVIDENCE);

describe('AZURE.Storage.SecureTransport', () => {
  test('compliant: TLS1_2 and HTTPS only', () => expect(run({}).verdict).toBe('COMPLIANT'));

  test('compliant: TLS1_3', () => expect(run({ min_tls_version: 'TLS1_3' }).verdict).toBe('COMPLIANT'));

  test('compliant: both absent take the provider defaults TLS1_2 and HTTPS only', () => {
    const j = run({ min_tls_version: undefined, https_traffic_only_enabled: undefined });
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/provider default TLS1_2.*provider default true/);
  });

  test('non-compliant: TLS1_0 accepted', () => {
    const j = run({ min_tls_version: 'TLS1_0' });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/min_tls_version is TLS1_0/);
  });

  test('non-compliant: plain HTTP accepted', () => {
    const j = run({ https_traffic_only_enabled: false });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/https_traffic_only_enabled is false/);
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount({ min_tls_version: 'TLS1_0' }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: min_tls_version is a variable', () => expect(run({ min_tls_version: '${var.tls}' }).verdict).toBe('UNKNOWN'));
});
