import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Immutability, Retention, WARNINGS, acknowledgeKitWarning } from '../../constructs/core';
import { EvidenceBucket, EvidenceBucketProps, kmsLocationOf } from '../../constructs/gcp';
import { expectAcknowledgeableWarning, expectNoCorruptTokens, infosOf, labelTests, newStack, numberVariable, refusal, resourcesOf, stringVariable, synth, synthFile, warningsOf } from './helpers';

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

describe('EvidenceBucket props', () => {
  const bucket = (props: Record<string, unknown>) => () => new EvidenceBucket(newStack(), 'E', props as unknown as EvidenceBucketProps);
  /** A dotted name of `length` characters, parts of at most 50. */
  const dotted = (length: number): string => {
    let name = '';
    while (name.length < length) name += (name ? '.' : '') + 'a'.repeat(Math.min(50, length - name.length - (name ? 1 : 0)));
    return name;
  };
  const NAME = /^a GCS bucket name \(/;

  test('fails when props are missing or not an object', () => {
    refusal(() => new EvidenceBucket(newStack(), 'E', undefined as unknown as EvidenceBucketProps), 'props', /^EvidenceBucketProps$/);
  });

  test('fails when bucketName or location is missing', () => {
    refusal(bucket({ location: 'us' }), 'bucketName', /^a GCS bucket name$/);
    refusal(bucket({ bucketName: 'acme-evidence' }), 'location', /^a GCS location such as us-central1, EU or US$/);
  });

  test.each([
    ['an IP address in dotted-decimal notation', '192.168.5.4', /not an IP address/],
    ['beginning with goog', 'googevidence', /not beginning with "goog"/],
    ['containing google', 'acme-google-evidence', /not containing "google" or a close misspelling/],
    ['containing the look-alike g00gle', 'acme-g00gle-evidence', /not containing "google" or a close misspelling/],
    ['containing the look-alike gooogle', 'acme-gooogle-evidence', /not containing "google"/],
    ['64 characters without dots', 'a'.repeat(64), /3 to 63 characters\)$/],
    ['223 characters with dots', dotted(223), /3 to 222 characters with dots/],
    ['a dotted part of 64 characters', `${'a'.repeat(64)}.example`, /each dot-separated part at most 63 characters/],
    ['two dots in a row (a..b)', 'a..b', /no empty part between dots/],
    ['2 characters', 'ab', /3 to 63 characters/],
    ['beginning with a hyphen', '-acme', /begin and end with a letter or digit/],
    ['ending with an underscore', 'acme_', /begin and end with a letter or digit/],
    ['in upper case', 'Acme-Evidence', /only lower-case letters, digits, -, _ and \./],
  ])('fails when bucketName is %s', (_case, bucketName, why) => {
    const e = refusal(bucket({ ...base, bucketName, serverAccessLogsEnabled: false }), 'bucketName', NAME);
    expect(e.expected).toMatch(why);
  });

  test('accepts a name of 63 characters, or 222 with dots, when no usage-log bucket is created', () => {
    expect(bucket({ ...base, bucketName: 'a'.repeat(63), serverAccessLogsEnabled: false })).not.toThrow();
    expect(bucket({ ...base, bucketName: dotted(222), serverAccessLogsEnabled: false })).not.toThrow();
    expect(bucket({ ...base, bucketName: '10.0.0.1.example', serverAccessLogsEnabled: false })).not.toThrow();
  });

  test('fails when bucketName leaves no room for the -logs suffix of the usage-log bucket it creates', () => {
    expect(bucket({ ...base, bucketName: 'a'.repeat(58) })).not.toThrow();
    expect(refusal(bucket({ ...base, bucketName: 'a'.repeat(59) }), 'bucketName', NAME).expected).toMatch(/3 to 58 characters/);
    expect(refusal(bucket({ ...base, bucketName: dotted(218) }), 'bucketName', NAME).expected).toMatch(/3 to 217 characters with dots/);
    expect(refusal(bucket({ ...base, bucketName: `example.${'a'.repeat(59)}` }), 'bucketName', NAME).expected).toMatch(/58 for the last/);
    // A usage-log bucket of its own: the whole 63 are the bucket's.
    expect(bucket({ ...base, bucketName: 'a'.repeat(63), serverAccessLogsBucket: { name: 'central-logs' } })).not.toThrow();
  });

  test('fails when serverAccessLogsBucket is not a bucket reference with a GCS bucket name', () => {
    refusal(bucket({ ...base, serverAccessLogsBucket: 'central-logs' }), 'serverAccessLogsBucket', /^an IBucketRef \(\{ name \}\)$/);
    refusal(bucket({ ...base, serverAccessLogsBucket: { name: 'google-logs' } }), 'serverAccessLogsBucket.name', NAME);
  });

  test('fails when serverAccessLogsBucket is given with usage logs off, naming the prop', () => {
    refusal(bucket({ ...base, serverAccessLogsEnabled: false, serverAccessLogsBucket: { name: 'central-logs' } }), 'serverAccessLogsBucket', /^unset when serverAccessLogsEnabled is false$/);
  });

  test.each([
    ["the string 'locked'", 'locked'],
    ["{ mode: 'locked' }", { mode: 'locked' }],
    ['true', true],
    ['null', null],
  ])('fails when immutability is %s, never mapping it to a weaker mode', (_case, immutability) => {
    refusal(bucket({ ...base, immutability }), 'immutability', /^Immutability\.LOCKED or Immutability\.SOAK$/);
  });

  test('fails when a retention is Retention.days(-Infinity) or NaN: refused where it is made', () => {
    refusal(() => Retention.days(-Infinity), 'Retention.days', /^a finite number$/);
    refusal(() => Retention.days(NaN), 'Retention.days', /^a finite number$/);
    refusal(() => Retention.years(Infinity), 'Retention.years', /^a finite number$/);
  });

  test.each([
    ['0 days', Retention.days(0)],
    ['-7 days', Retention.days(-7)],
    ['2.5 days', Retention.days(2.5)],
    ['36526 days', Retention.days(36_526)],
  ])('fails when retention is %s', (_case, retention) => {
    refusal(bucket({ ...base, retention }), 'retention', /^1 to 36525 days \(GCS retention policy\)$/);
  });

  test('fails when retention is a bare number, not a Retention', () => {
    refusal(bucket({ ...base, retention: 365 }), 'retention', /^a Retention \(Retention\.days\(n\) or Retention\.years\(n\)\)$/);
  });

  test('accepts retention at the bounds 1 and 36525 days', () => {
    expect(bucket({ ...base, retention: Retention.days(1) })).not.toThrow();
    expect(bucket({ ...base, retention: Retention.days(36_525) })).not.toThrow();
  });

  test.each([
    ['6 days', Retention.days(6)],
    ['0 days (off)', Retention.days(0)],
    ['91 days', Retention.days(91)],
    ['7.5 days', Retention.days(7.5)],
  ])('fails when softDeleteRetention is %s', (_case, softDeleteRetention) => {
    refusal(bucket({ ...base, softDeleteRetention }), 'softDeleteRetention', /^7 to 90 days \(GCS soft delete\)$/);
  });

  test('fails when softDeleteRetention is a bare number', () => {
    refusal(bucket({ ...base, softDeleteRetention: 30 }), 'softDeleteRetention', /^a Retention/);
  });

  test('fails when serverAccessLogsEnabled is not a boolean', () => {
    refusal(bucket({ ...base, serverAccessLogsEnabled: 'false' }), 'serverAccessLogsEnabled', /^true or false$/);
  });

  test('fails when location or project is malformed', () => {
    refusal(bucket({ ...base, location: 'us central' }), 'location', /^a GCS location/);
    refusal(bucket({ ...base, project: 'Acme_Prod' }), 'project', /^a project id/);
  });

  test.each([
    ['a bare key name string', 'projects/p/locations/us/keyRings/r/cryptoKeys/k', 'encryptionKey', /^an IEncryptionKey/],
    ['an id that is not a key name', { id: 'k' }, 'encryptionKey.id', /^a key name projects\/\{p\}/],
    ['a key ring, not a key', { id: 'projects/p/locations/us/keyRings/r' }, 'encryptionKey.id', /^a key name/],
    ['an object without id', {}, 'encryptionKey.id', /^a key name/],
  ])('fails when encryptionKey is %s', (_case, encryptionKey, prop, expected) => {
    refusal(bucket({ ...base, encryptionKey }), prop, expected);
  });

  test('fails when evidenceSource is not one of the catalog', () => {
    refusal(bucket({ ...base, evidenceSource: 'buckets' }), 'evidenceSource', /^one of "/);
  });

  labelTests((stack, tags) => new EvidenceBucket(stack, 'E', { ...base, tags } as EvidenceBucketProps), 3);

  test('Immutability.SOAK warns soak-immutability, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new EvidenceBucket(stack, 'E', { ...base, immutability: Immutability.SOAK }), WARNINGS.SOAK_MODE, /GCS bucket acme-evidence .*unlocked retention policy/);
  });

  test('a retention under 365 days warns retention-below-floor, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new EvidenceBucket(stack, 'E', { ...base, retention: Retention.days(364) }), WARNINGS.SHORT_RETENTION, /retention of 364 days is under the kit's floor of 365 days/);
  });

  test('softDeleteRetention under 90 days warns retention-below-floor, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new EvidenceBucket(stack, 'E', { ...base, softDeleteRetention: Retention.days(89) }), WARNINGS.SHORT_RETENTION, /soft delete keeps deleted objects 89 days, under the kit's 90/);
  });

  test('softDeleteRetention of 90 days and retention of 365 raise no warning', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'E', { ...base, retention: Retention.days(365), softDeleteRetention: Retention.days(90) });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('serverAccessLogsEnabled: false warns weakened-default, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new EvidenceBucket(stack, 'E', { ...base, serverAccessLogsEnabled: false }), WARNINGS.WEAKENED_DEFAULT, /GCS usage logs are off/);
  });

  test('TerraformVariable tokens reach cdk.tf.json unchanged: retention and soft delete as Terraform expressions, the name and location as written; no warning', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'E', {
      bucketName: stringVariable(stack, 'bucket'),
      location: stringVariable(stack, 'location'),
      project: stringVariable(stack, 'project'),
      retention: Retention.days(numberVariable(stack, 'retention')),
      softDeleteRetention: Retention.days(numberVariable(stack, 'soft_delete')),
      tags: { team: stringVariable(stack, 'team') },
    });
    const { text, json } = synthFile(stack);
    const buckets = bucketsByName(json);
    expect(Object.keys(buckets).sort()).toEqual(['${var.bucket}', '${var.bucket}-logs']);
    for (const b of Object.values(buckets)) {
      expect(b).toMatchObject({
        location: '${var.location}',
        project: '${var.project}',
        retention_policy: { retention_period: '${(var.retention * 86400)}', is_locked: true },
        soft_delete_policy: { retention_duration_seconds: '${(var.soft_delete * 86400)}' },
        labels: expect.objectContaining({ team: '${var.team}' }),
      });
    }
    expect(onlyKeyRing(json)).toMatchObject({ name: '${var.bucket}', location: '${var.location}' });
    expectNoCorruptTokens(text);
    expect(warningsOf(stack)).toEqual([]);
    // The lock notices name a deploy-time retention as such, never its token's bit pattern.
    expect(infosOf(stack)).toEqual([expect.stringContaining('is locked for the number of days given at deploy'), expect.stringContaining('is locked for the number of days given at deploy')]);
    expect(infosOf(stack).join('\n')).not.toMatch(/e[+-]\d{2,}/);
  });

  test('a plain ${...} Terraform expression is a deploy-time value too and reaches cdk.tf.json as written', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'E', { bucketName: '${var.bucket}', location: '${var.location}', serverAccessLogsBucket: { name: '${var.logs}' } });
    const { json } = synthFile(stack);
    expect(bucketsByName(json)['${var.bucket}']).toMatchObject({ location: '${var.location}', logging: { log_bucket: '${var.logs}', log_object_prefix: '${var.bucket}' } });
  });
});
