import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Immutability, Retention, WARNINGS, acknowledgeKitWarning } from '../../constructs/core';
import { EvidenceBucket, kmsLocationOf } from '../../constructs/gcp';
import { newStack, infosOf, resourcesOf, synth, warningsOf } from './helpers';

const base = { bucketName: 'acme-evidence', location: 'us-central1' };

function bucketsByName(json: ReturnType<typeof synth>['json']): Record<string, any> {
  return Object.fromEntries(Object.values(resourcesOf(json, 'google_storage_bucket')).map((b: any) => [b.name, b]));
}

describe('EvidenceBucket', () => {
  test('defaults: locked 365-day retention, uniform access, PAP enforced, CMEK, soft delete 90 days, no versioning, no force_destroy, prevent_destroy, usage logs into a locked log bucket', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', base);
    const { text, json } = synth(stack);
    const buckets = bucketsByName(json);
    expect(Object.keys(buckets).sort()).toEqual(['acme-evidence', 'acme-evidence-logs']);
    for (const b of Object.values(buckets)) {
      expect(b.retention_policy).toEqual({ retention_period: 365 * 86_400, is_locked: true });
      expect(b.uniform_bucket_level_access).toBe(true);
      expect(b.public_access_prevention).toBe('enforced');
      expect(b.encryption.default_kms_key_name).toMatch(/^\$\{google_kms_crypto_key\.Evidence_Key_[0-9A-F]+\.id\}$/);
      expect(b.soft_delete_policy).toEqual({ retention_duration_seconds: 90 * 86_400 });
      // GCS refuses versioning beside a retention policy: explicitly off, never on.
      expect(b.versioning).toEqual({ enabled: false });
      expect(b.force_destroy).toBe(false);
      expect(b.lifecycle).toEqual({ prevent_destroy: true });
      expect(b.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\./)]);
      expect(b.labels['forensic-evidence-store']).toBe('true');
      expect(b.location).toBe('us-central1');
    }
    expect(buckets['acme-evidence'].logging).toEqual({ log_bucket: expect.stringMatching(/^\$\{google_storage_bucket\.Evidence_AccessLogs_[0-9A-F]+\.name\}$/), log_object_prefix: 'acme-evidence' });
    expect(buckets['acme-evidence-logs'].logging).toBeUndefined();
    expect(buckets['acme-evidence'].labels['forensic-evidence-source']).toBe('evidence-immutability');
    expect(buckets['acme-evidence-logs'].labels['forensic-evidence-source']).toBe('storage-data-access');
    // The GCS service agent gets the key, named by the data source, not a hard-coded number.
    expect(text).toHaveDataSource(DataGoogleStorageProjectServiceAccount);
    const grants = Object.values(resourcesOf(json, 'google_kms_crypto_key_iam_member'));
    expect(grants).toEqual([
      expect.objectContaining({
        role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
        member: expect.stringMatching(/^\$\{data\.google_storage_project_service_account\.Evidence_StorageServiceAgent_[0-9A-F]+\.member\}$/),
      }),
    ]);
    expect(onlyKeyRing(json).name).toBe('acme-evidence');
    expect(text).toHaveResourceWithProperties(StorageBucketIamMember, { role: 'roles/storage.objectCreator', member: 'group:cloud-storage-analytics@google.com' });
    expect(Object.values(resourcesOf(json, 'google_storage_bucket_iam_member'))).toHaveLength(1);
    expect(warningsOf(stack)).toEqual([]);
    expect(infosOf(stack)).toEqual([
      expect.stringMatching(/^GCS bucket acme-evidence .* is locked for 365 days/),
      expect.stringMatching(/^GCS usage-log bucket acme-evidence-logs .* is locked for 365 days/),
    ]);
  });

  test('an encryptionKey given is used and granted instead of a new key', () => {
    const stack = newStack();
    const id = 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k';
    new EvidenceBucket(stack, 'Evidence', { ...base, encryptionKey: { id } });
    const { json } = synth(stack);
    expect(resourcesOf(json, 'google_kms_key_ring')).toEqual({});
    expect(resourcesOf(json, 'google_kms_crypto_key')).toEqual({});
    for (const b of Object.values(bucketsByName(json))) expect(b.encryption).toEqual({ default_kms_key_name: id });
    expect(Object.values(resourcesOf(json, 'google_kms_crypto_key_iam_member'))).toEqual([expect.objectContaining({ crypto_key_id: id })]);
  });

  test('the key created for a multi-region bucket is in the matching Cloud KMS multi-region', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { ...base, location: 'EU' });
    const { json } = synth(stack);
    expect(onlyKeyRing(json).location).toBe('europe');
    expect(kmsLocationOf('US')).toBe('us');
    expect(kmsLocationOf('us-central1')).toBe('us-central1');
  });

  test('retention and soft delete can be lengthened or shortened within GCS bounds', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { ...base, retention: Retention.years(7), softDeleteRetention: Retention.days(7) });
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(StorageBucket, {
      name: 'acme-evidence',
      retention_policy: { retention_period: 7 * 365 * 86_400, is_locked: true },
      soft_delete_policy: { retention_duration_seconds: 604_800 },
    });
  });

  test('SOAK immutability leaves the policy unlocked and warns', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { ...base, immutability: Immutability.SOAK });
    const { json } = synth(stack);
    for (const b of Object.values(bucketsByName(json))) expect(b.retention_policy.is_locked).toBe(false);
    expect(warningsOf(stack)).toEqual([expect.stringContaining(`[${WARNINGS.SOAK_MODE}]`)]);
    expect(infosOf(stack)).toEqual([]);
  });

  test('a retention under 365 days warns', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { ...base, retention: Retention.days(30) });
    expect(warningsOf(stack)).toEqual([expect.stringContaining(`[${WARNINGS.SHORT_RETENTION}]`)]);
  });

  test('an acknowledged warning is not raised', () => {
    const stack = newStack();
    acknowledgeKitWarning(stack, WARNINGS.SOAK_MODE, 'trial project, torn down after the evaluation week');
    new EvidenceBucket(stack, 'Evidence', { ...base, immutability: Immutability.SOAK });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('usage logs can be switched off, with a warning and no log bucket', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { ...base, serverAccessLogsEnabled: false });
    const { json } = synth(stack);
    const buckets = bucketsByName(json);
    expect(Object.keys(buckets)).toEqual(['acme-evidence']);
    expect(buckets['acme-evidence'].logging).toBeUndefined();
    expect(resourcesOf(json, 'google_storage_bucket_iam_member')).toEqual({});
    expect(warningsOf(stack)).toEqual([expect.stringContaining(`[${WARNINGS.WEAKENED_DEFAULT}]`)]);
  });

  test('usage logs can go to an existing log bucket', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { ...base, serverAccessLogsBucket: { name: 'central-logs' } });
    const { json } = synth(stack);
    const buckets = bucketsByName(json);
    expect(Object.keys(buckets)).toEqual(['acme-evidence']);
    expect(buckets['acme-evidence'].logging).toEqual({ log_bucket: 'central-logs', log_object_prefix: 'acme-evidence' });
  });

  test('tags and evidenceSource become labels', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { ...base, project: 'acme-prod', evidenceSource: 'ml-inference', tags: { team: 'ml-sec' } });
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(StorageBucket, {
      name: 'acme-evidence',
      project: 'acme-prod',
      labels: { 'forensic-readiness': 'forensic-readiness-kit', 'forensic-evidence-source': 'ml-inference', 'forensic-evidence-store': 'true', team: 'ml-sec' },
    });
  });

  test('grantAppend gives objectCreator and grantReadEvidence objectViewer, once per member', () => {
    const stack = newStack();
    const bucket = new EvidenceBucket(stack, 'Evidence', base);
    const append = bucket.grantAppend('serviceAccount:writer@p.iam.gserviceaccount.com');
    expect(bucket.grantAppend('serviceAccount:writer@p.iam.gserviceaccount.com')).toBe(append);
    bucket.grantReadEvidence('group:investigators@example.com');
    const { json } = synth(stack);
    const grants = Object.values(resourcesOf(json, 'google_storage_bucket_iam_member')).filter((g: any) => !g.member.startsWith('group:cloud-storage-analytics'));
    expect(grants).toEqual([
      { bucket: expect.stringMatching(/Evidence_[0-9A-F]+\.name/), role: 'roles/storage.objectCreator', member: 'serviceAccount:writer@p.iam.gserviceaccount.com' },
      { bucket: expect.stringMatching(/Evidence_[0-9A-F]+\.name/), role: 'roles/storage.objectViewer', member: 'group:investigators@example.com' },
    ]);
    // No generic write: nothing here grants admin, objectAdmin or objectUser.
    expect(grants.map((g: any) => g.role)).not.toEqual(expect.arrayContaining([expect.stringMatching(/admin|objectUser/i)]));
    expect((bucket as unknown as Record<string, unknown>).grantWrite).toBeUndefined();
  });

  test('fails when retention is outside the GCS bounds', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { ...base, retention: Retention.days(0) })).toThrow(/retention must be 1 to 36525 days \(GCS retention policy\), got "0 days"/);
    expect(() => new EvidenceBucket(newStack(), 'E', { ...base, retention: Retention.days(40_000) })).toThrow(/retention/);
  });

  test('fails when softDeleteRetention is outside 7 to 90 days', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { ...base, softDeleteRetention: Retention.days(3) })).toThrow(/softDeleteRetention must be 7 to 90 days/);
    expect(() => new EvidenceBucket(newStack(), 'E', { ...base, softDeleteRetention: Retention.days(91) })).toThrow(/softDeleteRetention/);
  });

  test('fails when bucketName or location is malformed', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { ...base, bucketName: 'Upper-Case' })).toThrow(/bucketName/);
    expect(() => new EvidenceBucket(newStack(), 'E', { ...base, bucketName: 'x'.repeat(59) })).toThrow(/bucketName/);
    expect(() => new EvidenceBucket(newStack(), 'E', { ...base, location: 'us central' })).toThrow(/location/);
  });

  test('fails when serverAccessLogsBucket is given with usage logs off', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { ...base, serverAccessLogsEnabled: false, serverAccessLogsBucket: { name: 'logs' } })).toThrow(/serverAccessLogsBucket/);
  });

  test('fails when a tag is not a valid GCP label', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { ...base, tags: { Team: 'x' } })).toThrow(/tags.Team/);
  });

  test('fails when a grant names a public principal, or a deploy-time member without an id', () => {
    const bucket = new EvidenceBucket(newStack(), 'E', base);
    expect(() => bucket.grantReadEvidence('allUsers')).toThrow(/member must be an IAM member/);
    expect(() => bucket.grantAppend('allAuthenticatedUsers')).toThrow(/member/);
    expect(() => bucket.grantAppend('${TfToken[TOKEN.1]}')).toThrow(/id must be a construct id/);
  });
});

function onlyKeyRing(json: ReturnType<typeof synth>['json']): any {
  const rings = Object.values(resourcesOf(json, 'google_kms_key_ring'));
  expect(rings).toHaveLength(1);
  return rings[0];
}
