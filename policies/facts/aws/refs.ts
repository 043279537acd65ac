/**
 * Reference text for the AWS rules: turns a CloudFormation value (a literal, Ref, Fn::GetAtt,
 * Fn::Sub, Fn::Join, Fn::ImportValue of another input's export) into one comparable string, so
 * that "the trail's S3BucketName", "a flow log's LogDestination ARN" and "an event selector's
 * resources.ARN" can be matched against the buckets and log groups of the inputs, whether they are
 * written as references or as literal names and ARNs.
 *
 * A bucket is written as its literal BucketName when the template states one (so a literal ARN in a
 * selector matches it), otherwise as a token unique to the resource. Pseudo parameters stay tokens
 * (`{{AWS.AccountId}}`), the partition is normalised to `aws`. Whatever cannot be known before
 * deploy (a parameter without default, Fn::If, an import that is not in the inputs) is UNRESOLVED.
 * Tokens hold no `:` or `/`, so a rendered ARN still splits into its parts.
 * The index is built once per model, so every look-up is a map access.
 */
import { asBool as readBool } from '../../engine/values';
export { asNumber, show } from '../../engine/values';
import { ResolveContext, ResourceModel, UNRESOLVED, Unresolved, isUnresolved, modelFact } from '../../engine/model';
import { Resource } from '../../engine/types';

export const BUCKET = 'AWS::S3::Bucket';
export const LOG_GROUP = 'AWS::Logs::LogGroup';

export type Text = string | Unresolved;

const INTRINSICS = new Set([
  'Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::ImportValue', 'Fn::If', 'Fn::Select', 'Fn::Split',
  'Fn::FindInMap', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Transform', 'Fn::Length', 'Fn::ToJsonString',
]);

/** The intrinsic a value is (`{ "Fn::Sub": ... }` gives `Fn::Sub`): its one key, when that is an intrinsic's name. */
function intrinsicOf(value: object): string | undefined {
  let only: string | undefined;
  for (const k in value) {
    if (only !== undefined) return undefined;
    only = k;
  }
  return only !== undefined && INTRINSICS.has(only) ? only : undefined;
}

/** Where a reference points: a resource of the template, a literal naming nothing in it, or unknown. */
export type Target =
  | { readonly kind: 'resource'; readonly resource: Resource; readonly text: string }
  | { readonly kind: 'external'; readonly text: string }
  | { readonly kind: 'other'; readonly text: string }
  | { readonly kind: 'unresolved'; readonly why?: string; readonly candidates?: readonly Resource[] }
  | { readonly kind: 'absent' };

class RefIndex {
  /**
   * The position of a resource in model.resources, which its token carries. Filled with the
   * buckets and log groups at construction (they are the ones keyed); every other resource is
   * added on the first token asked of one: hashing all of a large model's resources costs more
   * than the rest of the index.
   */
  private readonly ids = new Map<Resource, number>();
  private allIndexed = false;
  private readonly keys = new Map<Resource, string>();
  /** The stores whose key is being rendered (a name that refers back to its own store); a list: a Set's add and delete per key reallocate it. */
  private readonly inProgress: Resource[] = [];
  /** Buckets by the name they are known by, per input (a template; a Terraform configuration): a name is looked up in its own input first. */
  public readonly buckets: NameIndex;
  /** Log groups by name, per input. */
  public readonly logGroups: NameIndex;

  constructor(public readonly model: ResourceModel) {
    const all = model.resources;
    for (let i = 0; i < all.length; i++) {
      const type = all[i].type;
      if (type === BUCKET || type === LOG_GROUP) this.ids.set(all[i], i);
    }
    const unit = (r: Resource) => model.configurationOf(r);
    this.buckets = new NameIndex(model.ofType(BUCKET), (r) => this.keyOf(r), unit);
    this.logGroups = new NameIndex(model.ofType(LOG_GROUP), (r) => this.keyOf(r), unit);
  }

  private idOf(r: Resource): number | undefined {
    const id = this.ids.get(r);
    if (id !== undefined || this.allIndexed) return id;
    this.allIndexed = true;
    this.model.resources.forEach((x, i) => this.ids.set(x, i));
    return this.ids.get(r);
  }

  /** The name a bucket or log group is known by: its literal name, or a token unique to it. */
  public keyOf(r: Resource): string {
    const cached = this.keys.get(r);
    if (cached !== undefined) return cached;
    if (this.inProgress.includes(r)) return this.token(r);
    this.inProgress.push(r);
    const nameProp = r.type === BUCKET ? 'BucketName' : r.type === LOG_GROUP ? 'LogGroupName' : undefined;
    const name = nameProp ? this.render(r.properties[nameProp], r, 0) : undefined;
    this.inProgress.pop();
    const key = typeof name === 'string' && name.length > 0 ? name : this.token(r);
    this.keys.set(r, key);
    return key;
  }

  /** The key of a store without a literal name: a token unique to it (written only when it is the key). */
  private token(r: Resource): string {
    return `{{${r.type === BUCKET ? 'bucket' : 'resource'}-${this.idOf(r)}}}`;
  }

  public render(value: unknown, from: ResolveContext, depth: number): Text | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (depth > 16 || Array.isArray(value) || typeof value !== 'object') return UNRESOLVED;
    const fn = intrinsicOf(value);
    if (fn === undefined) return UNRESOLVED;
    const arg = (value as Record<string, unknown>)[fn];
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.refText(arg, from, value, depth) : UNRESOLVED;
      case 'Fn::GetAtt': {
        // A nested stack's output: its template's Outputs.Name.Value, rendered where it is written.
        const output = this.model.nestedOutput(arg, from);
        if (output !== undefined) return isUnresolved(output) ? UNRESOLVED : this.render(output.value, output.from, depth + 1) ?? UNRESOLVED;
        const att = this.getAtt(arg, from);
        return att ? this.attText(att.resource, att.attr) : UNRESOLVED;
      }
      case 'Fn::Sub': {
        const template: unknown = Array.isArray(arg) ? arg[0] : arg;
        const vars = Array.isArray(arg) ? (arg[1] as Record<string, unknown> | undefined) : undefined;
        if (typeof template !== 'string') return UNRESOLVED;
        // Each `${...}` (up to its first `}`) in turn, as /\$\{([^}]*)\}/g finds them, without a regex
        // run and a callback per value; every one is rendered, even after one that fails.
        let failed = false;
        let text = '';
        let at = 0;
        for (let open = template.indexOf('${'); open >= 0; open = template.indexOf('${', at)) {
          const close = template.indexOf('}', open + 2);
          if (close < 0) break;
          const v = this.subVariable(template.slice(open + 2, close), vars, from, depth);
          if (typeof v !== 'string') failed = true;
          text += template.slice(at, open) + (typeof v === 'string' ? v : '');
          at = close + 1;
        }
        return failed ? UNRESOLVED : text + template.slice(at);
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return UNRESOLVED;
        // Part by part, without a list of the parts: one known only at deploy makes the whole UNRESOLVED.
        let text = '';
        for (let i = 0; i < arg[1].length; i++) {
          const part = this.render(arg[1][i], from, depth + 1);
          if (typeof part !== 'string') return UNRESOLVED;
          text += i === 0 ? part : arg[0] + part;
        }
        return text;
      }
      case 'Fn::ImportValue': {
        // A cross-stack reference: render the export's value where it was written.
        const name = this.render(arg, from, depth + 1);
        const exp = typeof name === 'string' ? this.model.exportNamed(name) : undefined;
        return exp ? this.render(exp.value, { sourceFile: exp.sourceFile, format: 'cloudformation' }, depth + 1) : UNRESOLVED;
      }
      default: {
        const v = this.model.resolve(value, from);
        return typeof v === 'string' || typeof v === 'number' ? String(v) : UNRESOLVED;
      }
    }
  }

  /** The text of one `${inner}` of a Fn::Sub: `${!x}` is the literal `${x}`, then a variable, a GetAtt, a Ref. */
  private subVariable(inner: string, vars: Record<string, unknown> | undefined, from: ResolveContext, depth: number): Text | undefined {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    if (vars && inner in vars) return this.render(vars[inner], from, depth + 1);
    return inner.includes('.') && !inner.startsWith('AWS::') ? this.getAttText(inner, from, depth) : this.refText(inner, from, undefined, depth);
  }

  private getAttText(inner: string, from: ResolveContext, depth: number): Text {
    const output = this.model.nestedOutput(inner, from);
    if (output !== undefined) return isUnresolved(output) ? UNRESOLVED : this.render(output.value, output.from, depth + 1) ?? UNRESOLVED;
    const [name, attr] = splitOnce(inner);
    const r = this.model.byAddress(name, from);
    return r ? this.attText(r, attr) : UNRESOLVED;
  }

  /** The resource and attribute of a Fn::GetAtt argument (`[name, attr]` or `name.attr`), when the resource is in the inputs. */
  public getAtt(arg: unknown, from: ResolveContext): { resource: Resource; attr: string } | undefined {
    // Indexed, not destructured: an array pattern walks the list's iterator.
    const pair = Array.isArray(arg) ? arg : typeof arg === 'string' ? splitOnce(arg) : NO_PAIR;
    const name: unknown = pair[0];
    const attr: unknown = pair[1];
    const r = typeof name === 'string' ? this.model.byAddress(name, from) : undefined;
    return r && typeof attr === 'string' ? { resource: r, attr } : undefined;
  }

  private refText(name: string, from: ResolveContext, ref?: object, depth = 0): Text {
    const r = this.refTarget(name, from, ref, depth);
    return typeof r === 'object' ? this.refToken(r) : r;
  }

  /**
   * What a Ref names: the text of a pseudo parameter or of a parameter with a default, the
   * resource it points to (an object), or UNRESOLVED. `ref`: the `{ Ref: name }` the value holds,
   * resolved as it is rather than written again (one object less per Ref rendered). A parameter a
   * nested stack's parent passes names what the parent's value names, in the parent's file (a
   * Ref to a bucket of the parent is that bucket).
   */
  public refTarget(name: string, from: ResolveContext, ref: object = { Ref: name }, depth = 0): Text | Resource {
    if (name === 'AWS::Partition') return 'aws';
    if (name === 'AWS::NoValue') return UNRESOLVED;
    if (name.startsWith('AWS::')) return `{{${name.replace('::', '.')}}}`;
    const passed = this.model.passedValue(from, name);
    if (passed) {
      const v = passed.value;
      if (depth > 16) return UNRESOLVED;
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && intrinsicOf(v) === 'Ref' && typeof (v as Record<string, unknown>).Ref === 'string') {
        return this.refTarget((v as Record<string, unknown>).Ref as string, passed.from, v, depth + 1);
      }
      return this.render(v, passed.from, depth + 1) ?? UNRESOLVED;
    }
    const param = this.model.resolve(ref, from);
    if (typeof param === 'string' || typeof param === 'number') return String(param);
    return this.model.byAddress(name, from) ?? UNRESOLVED;
  }

  public attText(r: Resource, attr: string): string {
    if (r.type === BUCKET && attr === 'Arn') return `arn:aws:s3:::${this.keyOf(r)}`;
    if (r.type === BUCKET && attr === 'DomainName') return `${this.keyOf(r)}.s3.amazonaws.com`;
    if (r.type === BUCKET && attr === 'RegionalDomainName') return `${this.keyOf(r)}.s3.{{AWS.Region}}.amazonaws.com`;
    if (r.type === BUCKET && attr === 'DualStackDomainName') return `${this.keyOf(r)}.s3.dualstack.{{AWS.Region}}.amazonaws.com`;
    if (r.type === LOG_GROUP && attr === 'Arn') return `arn:aws:logs:{{AWS.Region}}:{{AWS.AccountId}}:log-group:${this.keyOf(r)}:*`;
    return `{{${this.idOf(r)}.${attr}}}`;
  }

  /** The token a Ref to this resource renders to (for resources whose Ref is their ARN, e.g. SageMaker endpoints). */
  public refToken(r: Resource): string {
    return r.type === BUCKET || r.type === LOG_GROUP ? this.keyOf(r) : `{{ref-${this.idOf(r)}}}`;
  }
}

/**
 * Stores by the name they are known by. A name is looked up in the input of the value first (its
 * template; its Terraform configuration, whichever of its files holds the store: the same stack
 * deployed to two regions names its log group alike in both templates, and each template's
 * producers write into their own); another input's store only when exactly one holds the name, so
 * the answer never depends on the order of the inputs. Two stores of one name in one input (a
 * template CloudFormation would refuse) or in several other inputs are ambiguous.
 */
class NameIndex {
  private readonly byFile = new Map<string, Map<string, Resource[]>>();

  private readonly anywhere: Map<string, Resource[]>;

  constructor(
    stores: readonly Resource[],
    key: (r: Resource) => string,
    /** The input a resource is part of (ResourceModel.configurationOf). */
    public readonly unit: (r: Resource) => string,
  ) {
    for (const r of stores) {
      const u = unit(r);
      let file = this.byFile.get(u);
      if (!file) this.byFile.set(u, (file = new Map()));
      push(file, key(r), r);
    }
    // With every store in one file, that file's names are the names anywhere: one map serves both.
    const files = [...this.byFile.values()];
    if (files.length === 1) this.anywhere = files[0];
    else {
      this.anywhere = new Map();
      for (const r of stores) push(this.anywhere, key(r), r);
    }
  }

  /** The stores a name may mean as seen from a resource's input: one, several (ambiguous) or none. */
  public get(name: string, from: Resource): readonly Resource[] {
    return this.byFile.get(this.unit(from))?.get(name) ?? this.anywhere.get(name) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

const NO_PAIR: readonly unknown[] = [];

function splitOnce(s: string): [string, string] {
  const i = s.indexOf('.');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

const REFS = modelFact('AWS reference index', (model) => new RefIndex(model));

export function refIndex(model: ResourceModel): RefIndex {
  return model.fact(REFS);
}

/** One comparable string for a value, UNRESOLVED when only the deploy knows it, undefined when absent. */
export function render(model: ResourceModel, value: unknown, from: ResolveContext): Text | undefined {
  return refIndex(model).render(value, from, 0);
}

/**
 * A rendered text as a message shows it: the kit's own tokens for values known only at deploy
 * written as Fn::Sub writes them (`${Endpoint}` for a Ref, `${Endpoint.Arn}` for a GetAtt,
 * `${AWS::Region}`), never as `{{ref-39}}`.
 */
export function shownText(model: ResourceModel, text: string): string {
  if (!text.includes('{{')) return text;
  return text.replace(/\{\{(?:(?:ref|bucket|resource)-(\d+)|(\d+)\.([^}]+)|AWS\.([A-Za-z]+))\}\}/g, (whole, ref: string | undefined, att: string | undefined, attr: string | undefined, pseudo: string | undefined) => {
    if (pseudo) return `\${AWS::${pseudo}}`;
    const r = model.resources[Number(ref ?? att)];
    if (!r) return whole;
    return ref ? `\${${r.address}}` : `\${${r.address}.${attr}}`;
  });
}

/** The string a Ref to a resource renders to. */
export function refToken(model: ResourceModel, r: Resource): string {
  return refIndex(model).refToken(r);
}

/** The string a Fn::GetAtt of a resource attribute renders to. */
export function attToken(model: ResourceModel, r: Resource, attr: string): string {
  return refIndex(model).attText(r, attr);
}

/** A bucket's literal name, or undefined when it is only known at deploy (generated, or a parameter). */
export function bucketName(model: ResourceModel, bucket: Resource): string | undefined {
  const key = refIndex(model).keyOf(bucket);
  return key.includes('{{') ? undefined : key;
}

/** The ARN prefix that covers every object of a bucket: `arn:aws:s3:::<name>/`. */
export function bucketObjectsArn(model: ResourceModel, bucket: Resource): string {
  return `arn:aws:s3:::${refIndex(model).keyOf(bucket)}/`;
}

/** Writes every partition (`aws-cn`, `aws-us-gov`) as `aws`, so literal ARNs compare with rendered ones. */
export function normaliseArn(text: string): string {
  // Only an ARN of another partition changes; most texts are returned without a regex run.
  if (!text.startsWith('arn:aws-')) return text;
  return text.replace(/^arn:aws(?:-[a-z-]+)?:/, 'arn:aws:');
}

/**
 * The raw value at a dotted path, without resolving references (they are what the caller wants to
 * match). Structural intrinsics on the way (Fn::If around a block) give UNRESOLVED; a one-element
 * array on the way is read as its element, as the model's `get` does.
 */
export function rawAt(model: ResourceModel, resource: Resource, path: string): unknown {
  let cur: unknown = resource.properties;
  for (const part of pathParts(path)) {
    cur = structural(model, cur, resource);
    if (isUnresolved(cur)) return UNRESOLVED;
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur)) {
      if (isIndex(part)) {
        cur = cur[Number(part)];
        continue;
      }
      if (cur.length === 0) return undefined;
      cur = structural(model, cur[0], resource);
      if (isUnresolved(cur)) return UNRESOLVED;
    }
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Whether a path part is a list index (`0`, `12`). */
function isIndex(part: string): boolean {
  const c = part.charCodeAt(0);
  return c >= 48 && c <= 57 && /^\d+$/.test(part);
}

/** Dotted paths of rawAt, split once (the rules ask a few dozen paths, each many times). */
const PATHS = new Map<string, readonly string[]>();
function pathParts(path: string): readonly string[] {
  let parts = PATHS.get(path);
  if (!parts) PATHS.set(path, (parts = path.split('.')));
  return parts;
}

/** The elements of a raw list (an object counts as a list of one); UNRESOLVED when the list itself is. */
export function rawList(model: ResourceModel, resource: Resource, value: unknown): unknown[] | Unresolved {
  const v = structural(model, value, resource);
  if (isUnresolved(v)) return UNRESOLVED;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return [v];
  // A loop, not map with a closure: every rule reading a list calls this.
  const out: unknown[] = [];
  for (let i = 0; i < v.length; i++) out.push(structural(model, v[i], resource));
  return out;
}

/**
 * Resolves the intrinsics that decide structure (Fn::If, Fn::Select, a Ref to a parameter, ...) and
 * keeps those that name something (a Ref to a resource, Fn::GetAtt, Fn::Sub, Fn::Join,
 * Fn::ImportValue) for render.
 */
function structural(model: ResourceModel, value: unknown, from: ResolveContext): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const fn = intrinsicOf(value);
    if (fn !== undefined) {
      if (fn === 'Fn::GetAtt' || fn === 'Fn::Sub' || fn === 'Fn::Join' || fn === 'Fn::ImportValue') return value;
      const arg = (value as Record<string, unknown>)[fn];
      const resolved = model.resolve(value, from);
      if (fn === 'Ref' && isUnresolved(resolved) && typeof arg === 'string' && (model.byAddress(arg, from) || model.passedValue(from, arg))) return value;
      return resolved;
    }
  }
  return value;
}

function lookup(index: NameIndex, text: Text | undefined, key: (t: string) => string | undefined, from: Resource): Target {
  if (text === undefined || text === '') return { kind: 'absent' };
  if (isUnresolved(text)) return { kind: 'unresolved' };
  const k = key(text);
  if (k === undefined) return { kind: 'other', text };
  return found(index, k, text, from);
}

/** The stores of the key `k` (the name `text` says), as seen from `from`'s file. */
function found(index: NameIndex, k: string, text: string, from: Resource): Target {
  const stores = index.get(k, from);
  if (stores.length > 1) {
    const unit = index.unit(from);
    const where = stores.every((r) => index.unit(r) === unit) ? 'several stores of this input' : 'a store in several other inputs';
    return { kind: 'unresolved', why: `ambiguous: ${JSON.stringify(text)} names ${where}, so which one is meant cannot be known`, candidates: stores };
  }
  return stores.length === 1 ? { kind: 'resource', resource: stores[0], text } : { kind: 'external', text };
}

/**
 * A `Fn::GetAtt [store, Arn]` of a store of `type`, looked up by the store's key without writing
 * its ARN out and parsing the name back: the same answer as lookup, for the most common way a
 * producer names its destination. Undefined for any other value.
 */
function arnOfStore(refs: RefIndex, index: NameIndex, type: string, value: unknown, from: Resource): Target | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value) || intrinsicOf(value) !== 'Fn::GetAtt') return undefined;
  const att = refs.getAtt((value as Record<string, unknown>)['Fn::GetAtt'], from);
  if (!att || att.attr !== 'Arn' || att.resource.type !== type) return undefined;
  const k = refs.keyOf(att.resource);
  // A bucket's ARN names the bucket up to its first `/`, a log group's regex stops at a line
  // break: a key holding one is read back the long way.
  if (type === BUCKET ? k.includes('/') : LINE_BREAK.test(k)) return undefined;
  return found(index, k, refs.attText(att.resource, 'Arn'), from);
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;
const BUCKET_ARN = /^arn:[^:]*:s3:::([^/]+)(?:\/.*)?$/;
const S3_URI = /^s3:\/\/([^/]+)(?:\/.*)?$/;
const BUCKET_DOMAIN = /^(.+?)\.s3(?:[.-](?:[a-z0-9-]+|\{\{AWS\.Region\}\})){0,2}\.amazonaws\.com(?:\.cn)?$/;
const LOG_GROUP_ARN = /^arn:[^:]*:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/;

const bucketNameKey = (t: string): string | undefined => (t.includes('/') || t.startsWith('arn:') ? undefined : t);
const bucketArnKey = (t: string): string | undefined => BUCKET_ARN.exec(t)?.[1];
const s3UriKey = (t: string): string | undefined => S3_URI.exec(t)?.[1];
const bucketDomainKey = (t: string): string | undefined => BUCKET_DOMAIN.exec(t)?.[1];
const logGroupNameKey = (t: string): string | undefined => (t.startsWith('arn:') ? undefined : t);
const logGroupArnKey = (t: string): string | undefined => LOG_GROUP_ARN.exec(t)?.[1];

/** A bucket named by a value (Ref or literal name). */
export function bucketByName(model: ResourceModel, value: unknown, from: Resource): Target {
  return lookup(refIndex(model).buckets, render(model, value, from), bucketNameKey, from);
}

/** A bucket named by an ARN (`arn:aws:s3:::name` with an optional `/prefix`). */
export function bucketByArn(model: ResourceModel, value: unknown, from: Resource): Target {
  const refs = refIndex(model);
  return arnOfStore(refs, refs.buckets, BUCKET, value, from) ?? lookup(refs.buckets, render(model, value, from), bucketArnKey, from);
}

/** A bucket named by an S3 URI (`s3://name/prefix`). */
export function bucketByS3Uri(model: ResourceModel, value: unknown, from: Resource): Target {
  return lookup(refIndex(model).buckets, render(model, value, from), s3UriKey, from);
}

/** A bucket named by its domain name (`name.s3.amazonaws.com`, `name.s3.region.amazonaws.com`), as CloudFront logging names it. */
export function bucketByDomainName(model: ResourceModel, value: unknown, from: Resource): Target {
  return lookup(refIndex(model).buckets, render(model, value, from), bucketDomainKey, from);
}

/** A log group named by a value (Ref or literal name). */
export function logGroupByName(model: ResourceModel, value: unknown, from: Resource): Target {
  return lookup(refIndex(model).logGroups, render(model, value, from), logGroupNameKey, from);
}

/** A log group named by an ARN (`arn:aws:logs:region:account:log-group:name` with an optional `:*`). */
export function logGroupByArn(model: ResourceModel, value: unknown, from: Resource): Target {
  const refs = refIndex(model);
  return arnOfStore(refs, refs.logGroups, LOG_GROUP, value, from) ?? lookup(refs.logGroups, render(model, value, from), logGroupArnKey, from);
}

/** Whether a value is set: 'present' (a reference or a non-empty literal), 'absent', or 'unknown'. */
export function presence(model: ResourceModel, resource: Resource, path: string): 'present' | 'absent' | 'unknown' {
  const raw = rawAt(model, resource, path);
  if (isUnresolved(raw)) return 'unknown';
  return valuePresence(model, raw, resource);
}

/**
 * presence of a raw value: what `render` would say of it ('present' a non-empty text, 'absent'
 * undefined or '', 'unknown' UNRESOLVED), without writing out the text of a Ref or a Fn::GetAtt
 * of a resource, which is never empty.
 */
export function valuePresence(model: ResourceModel, raw: unknown, from: Resource): 'present' | 'absent' | 'unknown' {
  const refs = refIndex(model);
  const fn = raw && typeof raw === 'object' && !Array.isArray(raw) ? intrinsicOf(raw) : undefined;
  if (fn === 'Fn::GetAtt') return refs.getAtt((raw as Record<string, unknown>)[fn], from) ? 'present' : 'unknown';
  if (fn === 'Ref') {
    const name = (raw as Record<string, unknown>).Ref;
    const target = typeof name === 'string' ? refs.refTarget(name, from, raw as object) : UNRESOLVED;
    // A resource's token or key is never empty; a parameter's text may be.
    if (typeof target === 'object') return 'present';
    return target === '' ? 'absent' : isUnresolved(target) ? 'unknown' : 'present';
  }
  const text = refs.render(raw, from, 0);
  if (text === undefined || text === '') return 'absent';
  return isUnresolved(text) ? 'unknown' : 'present';
}

/** A CloudFormation boolean: "true" and "false" in any case are booleans too (engine/values.ts). */
export function asBool(value: unknown): boolean | Unresolved | undefined {
  return readBool(value, 'cloudformation');
}
