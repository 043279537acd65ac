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
import { DiagnosticsImmutableCopy } from './DiagnosticsImmutableCopy';
import { ActivityLogCategories } from './ActivityLogCategories';
import { ActivityLogExported } from './ActivityLogExported';
import { EntraSignInLogs } from './EntraSignInLogs';
import { EntraRiskAndProvisioningLogs } from './EntraRiskAndProvisioningLogs';
import { LogAnalyticsRetention } from './LogAnalyticsRetention';
import { LogAnalyticsTotalRetention } from './LogAnalyticsTotalRetention';
import { LogAnalyticsLocalAuthDisabled } from './LogAnalyticsLocalAuthDisabled';
import { LogAnalyticsPreventDestroy } from './LogAnalyticsPreventDestroy';
import { VnetFlowLogs } from './VnetFlowLogs';
import { FlowLogTrafficAnalytics } from './FlowLogTrafficAnalytics';
import { FlowLogTrafficAnalyticsInterval } from './FlowLogTrafficAnalyticsInterval';
import { MlWorkspaceDiagnostics } from './MlWorkspaceDiagnostics';
import { MlWorkspacePublicNetworkDisabled } from './MlWorkspacePublicNetworkDisabled';
import { MlWorkspaceHighBusinessImpact } from './MlWorkspaceHighBusinessImpact';
import { MlWorkspaceV1LegacyModeDisabled } from './MlWorkspaceV1LegacyModeDisabled';
import { MlWorkspaceManagedNetwork } from './MlWorkspaceManagedNetwork';
import { MlComputeLocalAuthDisabled } from './MlComputeLocalAuthDisabled';
import { MlComputeNodePublicIpDisabled } from './MlComputeNodePublicIpDisabled';
import { KeyVaultAuditLogs } from './KeyVaultAuditLogs';
import { KeyVaultPurgeProtection } from './KeyVaultPurgeProtection';

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
  DiagnosticsImmutableCopy,
  ActivityLogCategories,
  ActivityLogExported,
  EntraSignInLogs,
  EntraRiskAndProvisioningLogs,
  LogAnalyticsRetention,
  LogAnalyticsTotalRetention,
  LogAnalyticsLocalAuthDisabled,
  LogAnalyticsPreventDestroy,
  VnetFlowLogs,
  FlowLogTrafficAnalytics,
  FlowLogTrafficAnalyticsInterval,
  MlWorkspaceDiagnostics,
  MlWorkspacePublicNetworkDisabled,
  MlWorkspaceHighBusinessImpact,
  MlWorkspaceV1LegacyModeDisabled,
  MlWorkspaceManagedNetwork,
  MlComputeLocalAuthDisabled,
  MlComputeNodePublicIpDisabled,
  KeyVaultAuditLogs,
  KeyVaultPurgeProtection,
];
