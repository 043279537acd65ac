import { GuardDutyRuntimeMonitoring } from '../../../../policies/rules/aws/GuardDutyRuntimeMonitoring';
import { cfnModel, judge } from '../../helpers';

const verdict = (features: unknown) =>
  judge(GuardDutyRuntimeMonitoring, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true, Features: features } } } }), 'Detector');

describe('AWS.GuardDuty.RuntimeMonitoring', () => {
  it('is a warning', () => expect(GuardDutyRuntimeMonitoring.severity).toBe('warning'));

  it('passes RUNTIME_MONITORING ENABLED', () => {
    expect(verdict([{ Name: 'RUNTIME_MONITORING', Status: 'ENABLED', AdditionalConfiguration: [{ Name: 'EC2_AGENT_MANAGEMENT', Status: 'ENABLED' }] }]).verdict).toBe('COMPLIANT');
  });

  it('passes EKS_RUNTIME_MONITORING ENABLED', () => {
    expect(verdict([{ Name: 'EKS_RUNTIME_MONITORING', Status: 'ENABLED' }]).verdict).toBe('COMPLIANT');
  });

  it('fires on RUNTIME_MONITORING DISABLED', () => {
    expect(verdict([{ Name: 'RUNTIME_MONITORING', Status: 'DISABLED' }])).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/runtime monitoring is DISABLED/) });
  });

  it('fires without runtime monitoring features', () => {
    expect(verdict(undefined).reason).toMatch(/no RUNTIME_MONITORING or EKS_RUNTIME_MONITORING/);
  });

  it('is unknown for a status parameter without default', () => {
    expect(verdict([{ Name: 'RUNTIME_MONITORING', Status: { Ref: 'P' } }]).verdict).toBe('UNKNOWN');
  });
});
