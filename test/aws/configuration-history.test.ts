import { spawnSync } from 'child_process';
import { App, Stack } from 'aws-cdk-lib';
import { ConfigurationHistory, EvidenceBucket } from '../../constructs/aws';
import { Retention, WARNINGS } from '../../constructs/core';
import { newStack, numberParameter, only, refusal, stringParameter, template, warnings } from './helpers';

/** The warnings of the construct under test (the evidence bucket warns of its own). */
const own = (stack: ReturnType<typeof newStack>) => warnings(stack).filter((w) => w.includes('TestStack/Config'));

function setup(props: Partial<ConstructorParameters<typeof ConfigurationHistory>[2]> = {}) {
  const stack = newStack();
  const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
  const history = new ConfigurationHistory(stack, 'Config', { destination: evidence, ...props });
  return { stack, evidence, history, t: template(stack) };
}

/** The SDK call a `Create`/`Update`/`Delete` property of the custom resource states, each token replaced by `marker`. */
function call(value: unknown, marker = 'TOKEN'): Record<string, any> {
  if (typeof value === 'string') return JSON.parse(value);
  const parts = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return JSON.parse(parts.map((x) => (typeof x === 'string' ? x : marker)).join(''));
}

const statements = (t: ReturnType<typeof template>) => Object.values<any>(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);

describe('ConfigurationHistory', () => {
  test('defaults: a recorder of every supported type, global IAM types included, recording continuously with the AWS_ConfigRole role', () => {
    const { t, stack } = setup();
    const recorder = only(t, 'AWS::Config::ConfigurationRecorder');
    expect(recorder.Properties.RecordingGroup).toEqual({ AllSupported: true, IncludeGlobalResourceTypes: true, RecordingStrategy: { UseOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } });
    expect(recorder.Properties.RecordingMode).toEqual({ RecordingFrequency: 'CONTINUOUS' });
    // Started on create: CloudFormation's default, never switched off.
    expect(recorder.Properties.StartedOnCreate).toBeUndefined();
    expect(recorder.Properties.RecordingGroup.ResourceTypes).toBeUndefined();
    expect(recorder.Properties.RecordingGroup.ExclusionByResourceTypes).toBeUndefined();
    const [roleId, role] = Object.entries<any>(t.findResources('AWS::IAM::Role')).find(([, r]) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'config.amazonaws.com')!;
    expect(recorder.Properties.RoleARN).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
    expect(role.Properties.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWS_ConfigRole']] }]);
    expect(own(stack)).toEqual([]);
  });

  test('defaults: a delivery channel into the staging bucket under the prefix, a snapshot every six hours, after the recorder and the bucket policy', () => {
    const { t } = setup();
    const channels = t.findResources('AWS::Config::DeliveryChannel');
    const channel = Object.values<any>(channels)[0];
    expect(Object.keys(channels)).toHaveLength(1);
    const [stagingId] = Object.keys(t.findResources('AWS::S3::Bucket', { Properties: { ReplicationConfiguration: {} } }));
    expect(channel.Properties).toEqual({ S3BucketName: { Ref: stagingId }, S3KeyPrefix: 'config-history', ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'Six_Hours' } });
    const recorderId = Object.keys(t.findResources('AWS::Config::ConfigurationRecorder'))[0];
    const policyId = Object.entries<any>(t.findResources('AWS::S3::BucketPolicy')).find(([, p]) => p.Properties.Bucket.Ref === stagingId)![0];
    expect(channel.DependsOn).toEqual(expect.arrayContaining([recorderId, policyId]));
  });

  test('defaults: the staging bucket holds the documented Config bucket policy for this account and replicates the prefix into the evidence bucket', () => {
    const { t } = setup();
    const buckets = t.findResources('AWS::S3::Bucket', { Properties: { ReplicationConfiguration: {} } });
    const [stagingId, staging] = Object.entries<any>(buckets)[0];
    expect(Object.keys(buckets)).toHaveLength(1);
    expect(staging.Properties.ObjectLockEnabled).toBeUndefined();
    expect(staging.Properties.ReplicationConfiguration.Rules).toEqual([expect.objectContaining({ Filter: { Prefix: 'config-history/' }, Status: 'Enabled', Destination: expect.objectContaining({ Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^Evidence/), 'Arn'] } }) })]);
    const policy = Object.values<any>(t.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === stagingId);
    const sid = (id: string) => policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === id);
    const account = { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } };
    const bucketArn = { 'Fn::GetAtt': [stagingId, 'Arn'] };
    expect(sid('AWSConfigBucketPermissionsCheck')).toEqual({ Sid: 'AWSConfigBucketPermissionsCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: bucketArn, Condition: { StringEquals: account } });
    expect(sid('AWSConfigBucketExistenceCheck')).toEqual({ Sid: 'AWSConfigBucketExistenceCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringEquals: account } });
    expect(sid('AWSConfigBucketDelivery')).toEqual({
      Sid: 'AWSConfigBucketDelivery',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [bucketArn, '/config-history/AWSLogs/', { Ref: 'AWS::AccountId' }, '/Config/*']] },
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...account } },
    });
    // No replication role with the fixed name aws-cdk-lib gives without its feature flag.
    for (const role of Object.values<any>(t.findResources('AWS::IAM::Role'))) expect(role.Properties.RoleName).toBeUndefined();
  });

  test('defaults: the retention is set to 2,557 days by PutRetentionConfiguration, not removed on delete', () => {
    const { t, history } = setup();
    const resource = only(t, 'Custom::AWS');
    const create = call(resource.Properties.Create);
    expect(create).toEqual({ service: 'ConfigService', action: 'PutRetentionConfiguration', parameters: { RetentionPeriodInDays: 2557 }, physicalResourceId: { id: 'config-retention-TOKEN' } });
    expect(call(resource.Properties.Update)).toEqual(create);
    expect(resource.Properties.Delete).toBeUndefined();
    expect(history.retentionDays).toBe(2557);
    const put = statements(t).find((s) => s.Action === 'config:PutRetentionConfiguration');
    expect(put.Resource).toBe('*');
    expect(statements(t).some((s) => JSON.stringify(s.Action).includes('DeleteRetentionConfiguration'))).toBe(false);
  });

  test('the calls the template states are accepted by botocore and moto and read back as set', () => {
    const { t } = setup({ removeRetentionOnDelete: true });
    const resource = only(t, 'Custom::AWS');
    const put = call(resource.Properties.Create).parameters;
    const del = call(resource.Properties.Delete).parameters;
    const group = only(t, 'AWS::Config::ConfigurationRecorder').Properties.RecordingGroup;
    // The recorder's RecordingGroup in the API's camel case, as PutConfigurationRecorder takes it.
    const recordingGroup = { allSupported: group.AllSupported, includeGlobalResourceTypes: group.IncludeGlobalResourceTypes, recordingStrategy: { useOnly: group.RecordingStrategy.UseOnly } };
    const script = [
      'import json, sys',
      'from moto import mock_aws',
      'import boto3',
      'put, delete, group = (json.loads(a) for a in sys.argv[1:4])',
      'with mock_aws():',
      "    c = boto3.client('config', region_name='us-east-1', aws_access_key_id='t', aws_secret_access_key='t')",
      '    c.put_retention_configuration(**put)',
      "    kept = c.describe_retention_configurations()['RetentionConfigurations']",
      "    c.put_configuration_recorder(ConfigurationRecorder={'name': 'default', 'roleARN': 'arn:aws:iam::123456789012:role/config', 'recordingGroup': group})",
      "    recorder = c.describe_configuration_recorders()['ConfigurationRecorders'][0]['recordingGroup']",
      '    c.delete_retention_configuration(**delete)',
      "    print(json.dumps({'kept': kept, 'recorder': recorder, 'after': c.describe_retention_configurations()['RetentionConfigurations']}))",
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, JSON.stringify(put), JSON.stringify(del), JSON.stringify(recordingGroup)], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out.kept).toEqual([{ Name: 'default', RetentionPeriodInDays: 2557 }]);
    expect(out.recorder).toEqual(expect.objectContaining(recordingGroup));
    expect(out.after).toEqual([]);
  });

  test('removeRetentionOnDelete deletes the retention configuration on delete, grants that call, and warns', () => {
    const { stack, t } = setup({ removeRetentionOnDelete: true });
    expect(call(only(t, 'Custom::AWS').Properties.Delete)).toEqual({ service: 'ConfigService', action: 'DeleteRetentionConfiguration', parameters: { RetentionConfigurationName: 'default' } });
    expect(statements(t).some((s) => JSON.stringify(s.Action).includes('config:DeleteRetentionConfiguration'))).toBe(true);
    expect(own(stack)).toEqual([expect.stringContaining('removeRetentionOnDelete is true')]);
  });

  test('existingRecorder deploys no recorder and no recorder role, still the delivery channel, staging bucket and retention, and warns what to verify', () => {
    const { stack, t, history } = setup({ existingRecorder: true });
    expect(t.findResources('AWS::Config::ConfigurationRecorder')).toEqual({});
    expect(Object.values<any>(t.findResources('AWS::IAM::Role')).some((r) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'config.amazonaws.com')).toBe(false);
    expect(history.recorder).toBeUndefined();
    expect(Object.keys(t.findResources('AWS::Config::DeliveryChannel'))).toHaveLength(1);
    expect(only(t, 'Custom::AWS')).toBeDefined();
    const [w] = own(stack);
    expect(own(stack)).toHaveLength(1);
    expect(w).toContain(WARNINGS.WEAKENED_DEFAULT);
    expect(w).toMatch(/existingRecorder is true.*all supported resource types with includeGlobalResourceTypes true.*started.*no delivery channel of its own/);
  });

  test('a prefix, a snapshot frequency and a retention of their own; a daily snapshot and a short retention warn', () => {
    const { stack, t } = setup({ prefix: 'config', snapshotDeliveryFrequency: 'TwentyFour_Hours', retention: Retention.days(90) });
    const channel = Object.values<any>(t.findResources('AWS::Config::DeliveryChannel'))[0];
    expect(channel.Properties.S3KeyPrefix).toBe('config');
    expect(channel.Properties.ConfigSnapshotDeliveryProperties).toEqual({ DeliveryFrequency: 'TwentyFour_Hours' });
    expect(call(only(t, 'Custom::AWS').Properties.Create).parameters).toEqual({ RetentionPeriodInDays: 90 });
    expect(own(stack)).toEqual([expect.stringContaining('snapshotDeliveryFrequency is TwentyFour_Hours'), expect.stringContaining('90 days is under')]);
  });

  test('a more frequent snapshot does not warn', () => {
    const { stack, t } = setup({ snapshotDeliveryFrequency: 'One_Hour' });
    expect(Object.values<any>(t.findResources('AWS::Config::DeliveryChannel'))[0].Properties.ConfigSnapshotDeliveryProperties).toEqual({ DeliveryFrequency: 'One_Hour' });
    expect(own(stack)).toEqual([]);
  });

  test('a deploy-time retention passes untouched', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    new ConfigurationHistory(stack, 'Config', { destination: evidence, retention: Retention.days(numberParameter(stack)) });
    const create = only(template(stack), 'Custom::AWS').Properties.Create;
    expect(call(create, 'null').parameters).toEqual({ RetentionPeriodInDays: null });
    expect(create['Fn::Join'][1]).toContainEqual({ Ref: 'Days' });
  });

  test('a deploy-time prefix reaches the delivery channel, the bucket policy and the replication filter unchanged', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    new ConfigurationHistory(stack, 'Config', { destination: evidence, prefix: stringParameter(stack, 'Prefix') });
    const t = template(stack);
    expect(Object.values<any>(t.findResources('AWS::Config::DeliveryChannel'))[0].Properties.S3KeyPrefix).toEqual({ Ref: 'Prefix' });
    expect(JSON.stringify(t.findResources('AWS::S3::BucketPolicy'))).toContain('{"Ref":"Prefix"},"/AWSLogs/"');
    const staging = Object.values<any>(t.findResources('AWS::S3::Bucket', { Properties: { ReplicationConfiguration: {} } }))[0];
    expect(staging.Properties.ReplicationConfiguration.Rules[0].Filter).toEqual({ Prefix: { 'Fn::Join': ['', [{ Ref: 'Prefix' }, '/']] } });
  });

  test('fails when the destination is not an EvidenceBucket', () => {
    const stack = newStack();
    expect(refusal(() => new ConfigurationHistory(stack, 'Config', { destination: {} as never })).message).toMatch(/destination must be an EvidenceBucket/);
  });

  test('fails when the retention is outside 30 to 2,557 days', () => {
    expect(() => setup({ retention: Retention.days(29) })).toThrow(/retention must be 30 to 2557 days \(AWS Config retention\), got "29 days"/);
    expect(() => setup({ retention: Retention.days(2558) })).toThrow(/retention must be 30 to 2557 days/);
    expect(() => setup({ retention: 400 as never })).toThrow(/retention must be a Retention/);
  });

  test('fails when the snapshot frequency is not one Config accepts', () => {
    expect(() => setup({ snapshotDeliveryFrequency: 'Two_Hours' as never })).toThrow(/snapshotDeliveryFrequency must be one of "One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"/);
  });

  test('fails when the prefix starts with a slash', () => {
    expect(() => setup({ prefix: '/config' })).toThrow(/prefix must be an S3 key prefix/);
  });

  test('fails for a second ConfigurationHistory of one account and Region: in one stack, or in two stacks of the same literal environment', () => {
    const { stack, evidence } = setup();
    expect(refusal(() => new ConfigurationHistory(stack, 'Config2', { destination: evidence })).message).toBe(
      'TestStack/Config2: scope must be a stack of another account and Region than ConfigurationHistory TestStack/Config (stack TestStack has it already; AWS Config allows one configuration recorder and one delivery channel per account and Region), got "TestStack"',
    );
    const app = new App();
    const env = { account: '111122223333', region: 'eu-west-1' };
    const add = (name: string, e?: { account: string; region: string }) => {
      const s = new Stack(app, name, { env: e });
      return new ConfigurationHistory(s, 'Config', { destination: new EvidenceBucket(s, 'Evidence', { serverAccessLogsEnabled: false }) });
    };
    add('A', env);
    expect(refusal(() => add('B', env)).message).toMatch(/^B\/Config: scope must be a stack of another account and Region than ConfigurationHistory A\/Config \(account 111122223333 and Region eu-west-1 has it already;/);
    // Another Region, or an environment known only at deploy: allowed.
    expect(() => add('C', { ...env, region: 'us-east-1' })).not.toThrow();
    expect(() => add('D')).not.toThrow();
    expect(() => add('E')).not.toThrow();
  });

  test('fails when a switch is not a boolean', () => {
    expect(() => setup({ existingRecorder: 'yes' as never })).toThrow(/existingRecorder must be/);
    expect(() => setup({ removeRetentionOnDelete: 1 as never })).toThrow(/removeRetentionOnDelete must be/);
  });
});
