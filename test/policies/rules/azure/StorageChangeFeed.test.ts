import { StorageChangeFeed as rule } from '../../../../policies/rules/azure/StorageChangeFeed';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

const blob = (props: Record<string, unknown>) => evidenceDoc(evidenceAccount({ blob_properties: { versioning_enabled: true, ...props } }));

describe('AZURE.Storage.ChangeFeed', () => {
  test('compliant: change feed on, retention unset (kept forever)', () => {
    const j = judge(rule, model(blob({ change_feed_enabled: true })), EVIDENCE);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/kept forever/);
  });

  test('compliant: change feed retention at the floor', () => {
    expect(judge(rule, model(blob({ change_feed_enabled: true, change_feed_retention_in_days: 365 })), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: change feed retention below the floor', () => {
    const j = judge(rule, model(blob({ change_feed_enabled: true, change_feed_retention_in_days: 7 })), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/change_feed_retention_in_days is 7/);
  });

  test('non-compliant: change feed off', () => {
    expect(judge(rule, model(blob({ change_feed_enabled: false })), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('non-compliant: change_feed_enabled absent (provider default false)', () => {
    expect(judge(rule, model(blob({})), EVIDENCE).reason).toMatch(/absent \(provider default false\)/);
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount() } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: retention is a variable', () => {
    expect(judge(rule, model(blob({ change_feed_enabled: true, change_feed_retention_in_days: '${var.days}' })), EVIDENCE).verdict).toBe('UNKNOWN');
  });
});
