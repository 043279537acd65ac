import { StorageEvidenceCmek } from '../../../../policies/rules/gcp/StorageEvidenceCmek';
import { judge } from '../../helpers';
import { goodBucket, tf } from './_gcp';

const B = 'google_storage_bucket.ev';
const KEY = { google_kms_crypto_key: { k: { name: 'k', key_ring: 'r' } } };
const labelled = { labels: { 'forensic-evidence-store': 'true' } };

describe('GCP.Storage.EvidenceCmek', () => {
  it('passes an evidence bucket whose default key references a crypto key of the input', () => {
    const m = tf({ ...KEY, google_storage_bucket: { ev: goodBucket({ ...labelled, encryption: { default_kms_key_name: '${google_kms_crypto_key.k.id}' } }) } });
    const j = judge(StorageEvidenceCmek, m, B);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/references a google_kms_crypto_key of the input/);
  });

  it('passes a literal key name (encryption written as a block list)', () => {
    const m = tf({ google_storage_bucket: { ev: goodBucket({ ...labelled, encryption: [{ default_kms_key_name: 'projects/p/locations/eu/keyRings/r/cryptoKeys/k' }] }) } });
    expect(judge(StorageEvidenceCmek, m, B).verdict).toBe('COMPLIANT');
  });

  it('warns when encryption is absent (Google-managed keys)', () => {
    const j = judge(StorageEvidenceCmek, tf({ google_storage_bucket: { ev: goodBucket(labelled) } }), B);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/encryption.default_kms_key_name is absent: Google-managed encryption/);
  });

  it('warns when the key name is empty', () => {
    expect(judge(StorageEvidenceCmek, tf({ google_storage_bucket: { ev: goodBucket({ ...labelled, encryption: { default_kms_key_name: '' } }) } }), B).verdict).toBe('NON_COMPLIANT');
  });

  it('is not applicable to a bucket that holds no evidence', () => {
    expect(judge(StorageEvidenceCmek, tf({ google_storage_bucket: { ev: { name: 'scratch' } } }), B).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the key is a variable', () => {
    const m = tf({ google_storage_bucket: { ev: goodBucket({ ...labelled, encryption: { default_kms_key_name: '${var.key}' } }) } });
    expect(judge(StorageEvidenceCmek, m, B).verdict).toBe('UNKNOWN');
  });
});
