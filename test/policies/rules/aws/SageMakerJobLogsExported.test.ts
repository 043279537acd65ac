import { SageMakerJobLogsExported } from '../../../../policies/rules/aws/SageMakerJobLogsExported';
import { describeRoles } from '../../../../policies/facts/aws/evidence';
import { cfnModel, judge } from '../../helpers';
import { arn, bucket, key, lockedBucket, ref } from './_fixtures';

const group = (name = '/aws/sagemaker/TrainingJobs') => ({ Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { LogGroupName: name, RetentionInDays: 365, DeletionProtectionEnabled: true } });
const filter = (props: Record<string, unknown> = {}) => ({ Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: ref('G'), FilterPattern: '', DestinationArn: arn('Stream'), RoleArn: arn('Role'), ...props } });
const stream = (bucketId: string, props: Record<string, unknown> = {}) => ({
  Type: 'AWS::KinesisFirehose::DeliveryStream',
  Properties: { DeliveryStreamType: 'DirectPut', ExtendedS3DestinationConfiguration: { BucketARN: arn(bucketId), RoleARN: arn('Role'), Prefix: 'jobs/logs/', CompressionFormat: 'UNCOMPRESSED', ...props } },
});
/** A staging bucket replicating `prefix` into the locked evidence bucket. */
const staging = (prefix = 'jobs/', destination: unknown = arn('Evidence')) =>
  bucket({ VersioningConfiguration: { Status: 'Enabled' }, ReplicationConfiguration: { Role: arn('Role'), Rules: [{ Status: 'Enabled', Filter: { Prefix: prefix }, Destination: { Bucket: destination } }] } });
const base = (over: Record<string, unknown> = {}) => ({ Key: key(), Evidence: lockedBucket(), Staging: staging(), G: group(), F: filter(), Stream: stream('Staging'), ...over });
const verdict = (resources: Record<string, unknown>, address = 'G') => judge(SageMakerJobLogsExported, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: resources }), address);

describe('AWS.SageMaker.JobLogsExported', () => {
  it('passes a subscription into a Firehose stream whose staging bucket replicates its prefix into a locked bucket', () => {
    expect(verdict(base())).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/F → Stream writes into Staging, replicated under "jobs\/logs\/" into Evidence: Object Lock COMPLIANCE/) });
  });

  it('names a stream two subscription filters feed once among the writers of its bucket', () => {
    const model = cfnModel({ Resources: base({ F2: filter({ FilterPattern: ' ' }) }) });
    expect(describeRoles(model, model.byAddress('Staging')!)).toBe('Firehose delivery stream Stream');
  });

  it('passes a stream writing straight into a locked bucket', () => {
    expect(verdict(base({ Stream: stream('Evidence') })).verdict).toBe('COMPLIANT');
  });

  it('fires on a group no subscription filter copies', () => {
    const { F: _f, ...rest } = base();
    expect(verdict(rest)).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/no subscription filter copies its records out/) });
  });

  it('fires on two filters of one FilterName (one filter: each replaces the other), one copying only some events', () => {
    expect(verdict(base({ F: filter({ FilterName: 'copy' }), F2: filter({ FilterName: 'copy', FilterPattern: 'ERROR' }) }))).toEqual({
      verdict: 'NON_COMPLIANT',
      reason:
        'G: subscription filters F, F2 have one FilterName ("copy") on this group: each replaces the other, so only the last applied takes effect, and each is judged as if alone: F2: FilterPattern "ERROR" copies only the matching events; the others stay only in the group',
    });
  });

  it('passes two filters of two FilterNames, one copying every record', () => {
    expect(verdict(base({ F: filter({ FilterName: 'copy' }), F2: filter({ FilterName: 'errors', FilterPattern: 'ERROR' }) })).verdict).toBe('COMPLIANT');
  });

  it('fires on a filter pattern that copies only some events', () => {
    expect(verdict(base({ F: filter({ FilterPattern: 'ERROR' }) })).reason).toMatch(/FilterPattern "ERROR" copies only the matching events/);
  });

  it('fires on a subscription into a Lambda function', () => {
    expect(verdict(base({ F: filter({ DestinationArn: 'arn:aws:lambda:eu-west-1:1:function:f' }) })).reason).toMatch(/is not a Firehose stream/);
  });

  it('fires on a stream into a bucket that is neither locked nor replicated into a locked one', () => {
    expect(verdict(base({ Staging: bucket() })).reason).toMatch(/Staging, which is not locked .* and replicates "jobs\/logs\/" into no locked bucket/);
  });

  it('fires on a staging bucket whose replication does not cover the stream prefix', () => {
    expect(verdict(base({ Staging: staging('other/') })).verdict).toBe('NON_COMPLIANT');
  });

  it('fires on a replication into an unlocked bucket', () => {
    expect(verdict(base({ Plain: bucket(), Staging: staging('jobs/', arn('Plain')) })).reason).toMatch(/replicated under "jobs\/logs\/" into Plain: ObjectLockEnabled is absent/);
  });

  it('is unknown for a destination from a parameter without default', () => {
    expect(verdict(base({ F: filter({ DestinationArn: { Ref: 'P' } }) })).verdict).toBe('UNKNOWN');
  });

  it('is unknown for a Firehose stream outside the inputs', () => {
    expect(verdict(base({ F: filter({ DestinationArn: 'arn:aws:firehose:eu-west-1:1:deliverystream/central' }) })).reason).toMatch(/not in the inputs/);
  });

  it('is not applicable to a group SageMaker does not write into', () => {
    expect(verdict(base({ G: group('/app/logs') })).verdict).toBe('NOT_APPLICABLE');
  });
});
