import { GCP_AUDIT_LOG_TYPES } from '../../../constructs/core/catalogs';
import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { AUDIT_CONFIG_TYPES, asList, show } from '../../facts/gcp';

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
  appliesTo: [...AUDIT_CONFIG_TYPES],
  description: 'An IAM audit config does not log ADMIN_READ, DATA_READ and DATA_WRITE for every principal.',
  rationale:
    'Data Access audit logs are the only record of who read or changed training data, models and endpoints; a ' +
    'missing log type or an exempted member is a principal or an action the investigator cannot see.',
  fix:
    "Use the kit's AuditLogs (no exemptedMembers), or give the audit config one audit_log_config block per log_type " +
    '(ADMIN_READ, DATA_READ, DATA_WRITE) with no exempted_members.',
  evidenceSource: 'storage-data-access',
  nist: 'Collection',
  attack: ['T1078.004', 'T1530'],
  atlas: ['AML.T0020'],
  check: (config, { model }) => {
    const blocks = model.get(config, 'audit_log_config');
    if (isUnresolved(blocks)) return unknown('audit_log_config is a value known only at deploy');
    const seen = new Set<string>();
    for (const block of asList(blocks)) {
      if (isUnresolved(block)) return unknown('an audit_log_config block is a value known only at deploy');
      if (!block || typeof block !== 'object') continue;
      const entry = block as Record<string, unknown>;
      const type = entry.log_type;
      if (isUnresolved(type)) return unknown('audit_log_config.log_type is a value known only at deploy');
      const exempted = entry.exempted_members;
      if (isUnresolved(exempted)) return unknown(`audit_log_config ${show(type)} exempted_members is a value known only at deploy`);
      const members = asList(exempted);
      if (members.length > 0) {
        return nonCompliant(`audit_log_config ${show(type)} exempts ${members.map(show).join(', ')}: their actions are not logged`);
      }
      if (typeof type === 'string') seen.add(type);
    }
    const missing = REQUIRED_LOG_TYPES.filter((t) => !seen.has(t));
    if (missing.length > 0) {
      const found = seen.size > 0 ? [...seen].join(', ') : 'none';
      return nonCompliant(`audit_log_config log_type is missing ${missing.join(', ')} (found ${found})`);
    }
    return compliant('audit_log_config logs ADMIN_READ, DATA_READ and DATA_WRITE with no exempted_members');
  },
};
