import { SageMakerStudioSourceIdentity } from '../../../../policies/rules/aws/SageMakerStudioSourceIdentity';
import { cfnModel, judge } from '../../helpers';
import { arn } from './_fixtures';

const TRUST = { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] };
const role = (statements: unknown[] = [TRUST]) => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: statements } } });
const domain = (settings: unknown = { ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME' }, executionRole: unknown = arn('Role')) => ({
  Type: 'AWS::SageMaker::Domain',
  Properties: { AuthMode: 'IAM', DomainName: 'research', VpcId: 'vpc-1', SubnetIds: ['subnet-1'], DefaultUserSettings: { ExecutionRole: executionRole }, DomainSettings: settings },
});
const verdict = (resources: Record<string, unknown>) => judge(SageMakerStudioSourceIdentity, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: resources }), 'Domain');

describe('AWS.SageMaker.StudioSourceIdentity', () => {
  it('is a warning', () => expect(SageMakerStudioSourceIdentity.severity).toBe('warning'));

  it('passes USER_PROFILE_NAME with a role that trusts SageMaker to set the source identity', () => {
    expect(verdict({ Role: role(), Domain: domain() })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/USER_PROFILE_NAME and Role trusts sagemaker.amazonaws.com/) });
  });

  it('passes the trust granted in a statement of its own, and through sts:*', () => {
    expect(verdict({ Role: role([{ ...TRUST, Action: 'sts:AssumeRole' }, { ...TRUST, Action: 'sts:*' }]), Domain: domain() }).verdict).toBe('COMPLIANT');
  });

  it('fires without ExecutionRoleIdentityConfig (DISABLED)', () => {
    expect(verdict({ Role: role(), Domain: domain({}) })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/ExecutionRoleIdentityConfig is absent \(DISABLED\)/) });
  });

  it('fires on DISABLED', () => {
    expect(verdict({ Role: role(), Domain: domain({ ExecutionRoleIdentityConfig: 'DISABLED' }) }).reason).toMatch(/is "DISABLED"/);
  });

  it('fires when the role does not trust SageMaker with sts:SetSourceIdentity', () => {
    expect(verdict({ Role: role([{ ...TRUST, Action: 'sts:AssumeRole' }]), Domain: domain() }).reason).toMatch(/does not allow sts:SetSourceIdentity/);
  });

  it('fires when only another service may set it', () => {
    expect(verdict({ Role: role([{ ...TRUST, Principal: { Service: 'lambda.amazonaws.com' } }]), Domain: domain() }).verdict).toBe('NON_COMPLIANT');
  });

  it('is unknown for a setting from a parameter without default', () => {
    expect(verdict({ Role: role(), Domain: domain({ ExecutionRoleIdentityConfig: { Ref: 'P' } }) }).verdict).toBe('UNKNOWN');
  });

  it('is unknown for a role outside the inputs', () => {
    expect(verdict({ Domain: domain({ ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME' }, 'arn:aws:iam::111122223333:role/studio') }).reason).toMatch(/role\/studio is not in the inputs/);
  });

  it('is unknown for a role from a parameter without default', () => {
    expect(verdict({ Domain: domain({ ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME' }, { Ref: 'P' }) }).verdict).toBe('UNKNOWN');
  });
});
