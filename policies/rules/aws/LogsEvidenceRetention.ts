import { Rule } from '../../engine/types';
import { describeLogGroupRoles, isEvidenceLogGroup, judgement, logGroupRetentionState } from '../../facts/aws/evidence';

/**
 * Evidence log groups: those a trail, a flow log or a Resolver query log config writes into, and
 * those named /aws/sagemaker/... (endpoint, training and processing logs). Absent RetentionInDays
 * means the records never expire, which passes.
 */
export const LogsEvidenceRetention: Rule = {
  id: 'AWS.Logs.EvidenceRetention',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::Logs::LogGroup'],
  description: 'A log group that holds evidence expires its records before the retention floor (RetentionInDays under the floor).',
  rationale:
    'Intrusions are found months after they start; a log group that expires its records after a week or a month has already deleted the beginning of the story by the time anyone looks.',
  fix: 'Use the retention prop of AuditTrail, FlowLogs or SageMakerAudit, or set RetentionInDays to a CloudWatch Logs value of at least the floor (365 by default), or leave it unset (never expire).',
  evidenceSource: 'log-integrity',
  nist: 'Examination',
  attack: ['T1562.008', 'T1685.002', 'T1485'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  isApplicable: (r, ctx) => isEvidenceLogGroup(ctx.model, r),
  check: (r, ctx) => {
    const s = logGroupRetentionState(ctx.model, r, ctx.config.retentionFloorDays);
    return judgement({ ...s, reason: `${s.reason} (written by ${describeLogGroupRoles(ctx.model, r)})` });
  },
};
