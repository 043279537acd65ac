/**
 * The scope (project, folder, organization, billing account) that a sink or an audit config
 * belongs to, and whether two of them are the same scope, from what the input states.
 *
 * How scopes are matched:
 * - A literal (`ml-prod`, `projects/ml-prod`, `folders/123`, or a reference the model resolves to a
 *   literal) is that scope; the `projects/`, `folders/`, `organizations/`, `billingAccounts/`
 *   prefixes are dropped. Two literals of one kind are the same scope when equal. A project id and
 *   a project number (all digits) may name the same project: that pair is only "maybe".
 * - A project sink without `project` belongs to its provider's project (the `provider`
 *   meta-argument, `google` when absent, in the resource's own configuration: a cdktf stack, the
 *   *.tf.json files of one folder, a plan). A provider block that states a literal `project` makes
 *   it that literal project; one that states none (the project comes from the environment) or one
 *   the model cannot resolve makes every such resource of that provider in that configuration one
 *   scope, which only "maybe" matches any other: two configurations never share it.
 * - A value the model cannot resolve (`${var.p}`, `${data.google_project.x.project_id}`) stands
 *   for itself: the same expression in the same configuration is the same scope (unless it varies
 *   per instance: `each.`, `count.`, `self.`), and every other scope "maybe" matches it.
 *
 * The engine does not load Terraform `data` blocks, so a data.google_project (with or without
 * project_id) cannot be resolved: such scopes never match a literal project for sure. Rules turn
 * a "maybe" match into UNKNOWN, never into a pass.
 */
import { isUnresolved, modelFact, ResourceModel, resourceFact } from '../../engine/model';
import { Resource } from '../../engine/types';

export type ScopeKind = 'project' | 'folder' | 'organization' | 'billingAccount';

/** Literal ids, literal numbers (a project id and a project number may name one project), and values known only at deploy. */
type ScopeClass = 'id' | 'number' | 'open';

export interface Scope {
  readonly kind: ScopeKind;
  /** Comparable within a kind: the literal id, or what stands for an unknown one. */
  readonly key: string;
  readonly cls: ScopeClass;
  /** How a reason names it. */
  readonly label: string;
}

export type ScopeMatch = 'yes' | 'no' | 'maybe';

/** The scope property of each sink, audit config and asset feed type, and the project a google_project is. */
export const SCOPE_PROPERTY: Readonly<Record<string, { readonly kind: ScopeKind; readonly property: string }>> = {
  google_logging_project_sink: { kind: 'project', property: 'project' },
  google_logging_folder_sink: { kind: 'folder', property: 'folder' },
  google_logging_organization_sink: { kind: 'organization', property: 'org_id' },
  google_logging_billing_account_sink: { kind: 'billingAccount', property: 'billing_account' },
  google_project_iam_audit_config: { kind: 'project', property: 'project' },
  google_folder_iam_audit_config: { kind: 'folder', property: 'folder' },
  google_organization_iam_audit_config: { kind: 'organization', property: 'org_id' },
  google_project_iam_policy: { kind: 'project', property: 'project' },
  google_folder_iam_policy: { kind: 'folder', property: 'folder' },
  google_organization_iam_policy: { kind: 'organization', property: 'org_id' },
  google_project: { kind: 'project', property: 'project_id' },
  google_cloud_asset_project_feed: { kind: 'project', property: 'project' },
  google_cloud_asset_folder_feed: { kind: 'folder', property: 'folder' },
  google_cloud_asset_organization_feed: { kind: 'organization', property: 'org_id' },
};

const PREFIX: Record<ScopeKind, string> = { project: 'projects/', folder: 'folders/', organization: 'organizations/', billingAccount: 'billingAccounts/' };
const WHOLE_EXPR = /^\$\{\s*([^{}]*?)\s*\}$/;
const PER_INSTANCE = /\b(each|count|self)\./;

/** The scope of a sink or an audit config (a fact of the model). */
export const scopeOf: (model: ResourceModel, resource: Resource) => Scope = resourceFact('GCP scope', (model, resource) => resolveScope(model, resource));

function resolveScope(model: ResourceModel, resource: Resource): Scope {
  const { kind, property } = SCOPE_PROPERTY[resource.type] ?? { kind: 'project', property: 'project' };
  const named = scopeAt(model, resource, kind, property);
  if (named) return named;
  if (kind === 'project') return defaultProject(model, resource);
  return { kind, key: `absent:${resource.sourceFile}|${resource.address}`, cls: 'open', label: `${property} absent` };
}

/** The default projects of the providers of each configuration, one Scope each: most sinks of a cdktf stack name no project. */
const DEFAULT_PROJECTS = modelFact('GCP default projects', () => new Map<string, Scope>());

/** The project of a resource's provider (`google`, `google.west`) in its configuration, one object per model, configuration and provider. */
function defaultProject(model: ResourceModel, resource: Resource): Scope {
  const provider = providerOf(resource);
  const configuration = model.configurationOf(resource);
  const known = model.fact(DEFAULT_PROJECTS);
  const id = `${configuration}\n${provider}`;
  let scope = known.get(id);
  if (!scope) {
    const block = model.provider(resource, provider);
    const stated = block?.body.project;
    const value = stated === undefined || stated === null ? undefined : model.resolve(stated, { sourceFile: block!.file, format: resource.format });
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim().replace(/^projects\//, '') : '';
    scope = text
      ? { kind: 'project', key: text, cls: /^\d+$/.test(text) ? 'number' : 'id', label: `project ${text} (the project of provider ${provider}; no project argument)` }
      : { kind: 'project', key: `provider:${configuration}|${provider}`, cls: 'open', label: `the default project of provider ${provider} (no project argument)` };
    known.set(id, scope);
  }
  return scope;
}

/**
 * The scope a property of a resource names, matched as above (a google_project's `folder_id` or
 * `org_id`), or undefined when the property is absent.
 */
export function scopeAt(model: ResourceModel, resource: Resource, kind: ScopeKind, property: string): Scope | undefined {
  const raw = resource.properties[property];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = model.resolve(raw, resource);
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value).trim();
    const id = text.startsWith(PREFIX[kind]) ? text.slice(PREFIX[kind].length) : text;
    return { kind, key: id, cls: /^\d+$/.test(id) ? 'number' : 'id', label: `${kind} ${id}` };
  }
  const written = typeof raw === 'string' ? raw.trim() : isUnresolved(raw) ? '(known only after apply)' : String(JSON.stringify(raw));
  const expr = WHOLE_EXPR.exec(written)?.[1] ?? written;
  const unique = PER_INSTANCE.test(expr) || isUnresolved(raw) ? `|${resource.address}` : '';
  const hint = expr.startsWith('data.') ? ', a data source the engine does not load' : ' (known only at deploy)';
  return { kind, key: `expr:${model.configurationOf(resource)}|${expr.replace(/\s+/g, ' ')}${unique}`, cls: 'open', label: `${kind} ${written}${hint}` };
}

/** The provider a resource uses: its `provider` meta-argument (`google.west`), else `google`. */
function providerOf(resource: Resource): string {
  const p = resource.attributes.provider;
  if (typeof p !== 'string' || p.trim() === '') return 'google';
  return WHOLE_EXPR.exec(p.trim())?.[1] ?? p.trim();
}

/** Whether two scopes are the same: for sure, surely not, or maybe. */
export function sameScope(a: Scope, b: Scope): ScopeMatch {
  if (a.kind !== b.kind) return 'no';
  if (a.key === b.key) return 'yes';
  if (a.cls === 'open' || b.cls === 'open' || a.cls !== b.cls) return 'maybe';
  return 'no';
}

interface Holder {
  readonly group: string;
  readonly resource: Resource;
}

/**
 * Facts ("audits allServices", "has a locked sink", "routes the activity log") recorded per scope,
 * answering "which facts hold for this scope for sure" and "which may hold, through a scope that
 * may be the same one" with map look-ups, so a rule judging every resource stays linear.
 */
export class ScopeFacts {
  /** `kind|key` -> fact -> the first resource that stated it. */
  private readonly groups = new Map<string, Map<string, Resource>>();
  /** `kind|class` -> fact -> the groups holding it (first two, and how many). */
  private readonly byClass = new Map<string, Map<string, { count: number; first: Holder[] }>>();

  public add(scope: Scope, fact: string, resource: Resource): void {
    const group = `${scope.kind}|${scope.key}`;
    let facts = this.groups.get(group);
    if (!facts) this.groups.set(group, (facts = new Map()));
    if (facts.has(fact)) return;
    facts.set(fact, resource);
    const cls = `${scope.kind}|${scope.cls}`;
    let counts = this.byClass.get(cls);
    if (!counts) this.byClass.set(cls, (counts = new Map()));
    const entry = counts.get(fact);
    if (entry) {
      entry.count++;
      if (entry.first.length < 2) entry.first.push({ group, resource });
    } else counts.set(fact, { count: 1, first: [{ group, resource }] });
  }

  /** Facts of this very scope, with the resource that stated each. */
  public same(scope: Scope): ReadonlyMap<string, Resource> {
    return this.groups.get(`${scope.kind}|${scope.key}`) ?? EMPTY;
  }

  /** Facts of scopes that may be this one (not those of the scope itself), with one resource each. */
  public maybe(scope: Scope): Map<string, Resource> {
    const own = `${scope.kind}|${scope.key}`;
    const out = new Map<string, Resource>();
    const classes: ScopeClass[] = scope.cls === 'id' ? ['number', 'open'] : scope.cls === 'number' ? ['id', 'open'] : ['id', 'number', 'open'];
    for (const cls of classes) {
      for (const [fact, entry] of this.byClass.get(`${scope.kind}|${cls}`) ?? []) {
        if (out.has(fact)) continue;
        const other = entry.first.find((h) => h.group !== own);
        if (other) out.set(fact, other.resource);
      }
    }
    return out;
  }
}

const EMPTY: ReadonlyMap<string, Resource> = new Map();
