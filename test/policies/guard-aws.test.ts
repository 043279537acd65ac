/**
 * Guard test: every secure default of the AWS constructs, flipped in the synthesized reference
 * templates, makes the matching rule fire. A default no rule guards is a defect; so is a rule no
 * default exercises (the last test).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createAwsApp } from '../../cdk/app';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { AWS_RULES } from '../../policies/rules/aws';

type Template = { Resources: Record<string, any> };
type Docs = Record<'readiness' | 'workload', Template>;

let baseline: Docs;

beforeAll(() => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-guard-'));
  const { app, readiness, workload } = createAwsApp({ outdir });
  const assembly = app.synth();
  baseline = {
    readiness: assembly.getStackByName(readiness.stackName).template,
    workload: assembly.getStackByName(workload.stackName).template,
  };
  fs.rmSync(outdir, { recursive: true, force: true });
});

/** The one resource of a type whose construct path ends with the suffix. */
function find(doc: Template, type: string, pathSuffix: string): [string, any] {
  const found = Object.entries(doc.Resources).filter(([, r]) => r.Type === type && String(r.Metadata?.['aws:cdk:path'] ?? '').endsWith(pathSuffix));
  if (found.length !== 1) throw new Error(`expected one ${type} at …${pathSuffix}, found ${found.length}`);
  return found[0];
}
const props = (doc: Template, type: string, suffix: string) => find(doc, type, suffix)[1].Properties;
const remove = (doc: Template, type: string, suffix: string) => {
  const [id] = find(doc, type, suffix);
  delete doc.Resources[id];
  return id;
};

function findingsOf(docs: Docs, ruleId: string) {
  const rule = AWS_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const model = buildModel([loadDocument(docs.readiness, 'ForensicReadinessStack.template.json'), loadDocument(docs.workload, 'MlWorkloadStack.template.json')]);
  return runRules(model, [rule]).findings.filter((f) => f.verdict === 'NON_COMPLIANT');
}

const EVIDENCE = 'ForensicReadinessStack/Evidence/Resource/Resource';
const WL_EVIDENCE = 'MlWorkloadStack/WorkloadEvidence/Resource/Resource';
const TRAIL = 'ForensicReadinessStack/Trail/Resource/Resource';
const CAPTURE = 'MlWorkloadStack/EndpointConfig';
const WORKGROUP = 'ForensicReadinessStack/InvestigationPack/Workgroup';
const JOB_LOGS = (suffix: string) => `MlWorkloadStack/JobLogs/${suffix}`;

const BEDROCK = 'MlWorkloadStack/BedrockInvocationLogging/Resource/Resource/Default';
/** Rewrites the JSON text of the Bedrock custom resource's call (the first, literal part of its Fn::Join). */
function bedrockCall(d: Docs, phase: 'Create' | 'Update', edit: (text: string) => string): void {
  const parts = props(d.workload, 'Custom::AWS', BEDROCK)[phase]['Fn::Join'][1];
  const edited = edit(parts[0]);
  if (edited === parts[0]) throw new Error(`the ${phase} call of ${BEDROCK} did not change`);
  parts[0] = edited;
}

const CONFIG = 'ForensicReadinessStack/ConfigurationHistory';
const recorder = (d: Docs) => props(d.readiness, 'AWS::Config::ConfigurationRecorder', `${CONFIG}/Resource`);

interface Guard {
  readonly default: string;
  readonly rule: string;
  readonly mutate: (d: Docs) => void;
}

const GUARDS: Guard[] = [
  { default: 'EvidenceBucket: Object Lock on', rule: 'AWS.S3.ObjectLockCompliance', mutate: (d) => { const p = props(d.readiness, 'AWS::S3::Bucket', EVIDENCE); delete p.ObjectLockEnabled; delete p.ObjectLockConfiguration; } },
  { default: 'EvidenceBucket: retention 365 days', rule: 'AWS.S3.ObjectLockCompliance', mutate: (d) => { props(d.readiness, 'AWS::S3::Bucket', EVIDENCE).ObjectLockConfiguration.Rule.DefaultRetention.Days = 30; } },
  { default: 'EvidenceBucket: COMPLIANCE mode', rule: 'AWS.S3.ObjectLockGovernance', mutate: (d) => { props(d.readiness, 'AWS::S3::Bucket', EVIDENCE).ObjectLockConfiguration.Rule.DefaultRetention.Mode = 'GOVERNANCE'; } },
  { default: 'EvidenceBucket: versioning', rule: 'AWS.S3.EvidenceVersioning', mutate: (d) => { props(d.workload, 'AWS::S3::Bucket', WL_EVIDENCE).VersioningConfiguration = { Status: 'Suspended' }; } },
  { default: 'EvidenceBucket: all public access blocks', rule: 'AWS.S3.EvidencePublicAccessBlock', mutate: (d) => { props(d.readiness, 'AWS::S3::Bucket', EVIDENCE).PublicAccessBlockConfiguration.RestrictPublicBuckets = false; } },
  { default: 'EvidenceBucket: TLS-only policy', rule: 'AWS.S3.EvidenceTlsOnly', mutate: (d) => { const p = props(d.readiness, 'AWS::S3::BucketPolicy', 'ForensicReadinessStack/Evidence/Resource/Policy/Resource'); p.PolicyDocument.Statement = p.PolicyDocument.Statement.filter((s: any) => !s.Condition?.Bool?.['aws:SecureTransport']); } },
  { default: 'EvidenceBucket: SSE-KMS', rule: 'AWS.S3.EvidenceKmsEncryption', mutate: (d) => { props(d.readiness, 'AWS::S3::Bucket', EVIDENCE).BucketEncryption.ServerSideEncryptionConfiguration = [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]; } },
  { default: 'EvidenceBucket: retained on delete', rule: 'AWS.S3.EvidenceRetain', mutate: (d) => { find(d.readiness, 'AWS::S3::Bucket', EVIDENCE)[1].DeletionPolicy = 'Delete'; } },
  { default: 'EvidenceBucket: retained on replacement', rule: 'AWS.S3.EvidenceRetain', mutate: (d) => { find(d.workload, 'AWS::S3::Bucket', WL_EVIDENCE)[1].UpdateReplacePolicy = 'Delete'; } },
  {
    default: 'EvidenceBucket: the lock-change deny exempts no role pattern', rule: 'AWS.S3.EvidenceDenyWildcardExemption',
    mutate: (d) => { const p = props(d.readiness, 'AWS::S3::BucketPolicy', 'ForensicReadinessStack/Evidence/Resource/Policy/Resource'); const st = p.PolicyDocument.Statement.find((s: any) => [s.Action].flat().includes('s3:PutBucketObjectLockConfiguration')); st.Condition = { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } }; },
  },
  { default: 'EvidenceBucket: key rotation', rule: 'AWS.KMS.EvidenceKey', mutate: (d) => { props(d.readiness, 'AWS::KMS::Key', 'ForensicReadinessStack/Evidence/Key/Resource').EnableKeyRotation = false; } },
  { default: 'EvidenceBucket: key retained', rule: 'AWS.KMS.EvidenceKey', mutate: (d) => { find(d.readiness, 'AWS::KMS::Key', 'ForensicReadinessStack/Evidence/Key/Resource')[1].DeletionPolicy = 'Delete'; } },
  { default: 'AccessLogBucket: SSE-S3 so S3 can deliver', rule: 'AWS.S3.AccessLogTargetDeliverable', mutate: (d) => { props(d.workload, 'AWS::S3::Bucket', 'MlWorkloadStack/AccessLogStaging/Resource/Resource').BucketEncryption.ServerSideEncryptionConfiguration = [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }]; } },
  { default: 'AuditTrail: logging on', rule: 'AWS.CloudTrail.IsLogging', mutate: (d) => { props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL).IsLogging = false; } },
  { default: 'AuditTrail: multi-region', rule: 'AWS.CloudTrail.MultiRegion', mutate: (d) => { props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL).IsMultiRegionTrail = false; } },
  { default: 'AuditTrail: global service events', rule: 'AWS.CloudTrail.MultiRegion', mutate: (d) => { props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL).IncludeGlobalServiceEvents = false; } },
  { default: 'AuditTrail: management events, reads and writes', rule: 'AWS.CloudTrail.ManagementEvents', mutate: (d) => { const p = props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL); p.AdvancedEventSelectors = p.AdvancedEventSelectors.filter((s: any) => s.Name !== 'Management events'); } },
  { default: 'AuditTrail: log file validation', rule: 'AWS.CloudTrail.LogFileValidation', mutate: (d) => { props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL).EnableLogFileValidation = false; } },
  { default: 'AuditTrail: KMS', rule: 'AWS.CloudTrail.KmsEncryption', mutate: (d) => { delete props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL).KMSKeyId; } },
  { default: 'AuditTrail: CloudWatch Logs copy', rule: 'AWS.CloudTrail.CloudWatchLogs', mutate: (d) => { const p = props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL); delete p.CloudWatchLogsLogGroupArn; delete p.CloudWatchLogsRoleArn; } },
  { default: 'AuditTrail: CloudWatch Logs retention 365 days', rule: 'AWS.Logs.EvidenceRetention', mutate: (d) => { props(d.readiness, 'AWS::Logs::LogGroup', 'ForensicReadinessStack/Trail/LogGroup/Resource').RetentionInDays = 90; } },
  { default: 'AuditTrail: CloudWatch Logs copy retained', rule: 'AWS.Logs.EvidenceRetain', mutate: (d) => { find(d.readiness, 'AWS::Logs::LogGroup', 'ForensicReadinessStack/Trail/LogGroup/Resource')[1].DeletionPolicy = 'Delete'; } },
  { default: 'AuditTrail: log group KMS', rule: 'AWS.Logs.EvidenceKms', mutate: (d) => { delete props(d.readiness, 'AWS::Logs::LogGroup', 'ForensicReadinessStack/Trail/LogGroup/Resource').KmsKeyId; } },
  { default: 'AuditTrail: delivers into an object-locked bucket', rule: 'AWS.CloudTrail.LockedDestination', mutate: (d) => { const p = props(d.readiness, 'AWS::S3::Bucket', EVIDENCE); delete p.ObjectLockEnabled; delete p.ObjectLockConfiguration; } },
  { default: 'AuditTrail: S3 data events on the data buckets', rule: 'AWS.CloudTrail.S3DataEvents', mutate: (d) => { const p = props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL); p.AdvancedEventSelectors = p.AdvancedEventSelectors.filter((s: any) => !s.Name.startsWith('S3')); } },
  { default: "AuditTrail: data events never include the trail's own bucket", rule: 'AWS.CloudTrail.ExcludesOwnBucket', mutate: (d) => { const p = props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL); p.AdvancedEventSelectors.push({ Name: 'all S3', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }); } },
  { default: 'AuditTrail: SageMaker endpoint data events', rule: 'AWS.CloudTrail.SageMakerEndpointDataEvents', mutate: (d) => { const p = props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL); p.AdvancedEventSelectors = p.AdvancedEventSelectors.filter((s: any) => !s.Name.startsWith('SageMaker')); } },
  { default: 'FlowLogs: every VPC has a flow log', rule: 'AWS.EC2.VpcFlowLogs', mutate: (d) => { for (const [id, r] of Object.entries(d.workload.Resources)) if (r.Type === 'AWS::EC2::FlowLog') delete d.workload.Resources[id]; } },
  { default: 'FlowLogs: ALL traffic', rule: 'AWS.EC2.VpcFlowLogs', mutate: (d) => { for (const r of Object.values(d.workload.Resources)) if (r.Type === 'AWS::EC2::FlowLog') r.Properties.TrafficType = 'REJECT'; } },
  { default: 'FlowLogs: investigator fields', rule: 'AWS.EC2.FlowLogFields', mutate: (d) => { for (const r of Object.values(d.workload.Resources)) if (r.Type === 'AWS::EC2::FlowLog') delete r.Properties.LogFormat; } },
  { default: 'FlowLogs: 60 s aggregation', rule: 'AWS.EC2.FlowLogAggregationInterval', mutate: (d) => { for (const r of Object.values(d.workload.Resources)) if (r.Type === 'AWS::EC2::FlowLog') r.Properties.MaxAggregationInterval = 600; } },
  { default: 'FlowLogs: CloudWatch copy kept 365 days', rule: 'AWS.Logs.EvidenceRetention', mutate: (d) => { props(d.workload, 'AWS::Logs::LogGroup', 'MlWorkloadStack/FlowLogs/LogGroup/Resource').RetentionInDays = 30; } },
  { default: 'DnsQueryLogs: every VPC associated', rule: 'AWS.Route53Resolver.VpcQueryLogging', mutate: (d) => { for (const [id, r] of Object.entries(d.workload.Resources)) if (r.Type === 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation') delete d.workload.Resources[id]; } },
  { default: 'SageMakerAudit: capture Input and Output', rule: 'AWS.SageMaker.DataCaptureInputOutput', mutate: (d) => { props(d.workload, 'AWS::SageMaker::EndpointConfig', CAPTURE).DataCaptureConfig.CaptureOptions = [{ CaptureMode: 'Input' }]; } },
  { default: 'SageMakerAudit: capture enabled', rule: 'AWS.SageMaker.DataCaptureInputOutput', mutate: (d) => { props(d.workload, 'AWS::SageMaker::EndpointConfig', CAPTURE).DataCaptureConfig.EnableCapture = false; } },
  { default: 'SageMakerAudit: 100 % sampling', rule: 'AWS.SageMaker.DataCaptureSampling', mutate: (d) => { props(d.workload, 'AWS::SageMaker::EndpointConfig', CAPTURE).DataCaptureConfig.InitialSamplingPercentage = 50; } },
  { default: 'SageMakerAudit: capture KMS', rule: 'AWS.SageMaker.DataCaptureKms', mutate: (d) => { delete props(d.workload, 'AWS::SageMaker::EndpointConfig', CAPTURE).DataCaptureConfig.KmsKeyId; } },
  { default: 'SageMakerAudit: capture into locked storage', rule: 'AWS.SageMaker.DataCaptureLockedDestination', mutate: (d) => { const p = props(d.workload, 'AWS::S3::Bucket', WL_EVIDENCE); delete p.ObjectLockEnabled; delete p.ObjectLockConfiguration; } },
  { default: 'SageMakerAudit: endpoint volume KMS', rule: 'AWS.SageMaker.EndpointVolumeKms', mutate: (d) => { delete props(d.workload, 'AWS::SageMaker::EndpointConfig', CAPTURE).KmsKeyId; } },
  { default: 'SageMakerAudit: model network isolation', rule: 'AWS.SageMaker.ModelIsolation', mutate: (d) => { props(d.workload, 'AWS::SageMaker::Model', 'MlWorkloadStack/Model').EnableNetworkIsolation = false; } },
  { default: 'SageMakerAudit: endpoint log group kept 365 days', rule: 'AWS.Logs.EvidenceRetention', mutate: (d) => { props(d.workload, 'AWS::Logs::LogGroup', 'MlWorkloadStack/Endpoint/ForensicLogGroup/Resource').RetentionInDays = 7; } },
  {
    default: 'SageMakerAudit: notebooks without root or direct internet access (a notebook added to the workload)',
    rule: 'AWS.SageMaker.NotebookHardening',
    mutate: (d) => { d.workload.Resources.AddedNotebook = { Type: 'AWS::SageMaker::NotebookInstance', Properties: { InstanceType: 'ml.t3.medium', RoleArn: 'arn:aws:iam::111122223333:role/nb', RootAccess: 'Enabled', DirectInternetAccess: 'Enabled' } }; },
  },
  { default: 'BedrockInvocationLogging: image data delivered', rule: 'AWS.Bedrock.InvocationLoggingAllModalities', mutate: (d) => { bedrockCall(d, 'Create', (t) => t.replace('"imageDataDeliveryEnabled":true', '"imageDataDeliveryEnabled":false')); } },
  { default: 'BedrockInvocationLogging: video data delivered (on update too)', rule: 'AWS.Bedrock.InvocationLoggingAllModalities', mutate: (d) => { bedrockCall(d, 'Update', (t) => t.replace('"videoDataDeliveryEnabled":true,', '')); } },
  { default: 'AuditTrail: Bedrock data events when the app holds a BedrockInvocationLogging', rule: 'AWS.CloudTrail.BedrockDataEvents', mutate: (d) => { const p = props(d.readiness, 'AWS::CloudTrail::Trail', TRAIL); p.AdvancedEventSelectors = p.AdvancedEventSelectors.filter((s: any) => s.Name !== 'Bedrock Session calls'); } },
  { default: 'ConfigurationHistory: the global IAM types recorded', rule: 'AWS.Config.RecorderAllResources', mutate: (d) => { recorder(d).RecordingGroup.IncludeGlobalResourceTypes = false; } },
  { default: 'ConfigurationHistory: every supported type recorded', rule: 'AWS.Config.RecorderAllResources', mutate: (d) => { recorder(d).RecordingGroup = { AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'] }; } },
  { default: 'ConfigurationHistory: continuous recording', rule: 'AWS.Config.RecorderAllResources', mutate: (d) => { recorder(d).RecordingMode.RecordingFrequency = 'DAILY'; } },
  { default: 'ConfigurationHistory: the recorder started', rule: 'AWS.Config.RecorderAllResources', mutate: (d) => { recorder(d).StartedOnCreate = false; } },
  { default: 'ConfigurationHistory: the staging bucket replicated into the evidence bucket', rule: 'AWS.Config.DeliveryToEvidence', mutate: (d) => { delete props(d.readiness, 'AWS::S3::Bucket', `${CONFIG}/Staging/Resource/Resource`).ReplicationConfiguration; } },
  { default: 'ConfigurationHistory: delivery into an unlocked staging bucket, not the locked one', rule: 'AWS.Config.DeliveryToEvidence', mutate: (d) => { props(d.readiness, 'AWS::Config::DeliveryChannel', `${CONFIG}/DeliveryChannel`).S3BucketName = { Ref: find(d.readiness, 'AWS::S3::Bucket', EVIDENCE)[0] }; } },
  { default: 'ConfigurationHistory: a snapshot every six hours', rule: 'AWS.Config.SnapshotFrequency', mutate: (d) => { props(d.readiness, 'AWS::Config::DeliveryChannel', `${CONFIG}/DeliveryChannel`).ConfigSnapshotDeliveryProperties.DeliveryFrequency = 'TwentyFour_Hours'; } },
  {
    default: 'ConfigurationHistory: retention of 2,557 days', rule: 'AWS.Config.RetentionPeriod',
    mutate: (d) => {
      const parts = props(d.readiness, 'Custom::AWS', `${CONFIG}/Retention/Resource/Default`).Create['Fn::Join'][1];
      const edited = parts[0].replace('"RetentionPeriodInDays":2557', '"RetentionPeriodInDays":90');
      if (edited === parts[0]) throw new Error('the retention call did not change');
      parts[0] = edited;
    },
  },
  { default: 'SageMakerJobLogs: deletion protection on the job log groups', rule: 'AWS.SageMaker.JobLogGroupsRetained', mutate: (d) => { props(d.workload, 'AWS::Logs::LogGroup', JOB_LOGS('TrainingJobs/Resource')).DeletionProtectionEnabled = false; } },
  { default: 'SageMakerJobLogs: deletion protection on the endpoint group SageMakerAudit created', rule: 'AWS.SageMaker.JobLogGroupsRetained', mutate: (d) => { delete props(d.workload, 'AWS::Logs::LogGroup', 'MlWorkloadStack/Endpoint/ForensicLogGroup/Resource').DeletionProtectionEnabled; } },
  { default: 'SageMakerJobLogs: job log groups retained on delete', rule: 'AWS.Logs.EvidenceRetain', mutate: (d) => { find(d.workload, 'AWS::Logs::LogGroup', JOB_LOGS('ProcessingJobs/Resource'))[1].DeletionPolicy = 'Delete'; } },
  { default: "SageMakerJobLogs: Studio's group created before the domain", rule: 'AWS.SageMaker.JobLogGroupsRetained', mutate: (d) => { remove(d.workload, 'AWS::Logs::SubscriptionFilter', JOB_LOGS('StudioExport')); remove(d.workload, 'AWS::Logs::LogGroup', JOB_LOGS('Studio/Resource')); } },
  { default: 'SageMakerJobLogs: job log groups kept 365 days', rule: 'AWS.Logs.EvidenceRetention', mutate: (d) => { props(d.workload, 'AWS::Logs::LogGroup', JOB_LOGS('TransformJobs/Resource')).RetentionInDays = 30; } },
  { default: 'SageMakerJobLogs: job log groups encrypted with the evidence key', rule: 'AWS.Logs.EvidenceKms', mutate: (d) => { delete props(d.workload, 'AWS::Logs::LogGroup', JOB_LOGS('NotebookInstances/Resource')).KmsKeyId; } },
  { default: 'SageMakerJobLogs: every group subscribed into the Firehose stream', rule: 'AWS.SageMaker.JobLogsExported', mutate: (d) => { remove(d.workload, 'AWS::Logs::SubscriptionFilter', JOB_LOGS('TrainingJobsExport')); } },
  { default: 'SageMakerJobLogs: every record subscribed (empty filter pattern)', rule: 'AWS.SageMaker.JobLogsExported', mutate: (d) => { props(d.workload, 'AWS::Logs::SubscriptionFilter', JOB_LOGS('ProcessingJobsExport')).FilterPattern = 'ERROR'; } },
  { default: 'SageMakerJobLogs: staging bucket replicated into the locked evidence bucket', rule: 'AWS.SageMaker.JobLogsExported', mutate: (d) => { delete props(d.workload, 'AWS::S3::Bucket', JOB_LOGS('Staging/Resource/Resource')).ReplicationConfiguration; } },
  { default: 'StudioSourceIdentity: ExecutionRoleIdentityConfig USER_PROFILE_NAME', rule: 'AWS.SageMaker.StudioSourceIdentity', mutate: (d) => { delete props(d.workload, 'AWS::SageMaker::Domain', 'MlWorkloadStack/StudioDomain').DomainSettings; } },
  { default: 'StudioSourceIdentity: sts:SetSourceIdentity in the execution role trust policy', rule: 'AWS.SageMaker.StudioSourceIdentity', mutate: (d) => { const p = props(d.workload, 'AWS::IAM::Role', 'MlWorkloadStack/StudioExecutionRole/Resource'); p.AssumeRolePolicyDocument.Statement = p.AssumeRolePolicyDocument.Statement.filter((s: any) => s.Action !== 'sts:SetSourceIdentity'); } },
  { default: 'ThreatDetection: S3 protection', rule: 'AWS.GuardDuty.S3Protection', mutate: (d) => { props(d.readiness, 'AWS::GuardDuty::Detector', 'ForensicReadinessStack/ThreatDetection/Resource').Features[0].Status = 'DISABLED'; } },
  { default: 'ThreatDetection: runtime monitoring', rule: 'AWS.GuardDuty.RuntimeMonitoring', mutate: (d) => { props(d.readiness, 'AWS::GuardDuty::Detector', 'ForensicReadinessStack/ThreatDetection/Resource').Features[1].Status = 'DISABLED'; } },
  { default: 'ThreatDetection: findings exported', rule: 'AWS.GuardDuty.FindingsExport', mutate: (d) => { remove(d.readiness, 'AWS::GuardDuty::PublishingDestination', 'ForensicReadinessStack/ThreatDetection/FindingsExport'); } },
  { default: 'InvestigationPack: the workgroup enforces its configuration', rule: 'AWS.Athena.WorkgroupEnforcedEncryption', mutate: (d) => { props(d.readiness, 'AWS::Athena::WorkGroup', WORKGROUP).WorkGroupConfiguration.EnforceWorkGroupConfiguration = false; } },
  { default: 'InvestigationPack: results encrypted with its own KMS key', rule: 'AWS.Athena.WorkgroupEnforcedEncryption', mutate: (d) => { props(d.readiness, 'AWS::Athena::WorkGroup', WORKGROUP).WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration = { EncryptionOption: 'SSE_S3' }; } },
  {
    default: 'InvestigationPack: results in a bucket of their own, never the evidence bucket',
    rule: 'AWS.Athena.WorkgroupResultsOutsideEvidence',
    mutate: (d) => { const [evidence] = find(d.readiness, 'AWS::S3::Bucket', EVIDENCE); props(d.readiness, 'AWS::Athena::WorkGroup', WORKGROUP).WorkGroupConfiguration.ResultConfiguration.OutputLocation = { 'Fn::Join': ['', ['s3://', { Ref: evidence }, '/results/']] }; },
  },
];

describe('guard: AWS secure defaults', () => {
  test('the reference templates break no AWS rule', () => {
    const model = buildModel([loadDocument(baseline.readiness, 'r.json'), loadDocument(baseline.workload, 'w.json')]);
    const bad = runRules(model, AWS_RULES).findings.filter((f) => f.verdict === 'NON_COMPLIANT');
    expect(bad.map((f) => `${f.ruleId} ${f.address}`)).toEqual([]);
  });

  test.each(GUARDS.map((g) => [g.default, g.rule, g]))('%s → %s fires', (_name, ruleId, guard) => {
    const docs = structuredClone(baseline);
    guard.mutate(docs);
    const fired = findingsOf(docs, ruleId);
    const rule = AWS_RULES.find((r) => r.id === ruleId)!;
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.every((f) => f.severity === rule.severity)).toBe(true);
  });

  test('every AWS rule guards at least one default', () => {
    const guarded = new Set(GUARDS.map((g) => g.rule));
    expect(AWS_RULES.map((r) => r.id).filter((id) => !guarded.has(id))).toEqual([]);
  });
});
