import { StorageNotDeletable } from '../../../../policies/rules/gcp/StorageNotDeletable';
import { judge } from '../../helpers';
import { goodBucket, plan, sinkInto, tf } from './_gcp';

const resources = (bucket: Record<string, any>) => ({ google_storage_bucket: { ev: bucket }, google_logging_billing_account_sink: { s: { ...sinkInto('ev'), billing_account: 'AAA' } } });

describe('GCP.Storage.NotDeletable', () => {
  it('passes force_destroy false with lifecycle prevent_destroy true', () => {
    expect(judge(StorageNotDeletable, tf(resources(goodBucket())), 'google_storage_bucket.ev').verdict).toBe('COMPLIANT');
  });

  it('passes force_destroy absent and lifecycle written as an array', () => {
    const m = tf(resources(goodBucket({ force_destroy: undefined, lifecycle: [{ prevent_destroy: true }] })));
    expect(judge(StorageNotDeletable, m, 'google_storage_bucket.ev').verdict).toBe('COMPLIANT');
  });

  it('fails force_destroy true', () => {
    const j = judge(StorageNotDeletable, tf(resources(goodBucket({ force_destroy: true }))), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/force_destroy is true/);
  });

  it('fails without lifecycle prevent_destroy', () => {
    const j = judge(StorageNotDeletable, tf(resources(goodBucket({ lifecycle: undefined }))), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/prevent_destroy is not true/);
  });

  it('fails lifecycle prevent_destroy false', () => {
    const j = judge(StorageNotDeletable, tf(resources(goodBucket({ lifecycle: { prevent_destroy: false } }))), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
  });

  it('does not apply to a bucket that holds no evidence', () => {
    const m = tf({ google_storage_bucket: { data: { name: 'd', force_destroy: true } } });
    expect(judge(StorageNotDeletable, m, 'google_storage_bucket.data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when force_destroy is a variable', () => {
    const m = tf(resources(goodBucket({ force_destroy: '${var.force}' })));
    expect(judge(StorageNotDeletable, m, 'google_storage_bucket.ev').verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN in a terraform show -json plan, which does not record lifecycle', () => {
    const j = judge(StorageNotDeletable, plan(resources(goodBucket())), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/not recorded/);
  });
});
