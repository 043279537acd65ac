/**
 * Which audit configs of the input switch Data Access logs on for a google_project: a project
 * config of that project (by a reference to the google_project, or a scope that matches its
 * project_id), a folder config of its folder_id, or an organization config (of its org_id when it
 * states one; else an organization config of the input is taken to be its organization's, as
 * AuditServiceCoverage does). A folder config of another folder may be a parent folder's, which
 * the input does not say: "maybe". Each answer is yes, maybe (UNKNOWN) or no.
 */
import { isUnresolved, modelFact, ResourceModel, resourceFact, UNRESOLVED } from '../../engine/model';
import { compliant, Judgement, nonCompliant, Resource, unknown } from '../../engine/types';
import { sameScope, scopeAt, scopeOf, ScopeMatch, SCOPE_PROPERTY } from './scope';
import { asList, AUDIT_CONFIG_TYPES, IAM_POLICY_TYPES, rawAt, show } from './values';

// ---------------------------------------------------------------------------------------------
// Authoritative IAM policies (google_project_iam_policy, _folder_, _organization_)

/** One audit config a policy_data carries, in the arguments of a google_*_iam_audit_config (values UNRESOLVED where unknown). */
export interface PolicyDataAuditConfig {
  readonly service: unknown;
  /** `{ log_type, exempted_members }` blocks, or UNRESOLVED. */
  readonly audit_log_config: unknown;
}

/** The audit configs an authoritative IAM policy sets on its parent, when its policy_data is resolvable. */
export type PolicyAuditConfigs =
  | { readonly known: true; readonly from: string; readonly configs: readonly PolicyDataAuditConfig[] }
  | { readonly known: false; readonly why: string };

const DATA_IAM_POLICY = /^\$\{\s*(data\.google_iam_policy\.[A-Za-z_][A-Za-z0-9_-]*)\.policy_data\s*\}$/;

/** A value of a data block as written: every interpolation is known only at deploy (the engine does not evaluate data sources). */
function written(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('${') ? UNRESOLVED : value;
  if (Array.isArray(value)) return value.map(written);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = written(v);
    return out;
  }
  return value;
}

const record = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** policy_data as the IAM API writes a policy: `{ bindings, auditConfigs: [{ service, auditLogConfigs: [{ logType, exemptedMembers }] }] }`. */
function fromJson(text: string): PolicyAuditConfigs {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { known: false, why: 'policy_data is not JSON' };
  }
  const policy = record(doc);
  if (!policy) return { known: false, why: 'policy_data is not a JSON object' };
  const list = policy.auditConfigs;
  if (list !== undefined && !Array.isArray(list)) return { known: false, why: 'policy_data auditConfigs is not a list' };
  const configs = (list ?? []).map((c): PolicyDataAuditConfig => {
    const entry = record(c) ?? {};
    const logs = entry.auditLogConfigs;
    return {
      service: entry.service,
      audit_log_config: logs !== undefined && !Array.isArray(logs) ? UNRESOLVED : (logs ?? []).map((l) => ({ log_type: record(l)?.logType, exempted_members: record(l)?.exemptedMembers })),
    };
  });
  return { known: true, from: 'policy_data', configs };
}

/** A data.google_iam_policy block: `audit_config { service, audit_log_configs { log_type, exempted_members } }`. */
function fromDataSource(body: unknown, address: string): PolicyAuditConfigs {
  const block = record(Array.isArray(body) && body.length === 1 ? body[0] : body);
  if (!block) return { known: false, why: `${address} is not a block` };
  if (record(block.dynamic)?.audit_config !== undefined) return { known: false, why: `${address} writes audit_config in a dynamic block` };
  const configs = asList(block.audit_config).map((c): PolicyDataAuditConfig => {
    const entry = record(c);
    if (!entry) return { service: UNRESOLVED, audit_log_config: UNRESOLVED };
    const dynamicLogs = record(entry.dynamic)?.audit_log_configs !== undefined;
    return { service: written(entry.service), audit_log_config: dynamicLogs ? UNRESOLVED : asList(written(entry.audit_log_configs)) };
  });
  return { known: true, from: address, configs };
}

/**
 * The audit configs an authoritative IAM policy sets: those of its policy_data, a JSON string (a
 * plan records the policy as one) or a reference to a data.google_iam_policy of its configuration
 * (how cdktf writes DataGoogleIamPolicy.policyData). Anything else (a variable, jsonencode(), a
 * data source the input does not declare) is known only at deploy.
 */
export const policyAuditConfigs: (model: ResourceModel, policy: Resource) => PolicyAuditConfigs = resourceFact('GCP IAM policy audit configs', (model, policy) => {
  const raw = rawAt(policy, 'policy_data');
  const ref = typeof raw === 'string' ? DATA_IAM_POLICY.exec(raw.trim())?.[1] : undefined;
  if (ref) {
    const body = model.dataSource(policy, ref);
    return body === undefined ? { known: false, why: `policy_data is ${ref}, which the input does not declare` } : fromDataSource(body, ref);
  }
  const value = model.get(policy, 'policy_data');
  if (isUnresolved(value)) return { known: false, why: 'policy_data is a value known only at deploy' };
  if (typeof value !== 'string') return { known: false, why: `policy_data is ${show(value)}` };
  return fromJson(value);
});

/** The audit config type of a policy's parent kind, and back. */
const COUNTERPART: Record<string, string> = {
  google_project_iam_policy: 'google_project_iam_audit_config',
  google_folder_iam_policy: 'google_folder_iam_audit_config',
  google_organization_iam_policy: 'google_organization_iam_audit_config',
  google_project_iam_audit_config: 'google_project_iam_policy',
  google_folder_iam_audit_config: 'google_folder_iam_policy',
  google_organization_iam_audit_config: 'google_organization_iam_policy',
};

const POLICIES = modelFact('GCP authoritative IAM policies', (model) => model.ofType(...IAM_POLICY_TYPES));

/**
 * The resources that set the audit configs of the same parent as `r` the other way: for an
 * authoritative IAM policy, the google_*_iam_audit_config of its parent; for an audit config, the
 * authoritative policies of its parent. The provider says they fight: each apply undoes the other.
 */
export function competingAuditSetters(model: ResourceModel, r: Resource): { readonly resource: Resource; readonly match: ScopeMatch }[] {
  const other = COUNTERPART[r.type];
  if (!other) return [];
  const candidates = other.endsWith('_iam_policy') ? model.fact(POLICIES).filter((p) => p.type === other) : model.ofType(other);
  if (candidates.length === 0) return [];
  const scope = scopeOf(model, r);
  const out: { resource: Resource; match: ScopeMatch }[] = [];
  for (const c of candidates) {
    const match = sameScope(scope, scopeOf(model, c));
    if (match !== 'no') out.push({ resource: c, match });
  }
  return out;
}

/** NON_COMPLIANT when another resource sets the audit configs of the same parent the other way; UNKNOWN when one may; undefined otherwise. */
export function judgeCompeting(model: ResourceModel, r: Resource): Judgement | undefined {
  const competing = competingAuditSetters(model, r);
  const label = scopeOf(model, r).label;
  const sure = competing.filter((c) => c.match === 'yes').map((c) => c.resource.address);
  if (sure.length > 0) {
    return nonCompliant(
      `${r.address} and ${sure.join(', ')} both set the audit configs of ${label}: an authoritative IAM policy replaces the whole policy, ` +
        'its auditConfigs included, and the provider says it cannot be used with google_*_iam_audit_config or they will fight; which audit configs stand depends on the order of applies',
    );
  }
  if (competing.length > 0) {
    return unknown(`${competing.map((c) => c.resource.address).join(', ')} may set the audit configs of ${label} too (the same parent or not, the input does not say); an authoritative IAM policy and an audit config of one parent fight`);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// google_project Data Access coverage

/** The Data Access log types; without both, the reads and writes of data go unrecorded. */
export const DATA_ACCESS_LOG_TYPES = ['DATA_READ', 'DATA_WRITE'] as const;

export interface ProjectAuditConfig {
  readonly config: Resource;
  /** Whether the config is for this project, or for a folder or organization above it. */
  readonly applies: ScopeMatch;
  /** Its service, or '?' when known only at deploy. */
  readonly service: string;
  /** Whether its audit_log_config blocks include DATA_READ and DATA_WRITE. */
  readonly dataAccess: ScopeMatch;
}

/** Every audit config of the input, with whether it applies to the project and logs Data Access. */
export function projectAuditConfigs(model: ResourceModel, project: Resource): ProjectAuditConfig[] {
  const out: ProjectAuditConfig[] = model.ofType(...AUDIT_CONFIG_TYPES).map((config) => {
    const service = model.get(config, 'service');
    // An audit config an authoritative policy of its parent fights may be undone by the next apply of that policy.
    const fight = competingAuditSetters(model, config).reduce<ScopeMatch>((m, c) => weakest(m, c.match === 'yes' ? 'no' : 'maybe'), 'yes');
    return { config, applies: appliesTo(model, config, project), service: typeof service === 'string' ? service : '?', dataAccess: weakest(logsDataAccess(model.get(config, 'audit_log_config')), fight) };
  });
  for (const policy of model.fact(POLICIES)) {
    const applies = appliesTo(model, policy, project);
    const read = policyAuditConfigs(model, policy);
    if (!read.known) {
      out.push({ config: policy, applies, service: '?', dataAccess: 'maybe' });
      continue;
    }
    for (const c of read.configs) out.push({ config: policy, applies, service: typeof c.service === 'string' ? c.service : '?', dataAccess: logsDataAccess(c.audit_log_config) });
  }
  return out;
}

function appliesTo(model: ResourceModel, config: Resource, project: Resource): ScopeMatch {
  const scope = scopeOf(model, config);
  const kind = SCOPE_PROPERTY[config.type]?.kind;
  if (kind === 'project') {
    if (model.targets(config.properties.project, config).includes(project)) return 'yes';
    return sameScope(scope, scopeOf(model, project));
  }
  if (kind === 'folder') {
    const folder = scopeAt(model, project, 'folder', 'folder_id');
    if (!folder) return 'no';
    return sameScope(scope, folder) === 'yes' ? 'yes' : 'maybe';
  }
  const org = scopeAt(model, project, 'organization', 'org_id');
  return org ? sameScope(scope, org) : 'yes';
}

function logsDataAccess(blocks: unknown): ScopeMatch {
  if (isUnresolved(blocks)) return 'maybe';
  const types = new Set<string>();
  let open = false;
  for (const block of asList(blocks)) {
    const type = isUnresolved(block) ? block : block && typeof block === 'object' ? (block as Record<string, unknown>).log_type : undefined;
    if (typeof type === 'string') types.add(type);
    else if (isUnresolved(type)) open = true;
  }
  if (DATA_ACCESS_LOG_TYPES.every((t) => types.has(t))) return 'yes';
  return open ? 'maybe' : 'no';
}

const RANK: Record<ScopeMatch, number> = { no: 0, maybe: 1, yes: 2 };
const weakest = (...ms: ScopeMatch[]): ScopeMatch => ms.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));

/** How surely one config logs DATA_READ and DATA_WRITE of a service in the project. */
function covers(c: ProjectAuditConfig, service: string): ScopeMatch {
  const named: ScopeMatch = c.service === 'allServices' || c.service === service ? 'yes' : c.service === '?' ? 'maybe' : 'no';
  return weakest(c.applies, named, c.dataAccess);
}

/**
 * A google_project of the input: Data Access logs are off by default, so a project no audit config
 * switches them on for (DATA_READ and DATA_WRITE, for allServices or for each of `services`)
 * leaves no record of who read or changed its data, and no audit config is there to be judged.
 */
export function judgeProjectDataAccess(model: ResourceModel, project: Resource, services: readonly string[]): Judgement {
  const label = scopeOf(model, project).label;
  const configs = projectAuditConfigs(model, project);
  const found = services.map((service) => {
    const ranked = configs.map((c) => ({ c, m: covers(c, service) })).sort((a, b) => RANK[b.m] - RANK[a.m]);
    return { service, best: ranked[0]?.m ?? 'no', by: ranked[0]?.c.config };
  });
  const by = (f: (typeof found)[number]) => `${f.service} by ${f.by!.address}`;
  if (found.every((f) => f.best === 'yes')) return compliant(`DATA_READ and DATA_WRITE are logged for ${label}: ${found.map(by).join(', ')}`);
  const missing = found.filter((f) => f.best === 'no').map((f) => f.service);
  if (missing.length === 0) {
    return unknown(`${found.filter((f) => f.best === 'maybe').map(by).join(', ')}: may or may not apply to ${label} and log DATA_READ and DATA_WRITE`);
  }
  const fought = (c: ProjectAuditConfig) => c.config.type.endsWith('_audit_config') && competingAuditSetters(model, c.config).some((x) => x.match === 'yes');
  const short = configs.filter((c) => c.applies === 'yes' && c.dataAccess === 'no' && !fought(c)).map((c) => `${c.config.address} (${c.service}) does not log both`);
  for (const policy of model.fact(POLICIES)) {
    if (appliesTo(model, policy, project) !== 'yes') continue;
    const read = policyAuditConfigs(model, policy);
    if (read.known && read.configs.length === 0) short.push(`${policy.address} replaces the audit configs of ${scopeOf(model, policy).label} with none`);
  }
  for (const c of configs) {
    if (c.applies !== 'yes' || !fought(c)) continue;
    const sure = competingAuditSetters(model, c.config).filter((x) => x.match === 'yes');
    if (sure.length > 0) short.push(`${c.config.address} fights ${sure.map((x) => x.resource.address).join(', ')}`);
  }
  return nonCompliant(
    `no audit config of the input logs DATA_READ and DATA_WRITE for allServices or ${missing.join(', ')} in ${label}: ` +
      `Data Access logs are off by default${short.length > 0 ? `; ${short.join('; ')}` : ''}`,
  );
}
