import { Rule } from '../../engine/types';
import { AssetFeedContentTypes } from './AssetFeedContentTypes';
import { AuditDataAccessLogs } from './AuditDataAccessLogs';
import { AuditServiceCoverage } from './AuditServiceCoverage';
import { BigQueryEvidenceDatasetCmek } from './BigQueryEvidenceDatasetCmek';
import { BigQueryEvidenceDatasetRetained } from './BigQueryEvidenceDatasetRetained';
import { DnsNetworkLogging } from './DnsNetworkLogging';
import { DnsPolicyLogging } from './DnsPolicyLogging';
import { KmsKeyNotDestroyable } from './KmsKeyNotDestroyable';
import { KmsKeyRotation } from './KmsKeyRotation';
import { LoggingAuditLogsRouted } from './LoggingAuditLogsRouted';
import { LoggingBucketAnalytics } from './LoggingBucketAnalytics';
import { LoggingBucketCmek } from './LoggingBucketCmek';
import { LoggingBucketLocked } from './LoggingBucketLocked';
import { LoggingBucketNotDestroyable } from './LoggingBucketNotDestroyable';
import { LoggingNetworkLogsRouted } from './LoggingNetworkLogsRouted';
import { LoggingSinkFilterCoverage } from './LoggingSinkFilterCoverage';
import { LoggingSinkIncludeChildren } from './LoggingSinkIncludeChildren';
import { LoggingSinkLockedDestination } from './LoggingSinkLockedDestination';
import { NetworkEgressLogged } from './NetworkEgressLogged';
import { NetworkFirewallLogging } from './NetworkFirewallLogging';
import { NetworkFirewallLogMetadata } from './NetworkFirewallLogMetadata';
import { NetworkNatLogging } from './NetworkNatLogging';
import { NetworkSubnetFlowLogs } from './NetworkSubnetFlowLogs';
import { NetworkSubnetFlowSampling } from './NetworkSubnetFlowSampling';
import { NetworkVpcFlowLogCoverage } from './NetworkVpcFlowLogCoverage';
import { PubSubAssetFeedLockedDestination } from './PubSubAssetFeedLockedDestination';
import { PubSubAssetFeedTopicHardening } from './PubSubAssetFeedTopicHardening';
import { StorageEvidenceCmek } from './StorageEvidenceCmek';
import { StorageNotDeletable } from './StorageNotDeletable';
import { StoragePublicAccessPrevention } from './StoragePublicAccessPrevention';
import { StorageRetentionLocked } from './StorageRetentionLocked';
import { StorageSoftDeleteAndUsageLogs } from './StorageSoftDeleteAndUsageLogs';
import { StorageUniformAccess } from './StorageUniformAccess';
import { VertexCmek } from './VertexCmek';
import { VertexEndpointLogSampling } from './VertexEndpointLogSampling';
import { VertexEndpointRequestLogging } from './VertexEndpointRequestLogging';
import { WorkbenchHardening } from './WorkbenchHardening';
import { WorkbenchNoPublicIp } from './WorkbenchNoPublicIp';

/** Every GCP rule, in the order RULES.md lists them: sources switched on, then where they land, then ML, then hygiene. */
export const GCP_RULES: readonly Rule[] = [
  // Audit logs switched on
  AuditDataAccessLogs,
  AuditServiceCoverage,
  // Routed into locked storage
  LoggingAuditLogsRouted,
  LoggingSinkLockedDestination,
  LoggingSinkFilterCoverage,
  LoggingSinkIncludeChildren,
  LoggingBucketLocked,
  LoggingBucketAnalytics,
  LoggingBucketCmek,
  LoggingBucketNotDestroyable,
  // Configuration history (Cloud Asset Inventory feeds) into locked storage
  AssetFeedContentTypes,
  PubSubAssetFeedLockedDestination,
  PubSubAssetFeedTopicHardening,
  // Evidence buckets
  StorageRetentionLocked,
  StorageNotDeletable,
  StorageUniformAccess,
  StoragePublicAccessPrevention,
  StorageEvidenceCmek,
  StorageSoftDeleteAndUsageLogs,
  // Network evidence
  NetworkSubnetFlowLogs,
  NetworkSubnetFlowSampling,
  NetworkVpcFlowLogCoverage,
  NetworkFirewallLogging,
  NetworkFirewallLogMetadata,
  NetworkEgressLogged,
  NetworkNatLogging,
  DnsPolicyLogging,
  DnsNetworkLogging,
  LoggingNetworkLogsRouted,
  // Vertex AI
  VertexEndpointRequestLogging,
  VertexEndpointLogSampling,
  VertexCmek,
  WorkbenchNoPublicIp,
  WorkbenchHardening,
  // Stores and keys around the evidence
  BigQueryEvidenceDatasetRetained,
  BigQueryEvidenceDatasetCmek,
  KmsKeyNotDestroyable,
  KmsKeyRotation,
];
