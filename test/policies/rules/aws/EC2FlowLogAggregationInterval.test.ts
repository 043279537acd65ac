import { EC2FlowLogAggregationInterval } from '../../../../policies/rules/aws/EC2FlowLogAggregationInterval';
import { cfnModel, judge } from '../../helpers';
import { flowLog, lockedBucket, vpc } from './_fixtures';

const verdict = (props: Record<string, unknown>) =>
  judge(EC2FlowLogAggregationInterval, cfnModel({ Parameters: { I: { Type: 'Number' } }, Resources: { Vpc: vpc(), FlowBucket: lockedBucket(), Flow: flowLog(props) } }), 'Flow');

describe('AWS.EC2.FlowLogAggregationInterval', () => {
  it('is a warning', () => expect(EC2FlowLogAggregationInterval.severity).toBe('warning'));

  it('passes 60 seconds', () => {
    expect(verdict({}).verdict).toBe('COMPLIANT');
    expect(verdict({ MaxAggregationInterval: '60' }).verdict).toBe('COMPLIANT');
  });

  it('fires on 600 seconds', () => {
    expect(verdict({ MaxAggregationInterval: 600 })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/is 600/) });
  });

  it('fires when unset (600 seconds by default)', () => {
    expect(verdict({ MaxAggregationInterval: undefined }).reason).toMatch(/absent \(600 seconds\)/);
  });

  it('is unknown for a parameter without default', () => {
    expect(verdict({ MaxAggregationInterval: { Ref: 'I' } }).verdict).toBe('UNKNOWN');
  });
});
