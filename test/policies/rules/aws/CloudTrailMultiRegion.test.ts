import { CloudTrailMultiRegion } from '../../../../policies/rules/aws/CloudTrailMultiRegion';
import { cfnModel, judge } from '../../helpers';
import { lockedBucket, trail } from './_fixtures';

const model = (props: Record<string, unknown>) => cfnModel({ Parameters: { Multi: { Type: 'String' } }, Resources: { TrailBucket: lockedBucket(), Trail: trail('TrailBucket', props) } });

describe('AWS.CloudTrail.MultiRegion', () => {
  it('passes a multi-region trail with global service events', () => {
    expect(judge(CloudTrailMultiRegion, model({}), 'Trail').verdict).toBe('COMPLIANT');
  });

  it('passes IncludeGlobalServiceEvents left unset (defaults to true)', () => {
    expect(judge(CloudTrailMultiRegion, model({ IncludeGlobalServiceEvents: undefined }), 'Trail').verdict).toBe('COMPLIANT');
  });

  it('fails a single-region trail', () => {
    expect(judge(CloudTrailMultiRegion, model({ IsMultiRegionTrail: false }), 'Trail')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/IsMultiRegionTrail is false/) });
  });

  it('fails IsMultiRegionTrail left unset (defaults to false)', () => {
    expect(judge(CloudTrailMultiRegion, model({ IsMultiRegionTrail: undefined }), 'Trail').reason).toMatch(/IsMultiRegionTrail is absent/);
  });

  it('fails a trail without global service events', () => {
    expect(judge(CloudTrailMultiRegion, model({ IncludeGlobalServiceEvents: 'false' }), 'Trail').reason).toMatch(/IncludeGlobalServiceEvents is false/);
  });

  it('is unknown when IsMultiRegionTrail is a parameter without default', () => {
    expect(judge(CloudTrailMultiRegion, model({ IsMultiRegionTrail: { Ref: 'Multi' } }), 'Trail').verdict).toBe('UNKNOWN');
  });
});
