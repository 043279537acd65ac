import { StorageUniformAccess } from '../../../../policies/rules/gcp/StorageUniformAccess';
import { judge } from '../../helpers';
import { goodBucket, sinkInto, tf } from './_gcp';

const withSink = (bucket: Record<string, any>) =>
  tf({ google_storage_bucket: { ev: bucket }, google_logging_folder_sink: { s: { ...sinkInto('ev'), folder: 'folders/1' } } });

describe('GCP.Storage.UniformAccess', () => {
  it('passes an evidence bucket with uniform_bucket_level_access true', () => {
    expect(judge(StorageUniformAccess, withSink(goodBucket()), 'google_storage_bucket.ev').verdict).toBe('COMPLIANT');
  });

  it('fails uniform_bucket_level_access false', () => {
    const j = judge(StorageUniformAccess, withSink(goodBucket({ uniform_bucket_level_access: false })), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/uniform_bucket_level_access is false/);
  });

  it('fails uniform_bucket_level_access absent (provider default false)', () => {
    const j = judge(StorageUniformAccess, withSink(goodBucket({ uniform_bucket_level_access: undefined })), 'google_storage_bucket.ev');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/absent/);
  });

  it('does not apply to a bucket that holds no evidence', () => {
    const m = tf({ google_storage_bucket: { data: { name: 'd' } } });
    expect(judge(StorageUniformAccess, m, 'google_storage_bucket.data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the value comes from a variable', () => {
    const m = withSink(goodBucket({ uniform_bucket_level_access: '${var.uniform}' }));
    expect(judge(StorageUniformAccess, m, 'google_storage_bucket.ev').verdict).toBe('UNKNOWN');
  });
});
