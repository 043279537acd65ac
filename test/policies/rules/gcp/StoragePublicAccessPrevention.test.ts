import { StoragePublicAccessPrevention } from '../../../../policies/rules/gcp/StoragePublicAccessPrevention';
import { judge } from '../../helpers';
import { goodBucket, sinkInto, tf } from './_gcp';

const withSink = (bucket: Record<string, any>) =>
  tf({ google_storage_bucket: { ev: bucket }, google_logging_organization_sink: { s: { ...sinkInto('ev'), org_id: '123' } } });

describe('GCP.Storage.PublicAccessPrevention', () => {
  it('passes public_access_prevention "enforced"', () => {
    expect(judge(StoragePublicAccessPrevention, withSink(goodBucket()), 'google_storage_bucket.ev').verdict).toBe('COMPLIANT');
  });

  it('fails "inherited"', () => {
    const j = judge(StoragePublicAccessPrevention, withSink(goodBucket({ public_access_prevention: 'inherited' })), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/"inherited"/);
  });

  it('fails when absent (provider default "inherited")', () => {
    const j = judge(StoragePublicAccessPrevention, withSink(goodBucket({ public_access_prevention: undefined })), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/absent/);
  });

  it('does not apply to a bucket that holds no evidence', () => {
    const m = tf({ google_storage_bucket: { data: { name: 'd' } } });
    expect(judge(StoragePublicAccessPrevention, m, 'google_storage_bucket.data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the value comes from a data source', () => {
    const m = withSink(goodBucket({ public_access_prevention: '${data.google_x.y.pap}' }));
    expect(judge(StoragePublicAccessPrevention, m, 'google_storage_bucket.ev').verdict).toBe('UNKNOWN');
  });
});
