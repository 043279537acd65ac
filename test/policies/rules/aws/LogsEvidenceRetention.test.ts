import { LogsEvidenceRetention } from '../../../../policies/rules/aws/LogsEvidenceRetention';
import { cfnModel, judge } from '../../helpers';
import { arn, flowLog, key, lockedBucket, logGroup, ref, trail, vpc } from './_fixtures';

const withTrail = (group: Record<string, unknown>) => cfnModel({ Parameters: { Days: { Type: 'Number' } }, Resources: { Key: key(), TrailBucket: lockedBucket(), TrailLogs: group, Trail: trail() } });
const verdict = (group: Record<string, unknown>) => judge(LogsEvidenceRetention, withTrail(group), 'TrailLogs');

describe('AWS.Logs.EvidenceRetention', () => {
  it('passes a trail log group kept for 365 days', () => {
    expect(verdict(logGroup())).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/RetentionInDays 365.*CloudTrail trail Trail/) });
  });

  it('passes a log group that never expires', () => {
    expect(verdict(logGroup({ RetentionInDays: undefined })).reason).toMatch(/never expire/);
  });

  it('fails a trail log group kept for 90 days', () => {
    expect(verdict(logGroup({ RetentionInDays: 90 }))).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/RetentionInDays 90 is under the floor of 365/) });
  });

  it('applies to flow-log, resolver and /aws/sagemaker/ log groups', () => {
    const m = cfnModel({
      Resources: {
        Vpc: vpc(),
        FlowGroup: logGroup({ RetentionInDays: 7 }),
        Flow: flowLog({ LogDestinationType: 'cloud-watch-logs', LogDestination: undefined, LogGroupName: ref('FlowGroup') }),
        DnsGroup: logGroup({ RetentionInDays: 7 }),
        Dns: { Type: 'AWS::Route53Resolver::ResolverQueryLoggingConfig', Properties: { DestinationArn: arn('DnsGroup') } },
        Endpoint: logGroup({ LogGroupName: '/aws/sagemaker/Endpoints/fraud', RetentionInDays: 7 }),
        Literal: logGroup({ LogGroupName: 'vpc-flow', RetentionInDays: 7 }),
        Flow2: flowLog({ LogDestinationType: 'cloud-watch-logs', LogDestination: undefined, LogGroupName: 'vpc-flow' }),
      },
    });
    for (const id of ['FlowGroup', 'DnsGroup', 'Endpoint', 'Literal']) expect([id, judge(LogsEvidenceRetention, m, id).verdict]).toEqual([id, 'NON_COMPLIANT']);
  });

  it('applies to a log group tagged forensic-evidence-store=true that no producer of the input writes into', () => {
    const model = cfnModel({ Resources: { Key: key(), Tagged: logGroup({ RetentionInDays: 30, Tags: [{ Key: 'forensic-evidence-store', Value: 'true' }] }) } });
    expect(judge(LogsEvidenceRetention, model, 'Tagged')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/RetentionInDays 30 is under the floor.*tag forensic-evidence-store=true Tagged/) });
  });

  it('is not applicable to a log group no producer writes into', () => {
    expect(judge(LogsEvidenceRetention, cfnModel({ Resources: { App: logGroup({ RetentionInDays: 7 }) } }), 'App').verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown for a parameter without default', () => {
    expect(verdict(logGroup({ RetentionInDays: { Ref: 'Days' } })).verdict).toBe('UNKNOWN');
  });
});
