/**
 * The drill phase of `npm start`: bin/drill.ts, the process bin/main.ts runs beside the synths,
 * drills the clouds it is given and prints their outcomes as JSON; the lines `npm start` prints
 * per cloud, and the one line it fails with when a drill did not answer exactly.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { QUESTIONS } from '../../constructs/core/questions';
import { DRILL_CLOUDS, DrillOutcome, drillFailure, drillLines } from '../../investigate/drills';

const ROOT = path.join(__dirname, '..', '..');
/** bin/drill.ts as bin/main.ts starts it (with npm start's TypeScript loader); `cache`: FR_DRILL_CACHE. */
const drillIn = (cache: string | undefined, ...clouds: string[]) =>
  spawnSync(process.execPath, ['-r', path.join(ROOT, 'bin', 'ts-require.js'), path.join(ROOT, 'bin', 'drill.ts'), ...clouds], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...(cache === undefined ? {} : { FR_DRILL_CACHE: cache }) } });
const drill = (...clouds: string[]) => drillIn(undefined, ...clouds);

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

test('bin/drill.ts keeps each copy once written, checks it file by file before each run, and writes it again when a file differs', () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-drill-cache-'));
  try {
    const first = drillIn(cache, 'gcp');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const [entry, ...others] = fs.readdirSync(cache);
    expect(others).toEqual([]);
    expect(entry).toMatch(/^gcp-[0-9a-f]{32}$/);
    if (process.platform !== 'win32') expect(fs.statSync(cache).mode & 0o777).toBe(0o700);
    const copy = path.join(cache, entry, 'copy');
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const kept = files(copy).sort();
    expect(kept.length).toBeGreaterThan(10);
    const bytes = new Map(kept.map((f) => [f, fs.readFileSync(f)]));

    // Kept: the same outcomes from the same files, not rewritten (mtimes unchanged).
    const mtimes = kept.map((f) => fs.statSync(f).mtimeMs);
    const second = drillIn(cache, 'gcp');
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(kept.map((f) => fs.statSync(f).mtimeMs)).toEqual(mtimes);

    // A file changed, one removed and one added: the copy is written again, whole, and the answers are the planted ones.
    fs.appendFileSync(kept[0], '\n');
    fs.rmSync(kept[1]);
    fs.writeFileSync(path.join(copy, 'planted.json'), '{}');
    const third = drillIn(cache, 'gcp');
    expect(third.stderr).toBe('');
    expect(third.status).toBe(0);
    expect(third.stdout).toBe(first.stdout);
    expect(fs.readdirSync(cache)).toEqual([entry]);
    expect(files(copy).sort()).toEqual(kept);
    for (const f of kept) expect(fs.readFileSync(f).equals(bytes.get(f)!)).toBe(true);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}, 180_000);

test('FR_DRILL_CACHE=0: a fresh copy in a temporary folder, removed after; the same outcomes', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-drill-fresh-'));
  try {
    const r = spawnSync(process.execPath, ['-r', path.join(ROOT, 'bin', 'ts-require.js'), path.join(ROOT, 'bin', 'drill.ts'), 'gcp'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, FR_DRILL_CACHE: '0', TMPDIR: tmp } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as DrillOutcome[]).filter((o) => o.outcome !== 'answered')).toEqual([]);
    // Nothing kept: the copy and DuckDB's folders are gone (the loader's cache is its own folder, named).
    expect(fs.readdirSync(tmp).filter((f) => !f.startsWith('forensic-readiness-kit-ts-'))).toEqual([]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}, 120_000);
