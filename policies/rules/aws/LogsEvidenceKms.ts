import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { isEvidenceLogGroup, presence } from '../../facts/aws/evidence';

export const LogsEvidenceKms: Rule = {
  id: 'AWS.Logs.EvidenceKms',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::Logs::LogGroup'],
  description: 'A log group that holds evidence is not encrypted with a customer-managed KMS key (KmsKeyId absent).',
  rationale:
    'CloudWatch Logs always encrypts, but with a service key that anyone allowed logs:GetLogEvents can read through. A customer-managed key adds a key policy the security team controls and a CloudTrail record of every decrypt.',
  fix: 'Use AuditTrail, FlowLogs or SageMakerAudit (they encrypt their log groups with the evidence key), or set KmsKeyId to a key ARN whose policy allows logs.<region>.amazonaws.com.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceLogGroup(ctx.model, r),
  check: (r, ctx) => {
    const p = presence(ctx.model, r, 'KmsKeyId');
    if (p === 'unknown') return unknown(`${r.address}: KmsKeyId is unresolvable before deploy`);
    return p === 'present' ? compliant(`${r.address}: KmsKeyId is set`) : nonCompliant(`${r.address}: KmsKeyId is absent`);
  },
};
