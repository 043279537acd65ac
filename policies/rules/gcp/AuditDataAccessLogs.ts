import { GCP_AUDIT_LOG_TYPES } from '../../../constructs/core/catalogs';
import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { Judgement, Resource } from '../../engine/types';
import { ResourceModel } from '../../engine/model';
import { AUDIT_CONFIG_TYPES, asList, IAM_POLICY_TYPES, judgeCompeting, policyAuditConfigs, scopeOf, show } from '../../facts/gcp';

/** The log types an audit config must switch on (the constructs' list); Admin Activity is always on and not configurable. */
export const REQUIRED_LOG_TYPES = GCP_AUDIT_LOG_TYPES;

/**
 * Data Access audit logs are off by default (except BigQuery); an audit config switches them on
 * per log type, and every exempted member is a principal whose reads and writes go unrecorded.
 */
export const AuditDataAccessLogs: Rule = {
  id: 'GCP.Audit.DataAccessLogs',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...AUDIT_CONFIG_TYPES, ...IAM_POLICY_TYPES],
  description:
    'An IAM audit config, or the auditConfigs of an authoritative IAM policy (google_*_iam_policy), do not log ADMIN_READ, DATA_READ and DATA_WRITE ' +
    'for every principal, or both set the audit configs of one parent.',
  rationale:
    'Data Access audit logs are the only record of who read or changed training data, models and endpoints; a ' +
    'missing log type or an exempted member is a principal or an action the investigator cannot see.',
  fix:
    "Use the kit's AuditLogs (no exemptedMembers), or give the audit config one audit_log_config block per log_type " +
    '(ADMIN_READ, DATA_READ, DATA_WRITE) with no exempted_members. An authoritative google_*_iam_policy replaces the whole policy of its parent: ' +
    'give its policy_data (data.google_iam_policy audit_config) those audit configs and no google_*_iam_audit_config on the same parent, or use the non-authoritative IAM resources.',
  evidenceSource: 'storage-data-access',
  nist: 'Collection',
  attack: ['T1078.004', 'T1530'],
  atlas: ['AML.T0020'],
  check: (config, { model }) => {
    if ((IAM_POLICY_TYPES as readonly string[]).includes(config.type)) return judgePolicy(config, model);
    const fight = judgeCompeting(model, config);
    const own = judgeLogConfigs(model.get(config, 'audit_log_config'), '');
    return fight && own.verdict !== 'NON_COMPLIANT' ? fight : own;
  },
};

/** Whether audit_log_config blocks (resolved; UNRESOLVED where unknown) log every required type for every principal. `of` prefixes the reasons. */
function judgeLogConfigs(blocks: unknown, of: string): Judgement {
  if (isUnresolved(blocks)) return unknown(`${of}audit_log_config is a value known only at deploy`);
  const seen = new Set<string>();
  for (const block of asList(blocks)) {
    if (isUnresolved(block)) return unknown(`${of}an audit_log_config block is a value known only at deploy`);
    if (!block || typeof block !== 'object') continue;
    const entry = block as Record<string, unknown>;
    const type = entry.log_type;
    if (isUnresolved(type)) return unknown(`${of}audit_log_config.log_type is a value known only at deploy`);
    const exempted = entry.exempted_members;
    if (isUnresolved(exempted)) return unknown(`${of}audit_log_config ${show(type)} exempted_members is a value known only at deploy`);
    const members = asList(exempted);
    if (members.length > 0) {
      return nonCompliant(`${of}audit_log_config ${show(type)} exempts ${members.map(show).join(', ')}: their actions are not logged`);
    }
    if (typeof type === 'string') seen.add(type);
  }
  const missing = REQUIRED_LOG_TYPES.filter((t) => !seen.has(t));
  if (missing.length > 0) {
    const found = seen.size > 0 ? [...seen].join(', ') : 'none';
    return nonCompliant(`${of}audit_log_config log_type is missing ${missing.join(', ')} (found ${found})`);
  }
  return compliant(`${of}audit_log_config logs ADMIN_READ, DATA_READ and DATA_WRITE with no exempted_members`);
}

/**
 * An authoritative IAM policy: its policy_data is the whole policy of its parent, auditConfigs
 * included. None there switches the parent's Data Access logs off; those there are judged as audit
 * configs are; an audit config resource of the same parent fights it.
 */
function judgePolicy(policy: Resource, model: ResourceModel): Judgement {
  const read = policyAuditConfigs(model, policy);
  if (!read.known) return unknown(`${read.why}: the audit configs ${policy.address} sets are not known`);
  const label = scopeOf(model, policy).label;
  if (read.configs.length === 0) {
    return nonCompliant(
      `${read.from} of ${policy.address} carries no auditConfigs: it replaces the whole IAM policy of ${label}, so its Data Access audit logs are off`,
    );
  }
  const fight = judgeCompeting(model, policy);
  if (fight && fight.verdict === 'NON_COMPLIANT') return fight;
  let open: Judgement | undefined;
  for (const c of read.configs) {
    const j = judgeLogConfigs(c.audit_log_config, `${read.from} auditConfigs ${show(c.service)}: `);
    if (j.verdict === 'NON_COMPLIANT') return j;
    if (j.verdict === 'UNKNOWN') open ??= j;
  }
  if (open) return open;
  if (fight) return fight;
  return compliant(`${read.from} of ${policy.address} sets audit configs for ${label} that log ADMIN_READ, DATA_READ and DATA_WRITE with no exempted_members`);
}
