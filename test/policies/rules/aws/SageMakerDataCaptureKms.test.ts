import { SageMakerDataCaptureKms } from '../../../../policies/rules/aws/SageMakerDataCaptureKms';
import { cfnModel, judge } from '../../helpers';
import { endpointConfig, key, lockedBucket } from './_fixtures';

const verdict = (capture: Record<string, unknown> | null) =>
  judge(SageMakerDataCaptureKms, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Key: key(), CaptureBucket: lockedBucket(), Config: endpointConfig(capture) } }), 'Config');

describe('AWS.SageMaker.DataCaptureKms', () => {
  it('passes a KmsKeyId', () => {
    expect(verdict({}).verdict).toBe('COMPLIANT');
    expect(verdict({ KmsKeyId: 'alias/capture' }).verdict).toBe('COMPLIANT');
  });

  it('fails without KmsKeyId', () => {
    expect(verdict({ KmsKeyId: undefined })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/DataCaptureConfig.KmsKeyId is absent/) });
  });

  it('is not applicable without data capture', () => {
    expect(verdict(null).verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown for a parameter without default', () => {
    expect(verdict({ KmsKeyId: { Ref: 'P' } }).verdict).toBe('UNKNOWN');
  });
});
