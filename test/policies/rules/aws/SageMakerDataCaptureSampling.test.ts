import { SageMakerDataCaptureSampling } from '../../../../policies/rules/aws/SageMakerDataCaptureSampling';
import { DEFAULT_RULE_CONFIG } from '../../../../policies/engine/types';
import { cfnModel, judge } from '../../helpers';
import { endpointConfig, key, lockedBucket } from './_fixtures';

const model = (capture: Record<string, unknown> | null) => cfnModel({ Parameters: { P: { Type: 'Number' } }, Resources: { Key: key(), CaptureBucket: lockedBucket(), Config: endpointConfig(capture) } });
const verdict = (capture: Record<string, unknown> | null) => judge(SageMakerDataCaptureSampling, model(capture), 'Config');

describe('AWS.SageMaker.DataCaptureSampling', () => {
  it('is a warning', () => expect(SageMakerDataCaptureSampling.severity).toBe('warning'));

  it('passes 100 %', () => {
    expect(verdict({}).verdict).toBe('COMPLIANT');
  });

  it('fires on 20 %', () => {
    expect(verdict({ InitialSamplingPercentage: 20 })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/InitialSamplingPercentage is 20, under 100/) });
  });

  it('reads the threshold from the config', () => {
    expect(judge(SageMakerDataCaptureSampling, model({ InitialSamplingPercentage: 50 }), 'Config', { ...DEFAULT_RULE_CONFIG, fullSamplingPercentage: 50 }).verdict).toBe('COMPLIANT');
  });

  it('is not applicable without data capture or with capture off', () => {
    expect(verdict(null).verdict).toBe('NOT_APPLICABLE');
    expect(verdict({ EnableCapture: false, InitialSamplingPercentage: 10 }).verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown for a parameter without default', () => {
    expect(verdict({ InitialSamplingPercentage: { Ref: 'P' } }).verdict).toBe('UNKNOWN');
  });
});
