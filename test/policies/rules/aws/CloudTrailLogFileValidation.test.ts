import { CloudTrailLogFileValidation } from '../../../../policies/rules/aws/CloudTrailLogFileValidation';
import { cfnModel, judge } from '../../helpers';
import { lockedBucket, trail } from './_fixtures';

const model = (props: Record<string, unknown>) => cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { TrailBucket: lockedBucket(), Trail: trail('TrailBucket', props) } });

describe('AWS.CloudTrail.LogFileValidation', () => {
  it('passes EnableLogFileValidation true', () => {
    expect(judge(CloudTrailLogFileValidation, model({}), 'Trail').verdict).toBe('COMPLIANT');
  });

  it('fails EnableLogFileValidation false', () => {
    expect(judge(CloudTrailLogFileValidation, model({ EnableLogFileValidation: false }), 'Trail')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/is false/) });
  });

  it('fails EnableLogFileValidation left unset (defaults to false)', () => {
    expect(judge(CloudTrailLogFileValidation, model({ EnableLogFileValidation: undefined }), 'Trail').reason).toMatch(/is absent/);
  });

  it('is unknown behind Fn::If', () => {
    expect(judge(CloudTrailLogFileValidation, model({ EnableLogFileValidation: { 'Fn::If': ['C', true, false] } }), 'Trail').verdict).toBe('UNKNOWN');
  });
});
