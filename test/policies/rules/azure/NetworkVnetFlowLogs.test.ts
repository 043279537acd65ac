import { NetworkVnetFlowLogs as rule } from '../../../../policies/rules/azure/NetworkVnetFlowLogs';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const V = 'azurerm_virtual_network.vnet';
const flowLog = (overrides: Record<string, unknown> = {}) => ({
  name: 'vnet-flows',
  network_watcher_name: 'nw',
  resource_group_name: 'rg',
  target_resource_id: '${azurerm_virtual_network.vnet.id}',
  storage_account_id: '${azurerm_storage_account.evidence.id}',
  enabled: true,
  version: 2,
  retention_policy: { enabled: true, days: 365 },
  ...overrides,
});
const doc = (logs: Record<string, Record<string, unknown>> = { fl: flowLog() }) => ({
  resource: {
    azurerm_virtual_network: { vnet: { name: 'vnet-ml', address_space: ['10.0.0.0/16'] } },
    azurerm_storage_account: { evidence: { name: 'stevidence' } },
    ...(Object.keys(logs).length > 0 ? { azurerm_network_watcher_flow_log: logs } : {}),
  },
});

describe('AZURE.Network.VnetFlowLogs', () => {
  test('compliant: enabled, version 2, 365 days', () => expect(judge(rule, model(doc()), V).verdict).toBe('COMPLIANT'));

  test('compliant: retention days 0 keeps the logs forever (block as a list)', () => {
    const j = judge(rule, model(doc({ fl: flowLog({ retention_policy: [{ enabled: true, days: 0 }] }) })), V);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/0 \(forever\)/);
  });

  test('compliant: a literal VNet id', () => {
    const fl = flowLog({ target_resource_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-ml' });
    expect(judge(rule, model(doc({ fl })), V).verdict).toBe('COMPLIANT');
  });

  test('compliant: one good flow log among bad ones', () => {
    expect(judge(rule, model(doc({ bad: flowLog({ enabled: false }), good: flowLog() })), V).verdict).toBe('COMPLIANT');
  });

  test('unknown: a flow log into a storage account outside the inputs (a literal id naming none, a data source); a literal id of an input account is judged', () => {
    const other = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/other';
    expect(judge(rule, model(doc({ fl: flowLog({ storage_account_id: other }) })), V)).toEqual({ verdict: 'UNKNOWN', reason: `azurerm_network_watcher_flow_log.fl: storage_account_id ${other} names no storage account of the inputs: whether it keeps the flow logs immutable cannot be checked here` });
    expect(judge(rule, model(doc({ fl: flowLog({ storage_account_id: '${data.azurerm_storage_account.central.id}' }) })), V).verdict).toBe('UNKNOWN');
    const own = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stevidence';
    expect(judge(rule, model(doc({ fl: flowLog({ storage_account_id: own }) })), V).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: no flow log', () => {
    const j = judge(rule, model(doc({})), V);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no azurerm_network_watcher_flow_log/);
  });

  test('non-compliant: a flow log on a subnet does not cover the VNet', () => {
    const j = judge(rule, model(doc({ fl: flowLog({ target_resource_id: '${azurerm_subnet.ml.id}' }) })), V);
    expect(j.verdict).toBe('NON_COMPLIANT');
  });

  test('non-compliant: disabled', () => expect(judge(rule, model(doc({ fl: flowLog({ enabled: false }) })), V).reason).toMatch(/enabled is false/));

  test('non-compliant: version absent (provider default 1)', () => {
    expect(judge(rule, model(doc({ fl: flowLog({ version: undefined }) })), V).reason).toMatch(/version is absent \(provider default 1\)/);
  });

  test('non-compliant: version 1', () => expect(judge(rule, model(doc({ fl: flowLog({ version: 1 }) })), V).verdict).toBe('NON_COMPLIANT'));

  test('non-compliant: retention policy disabled', () => {
    expect(judge(rule, model(doc({ fl: flowLog({ retention_policy: { enabled: false, days: 0 } }) })), V).reason).toMatch(/retention_policy.enabled is false/);
  });

  test('non-compliant: retention 90 days, below the floor', () => {
    const j = judge(rule, model(doc({ fl: flowLog({ retention_policy: { enabled: true, days: 90 } }) })), V);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/retention_policy.days is 90, below the floor of 365/);
  });

  test('unknown: retention days is a variable', () => {
    expect(judge(rule, model(doc({ fl: flowLog({ retention_policy: { enabled: true, days: '${var.days}' } }) })), V).verdict).toBe('UNKNOWN');
  });

  test('unknown: the only flow log targets a variable', () => {
    expect(judge(rule, model(doc({ fl: flowLog({ target_resource_id: '${var.vnet_id}' }) })), V).verdict).toBe('UNKNOWN');
  });
});
