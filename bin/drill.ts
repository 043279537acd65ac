/**
 * The drill phase of `npm start`, run by bin/main.ts in a process of its own: for each cloud named
 * on the command line (`aws`, `gcp`, `azure`; all three when none is), at once, writes a fresh
 * forensic copy of the simulated incidents in a temporary folder of its own, asks every question
 * that cloud records of it with the investigate engine (a DuckDB instance per cloud), and prints
 * the outcomes of all clouds as one JSON array (investigate/drills.ts DrillOutcome[]), in the
 * order the clouds were named.
 *
 * The incident generators live with the tests (test/incidents) and are not part of the package:
 * they are loaded from the checkout at run time, and declared here rather than imported, so
 * building bin/ (tsconfig.build.json) never pulls test/ into dist/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DrillCase, DrillOutcome, runDrills } from '../investigate/drills';

type Cloud = DrillOutcome['cloud'];

/** How one cloud's drill copy is written and its cases made, from test/incidents. */
interface CloudDrill {
  readonly module: string;
  write(m: Record<string, (...args: unknown[]) => unknown>, root: string): Promise<unknown>;
  cases(m: Record<string, (...args: unknown[]) => unknown>, root: string, truth: unknown): DrillCase[];
}

const DRILLS: Readonly<Record<Cloud, CloudDrill>> = {
  aws: { module: 'aws-extra', write: async (m, root) => m.writeAwsDrillCopy(root), cases: (m, root, truth) => m.awsDrillCases(root, truth) as DrillCase[] },
  gcp: { module: 'gcp', write: async (m, root) => m.writeGcpDrillCopy(root), cases: (m, _root, truth) => m.gcpDrillCases(truth) as DrillCase[] },
  azure: { module: 'azure', write: async (m, root) => m.writeAzureDrillCopy(root), cases: (m, _root, truth) => m.azureDrillCases(truth) as DrillCase[] },
};

/** Writes one cloud's drill copy, asks its cases, removes the copy. */
async function drill(cloud: Cloud): Promise<DrillOutcome[]> {
  const d = DRILLS[cloud];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(path.join(__dirname, '..', 'test', 'incidents', d.module)) as Record<string, (...args: unknown[]) => unknown>;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `fr-drill-${cloud}-`));
  try {
    const truth = await d.write(m, root);
    return await runDrills(root, cloud, d.cases(m, root, truth));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((c) => !(c in DRILLS));
  if (unknown.length > 0) throw new Error(`unknown cloud ${unknown.join(', ')} (aws, gcp or azure)`);
  const clouds = (asked.length > 0 ? asked : Object.keys(DRILLS)) as Cloud[];
  // The clouds at once: while one cloud's questions run in DuckDB's threads, the next copy is written.
  const out = await Promise.all(clouds.map((c) => drill(c)));
  process.stdout.write(JSON.stringify(out.flat()));
}

main().catch((err: Error) => {
  process.stderr.write(`drill: ${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exitCode = 2;
});
