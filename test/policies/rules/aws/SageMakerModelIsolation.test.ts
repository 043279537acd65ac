import { SageMakerModelIsolation } from '../../../../policies/rules/aws/SageMakerModelIsolation';
import { cfnModel, judge } from '../../helpers';

const model = (props: Record<string, unknown>) => ({
  Type: 'AWS::SageMaker::Model',
  Properties: { ExecutionRoleArn: 'arn:aws:iam::1:role/r', EnableNetworkIsolation: true, VpcConfig: { Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1'] }, ...props },
});
const verdict = (props: Record<string, unknown>) => judge(SageMakerModelIsolation, cfnModel({ Parameters: { P: { Type: 'String' }, L: { Type: 'CommaDelimitedList' } }, Resources: { Model: model(props) } }), 'Model');

describe('AWS.SageMaker.ModelIsolation', () => {
  it('passes network isolation inside a VPC', () => {
    expect(verdict({}).verdict).toBe('COMPLIANT');
  });

  it('fails EnableNetworkIsolation false', () => {
    expect(verdict({ EnableNetworkIsolation: false })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/EnableNetworkIsolation is false/) });
  });

  it('fails EnableNetworkIsolation unset', () => {
    expect(verdict({ EnableNetworkIsolation: undefined }).reason).toMatch(/EnableNetworkIsolation is absent/);
  });

  it('fails without VpcConfig', () => {
    expect(verdict({ VpcConfig: undefined }).reason).toMatch(/VpcConfig.Subnets is absent, VpcConfig.SecurityGroupIds is absent/);
  });

  it('fails a VpcConfig with no subnets', () => {
    expect(verdict({ VpcConfig: { Subnets: [], SecurityGroupIds: ['sg-1'] } }).reason).toMatch(/Subnets is absent/);
  });

  it('is unknown for an isolation parameter without default', () => {
    expect(verdict({ EnableNetworkIsolation: { Ref: 'P' } }).verdict).toBe('UNKNOWN');
  });

  it('is unknown for a subnet list parameter without default', () => {
    expect(verdict({ VpcConfig: { Subnets: { Ref: 'L' }, SecurityGroupIds: ['sg-1'] } }).verdict).toBe('UNKNOWN');
  });
});
