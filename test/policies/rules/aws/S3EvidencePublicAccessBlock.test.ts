import { S3EvidencePublicAccessBlock } from '../../../../policies/rules/aws/S3EvidencePublicAccessBlock';
import { cfnModel, judge } from '../../helpers';
import { bucket, lockedBucket, trail } from './_fixtures';

const ALL = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
const model = (pab: unknown) => cfnModel({ Parameters: { Flag: { Type: 'String' } }, Resources: { TrailBucket: lockedBucket({ PublicAccessBlockConfiguration: pab }), Trail: trail() } });

describe('AWS.S3.EvidencePublicAccessBlock', () => {
  it('passes all four blocks true', () => {
    expect(judge(S3EvidencePublicAccessBlock, model(ALL), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('accepts the string form "true"', () => {
    expect(judge(S3EvidencePublicAccessBlock, model({ BlockPublicAcls: 'true', BlockPublicPolicy: 'true', IgnorePublicAcls: 'true', RestrictPublicBuckets: 'true' }), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it.each(Object.keys(ALL))('fails %s false', (flag) => {
    expect(judge(S3EvidencePublicAccessBlock, model({ ...ALL, [flag]: false }), 'TrailBucket')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringContaining(`${flag} is false`) });
  });

  it('fails a block left unset', () => {
    const { RestrictPublicBuckets: _omit, ...three } = ALL;
    expect(judge(S3EvidencePublicAccessBlock, model(three), 'TrailBucket').reason).toMatch(/RestrictPublicBuckets is absent/);
  });

  it('fails a bucket without PublicAccessBlockConfiguration', () => {
    expect(judge(S3EvidencePublicAccessBlock, model(undefined), 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('is not applicable to a data bucket', () => {
    expect(judge(S3EvidencePublicAccessBlock, cfnModel({ Resources: { Data: bucket() } }), 'Data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown when a block is a parameter without default', () => {
    expect(judge(S3EvidencePublicAccessBlock, model({ ...ALL, BlockPublicPolicy: { Ref: 'Flag' } }), 'TrailBucket').verdict).toBe('UNKNOWN');
  });
});
