import { CloudTrailLockedDestination } from '../../../../policies/rules/aws/CloudTrailLockedDestination';
import { cfnModel, judge } from '../../helpers';
import { bucket, lockedBucket, trail } from './_fixtures';

const model = (b: Record<string, unknown>, props: Record<string, unknown> = {}) => cfnModel({ Parameters: { Name: { Type: 'String' } }, Resources: { TrailBucket: b, Trail: trail('TrailBucket', props) } });
const retention = (r: Record<string, unknown>) => lockedBucket({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: r } } });

describe('AWS.CloudTrail.LockedDestination', () => {
  it('passes a trail writing into a COMPLIANCE-locked bucket', () => {
    expect(judge(CloudTrailLockedDestination, model(lockedBucket()), 'Trail')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/Trail writes into TrailBucket: Object Lock COMPLIANCE/) });
  });

  it('passes a GOVERNANCE-locked bucket (the soak mode warns on the bucket)', () => {
    expect(judge(CloudTrailLockedDestination, model(retention({ Mode: 'GOVERNANCE', Days: 365 })), 'Trail').verdict).toBe('COMPLIANT');
  });

  it('passes a bucket named by a literal that matches its BucketName', () => {
    expect(judge(CloudTrailLockedDestination, model(lockedBucket({ BucketName: 'org-trail' }), { S3BucketName: 'org-trail' }), 'Trail').verdict).toBe('COMPLIANT');
  });

  it('fails a bucket without Object Lock', () => {
    expect(judge(CloudTrailLockedDestination, model(bucket()), 'Trail')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/ObjectLockEnabled is absent/) });
  });

  it('fails a bucket locked for less than the floor', () => {
    expect(judge(CloudTrailLockedDestination, model(retention({ Mode: 'COMPLIANCE', Days: 90 })), 'Trail').reason).toMatch(/under the floor/);
  });

  it('fails a bucket locked without default retention', () => {
    expect(judge(CloudTrailLockedDestination, model(lockedBucket({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } })), 'Trail').verdict).toBe('NON_COMPLIANT');
  });

  it('is unknown for a literal bucket name that is not in the template', () => {
    expect(judge(CloudTrailLockedDestination, model(lockedBucket(), { S3BucketName: 'central-log-archive' }), 'Trail')).toEqual({ verdict: 'UNKNOWN', reason: expect.stringMatching(/"central-log-archive", which names no bucket of the inputs/) });
  });

  it('judges a central bucket by the lock the evidence context declares for it', () => {
    const m = model(lockedBucket(), { S3BucketName: 'central-log-archive' });
    const config = (lock: string, retentionDays: number) => ({
      retentionFloorDays: 365,
      interactiveRetentionFloorDays: 90,
      fullSamplingPercentage: 100,
      context: { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::central-log-archive', lock, retentionDays }] } },
    }) as never;
    expect(judge(CloudTrailLockedDestination, m, 'Trail', config('COMPLIANCE', 3653))).toEqual({
      verdict: 'COMPLIANT',
      reason: 'Trail: S3BucketName is arn:aws:s3:::central-log-archive, declared in the evidence context with Object Lock COMPLIANCE of 3653 days (floor 365 days)',
    });
    expect(judge(CloudTrailLockedDestination, m, 'Trail', config('COMPLIANCE', 30)).reason).toMatch(/of 30 days, under the floor of 365 days/);
    expect(judge(CloudTrailLockedDestination, m, 'Trail', config('none', 3653))).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/declared in the evidence context with no Object Lock/) });
  });

  it('is unknown for a bucket name parameter without default', () => {
    expect(judge(CloudTrailLockedDestination, model(lockedBucket(), { S3BucketName: { Ref: 'Name' } }), 'Trail').verdict).toBe('UNKNOWN');
  });
});
