/**
 * The Azure guard test: every secure default the Azure constructs set, flipped in the synthesized
 * reference stacks, makes the matching rule fire; and every Azure rule guards at least one default.
 * Both stacks are loaded into every model, as `forensic-readiness check cdktf.out` would load them.
 */
import { AZURE_STACK_NAMES, createAzureStacks } from '../../cdktf/azure';
import { EVIDENCE_TABLES } from '../../constructs/azure/log-analytics';
import { Finding } from '../../policies/engine/types';
import { AZURE_RULES } from '../../policies/rules/azure';
import {
  all,
  bodyOf,
  deleteProperty,
  Docs,
  dropBlocks,
  expectGuardFires,
  findingsOf,
  GuardRow,
  removeResource,
  ResourceRef,
  resourcesOf,
  setProperty,
  synthStacks,
  TfDoc,
  expectRowsCoverRules,
} from './guard-helpers';

const READINESS = AZURE_STACK_NAMES.readiness;
const ENTRA_STACK = AZURE_STACK_NAMES.entraIdLogs;

// The reference stacks' resources, by type and construct path (never by hashed Terraform name).
const EVIDENCE: ResourceRef = ['azurerm_storage_account', 'Evidence/Resource'];
const DELETE_LOCK: ResourceRef = ['azurerm_management_lock', 'Evidence/DeleteLock'];
const CONTAINER_POLICY = 'azurerm_storage_container_immutability_policy';
const ACTIVITY_CONTAINER: ResourceRef = ['azurerm_storage_container', 'Evidence/Container-insights-activity-logs'];
const ACTIVITY_CONTAINER_POLICY: ResourceRef = [CONTAINER_POLICY, 'Evidence/Immutability-insights-activity-logs'];
const ACTIVITY_LOGS: ResourceRef = ['azurerm_monitor_diagnostic_setting', 'ActivityLogs/Resource'];
const ENTRA_ID_LOGS: ResourceRef = ['azurerm_monitor_aad_diagnostic_setting', 'EntraIdLogs/Resource'];
const WORKSPACE: ResourceRef = ['azurerm_log_analytics_workspace', 'LogAnalytics/Resource'];
const table = (name: string): ResourceRef => ['azurerm_log_analytics_workspace_table', `LogAnalytics/Table-${name}`];
const detection = (id: string): ResourceRef => ['azurerm_sentinel_alert_rule_scheduled', `InvestigationPack/Detection-${id}`];
const VNET: ResourceRef = ['azurerm_virtual_network', 'MlWorkload/Vnet'];
const FLOW_LOG: ResourceRef = ['azurerm_network_watcher_flow_log', 'MlWorkload/VnetFlowLogs/Resource'];
const ML_WORKSPACE: ResourceRef = ['azurerm_machine_learning_workspace', 'MlWorkload/MlWorkspace/Resource'];
const ML_DIAGNOSTICS: ResourceRef = ['azurerm_monitor_diagnostic_setting', 'MlWorkload/MlAudit/Resource'];
const COMPUTE_CLUSTER: ResourceRef = ['azurerm_machine_learning_compute_cluster', 'MlWorkload/MlWorkspace/TrainingCluster'];
const TRAINING_DATA: ResourceRef = ['azurerm_storage_account', 'MlWorkload/TrainingData'];
const TRAINING_DATA_ACCESS_LOGS: ResourceRef = ['azurerm_monitor_diagnostic_setting', 'MlWorkload/TrainingDataAccessLogs/Resource'];
const ML_ARTIFACTS: ResourceRef = ['azurerm_storage_account', 'MlWorkload/MlArtifacts'];
const ML_ARTIFACTS_ACCESS_LOGS: ResourceRef = ['azurerm_monitor_diagnostic_setting', 'MlWorkload/MlArtifactsAccessLogs/Resource'];
const KEY_VAULT: ResourceRef = ['azurerm_key_vault', 'MlWorkload/KeyVault'];
const KEY_VAULT_DIAGNOSTICS: ResourceRef = ['azurerm_monitor_diagnostic_setting', 'MlWorkload/KeyVaultAuditLogs'];
const ENDPOINT_DIAGNOSTICS: ResourceRef = ['azurerm_monitor_diagnostic_setting', 'MlWorkload/MlAudit/Endpoint-scoring'];
const REGISTRY_DIAGNOSTICS: ResourceRef = ['azurerm_monitor_diagnostic_setting', 'MlWorkload/MlAudit/Registry-models'];
const AI_SERVICES: ResourceRef = ['azurerm_cognitive_account', 'MlWorkload/AiServices'];
const AI_SERVICES_DIAGNOSTICS: ResourceRef = ['azurerm_monitor_diagnostic_setting', 'MlWorkload/AiServicesAudit/Resource'];

// What must be kept, stated from the Azure Monitor docs, independently of the construct and the rule.
const ACTIVITY_LOG_CATEGORIES = ['Administrative', 'Security', 'ServiceHealth', 'Alert', 'Recommendation', 'Policy', 'Autoscale', 'ResourceHealth'];
const ENTRA_SIGN_IN_CATEGORIES = ['AuditLogs', 'SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs'];
const ENTRA_RISK_CATEGORIES = ['ProvisioningLogs', 'ADFSSignInLogs', 'RiskyUsers', 'UserRiskEvents', 'RiskyServicePrincipals', 'ServicePrincipalRiskEvents', 'MicrosoftGraphActivityLogs'];
const BLOB_ACCESS_CATEGORIES = ['StorageRead', 'StorageWrite', 'StorageDelete'];
/** Categories a construct enables that no rule requires (see the test that lists enabled categories): none today. */
const UNJUDGED_ENTRA_CATEGORIES: string[] = [];

const set = setProperty;
const unset = deleteProperty;
const dropCategory = (ref: ResourceRef, category: string) => dropBlocks(ref, 'enabled_log', 'category', category);

/** Sets a property on every container immutability policy of the evidence store (a store-wide default the construct writes per container). */
function setEveryContainerPolicy(key: string, value: unknown): (doc: TfDoc) => void {
  return (doc) => {
    const policies = resourcesOf(doc, CONTAINER_POLICY);
    if (policies.length === 0) throw new Error('no container immutability policy');
    for (const p of policies) {
      if (!(key in p.body)) throw new Error(`${p.address} has no ${key}`);
      p.body[key] = value;
    }
  };
}

const readiness = (r: Omit<GuardRow, 'stack'>): GuardRow => ({ ...r, stack: READINESS });
const entra = (r: Omit<GuardRow, 'stack'>): GuardRow => ({ ...r, stack: ENTRA_STACK });

const ROWS: readonly GuardRow[] = [
  // EvidenceStorage
  readiness({
    default: 'EvidenceStorage keeps evidence 365 days (account policy and every container policy at 364, as retention: 364 days would synthesize)',
    rule: 'AZURE.Storage.ImmutabilityPolicy',
    mutate: all(set(EVIDENCE, 'immutability_policy.period_since_creation_in_days', 364), setEveryContainerPolicy('immutability_period_in_days', 364)),
    on: EVIDENCE,
    because: /period_since_creation_in_days 364 \(below the floor of 365 days\).*immutability_period_in_days 364/,
  }),
  readiness({
    default: 'EvidenceStorage has immutability at all (account policy Disabled and no container policy)',
    rule: 'AZURE.Storage.ImmutabilityPolicy',
    mutate: all(set(EVIDENCE, 'immutability_policy.state', 'Disabled'), (doc) => delete doc.resource[CONTAINER_POLICY]),
    on: EVIDENCE,
    because: /immutability_policy.state "Disabled".*has no azurerm_storage_container_immutability_policy/,
  }),
  readiness({
    default: 'EvidenceStorage locks every evidence container (all container policies unlocked, as Immutability.SOAK would synthesize)',
    rule: 'AZURE.Storage.ImmutabilityLocked',
    mutate: setEveryContainerPolicy('locked', false),
    on: EVIDENCE,
    because: /immutability_policy.state "Unlocked" \(soak: reversible\).*locked false/,
  }),
  readiness({
    default: 'EvidenceStorage locks the insights-activity-logs container',
    rule: 'AZURE.Storage.ImmutabilityLocked',
    mutate: set(ACTIVITY_CONTAINER_POLICY, 'locked', false),
    on: EVIDENCE,
    because: /Container-insights-activity-logs.*locked false/,
  }),
  readiness({
    default: 'EvidenceStorage allows protected append writes (account policy and every container policy)',
    rule: 'AZURE.Storage.ImmutabilityAppendWrites',
    mutate: all(set(EVIDENCE, 'immutability_policy.allow_protected_append_writes', false), setEveryContainerPolicy('protected_append_writes_enabled', false)),
    on: EVIDENCE,
    because: /allow_protected_append_writes false.*protected_append_writes_enabled false/,
  }),
  readiness({
    default: 'EvidenceStorage keeps the insights-activity-logs container 365 days (one container policy at 1 day; it takes precedence over the account default)',
    rule: 'AZURE.Storage.ImmutabilityPolicy',
    mutate: set(ACTIVITY_CONTAINER_POLICY, 'immutability_period_in_days', 1),
    on: EVIDENCE,
    because: /Container-insights-activity-logs.*immutability_period_in_days 1 \(below the floor of 365 days\)/,
  }),
  readiness({
    default: 'EvidenceStorage has an account-level immutability policy (state Disabled: the allLogs containers of the ML workspace are left unprotected)',
    rule: 'AZURE.Storage.ImmutabilityPolicy',
    mutate: set(EVIDENCE, 'immutability_policy.state', 'Disabled'),
    on: EVIDENCE,
    because: /immutability_policy.state "Disabled".*category group allLogs of .*MlAudit.*insights-logs-amlcomputeclusterevent.*not covered by the account-level policy/,
  }),
  readiness({
    default: 'EvidenceStorage insights-activity-logs container allows protected append writes (it takes precedence over the account default)',
    rule: 'AZURE.Storage.ImmutabilityAppendWrites',
    mutate: set(ACTIVITY_CONTAINER_POLICY, 'protected_append_writes_enabled', false),
    on: EVIDENCE,
    because: /allow_protected_append_writes true; containers: .*Container-insights-activity-logs.*protected_append_writes_enabled false/,
  }),
  readiness({
    default: 'EvidenceStorage account-level policy allows protected append writes (it governs the allLogs containers of the ML workspace)',
    rule: 'AZURE.Storage.ImmutabilityAppendWrites',
    mutate: set(EVIDENCE, 'immutability_policy.allow_protected_append_writes', false),
    on: EVIDENCE,
    because: /allow_protected_append_writes false; containers: the category group allLogs of .*MlAudit/,
  }),
  readiness({ default: 'EvidenceStorage versions blobs', rule: 'AZURE.Storage.BlobVersioning', mutate: set(EVIDENCE, 'blob_properties.versioning_enabled', false), on: EVIDENCE, because: /versioning_enabled is false/ }),
  readiness({ default: 'EvidenceStorage keeps a change feed', rule: 'AZURE.Storage.ChangeFeed', mutate: set(EVIDENCE, 'blob_properties.change_feed_enabled', false), on: EVIDENCE, because: /change_feed_enabled is false/ }),
  readiness({ default: 'EvidenceStorage keeps the change feed 365 days', rule: 'AZURE.Storage.ChangeFeed', mutate: set(EVIDENCE, 'blob_properties.change_feed_retention_in_days', 364), on: EVIDENCE, because: /change_feed_retention_in_days is 364, below the floor/ }),
  readiness({ default: 'EvidenceStorage soft-deletes blobs', rule: 'AZURE.Storage.SoftDelete', mutate: (doc) => delete bodyOf(doc, EVIDENCE).blob_properties.delete_retention_policy, on: EVIDENCE, because: /delete_retention_policy is absent/ }),
  readiness({ default: 'EvidenceStorage soft-deletes containers', rule: 'AZURE.Storage.SoftDelete', mutate: (doc) => delete bodyOf(doc, EVIDENCE).blob_properties.container_delete_retention_policy, on: EVIDENCE, because: /container_delete_retention_policy is absent/ }),
  readiness({ default: 'EvidenceStorage keeps soft-deleted blobs 365 days', rule: 'AZURE.Storage.SoftDelete', mutate: set(EVIDENCE, 'blob_properties.delete_retention_policy.days', 364), on: EVIDENCE, because: /delete_retention_policy.days 364: below 365 days/ }),
  readiness({ default: 'EvidenceStorage keeps soft-deleted containers 365 days', rule: 'AZURE.Storage.SoftDelete', mutate: set(EVIDENCE, 'blob_properties.container_delete_retention_policy.days', 364), on: EVIDENCE, because: /container_delete_retention_policy.days 364: below 365 days/ }),
  readiness({ default: 'EvidenceStorage does not allow permanent delete of soft-deleted blobs', rule: 'AZURE.Storage.SoftDelete', mutate: set(EVIDENCE, 'blob_properties.delete_retention_policy.permanent_delete_enabled', true), on: EVIDENCE, because: /permanent_delete_enabled is true/ }),
  readiness({ default: 'EvidenceStorage requires TLS 1.2', rule: 'AZURE.Storage.SecureTransport', mutate: set(EVIDENCE, 'min_tls_version', 'TLS1_1'), on: EVIDENCE, because: /min_tls_version is TLS1_1/ }),
  readiness({ default: 'EvidenceStorage accepts HTTPS only', rule: 'AZURE.Storage.SecureTransport', mutate: set(EVIDENCE, 'https_traffic_only_enabled', false), on: EVIDENCE, because: /https_traffic_only_enabled is false/ }),
  readiness({ default: 'EvidenceStorage has shared keys off', rule: 'AZURE.Storage.SharedKeyDisabled', mutate: set(EVIDENCE, 'shared_access_key_enabled', true), on: EVIDENCE, because: /shared_access_key_enabled is true/ }),
  readiness({ default: 'EvidenceStorage allows no public containers', rule: 'AZURE.Storage.NestedPublicAccessDisabled', mutate: set(EVIDENCE, 'allow_nested_items_to_be_public', true), on: EVIDENCE, because: /allow_nested_items_to_be_public is true/ }),
  readiness({ default: 'EvidenceStorage has a CanNotDelete management lock', rule: 'AZURE.Storage.DeleteLock', mutate: (doc) => removeResource(doc, DELETE_LOCK), on: EVIDENCE, because: /no azurerm_management_lock scopes the account/ }),
  readiness({ default: 'EvidenceStorage account has prevent_destroy', rule: 'AZURE.Storage.PreventDestroy', mutate: unset(EVIDENCE, 'lifecycle'), on: EVIDENCE, because: /prevent_destroy is absent/ }),
  readiness({ default: 'EvidenceStorage evidence containers have prevent_destroy', rule: 'AZURE.Storage.PreventDestroy', mutate: unset(ACTIVITY_CONTAINER, 'lifecycle'), on: ACTIVITY_CONTAINER, because: /prevent_destroy is absent/ }),
  readiness({ default: 'EvidenceStorage container immutability policies have prevent_destroy', rule: 'AZURE.Storage.PreventDestroy', mutate: unset(ACTIVITY_CONTAINER_POLICY, 'lifecycle'), on: ACTIVITY_CONTAINER_POLICY, because: /prevent_destroy is absent/ }),
  readiness({ default: 'EvidenceStorage delete lock has prevent_destroy', rule: 'AZURE.Storage.PreventDestroy', mutate: unset(DELETE_LOCK, 'lifecycle'), on: DELETE_LOCK, because: /prevent_destroy is absent/ }),
  readiness({ default: 'EvidenceStorage firewall denies by default', rule: 'AZURE.Storage.EvidenceNetworkDeny', mutate: set(EVIDENCE, 'network_rules.default_action', 'Allow'), on: EVIDENCE, because: /network_rules.default_action is "Allow"; it should be "Deny"/ }),
  readiness({ default: 'EvidenceStorage firewall lets the trusted Azure writers through (bypass AzureServices)', rule: 'AZURE.Storage.EvidenceNetworkDeny', mutate: set(EVIDENCE, 'network_rules.bypass', ['None']), on: EVIDENCE, because: /bypass is \["None"\] without "AzureServices"/ }),
  readiness({ default: 'EvidenceStorage has local users off', rule: 'AZURE.Storage.EvidenceAccountHardening', mutate: set(EVIDENCE, 'local_user_enabled', true), on: EVIDENCE, because: /local_user_enabled true; it should be false/ }),
  readiness({ default: 'EvidenceStorage has SFTP off', rule: 'AZURE.Storage.EvidenceAccountHardening', mutate: set(EVIDENCE, 'sftp_enabled', true), on: EVIDENCE, because: /sftp_enabled true; it should be false/ }),
  readiness({ default: 'EvidenceStorage has cross-tenant replication off', rule: 'AZURE.Storage.EvidenceAccountHardening', mutate: set(EVIDENCE, 'cross_tenant_replication_enabled', true), on: EVIDENCE, because: /cross_tenant_replication_enabled true; it should be false/ }),
  readiness({ default: 'EvidenceStorage keeps copies inside the tenant (allowed_copy_scope AAD)', rule: 'AZURE.Storage.EvidenceAccountHardening', mutate: unset(EVIDENCE, 'allowed_copy_scope'), on: EVIDENCE, because: /allowed_copy_scope absent/ }),
  readiness({ default: 'EvidenceStorage has infrastructure (double) encryption', rule: 'AZURE.Storage.EvidenceAccountHardening', mutate: set(EVIDENCE, 'infrastructure_encryption_enabled', false), on: EVIDENCE, because: /infrastructure_encryption_enabled false; it should be true/ }),

  // StorageAccessLogs on the workload's data stores
  ...BLOB_ACCESS_CATEGORIES.map((c) =>
    readiness({ default: `StorageAccessLogs records ${c} on the training data`, rule: 'AZURE.Storage.BlobDataAccessLogs', mutate: dropCategory(TRAINING_DATA_ACCESS_LOGS, c), on: TRAINING_DATA, because: new RegExp(`missing ${c}`) }),
  ),
  readiness({ default: 'StorageAccessLogs records StorageWrite on the ML workspace storage', rule: 'AZURE.Storage.BlobDataAccessLogs', mutate: dropCategory(ML_ARTIFACTS_ACCESS_LOGS, 'StorageWrite'), on: ML_ARTIFACTS, because: /missing StorageWrite/ }),

  // Every evidence-exporting diagnostic setting keeps its immutable copy in EvidenceStorage
  ...[ACTIVITY_LOGS, ML_DIAGNOSTICS, ENDPOINT_DIAGNOSTICS, REGISTRY_DIAGNOSTICS, AI_SERVICES_DIAGNOSTICS, KEY_VAULT_DIAGNOSTICS, TRAINING_DATA_ACCESS_LOGS, ML_ARTIFACTS_ACCESS_LOGS].map((ref) =>
    readiness({ default: `${ref[1]} writes an immutable copy into EvidenceStorage`, rule: 'AZURE.Monitor.DiagnosticsImmutableCopy', mutate: unset(ref, 'storage_account_id'), on: ref, because: /storage_account_id is absent \(only log_analytics_workspace_id\)/ }),
  ),
  entra({ default: 'EntraIdLogs writes an immutable copy into EvidenceStorage', rule: 'AZURE.Monitor.DiagnosticsImmutableCopy', mutate: unset(ENTRA_ID_LOGS, 'storage_account_id'), on: ENTRA_ID_LOGS, because: /storage_account_id is absent \(only log_analytics_workspace_id\)/ }),

  // ActivityLogs
  ...ACTIVITY_LOG_CATEGORIES.map((c) =>
    readiness({ default: `ActivityLogs records ${c}`, rule: 'AZURE.Monitor.ActivityLogCategories', mutate: dropCategory(ACTIVITY_LOGS, c), on: ACTIVITY_LOGS, because: new RegExp(`missing ${c}`) }),
  ),

  readiness({ default: 'ActivityLogs exports the subscription Activity Log at all', rule: 'AZURE.Monitor.ActivityLogExported', mutate: (doc) => removeResource(doc, ACTIVITY_LOGS), on: ML_WORKSPACE, because: /no diagnostic setting in the inputs exports the subscription Activity Log/ }),

  // EntraIdLogs (the tenant stack)
  ...ENTRA_SIGN_IN_CATEGORIES.map((c) =>
    entra({ default: `EntraIdLogs records ${c}`, rule: 'AZURE.Monitor.EntraSignInLogs', mutate: dropCategory(ENTRA_ID_LOGS, c), on: ENTRA_ID_LOGS, because: new RegExp(`missing ${c}`) }),
  ),
  ...ENTRA_RISK_CATEGORIES.map((c) =>
    entra({ default: `EntraIdLogs records ${c}`, rule: 'AZURE.Monitor.EntraRiskAndProvisioningLogs', mutate: dropCategory(ENTRA_ID_LOGS, c), on: ENTRA_ID_LOGS, because: new RegExp(`missing ${c}`) }),
  ),

  // LogAnalytics
  readiness({ default: 'LogAnalytics keeps data interactive 90 days', rule: 'AZURE.LogAnalytics.Retention', mutate: set(WORKSPACE, 'retention_in_days', 89), on: WORKSPACE, because: /retention_in_days is 89, below the floor of 90/ }),
  readiness({ default: 'LogAnalytics has prevent_destroy', rule: 'AZURE.LogAnalytics.PreventDestroy', mutate: unset(WORKSPACE, 'lifecycle'), on: WORKSPACE, because: /prevent_destroy is absent/ }),
  readiness({ default: 'LogAnalytics has local authentication off', rule: 'AZURE.LogAnalytics.LocalAuthDisabled', mutate: set(WORKSPACE, 'local_authentication_enabled', true), on: WORKSPACE, because: /local_authentication_enabled is true/ }),
  readiness({ default: 'LogAnalytics has no daily ingestion cap', rule: 'AZURE.LogAnalytics.NoDailyCap', mutate: set(WORKSPACE, 'daily_quota_gb', 5), on: WORKSPACE, because: /daily_quota_gb is 5: a daily cap/ }),
  readiness({ default: 'InvestigationPack runs the endpoint-volume detection', rule: 'AZURE.Sentinel.AnalyticsRuleEnabled', mutate: set(detection('endpoint-volume'), 'enabled', false), on: detection('endpoint-volume'), because: /enabled is false; it must be true \(the rule reads AmlOnlineEndpointTrafficLog\)/ }),
  readiness({ default: 'InvestigationPack runs the evidence-tampering detection', rule: 'AZURE.Sentinel.AnalyticsRuleEnabled', mutate: set(detection('evidence-tampering'), 'enabled', false), on: detection('evidence-tampering'), because: /enabled is false; it must be true \(the rule reads AzureActivity\)/ }),
  ...EVIDENCE_TABLES.map((t) =>
    readiness({ default: `LogAnalytics keeps the ${t} table 365 days in total`, rule: 'AZURE.LogAnalytics.TotalRetention', mutate: set(table(t), 'total_retention_in_days', 364), on: table(t), because: /total_retention_in_days 364, below the floor of 365/ }),
  ),
  ...EVIDENCE_TABLES.map((t) =>
    readiness({ default: `LogAnalytics keeps the ${t} table interactive 90 days`, rule: 'AZURE.LogAnalytics.Retention', mutate: set(table(t), 'retention_in_days', 4), on: table(t), because: new RegExp(`table ${t} of azurerm_log_analytics_workspace\\.\\S+: retention_in_days is 4, below the floor of 90`) }),
  ),

  // FlowLogs
  readiness({ default: 'FlowLogs logs the VNet', rule: 'AZURE.Network.VnetFlowLogs', mutate: (doc) => removeResource(doc, FLOW_LOG), on: VNET, because: /no azurerm_network_watcher_flow_log has target_resource_id set to this virtual network/ }),
  readiness({ default: 'FlowLogs flow log is enabled', rule: 'AZURE.Network.VnetFlowLogs', mutate: set(FLOW_LOG, 'enabled', false), on: VNET, because: /enabled is false/ }),
  readiness({ default: 'FlowLogs writes format version 2', rule: 'AZURE.Network.VnetFlowLogs', mutate: set(FLOW_LOG, 'version', 1), on: VNET, because: /version is 1; it must be 2/ }),
  readiness({ default: 'FlowLogs keeps flow logs 365 days', rule: 'AZURE.Network.VnetFlowLogs', mutate: set(FLOW_LOG, 'retention_policy.days', 364), on: VNET, because: /retention_policy.days is 364, below the floor/ }),
  readiness({ default: 'FlowLogs flow log retention is enabled', rule: 'AZURE.Network.VnetFlowLogs', mutate: set(FLOW_LOG, 'retention_policy.enabled', false), on: VNET, because: /retention_policy.enabled is false/ }),
  readiness({ default: 'FlowLogs runs traffic analytics', rule: 'AZURE.Network.FlowLogTrafficAnalytics', mutate: set(FLOW_LOG, 'traffic_analytics.enabled', false), on: FLOW_LOG, because: /traffic_analytics.enabled is false/ }),
  readiness({ default: 'FlowLogs traffic analytics runs every 10 minutes', rule: 'AZURE.Network.FlowLogTrafficAnalyticsInterval', mutate: set(FLOW_LOG, 'traffic_analytics.interval_in_minutes', 60), on: FLOW_LOG, because: /interval_in_minutes is 60; it should be 10/ }),

  // MachineLearningAudit and HardenedMlWorkspace
  readiness({ default: 'MachineLearningAudit sends allLogs of the ML workspace', rule: 'AZURE.Monitor.MlWorkspaceDiagnostics', mutate: dropBlocks(ML_DIAGNOSTICS, 'enabled_log', 'category_group', 'allLogs'), on: ML_WORKSPACE, because: /missing AmlComputeClusterEvent/ }),
  readiness({ default: 'MachineLearningAudit sends the online endpoint traffic log', rule: 'AZURE.Monitor.MlOnlineEndpointTrafficLog', mutate: dropCategory(ENDPOINT_DIAGNOSTICS, 'AmlOnlineEndpointTrafficLog'), on: ENDPOINT_DIAGNOSTICS, because: /missing AmlOnlineEndpointTrafficLog/ }),
  readiness({ default: 'HardenedMlWorkspace has public network access off', rule: 'AZURE.MachineLearning.WorkspacePublicNetworkDisabled', mutate: set(ML_WORKSPACE, 'public_network_access_enabled', true), on: ML_WORKSPACE, because: /public_network_access_enabled is true/ }),
  readiness({ default: 'HardenedMlWorkspace is high business impact', rule: 'AZURE.MachineLearning.WorkspaceHighBusinessImpact', mutate: set(ML_WORKSPACE, 'high_business_impact', false), on: ML_WORKSPACE, because: /high_business_impact is false/ }),
  readiness({ default: 'HardenedMlWorkspace has v1 legacy mode off', rule: 'AZURE.MachineLearning.WorkspaceV1LegacyModeDisabled', mutate: set(ML_WORKSPACE, 'v1_legacy_mode_enabled', true), on: ML_WORKSPACE, because: /v1_legacy_mode_enabled is true/ }),
  readiness({ default: 'HardenedMlWorkspace isolates its managed network', rule: 'AZURE.MachineLearning.WorkspaceManagedNetwork', mutate: set(ML_WORKSPACE, 'managed_network.isolation_mode', 'Disabled'), on: ML_WORKSPACE, because: /isolation_mode is Disabled/ }),
  readiness({ default: 'HardenedMlWorkspace has a managed network', rule: 'AZURE.MachineLearning.WorkspaceManagedNetwork', mutate: unset(ML_WORKSPACE, 'managed_network'), on: ML_WORKSPACE, because: /isolation_mode is absent/ }),
  readiness({ default: 'HardenedMlWorkspace compute has local auth off', rule: 'AZURE.MachineLearning.ComputeLocalAuthDisabled', mutate: set(COMPUTE_CLUSTER, 'local_auth_enabled', true), on: COMPUTE_CLUSTER, because: /local_auth_enabled is true/ }),
  readiness({ default: 'HardenedMlWorkspace compute has no public SSH port', rule: 'AZURE.MachineLearning.ComputeNodePublicIpDisabled', mutate: set(COMPUTE_CLUSTER, 'ssh_public_access_enabled', true), on: COMPUTE_CLUSTER, because: /ssh_public_access_enabled is true: the SSH port is public/ }),
  readiness({ default: 'HardenedMlWorkspace compute has no public IP', rule: 'AZURE.MachineLearning.ComputeNodePublicIpDisabled', mutate: set(COMPUTE_CLUSTER, 'node_public_ip_enabled', true), on: COMPUTE_CLUSTER, because: /node_public_ip_enabled is true/ }),

  // CognitiveAccountAudit and the example workload's AI Services account
  ...['Audit', 'RequestResponse'].map((c) =>
    readiness({ default: `CognitiveAccountAudit records ${c}`, rule: 'AZURE.Monitor.CognitiveAccountDiagnostics', mutate: dropCategory(AI_SERVICES_DIAGNOSTICS, c), on: AI_SERVICES, because: new RegExp(`missing ${c} \\(or category_group allLogs\\)`) }),
  ),
  readiness({ default: 'the ML workload AI Services account takes Entra ID tokens only', rule: 'AZURE.CognitiveServices.LocalAuthDisabled', mutate: set(AI_SERVICES, 'local_auth_enabled', true), on: AI_SERVICES, because: /local_auth_enabled is true; it must be false/ }),
  readiness({ default: 'the ML workload AI Services account states local auth off (the provider default is on)', rule: 'AZURE.CognitiveServices.LocalAuthDisabled', mutate: unset(AI_SERVICES, 'local_auth_enabled'), on: AI_SERVICES, because: /absent \(provider default true\)/ }),
  readiness({ default: 'the ML workload AI Services account has public network access off', rule: 'AZURE.CognitiveServices.PublicNetworkDisabled', mutate: set(AI_SERVICES, 'public_network_access_enabled', true), on: AI_SERVICES, because: /public_network_access_enabled is true; it must be false/ }),

  // The example workload's Key Vault
  readiness({ default: 'HardenedMlWorkspace Key Vault has purge protection', rule: 'AZURE.KeyVault.PurgeProtection', mutate: set(KEY_VAULT, 'purge_protection_enabled', false), on: KEY_VAULT, because: /purge_protection_enabled is false; it must be true/ }),
  readiness({ default: 'the ML workload sends Key Vault AuditEvent logs', rule: 'AZURE.Monitor.KeyVaultAuditLogs', mutate: dropCategory(KEY_VAULT_DIAGNOSTICS, 'AuditEvent'), on: KEY_VAULT, because: /missing AuditEvent/ }),
];

describe('Azure guard: every secure default of the reference stacks has a rule that fires when it is flipped', () => {
  let docs: Docs;
  let baseline: readonly Finding[];

  beforeAll(() => {
    docs = synthStacks((app) => createAzureStacks(app));
    baseline = findingsOf(docs, AZURE_RULES);
  });

  test('the reference stacks synthesize two documents, with construct paths, and no NON_COMPLIANT finding', () => {
    expect(Object.keys(docs).sort()).toEqual([ENTRA_STACK, READINESS].sort());
    expect(bodyOf(docs[READINESS], EVIDENCE).name).toEqual(expect.any(String));
    expect(baseline.filter((f) => f.verdict === 'NON_COMPLIANT')).toEqual([]);
  });

  test.each(ROWS)('$default ($rule)', (r) => {
    expectGuardFires(r, docs, baseline, AZURE_RULES);
  });

  test('every Azure rule guards at least one default, and every row names an Azure rule', () => {
    expectRowsCoverRules(AZURE_RULES, ROWS);
  });

  test('every log category the reference Activity Log and Entra ID settings enable is guarded by a row, or listed as unjudged', () => {
    const enabled = (doc: TfDoc, ref: ResourceRef) => (bodyOf(doc, ref).enabled_log as { category: string }[]).map((b) => b.category).sort();
    expect(enabled(docs[READINESS], ACTIVITY_LOGS)).toEqual([...ACTIVITY_LOG_CATEGORIES].sort());
    expect(enabled(docs[ENTRA_STACK], ENTRA_ID_LOGS)).toEqual([...ENTRA_SIGN_IN_CATEGORIES, ...ENTRA_RISK_CATEGORIES, ...UNJUDGED_ENTRA_CATEGORIES].sort());
  });
});
