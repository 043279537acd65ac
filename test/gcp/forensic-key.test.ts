import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { WARNINGS } from '../../constructs/core';
import { ForensicKey, ForensicKeyProps } from '../../constructs/gcp';
import { expectAcknowledgeableWarning, expectNoCorruptTokens, labelTests, newStack, numberVariable, onlyResource, refusal, resourcesOf, stringVariable, synth, synthFile, warningsOf } from './helpers';

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

describe('ForensicKey props', () => {
  const key = (props: unknown) => () => new ForensicKey(newStack(), 'K', props as ForensicKeyProps);
  const INTEGER = /^an integer from 2 to 36500$/;

  test('fails when props are missing or not an object', () => {
    refusal(key(undefined), 'props', /^ForensicKeyProps$/);
    refusal(key('us-central1'), 'props', /^ForensicKeyProps$/);
  });

  test.each([
    ['missing', undefined],
    ['not a string', 5],
    ['empty', ''],
    ['in upper case with a space', 'US Central'],
  ])('fails when location is %s', (_case, location) => {
    refusal(key({ location }), 'location', /^a Cloud KMS location such as us-central1, us or global$/);
  });

  test.each([
    ['-Infinity', -Infinity],
    ['Infinity', Infinity],
    ['NaN', NaN],
    ['2.5', 2.5],
    ['1 (Cloud KMS wants more than a day)', 1],
    ['0', 0],
    ['-7', -7],
    ['36501', 36_501],
    ['the string "90"', '90'],
  ])('fails when rotationDays is %s', (_case, rotationDays) => {
    refusal(key({ location: 'us', rotationDays }), 'rotationDays', INTEGER);
  });

  test('accepts rotationDays at the bounds 2 and 36500', () => {
    expect(key({ location: 'us', rotationDays: 2 })).not.toThrow();
    expect(key({ location: 'us', rotationDays: 36_500 })).not.toThrow();
  });

  test.each([
    ['keyRingName', 'empty', ''],
    ['keyRingName', 'a name with a space', 'has space'],
    ['keyRingName', 'a name with a dot', 'ring.v2'],
    ['keyRingName', '64 characters long', 'r'.repeat(64)],
    ['keyRingName', 'not a string', 7],
    ['keyName', 'empty', ''],
    ['keyName', 'a name with a slash', 'a/b'],
    ['keyName', '64 characters long', 'k'.repeat(64)],
  ])('fails when %s is %s', (prop, _case, value) => {
    refusal(key({ location: 'us', [prop]: value }), prop, /^1 to 63 letters, digits, underscores and hyphens$/);
  });

  test('accepts key ring and key names of 63 letters, digits, underscores and hyphens', () => {
    expect(key({ location: 'us', keyRingName: `A_${'r'.repeat(59)}-1`, keyName: 'K'.repeat(63) })).not.toThrow();
  });

  test('fails when project is not a project id', () => {
    refusal(key({ location: 'us', project: 'Acme' }), 'project', /^a project id of 6 to 30/);
  });

  test('fails when evidenceSource is not one of the catalog', () => {
    refusal(key({ location: 'us', evidenceSource: 'keys' }), 'evidenceSource', /^one of "/);
  });

  labelTests((stack, tags) => new ForensicKey(stack, 'K', { location: 'us', tags } as ForensicKeyProps), 2);

  test('rotationDays: 91 warns weakened-default, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new ForensicKey(stack, 'K', { location: 'us', rotationDays: 91 }), WARNINGS.WEAKENED_DEFAULT, /rotates every 91 days, longer than the kit's 90/);
  });

  test('rotationDays: 90 raises no warning', () => {
    const stack = newStack();
    new ForensicKey(stack, 'K', { location: 'us', rotationDays: 90 });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('TerraformVariable tokens reach cdk.tf.json unchanged: rotation as a Terraform expression, names and location as written; no warning', () => {
    const stack = newStack();
    new ForensicKey(stack, 'K', {
      location: stringVariable(stack, 'location'),
      project: stringVariable(stack, 'project'),
      keyRingName: stringVariable(stack, 'ring'),
      keyName: stringVariable(stack, 'key'),
      rotationDays: numberVariable(stack, 'rotation'),
      tags: { team: stringVariable(stack, 'team') },
    });
    const { text, json } = synthFile(stack);
    expect(onlyResource(json, 'google_kms_key_ring')).toMatchObject({ name: '${var.ring}', location: '${var.location}', project: '${var.project}' });
    expect(onlyResource(json, 'google_kms_crypto_key')).toMatchObject({
      name: '${var.key}',
      rotation_period: '${(var.rotation * 86400)}s',
      labels: expect.objectContaining({ team: '${var.team}' }),
    });
    expectNoCorruptTokens(text);
    expect(warningsOf(stack)).toEqual([]);
  });
});
