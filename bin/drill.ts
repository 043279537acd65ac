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
 *
 * The generators are seeded: the same sources write the same bytes and the same planted answers.
 * So a cloud's copy is written once and kept (copyCache) in a folder of this user only, named by
 * the hash of the generator's sources (every repository file it loads), the Node, zlib and DuckDB
 * versions (gzip and Parquet bytes); each run checks every file of the kept copy against its
 * SHA-256 manifest before asking anything of it, and writes the copy afresh when a file differs,
 * is missing or is added, or when a source changed. FR_DRILL_CACHE=0 writes a fresh copy every
 * run, in a temporary folder removed after (as when no private folder can be made).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { DrillCase, DrillOutcome, runDrills } from '../investigate/drills';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { privateTempDir } = require('./private-dir') as { privateTempDir(name: string, override?: string): string | undefined };

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

const ROOT = path.join(__dirname, '..');

/** The folder drill copies are kept in, or undefined (FR_DRILL_CACHE=0, or no folder of this user only can be made). */
function copyCache(): string | undefined {
  if (process.env.FR_DRILL_CACHE === '0') return undefined;
  return privateTempDir('forensic-readiness-kit-drills', process.env.FR_DRILL_CACHE);
}

/** The repository files a loaded module and the modules it loaded are read from (not node_modules). */
function sourcesOf(mod: NodeModule): string[] {
  const seen = new Set<string>();
  const visit = (m: NodeModule): void => {
    if (seen.has(m.filename) || !m.filename.startsWith(ROOT + path.sep) || m.filename.includes(`${path.sep}node_modules${path.sep}`)) return;
    seen.add(m.filename);
    m.children.forEach(visit);
  };
  visit(mod);
  return [...seen].sort();
}

/** What a kept copy is named by: the cloud, the versions that shape its bytes, the generator's sources. */
function copyKey(cloud: Cloud, generator: NodeModule): string {
  const h = crypto.createHash('sha256');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const duckdb = (require('@duckdb/node-api/package.json') as { version: string }).version;
  h.update(JSON.stringify([1, cloud, process.versions.node, process.versions.zlib, duckdb]));
  for (const file of sourcesOf(generator)) h.update(`\0${path.relative(ROOT, file)}\0`).update(fs.readFileSync(file));
  return h.digest('hex').slice(0, 32);
}

/** Every file under root (POSIX paths relative to it) with its SHA-256. */
function manifestOf(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else out[path.relative(root, p).split(path.sep).join('/')] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  visit(root);
  return out;
}

/** A kept copy and its planted answers, when every file is as it was written; undefined otherwise. */
function keptCopy(entry: string): { root: string; truth: unknown } | undefined {
  try {
    const kept = JSON.parse(fs.readFileSync(path.join(entry, 'kept.json'), 'utf8')) as { manifest: Record<string, string>; truth: unknown };
    const root = path.join(entry, 'copy');
    return isDeepStrictEqual(manifestOf(root), kept.manifest) ? { root, truth: kept.truth } : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the kept copies of older sources of a cloud, and copies left half-written over an hour ago. */
function forgetOthers(cache: string, cloud: Cloud, entry: string): void {
  for (const name of fs.readdirSync(cache)) {
    const p = path.join(cache, name);
    if (!name.startsWith(`${cloud}-`) || p === entry) continue;
    if (name.includes('.tmp-') && Date.now() - fs.statSync(p).mtimeMs < 3_600_000) continue;
    fs.rmSync(p, { recursive: true, force: true });
  }
}

/** Asks a cloud's cases of its copy: the kept one when it is intact, else one written now (and kept). */
async function drill(cloud: Cloud): Promise<DrillOutcome[]> {
  const d = DRILLS[cloud];
  const file = path.join(ROOT, 'test', 'incidents', d.module);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(file) as Record<string, (...args: unknown[]) => unknown>;
  const cache = copyCache();
  const entry = cache && path.join(cache, `${cloud}-${copyKey(cloud, require.cache[require.resolve(file)]!)}`);
  const kept = entry ? keptCopy(entry) : undefined;
  if (kept) return runDrills(kept.root, cloud, d.cases(m, kept.root, kept.truth));
  const tmp = fs.mkdtempSync(cache ? `${entry}.tmp-` : path.join(os.tmpdir(), `fr-drill-${cloud}-`));
  let root = path.join(tmp, 'copy');
  let removeAfter: string | undefined = tmp;
  try {
    fs.mkdirSync(root);
    const truth = await d.write(m, root);
    // Kept only when the planted answers survive JSON as they are (they always have).
    if (cache && entry && isDeepStrictEqual(JSON.parse(JSON.stringify(truth)), truth)) {
      fs.writeFileSync(path.join(tmp, 'kept.json'), JSON.stringify({ manifest: manifestOf(root), truth }));
      // A damaged kept copy is replaced; one another run has just kept is left to it (this one is then asked and removed).
      if (fs.existsSync(entry) && !keptCopy(entry)) fs.rmSync(entry, { recursive: true, force: true });
      try {
        fs.renameSync(tmp, entry);
        root = path.join(entry, 'copy');
        removeAfter = undefined;
        forgetOthers(cache, cloud, entry);
      } catch {
        // Another run kept its copy first.
      }
    }
    return await runDrills(root, cloud, d.cases(m, root, truth));
  } finally {
    if (removeAfter) fs.rmSync(removeAfter, { recursive: true, force: true });
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
