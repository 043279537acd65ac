import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { ResourceModel } from '../../engine/model';
import { Judgement, Resource } from '../../engine/types';
import { AUDIT_CONFIG_TYPES, gcpIndex, IAM_POLICY_TYPES, judgeCompeting, judgeProjectDataAccess, policyAuditConfigs, scopeOf, show } from '../../facts/gcp';

/** Services whose Data Access logs an AI/ML investigation cannot do without. */
export const REQUIRED_AUDITED_SERVICES = ['aiplatform.googleapis.com', 'storage.googleapis.com'] as const;

/**
 * Judged across the input: a config passes when it, another config of its scope or one of an
 * organization in the input (inherited below it) is for allServices, or when the configs of its
 * scope and the organization together cover Vertex AI and Cloud Storage. Scopes match as scopeOf
 * (facts/gcp/scope.ts) says; coverage only in a scope that may be the same one gives UNKNOWN.
 * Folder configs count for the folder only (its projects are not in the input); a google_project is judged itself.
 */
export const AuditServiceCoverage: Rule = {
  id: 'GCP.Audit.ServiceCoverage',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...AUDIT_CONFIG_TYPES, ...IAM_POLICY_TYPES, 'google_project'],
  description:
    'The audit configs of a scope neither cover allServices nor both aiplatform.googleapis.com and storage.googleapis.com, ' +
    'or a google_project has no audit config logging DATA_READ and DATA_WRITE for them, or an authoritative IAM policy ' +
    '(google_*_iam_policy) sets none of them or fights an audit config of its parent.',
  rationale:
    'Model endpoints, training jobs and the buckets holding training data and artifacts are where an AI incident ' +
    'happens; without their Data Access logs nobody can say who invoked, read or changed them.',
  fix:
    "Use the kit's AuditLogs (services defaults to ['allServices']) or VertexAiAudit (auditLogsEnabled), or add a google_*_iam_audit_config with " +
    'service = "allServices" (or one each for aiplatform.googleapis.com and storage.googleapis.com) and audit_log_config blocks for DATA_READ and DATA_WRITE ' +
    '(for a google_project, on the project, its folder or its organization). An authoritative google_*_iam_policy replaces the whole policy of its parent: ' +
    'put those audit configs in its policy_data (data.google_iam_policy audit_config) and no google_*_iam_audit_config on the same parent.',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1078.004', 'T1530'],
  atlas: ['AML.T0020', 'AML.T0040'],
  check: (config, { model }) => {
    if (config.type === 'google_project') return judgeProjectDataAccess(model, config, REQUIRED_AUDITED_SERVICES);
    if ((IAM_POLICY_TYPES as readonly string[]).includes(config.type)) return judgePolicy(config, model);
    // An audit config an authoritative policy of its parent fights: NON_COMPLIANT; one that may: UNKNOWN unless its own coverage fails.
    const fight = judgeCompeting(model, config);
    if (fight?.verdict === 'NON_COMPLIANT') return fight;
    const own = configCoverage(config, model);
    return fight && own.verdict === 'COMPLIANT' ? fight : own;
  },
};

/**
 * An authoritative IAM policy sets the audit configs of its parent to those of its policy_data:
 * none leaves the parent's Data Access logs off; otherwise they must cover allServices or both
 * required services (with what an organization config of the input adds, inherited below it).
 */
function judgePolicy(policy: Resource, model: ResourceModel): Judgement {
  const read = policyAuditConfigs(model, policy);
  if (!read.known) return unknown(`${read.why}: the audit configs ${policy.address} sets are not known`);
  const label = scopeOf(model, policy).label;
  if (read.configs.length === 0) {
    return nonCompliant(`${read.from} of ${policy.address} carries no auditConfigs: it replaces the whole IAM policy of ${label}, so its Data Access audit logs are off`);
  }
  const fight = judgeCompeting(model, policy);
  if (fight && fight.verdict === 'NON_COMPLIANT') return fight;
  const services = new Set(read.configs.map((c) => (typeof c.service === 'string' ? c.service : '?')));
  const { organizationServices } = gcpIndex(model).audit;
  const ownOrg = (s: string) => organizationServices.get(s) !== undefined && organizationServices.get(s) !== policy;
  if (services.has('allServices')) return fight ?? compliant(`${read.from} of ${policy.address} audits allServices for ${label}`);
  if (policy.type !== 'google_organization_iam_policy' && ownOrg('allServices')) {
    return fight ?? compliant(`${organizationServices.get('allServices')!.address} audits allServices at organization level, inherited below it`);
  }
  const missing = REQUIRED_AUDITED_SERVICES.filter((s) => !services.has(s) && !(policy.type !== 'google_organization_iam_policy' && ownOrg(s)));
  if (missing.length === 0) return fight ?? compliant(`the audit configs ${policy.address} sets for ${label} cover ${REQUIRED_AUDITED_SERVICES.join(' and ')}`);
  if (services.has('?') || organizationServices.has('?')) return unknown(`an auditConfigs service of ${policy.address} is a value known only at deploy; ${missing.join(', ')} not seen`);
  return nonCompliant(
    `${read.from} of ${policy.address} sets the audit configs of ${label} to ${[...services].join(', ')}, not allServices, and ${missing.join(', ')} ` +
      `${missing.length > 1 ? 'are' : 'is'} not audited: it replaces the whole IAM policy, so no other audit config of ${label} adds them`,
  );
}

/** The services the audit configs of an audit config's scope (and of the organization) cover. */
function configCoverage(config: Resource, model: ResourceModel): Judgement {
  const service = model.get(config, 'service');
  if (service === 'allServices') return compliant('service is allServices');
  const { services, organizationServices } = gcpIndex(model).audit;
  const scope = scopeOf(model, config);
  const same = services.same(scope);
  const sibling = same.get('allServices');
  if (sibling) return compliant(`${sibling.address} audits allServices for ${scope.label}`);
  const org = organizationServices.get('allServices');
  if (org) return compliant(`${org.address} audits allServices at organization level, inherited below it`);
  const missing = REQUIRED_AUDITED_SERVICES.filter((s) => !same.has(s) && !organizationServices.has(s));
  if (missing.length === 0) return compliant(`audit configs of ${scope.label} cover ${REQUIRED_AUDITED_SERVICES.join(' and ')}`);
  if (same.has('?') || organizationServices.has('?')) {
    return unknown(`an audit config service of ${scope.label} is a value known only at deploy; ${missing.join(', ')} not seen`);
  }
  const maybe = services.maybe(scope);
  const broad = maybe.get('allServices') ?? maybe.get('?');
  if (broad) return unknown(`${broad.address}, for ${scopeOf(model, broad).label}, may cover ${scope.label}; ${missing.join(', ')} not seen otherwise`);
  const absent = missing.filter((s) => !maybe.has(s));
  const perhaps = missing.filter((s) => maybe.has(s)).map((s) => `${s} only by ${maybe.get(s)!.address}, for ${scopeOf(model, maybe.get(s)!).label}`);
  if (absent.length === 0) return unknown(`audited ${perhaps.join('; ')}, which may or may not be ${scope.label}`);
  return nonCompliant(
    `no allServices audit config for ${scope.label} (this one is for ${show(service)}), and ${absent.join(', ')} ` +
      `${absent.length > 1 ? 'are' : 'is'} not audited${perhaps.length > 0 ? ` (${perhaps.join('; ')}, which may or may not be the same project)` : ''}`,
  );
}
