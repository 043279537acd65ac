import { InputError } from './errors';
import { isPlainObject } from './template';
import { UNRESOLVED, isUnresolved } from './unresolved';

/** More entries than this from the loops of one template is no template CloudFormation accepts (500 resources). */
const MAX_GENERATED = 100_000;

/** An identifier's value: an item of the collection, or UNRESOLVED when the collection is known only at deploy. */
type Bindings = ReadonlyMap<string, unknown>;

/** What expandForEach returns: the section without loops, and the loop each generated key came from. */
export interface ForEachExpansion {
  /** The section, every `Fn::ForEach::Name` replaced by the entries it generates (the same object when it has none). */
  readonly section: Record<string, unknown>;
  /** Generated top-level key -> the `Fn::ForEach::Name` key that generated it (for line numbers). */
  readonly origins: ReadonlyMap<string, string>;
}

/**
 * `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]` (the AWS::LanguageExtensions
 * transform) expanded as CloudFormation expands it, in a section and anywhere inside it (nested loops,
 * loops in Properties): one copy of the fragment per item, with `${Identifier}` and `&{Identifier}`
 * (the item without its non-alphanumeric characters) replaced in keys and strings, and
 * `Ref: Identifier` replaced by the item.
 *
 * The collection is a list, or a `Ref` to a CommaDelimitedList parameter; with a default the
 * default is the collection, as for every other Ref. A collection known only at deploy gives one
 * copy whose keys keep the placeholder (`Bucket${Name}`) and whose values that depend on the
 * identifier are UNRESOLVED: the rules judge what every copy shares and say UNKNOWN for the rest.
 */
export function expandForEach(section: Record<string, unknown>, parameters: ReadonlyMap<string, unknown>, file: string): ForEachExpansion {
  const origins = new Map<string, string>();
  if (!hasLoop(section)) return { section, origins };
  const ctx = { parameters, file, generated: 0 };
  const out = expandObject(section, new Map(), ctx, origins);
  return { section: out, origins };
}

interface Ctx {
  readonly parameters: ReadonlyMap<string, unknown>;
  readonly file: string;
  generated: number;
}

function expand(value: unknown, bindings: Bindings, ctx: Ctx): unknown {
  if (typeof value === 'string') return bindings.size > 0 ? substituteValue(value, bindings) : value;
  if (Array.isArray(value)) {
    const items = value.map((v) => expand(v, bindings, ctx));
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (bindings.size > 0 && keys.length === 1 && (keys[0] === 'Ref' || (keys[0].startsWith('Fn::') && !isLoopKey(keys[0])))) {
    const fn = keys[0];
    if (fn === 'Ref' && typeof value.Ref === 'string' && bindings.has(value.Ref)) return bindings.get(value.Ref);
    // An intrinsic with an argument known only at deploy is known only at deploy.
    const args = expand(value[fn], bindings, ctx);
    if (holdsUnresolved(args)) return UNRESOLVED;
    return args === value[fn] ? value : { [fn]: args };
  }
  return expandObject(value, bindings, ctx);
}

function expandObject(obj: Record<string, unknown>, bindings: Bindings, ctx: Ctx, origins?: Map<string, string>): Record<string, unknown> {
  let changed = false;
  const out: Record<string, unknown> = {};
  const put = (key: string, v: unknown, from: string) => {
    if (Object.hasOwn(out, key)) throw new InputError(`${ctx.file}: ${from} generates the key ${key}, which is already there (CloudFormation refuses duplicates)`);
    if (++ctx.generated > MAX_GENERATED) throw new InputError(`${ctx.file}: Fn::ForEach loops generate more than ${MAX_GENERATED} entries; no template has so many`);
    out[key] = v;
  };
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (!isLoopKey(key)) {
      const k = bindings.size > 0 ? substituteKey(key, bindings) : key;
      const x = expand(v, bindings, ctx);
      if (k !== key || x !== v) changed = true;
      put(k, x, key);
      continue;
    }
    changed = true;
    if (!Array.isArray(v) || v.length !== 3 || typeof v[0] !== 'string' || v[0] === '' || !isPlainObject(v[2])) {
      throw new InputError(`${ctx.file}: ${key} must be [Identifier, Collection, {OutputKey: OutputValue}]`);
    }
    const [identifier, collection, fragment] = v as [string, unknown, Record<string, unknown>];
    for (const item of collectionItems(collection, bindings, ctx)) {
      const inner = new Map(bindings).set(identifier, item);
      const generated = expandObject(fragment, inner, ctx);
      for (const [gk, gv] of Object.entries(generated)) {
        put(gk, gv, key);
        origins?.set(gk, key);
      }
    }
  }
  return changed ? out : obj;
}

/** The items of a collection; one UNRESOLVED item when the collection is known only at deploy. */
function collectionItems(collection: unknown, bindings: Bindings, ctx: Ctx): unknown[] {
  let list: unknown = collection;
  if (isPlainObject(list) && Object.keys(list).length === 1 && typeof list.Ref === 'string') {
    const def = bindings.has(list.Ref) ? undefined : ctx.parameters.get(list.Ref);
    list = typeof def === 'string' ? def.split(',') : def;
  }
  if (!Array.isArray(list)) return [UNRESOLVED];
  const items = list.map((item) => {
    const x = expand(item, bindings, ctx);
    if (isPlainObject(x) && Object.keys(x).length === 1 && typeof x.Ref === 'string') {
      const def = ctx.parameters.get(x.Ref);
      return isScalar(def) ? def : UNRESOLVED;
    }
    return isScalar(x) ? x : UNRESOLVED;
  });
  // An item known only at deploy leaves the keys unknown: one copy stands for them all.
  return items.some(isUnresolved) ? [UNRESOLVED] : items;
}

/** Whether a `Fn::ForEach::` key is anywhere in a value; walked without recursion, copying nothing. */
function hasLoop(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    // Only objects and lists go on the stack: most values are scalars.
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
      continue;
    }
    for (const k in v) {
      if (isLoopKey(k)) return true;
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return false;
}

function isLoopKey(key: string): boolean {
  return key.startsWith('Fn::ForEach::');
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

const PLACEHOLDER = /([$&])\{([A-Za-z0-9_.:-]+)\}/g;

/** A key with each known identifier replaced; an unknown one keeps its placeholder (`Bucket${Name}`). */
function substituteKey(key: string, bindings: Bindings): string {
  return substitute(key, bindings).text;
}

/** A string value with each identifier replaced; UNRESOLVED when one of them is unknown. */
function substituteValue(value: string, bindings: Bindings): unknown {
  const { text, unknown } = substitute(value, bindings);
  return unknown ? UNRESOLVED : text;
}

/** `${Id}` is the item, `&{Id}` the item without its non-alphanumeric characters; unknown items stay placeholders. */
function substitute(s: string, bindings: Bindings): { text: string; unknown: boolean } {
  let unknown = false;
  const text = s.replace(PLACEHOLDER, (all, sigil: string, id: string) => {
    if (!bindings.has(id)) return all;
    const item = bindings.get(id);
    if (isUnresolved(item)) {
      unknown = true;
      return all;
    }
    return sigil === '&' ? String(item).replace(/[^0-9A-Za-z]/g, '') : String(item);
  });
  return { text, unknown };
}

function holdsUnresolved(v: unknown): boolean {
  if (isUnresolved(v)) return true;
  if (Array.isArray(v)) return v.some(holdsUnresolved);
  if (isPlainObject(v)) return Object.values(v).some(holdsUnresolved);
  return false;
}
