import { isUnresolved } from '../../engine/model';
import { Rule, compliant } from '../../engine/types';
import { anyOf, flowLogState, judgement, referencedBy } from '../../facts/aws/evidence';

/**
 * Every VPC has an AWS::EC2::FlowLog (ResourceType VPC, ResourceId the VPC) with TrafficType ALL
 * into locked storage: an S3 bucket with an Object Lock default retention >= the floor, or a
 * CloudWatch log group keeping records >= the floor (RetentionInDays absent = never expire).
 * Flow logs on subnets or interfaces do not count: they miss the VPC's other interfaces.
 */
export const EC2VpcFlowLogs: Rule = {
  id: 'AWS.EC2.VpcFlowLogs',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::EC2::VPC'],
  description: 'A VPC has no flow log that records ALL traffic into locked or retained storage.',
  rationale:
    'Flow logs are the only record of what crossed the network: which workload talked to which address, how much it sent, what was rejected. They show a compromised ML library calling home or training data leaving, and must outlive the incident unaltered.',
  fix: 'Use FlowLogs (vpcs, destination: an EvidenceBucket, or cloudWatchLogsEnabled with retention), or add an AWS::EC2::FlowLog { ResourceType: VPC, ResourceId: <VPC>, TrafficType: ALL, LogDestinationType: s3, LogDestination: <locked bucket ARN> } (or a log group with RetentionInDays >= the floor).',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  thresholds: ['retentionFloorDays'],
  check: (r, ctx) => {
    const m = ctx.model;
    const central = ctx.config.context?.aws?.flowLogs;
    if (central) return compliant(`${r.address}: flow logs are collected by ${central.collectedBy} (declared in the evidence context)`);
    const logs = referencedBy(m, r, 'AWS::EC2::FlowLog', 'ResourceId').filter((f) => {
      const type = m.get(f, 'ResourceType');
      return type === 'VPC' || isUnresolved(type);
    });
    const states = logs.map((f) => flowLogState(m, f, ctx.config.retentionFloorDays, ctx.config.context));
    return judgement(anyOf(states, `${r.address}: no AWS::EC2::FlowLog with ResourceType VPC has this VPC as ResourceId`));
  },
};
