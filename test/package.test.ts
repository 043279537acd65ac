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

describe('package', () => {
  test('pins every dependency to an exact version', () => {
    for (const deps of [pkg.dependencies, pkg.devDependencies]) {
      for (const [name, version] of Object.entries<string>(deps)) expect([name, version]).toEqual([name, expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
    }
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
    expect(loaded.filter((p) => p === 'aws-cdk-lib' || p.startsWith('@cdktf/') || p === 'cdktf')).toEqual([]);
  });
});
