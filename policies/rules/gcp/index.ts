import { Rule } from '../../engine/types';
import { AuditDataAccessLogs } from './AuditDataAccessLogs';
import { AuditServiceCoverage } from './AuditServiceCoverage';
import { BigQueryEvidenceDatasetRetained } from './BigQueryEvidenceDatasetRetained';
import { DnsNetworkLogging } from './DnsNetworkLogging';
import { DnsPolicyLogging } from './DnsPolicyLogging';
import { KmsKeyNotDestroyable } from './KmsKeyNotDestroyable';
import { LoggingBucketAnalytics } from './LoggingBucketAnalytics';
import { LoggingBucketLocked } from './LoggingBucketLocked';
import { LoggingSinkIncludeChildren } from './LoggingSinkIncludeChildren';
import { LoggingSinkLockedDestination } from './LoggingSinkLockedDestination';
import { NetworkFirewallLogging } from './NetworkFirewallLogging';
import { NetworkFirewallLogMetadata } from './NetworkFirewallLogMetadata';
import { NetworkNatLogging } from './NetworkNatLogging';
import { NetworkSubnetFlowLogs } from './NetworkSubnetFlowLogs';
import { NetworkSubnetFlowSampling } from './NetworkSubnetFlowSampling';
import { NetworkVpcFlowLogCoverage } from './NetworkVpcFlowLogCoverage';
import { StorageNotDeletable } from './StorageNotDeletable';
import { StoragePublicAccessPrevention } from './StoragePublicAccessPrevention';
import { StorageRetentionLocked } from './StorageRetentionLocked';
import { StorageUniformAccess } from './StorageUniformAccess';
import { VertexCmek } from './VertexCmek';
import { VertexEndpointLogSampling } from './VertexEndpointLogSampling';
import { VertexEndpointRequestLogging } from './VertexEndpointRequestLogging';
import { WorkbenchNoPublicIp } from './WorkbenchNoPublicIp';

/** Every GCP rule, in the order RULES.md lists them: sources switched on, then where they land, then ML, then hygiene. */
export const GCP_RULES: readonly Rule[] = [
  // Audit logs switched on
  AuditDataAccessLogs,
  AuditServiceCoverage,
  // Routed into locked storage
  LoggingSinkLockedDestination,
  LoggingSinkIncludeChildren,
  LoggingBucketLocked,
  LoggingBucketAnalytics,
  // Evidence buckets
  StorageRetentionLocked,
  StorageNotDeletable,
  StorageUniformAccess,
  StoragePublicAccessPrevention,
  // Network evidence
  NetworkSubnetFlowLogs,
  NetworkSubnetFlowSampling,
  NetworkVpcFlowLogCoverage,
  NetworkFirewallLogging,
  NetworkFirewallLogMetadata,
  NetworkNatLogging,
  DnsPolicyLogging,
  DnsNetworkLogging,
  // Vertex AI
  VertexEndpointRequestLogging,
  VertexEndpointLogSampling,
  VertexCmek,
  WorkbenchNoPublicIp,
  // Stores and keys around the evidence
  BigQueryEvidenceDatasetRetained,
  KmsKeyNotDestroyable,
];
