/**
 * The drill phase of `npm start`: bin/drill.ts, the process bin/main.ts runs beside the synths,
 * drills the clouds it is given and prints their outcomes as JSON; the lines `npm start` prints
 * per cloud, and the one line it fails with when a drill did not answer exactly.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { QUESTIONS } from '../../constructs/core/questions';
import { DRILL_CLOUDS, DrillOutcome, drillFailure, drillLines } from '../../investigate/drills';

const ROOT = path.join(__dirname, '..', '..');
const drill = (...clouds: string[]) => spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), path.join(ROOT, 'bin', 'drill.ts'), ...clouds], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

const outcome = (cloud: DrillOutcome['cloud'], question: string, o: DrillOutcome['outcome'] = 'answered') => ({ cloud, question, outcome: o });

test('the three clouds are drilled, AWS first', () => {
  expect(DRILL_CLOUDS).toEqual(['aws', 'gcp', 'azure']);
});

test('one line per cloud drilled, in cloud order; the questions not answered exactly named with their outcome', () => {
  const outcomes = [outcome('azure', 'data-writes'), outcome('gcp', 'endpoint-volume', 'wrong'), outcome('aws', 'endpoint-callers'), outcome('gcp', 'data-reads'), outcome('azure', 'network-egress', 'failed')];
  expect(drillLines(outcomes)).toEqual([
    'drills: 1 of 1 AWS questions answered exactly on the simulated incidents',
    'drills: 1 of 2 GCP questions answered exactly on the simulated incidents (not: endpoint-volume wrong)',
    'drills: 1 of 2 Azure questions answered exactly on the simulated incidents (not: network-egress failed)',
  ]);
  expect(drillLines([])).toEqual([]);
});

test('npm start fails in one line naming each question a drill did not answer, and the tests that show why', () => {
  expect(drillFailure([outcome('aws', 'endpoint-callers'), outcome('gcp', 'data-reads')])).toBeUndefined();
  expect(drillFailure([])).toBeUndefined();
  const line = drillFailure([outcome('azure', 'network-egress', 'failed'), outcome('gcp', 'endpoint-volume', 'wrong'), outcome('gcp', 'data-reads')]);
  expect(line).toBe('2 drill questions were not answered exactly (Azure network-egress: failed, GCP endpoint-volume: wrong); `npx jest test/investigate/drills-gcp.test.ts test/investigate/drills-azure.test.ts` shows the difference');
  expect(line).not.toContain('\n');
});

test('bin/drill.ts drills the clouds it is given and prints every outcome as JSON: all GCP and Azure questions answered', () => {
  const r = drill('gcp', 'azure');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as DrillOutcome[];
  const recorded = (c: 'gcp' | 'azure') => QUESTIONS.filter((q) => q.clouds[c].status !== 'not-recorded').map((q) => q.id);
  expect(out.filter((o) => o.cloud === 'gcp').map((o) => o.question).sort()).toEqual([...recorded('gcp')].sort());
  expect(out.filter((o) => o.cloud === 'azure').map((o) => o.question).sort()).toEqual([...recorded('azure')].sort());
  expect(out.map((o) => o.cloud)).toEqual([...out.filter((o) => o.cloud === 'gcp'), ...out.filter((o) => o.cloud === 'azure')].map((o) => o.cloud));
  expect(out.filter((o) => o.outcome !== 'answered')).toEqual([]);
}, 120_000);

test('bin/drill.ts refuses an unknown cloud in one line, exit 2', () => {
  const r = drill('gcp', 'oracle');
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('drill: unknown cloud oracle (aws, gcp or azure)\n');
}, 60_000);
