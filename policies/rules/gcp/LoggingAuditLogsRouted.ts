import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { AUDIT_CONFIG_TYPES, IAM_POLICY_TYPES, routingIndex, scopeOf, sinkLock } from '../../facts/gcp';

/**
 * The per-sink rules cannot see a scope that has no sink at all, so this one sits on the audit
 * config: the project, folder or organization it switches audit logs on for must have an enabled
 * sink into locked storage (which logs that sink carries is GCP.Logging.SinkFilterCoverage's
 * question). A project or folder is also covered by an organization sink with include_children
 * (the input's organization is taken to be theirs, as for audit configs); a folder sink with
 * include_children may or may not sit above a project, which the input does not say: UNKNOWN.
 * Scopes are matched as scopeOf (facts/gcp/scope.ts) says; a sink of a scope that may be the same gives UNKNOWN.
 * An authoritative IAM policy sets the audit configs of its parent as an audit config does (what
 * they log is GCP.Audit.DataAccessLogs' question), so its parent is judged the same way.
 */
export const LoggingAuditLogsRouted: Rule = {
  id: 'GCP.Logging.AuditLogsRouted',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...AUDIT_CONFIG_TYPES, ...IAM_POLICY_TYPES],
  description:
    'The project, folder or organization of an audit config or of an authoritative IAM policy (google_*_iam_policy) has no enabled log sink into locked storage in the input.',
  rationale:
    'Without a sink, audit logs stay in the _Required bucket (Admin Activity and System Event, 400 days) and the _Default ' +
    'bucket (Data Access and Policy Denied, 30 days): neither is locked, and Data Access logs are gone a month later, usually ' +
    'before anyone knows there was an incident.',
  fix:
    "Use the kit's LogSink with the same parent as AuditLogs, or add a google_logging_{project,folder,organization}_sink for the " +
    'scope whose destination is a locked google_storage_bucket or a locked google_logging_project_bucket_config.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1485'],
  atlas: [],
  check: (config, { model }) => {
    const { sinks, parentSinks } = routingIndex(model);
    const scope = scopeOf(model, config);
    const same = sinks.same(scope);
    const locked = same.get('locked');
    if (locked) return compliant(`${locked.address} routes the logs of ${scope.label} into locked storage`);
    const below = scope.kind === 'project' || scope.kind === 'folder';
    const org = below ? parentSinks.organization.get('locked') : undefined;
    if (org) return compliant(`organization sink ${org.address} includes children and writes into locked storage`);
    const pending = same.get('unknown');
    if (pending) return unknown(`${pending.address} routes the logs of ${scope.label}, but ${sinkLock(model, pending).why}`);
    const maybe = sinks.maybe(scope);
    const other = maybe.get('locked') ?? maybe.get('unknown');
    if (other) return unknown(`${other.address} writes the logs of ${scopeOf(model, other).label}, which may or may not be ${scope.label}`);
    const folder = scope.kind === 'project' ? parentSinks.folder.get('locked') ?? parentSinks.folder.get('unknown') : undefined;
    if (folder) return unknown(`folder sink ${folder.address} includes children; the input does not say whether ${scope.label} sits under it`);
    const orgPending = below ? parentSinks.organization.get('unknown') : undefined;
    if (orgPending) return unknown(`organization sink ${orgPending.address} may route ${scope.label}: ${sinkLock(model, orgPending).why}`);
    const unlocked = same.get('unlocked');
    return nonCompliant(
      `no enabled sink of ${scope.label} in the input writes into locked storage${unlocked ? ` (${unlocked.address}: ${sinkLock(model, unlocked).why})` : ''}: ` +
        'its audit logs stay in _Required (400 days) and _Default (30 days), neither locked',
    );
  },
};
