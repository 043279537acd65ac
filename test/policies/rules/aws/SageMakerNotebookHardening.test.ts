import { SageMakerNotebookHardening } from '../../../../policies/rules/aws/SageMakerNotebookHardening';
import { cfnModel, judge } from '../../helpers';
import { arn, key } from './_fixtures';

const notebook = (props: Record<string, unknown>) => ({
  Type: 'AWS::SageMaker::NotebookInstance',
  Properties: { InstanceType: 'ml.t3.medium', RoleArn: 'arn:aws:iam::1:role/r', SubnetId: 'subnet-1', SecurityGroupIds: ['sg-1'], DirectInternetAccess: 'Disabled', RootAccess: 'Disabled', KmsKeyId: arn('Key'), ...props },
});
const verdict = (props: Record<string, unknown>) => judge(SageMakerNotebookHardening, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Key: key(), Notebook: notebook(props) } }), 'Notebook');

describe('AWS.SageMaker.NotebookHardening', () => {
  it('passes a notebook without internet, without root, with KMS', () => {
    expect(verdict({}).verdict).toBe('COMPLIANT');
  });

  it('fails DirectInternetAccess Enabled', () => {
    expect(verdict({ DirectInternetAccess: 'Enabled' })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/DirectInternetAccess is "Enabled"/) });
  });

  it('fails DirectInternetAccess unset (Enabled by default)', () => {
    expect(verdict({ DirectInternetAccess: undefined }).reason).toMatch(/DirectInternetAccess is absent \(Enabled\)/);
  });

  it('fails RootAccess unset (Enabled by default)', () => {
    expect(verdict({ RootAccess: undefined }).reason).toMatch(/RootAccess is absent \(Enabled\)/);
  });

  it('fails without KmsKeyId', () => {
    expect(verdict({ KmsKeyId: undefined }).reason).toMatch(/KmsKeyId is absent/);
  });

  it('is unknown for a RootAccess parameter without default', () => {
    expect(verdict({ RootAccess: { Ref: 'P' } }).verdict).toBe('UNKNOWN');
  });
});
