import { Aws, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogBucket, EvidenceBucket } from '../../constructs/aws';
import { newStack, refusal, stringParameter, template } from './helpers';

describe('AccessLogBucket', () => {
  test('defaults: SSE-S3 (S3 requires it of a log target), versioning, public access blocked, TLS only, retained, no lock', () => {
    const stack = newStack();
    new AccessLogBucket(stack, 'Logs');
    const t = template(stack);
    const b = Object.values(t.findResources('AWS::S3::Bucket'))[0] as any;
    expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(b.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
    expect(b.Properties.ObjectLockEnabled).toBeUndefined();
    expect(b.DeletionPolicy).toBe('Retain');
    const statements = (Object.values(t.findResources('AWS::S3::BucketPolicy'))[0] as any).Properties.PolicyDocument.Statement as any[];
    expect(statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
    const deny = statements.find((s) => s.Sid === 'DenyEvidenceProtectionChanges');
    expect(deny.Action).toEqual(expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutLifecycleConfiguration']));
    expect(b.Properties.ReplicationConfiguration).toBeUndefined();
  });

  test('replicates the given prefixes into a locked evidence bucket, never delete markers', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    new AccessLogBucket(stack, 'Logs', { replicateTo: evidence.bucket, replicatePrefixes: ['training-data/', 'models/'] });
    const b = Object.values(template(stack).findResources('AWS::S3::Bucket')).find((r: any) => r.Properties.ReplicationConfiguration) as any;
    const rules = b.Properties.ReplicationConfiguration.Rules as any[];
    expect(rules.map((r) => r.Filter.Prefix)).toEqual(['training-data/', 'models/']);
    expect(rules.every((r) => r.DeleteMarkerReplication.Status === 'Disabled')).toBe(true);
  });

  test('a break-glass role is the one exception to the delete deny', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'BreakGlass', { assumedBy: new iam.AccountRootPrincipal() });
    new AccessLogBucket(stack, 'Logs', { breakGlassRole: role });
    const statements = (Object.values(template(stack).findResources('AWS::S3::BucketPolicy'))[0] as any).Properties.PolicyDocument.Statement as any[];
    expect(statements.find((s) => s.Sid === 'DenyEvidenceProtectionChanges').Condition.ArnNotEquals['aws:PrincipalArn']).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^BreakGlass/), 'Arn'] });
  });

  test.each([['a..b'], ['192.168.5.4'], ['xn--logs'], ['sthree-logs'], ['amzn-s3-demo-logs'], ['logs-s3alias'], ['logs--ol-s3'], ['logs.mrap'], ['logs--x-s3'], ['Logs']])(
    'refuses the bucket name %s with the kit error naming bucketName',
    (name) => {
      expect(refusal(() => new AccessLogBucket(newStack(), 'Logs', { bucketName: name })).prop).toBe('bucketName');
    },
  );

  test('fails when prefixes are given without a bucket to replicate into', () => {
    expect(refusal(() => new AccessLogBucket(newStack(), 'Logs', { replicatePrefixes: ['models/'] })).prop).toBe('replicatePrefixes');
  });

  test('fails when the replication target is a bucket of this app without Object Lock', () => {
    const stack = newStack();
    const plain = new s3.Bucket(stack, 'Plain');
    expect(refusal(() => new AccessLogBucket(stack, 'Logs', { replicateTo: plain })).prop).toBe('replicateTo');
  });

  test('fails when the break-glass role is an ARN string', () => {
    expect(refusal(() => new AccessLogBucket(newStack(), 'Logs', { breakGlassRole: 'arn:aws:iam::111122223333:role/x' as any })).prop).toBe('breakGlassRole');
  });

  test('fails when the break-glass role ARN is a wildcard', () => {
    const stack = newStack();
    expect(refusal(() => new AccessLogBucket(stack, 'Logs', { breakGlassRole: iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::111122223333:role/*') })).prop).toBe('breakGlassRole');
  });

  test('fails when the break-glass role is an account root principal (:root, or the stack account id)', () => {
    for (const arn of [Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root'), Aws.ACCOUNT_ID]) {
      const stack = newStack();
      const e = refusal(() => new AccessLogBucket(stack, 'Logs', { breakGlassRole: iam.Role.fromRoleArn(stack, 'R', arn) }));
      expect([e.prop, e.message]).toEqual(['breakGlassRole', expect.stringContaining('the ARN of one role, not an account root principal')]);
    }
  });

  test('fails when the break-glass role is a wildcard role name (Role.fromRoleName: its ARN is a token)', () => {
    const stack = newStack();
    const e = refusal(() => new AccessLogBucket(stack, 'Logs', { breakGlassRole: iam.Role.fromRoleName(stack, 'R', '*') }));
    expect([e.prop, e.message]).toEqual(['breakGlassRole', expect.stringContaining('the ARN of one role, without * or ?')]);
  });

  test('a token bucket name reaches the template unchanged', () => {
    const stack = newStack();
    new AccessLogBucket(stack, 'Logs', { bucketName: stringParameter(stack) });
    expect((Object.values(template(stack).findResources('AWS::S3::Bucket'))[0] as any).Properties.BucketName).toEqual({ Ref: 'Name' });
  });
});
