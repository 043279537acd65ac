import { Rule } from '../../engine/types';
import { describeRoles, judgement, lockState, mustBeLocked } from '../../facts/aws/evidence';

/**
 * An evidence bucket locks what is written into it for at least the floor. A bucket that only
 * receives S3 server access logs is exempt: S3 cannot deliver access logs into an Object Lock bucket
 * (AWS.S3.AccessLogTargetDeliverable judges it). GOVERNANCE passes here and warns in AWS.S3.ObjectLockGovernance.
 */
export const S3ObjectLockCompliance: Rule = {
  id: 'AWS.S3.ObjectLockCompliance',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'An evidence bucket has no Object Lock default retention of at least the retention floor, so evidence written into it can be deleted or overwritten.',
  rationale:
    'An investigator must be able to show that a log file is the one the service wrote. Without a default retention every object is writable and deletable by whoever holds s3:DeleteObject, including an intruder covering their tracks.',
  fix: 'Use EvidenceBucket (retention, immutability: Immutability.LOCKED), or set ObjectLockEnabled: true and ObjectLockConfiguration { ObjectLockEnabled: Enabled, Rule.DefaultRetention { Mode: COMPLIANCE, Days >= floor } } on the bucket. Object Lock can only be enabled when the bucket is created.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  isApplicable: (r, ctx) => mustBeLocked(ctx.model, r),
  check: (r, ctx) => {
    const s = lockState(ctx.model, r, ctx.config.retentionFloorDays);
    return judgement({ ...s, reason: `${s.reason} (written by ${describeRoles(ctx.model, r)})` });
  },
};
