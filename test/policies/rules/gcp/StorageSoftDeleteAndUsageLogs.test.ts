import { StorageSoftDeleteAndUsageLogs } from '../../../../policies/rules/gcp/StorageSoftDeleteAndUsageLogs';
import { judge } from '../../helpers';
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
});
