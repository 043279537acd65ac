import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { EvidenceBucket, FlowLogs, DEFAULT_FLOW_LOG_FIELDS, INVESTIGATOR_FLOW_LOG_FIELDS } from '../../constructs/aws';
import { Retention, WARNINGS } from '../../constructs/core';
import { newStack, numberParameter, refusal, template, warnings } from './helpers';

function setup() {
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
  return { stack, vpc, evidence };
}
const flowLogs = (stack: ReturnType<typeof newStack>) => Object.values(template(stack).findResources('AWS::EC2::FlowLog')).map((r: any) => r.Properties);

describe('FlowLogs', () => {
  test('defaults with a destination: ALL traffic, 60 s, investigator fields, Parquet with hive hourly partitions', () => {
    const { stack, vpc, evidence } = setup();
    new FlowLogs(stack, 'FlowLogs', { vpcs: [vpc], destination: evidence });
    const logs = flowLogs(stack);
    expect(logs).toHaveLength(1);
    const p = logs[0];
    expect(p.ResourceType).toBe('VPC');
    expect(p.ResourceId).toEqual({ Ref: expect.stringMatching(/^Vpc/) });
    expect(p.TrafficType).toBe('ALL');
    expect(p.MaxAggregationInterval).toBe(60);
    expect(p.LogDestinationType).toBe('s3');
    expect(p.DestinationOptions).toEqual({ FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true });
    const fields = (p.LogFormat as string).split(' ').map((f) => f.slice(2, -1));
    expect(fields).toEqual([...DEFAULT_FLOW_LOG_FIELDS, ...INVESTIGATOR_FLOW_LOG_FIELDS]);
    template(stack).resourceCountIs('AWS::Logs::LogGroup', 0);
  });

  test('defaults: log delivery may write into the evidence bucket and use its key', () => {
    const { stack, vpc, evidence } = setup();
    new FlowLogs(stack, 'FlowLogs', { vpcs: [vpc], destination: evidence });
    const t = template(stack);
    const policy = (Object.values(t.findResources('AWS::S3::BucketPolicy'))[0] as any).Properties.PolicyDocument.Statement as any[];
    expect(policy.find((s) => s.Sid === 'AWSLogDeliveryWrite').Principal).toEqual({ Service: 'delivery.logs.amazonaws.com' });
    const keyPolicy = (Object.values(t.findResources('AWS::KMS::Key'))[0] as any).Properties.KeyPolicy.Statement as any[];
    expect(keyPolicy.map((s) => s.Sid)).toContain('AllowLogDeliveryToEncrypt');
  });

  test('without a destination: CloudWatch Logs with 365-day retention, retained, through a delivery role', () => {
    const { stack, vpc } = setup();
    new FlowLogs(stack, 'FlowLogs', { vpcs: [vpc] });
    const t = template(stack);
    const p = flowLogs(stack)[0];
    expect(p.LogDestinationType).toBe('cloud-watch-logs');
    expect(p.DeliverLogsPermissionArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^FlowLogsDeliveryRole/), 'Arn'] });
    const group = Object.values(t.findResources('AWS::Logs::LogGroup'))[0] as any;
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.DeletionPolicy).toBe('Retain');
  });

  test('both destinations give two flow logs per VPC, the log group encrypted with the evidence key', () => {
    const { stack, vpc, evidence } = setup();
    new FlowLogs(stack, 'FlowLogs', { vpcs: [vpc], destination: evidence, cloudWatchLogsEnabled: true });
    expect(flowLogs(stack).map((p) => p.LogDestinationType).sort()).toEqual(['cloud-watch-logs', 's3']);
    expect((Object.values(template(stack).findResources('AWS::Logs::LogGroup'))[0] as any).Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceKey/), 'Arn'] });
  });

  test('coverScope logs every VPC under the scope, including ones defined later, once each', () => {
    const { stack, vpc, evidence } = setup();
    const fl = new FlowLogs(stack, 'FlowLogs', { destination: evidence, coverScope: stack, vpcs: [] });
    fl.addVpc(vpc);
    new ec2.Vpc(stack, 'Later', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const ids = flowLogs(stack).map((p) => JSON.stringify(p.ResourceId)).sort();
    expect(ids).toHaveLength(2);
    expect(ids.join()).toMatch(/Later/);
  });

  test('extra fields are appended', () => {
    const { stack, vpc, evidence } = setup();
    new FlowLogs(stack, 'FlowLogs', { vpcs: [vpc], destination: evidence, extraFields: ['ecs-task-arn'] });
    expect(flowLogs(stack)[0].LogFormat).toMatch(/\$\{ecs-task-arn\}$/);
  });

  test('a 600 s interval and a short retention warn', () => {
    const { stack, vpc } = setup();
    new FlowLogs(stack, 'FlowLogs', { vpcs: [vpc], maxAggregationIntervalSeconds: 600, retention: Retention.days(30) });
    expect(flowLogs(stack)[0].MaxAggregationInterval).toBe(600);
    const w = warnings(stack).join('\n');
    expect(w).toContain(WARNINGS.WEAKENED_DEFAULT);
    expect(w).toContain(WARNINGS.SHORT_RETENTION);
  });

  test('fails when the aggregation interval is neither 60 nor 600', () => {
    const { stack } = setup();
    expect(() => new FlowLogs(stack, 'F', { maxAggregationIntervalSeconds: 120 as 60 })).toThrow(/maxAggregationIntervalSeconds must be 60 or 600, got 120/);
  });

  test('a deploy-time aggregation interval reaches the template unchanged, neither refused nor warned about', () => {
    const { stack, vpc } = setup();
    const interval = numberParameter(stack);
    new FlowLogs(stack, 'F', { vpcs: [vpc], maxAggregationIntervalSeconds: interval as 60 });
    expect(flowLogs(stack).map((p) => p.MaxAggregationInterval)).toEqual([{ Ref: 'Days' }]);
    expect(warnings(stack).filter((w) => w.includes('aggregation'))).toEqual([]);
  });

  test('fails when an extra field is unknown', () => {
    const { stack } = setup();
    expect(() => new FlowLogs(stack, 'F', { extraFields: ['src-country'] })).toThrow(/extraFields\[0\] must be a flow log field/);
  });

  test('fails when retention is 0 days', () => {
    const { stack, vpc } = setup();
    expect(() => new FlowLogs(stack, 'F', { vpcs: [vpc], retention: Retention.days(0) })).toThrow(/retention must be 1 to 3653 days \(CloudWatch Logs\), got "0 days"/);
  });

  test('fails when CloudWatch is off and no destination is given', () => {
    const { stack } = setup();
    expect(() => new FlowLogs(stack, 'F', { cloudWatchLogsEnabled: false })).toThrow(/destination must be an EvidenceBucket/);
  });

  test('twelve VPCs whose derived ids would collide (Vpc1 first, Vpc eleventh) each get their flow log', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    const scopes = Array.from({ length: 12 }, (_, i) => new Stack(stack, `Scope${i}`));
    const vpcs = scopes.map((scope, i) => new ec2.Vpc(scope, i === 0 ? 'Vpc1' : 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] }));
    const fl = new FlowLogs(stack, 'FlowLogs', { vpcs, destination: evidence });
    expect(fl.vpcCount).toBe(12);
    expect(flowLogs(stack)).toHaveLength(12);
  });

  test('fails when a VPC is given as an id string, instead of dropping it', () => {
    const { stack } = setup();
    const e = refusal(() => new FlowLogs(stack, 'F', { vpcs: ['vpc-123' as any] }));
    expect(e.prop).toBe('vpcs[0]');
    expect(e.message).toMatch(/fromVpcAttributes/);
  });

  test.each([
    ['destination', { destination: 'arn:aws:s3:::evidence' }],
    ['retention', { retention: 365 }],
    ['cloudWatchLogsEnabled', { cloudWatchLogsEnabled: 'true' }],
    ['maxAggregationIntervalSeconds', { maxAggregationIntervalSeconds: Infinity }],
    ['extraFields', { extraFields: ['ecs-task-arn', 'ecs-task-arn'] }],
    ['coverScope', { coverScope: 'stack' }],
  ])('fails when %s has the wrong type or value', (prop, props) => {
    expect(refusal(() => new FlowLogs(setup().stack, 'F', props as any)).prop).toBe(prop);
  });

  test('a FlowLogs that logs no VPC warns', () => {
    const { stack } = setup();
    new FlowLogs(stack, 'F');
    expect(warnings(stack).filter((w) => w.includes(WARNINGS.WEAKENED_DEFAULT) && /no VPC is logged/.test(w))).toHaveLength(1);
  });

  test('a token retention reaches the log group unchanged, never rounded to 1 day', () => {
    const { stack, vpc } = setup();
    new FlowLogs(stack, 'F', { vpcs: [vpc], retention: Retention.days(numberParameter(stack)) });
    expect((Object.values(template(stack).findResources('AWS::Logs::LogGroup'))[0] as any).Properties.RetentionInDays).toEqual({ Ref: 'Days' });
    expect(warnings(stack).join('\n')).not.toContain(WARNINGS.SHORT_RETENTION);
  });
});
