import { readdirSync } from 'fs';
import { join } from 'path';
import { EVIDENCE_SOURCES } from '../../../../constructs/core/evidence-sources';
import { AWS_RULES } from '../../../../policies/rules/aws';

const DIR = join(__dirname, '../../../../policies/rules/aws');

/** The ids the shared MAPPINGS.md of the project lists. */
const ATTACK = ['T1078.004', 'T1098.001', 'T1136.003', 'T1530', 'T1537', 'T1567', 'T1485', 'T1490', 'T1486', 'T1578.001', 'T1578.002', 'T1580', 'T1526', 'T1619', 'T1552.005', 'T1496', 'T1648', 'T1651', 'T1562.008', 'T1685.002'];
const ATLAS = ['AML.T0020', 'AML.T0059', 'AML.T0010', 'AML.T0010.002', 'AML.T0010.003', 'AML.T0018', 'AML.T0076', 'AML.T0040', 'AML.T0024', 'AML.T0024.000', 'AML.T0024.001', 'AML.T0024.002', 'AML.T0029', 'AML.T0034', 'AML.T0012', 'AML.T0055', 'AML.T0007', 'AML.T0035', 'AML.T0044', 'AML.T0025'];

describe('AWS_RULES', () => {
  it('pins every id and severity', () => {
    expect(AWS_RULES.map((r) => `${r.id} ${r.severity}`)).toEqual([
      'AWS.S3.ObjectLockCompliance error',
      'AWS.S3.ObjectLockGovernance warning',
      'AWS.S3.EvidenceVersioning error',
      'AWS.S3.EvidencePublicAccessBlock error',
      'AWS.S3.EvidenceTlsOnly error',
      'AWS.S3.EvidenceKmsEncryption error',
      'AWS.S3.EvidenceRetain error',
      'AWS.S3.EvidenceDenyWildcardExemption error',
      'AWS.S3.AccessLogTargetDeliverable error',
      'AWS.Logs.EvidenceRetention error',
      'AWS.Logs.EvidenceRetain error',
      'AWS.Logs.EvidenceKms warning',
      'AWS.KMS.EvidenceKey warning',
      'AWS.CloudTrail.IsLogging error',
      'AWS.CloudTrail.MultiRegion error',
      'AWS.CloudTrail.ManagementEvents error',
      'AWS.CloudTrail.LogFileValidation error',
      'AWS.CloudTrail.KmsEncryption error',
      'AWS.CloudTrail.LockedDestination error',
      'AWS.CloudTrail.CloudWatchLogs error',
      'AWS.CloudTrail.S3DataEvents error',
      'AWS.CloudTrail.ExcludesOwnBucket error',
      'AWS.CloudTrail.SageMakerEndpointDataEvents error',
      'AWS.EC2.VpcFlowLogs error',
      'AWS.EC2.FlowLogFields error',
      'AWS.EC2.FlowLogAggregationInterval warning',
      'AWS.Route53Resolver.VpcQueryLogging error',
      'AWS.SageMaker.DataCaptureInputOutput error',
      'AWS.SageMaker.DataCaptureSampling warning',
      'AWS.SageMaker.DataCaptureKms error',
      'AWS.SageMaker.DataCaptureLockedDestination error',
      'AWS.SageMaker.EndpointVolumeKms error',
      'AWS.SageMaker.ModelIsolation error',
      'AWS.SageMaker.NotebookHardening error',
      'AWS.SageMaker.JobLogGroupsRetained warning',
      'AWS.SageMaker.JobLogsExported error',
      'AWS.SageMaker.StudioSourceIdentity warning',
      'AWS.Bedrock.InvocationLoggingAllModalities error',
      'AWS.CloudTrail.BedrockDataEvents error',
      'AWS.GuardDuty.S3Protection error',
      'AWS.GuardDuty.RuntimeMonitoring warning',
      'AWS.GuardDuty.FindingsExport warning',
      'AWS.Config.RecorderAllResources error',
      'AWS.Config.DeliveryToEvidence error',
      'AWS.Config.SnapshotFrequency warning',
      'AWS.Config.RetentionPeriod warning',
      'AWS.Athena.WorkgroupEnforcedEncryption error',
      'AWS.Athena.WorkgroupResultsOutsideEvidence error',
    ]);
  });

  it('lists every rule file once, and each file exports a const named after it', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.startsWith('_') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    const listed = AWS_RULES.map((rule) => files.find((f) => require(join(DIR, f))[f] === rule));
    expect(listed.every((f) => f !== undefined)).toBe(true);
    expect([...listed].sort()).toEqual([...files].sort());
  });

  it('has unique AWS ids of the form AWS.<Service>.<Name>', () => {
    const ids = AWS_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of AWS_RULES) expect(r.id).toMatch(/^AWS\.[A-Za-z0-9]+\.[A-Za-z0-9]+$/);
    for (const r of AWS_RULES) expect(r.cloud).toBe('aws');
  });

  it('maps only ids listed in MAPPINGS.md, naming T1685.002 with T1562.008', () => {
    for (const r of AWS_RULES) {
      expect([r.id, r.attack.filter((a) => !ATTACK.includes(a))]).toEqual([r.id, []]);
      expect([r.id, r.atlas.filter((a) => !ATLAS.includes(a))]).toEqual([r.id, []]);
      expect([r.id, r.attack.length > 0]).toEqual([r.id, true]);
      if (r.attack.includes('T1562.008')) expect([r.id, r.attack.includes('T1685.002')]).toEqual([r.id, true]);
    }
  });

  it('names an evidence source of the catalog and says what, why and how to fix', () => {
    const sources = EVIDENCE_SOURCES.map((s) => s.id);
    for (const r of AWS_RULES) {
      expect(sources).toContain(r.evidenceSource);
      for (const text of [r.description, r.rationale, r.fix]) expect([r.id, text.length > 40]).toEqual([r.id, true]);
      // aws-cdk-lib's AwsCustomResource is the one custom resource type a rule reads (SDK calls with no CloudFormation resource).
      expect(r.appliesTo.every((t) => t.startsWith('AWS::') || t === 'Custom::AWS')).toBe(true);
    }
  });
});
