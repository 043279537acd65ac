import { ConfigDeliveryToEvidence } from '../../../../policies/rules/aws/ConfigDeliveryToEvidence';
import { cfnModel, judge } from '../../helpers';
import { arn, bucket, lockedBucket, ref } from './_fixtures';

/** A replication rule of `prefix` into `dest`. */
const replicate = (dest: string, extra: Record<string, unknown> = {}) => ({ Role: arn('ReplicationRole'), Rules: [{ Status: 'Enabled', Priority: 0, Filter: { Prefix: 'config-history/' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: arn(dest) }, ...extra }] });
const channel = (props: Record<string, unknown> = {}) => ({ Type: 'AWS::Config::DeliveryChannel', Properties: { S3BucketName: ref('Staging'), S3KeyPrefix: 'config-history', ...props } });
const verdict = (resources: Record<string, unknown>, id = 'Channel') => judge(ConfigDeliveryToEvidence, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: resources as never }), id);

describe('AWS.Config.DeliveryToEvidence', () => {
  it('passes a staging bucket replicating the delivered prefix into a locked bucket', () => {
    expect(verdict({ Channel: channel(), Staging: bucket({ ReplicationConfiguration: replicate('Evidence') }), Evidence: lockedBucket() })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/Channel delivers into Staging, replicated into a locked copy \(Evidence: Object Lock COMPLIANCE/) });
    // A rule with no prefix replicates everything, without a key prefix too.
    expect(verdict({ Channel: channel({ S3KeyPrefix: undefined }), Staging: bucket({ ReplicationConfiguration: replicate('Evidence', { Filter: {} }) }), Evidence: lockedBucket() }).verdict).toBe('COMPLIANT');
  });

  it('fails a bucket with Object Lock enabled: Config does not deliver into it', () => {
    expect(verdict({ Channel: channel(), Staging: lockedBucket() }).reason).toMatch(/Staging, which has Object Lock enabled: AWS Config does not deliver into such a bucket/);
  });

  it('fails a bucket replicated nowhere', () => {
    expect(verdict({ Channel: channel(), Staging: bucket() }).reason).toMatch(/replicates the prefix config-history\/AWSLogs\/ into no bucket/);
  });

  it('fails a replication that does not cover the delivered prefix, is disabled, or filters by tag', () => {
    const other = verdict({ Channel: channel(), Staging: bucket({ ReplicationConfiguration: replicate('Evidence', { Filter: { Prefix: 'bedrock/' } }) }), Evidence: lockedBucket() });
    expect(other.reason).toMatch(/into no bucket/);
    expect(verdict({ Channel: channel(), Staging: bucket({ ReplicationConfiguration: replicate('Evidence', { Status: 'Disabled' }) }), Evidence: lockedBucket() }).verdict).toBe('NON_COMPLIANT');
    expect(verdict({ Channel: channel(), Staging: bucket({ ReplicationConfiguration: replicate('Evidence', { Filter: { TagFilter: { Key: 'k', Value: 'v' } } }) }), Evidence: lockedBucket() }).verdict).toBe('NON_COMPLIANT');
  });

  it('fails a replica that is not locked, or locked under the floor', () => {
    expect(verdict({ Channel: channel(), Staging: bucket({ ReplicationConfiguration: replicate('Copy') }), Copy: bucket() }).reason).toMatch(/whose replicas are not locked: .*Copy: ObjectLockEnabled is absent/);
    const short = lockedBucket({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } } });
    expect(verdict({ Channel: channel(), Staging: bucket({ ReplicationConfiguration: replicate('Copy') }), Copy: short }).reason).toMatch(/Days 30 is under the floor of 365 days/);
  });

  it('fails a bucket given as an ARN', () => {
    expect(verdict({ Channel: channel({ S3BucketName: 'arn:aws:s3:::org-config' }) }).reason).toMatch(/which is not a bucket name/);
  });

  it('is unknown for a bucket named outside the inputs, a bucket from a parameter, or a lock from a parameter', () => {
    expect(verdict({ Channel: channel({ S3BucketName: 'org-config-bucket' }) })).toEqual({ verdict: 'UNKNOWN', reason: expect.stringMatching(/"org-config-bucket", which names no bucket of the inputs/) });
    expect(verdict({ Channel: channel({ S3BucketName: { Ref: 'P' } }) }).verdict).toBe('UNKNOWN');
    expect(verdict({ Channel: channel(), Staging: bucket({ ObjectLockEnabled: { Ref: 'P' } }) }).reason).toMatch(/ObjectLockEnabled is unresolvable/);
    expect(verdict({ Channel: channel({ S3KeyPrefix: { Ref: 'P' } }), Staging: bucket({ ReplicationConfiguration: replicate('Evidence') }), Evidence: lockedBucket() }).reason).toMatch(/covers the prefix \(unresolvable\)/);
  });
});
