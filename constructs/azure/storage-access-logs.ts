import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PropKeys, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { AZURE_NAMES, evidenceStore, logAnalyticsWorkspace, optionalAzureName, resourceId } from './azure-props';
import { evidenceContainers, IEvidenceStore, ILogAnalyticsWorkspace, kitWarning, resourceLogContainer } from './common';

import { BLOB_LOG_CATEGORIES } from '../core/catalogs';
export { BLOB_LOG_CATEGORIES } from '../core/catalogs';

/** The blob-service metric categories (Azure Monitor supported metrics for blobServices). */
export const BLOB_METRIC_CATEGORIES = ['Transaction', 'Capacity'] as const;

/** The props of StorageAccessLogs: the account recorded, the store and workspace its blob access logs go to, and whether its metrics go too. */
export interface StorageAccessLogsProps {
  /** The storage account whose blob access is recorded (training data, model artifacts). */
  readonly storageAccountId: string;
  /** The immutable store that keeps the evidence (another account: a source cannot log into itself; an id string is refused). */
  readonly destination: IEvidenceStore;
  /** The workspace that receives the same records for querying (the StorageBlobLogs table). @default - none: storage only, and synth warns */
  readonly workspace?: ILogAnalyticsWorkspace;
  /** Also export the Transaction and Capacity metrics; false warns. @default - true */
  readonly metricsEnabled?: boolean;
  /** Name of the diagnostic setting (1 to 260 characters, none of `< > * % & : \ ? + /`). @default - 'forensic-readiness-blob-access' */
  readonly settingName?: string;
}

/** The props StorageAccessLogsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const STORAGE_ACCESS_LOGS_PROPS_KEYS = { storageAccountId: true, destination: true, workspace: true, metricsEnabled: true, settingName: true } as const satisfies PropKeys<StorageAccessLogsProps>;

/**
 * Blob access logs for a storage account that holds training data or models: a diagnostic
 * setting on `<account>/blobServices/default` with StorageRead, StorageWrite and StorageDelete.
 * They name the principal, the operation, the blob and the source address of each request: the
 * evidence of who wrote which blob when, in a data-poisoning investigation.
 *
 * Honest limits: the destination account must be in the same region as the source account
 * (a resource-log rule of Azure Monitor), and must be another account. The logs record requests,
 * not blob contents; keep versioning on the source account for the last known-good version.
 */
export class StorageAccessLogs extends Construct {
  /** The diagnostic setting on the account's blob service (`<account>/blobServices/default`). */
  public readonly setting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: StorageAccessLogsProps) {
    super(scope, id);
    const where = `StorageAccessLogs ${this.node.path}`;
    const check = propCheck(this);
    props = check.props<StorageAccessLogsProps>('props', props, STORAGE_ACCESS_LOGS_PROPS_KEYS, 'a StorageAccessLogsProps object');
    const storageAccountId = resourceId(check, 'storageAccountId', props.storageAccountId, 'Microsoft.Storage/storageAccounts');
    const destination = evidenceStore(check, 'destination', props.destination, { scope: this, where });
    if (storageAccountId === destination.storageAccountId || (!check.isToken(storageAccountId) && storageAccountId.toLowerCase() === destination.storageAccountId.toLowerCase())) {
      check.fail('destination', destination.storageAccountId, 'another storage account than storageAccountId (an account cannot keep its own access logs)');
    }
    const workspace = logAnalyticsWorkspace(check, 'workspace', props.workspace);
    const metrics = check.bool('metricsEnabled', props.metricsEnabled, true);
    const settingName = optionalAzureName(check, 'settingName', props.settingName, AZURE_NAMES.diagnosticSetting) ?? 'forensic-readiness-blob-access';

    this.setting = new MonitorDiagnosticSetting(this, 'Resource', {
      name: settingName,
      targetResourceId: `${storageAccountId}/blobServices/default`,
      storageAccountId: destination.storageAccountId,
      ...(workspace ? { logAnalyticsWorkspaceId: workspace.workspaceResourceId } : {}),
      enabledLog: BLOB_LOG_CATEGORIES.map((category) => ({ category })),
      ...(metrics ? { enabledMetric: BLOB_METRIC_CATEGORIES.map((category) => ({ category })) } : {}),
      dependsOn: evidenceContainers(destination, BLOB_LOG_CATEGORIES.map(resourceLogContainer)),
    });

    if (!metrics) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: blob metrics are not exported (a sudden drop in capacity or a burst of transactions is not kept).`);
    }
    if (!workspace) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no Log Analytics workspace; blob access logs are kept in storage only and cannot be queried in place.`);
    }
  }
}
