/**
 * The shared cases of the unknown-props suites (test/aws|gcp|azure/unknown-props.test.ts): for
 * each row, a typo of a known key is refused with its did-you-mean, and a key near no known one
 * without a guess, each in one line naming the construct, its path and the bag.
 */
import { Testing, TerraformStack } from 'cdktf';
import { UnknownPropError } from '../constructs/core';
import { refusal } from './refusal';

/** One props bag of one construct or add* method. */
export interface UnknownPropRow<S> {
  /** The construct class named in the message. */
  readonly construct: string;
  /** The bag the unknown key is put in, as the message names it. */
  readonly bag: string;
  /** A typo of a known key, and the key the message suggests. */
  readonly typo: [string, string];
  /** Builds with `extra` merged into the bag. */
  build(stack: S, extra: Record<string, unknown>): void;
}

/**
 * The typo and no-guess cases of `rows`, each named by `name(row)`, built in a fresh stack;
 * `head(row, key)` is how the row's message starts (`<Construct> <path>: unknown prop "<key>" in <bag> (expected one of: `).
 */
export function unknownPropCases<S, R extends UnknownPropRow<S>>(rows: readonly R[], newStack: () => S, name: (r: R) => string, head: (r: R, key: string) => string): void {
  const named = rows.map((r) => [name(r), r] as const);
  test.each(named)('%s: a typo, with its did-you-mean', (_name, r) => {
    const [typo, meant] = r.typo;
    const e = refusal(() => r.build(newStack(), { [typo]: true }));
    expect(e).toBeInstanceOf(UnknownPropError);
    expect(e.message.startsWith(head(r, typo))).toBe(true);
    expect(e.message).toMatch(new RegExp(`[(, ]${meant}[,;]`));
    expect(e.message.endsWith(`; did you mean "${meant}"?)`)).toBe(true);
    expect(e.message).not.toContain('\n');
  });

  test.each(named)('%s: a key near no known one, without a guess', (_name, r) => {
    const e = refusal(() => r.build(newStack(), { zzqq: 1 }));
    expect(e.message.startsWith(head(r, 'zzqq'))).toBe(true);
    expect(e.message).toMatch(/[a-zA-Z0-9]\)$/);
  });
}

/** The exported construct classes of a package module, and their add* methods (`Class.addX`). */
export function constructsAndAdds(module: Record<string, unknown>, base: abstract new (...args: never[]) => unknown): { readonly constructs: string[]; readonly adds: string[] } {
  const exported = Object.entries(module).filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof base);
  const adds = exported.flatMap(([n, c]) =>
    Object.getOwnPropertyNames((c as { prototype: object }).prototype)
      .filter((m) => /^add[A-Z]/.test(m))
      .map((m) => `${n}.${m}`),
  );
  return { constructs: exported.map(([n]) => n).sort(), adds: adds.sort() };
}

/** One props bag of a CDKTF construct or add* method, and the path its message names. */
export interface TfUnknownPropRow extends UnknownPropRow<TerraformStack> {
  /** The construct path named in the message. */
  readonly path: string;
  /** What the row covers: the constructor, or an add* method. */
  readonly entry: string;
}

/** unknownPropCases for CDKTF rows (GCP, Azure), each built in a fresh stack of a fresh app. */
export function tfUnknownPropCases(rows: readonly TfUnknownPropRow[]): void {
  unknownPropCases(
    rows,
    () => new TerraformStack(Testing.app(), 'test'),
    (r) => `${r.entry} ${r.bag}`,
    (r, key) => `${r.construct} ${r.path}: unknown prop "${key}" in ${r.bag} (expected one of: `,
  );
}

