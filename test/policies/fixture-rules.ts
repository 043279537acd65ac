/**
 * Throwaway rules for engine, CLI and adapter tests: the real rules change while they are being
 * written, these do not. Never listed in ALL_RULES.
 */
import { isUnresolved } from '../../policies/engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../policies/engine/types';

const base = {
  rationale: 'Test rule: an investigator needs locked evidence.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485'],
  atlas: ['AML.T0020'],
} as const;

/** S3 buckets need Object Lock on; GCS buckets a locked retention policy. */
export const BucketLocked: Rule = {
  ...base,
  id: 'TEST.Bucket.Locked',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket', 'aws_s3_bucket', 'google_storage_bucket'],
  description: 'A bucket is not locked.',
  fix: 'Set ObjectLockEnabled: true (EvidenceBucket does).',
  check: (r, { model }) => {
    const v = r.type === 'google_storage_bucket' ? model.get(r, 'retention_policy.is_locked') : model.get(r, r.type === 'aws_s3_bucket' ? 'object_lock_enabled' : 'ObjectLockEnabled');
    if (isUnresolved(v)) return unknown('the lock setting cannot be resolved');
    return v === true ? compliant('locked') : nonCompliant(`lock is ${JSON.stringify(v ?? null)}, expected true`);
  },
};

/** Object Lock retention must reach the configured floor (reads ctx.config). */
export const RetentionFloor: Rule = {
  ...base,
  id: 'TEST.Bucket.RetentionFloor',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'Object Lock retention is below the floor.',
  fix: 'Raise DefaultRetention.Days.',
  thresholds: ['retentionFloorDays'],
  isApplicable: (r, { model }) => model.get(r, 'ObjectLockEnabled') === true,
  check: (r, { model, config }) => {
    const days = model.get(r, 'ObjectLockConfiguration.Rule.DefaultRetention.Days');
    if (isUnresolved(days)) return unknown('DefaultRetention.Days cannot be resolved');
    return typeof days === 'number' && days >= config.retentionFloorDays
      ? compliant(`${days} days`)
      : nonCompliant(`DefaultRetention.Days is ${JSON.stringify(days ?? null)}, floor ${config.retentionFloorDays}`);
  },
};

/** Always throws: the engine must fail closed. */
export const Throws: Rule = {
  ...base,
  id: 'TEST.Trail.Throws',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::CloudTrail::Trail'],
  description: 'Throws on purpose.',
  fix: 'None: a test rule.',
  check: () => {
    throw new TypeError('boom in the rule');
  },
};

export const FIXTURE_RULES: readonly Rule[] = [BucketLocked, RetentionFloor];
