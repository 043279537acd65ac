/**
 * bin/ts-require.js, the TypeScript loader `npm start` runs its processes with: the kit's .ts
 * files compiled and cached by content in a folder of this user only, every .js left to Node.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const LOADER = path.join(ROOT, 'bin', 'ts-require.js');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-ts-require-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (entry: string, cache: string) => spawnSync(process.execPath, ['-r', LOADER, entry], { encoding: 'utf8', env: { ...process.env, FR_TS_CACHE: cache }, timeout: 60_000 });
const entries = (cache: string) => (fs.existsSync(cache) ? fs.readdirSync(cache).filter((f) => f.endsWith('.js')) : []);

function writeApp(greeting: string): string {
  const src = path.join(dir, 'src');
  fs.mkdirSync(path.join(src, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(src, 'lib', 'index.ts'), `export interface Named { readonly name: string }\nexport class Greeter implements Named {\n  public readonly name = ${JSON.stringify(greeting)};\n  public greet(who: string): string { return \`\${this.name}, \${who}\`; }\n}\n`);
  fs.writeFileSync(path.join(src, 'helper.js'), "module.exports = { where: () => __filename };\n");
  fs.writeFileSync(path.join(src, 'main.ts'), "import type { Named } from './lib';\nimport { Greeter } from './lib';\n// eslint-disable-next-line @typescript-eslint/no-require-imports\nconst { where } = require('./helper');\nconst g: Named & Greeter = new Greeter();\nprocess.stdout.write(JSON.stringify({ greeting: g.greet('world'), fields: Object.keys(g), dirname: __dirname, helper: where() }));\n");
  return path.join(src, 'main.ts');
}

test('runs TypeScript that imports a folder index and a .js module, with its own __dirname, and caches each compiled .ts file', () => {
  const entry = writeApp('hello');
  const cache = path.join(dir, 'cache');
  const first = run(entry, cache);
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
  expect(JSON.parse(first.stdout)).toEqual({ greeting: 'hello, world', fields: ['name'], dirname: path.dirname(entry), helper: path.join(path.dirname(entry), 'helper.js') });
  // main.ts and lib/index.ts, not helper.js; the folder is this user's alone.
  expect(entries(cache)).toHaveLength(2);
  if (process.platform !== 'win32') expect(fs.statSync(cache).mode & 0o777).toBe(0o700);
  // A second run reads the cache: the same answer, no new entry.
  expect(JSON.parse(run(entry, cache).stdout).greeting).toBe('hello, world');
  expect(entries(cache)).toHaveLength(2);
});

test('a changed source is compiled again, never served from the cache', () => {
  const cache = path.join(dir, 'cache');
  expect(JSON.parse(run(writeApp('hello'), cache).stdout).greeting).toBe('hello, world');
  const entry = writeApp('bonjour');
  expect(JSON.parse(run(entry, cache).stdout).greeting).toBe('bonjour, world');
  expect(entries(cache)).toHaveLength(3);
});

(process.platform === 'win32' ? test.skip : test)('a cache folder others can write is not used: every file is compiled in memory', () => {
  const cache = path.join(dir, 'shared');
  fs.mkdirSync(cache);
  fs.chmodSync(cache, 0o777);
  const r = run(writeApp('hello'), cache);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).greeting).toBe('hello, world');
  expect(entries(cache)).toEqual([]);
});

test('a TypeScript error of syntax fails the process with esbuild naming the file', () => {
  const entry = path.join(dir, 'broken.ts');
  fs.writeFileSync(entry, 'const x: = 1;\n');
  const r = run(entry, path.join(dir, 'cache'));
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('broken.ts');
});
