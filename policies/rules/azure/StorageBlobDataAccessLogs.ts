// Blob read, write and delete categories of Microsoft.Storage/storageAccounts/blobServices (Azure Monitor supported-logs reference).
import { BLOB_LOG_CATEGORIES } from '../../../constructs/core/catalogs';
import { Rule } from '../../engine/types';
import { T, isDataStore, judgeResourceDiagnostics } from '../../facts/azure';

/**
 * Storage that holds data (not an evidence store; or tagged `forensic-evidence-source =
 * storage-data-access`; or an ML workspace's storage account) has a diagnostic setting on its blob
 * service (`<account id>/blobServices/default`) that records every read, write and delete. A setting
 * on the account id itself carries only metrics, not these logs.
 */
export const StorageBlobDataAccessLogs: Rule = {
  id: 'AZURE.Storage.BlobDataAccessLogs',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'A data storage account has no blob-service diagnostic setting recording StorageRead, StorageWrite and StorageDelete to a Log Analytics workspace or storage account.',
  rationale: 'Blob resource logs are the only record of who read, wrote or deleted which training-data blob, from which address and with which credential; without them a poisoning or theft of training data cannot be traced.',
  fix: 'Use StorageAccessLogs on the account; or add an azurerm_monitor_diagnostic_setting with target_resource_id = "${azurerm_storage_account.x.id}/blobServices/default", enabled_log blocks for StorageRead, StorageWrite and StorageDelete (or category_group allLogs) and log_analytics_workspace_id or storage_account_id.',
  evidenceSource: 'storage-data-access',
  nist: 'Collection',
  attack: ['T1530', 'T1619', 'T1078.004'],
  atlas: ['AML.T0020', 'AML.T0059', 'AML.T0035'],
  isApplicable: (r, ctx) => isDataStore(ctx.model, r),
  check: (r, ctx) =>
    judgeResourceDiagnostics(
      ctx.model,
      r,
      { what: `the blob service of ${r.address}`, required: BLOB_LOG_CATEGORIES, coveringGroups: ['allLogs'] },
      '/blobServices/default',
    ),
};
