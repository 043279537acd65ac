/**
 * `--output` never destroys what is at its path: a symbolic link stays and its file is written, a
 * file keeps its permissions, what is not a file (a FIFO, /dev/null) is written into rather than
 * replaced by a regular file (as root, renaming over /dev/null replaced the device).
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../bin/cli';

const TEMPLATE = JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true } } } });
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-output-'));
  fs.writeFileSync(path.join(dir, 't.json'), TEMPLATE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function check(output: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(['check', 't.json', '--format', 'json', '--fail-on', 'never', '--output', output], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}
const isReport = (text: string) => expect((JSON.parse(text) as { tool: { name: string } }).tool.name).toBe('forensic-readiness');

test('a symbolic link to a report: the link stays, the file it points to gets the report', () => {
  fs.mkdirSync(path.join(dir, 'reports'));
  fs.writeFileSync(path.join(dir, 'reports', 'latest.json'), 'old');
  fs.symlinkSync(path.join('reports', 'latest.json'), path.join(dir, 'link.json'));
  expect(check('link.json').code).toBe(0);
  expect(fs.lstatSync(path.join(dir, 'link.json')).isSymbolicLink()).toBe(true);
  isReport(fs.readFileSync(path.join(dir, 'reports', 'latest.json'), 'utf8'));
  expect(fs.readdirSync(path.join(dir, 'reports'))).toEqual(['latest.json']);
});

test('a symbolic link to nothing is refused in one line, nothing written', () => {
  fs.symlinkSync(path.join(dir, 'nowhere', 'x.json'), path.join(dir, 'dangling.json'));
  const r = check('dangling.json');
  expect([r.code, r.stderr]).toEqual([2, 'forensic-readiness: --output dangling.json: cannot write (a symbolic link to nothing)\n']);
  expect(fs.existsSync(path.join(dir, 'nowhere'))).toBe(false);
});

test("an existing report keeps its permissions (a user's 0600 is not made 0644)", () => {
  const file = path.join(dir, 'private.json');
  fs.writeFileSync(file, 'old', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  expect(check('private.json').code).toBe(0);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  isReport(fs.readFileSync(file, 'utf8'));
});

test('/dev/null is written into, never replaced', () => {
  const before = fs.statSync('/dev/null');
  expect(check('/dev/null').code).toBe(0);
  const after = fs.statSync('/dev/null');
  expect([after.isCharacterDevice(), after.ino, after.rdev]).toEqual([true, before.ino, before.rdev]);
});

test('a FIFO is written into (a reader gets the report) and stays a FIFO', async () => {
  const fifo = path.join(dir, 'pipe');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const reader = spawn('cat', [fifo]);
  let got = '';
  reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
  const done = new Promise<void>((resolve) => reader.on('close', () => resolve()));
  try {
    expect(check(fifo).code).toBe(0);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    await done;
    isReport(got);
  } finally {
    reader.kill();
  }
});
