import { StorageRetentionLocked } from '../../../../policies/rules/gcp/StorageRetentionLocked';
import { DEFAULT_RULE_CONFIG } from '../../../../policies/engine/types';
import { judge } from '../../helpers';
import { goodBucket, sinkInto, tf, YEAR_SECONDS } from './_gcp';

const withSink = (bucket: Record<string, any>) =>
  tf({ google_storage_bucket: { ev: bucket }, google_logging_project_sink: { s: sinkInto('ev') } });

describe('GCP.Storage.RetentionLocked', () => {
  it('passes a sink target bucket with a locked one-year retention policy', () => {
    const j = judge(StorageRetentionLocked, withSink(goodBucket()), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/365 days/);
  });

  it('reads retention_policy written as a one-element array', () => {
    const m = withSink(goodBucket({ retention_policy: [{ is_locked: true, retention_period: YEAR_SECONDS }] }));
    expect(judge(StorageRetentionLocked, m, 'google_storage_bucket.ev').verdict).toBe('COMPLIANT');
  });

  it('fails an evidence bucket without retention_policy', () => {
    const j = judge(StorageRetentionLocked, withSink(goodBucket({ retention_policy: undefined })), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no retention_policy/);
    expect(j.reason).toMatch(/log sink google_logging_project_sink.s/);
  });

  it('fails an empty retention_policy list, as plans write an absent block', () => {
    const j = judge(StorageRetentionLocked, withSink(goodBucket({ retention_policy: [] })), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no retention_policy/);
  });

  it('fails a retention_period below the floor', () => {
    const m = withSink(goodBucket({ retention_policy: { is_locked: true, retention_period: 30 * 86_400 } }));
    const j = judge(StorageRetentionLocked, m, 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/retention_period is 2592000 s, below the floor of 365 days/);
  });

  it('fails an unlocked retention policy (soak mode)', () => {
    const m = withSink(goodBucket({ retention_policy: { is_locked: false, retention_period: YEAR_SECONDS } }));
    const j = judge(StorageRetentionLocked, m, 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/is_locked is false/);
  });

  it('fails a retention policy with is_locked absent', () => {
    const m = withSink(goodBucket({ retention_policy: { retention_period: YEAR_SECONDS } }));
    expect(judge(StorageRetentionLocked, m, 'google_storage_bucket.ev').reason).toMatch(/is_locked is absent/);
  });

  it('uses the configured retention floor', () => {
    const m = withSink(goodBucket({ retention_policy: { is_locked: true, retention_period: 30 * 86_400 } }));
    const j = judge(StorageRetentionLocked, m, 'google_storage_bucket.ev', { ...DEFAULT_RULE_CONFIG, retentionFloorDays: 30 });
    expect(j.verdict).toBe('COMPLIANT');
  });

  it('treats a bucket labelled forensic-evidence-store=true as evidence', () => {
    const m = tf({ google_storage_bucket: { ev: goodBucket({ retention_policy: undefined, labels: { 'forensic-evidence-store': 'true' } }) } });
    const j = judge(StorageRetentionLocked, m, 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/labelled forensic-evidence-store=true/);
  });

  it("treats another bucket's logging.log_bucket target as evidence", () => {
    const m = tf({
      google_storage_bucket: {
        ev: goodBucket({ retention_policy: undefined }),
        data: { name: 'training-data', logging: { log_bucket: '${google_storage_bucket.ev.name}' } },
      },
    });
    expect(judge(StorageRetentionLocked, m, 'google_storage_bucket.ev').reason).toMatch(/access logs/);
  });

  it('finds the bucket a literal sink destination names', () => {
    const m = tf({
      google_storage_bucket: { ev: goodBucket({ retention_policy: undefined }) },
      google_logging_project_sink: { s: { name: 's', destination: 'storage.googleapis.com/evidence-logs' } },
    });
    expect(judge(StorageRetentionLocked, m, 'google_storage_bucket.ev').verdict).toBe('NON_COMPLIANT');
  });

  it('does not apply to a bucket that holds no evidence', () => {
    const m = tf({ google_storage_bucket: { data: { name: 'training-data' } } });
    expect(judge(StorageRetentionLocked, m, 'google_storage_bucket.data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when retention_period is a variable', () => {
    const m = withSink(goodBucket({ retention_policy: { is_locked: true, retention_period: '${var.retention}' } }));
    const j = judge(StorageRetentionLocked, m, 'google_storage_bucket.ev');
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/retention_period/);
  });

  it('is UNKNOWN when is_locked is a variable', () => {
    const m = withSink(goodBucket({ retention_policy: { is_locked: '${var.lock}', retention_period: YEAR_SECONDS } }));
    expect(judge(StorageRetentionLocked, m, 'google_storage_bucket.ev').verdict).toBe('UNKNOWN');
  });
});
