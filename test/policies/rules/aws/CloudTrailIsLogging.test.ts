import { CloudTrailIsLogging } from '../../../../policies/rules/aws/CloudTrailIsLogging';
import { cfnModel, judge } from '../../helpers';
import { lockedBucket, trail } from './_fixtures';

const model = (props: Record<string, unknown>) => cfnModel({ Parameters: { On: { Type: 'String' }, OnDefault: { Type: 'String', Default: 'false' } }, Resources: { TrailBucket: lockedBucket(), Trail: trail('TrailBucket', props) } });

describe('AWS.CloudTrail.IsLogging', () => {
  it('passes IsLogging true', () => {
    expect(judge(CloudTrailIsLogging, model({}), 'Trail').verdict).toBe('COMPLIANT');
  });

  it('fails IsLogging false', () => {
    expect(judge(CloudTrailIsLogging, model({ IsLogging: false }), 'Trail')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/IsLogging is false/) });
  });

  it('fails a parameter whose default is "false"', () => {
    expect(judge(CloudTrailIsLogging, model({ IsLogging: { Ref: 'OnDefault' } }), 'Trail').verdict).toBe('NON_COMPLIANT');
  });

  it('reads "TRUE" as CloudFormation does, and a value that is no boolean as UNKNOWN (as in every cloud), never absent', () => {
    expect(judge(CloudTrailIsLogging, model({ IsLogging: 'TRUE' }), 'Trail').verdict).toBe('COMPLIANT');
    expect(judge(CloudTrailIsLogging, model({ IsLogging: 'maybe' }), 'Trail').verdict).toBe('UNKNOWN');
    expect(judge(CloudTrailIsLogging, model({ IsLogging: 3 }), 'Trail').verdict).toBe('UNKNOWN');
  });

  it('is unknown for a parameter without default', () => {
    expect(judge(CloudTrailIsLogging, model({ IsLogging: { Ref: 'On' } }), 'Trail').verdict).toBe('UNKNOWN');
  });
});
