import { InputError } from './errors';
import { kind } from './load-cloudformation';
import { EXISTENCE_ATTRIBUTE, UNRESOLVED, cloudOf } from './model';
import { KeyCensus, SourceLocator } from './parse';
import { NO_SUPPRESSIONS, SUPPRESSION_METADATA_KEY, parseAcknowledgements } from './suppressions';
import { LoadedTemplate, ModuleCall, NotCreated, isPlainObject } from './template';
import { Resource } from './types';

/** Meta-arguments and the cdktf `//` comment: attributes of the resource, not provider properties. */
const META_ARGUMENTS = new Set(['//', 'lifecycle', 'depends_on', 'count', 'for_each', 'provider', 'connection', 'provisioner']);

/** Whether a parsed document is shaped like Terraform JSON configuration (cdk.tf.json, *.tf.json). */
export function looksLikeTerraformJson(doc: Record<string, unknown>): boolean {
  return 'resource' in doc || ('terraform' in doc && !('planned_values' in doc)) || ('provider' in doc && !('Resources' in doc));
}

/**
 * Terraform JSON configuration (`{ resource: { type: { name: {...} } } }`) as resources, address
 * `type.name`. Terraform JSON allows a list of objects wherever an object of blocks is expected
 * (`resource: [{...}]`, `type: [{...}]`, a one-element body list): all are accepted. Records the
 * cdktf construct path (`//.metadata.path`) and acknowledgements (`//.forensic-readiness`).
 * `module` blocks are recorded as module calls not followed: their sources are not read. With the
 * parse's `keys`, a text without a `dynamic` key is not walked for dynamic blocks.
 */
export function loadTerraformJson(doc: Record<string, unknown>, file: string, locator?: SourceLocator, keys?: KeyCensus): LoadedTemplate {
  const dynamic = keys?.dynamicKey ?? true;
  const resources: Resource[] = [];
  const notCreated: NotCreated[] = [];
  const typeBlocks = blocks(doc.resource, `${file}: resource`);
  let listForm = typeBlocks.length > 1;
  for (const byType of typeBlocks) {
    for (const type in byType) {
      const nameBlocks = blocks(byType[type], `${file}: resource.${type}`);
      if (nameBlocks.length > 1) listForm = true;
      const cloud = cloudOf(type);
      for (const byName of nameBlocks) {
        for (const name in byName) {
          const r = toResource(type, cloud, name, byName[name], file, dynamic);
          if (r) resources.push(r);
          else notCreated.push({ address: `${type}.${name}`, why: notCreatedWhy(byName[name]) });
        }
      }
    }
  }
  // One JSON object cannot repeat a key; only the list forms can declare an address twice.
  if (listForm) {
    const seen = new Set<string>();
    for (const r of resources) {
      if (seen.has(r.address)) throw new InputError(`${file}: resource ${r.address} is declared twice`);
      seen.add(r.address);
    }
  }
  const moduleCalls = moduleCallsOf(doc.module, file);
  return { file, format: 'terraform-json', resources, exports: [], parameters: new Map(), locator, keyPath: (r) => ['resource', r.type, r.address.slice(r.type.length + 1)], moduleCalls, ...(notCreated.length > 0 ? { notCreated } : {}) };
}

/** Why a block creates no instance (instances() said false): its count, or its empty for_each. */
function notCreatedWhy(raw: unknown): string {
  const body = (Array.isArray(raw) && raw.length === 1 ? raw[0] : raw) as Record<string, unknown>;
  return body.count !== undefined ? `count = ${JSON.stringify(body.count)}` : 'for_each is empty';
}

/** `module.NAME` per `module` block, with its source where it is a string; none is followed. */
function moduleCallsOf(value: unknown, file: string): ModuleCall[] {
  const calls: ModuleCall[] = [];
  for (const byName of blocks(value, `${file}: module`)) {
    for (const name in byName) {
      let body = byName[name];
      if (Array.isArray(body) && body.length === 1) body = body[0];
      const source = isPlainObject(body) && typeof body.source === 'string' ? body.source : undefined;
      calls.push({ name: `module.${name}`, ...(source !== undefined ? { source } : {}), followed: false });
    }
  }
  return calls;
}

/** The resource of one block; undefined when its `count` or `for_each` creates no instance. */
function toResource(type: string, cloud: Resource['cloud'], name: string, raw: unknown, file: string, dynamic: boolean): Resource | undefined {
  // join makes one flat string; a template makes a rope of two pieces (more memory, and every hash or comparison of it walks the pieces).
  const address = [type, name].join('.');
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
