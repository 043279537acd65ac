import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { EvidenceBucket, SageMakerAudit, SageMakerJobLogs } from '../../constructs/aws';
import { Retention, WARNINGS } from '../../constructs/core';
import { newStack, only, refusal, stringParameter, template, warnings } from './helpers';

type Props = ConstructorParameters<typeof SageMakerJobLogs>[2];

/** The warnings of the construct under test (the evidence bucket warns of its own). */
const own = (stack: ReturnType<typeof newStack>) => warnings(stack).filter((w) => w.includes('TestStack/JobLogs'));

function setup(props: Partial<Props> = {}) {
  const stack = newStack();
  const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
  const jobLogs = new SageMakerJobLogs(stack, 'JobLogs', { destination: evidence, ...props });
  return { stack, evidence, jobLogs, t: template(stack) };
}

const GROUPS = ['/aws/sagemaker/TrainingJobs', '/aws/sagemaker/ProcessingJobs', '/aws/sagemaker/TransformJobs', '/aws/sagemaker/NotebookInstances', '/aws/sagemaker/studio'];

function groups(t: ReturnType<typeof template>): Record<string, any> {
  return Object.fromEntries(Object.entries<any>(t.findResources('AWS::Logs::LogGroup')).map(([id, g]) => [g.Properties.LogGroupName, { id, ...g }]));
}

function filters(t: ReturnType<typeof template>): any[] {
  return Object.values<any>(t.findResources('AWS::Logs::SubscriptionFilter'));
}

describe('SageMakerJobLogs', () => {
  test('defaults: the five groups, with a year of retention, the evidence key, deletion protection, retained on delete', () => {
    const { t } = setup();
    const g = groups(t);
    expect(Object.keys(g).sort()).toEqual([...GROUPS].sort());
    for (const name of GROUPS) {
      expect(g[name].Properties.RetentionInDays).toBe(365);
      expect(g[name].Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceKey/), 'Arn'] });
      expect(g[name].Properties.DeletionProtectionEnabled).toBe(true);
      expect(g[name].DeletionPolicy).toBe('Retain');
      expect(g[name].UpdateReplacePolicy).toBe('Retain');
    }
    // The key lets CloudWatch Logs of this account and region use it.
    const key = only(t, 'AWS::KMS::Key');
    expect(key.Properties.KeyPolicy.Statement.some((s: any) => s.Sid === 'AllowCloudWatchLogsToEncrypt')).toBe(true);
  });

  test('defaults: every group is subscribed, whole, into one Firehose stream through a role CloudWatch Logs of this account assumes', () => {
    const { t } = setup();
    const g = groups(t);
    const stream = Object.keys(t.findResources('AWS::KinesisFirehose::DeliveryStream'))[0];
    const f = filters(t);
    expect(f).toHaveLength(GROUPS.length);
    expect(f.map((x) => x.Properties.LogGroupName.Ref).sort()).toEqual(GROUPS.map((n) => g[n].id).sort());
    for (const x of f) {
      expect(x.Properties.FilterPattern).toBe('');
      expect(x.Properties.DestinationArn).toEqual({ 'Fn::GetAtt': [stream, 'Arn'] });
      expect(x.DependsOn).toEqual([expect.stringMatching(/^JobLogsSubscriptionRoleDefaultPolicy/)]);
    }
    const roles = t.findResources('AWS::IAM::Role');
    const logsRole = Object.values<any>(roles).find((r) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'logs.amazonaws.com');
    expect(logsRole.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] } },
    });
    const statements = Object.values<any>(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.find((s) => JSON.stringify(s.Action).includes('firehose:'))).toEqual({ Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: { 'Fn::GetAtt': [stream, 'Arn'] } });
  });

  test('defaults: the stream is encrypted with the customer key, writes the gzip records as they come into the staging prefix, with an error prefix', () => {
    const { t } = setup();
    const s = only(t, 'AWS::KinesisFirehose::DeliveryStream').Properties;
    expect(s.DeliveryStreamType).toBe('DirectPut');
    expect(s.DeliveryStreamEncryptionConfigurationInput).toEqual({ KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: { 'Fn::GetAtt': [expect.stringMatching(/^EvidenceKey/), 'Arn'] } });
    const d = s.ExtendedS3DestinationConfiguration;
    expect(d.CompressionFormat).toBe('UNCOMPRESSED');
    expect(d.Prefix).toBe('sagemaker-job-logs/logs/');
    expect(d.ErrorOutputPrefix).toBe('sagemaker-job-logs/errors/');
    expect(d.EncryptionConfiguration).toEqual({ NoEncryptionConfig: 'NoEncryption' });
    expect(s.S3DestinationConfiguration).toBeUndefined();
    // No decompression or other processing: the records are kept as CloudWatch Logs sent them.
    expect(d.ProcessingConfiguration).toBeUndefined();
    expect(d.DataFormatConversionConfiguration).toBeUndefined();
  });

  test('defaults: the staging bucket replicates the prefix into the evidence bucket, and the Firehose role reaches only objects under the prefix', () => {
    const { t } = setup();
    const buckets = t.findResources('AWS::S3::Bucket', { Properties: { ReplicationConfiguration: {} } });
    const [stagingId, staging] = Object.entries<any>(buckets)[0];
    expect(Object.keys(buckets)).toHaveLength(1);
    expect(staging.Properties.ReplicationConfiguration.Rules).toEqual([expect.objectContaining({ Filter: { Prefix: 'sagemaker-job-logs/' }, Destination: expect.objectContaining({ Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^Evidence/), 'Arn'] } }) })]);
    expect(only(t, 'AWS::KinesisFirehose::DeliveryStream').Properties.ExtendedS3DestinationConfiguration.BucketARN).toEqual({ 'Fn::GetAtt': [stagingId, 'Arn'] });
    const firehoseRole = Object.entries<any>(t.findResources('AWS::IAM::Role')).find(([, r]) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'firehose.amazonaws.com')!;
    expect(firehoseRole[1].Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } });
    const policy = Object.values<any>(t.findResources('AWS::IAM::Policy')).find((p) => p.Properties.Roles.some((r: any) => r.Ref === firehoseRole[0]));
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [stagingId, 'Arn'] }, '/sagemaker-job-logs/*']] } },
      { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: { 'Fn::GetAtt': [stagingId, 'Arn'] } },
    ]);
    // No fixed replication role name.
    for (const role of Object.values<any>(t.findResources('AWS::IAM::Role'))) expect(role.Properties.RoleName).toBeUndefined();
  });

  test('defaults: no warning of its own', () => {
    const { stack } = setup();
    expect(own(stack)).toEqual([]);
  });

  test('an endpoint of the app gets its group, created before it, and exported; SageMakerAudit reuses that group', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    new SageMakerJobLogs(stack, 'JobLogs', { destination: evidence });
    new SageMakerAudit(stack, 'Audit', { destination: evidence });
    const endpoint = new sagemaker.CfnEndpoint(stack, 'Endpoint', { endpointName: 'fraud', endpointConfigName: 'c' });
    const t = template(stack);
    const g = groups(t)['/aws/sagemaker/Endpoints/fraud'];
    expect(g.Properties).toEqual(expect.objectContaining({ RetentionInDays: 365, DeletionProtectionEnabled: true }));
    expect(Object.values<any>(t.findResources('AWS::Logs::LogGroup')).filter((x) => x.Properties.LogGroupName === '/aws/sagemaker/Endpoints/fraud')).toHaveLength(1);
    expect(t.toJSON().Resources[stack.getLogicalId(endpoint)].DependsOn).toContain(g.id);
    expect(filters(t).filter((f) => f.Properties.LogGroupName.Ref === g.id)).toHaveLength(1);
  });

  test('the group SageMakerAudit created first is exported and gets deletion protection', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    new SageMakerAudit(stack, 'Audit', { destination: evidence });
    new SageMakerJobLogs(stack, 'JobLogs', { destination: evidence });
    new sagemaker.CfnEndpoint(stack, 'Endpoint', { endpointName: 'fraud', endpointConfigName: 'c' });
    const t = template(stack);
    const g = groups(t)['/aws/sagemaker/Endpoints/fraud'];
    expect(g.Properties.DeletionProtectionEnabled).toBe(true);
    expect(filters(t).filter((f) => f.Properties.LogGroupName.Ref === g.id)).toHaveLength(1);
  });

  test('endpointNames creates and exports the groups of endpoints the app does not define', () => {
    const { t } = setup({ endpointNames: ['batch-scorer'] });
    const g = groups(t)['/aws/sagemaker/Endpoints/batch-scorer'];
    expect(g.Properties.DeletionProtectionEnabled).toBe(true);
    expect(filters(t).filter((f) => f.Properties.LogGroupName.Ref === g.id)).toHaveLength(1);
  });

  test('adoptLogGroups subscribes an existing group by name without creating it, and warns that its retention and key are not the kit\'s', () => {
    const { stack, t } = setup({ adoptLogGroups: ['/aws/sagemaker/TrainingJobs', '/aws/sagemaker/Endpoints/legacy'] });
    const g = groups(t);
    expect(g['/aws/sagemaker/TrainingJobs']).toBeUndefined();
    expect(g['/aws/sagemaker/Endpoints/legacy']).toBeUndefined();
    const byName = filters(t).filter((f) => typeof f.Properties.LogGroupName === 'string').map((f) => f.Properties.LogGroupName);
    expect(byName.sort()).toEqual(['/aws/sagemaker/Endpoints/legacy', '/aws/sagemaker/TrainingJobs']);
    expect(own(stack)).toEqual([expect.stringMatching(/forensic-readiness:weakened-default.*adopted groups .*TrainingJobs.*retention, KMS key and deletion protection are not set by the kit/)]);
  });

  test('deletionProtection false leaves it off and warns', () => {
    const { stack, t } = setup({ deletionProtection: false });
    for (const g of Object.values<any>(groups(t))) expect(g.Properties.DeletionProtectionEnabled).toBe(false);
    expect(own(stack)).toEqual([expect.stringContaining('deletion protection is off')]);
  });

  test('studioEnabled false creates no Studio group and warns', () => {
    const { stack, t } = setup({ studioEnabled: false });
    expect(groups(t)['/aws/sagemaker/studio']).toBeUndefined();
    expect(own(stack)).toEqual([expect.stringContaining(WARNINGS.WEAKENED_DEFAULT)]);
  });

  test('a prefix, a retention and a key of their own; a short retention warns', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new SageMakerJobLogs(stack, 'JobLogs', { destination: evidence, prefix: 'ml/jobs', retention: Retention.days(100), encryptionKey: key });
    const t = template(stack);
    for (const g of Object.values<any>(groups(t))) expect(g.Properties).toEqual(expect.objectContaining({ RetentionInDays: 120, KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^Own/), 'Arn'] } }));
    const s = only(t, 'AWS::KinesisFirehose::DeliveryStream').Properties;
    expect(s.DeliveryStreamEncryptionConfigurationInput.KeyARN).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Own/), 'Arn'] });
    expect(s.ExtendedS3DestinationConfiguration.Prefix).toBe('ml/jobs/logs/');
    expect(own(stack)).toEqual([expect.stringContaining('100 days is under')]);
  });

  test('fails when the destination is not an EvidenceBucket', () => {
    expect(refusal(() => new SageMakerJobLogs(newStack(), 'JobLogs', { destination: {} as never })).message).toMatch(/destination/);
  });

  test('fails when an adopted group is not a SageMaker group', () => {
    expect(() => setup({ adoptLogGroups: ['/aws/lambda/x'] })).toThrow(/adoptLogGroups\[0\].*\/aws\/sagemaker\//);
  });

  test('fails when an endpoint name is not one SageMaker allows, or only known at deploy', () => {
    expect(() => setup({ endpointNames: ['bad_name'] })).toThrow(/endpointNames\[0\].*SageMaker endpoint name/);
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    expect(() => new SageMakerJobLogs(stack, 'JobLogs', { destination: evidence, endpointNames: [stringParameter(stack)] })).toThrow(/endpointNames\[0\].*known at synth/);
  });

  test('fails when an endpoint group is both adopted and created', () => {
    expect(() => setup({ endpointNames: ['a'], adoptLogGroups: ['/aws/sagemaker/Endpoints/a'] })).toThrow(/adoptLogGroups.*not also created through endpointNames/);
  });

  test('fails when names repeat', () => {
    expect(() => setup({ adoptLogGroups: ['/aws/sagemaker/x', '/aws/sagemaker/x'] })).toThrow(/adoptLogGroups.*without repeats/);
  });

  test('fails at synth (an error annotation) when endpointNames lists an endpoint the app defines', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    new SageMakerJobLogs(stack, 'JobLogs', { destination: evidence, endpointNames: ['fraud'] });
    new sagemaker.CfnEndpoint(stack, 'Endpoint', { endpointName: 'fraud', endpointConfigName: 'c' });
    template(stack);
    const errors = Annotations.fromStack(stack).findError('*', Match.anyValue()).map((e) => String(e.entry.data));
    expect(errors).toEqual([expect.stringContaining('endpointNames lists fraud')]);
  });
});
