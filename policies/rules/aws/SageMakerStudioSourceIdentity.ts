import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource, Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { rawAt, rawList, render, show } from '../../facts/aws/evidence';
import { iamGlob } from '../../facts/aws/policy';

const SAGEMAKER = 'sagemaker.amazonaws.com';

/** Whether a trust-policy statement lets SageMaker set the source identity: Allow, SageMaker among its service principals, sts:SetSourceIdentity among its actions. */
function allowsSetSourceIdentity(model: ResourceModel, role: Resource, statement: unknown): boolean | 'unknown' {
  const s = model.resolve(statement, role);
  if (isUnresolved(s)) return 'unknown';
  if (!s || typeof s !== 'object') return false;
  const st = s as Record<string, unknown>;
  if (st.Effect !== 'Allow' || st.Condition !== undefined) return st.Effect === 'Allow' && st.Condition !== undefined ? 'unknown' : false;
  const principal = st.Principal && typeof st.Principal === 'object' ? (st.Principal as Record<string, unknown>).Service : undefined;
  const services = (Array.isArray(principal) ? principal : [principal]).map((p) => render(model, p, role));
  if (services.some((p) => isUnresolved(p))) return 'unknown';
  if (!services.includes(SAGEMAKER)) return false;
  const actions = (Array.isArray(st.Action) ? st.Action : [st.Action]).map((a) => render(model, a, role));
  if (actions.some((a) => isUnresolved(a))) return 'unknown';
  return actions.some((a) => typeof a === 'string' && iamGlob(a.toLowerCase(), 'sts:setsourceidentity'));
}

export const SageMakerStudioSourceIdentity: Rule = {
  id: 'AWS.SageMaker.StudioSourceIdentity',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::SageMaker::Domain'],
  description: "A SageMaker Studio domain does not name the user profile in CloudTrail's sourceIdentity (DomainSettings.ExecutionRoleIdentityConfig not USER_PROFILE_NAME), or its default execution role does not trust SageMaker with sts:SetSourceIdentity.",
  rationale:
    'Studio users usually share one execution role: CloudTrail then records every call of every user under the same role session, and who read the training data or started a job cannot be told apart. With USER_PROFILE_NAME, the calls made with the execution role session carry the user profile as sourceIdentity.',
  fix: 'Use StudioSourceIdentity over the domain (it sets ExecutionRoleIdentityConfig and adds sts:SetSourceIdentity to the execution role\'s trust policy), or set DomainSettings.ExecutionRoleIdentityConfig: USER_PROFILE_NAME and allow sts:SetSourceIdentity to sagemaker.amazonaws.com in the role\'s AssumeRolePolicyDocument (aws_sagemaker_domain: domain_settings { execution_role_identity_config = "USER_PROFILE_NAME" }).',
  evidenceSource: 'identity-sign-in',
  nist: 'Analysis',
  attack: ['T1078.004'],
  atlas: [],
  check: (r, ctx) => {
    const m = ctx.model;
    const config = m.get(r, 'DomainSettings.ExecutionRoleIdentityConfig');
    if (isUnresolved(config)) return unknown(`${r.address}: DomainSettings.ExecutionRoleIdentityConfig is unresolvable before deploy`);
    if (config !== 'USER_PROFILE_NAME') return nonCompliant(`${r.address}: DomainSettings.ExecutionRoleIdentityConfig is ${config === undefined ? 'absent (DISABLED)' : show(config)}, so CloudTrail names only the shared execution role`);
    const raw = rawAt(m, r, 'DefaultUserSettings.ExecutionRole');
    if (isUnresolved(raw)) return unknown(`${r.address}: DefaultUserSettings.ExecutionRole is unresolvable before deploy`);
    const role = m.targets(raw, r).find((t) => t.type === 'AWS::IAM::Role');
    if (!role) {
      const text = render(m, raw, r);
      if (text === undefined || isUnresolved(text)) return unknown(`${r.address}: DefaultUserSettings.ExecutionRole is unresolvable before deploy`);
      return unknown(`${r.address}: ExecutionRoleIdentityConfig is USER_PROFILE_NAME, but the execution role ${text} is not in the inputs, so whether its trust policy allows sts:SetSourceIdentity (without it, job creation fails) cannot be checked here`);
    }
    const statements = rawList(m, role, rawAt(m, role, 'AssumeRolePolicyDocument.Statement'));
    if (isUnresolved(statements)) return unknown(`${r.address}: the trust policy of ${role.address} is unresolvable before deploy`);
    const verdicts = statements.map((s) => allowsSetSourceIdentity(m, role, s));
    if (verdicts.includes(true)) return compliant(`${r.address}: ExecutionRoleIdentityConfig is USER_PROFILE_NAME and ${role.address} trusts ${SAGEMAKER} with sts:SetSourceIdentity`);
    if (verdicts.includes('unknown')) return unknown(`${r.address}: whether ${role.address}'s trust policy allows sts:SetSourceIdentity to ${SAGEMAKER} cannot be known before deploy (a condition or a value only the deploy knows)`);
    return nonCompliant(`${r.address}: ExecutionRoleIdentityConfig is USER_PROFILE_NAME, but ${role.address}'s trust policy does not allow sts:SetSourceIdentity to ${SAGEMAKER}, so jobs created from Studio fail with AccessDeniedException`);
  },
};
