/**
 * Two-faced props: a props object whose every property is a getter that counts its reads and
 * answers the real value on the first read and a weak one on every later read (a Proxy or getter
 * a hostile or careless caller could pass). A construct that validated the first answer and built
 * from a later one would deploy the weak value unchecked; the per-cloud `two-faced-props` suites
 * assert each construct reads every prop exactly once and builds exactly what plain props build.
 */
import { Testing, TerraformStack } from 'cdktf';

/** A two-faced copy of props and the reads of each of its properties, by path (`logBucket.retention`, `vpcs[0]`). */
export interface TwoFaced<T> {
  readonly props: T;
  /** Reads so far, for every property the copy has (0 when never read). */
  reads(): Record<string, number>;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` in which every own property of every plain object and array (nested ones too)
 * is a getter: the first read answers the real value, later reads `later[path]` (undefined when
 * the path is not in `later`). Class instances (constructs, Duration, Retention) are kept as they are.
 */
export function twoFaced<T>(value: T, later: Record<string, unknown> = {}): TwoFaced<T> {
  const counts = new Map<string, number>();
  const wrap = (v: unknown, path: string): unknown => {
    if (!Array.isArray(v) && !isPlain(v)) return v;
    const out = (Array.isArray(v) ? new Array(v.length) : {}) as Record<string | number, unknown>;
    const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (const key of keys) {
      const p = Array.isArray(v) ? `${path}[${key}]` : path ? `${path}.${key}` : String(key);
      const first = wrap((v as Record<string | number, unknown>)[key], p);
      counts.set(p, 0);
      Object.defineProperty(out, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          const n = counts.get(p)!;
          counts.set(p, n + 1);
          return n === 0 ? first : later[p];
        },
      });
    }
    return out;
  };
  for (const p of Object.keys(later)) {
    if (!hasPath(value, p)) throw new Error(`twoFaced: later names ${p}, which the props do not have`);
  }
  const props = wrap(value, '') as T;
  return { props, reads: () => Object.fromEntries(counts) };
}

function hasPath(value: unknown, path: string): boolean {
  let v: unknown = value;
  for (const part of path.split(/\.|(?=\[)/)) {
    const m = /^\[(\d+)\]$/.exec(part);
    const key = m ? Number(m[1]) : part;
    if (v === null || typeof v !== 'object' || !(key in (v as object))) return false;
    v = (v as Record<string | number, unknown>)[key];
  }
  return true;
}

/** Every path of a reads record mapped to 1: what `reads()` must equal once the construct is built. */
export function readOnce(reads: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(reads).map((p) => [p, 1]));
}

/** One case of a two-faced props suite: a construct (or add* method) built in a stack of type S. */
export interface TwoFacedCase<S> {
  /** The props, made in the case's stack. */
  props(stack: S): Record<string, unknown>;
  /** Builds the construct (or calls the add* method) with the props. */
  build(stack: S, props: never): void;
  /** What a later read of a prop answers (undefined for any prop not named). */
  later: Record<string, unknown>;
}

/**
 * One test per case: the construct built from two-faced props builds what the plain props build,
 * and reads each prop exactly once. `built` builds a case with plain (false) or two-faced (true) props.
 */
export function describeTwoFaced<C>(cases: Record<string, C>, built: (c: C, hostile: boolean) => { output: unknown; reads?: Record<string, number> }): void {
  describe.each(Object.keys(cases))('%s with two-faced props', (name) => {
    test('builds what the plain props build, reading each prop exactly once', () => {
      const plain = built(cases[name], false);
      const hostile = built(cases[name], true);
      expect(Object.keys(hostile.reads!).length).toBeGreaterThan(0);
      expect(hostile.reads).toEqual(readOnce(hostile.reads!));
      expect(hostile.output).toEqual(plain.output);
    });
  });
}

/**
 * A two-faced class instance: an object whose every property of `value` is a getter on its
 * prototype (not an own property: a class with `get` accessors), answering the real value on the
 * first read and `later[key]` after. The snapshot of props must read such an object once too.
 */
export function protoFaced<T extends object>(value: T, later: Record<string, unknown> = {}): TwoFaced<T> {
  const counts = new Map<string, number>();
  const proto: Record<string, unknown> = {};
  for (const [key, first] of Object.entries(value)) {
    counts.set(key, 0);
    Object.defineProperty(proto, key, {
      configurable: true,
      get: () => {
        const n = counts.get(key)!;
        counts.set(key, n + 1);
        return n === 0 ? first : later[key];
      },
    });
  }
  return { props: Object.create(proto) as T, reads: () => Object.fromEntries(counts) };
}

/**
 * A CDKTF case built in a fresh stack, with two-faced props when `wrap`: the Terraform JSON and
 * every construct's annotations, as one comparable value, and the reads of each prop.
 */
export function builtTf(c: TwoFacedCase<TerraformStack>, wrap: boolean): { output: unknown; reads?: Record<string, number> } {
  const stack = new TerraformStack(Testing.app(), 'test');
  const props = c.props(stack);
  const faced = wrap ? twoFaced(props, c.later) : undefined;
  c.build(stack, (faced ? faced.props : props) as never);
  const annotations = stack.node.findAll().flatMap((n) => n.node.metadata.filter((m) => m.type.startsWith('@cdktf/')).map((m) => [n.node.path, m.type, m.data]));
  return { output: { terraform: JSON.parse(Testing.synth(stack)), annotations }, reads: faced?.reads() };
}

