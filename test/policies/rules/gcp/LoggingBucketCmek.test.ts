import { LoggingBucketCmek } from '../../../../policies/rules/gcp/LoggingBucketCmek';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const B = 'google_logging_project_bucket_config.b';
const bucket = (extra: Record<string, any>) => ({ project: 'p', location: 'eu', bucket_id: 'forensic', retention_days: 365, locked: true, ...extra });

describe('GCP.Logging.BucketCmek', () => {
  it('passes a bucket whose cmek_settings reference a crypto key of the input', () => {
    const m = tf({ google_kms_crypto_key: { k: { name: 'k', key_ring: 'r' } }, google_logging_project_bucket_config: { b: bucket({ cmek_settings: { kms_key_name: '${google_kms_crypto_key.k.id}' } }) } });
    expect(judge(LoggingBucketCmek, m, B).verdict).toBe('COMPLIANT');
  });

  it('passes a folder bucket with a literal key (cmek_settings as a block list)', () => {
    const m = tf({ google_logging_folder_bucket_config: { b: { folder: '1', location: 'eu', bucket_id: 'f', cmek_settings: [{ kms_key_name: 'projects/p/locations/eu/keyRings/r/cryptoKeys/k' }] } } });
    expect(judge(LoggingBucketCmek, m, 'google_logging_folder_bucket_config.b').verdict).toBe('COMPLIANT');
  });

  it('warns without cmek_settings', () => {
    const j = judge(LoggingBucketCmek, tf({ google_logging_project_bucket_config: { b: bucket({}) } }), B);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/cmek_settings.kms_key_name is absent: Google-managed encryption/);
  });

  it('is UNKNOWN when the key is a variable', () => {
    expect(judge(LoggingBucketCmek, tf({ google_logging_project_bucket_config: { b: bucket({ cmek_settings: { kms_key_name: '${var.key}' } }) } }), B).verdict).toBe('UNKNOWN');
  });
});
