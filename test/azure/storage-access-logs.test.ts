import { Testing } from 'cdktf';
import { WARNINGS } from '../../constructs/core';
import { EvidenceStorage, StorageAccessLogs, StorageAccessLogsProps } from '../../constructs/azure';
import { EXTERNAL_STORE, EXTERNAL_WORKSPACE, only, resources, STORAGE_ID, synth, warningIds } from './helpers';

function build(props: Partial<StorageAccessLogsProps> = {}) {
  return synth((stack) => {
    new StorageAccessLogs(stack, 'AccessLogs', { storageAccountId: STORAGE_ID, destination: EXTERNAL_STORE, workspace: EXTERNAL_WORKSPACE, ...props });
  });
}

describe('StorageAccessLogs', () => {
  test('defaults: reads, writes and deletes of the blob service, with metrics, into storage and Log Analytics', () => {
    const s = build();
    const setting = only(s, 'azurerm_monitor_diagnostic_setting');
    expect(setting).toMatchObject({
      name: 'forensic-readiness-blob-access',
      target_resource_id: `${STORAGE_ID}/blobServices/default`,
      storage_account_id: EXTERNAL_STORE.storageAccountId,
      log_analytics_workspace_id: EXTERNAL_WORKSPACE.workspaceResourceId,
      enabled_log: [{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: 'StorageDelete' }],
      enabled_metric: [{ category: 'Transaction' }, { category: 'Capacity' }],
    });
    // The deprecated `metric` block is not used.
    expect(setting).not.toHaveProperty('metric');
    expect(Testing.toHaveResourceWithProperties(s.text, 'azurerm_monitor_diagnostic_setting', { target_resource_id: `${STORAGE_ID}/blobServices/default` })).toBe(true);
    expect(warningIds(s.stack)).toEqual([]);
  });

  test('with EvidenceStorage, the three log containers are created locked first', () => {
    const s = synth((stack) => {
      const evidence = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' });
      new StorageAccessLogs(stack, 'AccessLogs', { storageAccountId: STORAGE_ID, destination: evidence, workspace: EXTERNAL_WORKSPACE });
    });
    expect(resources(s, 'azurerm_storage_container').map((c) => c.name).sort()).toEqual(['insights-logs-storagedelete', 'insights-logs-storageread', 'insights-logs-storagewrite']);
    expect(only(s, 'azurerm_monitor_diagnostic_setting').depends_on).toHaveLength(3);
  });

  test('metricsEnabled false drops metrics and warns', () => {
    const s = build({ metricsEnabled: false });
    expect(only(s, 'azurerm_monitor_diagnostic_setting')).not.toHaveProperty('enabled_metric');
    expect(warningIds(s.stack)).toEqual([WARNINGS.WEAKENED_DEFAULT]);
  });

  test('without a workspace it writes to storage only, and warns', () => {
    const s = build({ workspace: undefined });
    expect(only(s, 'azurerm_monitor_diagnostic_setting')).not.toHaveProperty('log_analytics_workspace_id');
    expect(warningIds(s.stack)).toEqual([WARNINGS.WEAKENED_DEFAULT]);
  });

  test('settingName override names the setting', () => {
    expect(only(build({ settingName: 'blob-audit' }), 'azurerm_monitor_diagnostic_setting').name).toBe('blob-audit');
  });

  test('fails when storageAccountId is not a storage account id', () => {
    expect(() => build({ storageAccountId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v' })).toThrow(/storageAccountId must be a Resource Manager id of a Microsoft.Storage\/storageAccounts/);
  });
  test('fails when the destination is the monitored account itself', () => {
    expect(() => build({ destination: { storageAccountId: STORAGE_ID, location: 'westeurope' } })).toThrow(/destination must be another storage account/);
    expect(() =>
      synth((stack) => {
        const evidence = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' });
        new StorageAccessLogs(stack, 'AccessLogs', { storageAccountId: evidence.storageAccountId, destination: evidence });
      }),
    ).toThrow(/destination must be another storage account/);
  });
});
