import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { ForensicKey } from '../../constructs/gcp';
import { newStack, onlyResource, resourcesOf, synth, warningsOf } from './helpers';

describe('ForensicKey', () => {
  test('defaults: a key ring and a rotating ENCRYPT_DECRYPT key, both prevent_destroy, labelled', () => {
    const stack = newStack();
    new ForensicKey(stack, 'Key', { location: 'us-central1' });
    const { text, json } = synth(stack);
    expect(text).toHaveResourceWithProperties(KmsKeyRing, { name: 'forensic-readiness', location: 'us-central1', lifecycle: { prevent_destroy: true } });
    expect(text).toHaveResourceWithProperties(KmsCryptoKey, {
      name: 'evidence',
      purpose: 'ENCRYPT_DECRYPT',
      rotation_period: '7776000s',
      lifecycle: { prevent_destroy: true },
      labels: expect.objectContaining({ 'forensic-readiness': 'forensic-readiness-kit', 'forensic-evidence-source': 'evidence-immutability' }),
    });
    const key = onlyResource(json, 'google_kms_crypto_key');
    expect(key.key_ring).toMatch(/^\$\{google_kms_key_ring\.Key_KeyRing_[0-9A-F]+\.id\}$/);
    expect(resourcesOf(json, 'google_kms_crypto_key_iam_member')).toEqual({});
    expect(warningsOf(stack)).toEqual([]);
  });

  test('rotationDays, names and project can be set', () => {
    const stack = newStack();
    new ForensicKey(stack, 'Key', { location: 'us', project: 'my-project-1', keyRingName: 'ring', keyName: 'k', rotationDays: 30 });
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(KmsKeyRing, { name: 'ring', location: 'us', project: 'my-project-1' });
    expect(text).toHaveResourceWithProperties(KmsCryptoKey, { name: 'k', rotation_period: '2592000s' });
  });

  test('grantEncryptDecrypt grants the CMEK role once per member', () => {
    const stack = newStack();
    const key = new ForensicKey(stack, 'Key', { location: 'us-central1' });
    const a = key.grantEncryptDecrypt('serviceAccount:agent@example.iam.gserviceaccount.com', 'Agent');
    const b = key.grantEncryptDecrypt('serviceAccount:agent@example.iam.gserviceaccount.com', 'Again');
    expect(a).toBe(b);
    const { text, json } = synth(stack);
    expect(text).toHaveResourceWithProperties(KmsCryptoKeyIamMember, {
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: 'serviceAccount:agent@example.iam.gserviceaccount.com',
      crypto_key_id: expect.stringMatching(/^\$\{google_kms_crypto_key\.Key_[0-9A-F]+\.id\}$/),
    });
    expect(Object.keys(resourcesOf(json, 'google_kms_crypto_key_iam_member'))).toHaveLength(1);
  });

  test('fails when rotationDays is one day or less, or not whole', () => {
    expect(() => new ForensicKey(newStack(), 'K', { location: 'us-central1', rotationDays: 1 })).toThrow(/rotationDays must be an integer from 2 to 36500, got 1/);
    expect(() => new ForensicKey(newStack(), 'K', { location: 'us-central1', rotationDays: 2.5 })).toThrow(/rotationDays/);
  });

  test('fails when location, keyRingName or keyName is malformed', () => {
    expect(() => new ForensicKey(newStack(), 'K', { location: 'US Central' })).toThrow(/location/);
    expect(() => new ForensicKey(newStack(), 'K', { location: 'us', keyRingName: 'has space' })).toThrow(/keyRingName/);
    expect(() => new ForensicKey(newStack(), 'K', { location: 'us', keyName: 'x'.repeat(64) })).toThrow(/keyName/);
  });

  test('fails when a grant names a public principal', () => {
    const key = new ForensicKey(newStack(), 'K', { location: 'us' });
    expect(() => key.grantEncryptDecrypt('allUsers', 'Public')).toThrow(/member must be an IAM member/);
  });
});
