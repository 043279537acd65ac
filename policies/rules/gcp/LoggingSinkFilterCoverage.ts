import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { auditRoutes, describeGaps, LogCoverage, SINK_TYPES, sinkCoverage, sinkLock, scopeOf } from '../../facts/gcp';

/**
 * Judges the filter and exclusions of every sink into locked storage (see _filter.ts for how a
 * Logging query is read): the Admin Activity, Data Access, System Event and Policy Denied audit
 * logs of its scope must all reach locked storage. No filter routes everything. A log this sink
 * does not carry is fine when another sink of the same scope into locked storage carries all of
 * it (split sinks), or, for a project or folder, an organization sink with include_children does.
 */
export const LoggingSinkFilterCoverage: Rule = {
  id: 'GCP.Logging.SinkFilterCoverage',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...SINK_TYPES],
  description:
    'A sink into locked storage does not route every Admin Activity, Data Access, System Event and Policy Denied audit log entry ' +
    '(its filter names no audit log or restricts it, e.g. by severity, or an exclusion drops audit entries), and no other sink of the scope does.',
  rationale:
    'A locked bucket only protects what reaches it: audit entries left out by the filter stay in _Required (400 days) and _Default ' +
    '(30 days, Data Access and Policy Denied), which nobody locked, and are gone before most incidents are found.',
  fix:
    "Use the kit's LogSink (FORENSIC_LOG_FILTER), or give the sink a filter that matches logName:\"/logs/cloudaudit.googleapis.com\" " +
    '(or each of %2Factivity, %2Fdata_access, %2Fsystem_event, %2Fpolicy) without severity or resource restrictions, and ' +
    'add NOT log_id("cloudaudit.googleapis.com/...") to any exclusion that could match audit entries.',
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1078.004'],
  atlas: [],
  isApplicable: (sink, { model }) => sinkLock(model, sink).state === 'locked',
  check: (sink, { model }) => {
    const own = sinkCoverage(model, sink);
    const gaps = own.filter((c) => c.state !== 'routed');
    if (gaps.length === 0) return compliant(`routes every audit log entry into locked storage: ${own[0].why}`);
    const { facts, organization } = auditRoutes(model);
    const scope = scopeOf(model, sink);
    const same = facts.same(scope);
    const maybe = facts.maybe(scope);
    const inherited = scope.kind === 'project' || scope.kind === 'folder' ? organization : new Map();
    const open: LogCoverage[] = [];
    const pending: LogCoverage[] = [];
    for (const gap of gaps) {
      const other = same.get(gap.type) ?? inherited.get(gap.type);
      if (other && other !== sink) continue;
      const unsure = gap.state === 'unknown' || same.has(`?${gap.type}`) || inherited.has(`?${gap.type}`) || maybe.has(gap.type) || maybe.has(`?${gap.type}`);
      (unsure ? pending : open).push(gap);
    }
    if (open.length > 0) return nonCompliant(`${describeGaps(open)}; no other sink of ${scope.label} routes ${open.length > 1 ? 'them' : 'it'} into locked storage`);
    if (pending.length > 0) return unknown(describeGaps(pending));
    const covered = gaps.map((g) => g.type).join(', ');
    return compliant(`${covered} reach${gaps.length > 1 ? '' : 'es'} locked storage through another sink of ${scope.label}; the rest through this one`);
  },
};
