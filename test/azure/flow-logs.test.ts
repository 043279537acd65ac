import { Testing } from 'cdktf';
import { Retention, WARNINGS } from '../../constructs/core';
import { EvidenceStorage, FlowLogs, FlowLogsProps, LogAnalytics, VNET_FLOW_LOG_CONTAINER } from '../../constructs/azure';
import { EXTERNAL_STORE, EXTERNAL_WORKSPACE, only, synth, VNET_ID, warningIds } from './helpers';

function build(props: Partial<FlowLogsProps> = {}) {
  return synth((stack) => {
    new FlowLogs(stack, 'FlowLogs', { virtualNetworkId: VNET_ID, location: 'westeurope', destination: EXTERNAL_STORE, workspace: EXTERNAL_WORKSPACE, ...props });
  });
}

describe('FlowLogs', () => {
  test('defaults: a version 2 VNet flow log kept 365 days, traffic analytics every 10 minutes', () => {
    const s = build();
    const flowLog = only(s, 'azurerm_network_watcher_flow_log');
    expect(flowLog).toMatchObject({
      target_resource_id: VNET_ID,
      storage_account_id: EXTERNAL_STORE.storageAccountId,
      network_watcher_name: 'NetworkWatcher_westeurope',
      resource_group_name: 'NetworkWatcherRG',
      location: 'westeurope',
      enabled: true,
      version: 2,
      retention_policy: { enabled: true, days: 365 },
      traffic_analytics: {
        enabled: true,
        interval_in_minutes: 10,
        workspace_id: EXTERNAL_WORKSPACE.workspaceGuid,
        workspace_region: 'westeurope',
        workspace_resource_id: EXTERNAL_WORKSPACE.workspaceResourceId,
      },
      tags: { 'forensic-evidence-source': 'network-flow' },
    });
    expect(flowLog.name).toMatch(/^forensic-flow-log-[0-9a-f]{12}$/);
    // NSG flow logs can no longer be created: the deprecated NSG attribute is never set.
    expect(flowLog).not.toHaveProperty('network_security_group_id');
    expect(warningIds(s.stack)).toEqual([]);
  });

  test('with the kit stores, the flow-log container is locked first and analytics uses the workspace GUID', () => {
    const s = synth((stack) => {
      const evidence = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'West Europe', accountName: 'evidence01' });
      const la = new LogAnalytics(stack, 'LogAnalytics', { resourceGroupName: 'rg', location: 'westeurope', workspaceName: 'logs01' });
      new FlowLogs(stack, 'FlowLogs', { virtualNetworkId: VNET_ID, location: 'westeurope', destination: evidence, workspace: la });
    });
    expect(only(s, 'azurerm_storage_container').name).toBe(VNET_FLOW_LOG_CONTAINER);
    const flowLog = only(s, 'azurerm_network_watcher_flow_log');
    expect(flowLog.depends_on).toEqual([expect.stringMatching(/^azurerm_storage_container_immutability_policy\./)]);
    expect(flowLog.traffic_analytics.workspace_id).toMatch(/^\$\{azurerm_log_analytics_workspace\..+\.workspace_id\}$/);
    expect(flowLog.traffic_analytics.workspace_resource_id).toMatch(/^\$\{azurerm_log_analytics_workspace\..+\.id\}$/);
  });

  test('retention, interval, watcher, name and tags overrides', () => {
    const s = build({
      retention: Retention.days(90),
      trafficAnalyticsIntervalMinutes: 60,
      networkWatcherName: 'nw',
      networkWatcherResourceGroupName: 'nw-rg',
      flowLogName: 'vnet-flows',
      tags: { team: 'net' },
    });
    expect(Testing.toHaveResourceWithProperties(s.text, 'azurerm_network_watcher_flow_log', {
      name: 'vnet-flows',
      network_watcher_name: 'nw',
      resource_group_name: 'nw-rg',
      retention_policy: { enabled: true, days: 90 },
      traffic_analytics: { interval_in_minutes: 60 },
      tags: { team: 'net' },
    })).toBe(true);
    expect(warningIds(s.stack).sort()).toEqual([WARNINGS.SHORT_RETENTION, WARNINGS.WEAKENED_DEFAULT].sort());
  });

  test('trafficAnalyticsEnabled false keeps storage only, without a traffic_analytics block, and warns', () => {
    const s = build({ trafficAnalyticsEnabled: false, workspace: undefined });
    expect(only(s, 'azurerm_network_watcher_flow_log')).not.toHaveProperty('traffic_analytics');
    expect(warningIds(s.stack)).toEqual([WARNINGS.WEAKENED_DEFAULT]);
  });

  test('fails when virtualNetworkId is not a VNet id', () => {
    expect(() => build({ virtualNetworkId: `${VNET_ID}/subnets/a` })).toThrow(/virtualNetworkId must be a Resource Manager id of a Microsoft.Network\/virtualNetworks/);
  });
  test('fails when the destination is in another region', () => {
    expect(() => build({ destination: { ...EXTERNAL_STORE, location: 'northeurope' } })).toThrow(/destination must be a storage account in the VNet's region/);
  });
  test('fails when retention is outside 1 to 365 days', () => {
    expect(() => build({ retention: Retention.days(366) })).toThrow(/retention must be 1 to 365 days/);
  });
  test('fails when trafficAnalyticsIntervalMinutes is not 10 or 60', () => {
    expect(() => build({ trafficAnalyticsIntervalMinutes: 30 as never })).toThrow(/trafficAnalyticsIntervalMinutes must be one of 10, 60, got 30/);
  });
  test('fails when traffic analytics is on without a workspace', () => {
    expect(() => build({ workspace: undefined })).toThrow(/workspace must be a Log Analytics workspace/);
  });
});
