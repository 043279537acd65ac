import { KmsKeyNotDestroyable } from '../../../../policies/rules/gcp/KmsKeyNotDestroyable';
import { judge } from '../../helpers';
import { plan, tf } from './_gcp';

const key = (extra: Record<string, any>) => ({ google_kms_crypto_key: { k: { name: 'k', key_ring: 'r', rotation_period: '7776000s', ...extra } } });
const K = 'google_kms_crypto_key.k';

describe('GCP.Kms.KeyNotDestroyable', () => {
  it('passes lifecycle prevent_destroy true', () => {
    expect(judge(KmsKeyNotDestroyable, tf(key({ lifecycle: { prevent_destroy: true } })), K).verdict).toBe('COMPLIANT');
  });

  it('warns without lifecycle', () => {
    expect(judge(KmsKeyNotDestroyable, tf(key({})), K).verdict).toBe('NON_COMPLIANT');
  });

  it('warns on prevent_destroy false', () => {
    expect(judge(KmsKeyNotDestroyable, tf(key({ lifecycle: [{ prevent_destroy: false }] })), K).verdict).toBe('NON_COMPLIANT');
  });

  it('is UNKNOWN when prevent_destroy is an interpolation', () => {
    expect(judge(KmsKeyNotDestroyable, tf(key({ lifecycle: { prevent_destroy: '${var.keep}' } })), K).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN in a plan, which does not record lifecycle', () => {
    expect(judge(KmsKeyNotDestroyable, plan(key({ lifecycle: { prevent_destroy: true } })), K).verdict).toBe('UNKNOWN');
  });

  it('passes a key ring with prevent_destroy', () => {
    const m = tf({ google_kms_key_ring: { r: { name: 'r', location: 'eu', lifecycle: { prevent_destroy: true } } } });
    expect(judge(KmsKeyNotDestroyable, m, 'google_kms_key_ring.r').verdict).toBe('COMPLIANT');
  });

  it('warns on a key ring without prevent_destroy, whose destroy takes its keys with it', () => {
    const j = judge(KmsKeyNotDestroyable, tf({ google_kms_key_ring: { r: { name: 'r', location: 'eu' } } }), 'google_kms_key_ring.r');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/destroy of the key ring destroys every key version in it/);
  });
});
