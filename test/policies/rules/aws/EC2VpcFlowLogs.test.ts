import { EC2VpcFlowLogs } from '../../../../policies/rules/aws/EC2VpcFlowLogs';
import { cfnModel, judge } from '../../helpers';
import { arn, bucket, flowLog, lockedBucket, logGroup, ref, vpc } from './_fixtures';

const model = (resources: Record<string, unknown>) => cfnModel({ Parameters: { Traffic: { Type: 'String' }, Dest: { Type: 'String' } }, Resources: { Vpc: vpc(), FlowBucket: lockedBucket(), ...resources } });
const verdict = (resources: Record<string, unknown>) => judge(EC2VpcFlowLogs, model(resources), 'Vpc');
const toLogs = (group: Record<string, unknown>, props: Record<string, unknown> = {}) => ({
  Group: group,
  Flow: flowLog({ LogDestinationType: 'cloud-watch-logs', LogDestination: undefined, LogGroupName: ref('Group'), DeliverLogsPermissionArn: 'arn:aws:iam::1:role/r', ...props }),
});

describe('AWS.EC2.VpcFlowLogs', () => {
  it('passes ALL traffic into an object-locked bucket', () => {
    expect(verdict({ Flow: flowLog() })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/FlowBucket: Object Lock COMPLIANCE/) });
  });

  it('passes a bucket ARN with a folder', () => {
    expect(verdict({ Flow: flowLog({ LogDestination: { 'Fn::Join': ['', [arn('FlowBucket'), '/vpc-flow/']] } }) }).verdict).toBe('COMPLIANT');
  });

  it('passes ALL traffic into a log group kept for the floor', () => {
    expect(verdict(toLogs(logGroup({ RetentionInDays: 400 }))).verdict).toBe('COMPLIANT');
  });

  it('passes a log group that never expires (RetentionInDays absent)', () => {
    expect(verdict(toLogs(logGroup({ RetentionInDays: undefined }))).reason).toMatch(/never expire/);
  });

  it('passes a log group named by its ARN in LogDestination', () => {
    expect(verdict({ Group: logGroup(), Flow: flowLog({ LogDestinationType: 'cloud-watch-logs', LogDestination: arn('Group') }) }).verdict).toBe('COMPLIANT');
  });

  it('passes when one of several flow logs is compliant', () => {
    expect(verdict({ Rejects: flowLog({ TrafficType: 'REJECT' }), Flow: flowLog() }).verdict).toBe('COMPLIANT');
  });

  it('fails a VPC without a flow log', () => {
    expect(verdict({})).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/no AWS::EC2::FlowLog with ResourceType VPC/) });
  });

  it('fails a flow log on a subnet only', () => {
    expect(verdict({ Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc') } }, Flow: flowLog({ ResourceType: 'Subnet', ResourceId: ref('Subnet') }) }).verdict).toBe('NON_COMPLIANT');
  });

  it('fails TrafficType REJECT', () => {
    expect(verdict({ Flow: flowLog({ TrafficType: 'REJECT' }) }).reason).toMatch(/TrafficType is "REJECT"/);
  });

  it('fails a bucket without Object Lock', () => {
    expect(verdict({ FlowBucket: bucket(), Flow: flowLog() }).reason).toMatch(/ObjectLockEnabled is absent/);
  });

  it('fails a log group kept for 30 days', () => {
    expect(verdict(toLogs(logGroup({ RetentionInDays: 30 }))).reason).toMatch(/RetentionInDays 30 is under the floor/);
  });

  it('fails a flow log to CloudWatch without a log group', () => {
    expect(verdict({ Flow: flowLog({ LogDestinationType: 'cloud-watch-logs', LogDestination: undefined }) }).reason).toMatch(/LogGroupName and LogDestination are absent/);
  });

  it('is unknown for a destination bucket outside the template', () => {
    expect(verdict({ Flow: flowLog({ LogDestination: 'arn:aws:s3:::central-flow-logs' }) }).verdict).toBe('UNKNOWN');
  });

  it('is unknown for Kinesis Data Firehose', () => {
    expect(verdict({ Flow: flowLog({ LogDestinationType: 'kinesis-data-firehose', LogDestination: 'arn:aws:firehose:eu-west-1:1:deliverystream/x' }) }).verdict).toBe('UNKNOWN');
  });

  it('is unknown for a TrafficType parameter without default', () => {
    expect(verdict({ Flow: flowLog({ TrafficType: { Ref: 'Traffic' } }) }).verdict).toBe('UNKNOWN');
  });

  it('is unknown for a destination parameter without default', () => {
    expect(verdict({ Flow: flowLog({ LogDestination: { Ref: 'Dest' } }) }).verdict).toBe('UNKNOWN');
  });
});
