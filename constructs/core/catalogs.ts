/**
 * Catalogs the constructs and the policy rules share, defined once: a rule judges what a construct
 * writes by the same list and the same floor.
 */
import { deepFreeze } from './freeze';

/** Every Azure Activity Log category (Azure Monitor activity log schema; Get-AzEventCategory). */
export const ACTIVITY_LOG_CATEGORIES = ['Administrative', 'Security', 'ServiceHealth', 'Alert', 'Recommendation', 'Policy', 'Autoscale', 'ResourceHealth'] as const;

/** One Activity Log category, as ACTIVITY_LOG_CATEGORIES lists them. */
export type ActivityLogCategory = (typeof ACTIVITY_LOG_CATEGORIES)[number];

/** The Azure blob-service log categories: every read, write and delete, with the caller's identity. */
export const BLOB_LOG_CATEGORIES = ['StorageRead', 'StorageWrite', 'StorageDelete'] as const;

/**
 * The log categories of an Azure OpenAI / AI Services (cognitive) account, as the Azure Monitor
 * supported-logs reference lists them for Microsoft.CognitiveServices/accounts (all land in
 * AzureDiagnostics): Audit, the inference calls (RequestResponse), Trace, and token usage per
 * call (AzureOpenAIRequestUsage, named for OpenAI and AI Services accounts).
 */
export const COGNITIVE_ACCOUNT_LOG_CATEGORIES = ['Audit', 'RequestResponse', 'Trace', 'AzureOpenAIRequestUsage'] as const;

/** One cognitive account log category, as COGNITIVE_ACCOUNT_LOG_CATEGORIES lists them. */
export type CognitiveAccountLogCategory = (typeof COGNITIVE_ACCOUNT_LOG_CATEGORIES)[number];

/** The cognitive account categories without which inference calls cannot be attributed: the kit's checks require both. */
export const COGNITIVE_ACCOUNT_REQUIRED_CATEGORIES = ['Audit', 'RequestResponse'] as const;

/** The kit's floor for Log Analytics interactive (queryable) retention: 90 days, what Sentinel includes at no charge. */
export const INTERACTIVE_RETENTION_FLOOR_DAYS = 90;

/**
 * The Log Analytics tables the kit's Azure writers fill, kept for the total retention (LogAnalytics)
 * and read by the investigation pack. Each exists in every workspace (Azure tables are predefined).
 */
export const AZURE_EVIDENCE_TABLES = [
  'AzureActivity',
  'SigninLogs',
  'AADNonInteractiveUserSignInLogs',
  'AADServicePrincipalSignInLogs',
  'AADManagedIdentitySignInLogs',
  'AuditLogs',
  'StorageBlobLogs',
  'NTANetAnalytics',
  'AmlComputeJobEvent',
  'AmlOnlineEndpointTrafficLog',
] as const;

/**
 * The Bedrock resource types of CloudTrail's data-event table (CloudTrail user guide, "Data
 * events"): the kit's trail records each one, and AWS.CloudTrail.BedrockDataEvents requires each.
 */
export const BEDROCK_DATA_EVENT_TYPES = [
  'AWS::Bedrock::Model',
  'AWS::Bedrock::AsyncInvoke',
  'AWS::Bedrock::AgentAlias',
  'AWS::Bedrock::InlineAgent',
  'AWS::Bedrock::KnowledgeBase',
  'AWS::Bedrock::FlowAlias',
  'AWS::Bedrock::Guardrail',
  'AWS::Bedrock::PromptVersion',
  'AWS::Bedrock::Session',
  'AWS::Bedrock::FlowExecution',
  'AWS::Bedrock::Tool',
] as const;

/**
 * Every Entra ID diagnostic-setting category the kit knows (Microsoft Entra docs, "Logs available
 * for streaming from Microsoft Entra ID"). CustomSecurityAttributeAuditLogs is left out: it sits in
 * a separate section and needs the Attribute Log Administrator role as well.
 */
export const ENTRA_ID_LOG_CATEGORIES = [
  'AuditLogs',
  'SignInLogs',
  'NonInteractiveUserSignInLogs',
  'ServicePrincipalSignInLogs',
  'ManagedIdentitySignInLogs',
  'ProvisioningLogs',
  'ADFSSignInLogs',
  'RiskyUsers',
  'UserRiskEvents',
  'RiskyServicePrincipals',
  'ServicePrincipalRiskEvents',
  'MicrosoftGraphActivityLogs',
  'NetworkAccessTrafficLogs',
  'EnrichedOffice365AuditLogs',
  'RemoteNetworkHealthLogs',
] as const;

/** One Entra ID log category, as ENTRA_ID_LOG_CATEGORIES lists them. */
export type EntraIdLogCategory = (typeof ENTRA_ID_LOG_CATEGORIES)[number];

/** The three GCP Data Access log types an audit config switches on; Admin Activity (ADMIN_WRITE) is always on and cannot be configured. */
export const GCP_AUDIT_LOG_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as const;

/** The kit's longest rotation period for a Cloud KMS key that protects evidence, in days: the constructs' default, the rule's limit. */
export const KMS_KEY_ROTATION_MAX_DAYS = 90;

// Frozen: a caller cannot change the kit's catalogs (and so its defaults) at runtime.
deepFreeze(ACTIVITY_LOG_CATEGORIES);
deepFreeze(BLOB_LOG_CATEGORIES);
deepFreeze(COGNITIVE_ACCOUNT_LOG_CATEGORIES);
deepFreeze(COGNITIVE_ACCOUNT_REQUIRED_CATEGORIES);
deepFreeze(AZURE_EVIDENCE_TABLES);
deepFreeze(BEDROCK_DATA_EVENT_TYPES);
deepFreeze(ENTRA_ID_LOG_CATEGORIES);
deepFreeze(GCP_AUDIT_LOG_TYPES);
