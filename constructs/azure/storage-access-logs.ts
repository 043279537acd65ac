import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { ForensicValidationError, WARNINGS } from '../core';
import { evidenceContainers, IEvidenceStore, ILogAnalyticsWorkspace, kitWarning, requireResourceId, resourceLogContainer } from './common';

/** The blob-service log categories: every read, write and delete, with the caller's identity. */
export const BLOB_LOG_CATEGORIES = ['StorageRead', 'StorageWrite', 'StorageDelete'] as const;

/** The blob-service metric categories (Azure Monitor supported metrics for blobServices). */
export const BLOB_METRIC_CATEGORIES = ['Transaction', 'Capacity'] as const;

/** The props of StorageAccessLogs: the account recorded, the store and workspace its blob access logs go to, and whether its metrics go too. */
export interface StorageAccessLogsProps {
  /** The storage account whose blob access is recorded (training data, model artifacts). */
  readonly storageAccountId: string;
  /** The immutable store that keeps the evidence (another account: a source cannot log into itself). */
  readonly destination: IEvidenceStore;
  /** The workspace that receives the same records for querying (the StorageBlobLogs table). @default - none: storage only, and synth warns */
  readonly workspace?: ILogAnalyticsWorkspace;
  /** Also export the Transaction and Capacity metrics. @default - true */
  readonly metricsEnabled?: boolean;
  /** Name of the diagnostic setting. @default - 'forensic-readiness-blob-access' */
  readonly settingName?: string;
}

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
    requireResourceId('storageAccountId', props.storageAccountId, 'Microsoft.Storage/storageAccounts', where);
    if (props.storageAccountId === props.destination.storageAccountId) {
      throw new ForensicValidationError('destination', props.destination.storageAccountId, 'another storage account than storageAccountId (an account cannot keep its own access logs)', where);
    }
    const metrics = props.metricsEnabled ?? true;

    this.setting = new MonitorDiagnosticSetting(this, 'Resource', {
      name: props.settingName ?? 'forensic-readiness-blob-access',
      targetResourceId: `${props.storageAccountId}/blobServices/default`,
      storageAccountId: props.destination.storageAccountId,
      ...(props.workspace ? { logAnalyticsWorkspaceId: props.workspace.workspaceResourceId } : {}),
      enabledLog: BLOB_LOG_CATEGORIES.map((category) => ({ category })),
      ...(metrics ? { enabledMetric: BLOB_METRIC_CATEGORIES.map((category) => ({ category })) } : {}),
      dependsOn: evidenceContainers(props.destination, BLOB_LOG_CATEGORIES.map(resourceLogContainer)),
    });

    if (!metrics) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: blob metrics are not exported (a sudden drop in capacity or a burst of transactions is not kept).`);
    }
    if (!props.workspace) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no Log Analytics workspace; blob access logs are kept in storage only and cannot be queried in place.`);
    }
  }
}
