import { StorageBlobDataAccessLogs as rule } from '../../../../policies/rules/azure/StorageBlobDataAccessLogs';
import { judge } from '../../helpers';
import { Doc, evidenceAccount, evidenceDoc, model } from './_fixtures';

const DATA = 'azurerm_storage_account.data';
const blobLogs = (overrides: Record<string, unknown> = {}) => ({
  name: 'blob-logs',
  target_resource_id: '${azurerm_storage_account.data.id}/blobServices/default',
  log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}',
  enabled_log: [{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: 'StorageDelete' }],
  ...overrides,
});
const dataDoc = (settings: Record<string, Record<string, unknown>> = { blob: blobLogs() }, account: Record<string, unknown> = { name: 'sttraining' }): Doc => ({
  resource: {
    azurerm_log_analytics_workspace: { law: { name: 'law', retention_in_days: 90 } },
    azurerm_storage_account: { data: account },
    ...(Object.keys(settings).length > 0 ? { azurerm_monitor_diagnostic_setting: settings } : {}),
  },
});

describe('AZURE.Storage.BlobDataAccessLogs', () => {
  test('compliant: StorageRead, StorageWrite and StorageDelete on the blob service', () => {
    expect(judge(rule, model(dataDoc()), DATA).verdict).toBe('COMPLIANT');
  });

  test('compliant: category_group allLogs', () => {
    expect(judge(rule, model(dataDoc({ blob: blobLogs({ enabled_log: { category_group: 'allLogs' } }) })), DATA).verdict).toBe('COMPLIANT');
  });

  test('compliant: categories split across two settings, one to storage', () => {
    const doc = dataDoc({
      a: blobLogs({ enabled_log: [{ category: 'StorageRead' }] }),
      b: blobLogs({ name: 'blob-archive', log_analytics_workspace_id: undefined, storage_account_id: '/subscriptions/x/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/archive', enabled_log: [{ category: 'StorageWrite' }, { category: 'StorageDelete' }] }),
    });
    expect(judge(rule, model(doc), DATA).verdict).toBe('COMPLIANT');
  });

  test('compliant: a literal blob service id naming the account', () => {
    const doc = dataDoc({ blob: blobLogs({ target_resource_id: '/subscriptions/x/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/sttraining/blobServices/default' }) });
    expect(judge(rule, model(doc), DATA).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: StorageRead missing', () => {
    const j = judge(rule, model(dataDoc({ blob: blobLogs({ enabled_log: [{ category: 'StorageWrite' }, { category: 'StorageDelete' }] }) })), DATA);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/missing StorageRead/);
  });

  test('non-compliant: the setting is on the account id (metrics only), not the blob service', () => {
    const j = judge(rule, model(dataDoc({ blob: blobLogs({ target_resource_id: '${azurerm_storage_account.data.id}' }) })), DATA);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no diagnostic setting records the blob service/);
  });

  test('non-compliant: no diagnostic setting at all', () => {
    expect(judge(rule, model(dataDoc({})), DATA).verdict).toBe('NON_COMPLIANT');
  });

  test('non-compliant: sends only to an Event Hub', () => {
    const doc = dataDoc({ blob: blobLogs({ name: 'blob-archive', log_analytics_workspace_id: undefined, eventhub_authorization_rule_id: 'rule' }) });
    const j = judge(rule, model(doc), DATA);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/neither log_analytics_workspace_id nor storage_account_id/);
  });

  test('applies to an evidence store only when it is an ML workspace storage account', () => {
    const doc = evidenceDoc(evidenceAccount(), { azurerm_machine_learning_workspace: { ml: { name: 'mlw', storage_account_id: '${azurerm_storage_account.evidence.id}' } } });
    expect(judge(rule, model(doc), 'azurerm_storage_account.evidence').verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: an evidence store', () => {
    expect(judge(rule, model(evidenceDoc()), 'azurerm_storage_account.evidence').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: a category is a variable', () => {
    const doc = dataDoc({ blob: blobLogs({ enabled_log: [{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: '${var.c}' }] }) });
    expect(judge(rule, model(doc), DATA).verdict).toBe('UNKNOWN');
  });

  test('unknown: the only diagnostic setting targets a variable', () => {
    expect(judge(rule, model(dataDoc({ blob: blobLogs({ target_resource_id: '${var.target}' }) })), DATA).verdict).toBe('UNKNOWN');
  });
});
