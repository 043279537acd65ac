import { resourceFact } from '../../../../policies/engine/model';
import { LINKS, azureIndex, isAppendContainer, settingTarget, writtenContainers, isSubscriptionId, parseArmId, pointersTo, unresolvedPointers, isEvidenceStore, isDataStore, evidenceWriters } from '../../../../policies/facts/azure';
import { SUB, model } from '../../rules/azure/_fixtures';

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

  test('byFrom says where each resource points: a resource by reference or by literal id, a key naming none, nothing for the rest', () => {
    const m = model({
      resource: {
        azurerm_storage_account: { st: { name: 'stev' } },
        azurerm_monitor_diagnostic_setting: {
          byRef: { name: 'a', target_resource_id: '${azurerm_storage_account.st.id}/blobServices/default' },
          byId: { name: 'b', target_resource_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/StEv' },
          elsewhere: { name: 'c', target_resource_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/x' },
          open: { name: 'd', target_resource_id: '${var.target}' },
        },
      },
    });
    const st = m.byAddress('azurerm_storage_account.st')!;
    const at = (name: string) => azureIndex(m).linksOf(LINKS.diagnosticTarget).byFrom.get(m.byAddress(`azurerm_monitor_diagnostic_setting.${name}`)!);
    expect(at('byRef')).toEqual({ target: st, subPath: '/blobServices/default' });
    expect(at('byId')).toEqual({ target: st, subPath: '' });
    expect(at('elsewhere')).toEqual({ key: 'microsoft.keyvault/vaults/kv', subPath: '/x' });
    expect(at('open')).toBeUndefined();
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
    expect(pointersTo(m, vnet, LINKS.flowLogTarget)).toEqual([]);
    expect(unresolvedPointers(m, LINKS.flowLogTarget, 'azurerm_virtual_network').map((r) => r.address)).toEqual([
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

  test('settingTarget names what a diagnostic setting records, from a reference, a data source or a literal id', () => {
    const id = (p: string) => `${SUB}/resourceGroups/rg/providers/${p}`;
    const targets: Record<string, string> = {
      sub: SUB,
      ml: '${azurerm_machine_learning_workspace.ml.id}',
      blob: '${azurerm_storage_account.data.id}/blobServices/default',
      account: '${azurerm_storage_account.data.id}',
      kv: '${data.azurerm_key_vault.shared.id}',
      endpoint: id('Microsoft.MachineLearningServices/workspaces/mlw/onlineEndpoints/scoring'),
      registry: id('Microsoft.MachineLearningServices/registries/shared'),
      aks: '${azurerm_kubernetes_cluster.aks.id}',
      open: '${var.target}',
    };
    const m = model({
      resource: {
        azurerm_storage_account: { data: { name: 'data' } },
        azurerm_machine_learning_workspace: { ml: { name: 'mlw' } },
        azurerm_monitor_diagnostic_setting: Object.fromEntries(Object.entries(targets).map(([k, t]) => [k, { name: k, target_resource_id: t }])),
      },
    });
    const kinds = Object.fromEntries(Object.keys(targets).map((k) => [k, settingTarget(m, m.byAddress(`azurerm_monitor_diagnostic_setting.${k}`)!)]));
    expect(kinds).toEqual({
      sub: { kind: 'subscription', unresolved: false },
      ml: { kind: 'ml-workspace', unresolved: false },
      blob: { kind: 'blob-service', unresolved: false },
      account: { kind: 'other', unresolved: false },
      kv: { kind: 'key-vault', unresolved: false },
      endpoint: { kind: 'ml-online-endpoint', unresolved: false },
      registry: { kind: 'ml-registry', unresolved: false },
      aks: { kind: 'other', unresolved: false },
      open: { kind: undefined, unresolved: true },
    });
  });

  test('writtenContainers expands allLogs of a known resource type and sets apart what cannot be listed', () => {
    const m = model({
      resource: {
        azurerm_storage_account: { logs: { name: 'logs' } },
        azurerm_key_vault: { kv: { name: 'kv' } },
        azurerm_monitor_diagnostic_setting: {
          kv: { name: 'kv', target_resource_id: '${azurerm_key_vault.kv.id}', storage_account_id: '${azurerm_storage_account.logs.id}', enabled_log: [{ category_group: 'allLogs' }] },
          audit: { name: 'a', target_resource_id: '${azurerm_key_vault.kv.id}', storage_account_id: '${azurerm_storage_account.logs.id}', enabled_log: [{ category_group: 'audit' }] },
        },
        azurerm_network_watcher_flow_log: { f: { name: 'f', storage_account_id: '${azurerm_storage_account.logs.id}' } },
      },
    });
    const w = writtenContainers(m, m.byAddress('azurerm_storage_account.logs')!);
    expect(w.containers.map((c) => [c.name, c.viaGroup, c.append])).toEqual([
      ['insights-logs-auditevent', true, true],
      ['insights-logs-azurepolicyevaluationdetails', true, true],
      ['insights-logs-flowlogflowevent', false, false],
    ]);
    expect(w.unlisted.map((r) => r.address)).toEqual(['azurerm_monitor_diagnostic_setting.audit']);
    expect(isAppendContainer('insights-activity-logs')).toBe(true);
    expect(isAppendContainer('insights-logs-flowlogflowevent')).toBe(false);
    expect(isAppendContainer('evidence-misc')).toBe(false);
  });

  test('the index builds each fact once per model and keeps models apart', () => {
    let calls = 0;
    const counted = resourceFact('counted', (_m, r) => {
      calls++;
      return r.address;
    });
    const a = model({ resource: { azurerm_storage_account: { x: { name: 'x' } } } });
    const b = model({ resource: { azurerm_storage_account: { x: { name: 'x' } } } });
    const ra = a.byAddress('azurerm_storage_account.x')!;
    const rb = b.byAddress('azurerm_storage_account.x')!;
    expect([counted(a, ra), counted(a, ra), counted(b, rb), counted(a, ra)]).toEqual(Array(4).fill('azurerm_storage_account.x'));
    expect(calls).toBe(2);
    expect(azureIndex(a)).toBe(azureIndex(a));
    expect(azureIndex(a)).not.toBe(azureIndex(b));
    expect(azureIndex(a).linksOf(LINKS.containerAccount)).toBe(azureIndex(a).linksOf(LINKS.containerAccount));
  });

  test('named: the resources of one ARM type by lower-case name; ambiguous names give both; other keys none', () => {
    const m = model({
      resource: {
        azurerm_storage_account: { a: { name: 'Logs' }, b: { name: 'logs' }, c: { name: 'other' }, d: { name: '${var.name}' } },
        azurerm_resource_group: { rg: { name: 'RG-Forensics' } },
      },
    });
    const index = azureIndex(m);
    const addresses = (key: string) => index.named(key)?.map((r) => r.address);
    expect(addresses('microsoft.storage/storageaccounts/logs')).toEqual(['azurerm_storage_account.a', 'azurerm_storage_account.b']);
    expect(addresses('microsoft.storage/storageaccounts/other')).toEqual(['azurerm_storage_account.c']);
    expect(addresses('microsoft.resources/resourcegroups/rg-forensics')).toEqual(['azurerm_resource_group.rg']);
    // A name of another type, a nested type, an unknown type, a key without a type, a name known only at deploy.
    expect(addresses('microsoft.resources/resourcegroups/logs')).toBeUndefined();
    expect(addresses('microsoft.storage/storageaccounts/logs/blobservices/default')).toBeUndefined();
    expect(addresses('microsoft.web/sites/logs')).toBeUndefined();
    expect(addresses('logs')).toBeUndefined();
    expect(addresses('microsoft.storage/storageaccounts/${var.name}')).toBeUndefined();
  });
});
