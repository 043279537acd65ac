/**
 * Hostile input to the CLI, one row per kind: each run exits 2 with exactly one line on stderr that
 * names the offending file or option and what was expected, prints no stack trace, and leaves every
 * file of its folder as it was (inputs, config, suppressions, an earlier --output, a user's folder).
 * Rows run in-process through main(); a few run the real program too, to show it behaves the same.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliIo, main } from '../../bin/cli';
import { NODE_FS } from '../../policies/engine/fs';

const ROOT = path.join(__dirname, '..', '..');
const REASON = 'Build cache bucket; it never holds evidence of anything.';
const TEMPLATE = JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true } } } });
const PRIOR = 'an earlier report the user keeps\n';

interface Row {
  /** What is hostile. */
  readonly kind: string;
  /** Writes the row's files into its folder (the run's cwd) and returns argv. */
  readonly setup: (dir: string) => string[];
  /** The one line: names the file or option, and what was expected. */
  readonly message: RegExp;
  /** Adds `--output prior.txt` (an earlier report that must survive) to a check run. */
  readonly output?: boolean;
  /** File system for the run, when the row needs one (EACCES as root). */
  readonly io?: (dir: string) => Partial<CliIo>;
  /** Also run as a real process (bin/cli.ts through tsx). */
  readonly spawn?: boolean;
}

const put = (dir: string, name: string, content: string | Buffer): string => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
  return name;
};
const template = (dir: string) => put(dir, 't.json', TEMPLATE);
const cfnWith = (resources: unknown) => JSON.stringify({ Resources: resources });

/** Whether this process can read a file that has mode 000 (root can). */
function readsUnreadable(): boolean {
  const probe = path.join(os.tmpdir(), `fr-probe-${process.pid}`);
  fs.writeFileSync(probe, 'x');
  fs.chmodSync(probe, 0o000);
  try {
    fs.readFileSync(probe);
    return true;
  } catch {
    return false;
  } finally {
    fs.chmodSync(probe, 0o600);
    fs.rmSync(probe);
  }
}
const AS_ROOT = readsUnreadable();

const ROWS: Row[] = [
  // Inputs
  { kind: 'a missing file', setup: () => ['check', 'missing.json'], message: /^missing\.json: no such file or folder$/, output: true, spawn: true },
  { kind: 'a folder with no templates', setup: (d) => (put(d, 'docs/readme.md', '# hi'), ['check', 'docs']), message: /^docs: folder holds no templates \(neither a cdk\.out manifest\.json nor a cdktf\.out/, output: true },
  { kind: 'an empty file', setup: (d) => ['check', put(d, 'empty.json', '')], message: /^empty\.json: empty file$/, output: true },
  { kind: 'a binary file', setup: (d) => ['check', put(d, 'bin.json', Buffer.from([0x7b, 0x00, 0x01, 0xff, 0x7d]))], message: /^bin\.json: binary content \(NUL bytes\), expected a JSON or YAML text file$/, output: true },
  { kind: 'invalid UTF-8', setup: (d) => ['check', put(d, 'latin1.yaml', Buffer.from([0x52, 0xe9, 0x0a]))], message: /^latin1\.yaml: not valid UTF-8 text, expected a JSON or YAML text file$/, output: true },
  { kind: 'malformed JSON', setup: (d) => ['check', put(d, 'bad.json', '{"Resources": {"B": }')], message: /^bad\.json: malformed JSON at line 1, column 21: /, output: true, spawn: true },
  { kind: 'malformed YAML', setup: (d) => ['check', put(d, 'bad.yaml', 'Resources:\n  B: [unclosed\n')], message: /^bad\.yaml: malformed YAML at line \d+, column \d+: /, output: true },
  { kind: 'JSON that is an array', setup: (d) => ['check', put(d, 'arr.json', '[{"Resources": {}}]')], message: /^arr\.json: top level is a list, expected an object \(a CloudFormation template, Terraform JSON or a terraform plan\)$/, output: true },
  { kind: 'JSON that is a number', setup: (d) => ['check', put(d, 'num.json', '42')], message: /^num\.json: top level is a number, expected an object/, output: true },
  { kind: 'JSON that is null', setup: (d) => ['check', put(d, 'null.json', 'null')], message: /^null\.json: top level is null, expected an object/, output: true },
  { kind: 'Resources that is not an object', setup: (d) => ['check', put(d, 'res.json', '{"Resources": ["B"]}')], message: /^res\.json: CloudFormation Resources must be an object of logical id to resource, got a list$/, output: true },
  { kind: 'a JSON object with a duplicate key (JSON.parse would drop the first resource)', setup: (d) => ['check', put(d, 'dup.json', '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}, "A": {"Type": "AWS::S3::Bucket"}}}')], message: /^dup\.json: duplicate key "A" at line 1, column 50; each key may appear once in an object$/, output: true },
  { kind: 'YAML with a duplicate key', setup: (d) => ['check', put(d, 'dup.yaml', 'Resources:\n  A: {Type: X::Y::Z}\n  A: {Type: X::Y::Z}\n')], message: /^dup\.yaml: malformed YAML at line 3, column 3: Map keys must be unique/, output: true },
  {
    kind: 'a 300 MiB file (sparse), over the 256 MiB limit',
    setup: (d) => {
      put(d, 'huge.json', TEMPLATE);
      fs.truncateSync(path.join(d, 'huge.json'), 300 * 1024 * 1024);
      return ['check', 'huge.json'];
    },
    message: /^huge\.json: 300 MiB is over the 256 MiB input limit$/,
    output: true,
  },
  {
    kind: 'a symlink loop',
    setup: (d) => {
      fs.symlinkSync('loop-b', path.join(d, 'loop-a'));
      fs.symlinkSync('loop-a', path.join(d, 'loop-b'));
      return ['check', 'loop-a'];
    },
    message: /^loop-a: too many levels of symbolic links \(a symlink loop\)$/,
    output: true,
  },
  {
    kind: 'an unreadable file (mode 000)',
    setup: (d) => {
      put(d, 'secret.json', TEMPLATE);
      fs.chmodSync(path.join(d, 'secret.json'), 0o000);
      return ['check', 'secret.json'];
    },
    message: /^secret\.json: permission denied$/,
    output: true,
    // Root reads a mode-000 file: there the file system says EACCES as an unprivileged user's would.
    io: () => (AS_ROOT ? { fs: { ...NODE_FS, readFileSync: (p: string) => (p.endsWith('secret.json') ? (() => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); })() : NODE_FS.readFileSync(p)) } } : {}),
  },
  {
    kind: 'a FIFO where a template is expected',
    setup: (d) => {
      spawnSync('mkfifo', [path.join(d, 'fifo.json')]);
      return ['check', 'fifo.json'];
    },
    message: /^fifo\.json: not a regular file \(a FIFO, socket or device cannot be a template\)$/,
    output: true,
  },
  { kind: 'an empty string as PATH', setup: () => ['check', ''], message: /^an empty PATH \(""\); give a template file or folder$/ },
  { kind: 'a PATH with a NUL byte', setup: () => ['check', 'a\0b.json'], message: /^PATH "a\\u0000b\.json" holds a NUL byte, which no file name or value can$/, output: true },
  { kind: 'a CloudFormation template with an unknown intrinsic function', setup: (d) => ['check', put(d, 'fn.json', cfnWith({ B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Bogus': 'x' } } } }))], message: /^fn\.json: resource B: unknown intrinsic function Fn::Bogus at Properties\.BucketName \(CloudFormation refuses it/, output: true },
  { kind: 'a YAML template with a short-form tag CloudFormation does not have', setup: (d) => ['check', put(d, 'tag.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Reff X\n')], message: /^tag\.yaml: resource B: unknown intrinsic function Fn::Reff at Properties\.BucketName \(CloudFormation refuses it/, output: true },
  { kind: 'a YAML template with a tag that is no short form', setup: (d) => ['check', put(d, 'tag2.yaml', 'Resources:\n  B:\n    Type: !!python/object:os.system X\n')], message: /^tag2\.yaml: unknown YAML tag tag:yaml\.org,2002:python\/object:os\.system at line 3, column 11$/, output: true },
  { kind: 'a Terraform plan of an unknown format_version', setup: (d) => ['check', put(d, 'plan.json', '{"format_version": "9.9", "terraform_version": "1.9.0", "planned_values": {}}')], message: /^plan\.json: terraform JSON format_version 9\.9 is not supported \(0\.x and 1\.x are\)$/, output: true },
  { kind: 'JSON of 100,000 unclosed [ (no stack overflow, the true position)', setup: (d) => ['check', put(d, 'deep.json', '['.repeat(100_000))], message: /^deep\.json: malformed JSON at line 1, column 100001: /, output: true, spawn: true },
  { kind: 'valid JSON nested 100,000 deep', setup: (d) => ['check', put(d, 'deep-ok.json', `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"X": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}}}`)], message: /^deep-ok\.json: nested deeper than 1000 levels of objects and lists at line 1, column \d+; no template nests so deep$/, output: true, spawn: true },
  { kind: 'YAML nested 100,000 deep', setup: (d) => ['check', put(d, 'deep.yaml', `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)], message: /^deep\.yaml: nested too deeply for the YAML parser \(its stack ran out at line 5, column \d+\); no template nests so deep$/, output: true },
  { kind: 'a YAML alias that holds itself (a cycle)', setup: (d) => ['check', put(d, 'cycle.yaml', 'Resources: &r\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: *r\n')], message: /^cycle\.yaml: a YAML alias refers to a node that holds it \(a cycle\)/, output: true },
  {
    kind: 'a YAML alias bomb',
    setup: (d) => {
      let y = 'Resources: {}\na0: &a0 [x, x, x, x, x, x, x, x, x]\n';
      for (let i = 1; i < 12; i++) y += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
      return ['check', put(d, 'bomb.yaml', y)];
    },
    message: /^bomb\.yaml: malformed YAML: Excessive alias count indicates a resource exhaustion attack$/,
    output: true,
  },
  { kind: 'a 10 MB run without quotes or newlines, malformed', setup: (d) => ['check', put(d, 'run.json', `{"Resources": ${'x'.repeat(10_000_000)}}`)], message: /^run\.json: malformed JSON at line 1, column 15: /, output: true },

  // Options and commands
  { kind: 'an unknown option', setup: (d) => ['check', template(d), '--verbose'], message: /^unknown option --verbose for check \(try --help\)$/, spawn: true },
  { kind: 'an unknown command', setup: () => ['lint', 'x.json'], message: /^unknown command "lint" \(check, report, rules, investigate, verify, pull, manifest, hold or custody; try --help\)$/ },
  { kind: 'an unknown --format', setup: (d) => ['check', template(d), '--format', 'pdf'], message: /^--format must be one of text, json, sarif, junit, markdown, html, got "pdf"$/ },
  { kind: 'a --format named like an Object method', setup: (d) => ['check', template(d), '--format', 'toString'], message: /^--format must be one of .*, got "toString"$/ },
  { kind: 'a bad --fail-on', setup: (d) => ['check', template(d), '--fail-on', 'ERROR'], message: /^--fail-on must be one of error, warning, never, got "ERROR"$/ },
  { kind: '--retention-floor-days=-1', setup: (d) => ['check', template(d), '--retention-floor-days=-1'], message: /^--retention-floor-days: retentionFloorDays must be an integer from 1 to 36500, got "-1"$/ },
  { kind: '--retention-floor-days -1 (a dash-led value)', setup: (d) => ['check', template(d), '--retention-floor-days', '-1'], message: /^--retention-floor-days needs a value \(to give "-1", write --retention-floor-days=-1\)$/ },
  { kind: '--retention-floor-days 1e309 (Infinity)', setup: (d) => ['check', template(d), '--retention-floor-days', '1e309'], message: /^--retention-floor-days: retentionFloorDays must be an integer from 1 to 36500, got "1e309"$/ },
  { kind: '--retention-floor-days abc', setup: (d) => ['check', template(d), '--retention-floor-days', 'abc'], message: /^--retention-floor-days: retentionFloorDays must be an integer from 1 to 36500, got "abc"$/ },
  { kind: '--retention-floor-days 1.5', setup: (d) => ['check', template(d), '--retention-floor-days', '1.5'], message: /^--retention-floor-days: retentionFloorDays must be an integer from 1 to 36500, got "1\.5"$/ },
  { kind: '--retention-floor-days 0x10 (Number() would read 16)', setup: (d) => ['check', template(d), '--retention-floor-days', '0x10'], message: /^--retention-floor-days: retentionFloorDays must be an integer from 1 to 36500, got "0x10"$/ },
  { kind: '--full-sampling-percentage " 50 " (Number() would trim it)', setup: (d) => ['check', template(d), '--full-sampling-percentage', ' 50 '], message: /^--full-sampling-percentage: fullSamplingPercentage must be a number from 1 to 100, got " 50 "$/ },
  { kind: 'an option given twice', setup: (d) => ['check', template(d), '--format', 'json', '--format=text'], message: /^--format given twice$/ },
  { kind: 'an option without its value', setup: (d) => ['check', template(d), '--format'], message: /^--format needs a value$/ },
  { kind: 'an option with an empty value', setup: (d) => ['check', template(d), '--config='], message: /^--config needs a value$/ },

  // --config
  { kind: '--config missing', setup: (d) => ['check', template(d), '--config', 'nope.json'], message: /^nope\.json: no such file or folder$/, output: true },
  { kind: '--config malformed', setup: (d) => ['check', template(d), '--config', put(d, 'c.json', '{"retentionFloorDays": ')], message: /^c\.json: malformed JSON at line 1, column 24: /, output: true },
  { kind: '--config not an object', setup: (d) => ['check', template(d), '--config', put(d, 'c.json', '[365]')], message: /^c\.json: a config file must be an object of thresholds$/, output: true },
  { kind: '--config with an unknown key', setup: (d) => ['check', template(d), '--config', put(d, 'c.yaml', 'floor: 1\n')], message: /^c\.yaml: unknown config key "floor" \(known: retentionFloorDays, /, output: true },
  { kind: '--config {"toString": 5}', setup: (d) => ['check', template(d), '--config', put(d, 'c.json', '{"toString": 5}')], message: /^c\.json: unknown config key "toString" \(known: /, output: true },
  { kind: '--config {"__proto__": {}}', setup: (d) => ['check', template(d), '--config', put(d, 'c.json', '{"__proto__": {}}')], message: /^c\.json: unknown config key "__proto__" \(known: /, output: true },
  { kind: '--config with a value of the wrong type ("365" in quotes)', setup: (d) => ['check', template(d), '--config', put(d, 'c.json', '{"retentionFloorDays": "365"}')], message: /^c\.json: retentionFloorDays must be a number, got a string "365"$/, output: true },
  { kind: '--config with a value out of range', setup: (d) => ['check', template(d), '--config', put(d, 'c.yaml', 'retentionFloorDays: 0\n')], message: /^c\.yaml: retentionFloorDays must be an integer from 1 to 36500, got 0$/, output: true },

  // --suppressions
  { kind: '--suppressions malformed', setup: (d) => ['check', template(d), '--suppressions', put(d, 's.yaml', 'acknowledgements: [\n')], message: /^s\.yaml: malformed YAML at line \d+, column \d+: /, output: true },
  { kind: '--suppressions with an unknown rule id', setup: (d) => ['check', template(d), '--suppressions', put(d, 's.json', JSON.stringify({ acknowledgements: [{ ruleId: 'AWS.S3.Nope', address: 'B', reason: REASON }] }))], message: /^s\.json: acknowledgement 1: unknown rule id "AWS\.S3\.Nope"$/, output: true },
  { kind: '--suppressions with a short reason', setup: (d) => ['check', template(d), '--suppressions', put(d, 's.json', JSON.stringify({ acknowledgements: [{ ruleId: 'AWS.S3.ObjectLockCompliance', address: 'B', reason: 'ok' }] }))], message: /^s\.json: acknowledgement 1: reason for AWS\.S3\.ObjectLockCompliance must be at least 20 characters besides the rule id \(letters and digits; it has 2\), got "ok"$/, output: true },

  // --output
  { kind: '--output equal to an input', setup: (d) => ['check', template(d), '--output', 't.json'], message: /^--output t\.json is also an input; refusing to overwrite it$/ },
  { kind: '--output equal to the config file', setup: (d) => ['check', template(d), '--config', put(d, 'c.json', '{}'), '--output', 'c.json'], message: /^--output c\.json is also an input; refusing to overwrite it$/ },
  { kind: '--output into a missing folder', setup: (d) => ['check', template(d), '--output', 'no/such/out.txt'], message: /^--output no\/such\/out\.txt: cannot write \(its folder does not exist\)$/ },
  { kind: '--output a folder', setup: (d) => (put(d, 'reports/keep.txt', 'mine'), ['check', template(d), '--output', 'reports']), message: /^--output reports: cannot write \(it is a folder\)$/ },
  { kind: '--output with a NUL byte', setup: (d) => ['check', template(d), '--output', 'out\0.txt'], message: /^--output "out\\u0000\.txt" holds a NUL byte/ },

  // report --out
  { kind: 'report --out a folder of the user\'s files (they survive)', setup: (d) => (put(d, 'mine/thesis.docx', 'mine'), put(d, 'mine/report.html', 'also mine'), ['report', template(d), '--out', 'mine']), message: /^--out mine: the folder holds files that are not a forensic-readiness report; give a new or empty folder$/, spawn: true },
  { kind: 'report --out a file', setup: (d) => ['report', template(d), '--out', put(d, 'notes.txt', 'mine')], message: /^--out notes\.txt: exists and is not a folder$/ },
  {
    kind: 'report --out a symbolic link to a user folder',
    setup: (d) => {
      put(d, 'mine/report.html', 'mine');
      fs.symlinkSync('mine', path.join(d, 'out'));
      return ['report', template(d), '--out', 'out'];
    },
    message: /^--out out: is a symbolic link to mine, not a report version this kit wrote; remove the link or give another folder$/,
  },
  {
    kind: 'report --out the current folder (an empty one would be moved from under the shell)',
    setup: (d) => {
      const outside = `${d}-input.json`;
      fs.writeFileSync(outside, TEMPLATE);
      return ['report', outside, '--out', '.'];
    },
    message: /^--out \. is the current folder or holds it; give a folder for the report$/,
  },
  { kind: 'report --out a folder holding an input', setup: (d) => ['report', put(d, 'in/t.json', TEMPLATE), '--out', 'in'], message: /^--out in holds an input; refusing to replace it$/ },
  { kind: 'report --out with a NUL byte', setup: (d) => ['report', template(d), '--out', 'r\0'], message: /^--out "r\\u0000" holds a NUL byte/ },
];

/** Every entry under a folder (links not followed) with a fingerprint of what it is and holds. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    const st = fs.lstatSync(abs);
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out[rel] = `link ${fs.readlinkSync(abs)}`;
    else if (st.isDirectory()) {
      if (rel) out[rel] = `dir ${mode}`;
      for (const name of fs.readdirSync(abs)) walk(path.join(rel, name));
    } else if (!st.isFile() || st.size > 1024 * 1024) out[rel] = `${st.isFile() ? 'file' : 'special'} ${mode} ${st.size} ${st.mtimeMs}`;
    else {
      try {
        out[rel] = `file ${mode} ${createHash('sha256').update(fs.readFileSync(abs)).digest('hex')}`;
      } catch {
        out[rel] = `unreadable ${mode} ${st.size} ${st.mtimeMs}`;
      }
    }
  };
  walk('');
  return out;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-hostile-'));
});
afterAll(() => {
  for (const f of fs.readdirSync(tmp, { recursive: true }) as string[]) {
    try {
      if (!fs.lstatSync(path.join(tmp, f)).isSymbolicLink()) fs.chmodSync(path.join(tmp, f), 0o700);
    } catch {
      // gone already
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The row's folder and argv, with an earlier --output report where the row asks for one. */
function prepare(row: Row, index: number): { dir: string; argv: string[] } {
  const dir = fs.mkdtempSync(path.join(tmp, `${index}-`));
  const argv = row.setup(dir);
  if (row.output) {
    put(dir, 'prior.txt', PRIOR);
    argv.push('--output', 'prior.txt');
  }
  return { dir, argv };
}

/** Exit 2, nothing on stdout, one line naming what was wrong, no stack, every file as it was. */
function expectRefused(row: Row, r: { code: number | null; stdout: string; stderr: string }, before: Record<string, string>, dir: string): void {
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).toMatch(/^forensic-readiness: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr.slice('forensic-readiness: '.length, -1)).toMatch(row.message);
  expect(snapshot(dir)).toEqual(before);
  if (row.output) expect(fs.readFileSync(path.join(dir, 'prior.txt'), 'utf8')).toBe(PRIOR);
}

test(`the table has at least 30 kinds (${ROWS.length})`, () => {
  expect(ROWS.length).toBeGreaterThanOrEqual(30);
  expect(new Set(ROWS.map((r) => r.kind)).size).toBe(ROWS.length);
});

describe('in-process (main)', () => {
  test.each(ROWS.map((row, i) => [row.kind, row, i] as const))('%s', (_, row, i) => {
    const { dir, argv } = prepare(row, i);
    const before = snapshot(dir);
    let stdout = '';
    let stderr = '';
    const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, ...row.io?.(dir) });
    expectRefused(row, { code, stdout, stderr }, before, dir);
  });
});

describe('the real program (node -r tsx/cjs bin/cli.ts)', () => {
  const spawned = ROWS.map((row, i) => [row.kind, row, i] as const).filter(([, row]) => row.spawn);
  test.each(spawned)('%s', (_, row, i) => {
    const { dir, argv } = prepare(row, 1000 + i);
    const before = snapshot(dir);
    const r = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), path.join(ROOT, 'bin', 'cli.ts'), ...argv], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expectRefused(row, { code: r.status, stdout: r.stdout, stderr: r.stderr }, before, dir);
  });
});
