import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Loads one entry in a fresh node process and lists which heavy packages it pulled in. */
function loadedBy(entry: string): string[] {
  const script = `require('tsx/cjs/api').register(); require(${JSON.stringify(path.join(root, entry))});
    const seen = new Set(Object.keys(require.cache).map((f) => (f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/) || [])[1]).filter(Boolean));
    console.log(JSON.stringify([...seen]));`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

/** The AWS and Azure SDK packages the custody commands require when they run. */
const isStorageSdk = (p: string) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/') || p.startsWith('@azure/');

/** `version` within `^range` (the only range form the kit declares). */
function satisfiesCaret(version: string, range: string): boolean {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!m) return false;
  const [maj, min, pat] = m.slice(1).map(Number);
  const [a, b, c] = version.split('.').map(Number);
  if (maj > 0) return a === maj && (b > min || (b === min && c >= pat));
  return a === 0 && b === min && c >= pat;
}

/**
 * Whether a package's `engines.node` accepts Node `version` (x.y.z): the forms the lock holds
 * (`>=20`, `>= 14.6`, `>=0.8.x`, `^12.20.0 || >=16.0.0`). A form it does not know is not accepted.
 */
function nodeAccepts(range: string, version: string): boolean {
  const v = version.split('.').map(Number);
  const cmp = (a: number[]) => v[0] - a[0] || v[1] - (a[1] ?? 0) || v[2] - (a[2] ?? 0);
  return range.split('||').some((alt) => {
    const m = /^\s*(>=|\^)\s*(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?\s*$/.exec(alt);
    if (!m) return false;
    const at = [Number(m[2]), m[3] === undefined || m[3] === 'x' ? 0 : Number(m[3]), m[4] === undefined || m[4] === 'x' ? 0 : Number(m[4])];
    return cmp(at) >= 0 && (m[1] === '>=' || v[0] === at[0]);
  });
}

describe('package', () => {
  test('every runtime dependency the lock installs accepts the oldest Node the package declares (no EBADENGINE on it)', () => {
    const floor = /^>=(\d+)$/.exec(pkg.engines.node)?.[1];
    expect(floor).toBeDefined();
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const refusing = Object.entries<{ version: string; dev?: boolean; engines?: { node?: string } }>(lock.packages)
      .filter(([key, p]) => key !== '' && !p.dev && typeof p.engines?.node === 'string' && !nodeAccepts(p.engines.node, `${floor}.0.0`))
      .map(([key, p]) => `${key.replace(/^.*node_modules\//, '')}@${p.version} engines.node ${p.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  test('pins every dependency and dev dependency to an exact version', () => {
    for (const deps of [pkg.dependencies, pkg.devDependencies]) {
      for (const [name, version] of Object.entries<string>(deps)) expect([name, version]).toEqual([name, expect.stringMatching(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/)]);
    }
  });

  test('takes the frameworks as optional peer dependencies, so an app brings its own versions and only the clouds it uses', () => {
    const frameworks = ['aws-cdk-lib', 'constructs', 'cdk-nag', 'cdktf', '@cdktf/provider-google', '@cdktf/provider-azurerm'];
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual([...frameworks].sort());
    // The only runtime dependencies: the YAML reader, DuckDB for `investigate`, and the storage SDKs
    // the custody commands (pull, manifest, hold, verify s3://) load when they run; no construct or
    // rule loads them.
    // (@azure/storage-common is storage-blob's own, pinned to the newest that runs on Node 20: docs/install.md.)
    expect(Object.keys(pkg.dependencies)).toEqual(['@aws-sdk/client-s3', '@aws-sdk/client-sts', '@azure/identity', '@azure/storage-blob', '@azure/storage-common', '@duckdb/node-api', 'yaml']);
    for (const name of frameworks) {
      expect([name, pkg.peerDependenciesMeta[name]]).toEqual([name, { optional: true }]);
      // The kit's own tests run on the dev version, which must lie inside the declared range.
      expect([name, satisfiesCaret(pkg.devDependencies[name], pkg.peerDependencies[name])]).toEqual([name, true]);
    }
  });

  test('every subpath export has a typesVersions entry to the same declarations, for moduleResolution node', () => {
    for (const [subpath, target] of Object.entries<{ types?: string }>(pkg.exports)) {
      if (subpath === '.' || subpath === './package.json') continue;
      expect([subpath, pkg.typesVersions['*'][subpath.slice(2)]]).toEqual([subpath, [target.types!.replace(/^\.\//, '')]]);
    }
  });

  test('ships the compiled CLI, RULES.md, the licence, README, docs and examples, and no TypeScript source', () => {
    const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const files: string[] = JSON.parse(run.stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/forensic-readiness.js', 'RULES.md', 'LICENSE', 'README.md', 'package.json']));
    // TypeScript ships only as declarations and as the examples the docs link to.
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('examples/'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['examples/aws/quick-start.ts', 'docs/install.md']));
    // The query packs are package data the constructs read at synth, Logs Insights queries included.
    expect(files).toEqual(expect.arrayContaining(['queries/aws/endpoint-volume-capture.sql', 'queries/aws/logs-insights/endpoint-callers.logsinsights', 'queries/aws/offline/sagemaker-data-capture.duckdb.sql']));
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('node_modules/'))).toEqual([]);
    expect(pkg.bin).toEqual({ 'forensic-readiness': 'bin/forensic-readiness.js' });
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0');
  });

  test('imports point one way (DESIGN): constructs import neither policies/ nor investigate/; investigate/ imports no policies/', () => {
    const root = path.join(__dirname, '..');
    const crossing = (dir: string, forbidden: RegExp): string[] =>
      (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) => [...fs.readFileSync(path.join(root, dir, f), 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].filter((m) => forbidden.test(path.posix.join(dir, path.dirname(f).split(path.sep).join('/'), m[1]))).map((m) => `${dir}/${f}: ${m[1]}`));
    expect(crossing('constructs', /^(policies|investigate)\//)).toEqual([]);
    expect(crossing('investigate', /^policies\//)).toEqual([]);
  });

  test('names one export per cloud', () => {
    expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining(['./aws', './gcp', './azure', './core']));
  });

  test('importing the AWS constructs never loads a Terraform provider package', () => {
    const loaded = loadedBy('constructs/aws/index.ts');
    expect(loaded).toContain('aws-cdk-lib');
    expect(loaded.filter((p) => p.startsWith('@cdktf/') || p === 'cdktf')).toEqual([]);
  });

  test('the core vocabulary loads no cloud SDK', () => {
    const loaded = loadedBy('constructs/core/index.ts');
    expect(loaded.filter((p) => p === 'aws-cdk-lib' || p.startsWith('@cdktf/') || p === 'cdktf' || isStorageSdk(p))).toEqual([]);
  });

  test('the CLI module and the custody modules load no storage SDK until a custody command runs', () => {
    for (const entry of ['bin/cli.ts', 'investigate/custody/pull.ts', 'investigate/custody/hold.ts', 'investigate/custody/record.ts']) {
      expect([entry, loadedBy(entry).filter(isStorageSdk)]).toEqual([entry, []]);
    }
  });
});
