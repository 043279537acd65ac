import { S3EvidenceRetain } from '../../../../policies/rules/aws/S3EvidenceRetain';
import { cfnModel, judge } from '../../helpers';
import { bucket, lockedBucket, trail } from './_fixtures';

const model = (attributes: Record<string, unknown>) => cfnModel({ Resources: { TrailBucket: lockedBucket({}, attributes), Trail: trail() } });

describe('AWS.S3.EvidenceRetain', () => {
  it('passes DeletionPolicy and UpdateReplacePolicy Retain', () => {
    expect(judge(S3EvidenceRetain, model({}), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('fails DeletionPolicy Delete', () => {
    expect(judge(S3EvidenceRetain, model({ DeletionPolicy: 'Delete' }), 'TrailBucket')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/DeletionPolicy is "Delete"/) });
  });

  it('fails DeletionPolicy RetainExceptOnCreate', () => {
    expect(judge(S3EvidenceRetain, model({ DeletionPolicy: 'RetainExceptOnCreate' }), 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('fails a missing UpdateReplacePolicy (a replacement deletes the bucket)', () => {
    expect(judge(S3EvidenceRetain, model({ UpdateReplacePolicy: undefined }), 'TrailBucket').reason).toMatch(/UpdateReplacePolicy is absent/);
  });

  it('fails a bucket with neither attribute', () => {
    const m = cfnModel({ Resources: { TrailBucket: bucket(), Trail: trail() } });
    expect(judge(S3EvidenceRetain, m, 'TrailBucket').reason).toMatch(/DeletionPolicy is absent, UpdateReplacePolicy is absent/);
  });

  it('is not applicable to a data bucket', () => {
    expect(judge(S3EvidenceRetain, cfnModel({ Resources: { Data: bucket() } }), 'Data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is not applicable when the trail destination is a parameter without default (no bucket is known to be evidence)', () => {
    const m = cfnModel({ Parameters: { Name: { Type: 'String' } }, Resources: { Data: bucket(), Trail: trail('x', { S3BucketName: { Ref: 'Name' } }) } });
    expect(judge(S3EvidenceRetain, m, 'Data').verdict).toBe('NOT_APPLICABLE');
  });
});
