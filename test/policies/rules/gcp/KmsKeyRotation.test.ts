import { KmsKeyRotation } from '../../../../policies/rules/gcp/KmsKeyRotation';
import { judge } from '../../helpers';
import { goodBucket, tf } from './_gcp';

const K = 'google_kms_crypto_key.k';
const KEY_REF = '${google_kms_crypto_key.k.id}';
/** A key that the evidence bucket uses as its default key. */
const model = (key: Record<string, any>) =>
  tf({
    google_kms_crypto_key: { k: { name: 'k', key_ring: 'r', ...key } },
    google_storage_bucket: { ev: goodBucket({ labels: { 'forensic-evidence-store': 'true' }, encryption: { default_kms_key_name: KEY_REF } }) },
  });

describe('GCP.Kms.KeyRotation', () => {
  it('passes a key of an evidence bucket that rotates every 90 days', () => {
    const j = judge(KmsKeyRotation, model({ rotation_period: '7776000s' }), K);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/"7776000s" \(90.0 days\)/);
  });

  it('passes a logging-bucket key rotating every 30 days', () => {
    const m = tf({
      google_kms_crypto_key: { k: { name: 'k', key_ring: 'r', rotation_period: '2592000s' } },
      google_logging_project_bucket_config: { b: { project: 'p', location: 'eu', bucket_id: 'b', cmek_settings: [{ kms_key_name: KEY_REF }] } },
    });
    expect(judge(KmsKeyRotation, m, K).verdict).toBe('COMPLIANT');
  });

  it('warns when the key never rotates', () => {
    const j = judge(KmsKeyRotation, model({}), K);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/rotation_period is absent: the key never rotates \(google_storage_bucket.ev encryption.default_kms_key_name uses it\)/);
  });

  it('warns when the key rotates less often than every 90 days', () => {
    expect(judge(KmsKeyRotation, model({ rotation_period: '31536000s' }), K).reason).toMatch(/\(365.0 days\), longer than 90 days/);
  });

  it('applies to the key of an evidence dataset', () => {
    const m = tf({
      google_kms_crypto_key: { k: { name: 'k', key_ring: 'r' } },
      google_bigquery_dataset: { d: { dataset_id: 'logs', labels: { 'forensic-evidence-store': 'true' }, default_encryption_configuration: { kms_key_name: KEY_REF } } },
    });
    expect(judge(KmsKeyRotation, m, K).verdict).toBe('NON_COMPLIANT');
  });

  it('is not applicable to a key that encrypts no evidence', () => {
    const m = tf({ google_kms_crypto_key: { k: { name: 'k', key_ring: 'r' } }, google_storage_bucket: { scratch: { name: 'scratch', encryption: { default_kms_key_name: KEY_REF } } } });
    expect(judge(KmsKeyRotation, m, K).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the rotation period is a variable', () => {
    expect(judge(KmsKeyRotation, model({ rotation_period: '${var.rotation}' }), K).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when the rotation period is not a duration in seconds', () => {
    expect(judge(KmsKeyRotation, model({ rotation_period: '90d' }), K).reason).toMatch(/not a duration in seconds/);
  });
});
