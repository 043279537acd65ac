import { InputError } from './errors';
import { kind } from './load-cloudformation';
import { EXISTENCE_ATTRIBUTE, UNRESOLVED, cloudOf } from './model';
import { KeyCensus, SourceLocator } from './parse';
import { NO_SUPPRESSIONS, SUPPRESSION_METADATA_KEY, parseAcknowledgements } from './suppressions';
import { LoadedTemplate, ModuleCall, NotCreated, TerraformBackend, TerraformBlock, TerraformNamedBlock, TerraformProvider, isPlainObject } from './template';
import { OVERRIDDEN_BY_ATTRIBUTE, Resource } from './types';

/** Meta-arguments and the cdktf `//` comment: attributes of the resource, not provider properties. */
const META_ARGUMENTS = new Set(['//', 'lifecycle', 'depends_on', 'count', 'for_each', 'provider', 'connection', 'provisioner']);

/**
 * The names of Terraform's JSON configuration files: `*.tf.json`, and OpenTofu's `*.tofu.json`
 * (OpenTofu reads both in a folder; Terraform ignores `.tofu.json`).
 */
export function isTerraformJsonFile(file: string): boolean {
  return file.endsWith('.tf.json') || file.endsWith('.tofu.json');
}

/**
 * The `.tofu.json` file that replaces a `.tf.json` file of the same name in its folder, as
 * OpenTofu reads a folder ("Extension Precedence": of `foo.tf.json` and `foo.tofu.json`, only
 * `foo.tofu.json` is loaded); undefined for any other name.
 */
export function tofuReplacementOf(file: string): string | undefined {
  return file.endsWith('.tf.json') ? `${file.slice(0, -'.tf.json'.length)}.tofu.json` : undefined;
}

/**
 * Whether a parsed document is shaped like Terraform JSON configuration (cdk.tf.json, *.tf.json).
 * A file named `*.tf.json` or `*.tofu.json` is Terraform's by its name: one that holds only module
 * calls, data sources, variables, outputs or locals is one too (it may override another file's).
 */
export function looksLikeTerraformJson(doc: Record<string, unknown>, file?: string): boolean {
  if ('resource' in doc || ('terraform' in doc && !('planned_values' in doc)) || ('provider' in doc && !('Resources' in doc))) return true;
  return file !== undefined && isTerraformJsonFile(file) && NAMED_KINDS.some((k) => k in doc);
}

/** The top-level keys of Terraform JSON whose objects are named blocks (TerraformNamedBlock), other than resource and provider. */
const NAMED_KINDS = ['module', 'data', 'variable', 'output', 'locals'] as const;

/**
 * Terraform JSON configuration (`{ resource: { type: { name: {...} } } }`) as resources, address
 * `type.name`. Terraform JSON allows a list of objects wherever an object of blocks is expected
 * (`resource: [{...}]`, `type: [{...}]`, a one-element body list): all are accepted. Records the
 * cdktf construct path (`//.metadata.path`) and acknowledgements (`//.forensic-readiness`).
 * `module` blocks are recorded as module calls not followed: their sources are not read. With the
 * parse's `keys`, a text without a `dynamic` key is not walked for dynamic blocks. The file's
 * `provider` blocks and its resource blocks as written are kept for its configuration
 * (mergeTerraformConfiguration).
 */
export function loadTerraformJson(doc: Record<string, unknown>, file: string, locator?: SourceLocator, keys?: KeyCensus): LoadedTemplate {
  const declared = resourceBlocks(doc, file);
  const providers = providersOf(doc.provider, file);
  unique(providers.map((p) => p.name), (name) => `${file}: provider ${name} is configured twice (a second configuration of one provider needs its own alias)`);
  const named = namedBlocksOf(doc, file);
  const backends = backendsOf(doc.terraform);
  return { ...templateOf(file, declared, keys?.dynamicKey ?? true, { locator, moduleCalls: moduleCallsOf(named), providers }), namedBlocks: named, ...(backends.length > 0 ? { backends } : {}) };
}

/**
 * The `backend` blocks (and `cloud` blocks, as type `cloud`) of a file's `terraform` blocks, as
 * written: what says where its configuration keeps its state. Anything not shaped as a block is
 * left out (the cross-stack reads then find no state here, never a wrong one).
 */
function backendsOf(terraform: unknown): TerraformBackend[] {
  const out: TerraformBackend[] = [];
  for (const t of isPlainObject(terraform) ? [terraform] : Array.isArray(terraform) ? terraform.filter(isPlainObject) : []) {
    for (const b of isPlainObject(t.backend) ? [t.backend] : Array.isArray(t.backend) ? t.backend : []) {
      if (!isPlainObject(b)) {
        out.push({ type: '', config: b });
        continue;
      }
      for (const type in b) out.push({ type, config: b[type] });
    }
    if (t.cloud !== undefined) out.push({ type: 'cloud', config: t.cloud });
  }
  return out;
}

/** The module calls, data sources, variables, outputs and local values of a file, as written, in order. */
function namedBlocksOf(doc: Record<string, unknown>, file: string): TerraformNamedBlock[] {
  const out: TerraformNamedBlock[] = [];
  for (const byName of blocks(doc.module, `${file}: module`)) for (const name in byName) out.push({ kind: 'module', name: `module.${name}`, body: byName[name] });
  for (const byType of blocks(doc.data, `${file}: data`)) {
    for (const type in byType) for (const byName of blocks(byType[type], `${file}: data.${type}`)) for (const name in byName) out.push({ kind: 'data', name: `data.${type}.${name}`, body: byName[name] });
  }
  for (const byName of blocks(doc.variable, `${file}: variable`)) for (const name in byName) out.push({ kind: 'variable', name: `var.${name}`, body: byName[name] });
  for (const byName of blocks(doc.output, `${file}: output`)) for (const name in byName) out.push({ kind: 'output', name: `output.${name}`, body: byName[name] });
  for (const byName of blocks(doc.locals, `${file}: locals`)) for (const name in byName) out.push({ kind: 'local', name: `local.${name}`, body: byName[name] });
  return out;
}

/** What Terraform calls each kind of named block, for the message of an override without its base. */
const NAMED_KIND_WORDS: Record<TerraformNamedBlock['kind'], string> = { module: 'module call', data: 'data source', variable: 'variable', output: 'output', local: 'local value' };

/** Every `resource` block of a file as written, in order; an address declared twice (only the list forms can) is an InputError. */
function resourceBlocks(doc: Record<string, unknown>, file: string): TerraformBlock[] {
  const declared: TerraformBlock[] = [];
  const typeBlocks = blocks(doc.resource, `${file}: resource`);
  let listForm = typeBlocks.length > 1;
  for (const byType of typeBlocks) {
    for (const type in byType) {
      const nameBlocks = blocks(byType[type], `${file}: resource.${type}`);
      if (nameBlocks.length > 1) listForm = true;
      // join makes one flat string; a template makes a rope of two pieces (more memory, and every hash or comparison of it walks the pieces).
      for (const byName of nameBlocks) for (const name in byName) declared.push({ address: [type, name].join('.'), type, body: byName[name] });
    }
  }
  // One JSON object cannot repeat a key; only the list forms can declare an address twice.
  if (listForm) unique(declared.map((b) => b.address), (address) => `${file}: resource ${address} is declared twice`);
  return declared;
}

/** Throws the InputError `message` gives for the first name that repeats. */
function unique(names: readonly string[], message: (name: string) => string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new InputError(message(n));
    seen.add(n);
  }
}

/** The template of a file from its resource blocks (as written, or merged with override files). */
function templateOf(
  file: string,
  declared: readonly TerraformBlock[],
  dynamic: boolean,
  rest: { locator?: SourceLocator; moduleCalls: readonly ModuleCall[]; providers: readonly TerraformProvider[]; configuration?: string },
): LoadedTemplate {
  const resources: Resource[] = [];
  const notCreated: NotCreated[] = [];
  for (const b of declared) {
    const r = toResource(b.type, cloudOf(b.type), b.address, b.body, file, dynamic);
    if (r) resources.push(r);
    else notCreated.push({ address: b.address, why: notCreatedWhy(b.body) });
  }
  return {
    file,
    format: 'terraform-json',
    resources,
    exports: [],
    parameters: new Map(),
    locator: rest.locator,
    keyPath: (r) => ['resource', r.type, r.address.slice(r.type.length + 1)],
    moduleCalls: rest.moduleCalls,
    ...(notCreated.length > 0 ? { notCreated } : {}),
    ...(rest.configuration !== undefined ? { configuration: rest.configuration } : {}),
    providers: rest.providers,
    blocks: declared,
  };
}

/** `override.tf.json` and `*_override.tf.json` (OpenTofu's `.tofu.json` too): Terraform merges them over the other files of their folder. */
export function isOverrideFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return ['override.tf.json', 'override.tofu.json'].includes(base) || base.endsWith('_override.tf.json') || base.endsWith('_override.tofu.json');
}

/**
 * The Terraform JSON files of one configuration (the `*.tf.json` files of one folder that were
 * read), as Terraform reads them, each still under its own name: a resource (or provider) that two
 * of its files declare is an InputError, as in Terraform; then the override files, in lexical order,
 * are merged over the others: each of their resource blocks into the block of that address
 * (arguments and nested block types it states replace the original's, `lifecycle` argument by
 * argument, a `dynamic` block replacing the blocks of its type; `depends_on` is refused), each
 * provider block into the provider of that name and alias. One that overrides nothing is an
 * InputError. A merged resource stays in the file that declares it, marked with the override files
 * merged into it (OVERRIDDEN_BY_ATTRIBUTE); an override file keeps its module calls and no resource.
 */
export function mergeTerraformConfiguration(templates: readonly LoadedTemplate[], configuration: string): LoadedTemplate[] {
  const files = `the *.tf.json files of ${configuration}`;
  // Where each resource and provider is declared: the template's position and the block's.
  const declaredAt = new Map<string, { t: number; b: number }>();
  const providerAt = new Map<string, { t: number; p: number }>();
  // Copies, merged into in place: the templates' own lists are not changed.
  const blocksOf = templates.map((t) => (t.blocks ?? []).slice());
  const providersOfT = templates.map((t) => (t.providers ?? []).slice());
  templates.forEach((t, ti) => {
    if (isOverrideFile(t.file)) return;
    blocksOf[ti].forEach((b, bi) => {
      const prior = declaredAt.get(b.address);
      if (prior) throw new InputError(`${t.file}: resource ${b.address} is also declared in ${templates[prior.t].file}, of the same configuration (${files}): Terraform refuses it (an override belongs in override.tf.json or a *_override.tf.json file)`);
      declaredAt.set(b.address, { t: ti, b: bi });
    });
    providersOfT[ti].forEach((p, pi) => {
      const prior = providerAt.get(p.name);
      if (prior) throw new InputError(`${t.file}: provider ${p.name} is also configured in ${templates[prior.t].file}, of the same configuration (${files}): Terraform refuses it`);
      providerAt.set(p.name, { t: ti, p: pi });
    });
  });
  // Module calls, data sources, variables, outputs and locals: one declaration each, as resources.
  const namedAt = new Map<string, { t: number; b: number }>();
  const namedOf = templates.map((t) => (t.namedBlocks ?? []).slice());
  templates.forEach((t, ti) => {
    if (isOverrideFile(t.file)) return;
    namedOf[ti].forEach((b, bi) => {
      const prior = namedAt.get(b.name);
      if (prior) throw new InputError(`${t.file}: ${b.name} is also declared in ${templates[prior.t].file}, of the same configuration (${files}): Terraform refuses it (an override belongs in override.tf.json or a *_override.tf.json file)`);
      namedAt.set(b.name, { t: ti, b: bi });
    });
  });
  const overrides = templates.map((t, ti) => ({ t, ti })).filter(({ t }) => isOverrideFile(t.file));
  overrides.sort((a, b) => (a.t.file < b.t.file ? -1 : a.t.file > b.t.file ? 1 : 0));
  const changed = new Set<number>();
  const overriddenBy = new Map<string, string[]>();
  for (const { t } of overrides) {
    for (const o of t.namedBlocks ?? []) {
      const at = namedAt.get(o.name);
      if (!at) throw new InputError(`${t.file}: ${o.name} overrides no ${NAMED_KIND_WORDS[o.kind]} of its configuration (${files}): Terraform refuses an override without the block it overrides`);
      const base = namedOf[at.t][at.b];
      namedOf[at.t][at.b] = { ...base, body: mergedNamed(base, o.body, `${t.file}: ${o.name}`) };
      changed.add(at.t);
    }
    for (const o of t.blocks ?? []) {
      const at = declaredAt.get(o.address);
      if (!at) throw new InputError(`${t.file}: resource ${o.address} overrides no resource of its configuration (${files}): Terraform refuses an override without the resource it overrides`);
      const base = blocksOf[at.t][at.b];
      blocksOf[at.t][at.b] = { ...base, body: mergedBody(base.body, o.body, `${t.file}: resource ${o.address}`) };
      overriddenBy.set(o.address, [...(overriddenBy.get(o.address) ?? []), t.file]);
      changed.add(at.t);
    }
    for (const o of t.providers ?? []) {
      const at = providerAt.get(o.name);
      if (!at) throw new InputError(`${t.file}: provider ${o.name} overrides no provider configuration of its configuration (${files}): Terraform refuses an override without the block it overrides`);
      const base = providersOfT[at.t][at.p];
      providersOfT[at.t][at.p] = { ...base, body: { ...base.body, ...o.body } };
      changed.add(at.t);
    }
  }
  return templates.map((t, ti) => {
    // An override file's blocks are merged into those they override: it declares nothing of its own.
    if (isOverrideFile(t.file)) return { ...t, resources: [], notCreated: undefined, blocks: [], providers: [], namedBlocks: [], moduleCalls: [], configuration };
    if (!changed.has(ti)) return { ...t, configuration };
    // A merged body may hold a `dynamic` key its file's text had not: every one is walked.
    const merged = {
      ...templateOf(t.file, blocksOf[ti], true, { locator: t.locator, moduleCalls: moduleCallsOf(namedOf[ti]), providers: providersOfT[ti], configuration }),
      namedBlocks: namedOf[ti],
      ...(t.backends ? { backends: t.backends } : {}),
      ...(t.cdktfStack ? { cdktfStack: t.cdktfStack } : {}),
    };
    for (const r of merged.resources) {
      const by = overriddenBy.get(r.address);
      if (by) (r.attributes as Record<string, unknown>)[OVERRIDDEN_BY_ATTRIBUTE] = by;
    }
    return merged;
  });
}

/**
 * A module call, data source, variable, output or local value with an override merged over it, as
 * Terraform merges them: a local value is replaced; a data source is merged as a resource is
 * (mergedBody); in the others each argument the override states replaces the original's, and an
 * output's override may not state `depends_on`.
 */
function mergedNamed(base: TerraformNamedBlock, override: unknown, where: string): unknown {
  if (base.kind === 'local') return override;
  if (base.kind === 'data') return mergedBody(base.body, override, where);
  const o = bodyOf(override);
  if (!o) throw new InputError(`${where} must be an object, got ${kind(override)}`);
  if (base.kind === 'output' && o.depends_on !== undefined) throw new InputError(`${where}: depends_on may not be used in an override block (Terraform refuses it)`);
  const b = bodyOf(base.body);
  return b ? { ...b, ...o } : o;
}

/**
 * A resource body with an override block merged over it, as Terraform merges them (JSON form):
 * each key the override states replaces the original's (an argument, or every nested block of that
 * type), but `lifecycle` is merged argument by argument, and a `dynamic` block of a type replaces
 * the original's blocks of that type, static or dynamic. `depends_on` may not be overridden.
 */
function mergedBody(base: unknown, override: unknown, where: string): Record<string, unknown> {
  const b = bodyOf(base);
  const o = bodyOf(override);
  if (!o) throw new InputError(`${where} must be an object, got ${kind(override)}`);
  if (!b) return o;
  if (o.depends_on !== undefined) throw new InputError(`${where}: depends_on may not be used in an override block (Terraform refuses it)`);
  const out: Record<string, unknown> = { ...b };
  for (const k in o) {
    if (k === 'dynamic') continue;
    const lb = bodyOf(b.lifecycle);
    const lo = bodyOf(o.lifecycle);
    out[k] = k === 'lifecycle' && lb && lo ? { ...lb, ...lo } : o[k];
  }
  if (o.dynamic !== undefined) {
    const added = dynamicEntries(o.dynamic);
    const labels = new Set(added.flatMap((e) => Object.keys(e)));
    // The types the override states, as blocks or dynamic blocks: none of the original's stays.
    const hidden = new Set([...Object.keys(o), ...labels]);
    const kept = dynamicEntries(b.dynamic).filter((e) => !Object.keys(e).some((label) => hidden.has(label)));
    for (const label of labels) if (!(label in o)) delete out[label];
    out.dynamic = [...kept, ...added];
  } else if (b.dynamic !== undefined) {
    const kept = dynamicEntries(b.dynamic).filter((e) => !Object.keys(e).some((label) => label in o));
    if (kept.length > 0) out.dynamic = kept;
    else delete out.dynamic;
  }
  return out;
}

/** A block body as an object: the object, or the one element of a one-element list; undefined for anything else. */
function bodyOf(v: unknown): Record<string, unknown> | undefined {
  if (isPlainObject(v)) return v;
  return Array.isArray(v) && v.length === 1 && isPlainObject(v[0]) ? v[0] : undefined;
}

/** `dynamic` as a list of one-label objects (`{ rule: {...} }`), whichever JSON form it was written in. */
function dynamicEntries(v: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const entry of isPlainObject(v) ? [v] : Array.isArray(v) ? v.filter(isPlainObject) : []) for (const label in entry) out.push({ [label]: entry[label] });
  return out;
}

/** The `provider` blocks of a file: one per body (`google`, or `google.west` with `alias = "west"`). */
function providersOf(value: unknown, file: string): TerraformProvider[] {
  const out: TerraformProvider[] = [];
  for (const byName of blocks(value, `${file}: provider`)) {
    for (const name in byName) {
      const raw = byName[name];
      for (const body of Array.isArray(raw) ? raw : [raw]) {
        if (!isPlainObject(body)) throw new InputError(`${file}: provider.${name} must be an object, got ${kind(body)}`);
        if (body.alias !== undefined && typeof body.alias !== 'string') throw new InputError(`${file}: provider.${name} alias must be a string, got ${kind(body.alias)}`);
        out.push({ name: typeof body.alias === 'string' ? `${name}.${body.alias}` : name, body, file });
      }
    }
  }
  return out;
}

/** Why a block creates no instance (instances() said false): its count, or its empty for_each. */
function notCreatedWhy(raw: unknown): string {
  const body = (Array.isArray(raw) && raw.length === 1 ? raw[0] : raw) as Record<string, unknown>;
  return body.count !== undefined ? `count = ${JSON.stringify(body.count)}` : 'for_each is empty';
}

/** `module.NAME` per `module` block, with its source where it is a string; none is followed. */
function moduleCallsOf(named: readonly TerraformNamedBlock[]): ModuleCall[] {
  const calls: ModuleCall[] = [];
  for (const b of named) {
    if (b.kind !== 'module') continue;
    const body = bodyOf(b.body);
    const source = body && typeof body.source === 'string' ? body.source : undefined;
    calls.push({ name: b.name, ...(source !== undefined ? { source } : {}), followed: false });
  }
  return calls;
}

/** The resource of one block; undefined when its `count` or `for_each` creates no instance. */
function toResource(type: string, cloud: Resource['cloud'], address: string, raw: unknown, file: string, dynamic: boolean): Resource | undefined {
  let body = raw;
  if (Array.isArray(body) && body.length === 1) body = body[0];
  if (!isPlainObject(body)) throw new InputError(`${file}: resource ${address} must be an object, got ${kind(raw)}`);
  const created = instances(body);
  if (created === false) return undefined;
  const properties: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  for (const k in body) {
    if (META_ARGUMENTS.has(k)) attributes[k] = body[k];
    else properties[k] = body[k];
  }
  if (typeof created === 'string') attributes[EXISTENCE_ATTRIBUTE] = created;
  if (dynamic) markDynamicBlocks(properties, 0);
  const comment = isPlainObject(body['//']) ? body['//'] : {};
  const metadata = isPlainObject(comment.metadata) ? comment.metadata : {};
  return {
    address,
    type,
    properties,
    attributes,
    sourceFile: file,
    format: 'terraform-json',
    cloud,
    constructPath: typeof metadata.path === 'string' ? metadata.path : undefined,
    // Most resources acknowledge nothing: one shared empty list, and no message text built for them.
    suppressions: comment[SUPPRESSION_METADATA_KEY] === undefined ? NO_SUPPRESSIONS : parseAcknowledgements(comment[SUPPRESSION_METADATA_KEY], `${file}: ${address}`),
  };
}

/**
 * Whether a block's `count` / `for_each` creates an instance: true (none written, a whole number
 * above 0, a non-empty literal map or list), false (`0`, `"0"`, `"${0}"`, `{}`, `[]`), or what
 * decides it at plan (`count = "${var.n}"`): an expression, a variable, anything Terraform would
 * not take as a whole number (a bool, null, -1, 1.5).
 */
function instances(body: Record<string, unknown>): boolean | string {
  if (body.count !== undefined) {
    const n = wholeNumber(body.count);
    if (n !== undefined) return n > 0;
    return `count = ${shown(body.count)}`;
  }
  if (body.for_each !== undefined) {
    const each = body.for_each;
    if (isPlainObject(each)) return Object.keys(each).length > 0;
    if (Array.isArray(each)) return each.length > 0;
    return `for_each = ${shown(each)}`;
  }
  return true;
}

/** A literal whole number (`3`, `"3"`, `"${3}"`), else undefined. */
function wholeNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(?:\$\{\s*(\d+)\s*\}|(\d+))\s*$/.exec(v);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/** A value as a finding shows it, cut short. */
function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * `"dynamic": { "rule": { "for_each": ..., "content": {...} } }`: the `rule` blocks exist only
 * after Terraform evaluates `for_each` and join any `rule` blocks written beside them, so `rule` is
 * UNRESOLVED (every reader sees UNKNOWN, never an absent or partial list). The dynamic entry itself
 * stays as written. Plans hold the expanded blocks and no `dynamic` key.
 */
function markDynamicBlocks(body: Record<string, unknown>, depth: number): void {
  if (depth > 32) return;
  const d = body.dynamic;
  const declared = isPlainObject(d) ? [d] : Array.isArray(d) ? d.filter(isPlainObject) : [];
  // Generated blocks join any written ones: the whole list is known only at deploy.
  for (const entry of declared) for (const name in entry) body[name] = UNRESOLVED;
  for (const k in body) {
    if (k === 'dynamic') continue;
    const v = body[k];
    if (isPlainObject(v)) markDynamicBlocks(v, depth + 1);
    else if (Array.isArray(v)) for (const x of v) if (isPlainObject(x)) markDynamicBlocks(x, depth + 1);
  }
}

/** An object of blocks, or a list of such objects, as a list of objects. */
function blocks(value: unknown, where: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (isPlainObject(value)) return [value];
  if (Array.isArray(value) && value.every(isPlainObject)) return value as Record<string, unknown>[];
  throw new InputError(`${where} must be an object, got ${kind(value)}`);
}
