import { StorageSoftDeleteAndUsageLogs } from '../../../../policies/rules/gcp/StorageSoftDeleteAndUsageLogs';
import { judge } from '../../helpers';
import { evidenceBucketReason } from '../../../../policies/facts/gcp';
import { goodBucket, sinkInto, tf } from './_gcp';

const B = 'google_storage_bucket.ev';
const logs = { logging: { log_bucket: 'evidence-usage-logs' } };
const bucket = (extra: Record<string, any>) => tf({ google_storage_bucket: { ev: goodBucket(extra) }, google_logging_project_sink: { s: sinkInto('ev') } });

describe('GCP.Storage.SoftDeleteAndUsageLogs', () => {
  it('passes the provider default soft delete (7 days) with usage logs', () => {
    const j = judge(StorageSoftDeleteAndUsageLogs, bucket(logs), B);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/provider default of 7 days; usage logs go to evidence-usage-logs/);
  });

  it('passes 90 days of soft delete with usage logs into a bucket of the input (block lists)', () => {
    const m = tf({
      google_storage_bucket: {
        ev: goodBucket({ soft_delete_policy: [{ retention_duration_seconds: 7_776_000 }], logging: [{ log_bucket: '${google_storage_bucket.logs.name}' }] }),
        logs: goodBucket({ name: 'evidence-usage-logs' }),
      },
      google_logging_project_sink: { s: sinkInto('ev') },
    });
    expect(judge(StorageSoftDeleteAndUsageLogs, m, B).verdict).toBe('COMPLIANT');
  });

  it('does not ask the bucket that receives usage logs to log its own usage', () => {
    const m = tf({ google_storage_bucket: { ev: goodBucket(logs), logs: goodBucket({ name: 'evidence-usage-logs' }) } });
    expect(judge(StorageSoftDeleteAndUsageLogs, m, 'google_storage_bucket.logs').reason).toMatch(/receives usage logs of other buckets/);
  });

  it('warns when soft delete is off (0)', () => {
    const j = judge(StorageSoftDeleteAndUsageLogs, bucket({ ...logs, soft_delete_policy: { retention_duration_seconds: 0 } }), B);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/retention_duration_seconds is 0 \(soft delete off\), below 604800 s/);
  });

  it('warns when soft delete is shorter than 7 days (a string, as Terraform converts it)', () => {
    expect(judge(StorageSoftDeleteAndUsageLogs, bucket({ ...logs, soft_delete_policy: { retention_duration_seconds: '86400' } }), B).reason).toMatch(/is "86400", below 604800 s/);
  });

  it('warns when no usage logs are written', () => {
    const j = judge(StorageSoftDeleteAndUsageLogs, bucket({}), B);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/logging.log_bucket is absent: no usage logs are written/);
  });

  it('is not applicable to a bucket that holds no evidence', () => {
    expect(judge(StorageSoftDeleteAndUsageLogs, tf({ google_storage_bucket: { ev: { name: 'scratch' } } }), B).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the soft delete duration is a variable', () => {
    expect(judge(StorageSoftDeleteAndUsageLogs, bucket({ ...logs, soft_delete_policy: { retention_duration_seconds: '${var.days}' } }), B).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when the usage-log bucket is a variable', () => {
    expect(judge(StorageSoftDeleteAndUsageLogs, bucket({ logging: { log_bucket: '${var.logs}' } }), B).reason).toMatch(/logging.log_bucket is a value known only at deploy/);
  });

  // A dynamic "logging" block exists only when its for_each is not empty: the bucket it names may receive usage logs.
  const dynamicLogging = (content: Record<string, any>) => ({ dynamic: { logging: { for_each: '${var.usage_logs ? [1] : []}', content } } });

  it('judges the bucket a dynamic "logging" block names as an evidence store, UNKNOWN whether it receives usage logs', () => {
    const m = tf({
      google_storage_bucket: {
        ev: goodBucket({ name: 'ev', ...dynamicLogging({ log_bucket: '${google_storage_bucket.logs.name}' }) }),
        logs: { name: 'usage-logs', location: 'EU' },
      },
      google_logging_project_sink: { s: sinkInto('ev') },
    });
    const logsBucket = m.byAddress('google_storage_bucket.logs')!;
    expect(evidenceBucketReason(m, logsBucket)).toBe('bucket google_storage_bucket.ev may write its access logs into it through a dynamic "logging" block');
    const j = judge(StorageSoftDeleteAndUsageLogs, m, 'google_storage_bucket.logs');
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/logging.log_bucket is absent, and bucket google_storage_bucket.ev may write its access logs into it \(a dynamic "logging" block\): whether it receives usage logs is known only at deploy/);
    expect(judge(StorageSoftDeleteAndUsageLogs, m, B).verdict).toBe('UNKNOWN');
  });

  it('finds the bucket a dynamic "logging" block names by its literal name too', () => {
    const m = tf({ google_storage_bucket: { ev: goodBucket({ name: 'ev', ...dynamicLogging({ log_bucket: 'usage-logs' }) }), logs: { name: 'usage-logs' } } });
    expect(judge(StorageSoftDeleteAndUsageLogs, m, 'google_storage_bucket.logs').verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN, not NON_COMPLIANT, for a bucket without usage logs when another bucket of its file logs into a bucket known only at deploy', () => {
    const other = { other: goodBucket({ name: 'other', labels: { 'forensic-evidence-store': 'true' } }) };
    for (const ev of [goodBucket({ logging: { log_bucket: '${var.logs}' } }), goodBucket(dynamicLogging({ log_bucket: '${logging.value}' })), goodBucket({ logging: '${var.blocks}' })]) {
      const j = judge(StorageSoftDeleteAndUsageLogs, tf({ google_storage_bucket: { ev, ...other } }), 'google_storage_bucket.other');
      expect(j.verdict).toBe('UNKNOWN');
      expect(j.reason).toMatch(/logging.log_bucket is absent, and bucket google_storage_bucket.ev writes its usage logs into a bucket known only at deploy, which may be this one/);
    }
    // Alone in its file, the same bucket writes no usage logs.
    expect(judge(StorageSoftDeleteAndUsageLogs, tf({ google_storage_bucket: other }), 'google_storage_bucket.other').verdict).toBe('NON_COMPLIANT');
  });
});
