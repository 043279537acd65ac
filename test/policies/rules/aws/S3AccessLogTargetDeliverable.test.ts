import { S3AccessLogTargetDeliverable } from '../../../../policies/rules/aws/S3AccessLogTargetDeliverable';
import { cfnModel, judge } from '../../helpers';
import { arn, bucket, lockedBucket, trail } from './_fixtures';

const sse = (algorithm: unknown) => ({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: algorithm } }] } });
const model = (target: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  cfnModel({ Parameters: { Lock: { Type: 'String' } }, Resources: { Logs: target, Data: bucket({ LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' }, LogFilePrefix: 'data/' } }), ...extra } });

describe('AWS.S3.AccessLogTargetDeliverable', () => {
  it('passes an SSE-S3 target without Object Lock', () => {
    expect(judge(S3AccessLogTargetDeliverable, model(bucket(sse('AES256'))), 'Logs')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/server access logs of Data/) });
  });

  it('passes a target without BucketEncryption (S3 applies SSE-S3)', () => {
    expect(judge(S3AccessLogTargetDeliverable, model(bucket()), 'Logs').verdict).toBe('COMPLIANT');
  });

  it('fails a target with Object Lock', () => {
    expect(judge(S3AccessLogTargetDeliverable, model(bucket({ ObjectLockEnabled: true })), 'Logs')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/ObjectLockEnabled is true/) });
  });

  it('fails a target with SSE-KMS default encryption', () => {
    expect(judge(S3AccessLogTargetDeliverable, model(bucket(sse('aws:kms'))), 'Logs').reason).toMatch(/SSEAlgorithm is "aws:kms"/);
  });

  it('fails a trail bucket that also receives access logs (locked and KMS)', () => {
    const m = cfnModel({ Resources: { TrailBucket: lockedBucket(), Trail: trail(), Data: bucket({ LoggingConfiguration: { DestinationBucketName: { Ref: 'TrailBucket' } } }), Key: { Type: 'AWS::KMS::Key', Properties: {} } } });
    expect(judge(S3AccessLogTargetDeliverable, m, 'TrailBucket').reason).toMatch(/ObjectLockEnabled is true and SSEAlgorithm is "aws:kms"/);
  });

  it('matches a literal DestinationBucketName', () => {
    const m = cfnModel({ Resources: { Logs: bucket({ BucketName: 'access-logs', ObjectLockEnabled: true }), Data: bucket({ LoggingConfiguration: { DestinationBucketName: 'access-logs' } }) } });
    expect(judge(S3AccessLogTargetDeliverable, m, 'Logs').verdict).toBe('NON_COMPLIANT');
  });

  it('is not applicable to a bucket that receives no access logs', () => {
    expect(judge(S3AccessLogTargetDeliverable, model(bucket(), { Other: lockedBucket({ BucketName: arn('x') }) }), 'Other').verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown when ObjectLockEnabled is a parameter without default', () => {
    expect(judge(S3AccessLogTargetDeliverable, model(bucket({ ObjectLockEnabled: { Ref: 'Lock' } })), 'Logs').verdict).toBe('UNKNOWN');
  });
});
