import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { DEFAULT_RETENTION_DAYS, PropKeys, Retention, RETENTION_BOUNDS, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { announces, AZURE_NAMES, azureName, azureTagsProp, evidenceStore, logAnalyticsWorkspace, optionalAzureName, resourceId } from './azure-props';
import { azureTags, evidenceContainers, IEvidenceStore, ILogAnalyticsWorkspace, kitWarning, sameRegion } from './common';

/** The container Network Watcher writes VNet flow logs into. */
export const VNET_FLOW_LOG_CONTAINER = 'insights-logs-flowlogflowevent';

/** The props of the Azure FlowLogs: the VNet and its region, the store and workspace of the flow records, their retention, traffic analytics and the Network Watcher. */
export interface FlowLogsProps {
  /** The virtual network whose traffic is recorded. */
  readonly virtualNetworkId: string;
  /** The region of the virtual network (the flow log, the watcher and the storage account share it). */
  readonly location: string;
  /** The immutable store that keeps the flow records (same region as the VNet; an id string is refused). */
  readonly destination: IEvidenceStore;
  /** The workspace traffic analytics writes into (NTANetAnalytics). Required while traffic analytics is on. @default - none */
  readonly workspace?: ILogAnalyticsWorkspace;
  /** How long Network Watcher keeps flow-log blobs before deleting them (1 to 365 days; below 365 warns). @default - 365 days (the service maximum) */
  readonly retention?: Retention;
  /** Traffic analytics (enriched, queryable flows); false warns. @default - true */
  readonly trafficAnalyticsEnabled?: boolean;
  /** Traffic analytics processing interval, 10 or 60 minutes; 60 warns. @default - 10 */
  readonly trafficAnalyticsIntervalMinutes?: 10 | 60;
  /** The regional Network Watcher. @default - 'NetworkWatcher_<location>', the one Azure creates */
  readonly networkWatcherName?: string;
  /** Its resource group. @default - 'NetworkWatcherRG', the one Azure creates */
  readonly networkWatcherResourceGroupName?: string;
  /** Name of the flow log (unique per watcher). @default - derived from the construct path */
  readonly flowLogName?: string;
  /** Tags added to the flow log. @default - the kit's evidence tags only */
  readonly tags?: Record<string, string>;
}

/** The props FlowLogsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const FLOW_LOGS_PROPS_KEYS = { virtualNetworkId: true, location: true, destination: true, workspace: true, retention: true, trafficAnalyticsEnabled: true, trafficAnalyticsIntervalMinutes: true, networkWatcherName: true, networkWatcherResourceGroupName: true, flowLogName: true, tags: true } as const satisfies PropKeys<FlowLogsProps>;

/**
 * VNet flow logs (format version 2: bytes and packets per flow, allowed and denied) for a
 * virtual network, kept in EvidenceStorage and analysed by traffic analytics every 10 minutes.
 *
 * Honest limits: NSG flow logs can no longer be created (since 30 July 2025), so the target is the
 * VNet. Network Watcher must exist in the region (Azure enables it when a VNet is created, as
 * `NetworkWatcher_<region>` in `NetworkWatcherRG`). The storage account must be in the VNet's
 * region. Flow records arrive in batches, minutes late; they describe flows, not payloads.
 */
export class FlowLogs extends Construct {
  /** The VNet flow log (version 2), a child of the regional Network Watcher. */
  public readonly flowLog: NetworkWatcherFlowLog;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const where = `FlowLogs ${this.node.path}`;
    const check = propCheck(this);
    props = check.props<FlowLogsProps>('props', props, FLOW_LOGS_PROPS_KEYS, 'a FlowLogsProps object');
    const virtualNetworkId = resourceId(check, 'virtualNetworkId', props.virtualNetworkId, 'Microsoft.Network/virtualNetworks');
    const location = azureName(check, 'location', props.location, AZURE_NAMES.location);
    const destination = evidenceStore(check, 'destination', props.destination, { scope: this, where });
    if (!sameRegion(check, location, destination.location)) {
      check.fail('destination', destination.location, `a storage account in the VNet's region ${JSON.stringify(location)}`);
    }
    const workspace = logAnalyticsWorkspace(check, 'workspace', props.workspace);
    const retention = check.retention('retention', props.retention, RETENTION_BOUNDS.azureFlowLogRetention, Retention.days(RETENTION_BOUNDS.azureFlowLogRetention.maxDays));
    const analytics = check.bool('trafficAnalyticsEnabled', props.trafficAnalyticsEnabled, true);
    const interval = check.oneOf<number>('trafficAnalyticsIntervalMinutes', props.trafficAnalyticsIntervalMinutes, [10, 60], 10);
    if (analytics && !workspace) {
      check.fail('workspace', undefined, 'a Log Analytics workspace while trafficAnalyticsEnabled is true');
    }
    const watcherName = optionalAzureName(check, 'networkWatcherName', props.networkWatcherName, AZURE_NAMES.network);
    const watcherGroup = optionalAzureName(check, 'networkWatcherResourceGroupName', props.networkWatcherResourceGroupName, AZURE_NAMES.resourceGroup);
    const flowLogName = optionalAzureName(check, 'flowLogName', props.flowLogName, AZURE_NAMES.network);
    const userTags = azureTagsProp(check, 'tags', props.tags);
    // The watcher Azure creates is NetworkWatcher_<region name>; a token region is normalized by Terraform.
    const defaultWatcher = check.isToken(location)
      ? Fn.join('', ['NetworkWatcher_', Fn.lower(Fn.replace(location, ' ', ''))])
      : `NetworkWatcher_${location.toLowerCase().replace(/\s+/g, '')}`;

    this.flowLog = new NetworkWatcherFlowLog(this, 'Resource', {
      name: flowLogName ?? `forensic-flow-log-${this.node.addr.slice(0, 12)}`,
      networkWatcherName: watcherName ?? defaultWatcher,
      resourceGroupName: watcherGroup ?? 'NetworkWatcherRG',
      location,
      targetResourceId: virtualNetworkId,
      storageAccountId: destination.storageAccountId,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: retention.days },
      ...(analytics && workspace
        ? {
            trafficAnalytics: {
              enabled: true,
              workspaceId: workspace.workspaceGuid,
              workspaceRegion: workspace.location,
              workspaceResourceId: workspace.workspaceResourceId,
              intervalInMinutes: interval,
            },
          }
        : {}),
      tags: azureTags('network-flow', false, userTags),
      dependsOn: evidenceContainers(destination, [VNET_FLOW_LOG_CONTAINER]),
    });

    if (!check.isToken(retention.days) && retention.days < DEFAULT_RETENTION_DAYS) {
      kitWarning(
        this,
        WARNINGS.SHORT_RETENTION,
        `${where}: flow-log retention ${retention.days} days is below the kit's floor of ${DEFAULT_RETENTION_DAYS} days.` + announces('AZURE.Network.VnetFlowLogs'),
      );
    }
    if (!analytics) {
      kitWarning(
        this,
        WARNINGS.WEAKENED_DEFAULT,
        `${where}: traffic analytics is off; flow records are kept in storage only and cannot be queried in place.` + announces('AZURE.Network.FlowLogTrafficAnalytics'),
      );
    } else if (!check.isToken(interval) && interval !== 10) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: traffic analytics runs every ${interval} minutes instead of 10; flows reach the workspace later.`);
    }
  }
}
