import { Aspects, IAspect, IResolvable, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import { PropKeys, WARNINGS } from '../core';
import { warn } from './annotations';
import { scopeProp } from './checks';
import { propCheck } from './props';

/** The value of a domain's `DomainSettings.ExecutionRoleIdentityConfig` that names the user profile in `sourceIdentity`. */
export const USER_PROFILE_NAME = 'USER_PROFILE_NAME';

/** The service principal of SageMaker, which assumes a Studio execution role. */
const SAGEMAKER_SERVICE = 'sagemaker.amazonaws.com';

/** The props of StudioSourceIdentity: the scope whose Studio domains it covers. */
export interface StudioSourceIdentityProps {
  /** Apply to every SageMaker domain and user profile under this scope. @default - the stack this construct is in */
  readonly scope?: IConstruct;
}

/** The props StudioSourceIdentityProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const STUDIO_SOURCE_IDENTITY_PROPS_KEYS = { scope: true } as const satisfies PropKeys<StudioSourceIdentityProps>;

/**
 * Names the Studio user behind a shared execution role in CloudTrail: every SageMaker domain under
 * a scope gets `DomainSettings.ExecutionRoleIdentityConfig: USER_PROFILE_NAME`, and every execution
 * role its user settings, default space settings and user profiles name, when it is an `iam.Role`
 * of this app, gets `sts:SetSourceIdentity` for SageMaker in its trust policy (without it, job
 * creation from Studio fails with AccessDeniedException). A role this app does not define warns:
 * its trust policy must be changed where it is defined.
 *
 * What carries the source identity (SageMaker developer guide, "Monitor individual user resource
 * access from SageMaker Studio Classic with sourceIdentity"): the calls Studio notebooks, Canvas and
 * Data Wrangler make with the execution role's session or a role chained from it. The calls a
 * processing job makes do not: its creation API does not take the session's source identity. What
 * else a job records depends on the service it calls. Changing the setting needs every app of the
 * domain stopped or deleted.
 */
export class StudioSourceIdentity extends Construct {
  private readonly coverScope: IConstruct;
  private readonly done = new Set<string>();

  constructor(scope: Construct, id: string, props: StudioSourceIdentityProps = {}) {
    super(scope, id);
    const check = propCheck(this);
    const p = check.props<StudioSourceIdentityProps>('props', props ?? {}, STUDIO_SOURCE_IDENTITY_PROPS_KEYS, 'a StudioSourceIdentityProps object');
    this.coverScope = p.scope === undefined ? Stack.of(this) : scopeProp(check, 'scope', p.scope);
    Aspects.of(this.coverScope).add(new ApplySourceIdentity(this));
  }

  /** @internal */
  public _visit(node: IConstruct): void {
    if (node instanceof sagemaker.CfnDomain) {
      this.domain(node);
      const user = resolvable(node.defaultUserSettings) ? undefined : node.defaultUserSettings;
      const space = resolvable(node.defaultSpaceSettings) ? undefined : node.defaultSpaceSettings;
      this.trust(node, user?.executionRole);
      this.trust(node, space?.executionRole);
    } else if (node instanceof sagemaker.CfnUserProfile) {
      const user = resolvable(node.userSettings) ? undefined : node.userSettings;
      this.trust(node, user?.executionRole);
    }
  }

  private domain(domain: sagemaker.CfnDomain): void {
    const settings = domain.domainSettings;
    if (resolvable(settings)) {
      warn(domain, WARNINGS.WEAKENED_DEFAULT, `${domain.node.path}: DomainSettings is only known at deploy, so ${this.node.path} cannot set ExecutionRoleIdentityConfig to ${USER_PROFILE_NAME}.`);
      return;
    }
    const current = settings?.executionRoleIdentityConfig;
    if (current !== undefined && current !== USER_PROFILE_NAME) {
      warn(domain, WARNINGS.WEAKENED_DEFAULT, `${domain.node.path}: ExecutionRoleIdentityConfig is explicitly ${Token.isUnresolved(current) ? 'a deploy-time value' : current}; CloudTrail then names only the shared execution role, not the Studio user behind it.`);
      return;
    }
    domain.domainSettings = { ...(settings ?? {}), executionRoleIdentityConfig: USER_PROFILE_NAME };
  }

  private trust(user: IConstruct, arn: string | undefined): void {
    if (arn === undefined || this.done.has(arn)) return;
    this.done.add(arn);
    const role = Stack.of(user)
      .node.findAll()
      .find((n): n is iam.Role => n instanceof iam.Role && n.roleArn === arn);
    if (!role) {
      warn(user, WARNINGS.WEAKENED_DEFAULT, `${user.node.path}: the execution role ${Token.isUnresolved(arn) ? '(a deploy-time value)' : arn} is not an iam.Role of this app, so ${this.node.path} cannot add sts:SetSourceIdentity to its trust policy; add it there, or jobs created from Studio fail with AccessDeniedException.`);
      return;
    }
    role.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({
        sid: 'SageMakerSetSourceIdentity',
        principals: [new iam.ServicePrincipal(SAGEMAKER_SERVICE)],
        actions: ['sts:SetSourceIdentity'],
      }),
    );
  }
}

function resolvable(value: unknown): value is IResolvable {
  return Token.isUnresolved(value) || (typeof value === 'object' && value !== null && typeof (value as IResolvable).resolve === 'function');
}

class ApplySourceIdentity implements IAspect {
  constructor(private readonly owner: StudioSourceIdentity) {}
  public visit(node: IConstruct): void {
    this.owner._visit(node);
  }
}
