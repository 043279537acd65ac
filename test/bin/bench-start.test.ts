/** The start section of the bench times what package.json's start script runs. */
import * as fs from 'fs';
import * as path from 'path';
import { startArgs } from '../../bin/bench';

test("package.json's start script is a plain node command: the kit's loader, then bin/main.ts", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  expect(startArgs(pkg.scripts.start)).toEqual(['-r', './bin/ts-require.js', 'bin/main.ts']);
});

test('a start script the bench cannot run as node arguments is refused in one line', () => {
  expect(() => startArgs('npm run build && node bin/main.js')).toThrow(/^package\.json start is not a plain `node ARGS` command: npm run build && node bin\/main\.js$/);
  expect(() => startArgs('tsx bin/main.ts')).toThrow(/not a plain `node ARGS` command/);
  expect(startArgs('  node -r tsx/cjs   bin/main.ts ')).toEqual(['-r', 'tsx/cjs', 'bin/main.ts']);
});
