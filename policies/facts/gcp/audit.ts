/**
 * Which audit configs of the input switch Data Access logs on for a google_project: a project
 * config of that project (by a reference to the google_project, or a scope that matches its
 * project_id), a folder config of its folder_id, or an organization config (of its org_id when it
 * states one; else an organization config of the input is taken to be its organization's, as
 * AuditServiceCoverage does). A folder config of another folder may be a parent folder's, which
 * the input does not say: "maybe". Each answer is yes, maybe (UNKNOWN) or no.
 */
import { isUnresolved, ResourceModel } from '../../engine/model';
import { compliant, Judgement, nonCompliant, Resource, unknown } from '../../engine/types';
import { sameScope, scopeAt, scopeOf, ScopeMatch } from './scope';
import { asList, AUDIT_CONFIG_TYPES } from './values';

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
  return model.ofType(...AUDIT_CONFIG_TYPES).map((config) => {
    const service = model.get(config, 'service');
    return { config, applies: appliesTo(model, config, project), service: typeof service === 'string' ? service : '?', dataAccess: logsDataAccess(model, config) };
  });
}

function appliesTo(model: ResourceModel, config: Resource, project: Resource): ScopeMatch {
  const scope = scopeOf(model, config);
  if (config.type === 'google_project_iam_audit_config') {
    if (model.targets(config.properties.project, config).includes(project)) return 'yes';
    return sameScope(scope, scopeOf(model, project));
  }
  if (config.type === 'google_folder_iam_audit_config') {
    const folder = scopeAt(model, project, 'folder', 'folder_id');
    if (!folder) return 'no';
    return sameScope(scope, folder) === 'yes' ? 'yes' : 'maybe';
  }
  const org = scopeAt(model, project, 'organization', 'org_id');
  return org ? sameScope(scope, org) : 'yes';
}

function logsDataAccess(model: ResourceModel, config: Resource): ScopeMatch {
  const blocks = model.get(config, 'audit_log_config');
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
  const short = configs.filter((c) => c.applies === 'yes' && c.dataAccess === 'no').map((c) => `${c.config.address} (${c.service}) does not log both`);
  return nonCompliant(
    `no audit config of the input logs DATA_READ and DATA_WRITE for allServices or ${missing.join(', ')} in ${label}: ` +
      `Data Access logs are off by default${short.length > 0 ? `; ${short.join('; ')}` : ''}`,
  );
}
