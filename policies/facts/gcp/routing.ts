/**
 * Where the audit logs of a scope go: whether each sink writes into locked storage, which audit
 * logs its filter and exclusions let through, and, per scope, which sinks into locked storage
 * exist and which audit logs they carry. Built once per model, on first use.
 */
import { isUnresolved, ResourceModel, modelFact } from '../../engine/model';
import { Resource } from '../../engine/types';
import { evaluate, Evaluation, FilterSyntaxError, LogEntries, Parent, parseFilter } from './filter';
import { loggingLock, sinkDestination, storageLock } from './graph';
import { Scope, ScopeFacts, scopeOf } from './scope';
import { asBool, asList, show, SINK_TYPES } from './values';

/** The audit logs every scope must keep (Access Transparency exists only where it is enabled). */
export const AUDIT_LOG_TYPES = ['activity', 'data_access', 'system_event', 'policy'] as const;
export type AuditLogType = (typeof AUDIT_LOG_TYPES)[number];
export const AUDIT_LOG_ID = (t: AuditLogType): string => `cloudaudit.googleapis.com/${t}`;

// ---------------------------------------------------------------------------------------------
// Does a sink land in locked storage?

export type LockState = 'locked' | 'unlocked' | 'unknown' | 'disabled';

export interface SinkLock {
  readonly state: LockState;
  readonly why: string;
}

/**
 * Only a Cloud Storage bucket with a locked retention policy and a locked Cloud Logging bucket are
 * immutable; BigQuery and Pub/Sub never are. A destination that names nothing of the input is unknown.
 */
function lockOf(model: ResourceModel, sink: Resource): SinkLock {
  const disabled = asBool(model.get(sink, 'disabled'));
  if (isUnresolved(disabled)) return { state: 'unknown', why: 'disabled is a value known only at deploy' };
  if (disabled === true) return { state: 'disabled', why: 'disabled is true: the sink exports nothing' };
  const dest = sinkDestination(model, sink);
  switch (dest.kind) {
    case 'bigquery':
    case 'pubsub':
      return { state: 'unlocked', why: `destination ${dest.text} is a ${dest.kind === 'bigquery' ? 'BigQuery dataset' : 'Pub/Sub topic'}, which cannot be locked` };
    case 'other':
      return { state: 'unlocked', why: `destination ${dest.text} is not a Cloud Storage or Cloud Logging bucket` };
    case 'unknown':
    case 'project':
      return { state: 'unknown', why: dest.unresolved ?? `destination ${dest.text} cannot be resolved` };
    default:
      break;
  }
  if (dest.targets.length === 0) return { state: 'unknown', why: dest.unresolved ?? `destination ${dest.text} names no resource of the input` };
  const verdicts = dest.targets.map((t) => (t.type === 'google_storage_bucket' ? storageLock(model, t) : loggingLock(model, t)));
  const open = verdicts.find((v) => v.locked === false);
  if (open) return { state: 'unlocked', why: `destination ${dest.text} is not locked: ${open.why}` };
  const pending = verdicts.find((v) => isUnresolved(v.locked));
  if (pending) return { state: 'unknown', why: `destination ${dest.text}: ${pending.why}` };
  return { state: 'locked', why: `destination ${dest.text} is locked: ${verdicts.map((v) => v.why).join('; ')}` };
}

// ---------------------------------------------------------------------------------------------
// Which audit logs does a sink let through?

/** routed: every entry; restricted: only some, or none; unknown: cannot be told from the input. */
export interface LogCoverage {
  readonly type: AuditLogType;
  readonly state: 'routed' | 'restricted' | 'unknown';
  readonly why: string;
}

const unique = (xs: readonly string[]) => [...new Set(xs)].join(', ');

/** The entries a sink sees: its own parent's, or also its children's (include_children). */
function parentOf(model: ResourceModel, sink: Resource, scope: Scope): Parent {
  if (sink.type === 'google_logging_folder_sink' || sink.type === 'google_logging_organization_sink') {
    if (asBool(model.get(sink, 'include_children')) !== false) return { mode: 'varies' };
  }
  if (scope.cls === 'open') return { mode: 'fixed' };
  const segment = { project: 'projects', folder: 'folders', organization: 'organizations', billingAccount: 'billingAccounts' }[scope.kind];
  return { mode: 'known', text: `${segment}/${scope.key}` };
}

/** One coverage, the same for every audit log type. */
function all(state: LogCoverage['state'], why: string): LogCoverage[] {
  return AUDIT_LOG_TYPES.map((type) => ({ type, state, why }));
}

/** A sink's filter and exclusions as read once, or why they cannot be read before deploy. */
type SinkFilter =
  | { readonly unknown: string }
  | { readonly text: string; readonly node: Exclude<ReturnType<typeof parseFilter>, FilterSyntaxError> | undefined; readonly exclusions: readonly { name: string; node: ReturnType<typeof parseFilter> }[]; readonly parent: Parent };

function readSink(model: ResourceModel, sink: Resource): SinkFilter {
  const filter = model.get(sink, 'filter');
  if (isUnresolved(filter)) return { unknown: 'filter is a value known only at deploy' };
  const text = typeof filter === 'string' ? filter : '';
  const node = text.trim() === '' ? undefined : parseFilter(text);
  if (node instanceof FilterSyntaxError) return { unknown: `filter cannot be read (${node.message})` };

  const rawExclusions = model.get(sink, 'exclusions');
  if (isUnresolved(rawExclusions)) return { unknown: 'exclusions is a value known only at deploy' };
  const exclusions: { name: string; node: ReturnType<typeof parseFilter> }[] = [];
  for (const block of asList(rawExclusions)) {
    if (isUnresolved(block)) return { unknown: 'an exclusions block is a value known only at deploy' };
    if (!block || typeof block !== 'object') continue;
    const b = block as Record<string, unknown>;
    const off = asBool(b.disabled);
    if (off === true) continue;
    const name = typeof b.name === 'string' ? b.name : show(b.name);
    if (isUnresolved(off) || typeof b.filter !== 'string') return { unknown: `exclusion ${name}: disabled or filter is a value known only at deploy` };
    exclusions.push({ name, node: parseFilter(b.filter) });
  }
  return { text, node, exclusions, parent: parentOf(model, sink, scopeOf(model, sink)) };
}

/** Whether the entries of one log (by its id) pass a sink's filter and exclusions. */
function routesLog(f: Exclude<SinkFilter, { unknown: string }>, logId: string): { state: LogCoverage['state']; why: string } {
  const entries: LogEntries = { logId, parent: f.parent };
  const shown = show(f.text);
  const e = evaluate(f.node, entries);
  if (e.v === 'never') return { state: 'restricted', why: `filter ${shown} matches none of their entries` };
  if (e.v === 'sometimes') return { state: 'restricted', why: `filter ${shown} routes only the entries where ${unique(e.why)} match` };
  if (e.v === 'unsure') return { state: 'unknown', why: `whether filter ${shown} matches them depends on ${unique(e.why)}` };
  for (const x of f.exclusions) {
    if (x.node instanceof FilterSyntaxError) return { state: 'unknown', why: `exclusion ${x.name} cannot be read (${x.node.message})` };
    const xe = evaluate(x.node, entries);
    const verdict = excludes(xe);
    if (verdict === 'all') return { state: 'restricted', why: `exclusion ${x.name} drops all of their entries` };
    if (verdict === 'some') return { state: 'restricted', why: `exclusion ${x.name} drops the entries where ${unique(xe.why)} match` };
    if (verdict === 'maybe') return { state: 'unknown', why: `exclusion ${x.name} may drop entries, depending on ${unique(xe.why)}` };
  }
  return { state: 'routed', why: f.text.trim() === '' ? 'the sink has no filter (every entry)' : `filter ${shown} matches every entry` };
}

function coverageOf(model: ResourceModel, sink: Resource): readonly LogCoverage[] {
  const f = readSink(model, sink);
  if ('unknown' in f) return all('unknown', f.unknown);
  // Sinks usually share one filter: without exclusions the answer depends on the filter and the parent only.
  const key = f.exclusions.length === 0 ? `${f.parent.mode === 'known' ? f.parent.text : f.parent.mode}\n${f.text}` : undefined;
  const shared = key === undefined ? undefined : routingIndex(model).byFilter;
  const known = key === undefined ? undefined : shared?.get(key);
  if (known) return known;
  const result = AUDIT_LOG_TYPES.map((type): LogCoverage => ({ type, ...routesLog(f, AUDIT_LOG_ID(type)) }));
  if (key !== undefined) shared?.set(key, result);
  return result;
}

/** Coverage gaps as one sentence per cause: `activity, data_access audit logs: filter ... matches none of their entries`. */
export function describeGaps(gaps: readonly LogCoverage[]): string {
  const byWhy = new Map<string, AuditLogType[]>();
  for (const g of gaps) {
    const list = byWhy.get(g.why);
    if (list) list.push(g.type);
    else byWhy.set(g.why, [g.type]);
  }
  return [...byWhy].map(([why, types]) => `${types.join(', ')} audit log${types.length > 1 ? 's' : ''}: ${why}`).join('; ');
}

/**
 * Whether an exclusion drops audit entries: all of them; some (it restricts by severity or the
 * audit payload, or names the audit log and narrows it, or samples the entries, or names a
 * resource type audit entries are written under: Filter evaluation's `certain`); maybe (it narrows on fields such as
 * resource.type, which audit entries share with other logs); none. An exclusion that matches only
 * some log names (`logName:"stdout"`) is read as being about other logs.
 */
function excludes(e: Evaluation): 'all' | 'some' | 'maybe' | 'none' {
  if (e.v === 'always') return 'all';
  if (e.v === 'never') return 'none';
  if (e.v === 'unsure') return 'maybe';
  // A sample of entries, or a resource type audit entries are written under: some are certainly dropped.
  if (e.certain) return 'some';
  const fields = e.why.filter((w) => w !== 'logName parent');
  if (fields.length === 0) return 'none';
  if (e.named || fields.some((f) => f === 'severity' || f.startsWith('protoPayload'))) return 'some';
  return 'maybe';
}

// ---------------------------------------------------------------------------------------------
// Per scope

interface RoutingIndex {
  readonly locks: Map<Resource, SinkLock>;
  readonly coverage: Map<Resource, readonly LogCoverage[]>;
  /** Coverage of sinks without exclusions, by parent and filter text. */
  readonly byFilter: Map<string, readonly LogCoverage[]>;
  /** Facts `locked`, `unknown`, `unlocked` per sink scope. */
  readonly sinks: ScopeFacts;
  /** Organization and folder sinks with include_children into locked storage (or unknown). */
  readonly parentSinks: { readonly organization: Map<string, Resource>; readonly folder: Map<string, Resource> };
}

const ROUTING = modelFact('GCP sink routing', (model) => buildRouting(model));

export function routingIndex(model: ResourceModel): RoutingIndex {
  return model.fact(ROUTING);
}

function buildRouting(model: ResourceModel): RoutingIndex {
  const locks = new Map<Resource, SinkLock>();
  const sinks = new ScopeFacts();
  const parentSinks = { organization: new Map<string, Resource>(), folder: new Map<string, Resource>() };
  for (const sink of model.ofType(...SINK_TYPES)) {
    const lock = lockOf(model, sink);
    locks.set(sink, lock);
    if (lock.state === 'disabled') continue;
    sinks.add(scopeOf(model, sink), lock.state, sink);
    const kind = sink.type === 'google_logging_organization_sink' ? 'organization' : sink.type === 'google_logging_folder_sink' ? 'folder' : undefined;
    if (kind && lock.state !== 'unlocked') {
      const children = asBool(model.get(sink, 'include_children'));
      const state = children === true ? lock.state : isUnresolved(children) ? 'unknown' : undefined;
      if (state && !parentSinks[kind].has(state)) parentSinks[kind].set(state, sink);
    }
  }
  return { locks, coverage: new Map(), byFilter: new Map(), sinks, parentSinks };
}

/** Whether a sink lands in locked storage (cached). */
export function sinkLock(model: ResourceModel, sink: Resource): SinkLock {
  return routingIndex(model).locks.get(sink) ?? lockOf(model, sink);
}

/** Which audit logs a sink lets through (cached). */
export function sinkCoverage(model: ResourceModel, sink: Resource): readonly LogCoverage[] {
  const index = routingIndex(model);
  let c = index.coverage.get(sink);
  if (!c) index.coverage.set(sink, (c = coverageOf(model, sink)));
  return c;
}

interface AuditRoutes {
  /** Per sink scope: `<type>` when a sink into locked storage routes every entry, `?<type>` when that is unknown. */
  readonly facts: ScopeFacts;
  /** Organization sinks with include_children into locked storage, per audit log type routed (`?<type>` unknown). */
  readonly organization: Map<string, Resource>;
}

const ROUTES = modelFact('GCP audit routes', (model) => buildAuditRoutes(model));

/** Which audit logs reach locked storage through the sinks of each scope (built on first use). */
export function auditRoutes(model: ResourceModel): AuditRoutes {
  return model.fact(ROUTES);
}

function buildAuditRoutes(model: ResourceModel): AuditRoutes {
  const facts = new ScopeFacts();
  const organization = new Map<string, Resource>();
  for (const sink of model.ofType(...SINK_TYPES)) {
    if (sinkLock(model, sink).state !== 'locked') continue;
    const children = sink.type === 'google_logging_organization_sink' && asBool(model.get(sink, 'include_children')) === true;
    for (const c of sinkCoverage(model, sink)) {
      const fact = c.state === 'routed' ? c.type : c.state === 'unknown' ? `?${c.type}` : undefined;
      if (!fact) continue;
      facts.add(scopeOf(model, sink), fact, sink);
      if (children && !organization.has(fact)) organization.set(fact, sink);
    }
  }
  return { facts, organization };
}

// ---------------------------------------------------------------------------------------------
// Network logs: which reach locked storage, per scope

/** The network logs of Compute Engine and Cloud DNS, by the producer that writes them (the log ids of Cloud Logging). */
export const NETWORK_LOG_IDS = {
  vpcFlows: 'compute.googleapis.com/vpc_flows',
  firewall: 'compute.googleapis.com/firewall',
  natFlows: 'compute.googleapis.com/nat_flows',
  dnsQueries: 'dns.googleapis.com/dns_queries',
} as const;
export type NetworkLog = keyof typeof NETWORK_LOG_IDS;

interface NetworkRoutes {
  /** Per sink scope: `<log id>` when a sink into locked storage routes every entry of it, `?<log id>` when that is unknown. */
  readonly facts: ScopeFacts;
  /** Organization sinks with include_children into locked storage, per log id routed (`?<id>` unknown). */
  readonly organization: Map<string, Resource>;
  /** Why each sink into locked storage does not route a log, by sink and log id (for the finding). */
  readonly gaps: Map<Resource, Map<string, string>>;
  /** Whether the input has any enabled sink: the input is then where routing is decided. */
  readonly anySink: boolean;
}

const NETWORK_ROUTES = modelFact('GCP network log routes', (model): NetworkRoutes => {
  const facts = new ScopeFacts();
  const organization = new Map<string, Resource>();
  const gaps = new Map<Resource, Map<string, string>>();
  let anySink = false;
  for (const sink of model.ofType(...SINK_TYPES)) {
    const lock = sinkLock(model, sink);
    if (lock.state === 'disabled') continue;
    anySink = true;
    if (lock.state !== 'locked') continue;
    const children = sink.type === 'google_logging_organization_sink' && asBool(model.get(sink, 'include_children')) === true;
    const f = readSink(model, sink);
    const why = new Map<string, string>();
    for (const logId of Object.values(NETWORK_LOG_IDS)) {
      const c = 'unknown' in f ? { state: 'unknown' as const, why: f.unknown } : routesLog(f, logId);
      const fact = c.state === 'routed' ? logId : c.state === 'unknown' ? `?${logId}` : undefined;
      if (c.state !== 'routed') why.set(logId, c.why);
      if (!fact) continue;
      facts.add(scopeOf(model, sink), fact, sink);
      if (children && !organization.has(fact)) organization.set(fact, sink);
    }
    gaps.set(sink, why);
  }
  return { facts, organization, gaps, anySink };
});

/** Whether one sink's filter and exclusions let every entry of a log (by its id) through: routed, restricted or unknown. */
export function sinkRoutesLog(model: ResourceModel, sink: Resource, logId: string): LogCoverage['state'] {
  const f = readSink(model, sink);
  return 'unknown' in f ? 'unknown' : routesLog(f, logId).state;
}

/** Which network logs reach locked storage through the sinks of each scope (built on first use). */
export function networkRoutes(model: ResourceModel): NetworkRoutes {
  return model.fact(NETWORK_ROUTES);
}
