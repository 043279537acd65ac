import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DnsQueryLogs, EvidenceBucket } from '../../constructs/aws';
import { newStack, only, refusal, stringParameter, template } from './helpers';

function setup() {
  const stack = newStack();
  const vpcs = ['A', 'B'].map((n) => new ec2.Vpc(stack, `Vpc${n}`, { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] }));
  const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
  return { stack, vpcs, evidence };
}

describe('DnsQueryLogs', () => {
  test('defaults: one config into the evidence bucket, associated with every VPC given', () => {
    const { stack, vpcs, evidence } = setup();
    new DnsQueryLogs(stack, 'Dns', { vpcs, destination: evidence });
    const t = template(stack);
    const cfg = only(t, 'AWS::Route53Resolver::ResolverQueryLoggingConfig');
    expect(cfg.Properties.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Evidence/), 'Arn'] });
    expect(cfg.Properties.Name).toBe('forensic-dns-query-logs');
    const assoc = Object.values(t.findResources('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation')).map((r: any) => r.Properties);
    expect(assoc.map((a) => a.ResourceId.Ref).sort()).toEqual([expect.stringMatching(/^VpcA/), expect.stringMatching(/^VpcB/)]);
    expect(assoc.every((a) => a.ResolverQueryLogConfigId['Fn::GetAtt'][1] === 'Id')).toBe(true);
  });

  test('defaults: log delivery may write into the evidence bucket', () => {
    const { stack, vpcs, evidence } = setup();
    new DnsQueryLogs(stack, 'Dns', { vpcs, destination: evidence });
    const statements = (Object.values(template(stack).findResources('AWS::S3::BucketPolicy'))[0] as any).Properties.PolicyDocument.Statement as any[];
    expect(statements.map((s) => s.Sid)).toEqual(expect.arrayContaining(['AWSLogDeliveryWrite', 'AWSLogDeliveryAclCheck']));
  });

  test('a config name can be given', () => {
    const { stack, vpcs, evidence } = setup();
    new DnsQueryLogs(stack, 'Dns', { vpcs, destination: evidence, configName: 'prod-dns' });
    expect(only(template(stack), 'AWS::Route53Resolver::ResolverQueryLoggingConfig').Properties.Name).toBe('prod-dns');
  });

  test('fails when no VPC is given', () => {
    const { stack, evidence } = setup();
    expect(() => new DnsQueryLogs(stack, 'Dns', { vpcs: [], destination: evidence })).toThrow(/vpcs must be at least one VPC/);
  });

  test('fails when the config name has characters Route 53 refuses', () => {
    const { stack, vpcs, evidence } = setup();
    expect(() => new DnsQueryLogs(stack, 'Dns', { vpcs, destination: evidence, configName: 'dns#logs' })).toThrow(/configName/);
  });

  test('fails when a VPC is given as an id string, instead of dropping its association', () => {
    const { stack, evidence } = setup();
    const e = refusal(() => new DnsQueryLogs(stack, 'Dns', { vpcs: ['vpc-123' as any], destination: evidence }));
    expect(e.prop).toBe('vpcs[0]');
    expect(e.message).toMatch(/fromVpcAttributes/);
  });

  test('fails when the destination is missing or not an EvidenceBucket', () => {
    const { stack, vpcs } = setup();
    expect(refusal(() => new DnsQueryLogs(stack, 'A', { vpcs } as any)).prop).toBe('destination');
    expect(refusal(() => new DnsQueryLogs(stack, 'B', { vpcs, destination: 'arn:aws:s3:::evidence' } as any)).prop).toBe('destination');
  });

  test('fails when the same VPC is given twice', () => {
    const { stack, vpcs, evidence } = setup();
    expect(refusal(() => new DnsQueryLogs(stack, 'Dns', { vpcs: [vpcs[0], vpcs[0]], destination: evidence })).prop).toBe('vpcs');
  });

  test('an imported VPC is associated by its id', () => {
    const { stack, evidence } = setup();
    const imported = ec2.Vpc.fromVpcAttributes(stack, 'Imported', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a'] });
    new DnsQueryLogs(stack, 'Dns', { vpcs: [imported], destination: evidence });
    expect(only(template(stack), 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation').Properties.ResourceId).toBe('vpc-0123456789abcdef0');
  });

  test('a token config name reaches the template unchanged', () => {
    const { stack, vpcs, evidence } = setup();
    new DnsQueryLogs(stack, 'Dns', { vpcs, destination: evidence, configName: stringParameter(stack) });
    expect(only(template(stack), 'AWS::Route53Resolver::ResolverQueryLoggingConfig').Properties.Name).toEqual({ Ref: 'Name' });
  });
});
