/**
 * The resource-log categories of the resource types whose diagnostic settings the Azure rules read,
 * from the Azure Monitor supported-logs reference (learn.microsoft.com/azure/azure-monitor/reference/
 * supported-logs/<type>-logs). With them a setting that selects `category_group allLogs` can be
 * expanded into the containers Azure Monitor creates (`insights-logs-<category>`). Categories
 * Microsoft adds after these lists were written are not known here.
 */

/** Microsoft.MachineLearningServices/workspaces. */
export const ML_WORKSPACE_CATEGORIES = [
  'AmlComputeClusterEvent',
  'AmlComputeClusterNodeEvent',
  'AmlComputeCpuGpuUtilization',
  'AmlComputeJobEvent',
  'AmlRunStatusChangedEvent',
  'ComputeInstanceEvent',
  'DataLabelChangeEvent',
  'DataLabelReadEvent',
  'DataSetChangeEvent',
  'DataSetReadEvent',
  'DataStoreChangeEvent',
  'DataStoreReadEvent',
  'DeploymentEventACI',
  'DeploymentEventAKS',
  'DeploymentReadEvent',
  'EnvironmentChangeEvent',
  'EnvironmentReadEvent',
  'InferencingOperationACI',
  'InferencingOperationAKS',
  'ModelsActionEvent',
  'ModelsChangeEvent',
  'ModelsReadEvent',
  'PipelineChangeEvent',
  'PipelineReadEvent',
  'RunEvent',
  'RunReadEvent',
] as const;

/** Microsoft.MachineLearningServices/workspaces/onlineEndpoints. */
export const ML_ONLINE_ENDPOINT_CATEGORIES = ['AmlOnlineEndpointConsoleLog', 'AmlOnlineEndpointEventLog', 'AmlOnlineEndpointTrafficLog'] as const;

/** Microsoft.MachineLearningServices/registries. */
export const ML_REGISTRY_CATEGORIES = ['RegistryAssetReadEvent', 'RegistryAssetWriteEvent'] as const;

/** Microsoft.CognitiveServices/accounts (Azure OpenAI, AI Services and the other kinds), shared with the constructs. */
export { COGNITIVE_ACCOUNT_LOG_CATEGORIES as COGNITIVE_ACCOUNT_CATEGORIES } from '../../../constructs/core/catalogs';
import { BLOB_LOG_CATEGORIES, COGNITIVE_ACCOUNT_LOG_CATEGORIES } from '../../../constructs/core/catalogs';

/** Microsoft.KeyVault/vaults. */
export const KEY_VAULT_CATEGORIES = ['AuditEvent', 'AzurePolicyEvaluationDetails'] as const;

/** Microsoft.Storage/storageAccounts/blobServices: the constructs' list (constructs/core/catalogs.ts). */
export const BLOB_SERVICE_CATEGORIES = BLOB_LOG_CATEGORIES;

/** What a diagnostic setting records, by the resource its target_resource_id names. */
export type TargetKind = 'subscription' | 'ml-workspace' | 'ml-online-endpoint' | 'ml-registry' | 'cognitive-account' | 'key-vault' | 'blob-service' | 'other';

/** The categories `category_group allLogs` selects, for the kinds whose list is known. */
export const ALL_LOGS_CATEGORIES: Readonly<Partial<Record<TargetKind, readonly string[]>>> = {
  'ml-workspace': ML_WORKSPACE_CATEGORIES,
  'ml-online-endpoint': ML_ONLINE_ENDPOINT_CATEGORIES,
  'ml-registry': ML_REGISTRY_CATEGORIES,
  'cognitive-account': COGNITIVE_ACCOUNT_LOG_CATEGORIES,
  'key-vault': KEY_VAULT_CATEGORIES,
  'blob-service': BLOB_SERVICE_CATEGORIES,
};
