import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { presence } from '../../facts/aws/evidence';

/** The log group's retention and key are judged by AWS.Logs.EvidenceRetention and AWS.Logs.EvidenceKms. */
export const CloudTrailCloudWatchLogs: Rule = {
  id: 'AWS.CloudTrail.CloudWatchLogs',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::CloudTrail::Trail'],
  description: 'A trail does not deliver its events to CloudWatch Logs (CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn).',
  rationale:
    'A CloudWatch Logs copy lets responders query the trail in minutes (Logs Insights) and lets metric filters and alarms fire on root sign-ins, policy changes and trail tampering while the incident is still running.',
  fix: 'Use AuditTrail (cloudWatchLogsEnabled, retention), or set CloudWatchLogsLogGroupArn to a log group ARN and CloudWatchLogsRoleArn to a role CloudTrail can assume to write into it.',
  evidenceSource: 'control-plane-audit',
  nist: 'Examination',
  attack: ['T1078.004', 'T1562.008', 'T1685.002'],
  atlas: [],
  check: (r, ctx) => {
    const group = presence(ctx.model, r, 'CloudWatchLogsLogGroupArn');
    const role = presence(ctx.model, r, 'CloudWatchLogsRoleArn');
    const missing = [...(group === 'absent' ? ['CloudWatchLogsLogGroupArn'] : []), ...(role === 'absent' ? ['CloudWatchLogsRoleArn'] : [])];
    if (missing.length > 0) return nonCompliant(`${r.address}: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} absent`);
    if (group === 'unknown' || role === 'unknown') return unknown(`${r.address}: CloudWatchLogsLogGroupArn or CloudWatchLogsRoleArn is unresolvable before deploy`);
    return compliant(`${r.address}: CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn are set`);
  },
};
