import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { WARNINGS } from '../core';
import { evidenceContainers, IEvidenceStore, ILogAnalyticsWorkspace, kitWarning, requireGuid, requireKnownCategories } from './common';

/** Every Activity Log category (Azure Monitor activity log schema). */
export const ACTIVITY_LOG_CATEGORIES = [
  'Administrative',
  'Security',
  'ServiceHealth',
  'Alert',
  'Recommendation',
  'Policy',
  'Autoscale',
  'ResourceHealth',
] as const;

/** One Activity Log category, as ACTIVITY_LOG_CATEGORIES lists them. */
export type ActivityLogCategory = (typeof ACTIVITY_LOG_CATEGORIES)[number];

/** The container Azure Monitor writes the Activity Log into. */
export const ACTIVITY_LOG_CONTAINER = 'insights-activity-logs';

/** The props of ActivityLogs: the subscription, the store and workspace its Activity Log is exported into, and the categories. */
export interface ActivityLogsProps {
  /** The subscription whose Activity Log is exported (a GUID). */
  readonly subscriptionId: string;
  /** The immutable store that keeps the evidence. */
  readonly destination: IEvidenceStore;
  /** The workspace that receives the same records for querying. @default - none: storage only, and synth warns */
  readonly workspace?: ILogAnalyticsWorkspace;
  /** Categories exported. @default - every category */
  readonly categories?: ActivityLogCategory[];
  /** Name of the diagnostic setting. @default - 'forensic-readiness-activity-log' */
  readonly settingName?: string;
}

/**
 * The subscription's Activity Log (who created, changed or deleted which resource, policy,
 * role assignment or lock) exported by a subscription-scope diagnostic setting into
 * EvidenceStorage and Log Analytics. The Activity Log itself is kept by Azure for 90 days only.
 */
export class ActivityLogs extends Construct {
  /** The subscription-scope diagnostic setting that exports the Activity Log. */
  public readonly setting: MonitorDiagnosticSetting;
  /** The categories exported: every one, or those given. */
  public readonly categories: readonly ActivityLogCategory[];

  constructor(scope: Construct, id: string, props: ActivityLogsProps) {
    super(scope, id);
    const where = `ActivityLogs ${this.node.path}`;
    requireGuid('subscriptionId', props.subscriptionId, where);
    const categories = props.categories ?? [...ACTIVITY_LOG_CATEGORIES];
    requireKnownCategories('categories', categories, ACTIVITY_LOG_CATEGORIES, where);
    this.categories = categories;

    this.setting = new MonitorDiagnosticSetting(this, 'Resource', {
      name: props.settingName ?? 'forensic-readiness-activity-log',
      targetResourceId: `/subscriptions/${props.subscriptionId}`,
      storageAccountId: props.destination.storageAccountId,
      ...(props.workspace ? { logAnalyticsWorkspaceId: props.workspace.workspaceResourceId } : {}),
      enabledLog: categories.map((category) => ({ category })),
      dependsOn: evidenceContainers(props.destination, [ACTIVITY_LOG_CONTAINER]),
    });

    const missing = ACTIVITY_LOG_CATEGORIES.filter((c) => !categories.includes(c));
    if (missing.length > 0) {
      kitWarning(this, WARNINGS.AUDIT_EXEMPTION, `${where}: Activity Log categories not exported: ${missing.join(', ')}.`);
    }
    if (!props.workspace) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no Log Analytics workspace; the Activity Log is kept in storage only and cannot be queried in place.`);
    }
  }
}
