import { spawnSync } from 'child_process';
import * as kms from 'aws-cdk-lib/aws-kms';
import { BedrockInvocationLogging, EvidenceBucket } from '../../constructs/aws';
import { Retention, WARNINGS } from '../../constructs/core';
import { newStack, only, refusal, template, warnings } from './helpers';

/** The warnings of the construct under test (the evidence bucket warns of its own). */
const own = (stack: ReturnType<typeof newStack>) => warnings(stack).filter((w) => w.includes('TestStack/Bedrock'));

function setup(props: Partial<ConstructorParameters<typeof BedrockInvocationLogging>[2]> = {}) {
  const stack = newStack();
  const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
  const logging = new BedrockInvocationLogging(stack, 'Bedrock', { destination: evidence, ...props });
  return { stack, evidence, logging, t: template(stack) };
}

/** The SDK call a `Create`/`Update`/`Delete` property of the custom resource states, each token replaced by `marker`. */
function call(value: unknown, marker = 'TOKEN'): Record<string, any> {
  if (typeof value === 'string') return JSON.parse(value);
  const parts = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return JSON.parse(parts.map((x) => (typeof x === 'string' ? x : marker)).join(''));
}

describe('BedrockInvocationLogging', () => {
  test('defaults: every modality delivered into a staging bucket and a KMS log group, retained, not removed on delete', () => {
    const { t } = setup();
    const resource = only(t, 'Custom::AWS');
    const create = call(resource.Properties.Create);
    expect(create.service).toBe('Bedrock');
    expect(create.action).toBe('PutModelInvocationLoggingConfiguration');
    const config = create.parameters.loggingConfig;
    for (const k of ['textDataDeliveryEnabled', 'imageDataDeliveryEnabled', 'embeddingDataDeliveryEnabled', 'videoDataDeliveryEnabled', 'audioDataDeliveryEnabled']) expect(config[k]).toBe(true);
    expect(config.s3Config).toEqual({ bucketName: 'TOKEN', keyPrefix: 'bedrock-invocation-logs' });
    expect(config.cloudWatchConfig).toEqual({ logGroupName: 'TOKEN', roleArn: 'TOKEN', largeDataDeliveryS3Config: { bucketName: 'TOKEN', keyPrefix: 'bedrock-invocation-logs/large-data' } });
    expect(call(resource.Properties.Update)).toEqual(create);
    expect(resource.Properties.Delete).toBeUndefined();
    const group = only(t, 'AWS::Logs::LogGroup');
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceKey/), 'Arn'] });
    expect(group.DeletionPolicy).toBe('Retain');
  });

  test('defaults: the staging bucket lets only Bedrock of this account and region write under the prefix, and replicates the prefix into the evidence bucket', () => {
    const { t } = setup();
    const buckets = t.findResources('AWS::S3::Bucket', { Properties: { ReplicationConfiguration: {} } });
    const [stagingId, staging] = Object.entries<any>(buckets)[0];
    expect(Object.keys(buckets)).toHaveLength(1);
    expect(staging.Properties.ReplicationConfiguration.Rules).toEqual([expect.objectContaining({ Filter: { Prefix: 'bedrock-invocation-logs/' }, Destination: expect.objectContaining({ Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^Evidence/), 'Arn'] } }) })]);
    const policy = Object.values<any>(t.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === stagingId);
    const write = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'AmazonBedrockLogsWrite');
    expect(write).toEqual({
      Sid: 'AmazonBedrockLogsWrite',
      Effect: 'Allow',
      Principal: { Service: 'bedrock.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [stagingId, 'Arn'] }, '/bedrock-invocation-logs/*']] },
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] } },
      },
    });
    // No replication role with the fixed name aws-cdk-lib gives without its feature flag.
    for (const role of Object.values<any>(t.findResources('AWS::IAM::Role'))) expect(role.Properties.RoleName).toBeUndefined();
  });

  test('defaults: the role Bedrock assumes is confined to this account and region and writes only its log stream and large payloads', () => {
    const { t } = setup();
    const roles = Object.values<any>(t.findResources('AWS::IAM::Role')).filter((r) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'bedrock.amazonaws.com');
    expect(roles).toHaveLength(1);
    expect(roles[0].Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': expect.anything() },
    });
    const policies = Object.values<any>(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const logs = policies.find((s) => Array.isArray(s.Action) && s.Action.includes('logs:PutLogEvents'));
    expect(logs.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(JSON.stringify(logs.Resource)).toContain(':log-stream:aws/bedrock/modelinvocations');
    const put = policies.find((s) => s.Action === 'bedrock:PutModelInvocationLoggingConfiguration');
    expect(put.Resource).toBe('*');
    expect(policies.some((s) => JSON.stringify(s.Action).includes('DeleteModelInvocationLoggingConfiguration'))).toBe(false);
  });

  test('the SDK call the template states is accepted by botocore and moto and reads back as set', () => {
    const { t } = setup();
    const params = call(only(t, 'Custom::AWS').Properties.Create, 'tok').parameters;
    params.loggingConfig.cloudWatchConfig.roleArn = 'arn:aws:iam::123456789012:role/bedrock-logs';
    const script = [
      'import json, sys',
      'from moto import mock_aws',
      'import boto3',
      'p = json.loads(sys.argv[1])',
      'with mock_aws():',
      "    c = boto3.client('bedrock', region_name='us-east-1', aws_access_key_id='t', aws_secret_access_key='t')",
      '    c.put_model_invocation_logging_configuration(**p)',
      "    print(json.dumps(c.get_model_invocation_logging_configuration()['loggingConfig'], sort_keys=True))",
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, JSON.stringify(params)], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(params.loggingConfig);
  });

  test('removeOnDelete deletes the configuration on delete, grants that call, and warns', () => {
    const { stack, t } = setup({ removeOnDelete: true });
    expect(call(only(t, 'Custom::AWS').Properties.Delete)).toEqual({ service: 'Bedrock', action: 'DeleteModelInvocationLoggingConfiguration' });
    const statements = Object.values<any>(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.some((s) => JSON.stringify(s.Action).includes('bedrock:DeleteModelInvocationLoggingConfiguration'))).toBe(true);
    expect(own(stack)).toEqual([expect.stringContaining('removeOnDelete is true')]);
  });

  test('cloudWatchLogsEnabled false delivers into S3 only, with no log group or role, and warns', () => {
    const { stack, t } = setup({ cloudWatchLogsEnabled: false });
    const config = call(only(t, 'Custom::AWS').Properties.Create).parameters.loggingConfig;
    expect(config.cloudWatchConfig).toBeUndefined();
    expect(config.s3Config.keyPrefix).toBe('bedrock-invocation-logs');
    expect(t.findResources('AWS::Logs::LogGroup')).toEqual({});
    expect(own(stack)).toEqual([expect.stringContaining(WARNINGS.WEAKENED_DEFAULT)]);
  });

  test('a prefix, a retention and a key of their own', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new BedrockInvocationLogging(stack, 'Bedrock', { destination: evidence, prefix: 'genai', retention: Retention.days(30), encryptionKey: key });
    const t = template(stack);
    expect(call(only(t, 'Custom::AWS').Properties.Create).parameters.loggingConfig.s3Config.keyPrefix).toBe('genai');
    expect(only(t, 'AWS::Logs::LogGroup').Properties).toEqual(expect.objectContaining({ RetentionInDays: 30, KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^Own/), 'Arn'] } }));
    expect(own(stack)).toEqual([expect.stringContaining('30 days is under')]);
  });

  test('fails when the destination is not an EvidenceBucket', () => {
    const stack = newStack();
    expect(refusal(() => new BedrockInvocationLogging(stack, 'Bedrock', { destination: {} as never })).message).toMatch(/destination/);
  });

  test('fails when retention is given without a log group', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    expect(() => new BedrockInvocationLogging(stack, 'Bedrock', { destination: evidence, cloudWatchLogsEnabled: false, retention: Retention.days(400) })).toThrow(/retention.*unset when cloudWatchLogsEnabled is false/);
  });

  test('fails when the prefix starts with a slash', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    expect(refusal(() => new BedrockInvocationLogging(stack, 'Bedrock', { destination: evidence, prefix: '/logs' })).message).toMatch(/prefix/);
  });
});
