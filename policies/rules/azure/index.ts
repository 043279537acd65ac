import { Rule } from '../../engine/types';
import { StorageImmutabilityPolicy } from './StorageImmutabilityPolicy';
import { StorageImmutabilityLocked } from './StorageImmutabilityLocked';
import { StorageImmutabilityAppendWrites } from './StorageImmutabilityAppendWrites';
import { StorageBlobVersioning } from './StorageBlobVersioning';
import { StorageChangeFeed } from './StorageChangeFeed';
import { StorageSoftDelete } from './StorageSoftDelete';
import { StorageSecureTransport } from './StorageSecureTransport';
import { StorageSharedKeyDisabled } from './StorageSharedKeyDisabled';
import { StorageNestedPublicAccessDisabled } from './StorageNestedPublicAccessDisabled';
import { StorageDeleteLock } from './StorageDeleteLock';
import { StoragePreventDestroy } from './StoragePreventDestroy';
import { StorageEvidenceNetworkDeny } from './StorageEvidenceNetworkDeny';
import { StorageEvidenceAccountHardening } from './StorageEvidenceAccountHardening';
import { StorageBlobDataAccessLogs } from './StorageBlobDataAccessLogs';
import { MonitorDiagnosticsImmutableCopy } from './MonitorDiagnosticsImmutableCopy';
import { MonitorActivityLogCategories } from './MonitorActivityLogCategories';
import { MonitorActivityLogExported } from './MonitorActivityLogExported';
import { MonitorEntraSignInLogs } from './MonitorEntraSignInLogs';
import { MonitorEntraRiskAndProvisioningLogs } from './MonitorEntraRiskAndProvisioningLogs';
import { LogAnalyticsRetention } from './LogAnalyticsRetention';
import { LogAnalyticsTotalRetention } from './LogAnalyticsTotalRetention';
import { LogAnalyticsLocalAuthDisabled } from './LogAnalyticsLocalAuthDisabled';
import { LogAnalyticsPreventDestroy } from './LogAnalyticsPreventDestroy';
import { LogAnalyticsNoDailyCap } from './LogAnalyticsNoDailyCap';
import { SentinelAnalyticsRuleEnabled } from './SentinelAnalyticsRuleEnabled';
import { NetworkVnetFlowLogs } from './NetworkVnetFlowLogs';
import { NetworkFlowLogTrafficAnalytics } from './NetworkFlowLogTrafficAnalytics';
import { NetworkFlowLogTrafficAnalyticsInterval } from './NetworkFlowLogTrafficAnalyticsInterval';
import { MonitorMlWorkspaceDiagnostics } from './MonitorMlWorkspaceDiagnostics';
import { MachineLearningWorkspacePublicNetworkDisabled } from './MachineLearningWorkspacePublicNetworkDisabled';
import { MachineLearningWorkspaceHighBusinessImpact } from './MachineLearningWorkspaceHighBusinessImpact';
import { MachineLearningWorkspaceV1LegacyModeDisabled } from './MachineLearningWorkspaceV1LegacyModeDisabled';
import { MachineLearningWorkspaceManagedNetwork } from './MachineLearningWorkspaceManagedNetwork';
import { MachineLearningComputeLocalAuthDisabled } from './MachineLearningComputeLocalAuthDisabled';
import { MachineLearningComputeNodePublicIpDisabled } from './MachineLearningComputeNodePublicIpDisabled';
import { MonitorKeyVaultAuditLogs } from './MonitorKeyVaultAuditLogs';
import { KeyVaultPurgeProtection } from './KeyVaultPurgeProtection';
import { MonitorMlOnlineEndpointTrafficLog } from './MonitorMlOnlineEndpointTrafficLog';
import { MonitorCognitiveAccountDiagnostics } from './MonitorCognitiveAccountDiagnostics';
import { CognitiveServicesLocalAuthDisabled } from './CognitiveServicesLocalAuthDisabled';
import { CognitiveServicesPublicNetworkDisabled } from './CognitiveServicesPublicNetworkDisabled';

/** Every AZURE rule, in the order RULES.md lists them: evidence storage, data access, identity and control plane, Log Analytics, network, ML. */
export const AZURE_RULES: readonly Rule[] = [
  StorageImmutabilityPolicy,
  StorageImmutabilityLocked,
  StorageImmutabilityAppendWrites,
  StorageBlobVersioning,
  StorageChangeFeed,
  StorageSoftDelete,
  StorageSecureTransport,
  StorageSharedKeyDisabled,
  StorageNestedPublicAccessDisabled,
  StorageDeleteLock,
  StoragePreventDestroy,
  StorageEvidenceNetworkDeny,
  StorageEvidenceAccountHardening,
  StorageBlobDataAccessLogs,
  MonitorDiagnosticsImmutableCopy,
  MonitorActivityLogCategories,
  MonitorActivityLogExported,
  MonitorEntraSignInLogs,
  MonitorEntraRiskAndProvisioningLogs,
  LogAnalyticsRetention,
  LogAnalyticsTotalRetention,
  LogAnalyticsLocalAuthDisabled,
  LogAnalyticsPreventDestroy,
  LogAnalyticsNoDailyCap,
  SentinelAnalyticsRuleEnabled,
  NetworkVnetFlowLogs,
  NetworkFlowLogTrafficAnalytics,
  NetworkFlowLogTrafficAnalyticsInterval,
  MonitorMlWorkspaceDiagnostics,
  MachineLearningWorkspacePublicNetworkDisabled,
  MachineLearningWorkspaceHighBusinessImpact,
  MachineLearningWorkspaceV1LegacyModeDisabled,
  MachineLearningWorkspaceManagedNetwork,
  MachineLearningComputeLocalAuthDisabled,
  MachineLearningComputeNodePublicIpDisabled,
  MonitorMlOnlineEndpointTrafficLog,
  MonitorCognitiveAccountDiagnostics,
  CognitiveServicesLocalAuthDisabled,
  CognitiveServicesPublicNetworkDisabled,
  MonitorKeyVaultAuditLogs,
  KeyVaultPurgeProtection,
];
