import { ConfigRetentionPeriod } from '../../../../policies/rules/aws/ConfigRetentionPeriod';
import { DEFAULT_RULE_CONFIG } from '../../../../policies/engine/types';
import { cfnModel, judge, tfModel } from '../../helpers';

/** The `Create` text aws-cdk-lib writes: JSON around the region of the physical id. */
const put = (days: unknown, action = 'PutRetentionConfiguration') => {
  const text = JSON.stringify({ service: 'ConfigService', action, parameters: days === undefined ? {} : { RetentionPeriodInDays: days }, physicalResourceId: { id: 'config-retention-REGION' } });
  const [before, after] = text.split('REGION');
  return { 'Fn::Join': ['', [before, { Ref: 'AWS::Region' }, after]] };
};
const verdict = (props: Record<string, unknown>, config?: Parameters<typeof judge>[3]) =>
  judge(ConfigRetentionPeriod, cfnModel({ Parameters: { P: { Type: 'Number' } }, Resources: { Retention: { Type: 'Custom::AWS', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:1:function:f', ...props } } } }), 'Retention', config);

describe('AWS.Config.RetentionPeriod', () => {
  it('passes seven years, in Create and Update, and the floor itself', () => {
    expect(verdict({ Create: put(2557), Update: put(2557) })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/keeps configuration items 2557 days \(floor 365 days\)/) });
    expect(verdict({ Create: JSON.stringify({ service: '@aws-sdk/client-config-service', action: 'PutRetentionConfigurationCommand', parameters: { RetentionPeriodInDays: 365 } }) }).verdict).toBe('COMPLIANT');
  });

  it('fails a retention under the floor', () => {
    expect(verdict({ Create: put(90) }).reason).toMatch(/Create RetentionPeriodInDays 90 is under the floor of 365 days/);
    expect(verdict({ Create: put(2557), Update: put(180) }).reason).toMatch(/Update RetentionPeriodInDays 180/);
  });

  it('fails a retention Config refuses, or none', () => {
    expect(verdict({ Create: put(3000) }).reason).toMatch(/RetentionPeriodInDays is 3000; Config accepts 30 to 2557 days/);
    expect(verdict({ Create: put(20) }).reason).toMatch(/Config accepts 30 to 2557 days/);
    expect(verdict({ Create: put(undefined) }).reason).toMatch(/has no RetentionPeriodInDays/);
  });

  it('uses the configured floor', () => {
    expect(verdict({ Create: put(400) }, { ...DEFAULT_RULE_CONFIG, retentionFloorDays: 730 }).verdict).toBe('NON_COMPLIANT');
  });

  it('is unknown for a retention from a parameter', () => {
    const text = JSON.stringify({ service: 'ConfigService', action: 'PutRetentionConfiguration', parameters: { RetentionPeriodInDays: 'MARK' } });
    const [before, after] = text.split('"MARK"');
    expect(verdict({ Create: { 'Fn::Join': ['', [before, { Ref: 'P' }, after]] } })).toEqual({ verdict: 'UNKNOWN', reason: expect.stringMatching(/RetentionPeriodInDays is unresolvable/) });
  });

  it('does not apply to another SDK call or to the delete call alone', () => {
    expect(verdict({ Create: JSON.stringify({ service: 'ConfigService', action: 'PutConfigurationRecorder', parameters: {} }) }).verdict).toBe('NOT_APPLICABLE');
    expect(verdict({ Delete: JSON.stringify({ service: 'ConfigService', action: 'DeleteRetentionConfiguration', parameters: { RetentionConfigurationName: 'default' } }) }).verdict).toBe('NOT_APPLICABLE');
  });

  it('hashicorp/aws: aws_config_retention_configuration is the same call', () => {
    const tf = (days: unknown) => judge(ConfigRetentionPeriod, tfModel({ resource: { aws_config_retention_configuration: { main: { retention_period_in_days: days } } } }), 'aws_config_retention_configuration.main');
    expect(tf(2557).verdict).toBe('COMPLIANT');
    expect(tf(90).reason).toMatch(/RetentionPeriodInDays 90 is under the floor/);
    expect(tf('${var.days}').verdict).toBe('UNKNOWN');
  });
});
