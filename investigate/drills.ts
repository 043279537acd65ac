/**
 * The drill phase of `npm start`: ask the kit's questions of a freshly generated forensic copy of
 * a simulated incident and compare each answer with what the simulation planted; the lines
 * `npm start` prints of the outcomes, one per cloud, and the one line it fails with. The copy and the
 * cases come from the caller (the incident generator lives with the tests, test/incidents, and is
 * not shipped; bin/main.ts loads it from the checkout), so this module only runs and judges.
 */
import { isDeepStrictEqual } from 'util';
import type * as Engine from './engine';

/** One question asked of the drill copy, and the rows it must return exactly. */
export interface DrillCase {
  readonly scenario: string;
  readonly question: string;
  readonly params: readonly (readonly [string, string])[];
  readonly from: string;
  readonly to: string;
  readonly expected: readonly Record<string, unknown>[];
}

/** What one drill returned. */
export interface DrillOutcome {
  readonly scenario: string;
  readonly question: string;
  readonly cloud: 'aws' | 'gcp' | 'azure';
  /** `answered`: exactly the planted rows; `wrong`: other rows; `failed`: no answer (an error). */
  readonly outcome: 'answered' | 'wrong' | 'failed';
  readonly rows: number;
  /** The answer in one line (its first row's leading values), or the error. */
  readonly summary: string;
}

const summarise = (rows: readonly Record<string, unknown>[]): string =>
  rows.length === 0 ? 'no rows' : `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}, first: ${Object.entries(rows[0]).filter(([k, v]) => k !== 'cloud' && v !== null).slice(0, 4).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`;

/**
 * How the drills hold a copy (engine.ts OpenOptions), measured on the drill copies: the views most
 * of a cloud's questions read, read once into tables (CloudTrail's Athena table, by 7 of the 9 AWS
 * questions; the GCP audit logs, by 8 of 9; Azure ML, blob and activity logs, by 3 or 4 each),
 * each otherwise a decompress and parse of its files per question (~0.9 s of CPU for the three
 * clouds); the views only one or two questions read cost more to hold than to read. The
 * JSON-lines layouts' lines are held too (`lines`): DuckDB then reads each such file once, not
 * again for the malformed lines and untimed records, for each held view and for each question over
 * the others. One DuckDB thread per cloud, as the three clouds are drilled at once beside the
 * synths on two cores (two threads each spent ~1 s more CPU on contention).
 */
export const DRILL_SESSION = { tables: ['cloudtrail_logs', 'gcp_audit_logs', 'azure_ml_events', 'azure_storage_blob_logs', 'azure_activity_logs'], lines: true, threads: 1 } as const;

/** Runs every case over the copy under root. */
export async function runDrills(root: string, cloud: DrillOutcome['cloud'], cases: readonly DrillCase[]): Promise<DrillOutcome[]> {
  const out: DrillOutcome[] = [];
  // The copy is recognised and its views created once, for every case. The engine is loaded here
  // only: `npm start` reads the lines below without paying for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openInvestigation } = require('./engine') as typeof Engine;
  const copy = await openInvestigation([root], root, DRILL_SESSION);
  try {
    for (const c of cases) await one(c);
  } finally {
    copy.close();
  }
  return out;

  async function one(c: DrillCase): Promise<void> {
    try {
      const a = await copy.ask({ question: c.question, params: c.params, from: c.from, to: c.to });
      const ok = isDeepStrictEqual(a.rows, c.expected);
      out.push({ scenario: c.scenario, question: c.question, cloud, outcome: ok ? 'answered' : 'wrong', rows: a.rows.length, summary: summarise(a.rows) });
    } catch (err) {
      out.push({ scenario: c.scenario, question: c.question, cloud, outcome: 'failed', rows: 0, summary: String((err as Error)?.message ?? err).split('\n')[0] });
    }
  }
}

/** The clouds `npm start` drills, in the order its lines are printed. */
export const DRILL_CLOUDS: readonly DrillOutcome['cloud'][] = ['aws', 'gcp', 'azure'];
const CLOUD_NAMES: Record<DrillOutcome['cloud'], string> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

/** One line per drilled cloud (`npm start`): how many of its questions were answered exactly, and which not. */
export function drillLines(outcomes: readonly Pick<DrillOutcome, 'cloud' | 'question' | 'outcome'>[]): string[] {
  return DRILL_CLOUDS.filter((c) => outcomes.some((o) => o.cloud === c)).map((c) => {
    const mine = outcomes.filter((o) => o.cloud === c);
    const missed = mine.filter((o) => o.outcome !== 'answered');
    return `drills: ${mine.length - missed.length} of ${mine.length} ${CLOUD_NAMES[c]} questions answered exactly on the simulated incidents${missed.length > 0 ? ` (not: ${missed.map((o) => `${o.question} ${o.outcome}`).join(', ')})` : ''}`;
  });
}

/** Why `npm start` fails on its drills, in one line; undefined when every drill answered exactly. */
export function drillFailure(outcomes: readonly Pick<DrillOutcome, 'cloud' | 'question' | 'outcome'>[]): string | undefined {
  const missed = outcomes.filter((o) => o.outcome !== 'answered');
  if (missed.length === 0) return undefined;
  const clouds = DRILL_CLOUDS.filter((c) => missed.some((o) => o.cloud === c));
  return `${missed.length} drill ${missed.length === 1 ? 'question was' : 'questions were'} not answered exactly (${missed.map((o) => `${CLOUD_NAMES[o.cloud]} ${o.question}: ${o.outcome}`).join(', ')}); \`npx jest ${clouds.map((c) => `test/investigate/drills-${c}.test.ts`).join(' ')}\` shows the difference`;
}
