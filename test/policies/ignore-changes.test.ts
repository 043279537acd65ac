/**
 * `lifecycle.ignore_changes` in Terraform JSON: Terraform sets the arguments it names when it
 * creates the resource and never on one that exists (imported, or changed outside Terraform). A
 * pass that rests on such an argument must hold with it unknown too: otherwise UNKNOWN, naming the
 * resource and the arguments. A plan states the values Terraform will leave: nothing to assume.
 */
import { ResourceModel } from '../../policies/engine/model';
import { runRules } from '../../policies/engine/runner';
import { Rule } from '../../policies/engine/types';
import { S3ObjectLockCompliance } from '../../policies/rules/aws/S3ObjectLockCompliance';
import { StorageRetentionLocked } from '../../policies/rules/gcp/StorageRetentionLocked';
import { tfModel } from './helpers';
import { goodBucket, plan, sinkInto } from './rules/gcp/_gcp';

/** The runner's verdict and reason (worlds included) for `address`, or 'passed'. */
function verdictOf(rule: Rule, model: ResourceModel, address: string): { verdict: string; reason: string } | 'passed' {
  const r = runRules(model, [rule]);
  const f = r.findings.find((x) => x.address === address);
  if (f) return { verdict: f.verdict, reason: f.message };
  const e = r.evaluations.find((x) => x.resource.address === address);
  return e?.verdict === 'COMPLIANT' ? 'passed' : { verdict: e?.verdict ?? 'none', reason: '' };
}

const B = 'google_storage_bucket.ev';
/** A locked evidence bucket (a sink writes into it), with more lifecycle arguments. */
const gcs = (lifecycle?: Record<string, unknown>) => ({
  google_storage_bucket: { ev: goodBucket(lifecycle ? { lifecycle: { prevent_destroy: true, ...lifecycle } } : {}) },
  google_logging_project_sink: { audit: sinkInto('ev') },
});

describe('lifecycle.ignore_changes', () => {
  test('a locked GCS retention policy that ignore_changes names: UNKNOWN, naming the bucket and the argument', () => {
    expect(verdictOf(StorageRetentionLocked, tfModel({ resource: gcs() }), B)).toBe('passed');
    expect(verdictOf(StorageRetentionLocked, tfModel({ resource: gcs({ ignore_changes: ['retention_policy'] }) }), B)).toEqual({
      verdict: 'UNKNOWN',
      reason: expect.stringContaining(', but only the deploy decides whether the arguments lifecycle.ignore_changes of google_storage_bucket.ev (retention_policy) names are set: Terraform sets them when it creates the resource, never on one that exists (imported, or changed outside Terraform); with them unknown: '),
    });
  });

  test('a path into the block (retention_policy[0].is_locked) and `all` count; another argument (labels) leaves the verdict alone', () => {
    expect(verdictOf(StorageRetentionLocked, tfModel({ resource: gcs({ ignore_changes: ['retention_policy[0].is_locked'] }) }), B)).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('(retention_policy)') });
    expect(verdictOf(StorageRetentionLocked, tfModel({ resource: gcs({ ignore_changes: 'all' }) }), B)).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('(all)') });
    expect(verdictOf(StorageRetentionLocked, tfModel({ resource: gcs({ ignore_changes: ['all'] }) }), B)).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('(all)') });
    expect(verdictOf(StorageRetentionLocked, tfModel({ resource: gcs({ ignore_changes: ['labels'] }) }), B)).toBe('passed');
    expect(verdictOf(StorageRetentionLocked, tfModel({ resource: gcs({ ignore_changes: [] }) }), B)).toBe('passed');
  });

  test('a failing verdict stays NON_COMPLIANT: the configuration as written fails', () => {
    const weak = { google_storage_bucket: { ev: goodBucket({ retention_policy: [{ is_locked: false, retention_period: 86_400 }], lifecycle: { ignore_changes: ['retention_policy'] } }) }, google_logging_project_sink: { audit: sinkInto('ev') } };
    expect(verdictOf(StorageRetentionLocked, tfModel({ resource: weak }), B)).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.any(String) });
  });

  test('hashicorp/aws: an object lock configuration whose rule ignore_changes names is UNKNOWN on the bucket it merges into', () => {
    const resource = (lifecycle?: Record<string, unknown>) => ({
      aws_s3_bucket: { ev: { bucket: 'ev', object_lock_enabled: true, tags: { 'forensic-evidence-store': 'true' } } },
      aws_s3_bucket_object_lock_configuration: { ev: { bucket: '${aws_s3_bucket.ev.id}', rule: { default_retention: { mode: 'COMPLIANCE', days: 400 } }, ...(lifecycle ? { lifecycle } : {}) } },
    });
    expect(verdictOf(S3ObjectLockCompliance, tfModel({ resource: resource() }), 'aws_s3_bucket.ev')).toBe('passed');
    expect(verdictOf(S3ObjectLockCompliance, tfModel({ resource: resource({ ignore_changes: ['rule'] }) }), 'aws_s3_bucket.ev')).toEqual({
      verdict: 'UNKNOWN',
      reason: expect.stringContaining('lifecycle.ignore_changes of aws_s3_bucket_object_lock_configuration.ev (rule)'),
    });
  });

  test('a plan is judged as it is: its values are what Terraform leaves', () => {
    expect(verdictOf(StorageRetentionLocked, plan(gcs({ ignore_changes: ['retention_policy'] })), B)).toBe('passed');
  });
});
