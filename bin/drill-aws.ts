/**
 * The AWS drill of `npm start`, run by bin/main.ts in its own process: writes a fresh forensic
 * copy of the simulated AWS incidents in a temporary folder, asks every AWS question of it with
 * the investigate engine, and prints the outcomes as JSON (investigate/drills.ts DrillOutcome[]).
 *
 * The incident generator lives with the tests (test/incidents) and is not part of the package: it
 * is loaded from the checkout at run time, and declared here rather than imported, so building
 * bin/ (tsconfig.build.json) never pulls test/ into dist/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DrillCase, runDrills } from '../investigate/drills';

interface AwsDrillModule {
  writeAwsDrillCopy(root: string): Promise<unknown>;
  awsDrillCases(root: string, truth: unknown): DrillCase[];
}

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const drill = require(path.join(__dirname, '..', 'test', 'incidents', 'aws-extra')) as AwsDrillModule;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-drill-'));
  try {
    const truth = await drill.writeAwsDrillCopy(root);
    process.stdout.write(JSON.stringify(await runDrills(root, 'aws', drill.awsDrillCases(root, truth))));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`drill-aws: ${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exitCode = 2;
});
