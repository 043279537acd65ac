import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { ACTIVITY_LOG_CATEGORIES, ActivityLogCategory, PropKeys, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { announces, AZURE_NAMES, categoryList, evidenceStore, guid, logAnalyticsWorkspace, optionalAzureName } from './azure-props';
import { evidenceContainers, IEvidenceStore, ILogAnalyticsWorkspace, kitWarning } from './common';

export { ACTIVITY_LOG_CATEGORIES } from '../core/catalogs';
export type { ActivityLogCategory } from '../core/catalogs';

/** The container Azure Monitor writes the Activity Log into. */
export const ACTIVITY_LOG_CONTAINER = 'insights-activity-logs';

/** The props of ActivityLogs: the subscription, the store and workspace its Activity Log is exported into, and the categories. */
export interface ActivityLogsProps {
  /** The subscription whose Activity Log is exported (a GUID). */
  readonly subscriptionId: string;
  /** The immutable store that keeps the evidence (an IEvidenceStore; an id string is refused). */
  readonly destination: IEvidenceStore;
  /** The workspace that receives the same records for querying. @default - none: storage only, and synth warns */
  readonly workspace?: ILogAnalyticsWorkspace;
  /** Categories exported (a non-empty list without repeats); leaving one out warns. @default - every category */
  readonly categories?: ActivityLogCategory[];
  /** Name of the diagnostic setting (1 to 260 characters, none of `< > * % & : \ ? + /`). @default - 'forensic-readiness-activity-log' */
  readonly settingName?: string;
}

/** The props ActivityLogsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const ACTIVITY_LOGS_PROPS_KEYS = { subscriptionId: true, destination: true, workspace: true, categories: true, settingName: true } as const satisfies PropKeys<ActivityLogsProps>;

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
    const check = propCheck(this);
    props = check.props<ActivityLogsProps>('props', props, ACTIVITY_LOGS_PROPS_KEYS, 'an ActivityLogsProps object');
    const subscriptionId = guid(check, 'subscriptionId', props.subscriptionId);
    const destination = evidenceStore(check, 'destination', props.destination, { scope: this, where });
    const workspace = logAnalyticsWorkspace(check, 'workspace', props.workspace);
    const categories = categoryList(check, 'categories', props.categories, ACTIVITY_LOG_CATEGORIES, ACTIVITY_LOG_CATEGORIES);
    const settingName = optionalAzureName(check, 'settingName', props.settingName, AZURE_NAMES.diagnosticSetting) ?? 'forensic-readiness-activity-log';
    this.categories = categories;

    this.setting = new MonitorDiagnosticSetting(this, 'Resource', {
      name: settingName,
      targetResourceId: `/subscriptions/${subscriptionId}`,
      storageAccountId: destination.storageAccountId,
      ...(workspace ? { logAnalyticsWorkspaceId: workspace.workspaceResourceId } : {}),
      enabledLog: categories.map((category) => ({ category })),
      dependsOn: evidenceContainers(destination, [ACTIVITY_LOG_CONTAINER]),
    });

    const missing = ACTIVITY_LOG_CATEGORIES.filter((c) => !categories.includes(c));
    if (missing.length > 0) {
      kitWarning(this, WARNINGS.AUDIT_EXEMPTION, `${where}: Activity Log categories not exported: ${missing.join(', ')}.` + announces('AZURE.Monitor.ActivityLogCategories'));
    }
    if (!workspace) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no Log Analytics workspace; the Activity Log is kept in storage only and cannot be queried in place.`);
    }
  }
}
