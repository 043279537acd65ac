import { Aws, Duration, Fn, Lazy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EvidenceBucket } from '../../constructs/aws';
import { acknowledgeKitWarning, ForensicValidationError, Immutability, Retention, WARNINGS } from '../../constructs/core';
import { newStack, numberParameter, only, refusal, stringParameter, template, warnings } from './helpers';

function evidenceBucket(t: ReturnType<typeof template>) {
  const locked = Object.entries(t.findResources('AWS::S3::Bucket')).filter(([, r]: [string, any]) => r.Properties?.ObjectLockEnabled);
  expect(locked).toHaveLength(1);
  return locked[0][1] as any;
}

describe('EvidenceBucket', () => {
  test('defaults: COMPLIANCE lock for 365 days, versioning, SSE-KMS with bucket key, public access blocked, retained', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence');
    const t = template(stack);
    const b = evidenceBucket(t);
    expect(b.Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } });
    expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const sse = b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0];
    expect(sse.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(sse.ServerSideEncryptionByDefault.KMSMasterKeyID).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceKey/), 'Arn'] });
    expect(sse.BucketKeyEnabled).toBe(true);
    expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(b.DeletionPolicy).toBe('Retain');
    expect(b.UpdateReplacePolicy).toBe('Retain');
    expect(b.Properties.OwnershipControls.Rules[0].ObjectOwnership).toBe('BucketOwnerEnforced');
  });

  test('defaults: a customer-managed key with rotation, retained on delete', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence');
    const key = only(template(stack), 'AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.UpdateReplacePolicy).toBe('Retain');
  });

  test('defaults: the policy denies non-TLS access and changes to lock, retention and lifecycle, with no exception', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence');
    const t = template(stack);
    const policies = Object.values(t.findResources('AWS::S3::BucketPolicy')) as any[];
    const evidencePolicy = policies.find((p) => JSON.stringify(p.Properties.Bucket).includes('Evidence1'))!;
    const statements = evidencePolicy.Properties.PolicyDocument.Statement as any[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const lock = statements.find((s) => s.Sid === 'DenyEvidenceProtectionChanges');
    expect(lock.Effect).toBe('Deny');
    expect(lock.Principal).toEqual({ AWS: '*' });
    expect(lock.Action).toEqual(expect.arrayContaining(['s3:PutBucketObjectLockConfiguration', 's3:PutObjectRetention', 's3:BypassGovernanceRetention', 's3:PutLifecycleConfiguration']));
    expect(lock.Condition).toBeUndefined();
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }));
  });

  test('defaults: server access logs go to a separate SSE-S3 bucket without a lock, with partitioned keys', () => {
    const stack = newStack();
    const e = new EvidenceBucket(stack, 'Evidence');
    const t = template(stack);
    const b = evidenceBucket(t);
    expect(b.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: expect.stringMatching(/^EvidenceAccessLogs/) },
      LogFilePrefix: 'TestStack/Evidence/',
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
    expect(e.accessLogBucket).toBeDefined();
    const logs = Object.values(t.findResources('AWS::S3::Bucket')).find((r: any) => !r.Properties.ObjectLockEnabled) as any;
    expect(logs.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    expect(logs.Properties.ObjectLockConfiguration).toBeUndefined();
    expect(logs.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(logs.DeletionPolicy).toBe('Retain');
  });

  test('defaults: synth notes the irreversible lock and raises no warning', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence');
    expect(warnings(stack)).toEqual([]);
  });

  test('SOAK gives GOVERNANCE mode and a warning', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { immutability: Immutability.SOAK });
    expect(evidenceBucket(template(stack)).Properties.ObjectLockConfiguration.Rule.DefaultRetention.Mode).toBe('GOVERNANCE');
    expect(warnings(stack).join('\n')).toContain(WARNINGS.SOAK_MODE);
  });

  test('the soak warning can be acknowledged with a reason', () => {
    const stack = newStack();
    acknowledgeKitWarning(stack, WARNINGS.SOAK_MODE, 'trial account, torn down after the pilot');
    new EvidenceBucket(stack, 'Evidence', { immutability: Immutability.SOAK });
    expect(warnings(stack)).toEqual([]);
  });

  test('a custom retention is applied; one under the floor warns', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { retention: Retention.days(30) });
    expect(evidenceBucket(template(stack)).Properties.ObjectLockConfiguration.Rule.DefaultRetention.Days).toBe(30);
    expect(warnings(stack).join('\n')).toContain(WARNINGS.SHORT_RETENTION);
  });

  test('a given key is used and no key is created', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey');
    new EvidenceBucket(stack, 'Evidence', { encryptionKey: key });
    const t = template(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    expect(evidenceBucket(t).Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MyKey/), 'Arn'] });
  });

  test('a break-glass role is the one exception to the lock-change deny', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'BreakGlass', { assumedBy: new iam.AccountRootPrincipal() });
    new EvidenceBucket(stack, 'Evidence', { breakGlassRole: role });
    template(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'DenyEvidenceProtectionChanges', Condition: { ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^BreakGlass'), 'Arn'] } } } })]) },
    });
  });

  test('a given access-log bucket is used and none is created', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs');
    const e = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsBucket: logs });
    expect(e.accessLogBucket).toBeUndefined();
    template(stack).resourceCountIs('AWS::S3::Bucket', 2);
    expect(evidenceBucket(template(stack)).Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: expect.stringMatching(/^Logs/) });
  });

  test('access logs switched off: no log bucket, and a warning', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    const t = template(stack);
    t.resourceCountIs('AWS::S3::Bucket', 1);
    expect(evidenceBucket(t).Properties.LoggingConfiguration).toBeUndefined();
    expect(warnings(stack).join('\n')).toContain(WARNINGS.WEAKENED_DEFAULT);
  });

  test('archive adds a transition to Glacier Instant Retrieval and never an expiration', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { archive: { transitionAfter: Duration.days(90) } });
    const rules = evidenceBucket(template(stack)).Properties.LifecycleConfiguration.Rules as any[];
    const archive = rules.find((r) => r.Id === 'archive-evidence');
    expect(archive.Transitions).toEqual([{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }]);
    for (const r of rules) {
      expect(r.ExpirationInDays).toBeUndefined();
      expect(r.NoncurrentVersionExpiration).toBeUndefined();
    }
  });

  test('replication copies to the destination with the Object Lock read permissions', () => {
    const stack = newStack();
    const replica = new EvidenceBucket(stack, 'Replica', { serverAccessLogsEnabled: false });
    new EvidenceBucket(stack, 'Evidence', { replication: { destination: replica.bucket, destinationKey: replica.encryptionKey } });
    const t = template(stack);
    const src = Object.values(t.findResources('AWS::S3::Bucket')).find((r: any) => r.Properties.ReplicationConfiguration) as any;
    const rule = src.Properties.ReplicationConfiguration.Rules[0];
    expect(rule.Status).toBe('Enabled');
    expect(rule.DeleteMarkerReplication).toEqual({ Status: 'Disabled' });
    expect(rule.Destination.Bucket).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Replica/), 'Arn'] });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['s3:GetObjectLegalHold', 's3:GetObjectRetention'] })]) },
    });
  });

  test('grantAppend allows PutObject under the prefix and nothing else on the bucket', () => {
    const stack = newStack();
    const e = new EvidenceBucket(stack, 'Evidence');
    const role = new iam.Role(stack, 'Writer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    e.grantAppend(role, 'app/*');
    const policy = only(template(stack), 'AWS::IAM::Policy');
    const actions = (policy.Properties.PolicyDocument.Statement as any[]).flatMap((s) => [s.Action].flat());
    expect(actions).toContain('s3:PutObject');
    expect(actions.filter((a: string) => a.startsWith('s3:'))).toEqual(['s3:PutObject']);
    expect(actions.some((a: string) => /Delete|Retention|\*$/.test(a) && a.startsWith('s3:'))).toBe(false);
  });

  test('grantReadEvidence allows reading versions, retention and legal hold, and no write', () => {
    const stack = newStack();
    const e = new EvidenceBucket(stack, 'Evidence');
    const role = new iam.Role(stack, 'Investigator', { assumedBy: new iam.AccountRootPrincipal() });
    e.grantReadEvidence(role);
    const actions = (only(template(stack), 'AWS::IAM::Policy').Properties.PolicyDocument.Statement as any[]).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObjectVersion', 's3:GetObjectRetention', 's3:GetObjectLegalHold', 's3:ListBucketVersions', 'kms:Decrypt']));
    expect(actions.some((a: string) => a.startsWith('s3:Put') || a.startsWith('s3:Delete'))).toBe(false);
  });

  test('offers no generic write grant', () => {
    expect((EvidenceBucket.prototype as any).grantWrite).toBeUndefined();
    expect((EvidenceBucket.prototype as any).grantReadWrite).toBeUndefined();
    expect((EvidenceBucket.prototype as any).grantDelete).toBeUndefined();
  });

  test('fails when retention is 0 days', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { retention: Retention.days(0) })).toThrow(/retention must be 1 to 36500 days/);
  });

  test('fails when retention is over 100 years', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { retention: Retention.days(36_501) })).toThrow(ForensicValidationError);
  });

  test('fails when the bucket name is not a valid S3 name', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { bucketName: 'Evidence_Bucket' })).toThrow(/bucketName must be an S3 bucket name/);
  });

  test('fails when the archive transition is under a day', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { archive: { transitionAfter: Duration.days(0) } })).toThrow(/archive.transitionAfter/);
  });

  test('fails when the archive class is one-zone', () => {
    expect(() => new EvidenceBucket(newStack(), 'E', { archive: { transitionAfter: Duration.days(30), storageClass: s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS } })).toThrow(/archive.storageClass/);
  });

  test('fails when an access-log bucket is given with access logs off', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs');
    expect(() => new EvidenceBucket(stack, 'E', { serverAccessLogsBucket: logs, serverAccessLogsEnabled: false })).toThrow(/serverAccessLogsBucket/);
  });

  test.each([
    ['a..b', /no two adjacent dots/],
    ['192.168.5.4', /not formatted as an IP address/],
    ['xn--evidence', /prefix xn-- is reserved/],
    ['sthree-evidence', /prefix sthree- is reserved/],
    ['amzn-s3-demo-evidence', /prefix amzn-s3-demo- is reserved/],
    ['evidence-s3alias', /suffix -s3alias is reserved/],
    ['evidence--ol-s3', /suffix --ol-s3 is reserved/],
    ['evidence.mrap', /suffix .mrap is reserved/],
    ['evidence--x-s3', /suffix --x-s3 is reserved/],
    ['evidence--table-s3', /suffix --table-s3 is reserved/],
    ['ab', /3 to 63/],
    ['a'.repeat(64), /3 to 63/],
  ])('refuses the bucket name %s with the kit error naming bucketName', (name, why) => {
    const e = refusal(() => new EvidenceBucket(newStack(), 'E', { bucketName: name }));
    expect(e.prop).toBe('bucketName');
    expect(e.message).toMatch(why);
  });

  test('fails when retention is a bare number, naming what a retention is', () => {
    const e = refusal(() => new EvidenceBucket(newStack(), 'E', { retention: 365 as any }));
    expect(e.prop).toBe('retention');
    expect(e.message).toMatch(/retention must be a Retention \(Retention.days\(n\) or Retention.years\(n\)\), got 365/);
  });

  test.each([['locked'], [{ mode: 'locked' }], [true]])('fails when immutability is %j instead of an Immutability mode', (value) => {
    expect(refusal(() => new EvidenceBucket(newStack(), 'E', { immutability: value as any })).prop).toBe('immutability');
  });

  test('fails when the archive transition is not a whole number of days', () => {
    const e = refusal(() => new EvidenceBucket(newStack(), 'E', { archive: { transitionAfter: Duration.hours(36) } }));
    expect(e.prop).toBe('archive.transitionAfter');
  });

  test.each([
    ['encryptionKey', { encryptionKey: 'arn:aws:kms:us-east-1:111122223333:key/abc' }],
    ['breakGlassRole', { breakGlassRole: 'arn:aws:iam::111122223333:role/admin' }],
    ['serverAccessLogsEnabled', { serverAccessLogsEnabled: 'no' }],
    ['evidenceSource', { evidenceSource: 'audit' }],
    ['tags.aws:owner', { tags: { 'aws:owner': 'x' } }],
    ['replication.destination', { replication: { destination: 'arn:aws:s3:::replica' } }],
  ])('fails when %s has the wrong type or value', (prop, props) => {
    expect(refusal(() => new EvidenceBucket(newStack(), 'E', props as any)).prop).toBe(prop);
  });

  test('fails when the break-glass role ARN is a wildcard: ArnNotEquals would exempt every role it matches', () => {
    for (const arn of ['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:role/admin-?', 'arn:aws:iam::*:role/admin']) {
      const stack = newStack();
      const e = refusal(() => new EvidenceBucket(stack, 'E', { breakGlassRole: iam.Role.fromRoleArn(stack, 'R', arn) }));
      expect([e.prop, e.message]).toEqual(['breakGlassRole', expect.stringContaining('the ARN of one role, without * or ?')]);
    }
    // One role by its ARN, and a role of the stack (its ARN a token), are taken.
    const stack = newStack();
    new EvidenceBucket(stack, 'E', { breakGlassRole: iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::111122223333:role/break-glass') });
    new EvidenceBucket(stack, 'E2', { breakGlassRole: new iam.Role(stack, 'Own', { assumedBy: new iam.AccountRootPrincipal() }) });
  });

  test('fails when the break-glass role is a wildcard whose ARN is a token (Role.fromRoleName, a partition or account token)', () => {
    const cases: Array<[string, (stack: Stack) => iam.IRole, string]> = [
      ['fromRoleName *', (stack) => iam.Role.fromRoleName(stack, 'R', '*'), 'got "*"'],
      ['fromRoleName admin-*', (stack) => iam.Role.fromRoleName(stack, 'R', 'admin-*'), 'got "admin-*"'],
      ['a token ARN with a wildcard path', (stack) => iam.Role.fromRoleArn(stack, 'R', `arn:${stack.partition}:iam::${stack.account}:role/ops/*`), 'got "*"'],
      ['a wildcard in a literal part of a token ARN, the name a parameter', (stack) => iam.Role.fromRoleArn(stack, 'R', `arn:${stack.partition}:iam::*:role/${stringParameter(stack)}`), 'got ":iam::*:role/"'],
    ];
    for (const [, make, got] of cases) {
      const stack = newStack();
      const e = refusal(() => new EvidenceBucket(stack, 'E', { breakGlassRole: make(stack) }));
      expect([e.prop, e.message]).toEqual(['breakGlassRole', expect.stringContaining('the ARN of one role, without * or ?')]);
      expect(e.message).toContain(got);
    }
    // One role by its name, the ARN a token, is taken.
    const stack = newStack();
    new EvidenceBucket(stack, 'E', { breakGlassRole: iam.Role.fromRoleName(stack, 'R', 'break-glass') });
  });

  test('fails when the break-glass role is an account root principal (:root, or a bare account id): the exemption would cover every principal of the account', () => {
    // A construct standing for a role whose ARN is written literally (fromRoleArn refuses to parse a :root ARN).
    const literal = (stack: Stack, arn: string) => Object.assign(new Construct(stack, 'R'), { roleArn: arn }) as unknown as iam.IRole;
    const cases: Array<[string, (stack: Stack) => iam.IRole, string]> = [
      ['a literal :root ARN', (stack) => literal(stack, 'arn:aws:iam::123456789012:root'), 'got "arn:aws:iam::123456789012:root"'],
      ['a literal bare account id', (stack) => literal(stack, '123456789012'), 'got "123456789012"'],
      ['a :root ARN known at synth (Lazy)', (stack) => iam.Role.fromRoleArn(stack, 'R', Lazy.string({ produce: () => 'arn:aws:iam::123456789012:root' })), 'got "arn:aws:iam::123456789012:root"'],
      ['a bare account id known at synth (Lazy)', (stack) => iam.Role.fromRoleArn(stack, 'R', Lazy.string({ produce: () => '123456789012' })), 'got "123456789012"'],
      ['a :root ARN joined with the partition', (stack) => iam.Role.fromRoleArn(stack, 'R', Fn.join('', ['arn:', Aws.PARTITION, ':iam::123456789012:root'])), 'got "arn:${AWS::Partition}:iam::123456789012:root"'],
      ['a :root ARN of the stack account (Fn::Sub)', (stack) => iam.Role.fromRoleArn(stack, 'R', Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root')), 'got "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"'],
      ['the stack account id', (stack) => iam.Role.fromRoleArn(stack, 'R', Aws.ACCOUNT_ID), 'got "${AWS::AccountId}"'],
    ];
    for (const [name, make, got] of cases) {
      const stack = newStack();
      const e = refusal(() => new EvidenceBucket(stack, 'E', { breakGlassRole: make(stack) }));
      expect([name, e.prop, e.message]).toEqual([name, 'breakGlassRole', expect.stringContaining('the ARN of one role, not an account root principal')]);
      expect([name, e.message]).toEqual([name, expect.stringContaining(got)]);
      expect(e.message).not.toContain('\n');
    }
    // A role named root is one role; it is taken.
    const stack = newStack();
    new EvidenceBucket(stack, 'E', { breakGlassRole: iam.Role.fromRoleName(stack, 'R', 'root') });
    new EvidenceBucket(stack, 'E2', { breakGlassRole: iam.Role.fromRoleArn(stack, 'R2', 'arn:aws:iam::123456789012:role/root') });
  });

  test('fails when the replica is a bucket of this app without Object Lock', () => {
    const stack = newStack();
    const plain = new s3.Bucket(stack, 'Plain');
    expect(refusal(() => new EvidenceBucket(stack, 'E', { replication: { destination: plain } })).prop).toBe('replication.destination');
  });

  test('a token retention reaches the lock unchanged, with no short-retention warning', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { retention: Retention.days(numberParameter(stack)) });
    expect(evidenceBucket(template(stack)).Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Days: { Ref: 'Days' } });
    expect(warnings(stack).join('\n')).not.toContain(WARNINGS.SHORT_RETENTION);
  });

  test('a token bucket name reaches the template unchanged', () => {
    const stack = newStack();
    new EvidenceBucket(stack, 'Evidence', { bucketName: stringParameter(stack) });
    expect(evidenceBucket(template(stack)).Properties.BucketName).toEqual({ Ref: 'Name' });
  });
});
