import { SageMakerEndpointVolumeKms } from '../../../../policies/rules/aws/SageMakerEndpointVolumeKms';
import { cfnModel, judge } from '../../helpers';
import { endpointConfig, key, lockedBucket } from './_fixtures';

const verdict = (props: Record<string, unknown>) =>
  judge(SageMakerEndpointVolumeKms, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Key: key(), CaptureBucket: lockedBucket(), Config: endpointConfig({}, props) } }), 'Config');

describe('AWS.SageMaker.EndpointVolumeKms', () => {
  it('says that NVMe instance types cannot take the key', () => {
    expect(SageMakerEndpointVolumeKms.rationale).toMatch(/NVMe/);
    expect(SageMakerEndpointVolumeKms.fix).toMatch(/NVMe/);
  });

  it('passes a KmsKeyId', () => {
    expect(verdict({}).verdict).toBe('COMPLIANT');
  });

  it('fails without KmsKeyId', () => {
    expect(verdict({ KmsKeyId: undefined })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/KmsKeyId is absent/) });
  });

  it('is unknown for a parameter without default', () => {
    expect(verdict({ KmsKeyId: { Ref: 'P' } }).verdict).toBe('UNKNOWN');
  });
});
