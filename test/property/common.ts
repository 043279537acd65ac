/**
 * What the property-based suites share: how many cases to run, the seed, and the verdict of one
 * case. `npm test` runs a fast pass (FR_PROPERTY_CASES, default 40 per cloud); `.ci/run` runs
 * at least 1,000 cases per cloud. With FR_PROPERTY_SUMMARY set to a file, each suite appends one
 * JSON line per property (cloud, construct, cases, refused, built, seed) for the CI log. The seed is fixed (FR_PROPERTY_SEED, default 20261205), so a run
 * is reproducible; fast-check prints a failing case shrunk, with the seed and path to replay it.
 */
import * as fc from 'fast-check';
import { ForensicValidationError } from '../../constructs/core';

/** Cases per cloud in this run (spread over that cloud's constructs): 40 in `npm test`, 1,000+ in `.ci/run`. */
export const CASES_PER_CLOUD = Number(process.env.FR_PROPERTY_CASES ?? 40);
/** Cases per property when a cloud's suite has `properties` properties (at least 5 each). */
export function runsFor(properties: number): number {
  return Math.max(5, Math.ceil(CASES_PER_CLOUD / properties));
}
/** Cases per property when nothing else is said. */
export const RUNS = runsFor(8);
/** The seed of this run. */
export const SEED = Number(process.env.FR_PROPERTY_SEED ?? 20261205);

/** fast-check parameters of this run: seeded, shrinking on, the failing case printed. */
export function params<T>(runs = RUNS): fc.Parameters<T> {
  return { numRuns: runs, seed: SEED, verbose: fc.VerbosityLevel.None, endOnFailure: false };
}

/**
 * Runs `build`; a ForensicValidationError is an accepted outcome when it names one of `props`
 * (the prop as the caller wrote it, or a field of it: `retention`, `dataCapture.samplingPercentage`).
 * Any other error fails the case, with the props that caused it.
 */
export function refusedOrBuilt<T>(build: () => T, props: readonly string[]): { refused: ForensicValidationError } | { built: T } {
  try {
    return { built: build() };
  } catch (e) {
    if (e instanceof ForensicValidationError) {
      const named = props.some((p) => e.prop === p || e.prop.startsWith(`${p}.`) || e.prop.startsWith(`${p}[`));
      if (!named) throw new Error(`refused, but the error names "${e.prop}", not one of the props given (${props.join(', ')}): ${e.message}`);
      return { refused: e };
    }
    throw e;
  }
}

/** Hostile values any prop may receive: wrong types, non-finite numbers, look-alike objects. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, -1e289, 1e300, '', ' ', 'locked', 'soak', '__proto__', [], {}, { mode: 'locked' }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

/** Appends one summary line of a property to FR_PROPERTY_SUMMARY, when set. */
export function recordSummary(line: { cloud: string; construct: string; cases: number; refused: number; built: number }): void {
  const file = process.env.FR_PROPERTY_SUMMARY;
  if (!file) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('fs').appendFileSync(file, `${JSON.stringify({ ...line, seed: SEED })}\n`);
}
