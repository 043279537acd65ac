import { GuardDutyS3Protection } from '../../../../policies/rules/aws/GuardDutyS3Protection';
import { cfnModel, judge } from '../../helpers';

const verdict = (props: Record<string, unknown>) =>
  judge(GuardDutyS3Protection, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true, ...props } } } }), 'Detector');

describe('AWS.GuardDuty.S3Protection', () => {
  it('passes the S3_DATA_EVENTS feature ENABLED', () => {
    expect(verdict({ Features: [{ Name: 'RUNTIME_MONITORING', Status: 'ENABLED' }, { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }] }).verdict).toBe('COMPLIANT');
  });

  it('passes DataSources.S3Logs.Enable true', () => {
    expect(verdict({ DataSources: { S3Logs: { Enable: true } } }).verdict).toBe('COMPLIANT');
  });

  it('fails a disabled detector', () => {
    expect(verdict({ Enable: false, DataSources: { S3Logs: { Enable: true } } })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/Enable is false/) });
  });

  it('fails S3_DATA_EVENTS listed twice, ENABLED and DISABLED: the detector has one state per feature, and the weaker is judged', () => {
    expect(verdict({ Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }, { Name: 'S3_DATA_EVENTS', Status: 'DISABLED' }] })).toEqual({ verdict: 'NON_COMPLIANT', reason: 'Detector: feature S3_DATA_EVENTS is "DISABLED"' });
  });

  it('fails S3_DATA_EVENTS DISABLED', () => {
    expect(verdict({ Features: [{ Name: 'S3_DATA_EVENTS', Status: 'DISABLED' }] }).reason).toMatch(/S3_DATA_EVENTS is "DISABLED"/);
  });

  it('fails DataSources.S3Logs.Enable false', () => {
    expect(verdict({ DataSources: { S3Logs: { Enable: false } } }).reason).toMatch(/S3Logs.Enable is false/);
  });

  it('fails when S3 protection is not stated', () => {
    expect(verdict({}).reason).toMatch(/not stated/);
  });

  it('is unknown for a feature status parameter without default', () => {
    expect(verdict({ Features: [{ Name: 'S3_DATA_EVENTS', Status: { Ref: 'P' } }] }).verdict).toBe('UNKNOWN');
  });

  it('is unknown for Enable behind a parameter without default', () => {
    expect(verdict({ Enable: { Ref: 'P' } }).verdict).toBe('UNKNOWN');
  });
});
