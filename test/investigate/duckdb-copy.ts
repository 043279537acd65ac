/**
 * Test helpers for the GCP and Azure drills: the one setup of their drill and layout tests (the
 * drill copy written, the layouts' views laid over it in DuckDB, as the engine would, the files
 * found by each layout's own `matches`), run an offline question file with its catalog parameters
 * bound by name, and snapshot the copy's bytes and mtimes to prove nothing was written into it.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { question, type QuestionCloud, type QuestionId } from '../../constructs/core/questions';
import type { Layout } from '../../investigate/layout';
import { runCli } from '../../bin/cli';
import { DRILL_SESSION, type DrillCase } from '../../investigate/drills';
import { openInvestigation } from '../../investigate/engine';

export const ROOT = path.join(__dirname, '..', '..');

/** The first 4 KiB of a file, as the engine hands it to `matches`. */
export function head(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, 4096, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** The relative paths of the files each layout recognises under the root. */
export function recognise(root: string, files: readonly string[], layouts: readonly Layout[]): Map<string, string[]> {
  const found = new Map<string, string[]>(layouts.map((l) => [l.id, []]));
  for (const f of files) for (const l of layouts) if (l.matches(f, head(path.join(root, f)))) found.get(l.id)?.push(f);
  return found;
}

/** Creates every layout's views over the files it recognises. */
export async function createViews(db: DuckDBConnection, root: string, files: readonly string[], layouts: readonly Layout[]): Promise<void> {
  const found = recognise(root, files, layouts);
  for (const l of layouts) {
    const mine = found.get(l.id) ?? [];
    if (mine.length > 0) await db.run(l.viewSql(mine.map((f) => path.join(root, f)), root));
  }
}

/** The text of an offline question file. */
export function offlineQuery(cloud: QuestionCloud, id: QuestionId): string {
  return fs.readFileSync(path.join(ROOT, 'queries', cloud, 'offline', `${id}.duckdb.sql`), 'utf8');
}

/** Runs an offline question with named parameters; rows with BIGINTs as numbers. */
export async function ask(db: DuckDBConnection, cloud: QuestionCloud, id: QuestionId, params: Record<string, string>): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const prepared = await db.prepare(offlineQuery(cloud, id));
  prepared.bind(params);
  const reader = await prepared.runAndReadAll();
  const rows = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  return { columns: reader.columnNames(), rows };
}

/** The named parameters a query file uses, in first-use order (comments ignored). */
export function namedParameters(text: string): string[] {
  const body = text.replace(/^--.*$/gm, '').replace(/'(?:[^']|'')*'/g, "''");
  return [...new Set([...body.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];
}

/**
 * The header of an offline question's file, checked against the catalog (jest's expect): the
 * question, its views, its parameters as the catalog names them, its answer columns in order.
 * Returns the file's text.
 */
export function expectOfflineHeader(cloud: QuestionCloud, id: QuestionId): string {
  const text = offlineQuery(cloud, id);
  const q = question(id);
  expect(text.startsWith(`-- Question: ${id}.`)).toBe(true);
  expect(text).toMatch(/^-- Views: /m);
  expect(text).toContain(`-- Parameters: ${q.parameters.map((p) => `$${p.name}`).join(', ')}`);
  expect(text).toContain(`-- Answer columns: ${q.columns.join(', ')}.`);
  expect(namedParameters(text).sort()).toEqual(q.parameters.map((p) => p.name).sort());
  return text;
}

/** Every file under the root with its SHA-256 and mtime. */
export function snapshot(root: string): Record<string, { sha256: string; mtimeMs: number }> {
  const out: Record<string, { sha256: string; mtimeMs: number }> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = { sha256: crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'), mtimeMs: fs.statSync(p).mtimeMs };
    }
  };
  walk(root);
  return out;
}

/** A generated forensic copy with every layout's views over it, for one test file. */
export interface DrillCopy<T> {
  /** The copy's root folder. */
  readonly dir: string;
  /** What the generator planted. */
  readonly truth: T;
  /** Its bytes and mtimes right after it was written. */
  readonly before: ReturnType<typeof snapshot>;
  /** DuckDB in memory with the layouts' views over the copy. */
  readonly db: DuckDBConnection;
}

/**
 * The one setup of the GCP and Azure drill and layout tests: writes the cloud's drill copy in a
 * temporary folder before the file's tests (the same generator and seed `npm start` drills on),
 * creates the layouts' views over it, and removes both afterwards. Call at the top of a test file.
 */
export function useDrillCopy<T extends { readonly files: readonly string[] }>(prefix: string, write: (root: string) => T, layouts: readonly Layout[]): DrillCopy<T> {
  const state: { dir?: string; truth?: T; before?: ReturnType<typeof snapshot>; db?: DuckDBConnection; instance?: DuckDBInstance } = {};
  beforeAll(async () => {
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    state.truth = write(state.dir);
    state.before = snapshot(state.dir);
    state.instance = await DuckDBInstance.create(':memory:');
    state.db = await state.instance.connect();
    await createViews(state.db, state.dir, state.truth.files, layouts);
  }, 60_000);
  afterAll(() => {
    state.db?.closeSync();
    state.instance?.closeSync();
    if (state.dir) fs.rmSync(state.dir, { recursive: true, force: true });
  });
  const get = <K extends keyof typeof state>(k: K): NonNullable<(typeof state)[K]> => {
    const v = state[k];
    if (v === undefined) throw new Error(`the drill copy's ${String(k)} is read before beforeAll ran`);
    return v as NonNullable<(typeof state)[K]>;
  };
  return {
    get dir() { return get('dir'); },
    get truth() { return get('truth'); },
    get before() { return get('before'); },
    get db() { return get('db'); },
  };
}

/** One drill case (or any question with its parameters and window) as the investigator types it: `investigate Q --logs . --param k=v … --format json`. */
export function drillArgv(c: { readonly question: string; readonly params: readonly (readonly [string, string])[]; readonly from: string; readonly to: string }): string[] {
  return ['investigate', c.question, '--logs', '.', ...c.params.flatMap(([k, v]) => ['--param', `${k}=${v}`]), '--from', c.from, '--to', c.to, '--format', 'json'];
}

/**
 * A drill case asked through the CLI (`investigate ... --format json`) in `dir`: exit 0, nothing on
 * stderr, no warnings, and exactly the planted rows (at least one).
 */
export async function expectCliAnswer(dir: string, c: DrillCase): Promise<void> {
  const { code, out, err } = await cliIn(dir, drillArgv(c));
  expect(err).toBe('');
  expect(code).toBe(0);
  const json = JSON.parse(out);
  expect(Object.keys(json)).toEqual(['question', 'parameters', 'inputs', 'warnings', 'rows']);
  expect(json.question).toBe(c.question);
  expect(json.warnings).toEqual([]);
  expect(json.rows).toEqual(c.expected);
  expect(json.rows.length).toBeGreaterThan(0);
}

/** Runs the CLI in `cwd` and collects its exit code, stdout and stderr. */
export async function cliIn(cwd: string, argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli([...argv], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd });
  return { code, out, err };
}

/**
 * Every case asked of the copy held as the drills hold it (investigate/drills.ts DRILL_SESSION:
 * the most-read views read once into tables, one DuckDB thread) returns the rows and warnings the
 * copy read in place returns (jest's expect).
 */
export async function expectHeldAsInPlace(dir: string, cases: readonly { readonly question: string; readonly params: readonly (readonly [string, string])[]; readonly from: string; readonly to: string }[]): Promise<void> {
  const inPlace = await openInvestigation([dir], dir);
  const held = await openInvestigation([dir], dir, DRILL_SESSION);
  try {
    for (const c of cases) {
      const req = { question: c.question, params: c.params, from: c.from, to: c.to };
      const [a, b] = [await inPlace.ask(req), await held.ask(req)];
      expect([c.question, b.rows, b.warnings]).toEqual([c.question, a.rows, a.warnings]);
    }
  } finally {
    inPlace.close();
    held.close();
  }
}
