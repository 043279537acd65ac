import { Rule } from '../../engine/types';
import { destinationLockState, judgement, trailBucket } from '../../facts/aws/evidence';

/**
 * The trail's S3BucketName names an object-locked bucket of this template. GOVERNANCE counts as
 * locked here and warns on the bucket (AWS.S3.ObjectLockGovernance), so the kit's soak mode warns
 * rather than fails.
 */
export const CloudTrailLockedDestination: Rule = {
  id: 'AWS.CloudTrail.LockedDestination',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::CloudTrail::Trail'],
  description: 'A trail writes into a bucket without an Object Lock default retention of at least the retention floor.',
  rationale:
    'Log file validation proves that a file was tampered with; only Object Lock stops the tampering. Without it an intruder with s3:DeleteObject removes the record of their own actions.',
  fix: 'Use AuditTrail with an EvidenceBucket destination, or point S3BucketName at a bucket with ObjectLockEnabled: true and a COMPLIANCE DefaultRetention of at least the floor.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  check: (r, ctx) => {
    const target = trailBucket(ctx.model, r);
    const s = destinationLockState(ctx.model, target, `${r.address}: S3BucketName`, ctx.config.retentionFloorDays, ctx.config.context);
    return judgement({ ...s, reason: target.kind === 'resource' ? `${r.address} writes into ${s.reason}` : s.reason });
  },
};
