import { SageMakerDataCaptureInputOutput } from '../../../../policies/rules/aws/SageMakerDataCaptureInputOutput';
import { cfnModel, judge } from '../../helpers';
import { endpointConfig, key, lockedBucket } from './_fixtures';

const verdict = (capture: Record<string, unknown> | null, props: Record<string, unknown> = {}) =>
  judge(SageMakerDataCaptureInputOutput, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Key: key(), CaptureBucket: lockedBucket(), Config: endpointConfig(capture, props) } }), 'Config');

describe('AWS.SageMaker.DataCaptureInputOutput', () => {
  it('passes Input and Output of every request', () => {
    expect(verdict({})).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/Input and Output of 100%/) });
  });

  it('passes CaptureMode InputAndOutput', () => {
    expect(verdict({ CaptureOptions: [{ CaptureMode: 'InputAndOutput' }] }).verdict).toBe('COMPLIANT');
  });

  it('passes EnableCapture left unset (defaults to enabled)', () => {
    expect(verdict({ EnableCapture: undefined }).verdict).toBe('COMPLIANT');
  });

  it('fails without DataCaptureConfig', () => {
    expect(verdict(null)).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/DataCaptureConfig is absent/) });
  });

  it('fails EnableCapture false', () => {
    expect(verdict({ EnableCapture: false }).reason).toMatch(/EnableCapture is false/);
  });

  it('fails Input only', () => {
    expect(verdict({ CaptureOptions: [{ CaptureMode: 'Input' }] }).reason).toMatch(/do not capture Output/);
  });

  it('fails Output only', () => {
    expect(verdict({ CaptureOptions: [{ CaptureMode: 'Output' }] }).reason).toMatch(/do not capture Input/);
  });

  it('fails a sampling of 0', () => {
    expect(verdict({ InitialSamplingPercentage: 0 }).reason).toMatch(/InitialSamplingPercentage is 0, so nothing is captured/);
  });

  it('is unknown for a capture mode parameter without default', () => {
    expect(verdict({ CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: { Ref: 'P' } }] }).verdict).toBe('UNKNOWN');
  });

  it('is unknown for a DataCaptureConfig behind Fn::If', () => {
    expect(verdict(null, { DataCaptureConfig: { 'Fn::If': ['Prod', {}, { Ref: 'AWS::NoValue' }] } }).verdict).toBe('UNKNOWN');
  });
});
