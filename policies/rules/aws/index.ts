import { Rule } from '../../engine/types';
import { AthenaWorkgroupEnforcedEncryption } from './AthenaWorkgroupEnforcedEncryption';
import { AthenaWorkgroupResultsOutsideEvidence } from './AthenaWorkgroupResultsOutsideEvidence';
import { BedrockInvocationLoggingAllModalities } from './BedrockInvocationLoggingAllModalities';
import { CloudTrailBedrockDataEvents } from './CloudTrailBedrockDataEvents';
import { ConfigDeliveryToEvidence } from './ConfigDeliveryToEvidence';
import { ConfigRecorderAllResources } from './ConfigRecorderAllResources';
import { ConfigRetentionPeriod } from './ConfigRetentionPeriod';
import { ConfigSnapshotFrequency } from './ConfigSnapshotFrequency';
import { CloudTrailCloudWatchLogs } from './CloudTrailCloudWatchLogs';
import { CloudTrailExcludesOwnBucket } from './CloudTrailExcludesOwnBucket';
import { CloudTrailIsLogging } from './CloudTrailIsLogging';
import { CloudTrailKmsEncryption } from './CloudTrailKmsEncryption';
import { CloudTrailLockedDestination } from './CloudTrailLockedDestination';
import { CloudTrailLogFileValidation } from './CloudTrailLogFileValidation';
import { CloudTrailManagementEvents } from './CloudTrailManagementEvents';
import { CloudTrailMultiRegion } from './CloudTrailMultiRegion';
import { CloudTrailS3DataEvents } from './CloudTrailS3DataEvents';
import { CloudTrailSageMakerEndpointDataEvents } from './CloudTrailSageMakerEndpointDataEvents';
import { EC2FlowLogAggregationInterval } from './EC2FlowLogAggregationInterval';
import { EC2FlowLogFields } from './EC2FlowLogFields';
import { EC2VpcFlowLogs } from './EC2VpcFlowLogs';
import { GuardDutyFindingsExport } from './GuardDutyFindingsExport';
import { GuardDutyRuntimeMonitoring } from './GuardDutyRuntimeMonitoring';
import { GuardDutyS3Protection } from './GuardDutyS3Protection';
import { KMSEvidenceKey } from './KMSEvidenceKey';
import { LogsEvidenceKms } from './LogsEvidenceKms';
import { LogsEvidenceRetain } from './LogsEvidenceRetain';
import { LogsEvidenceRetention } from './LogsEvidenceRetention';
import { Route53ResolverVpcQueryLogging } from './Route53ResolverVpcQueryLogging';
import { S3AccessLogTargetDeliverable } from './S3AccessLogTargetDeliverable';
import { S3EvidenceDenyWildcardExemption } from './S3EvidenceDenyWildcardExemption';
import { S3EvidenceKmsEncryption } from './S3EvidenceKmsEncryption';
import { S3EvidencePublicAccessBlock } from './S3EvidencePublicAccessBlock';
import { S3EvidenceRetain } from './S3EvidenceRetain';
import { S3EvidenceTlsOnly } from './S3EvidenceTlsOnly';
import { S3EvidenceVersioning } from './S3EvidenceVersioning';
import { S3ObjectLockCompliance } from './S3ObjectLockCompliance';
import { S3ObjectLockGovernance } from './S3ObjectLockGovernance';
import { SageMakerDataCaptureInputOutput } from './SageMakerDataCaptureInputOutput';
import { SageMakerDataCaptureKms } from './SageMakerDataCaptureKms';
import { SageMakerDataCaptureLockedDestination } from './SageMakerDataCaptureLockedDestination';
import { SageMakerDataCaptureSampling } from './SageMakerDataCaptureSampling';
import { SageMakerEndpointVolumeKms } from './SageMakerEndpointVolumeKms';
import { SageMakerModelIsolation } from './SageMakerModelIsolation';
import { SageMakerNotebookHardening } from './SageMakerNotebookHardening';
import { SageMakerJobLogGroupsRetained } from './SageMakerJobLogGroupsRetained';
import { SageMakerJobLogsExported } from './SageMakerJobLogsExported';
import { SageMakerStudioSourceIdentity } from './SageMakerStudioSourceIdentity';

/**
 * Every AWS rule, in the order RULES.md lists them: the evidence stores first (buckets, log
 * groups, keys), then what writes into them (trails, network, DNS, SageMaker, Bedrock, GuardDuty,
 * Config), then what reads them (the investigation pack's Athena workgroup).
 */
export const AWS_RULES: readonly Rule[] = [
  S3ObjectLockCompliance,
  S3ObjectLockGovernance,
  S3EvidenceVersioning,
  S3EvidencePublicAccessBlock,
  S3EvidenceTlsOnly,
  S3EvidenceKmsEncryption,
  S3EvidenceRetain,
  S3EvidenceDenyWildcardExemption,
  S3AccessLogTargetDeliverable,
  LogsEvidenceRetention,
  LogsEvidenceRetain,
  LogsEvidenceKms,
  KMSEvidenceKey,
  CloudTrailIsLogging,
  CloudTrailMultiRegion,
  CloudTrailManagementEvents,
  CloudTrailLogFileValidation,
  CloudTrailKmsEncryption,
  CloudTrailLockedDestination,
  CloudTrailCloudWatchLogs,
  CloudTrailS3DataEvents,
  CloudTrailExcludesOwnBucket,
  CloudTrailSageMakerEndpointDataEvents,
  EC2VpcFlowLogs,
  EC2FlowLogFields,
  EC2FlowLogAggregationInterval,
  Route53ResolverVpcQueryLogging,
  SageMakerDataCaptureInputOutput,
  SageMakerDataCaptureSampling,
  SageMakerDataCaptureKms,
  SageMakerDataCaptureLockedDestination,
  SageMakerEndpointVolumeKms,
  SageMakerModelIsolation,
  SageMakerNotebookHardening,
  SageMakerJobLogGroupsRetained,
  SageMakerJobLogsExported,
  SageMakerStudioSourceIdentity,
  BedrockInvocationLoggingAllModalities,
  CloudTrailBedrockDataEvents,
  GuardDutyS3Protection,
  GuardDutyRuntimeMonitoring,
  GuardDutyFindingsExport,
  ConfigRecorderAllResources,
  ConfigDeliveryToEvidence,
  ConfigSnapshotFrequency,
  ConfigRetentionPeriod,
  AthenaWorkgroupEnforcedEncryption,
  AthenaWorkgroupResultsOutsideEvidence,
];
