import { Construct } from 'constructs';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { DEFAULT_RETENTION_DAYS, ForensicValidationError, Retention, RETENTION_BOUNDS, validateRetention, WARNINGS } from '../core';
import { azureTags, evidenceContainers, IEvidenceStore, ILogAnalyticsWorkspace, kitWarning, requireResourceId, sameRegion } from './common';

/** The container Network Watcher writes VNet flow logs into. */
export const VNET_FLOW_LOG_CONTAINER = 'insights-logs-flowlogflowevent';

/** The props of the Azure FlowLogs: the VNet and its region, the store and workspace of the flow records, their retention, traffic analytics and the Network Watcher. */
export interface FlowLogsProps {
  /** The virtual network whose traffic is recorded. */
  readonly virtualNetworkId: string;
  /** The region of the virtual network (the flow log, the watcher and the storage account share it). */
  readonly location: string;
  /** The immutable store that keeps the flow records (same region as the VNet). */
  readonly destination: IEvidenceStore;
  /** The workspace traffic analytics writes into (NTANetAnalytics). Required while traffic analytics is on. @default - none */
  readonly workspace?: ILogAnalyticsWorkspace;
  /** How long Network Watcher keeps flow-log blobs before deleting them. @default - 365 days (the service maximum) */
  readonly retention?: Retention;
  /** Traffic analytics (enriched, queryable flows). @default - true */
  readonly trafficAnalyticsEnabled?: boolean;
  /** Traffic analytics processing interval, 10 or 60 minutes. @default - 10 */
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
    requireResourceId('virtualNetworkId', props.virtualNetworkId, 'Microsoft.Network/virtualNetworks', where);
    if (!sameRegion(props.location, props.destination.location)) {
      throw new ForensicValidationError('destination', props.destination.location, `a storage account in the VNet's region ${JSON.stringify(props.location)}`, where);
    }
    const retention = props.retention ?? Retention.days(RETENTION_BOUNDS.azureFlowLogRetention.maxDays);
    validateRetention('retention', retention, RETENTION_BOUNDS.azureFlowLogRetention, where);
    const analytics = props.trafficAnalyticsEnabled ?? true;
    const interval = props.trafficAnalyticsIntervalMinutes ?? 10;
    if (interval !== 10 && interval !== 60) {
      throw new ForensicValidationError('trafficAnalyticsIntervalMinutes', interval, '10 or 60', where);
    }
    if (analytics && !props.workspace) {
      throw new ForensicValidationError('workspace', undefined, 'a Log Analytics workspace while trafficAnalyticsEnabled is true', where);
    }

    this.flowLog = new NetworkWatcherFlowLog(this, 'Resource', {
      name: props.flowLogName ?? `forensic-flow-log-${this.node.addr.slice(0, 12)}`,
      networkWatcherName: props.networkWatcherName ?? `NetworkWatcher_${props.location.toLowerCase().replace(/\s+/g, '')}`,
      resourceGroupName: props.networkWatcherResourceGroupName ?? 'NetworkWatcherRG',
      location: props.location,
      targetResourceId: props.virtualNetworkId,
      storageAccountId: props.destination.storageAccountId,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: retention.days },
      ...(analytics && props.workspace
        ? {
            trafficAnalytics: {
              enabled: true,
              workspaceId: props.workspace.workspaceGuid,
              workspaceRegion: props.workspace.location,
              workspaceResourceId: props.workspace.workspaceResourceId,
              intervalInMinutes: interval,
            },
          }
        : {}),
      tags: azureTags('network-flow', false, props.tags),
      dependsOn: evidenceContainers(props.destination, [VNET_FLOW_LOG_CONTAINER]),
    });

    if (retention.days < DEFAULT_RETENTION_DAYS) {
      kitWarning(this, WARNINGS.SHORT_RETENTION, `${where}: flow-log retention ${retention.days} days is below the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
    }
    if (!analytics) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: traffic analytics is off; flow records are kept in storage only and cannot be queried in place.`);
    } else if (interval !== 10) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: traffic analytics runs every ${interval} minutes instead of 10; flows reach the workspace later.`);
    }
  }
}
