import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { AUDIT_CONFIG_TYPES, auditScope, auditScopeLabel, gcpIndex, show } from './_shared';

/** Services whose Data Access logs an AI/ML investigation cannot do without. */
export const REQUIRED_AUDITED_SERVICES = ['aiplatform.googleapis.com', 'storage.googleapis.com'] as const;

/**
 * Judged across the input: an audit config passes when it is for allServices, when another config
 * of the same scope (or of an organization in the input, whose audit configs child projects and
 * folders inherit) is for allServices, or else when the configs of its scope and of the
 * organization together cover Vertex AI and Cloud Storage. Folder-level configs are inherited
 * too, but the input does not say which projects sit under a folder, so they count only for the
 * folder itself. A scope with no audit config at all is not seen by this rule.
 */
export const AuditServiceCoverage: Rule = {
  id: 'GCP.Audit.ServiceCoverage',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...AUDIT_CONFIG_TYPES],
  description:
    'The audit configs of a scope neither cover allServices nor both aiplatform.googleapis.com and storage.googleapis.com.',
  rationale:
    'Model endpoints, training jobs and the buckets holding training data and artifacts are where an AI incident ' +
    'happens; without their Data Access logs nobody can say who invoked, read or changed them.',
  fix:
    "Use the kit's AuditLogs (services defaults to ['allServices']) or VertexAiAudit (auditLogsEnabled), or add a google_*_iam_audit_config with " +
    'service = "allServices" (or one each for aiplatform.googleapis.com and storage.googleapis.com).',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1078.004', 'T1530'],
  atlas: ['AML.T0020', 'AML.T0040'],
  check: (config, { model }) => {
    const service = model.get(config, 'service');
    if (service === 'allServices') return compliant('service is allServices');
    const audit = gcpIndex(model).audit;
    const scope = auditScope(config);
    const where = auditScopeLabel(config);
    const sibling = audit.allServicesScopes.get(scope);
    if (sibling) return compliant(`${sibling.address} audits allServices for ${where}`);
    if (audit.organizationAllServices) {
      return compliant(`${audit.organizationAllServices.address} audits allServices at organization level, inherited below it`);
    }
    const covered = new Set([...(audit.servicesByScope.get(scope) ?? []), ...audit.organizationServices]);
    const missing = REQUIRED_AUDITED_SERVICES.filter((s) => !covered.has(s));
    if (missing.length === 0) return compliant(`audit configs of ${where} cover ${REQUIRED_AUDITED_SERVICES.join(' and ')}`);
    if (audit.unresolvedScopes.has(scope)) {
      return unknown(`an audit config service of ${where} is a value known only at deploy; ${missing.join(', ')} not seen`);
    }
    return nonCompliant(
      `no allServices audit config for ${where} (this one is for ${show(service)}), and ${missing.join(', ')} ` +
        `${missing.length > 1 ? 'are' : 'is'} not audited`,
    );
  },
};
