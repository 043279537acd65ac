import { InputError } from './errors';
import { kind } from './load-cloudformation';
import { CONFIGURED_KEYS_ATTRIBUTE, PLAN_REFERENCES_ATTRIBUTE, UNRESOLVED, cloudOf } from './model';
import { SourceLocator } from './parse';
import { LoadedTemplate, ModuleCall, isPlainObject } from './template';
import { PLAN_DESTROYS_ATTRIBUTE, Resource } from './types';

/** Whether a parsed document is `terraform show -json` output (a plan, or a state). */
export function looksLikeTerraformPlan(doc: Record<string, unknown>): boolean {
  return 'planned_values' in doc || ('format_version' in doc && 'terraform_version' in doc && 'values' in doc);
}

/**
 * `terraform show -json` output as resources: `planned_values.root_module` (or a state's
 * `values.root_module`) with its child modules, managed resources only, address as the plan
 * writes it (`module.net.aws_vpc.main[0]`), values as properties.
 *
 * A plan omits values only known after apply. From `resource_changes[].change.after_unknown`
 * the loader puts them back as unknown: as a `${address.attr}` reference when the configuration
 * says where the value comes from (so the resolver and the referrer index can follow it), or
 * UNRESOLVED. References in the configuration are also recorded per resource, so that
 * `referrers()` works where the referenced value was already known at plan time.
 * A plan carries no cdktf `//` metadata: no construct path and no acknowledgements (use a
 * suppressions file).
 * Module calls (the configuration's `module_calls`, the planned child modules) are recorded, all
 * followed: the plan holds their resources.
 */
export function loadTerraformPlan(doc: Record<string, unknown>, file: string, locator?: SourceLocator): LoadedTemplate {
  // Terraform 0.12 to 1.0 write 0.1 and 0.2; 1.x is the stable format. A 2.x would change its meaning.
  const version = doc.format_version;
  if (typeof version === 'string' && !/^[01]\./.test(version)) {
    throw new InputError(`${file}: terraform JSON format_version ${version} is not supported (0.x and 1.x are)`);
  }
  // Terraform 1.5+ says whether planning failed part way (errored), 1.8+ whether the plan covers
  // every resource of the configuration (complete: false after -target or deferred changes).
  for (const key of ['errored', 'complete'] as const) {
    if (doc[key] !== undefined && typeof doc[key] !== 'boolean') throw new InputError(`${file}: ${key} must be true or false, got ${kind(doc[key])}`);
  }
  if (doc.errored === true) throw new InputError(`${file}: an errored plan ("errored": true): Terraform's planning failed part way, so it leaves out changes and cannot be applied; check the plan of a terraform plan that succeeds`);
  if (doc.complete === false) throw new InputError(`${file}: an incomplete plan ("complete": false: planned with -target, or with changes deferred) leaves out resources of its configuration; check a plan of the whole configuration`);
  const values = isPlainObject(doc.planned_values) ? doc.planned_values : isPlainObject(doc.values) ? doc.values : undefined;
  if (!values) throw new InputError(`${file}: terraform plan without planned_values, got ${kind(doc.planned_values)}`);
  const unknowns = new Map<string, unknown>();
  // The changes that destroy a current object (a delete, or a replace), by address: a deposed
  // object's change (a leftover of create_before_destroy) is about another object, never this one.
  const destroys = new Map<string, { actions: string[]; rc: Record<string, unknown> }>();
  if (Array.isArray(doc.resource_changes)) {
    for (const rc of doc.resource_changes) {
      if (!isPlainObject(rc) || typeof rc.address !== 'string' || !isPlainObject(rc.change) || rc.deposed !== undefined) continue;
      if (rc.change.after_unknown !== undefined) unknowns.set(rc.address, rc.change.after_unknown);
      const actions = rc.change.actions;
      if (Array.isArray(actions) && actions.includes('delete') && (rc.mode === undefined || rc.mode === 'managed')) destroys.set(rc.address, { actions: actions.filter((a): a is string => typeof a === 'string'), rc });
    }
  }
  const config = new Map<string, Record<string, unknown>>();
  const modules = new Map<string, ModuleCall>();
  if (isPlainObject(doc.configuration)) collectConfig(doc.configuration.root_module, '', config, 0, modules);

  const resources: Resource[] = [];
  const walk = (mod: unknown, where: string, depth: number): void => {
    if (mod === undefined || mod === null) return;
    if (!isPlainObject(mod)) throw new InputError(`${file}: ${where} must be an object, got ${kind(mod)}`);
    if (depth > 100) throw new InputError(`${file}: modules nested deeper than 100`);
    if (mod.resources !== undefined && !Array.isArray(mod.resources)) throw new InputError(`${file}: ${where}.resources must be a list, got ${kind(mod.resources)}`);
    for (const r of (mod.resources ?? []) as unknown[]) {
      if (!isPlainObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string') {
        throw new InputError(`${file}: every resource of ${where} needs an address and a type`);
      }
      if (r.mode !== undefined && r.mode !== 'managed') continue;
      resources.push(toResource(r, file, unknowns.get(r.address), config, destroys.get(r.address)?.actions));
    }
    if (mod.child_modules !== undefined && !Array.isArray(mod.child_modules)) throw new InputError(`${file}: ${where}.child_modules must be a list`);
    for (const child of (mod.child_modules ?? []) as unknown[]) {
      const bare = isPlainObject(child) && typeof child.address === 'string' ? child.address.replace(/\[[^\]]*\]/g, '') : undefined;
      if (bare && !modules.has(bare)) modules.set(bare, { name: bare, followed: true });
      walk(child, isPlainObject(child) && typeof child.address === 'string' ? child.address : `${where}.child_modules[]`, depth + 1);
    }
  };
  walk(values.root_module, 'root_module', 0);
  // A resource the plan deletes is in none of its planned values: judged as it was before (its
  // change's `before`), marked as destroyed, so that the store a producer still names is found and
  // the rules of deletion fail on it, never "names no store of the inputs".
  const planned = new Set(resources.map((r) => r.address));
  for (const [address, { actions, rc }] of destroys) {
    if (planned.has(address) || typeof rc.type !== 'string') continue;
    const before = isPlainObject(rc.change) ? rc.change.before : undefined;
    resources.push(toResource({ address, type: rc.type, name: rc.name, index: rc.index, provider_name: rc.provider_name, values: isPlainObject(before) ? before : {} }, file, undefined, config, actions));
  }
  const moduleCalls = [...modules.values()];
  // A resource is the object of planned_values (or a state's values) whose "address" is its address.
  const within = isPlainObject(doc.planned_values) ? 'planned_values' : 'values';
  return { file, format: 'terraform-plan', resources, exports: [], parameters: new Map(), locator, keyPath: () => [within], addressValue: { within: [within], key: 'address' }, moduleCalls };
}

function toResource(r: Record<string, unknown>, file: string, afterUnknown: unknown, config: Map<string, Record<string, unknown>>, destroyedBy?: readonly string[]): Resource {
  const address = r.address as string;
  const type = r.type as string;
  // The parsed document is ours: unknowns are filled in place.
  const properties = isPlainObject(r.values) ? r.values : {};
  // The module instance path (`module.a[0].module.b.`) and the configuration key (`module.a.module.b`).
  const modulePath = moduleInstancePath(address, type);
  const expressions = config.get(`${modulePath.replace(/\[[^\]]*\]/g, '')}${type}.${r.name as string}`);
  const expr = isPlainObject(expressions?.expressions) ? expressions.expressions : undefined;
  if (afterUnknown !== undefined) fillUnknown(properties, afterUnknown, expr, modulePath, 0);
  const references = collectReferences(expr, modulePath, 0);
  return {
    address,
    type,
    properties,
    attributes: { [PLAN_REFERENCES_ATTRIBUTE]: references, [CONFIGURED_KEYS_ATTRIBUTE]: expressions ? Object.keys(expr ?? {}) : undefined, index: r.index, provider_name: r.provider_name, ...(destroyedBy ? { [PLAN_DESTROYS_ATTRIBUTE]: destroyedBy } : {}) },
    sourceFile: file,
    format: 'terraform-plan',
    cloud: cloudOf(type),
    suppressions: [],
  };
}

function moduleInstancePath(address: string, type: string): string {
  const i = address.lastIndexOf(`${type}.`);
  return i > 0 ? address.slice(0, i) : '';
}

/** Configuration resources by `module.a.module.b.type.name` (no instance keys), and the module calls. */
function collectConfig(mod: unknown, prefix: string, out: Map<string, Record<string, unknown>>, depth: number, modules: Map<string, ModuleCall>): void {
  if (!isPlainObject(mod) || depth > 100) return;
  if (Array.isArray(mod.resources)) {
    for (const r of mod.resources) {
      if (isPlainObject(r) && typeof r.address === 'string' && r.mode !== 'data') out.set(`${prefix}${r.address}`, r);
    }
  }
  if (isPlainObject(mod.module_calls)) {
    for (const [name, call] of Object.entries(mod.module_calls)) {
      if (!isPlainObject(call)) continue;
      const address = `${prefix}module.${name}`;
      modules.set(address, { name: address, ...(typeof call.source === 'string' ? { source: call.source } : {}), followed: true });
      collectConfig(call.module, `${address}.`, out, depth + 1, modules);
    }
  }
}

/** Put unknown leaves back: `${ref}` when the expression names a resource attribute, UNRESOLVED otherwise. */
function fillUnknown(values: Record<string, unknown> | unknown[], unknown: unknown, expr: unknown, modulePath: string, depth: number): void {
  if (depth > 32 || unknown === null || typeof unknown !== 'object') return;
  const entries: [string | number, unknown][] = Array.isArray(unknown) ? unknown.map((u, i) => [i, u]) : Object.entries(unknown);
  for (const [k, u] of entries) {
    const subExpr = exprAt(expr, k);
    const container = values as Record<string | number, unknown>;
    if (u === true) {
      if (container[k] === undefined || container[k] === null) container[k] = referenceFor(subExpr, modulePath) ?? UNRESOLVED;
    } else if (u !== null && typeof u === 'object') {
      const existing = container[k];
      if (existing === undefined || existing === null || typeof existing !== 'object') container[k] = Array.isArray(u) ? [] : {};
      fillUnknown(container[k] as Record<string, unknown>, u, subExpr, modulePath, depth + 1);
    }
  }
}

function exprAt(expr: unknown, k: string | number): unknown {
  if (Array.isArray(expr)) return typeof k === 'number' ? expr[k] : expr[0] && isPlainObject(expr[0]) ? expr[0][k] : undefined;
  return isPlainObject(expr) ? expr[String(k)] : undefined;
}

const RESOURCE_ATTR_REF = /^(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?\.[A-Za-z_]/;

function referenceFor(expr: unknown, modulePath: string): string | undefined {
  if (!isPlainObject(expr) || !Array.isArray(expr.references)) return undefined;
  const ref = expr.references.find((x): x is string => typeof x === 'string' && RESOURCE_ATTR_REF.test(x) && !/^(var|local|each|count|path|terraform|self)\./.test(x));
  return ref ? `\${${modulePath}${ref}}` : undefined;
}

/** Resource addresses (module-qualified) that an expressions block references anywhere. */
function collectReferences(expr: unknown, modulePath: string, depth: number, out: string[] = []): string[] {
  if (depth > 32 || expr === null || typeof expr !== 'object') return out;
  if (Array.isArray(expr)) {
    for (const e of expr) collectReferences(e, modulePath, depth + 1, out);
    return out;
  }
  const obj = expr as Record<string, unknown>;
  if (Array.isArray(obj.references)) {
    for (const ref of obj.references) {
      const m = typeof ref === 'string' ? /^([a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?)$/.exec(ref) : null;
      if (m && !/^(var|local|each|count|path|terraform|self|data|module)\./.test(m[1])) out.push(`${modulePath}${m[1]}`);
    }
  }
  for (const k in obj) if (k !== 'references' && k !== 'constant_value') collectReferences(obj[k], modulePath, depth + 1, out);
  return out;
}
