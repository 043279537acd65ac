import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** The frameworks a fresh process loads when it requires one module (through tsx, as the CLI does). */
function frameworksLoadedBy(modulePath: string): string[] {
  const script = `
    require('tsx/cjs/api').register();
    require(${JSON.stringify(path.join(ROOT, modulePath))});
    const loaded = Object.keys(require.cache);
    const names = ['aws-cdk-lib', 'cdk-nag', 'cdktf', '@cdktf/provider-google', '@cdktf/provider-azurerm'];
    process.stdout.write(JSON.stringify(names.filter((n) => loaded.some((k) => k.includes('/node_modules/' + n + '/')))));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('what each entry point loads', () => {
  test('the CLI loads neither aws-cdk-lib nor cdktf (fast start)', () => {
    expect(frameworksLoadedBy('bin/cli.ts')).toEqual([]);
  });

  test('policies/index (the library entry) loads neither framework', () => {
    expect(frameworksLoadedBy('policies/index.ts')).toEqual([]);
  });

  test('the AWS adapter never loads cdktf', () => {
    expect(frameworksLoadedBy('policies/adapters/aws.ts')).toEqual(['aws-cdk-lib', 'cdk-nag']);
  });

  test('the CDKTF adapter never loads aws-cdk-lib or a provider package', () => {
    expect(frameworksLoadedBy('policies/adapters/cdktf.ts')).toEqual(['cdktf']);
  });
});
