import { isSubscriptionId, parseArmId, pointersTo, unresolvedPointers, isEvidenceStore, isDataStore, evidenceWriters } from '../../../../policies/rules/azure/_shared';
import { model } from './_fixtures';

describe('Azure rule helpers', () => {
  test('parseArmId reads the provider type, name and the path after it, case-insensitively', () => {
    expect(parseArmId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/StEv/blobServices/default')).toEqual({
      key: 'microsoft.storage/storageaccounts/stev',
      subPath: '/blobServices/default',
    });
    expect(parseArmId('/subscriptions/s/resourceGroups/My-RG')).toEqual({ key: 'microsoft.resources/resourcegroups/my-rg', subPath: '' });
    expect(parseArmId('not an id')).toBeUndefined();
    expect(parseArmId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${var.n}')).toBeUndefined();
  });

  test('isSubscriptionId accepts literal, interpolated and data-source subscription ids only', () => {
    expect(isSubscriptionId('/subscriptions/00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(isSubscriptionId('/subscriptions/${data.azurerm_client_config.current.subscription_id}')).toBe(true);
    expect(isSubscriptionId('${data.azurerm_subscription.primary.id}')).toBe(true);
    expect(isSubscriptionId('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg')).toBe(false);
    expect(isSubscriptionId('${azurerm_storage_account.x.id}')).toBe(false);
    expect(isSubscriptionId(undefined)).toBe(false);
  });

  test('a reference to a data source points outside the template, a variable is unresolved', () => {
    const m = model({
      resource: {
        azurerm_virtual_network: { vnet: { name: 'v' } },
        azurerm_network_watcher_flow_log: {
          external: { name: 'a', target_resource_id: '${data.azurerm_virtual_network.other.id}' },
          open: { name: 'b', target_resource_id: '${var.vnet}' },
          subnet: { name: 'c', target_resource_id: '${azurerm_subnet.s.id}' },
        },
      },
    });
    const vnet = m.byAddress('azurerm_virtual_network.vnet')!;
    expect(pointersTo(m, vnet, ['azurerm_network_watcher_flow_log'], 'target_resource_id')).toEqual([]);
    expect(unresolvedPointers(m, ['azurerm_network_watcher_flow_log'], 'target_resource_id', 'azurerm_virtual_network').map((r) => r.address)).toEqual([
      'azurerm_network_watcher_flow_log.open',
    ]);
  });

  test('evidence stores are those a log producer writes into; a setting on the account itself is not a writer', () => {
    const m = model({
      resource: {
        azurerm_storage_account: { logs: { name: 'logs' }, data: { name: 'data' } },
        azurerm_monitor_diagnostic_setting: {
          blob: { name: 'b', target_resource_id: '${azurerm_storage_account.data.id}/blobServices/default', storage_account_id: '${azurerm_storage_account.logs.id}' },
        },
        azurerm_log_analytics_data_export_rule: { exp: { name: 'e', destination_resource_id: '${azurerm_storage_account.logs.id}' } },
      },
    });
    const logs = m.byAddress('azurerm_storage_account.logs')!;
    const data = m.byAddress('azurerm_storage_account.data')!;
    expect(evidenceWriters(m, logs).map((r) => r.address)).toEqual(['azurerm_monitor_diagnostic_setting.blob', 'azurerm_log_analytics_data_export_rule.exp']);
    expect(isEvidenceStore(m, logs)).toBe(true);
    expect(isEvidenceStore(m, data)).toBe(false);
    expect(isDataStore(m, data)).toBe(true);
    expect(isDataStore(m, logs)).toBe(false);
  });
});
