import * as iam from 'aws-cdk-lib/aws-iam';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { StudioSourceIdentity } from '../../constructs/aws';
import { WARNINGS } from '../../constructs/core';
import { newStack, only, refusal, template, warnings } from './helpers';

function domain(stack: ReturnType<typeof newStack>, executionRole: string, domainSettings?: sagemaker.CfnDomain.DomainSettingsProperty) {
  return new sagemaker.CfnDomain(stack, 'Domain', {
    authMode: 'IAM',
    domainName: 'research',
    vpcId: 'vpc-0123456789abcdef0',
    subnetIds: ['subnet-0123456789abcdef0'],
    defaultUserSettings: { executionRole },
    domainSettings,
  });
}

function setup(domainSettings?: sagemaker.CfnDomain.DomainSettingsProperty) {
  const stack = newStack();
  const role = new iam.Role(stack, 'StudioRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  domain(stack, role.roleArn, domainSettings);
  new StudioSourceIdentity(stack, 'SourceIdentity');
  return { stack, role, t: template(stack) };
}

describe('StudioSourceIdentity', () => {
  test('defaults: the domain names the user profile in sourceIdentity and the execution role trusts SageMaker to set it', () => {
    const { stack, role, t } = setup();
    expect(only(t, 'AWS::SageMaker::Domain').Properties.DomainSettings).toEqual({ ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME' });
    const trust = t.toJSON().Resources[stack.getLogicalId(role.node.defaultChild as iam.CfnRole)].Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' } },
      { Sid: 'SageMakerSetSourceIdentity', Action: 'sts:SetSourceIdentity', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' } },
    ]);
    expect(warnings(stack)).toEqual([]);
  });

  test('other domain settings are kept', () => {
    const { t } = setup({ securityGroupIds: ['sg-0123456789abcdef0'] });
    expect(only(t, 'AWS::SageMaker::Domain').Properties.DomainSettings).toEqual({ SecurityGroupIds: ['sg-0123456789abcdef0'], ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME' });
  });

  test('a user profile with a role of its own: that role trusts SageMaker to set the source identity too', () => {
    const stack = newStack();
    const shared = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    const own = new iam.Role(stack, 'Own', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    const d = domain(stack, shared.roleArn);
    new sagemaker.CfnUserProfile(stack, 'Alice', { domainId: d.attrDomainId, userProfileName: 'alice', userSettings: { executionRole: own.roleArn } });
    new StudioSourceIdentity(stack, 'SourceIdentity');
    const t = template(stack).toJSON();
    for (const r of [shared, own]) {
      expect(t.Resources[stack.getLogicalId(r.node.defaultChild as iam.CfnRole)].Properties.AssumeRolePolicyDocument.Statement).toContainEqual(expect.objectContaining({ Action: 'sts:SetSourceIdentity' }));
    }
  });

  test('an explicit DISABLED is kept and warns', () => {
    const { stack, t } = setup({ executionRoleIdentityConfig: 'DISABLED' });
    expect(only(t, 'AWS::SageMaker::Domain').Properties.DomainSettings.ExecutionRoleIdentityConfig).toBe('DISABLED');
    expect(warnings(stack)).toEqual([expect.stringMatching(new RegExp(`${WARNINGS.WEAKENED_DEFAULT}.*explicitly DISABLED`))]);
  });

  test('a role the app does not define warns that its trust policy must be changed where it is defined', () => {
    const stack = newStack();
    domain(stack, 'arn:aws:iam::123456789012:role/studio');
    new StudioSourceIdentity(stack, 'SourceIdentity');
    const t = template(stack);
    expect(only(t, 'AWS::SageMaker::Domain').Properties.DomainSettings).toEqual({ ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME' });
    expect(warnings(stack)).toEqual([expect.stringContaining('arn:aws:iam::123456789012:role/studio is not an iam.Role of this app')]);
  });

  test('fails when the scope is not a construct', () => {
    expect(refusal(() => new StudioSourceIdentity(newStack(), 'SourceIdentity', { scope: 'stack' as never })).message).toMatch(/scope/);
  });
});
