import { ConfigSnapshotFrequency } from '../../../../policies/rules/aws/ConfigSnapshotFrequency';
import { cfnModel, judge } from '../../helpers';

const verdict = (delivery: unknown) =>
  judge(ConfigSnapshotFrequency, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Channel: { Type: 'AWS::Config::DeliveryChannel', Properties: { S3BucketName: 'b', ...(delivery === undefined ? {} : { ConfigSnapshotDeliveryProperties: delivery }) } } } }), 'Channel');

describe('AWS.Config.SnapshotFrequency', () => {
  it('passes a snapshot every six hours or more often', () => {
    expect(verdict({ DeliveryFrequency: 'Six_Hours' })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/Channel: a snapshot of every recorded resource is delivered every six hours/) });
    expect(verdict({ DeliveryFrequency: 'One_Hour' }).reason).toMatch(/delivered every hour/);
    expect(verdict({ DeliveryFrequency: 'Three_Hours' }).verdict).toBe('COMPLIANT');
  });

  it('fails a daily or twice-daily snapshot', () => {
    expect(verdict({ DeliveryFrequency: 'TwentyFour_Hours' }).reason).toMatch(/TwentyFour_Hours, so the last snapshot before an incident can be up to 24 hours old/);
    expect(verdict({ DeliveryFrequency: 'Twelve_Hours' }).reason).toMatch(/up to 12 hours old/);
  });

  it('fails no stated frequency, and a value Config does not accept', () => {
    expect(verdict(undefined).reason).toMatch(/DeliveryFrequency is absent, so no snapshot frequency is stated/);
    expect(verdict({}).verdict).toBe('NON_COMPLIANT');
    expect(verdict({ DeliveryFrequency: 'Two_Hours' }).reason).toMatch(/"Two_Hours", which Config does not accept/);
  });

  it('is unknown for a frequency from a parameter without default', () => {
    expect(verdict({ DeliveryFrequency: { Ref: 'P' } })).toEqual({ verdict: 'UNKNOWN', reason: expect.stringMatching(/DeliveryFrequency is unresolvable/) });
  });
});
