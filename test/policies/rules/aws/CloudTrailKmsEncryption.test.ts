import { CloudTrailKmsEncryption } from '../../../../policies/rules/aws/CloudTrailKmsEncryption';
import { cfnModel, judge } from '../../helpers';
import { key, lockedBucket, trail } from './_fixtures';

const model = (props: Record<string, unknown>) => cfnModel({ Parameters: { KeyArn: { Type: 'String' } }, Resources: { TrailBucket: lockedBucket(), Key: key(), Trail: trail('TrailBucket', props) } });

describe('AWS.CloudTrail.KmsEncryption', () => {
  it('passes a KMSKeyId referencing a key of the template', () => {
    expect(judge(CloudTrailKmsEncryption, model({}), 'Trail').verdict).toBe('COMPLIANT');
  });

  it('passes a literal key ARN', () => {
    expect(judge(CloudTrailKmsEncryption, model({ KMSKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc' }), 'Trail').verdict).toBe('COMPLIANT');
  });

  it('fails without KMSKeyId', () => {
    expect(judge(CloudTrailKmsEncryption, model({ KMSKeyId: undefined }), 'Trail')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/KMSKeyId is absent/) });
  });

  it('fails an empty KMSKeyId', () => {
    expect(judge(CloudTrailKmsEncryption, model({ KMSKeyId: '' }), 'Trail').verdict).toBe('NON_COMPLIANT');
  });

  it('is unknown for a parameter without default', () => {
    expect(judge(CloudTrailKmsEncryption, model({ KMSKeyId: { Ref: 'KeyArn' } }), 'Trail').verdict).toBe('UNKNOWN');
  });
});
