/**
 * The CLI's argument parsing (util.parseArgs under bin/commands/command.ts) and bin/cli.ts run as
 * a program. What a command does with valid arguments is test/policies/cli.test.ts.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliIo, USAGE } from '../../bin/cli';
import { Command, parseCommandArgs } from '../../bin/commands/command';
import { FIXTURE_RULES } from '../policies/fixture-rules';
import { Run, runMain } from '../run-main';

const ROOT = path.join(__dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures');
const STACK = 'cfn/stack.template.json'; // FIXTURE_RULES fail it (and it acknowledges one of them)
/** For the kit's own rules: they fail it, and it acknowledges no rule they do not know (a template that does is not read). */
const KIT_STACK = 'cfn/stack.yaml';
const PASSING = JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true } } } });

const run = (argv: string[], io: Partial<CliIo> = {}): Run => runMain(argv, { cwd: FIX, rules: FIXTURE_RULES, ...io });

/** Exit 2, nothing on stdout, exactly `forensic-readiness: <message>` on stderr. */
function expectUsageError(r: Run, message: string): void {
  expect(r).toEqual({ code: 2, stdout: '', stderr: `forensic-readiness: ${message}\n` });
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-cli-args-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('each subcommand', () => {
  // A valid invocation of each, to which one mistake at a time is added.
  const base: Record<string, () => string[]> = {
    check: () => ['check', STACK],
    report: () => ['report', STACK, '--out', path.join(tmp, 'report-base')],
    rules: () => ['rules'],
  };
  const commands = Object.keys(base);

  test.each(commands)('%s: an unknown option', (name) => {
    expectUsageError(run([...base[name](), '--bogus']), `unknown option --bogus for ${name} (try --help)`);
    expectUsageError(run([...base[name](), '--bogus=1']), `unknown option --bogus for ${name} (try --help)`);
    expectUsageError(run([...base[name](), '-x']), `unknown option -x for ${name} (try --help)`);
  });

  // (report's base already has --out, so another value option of it here; --out alone is below.)
  const valueOption: Record<string, string> = { check: '--format', report: '--config', rules: '--output' };

  test.each(commands)('%s: a value option at the end, with an empty value, or followed by another option', (name) => {
    const opt = valueOption[name];
    expectUsageError(run([...base[name](), opt]), `${opt} needs a value`);
    expectUsageError(run([...base[name](), `${opt}=`]), `${opt} needs a value`);
    expectUsageError(run([...base[name](), opt, '']), `${opt} needs a value`);
    expectUsageError(run([...base[name](), opt, '--help=no']), `${opt} needs a value`);
  });

  test.each(commands)('%s: a value option given twice, in either form, is an error, not last-wins', (name) => {
    const twice: Record<string, string[]> = {
      check: ['--format', 'json', '--format=text'],
      report: ['--fail-on=never', '--fail-on', 'never'],
      rules: ['--format', 'json', '--format', 'json'],
    };
    const opt = twice[name][0].split('=')[0];
    expectUsageError(run([...base[name](), ...twice[name]]), `${opt} given twice`);
  });

  test('report: --out needs a value', () => {
    expectUsageError(run(['report', STACK, '--out']), '--out needs a value');
    expectUsageError(run(['report', '--out', '--fail-on', 'never', STACK]), '--out needs a value');
  });

  test('check: the rule-config flags (derived from RULE_CONFIG_SPEC) are value options too', () => {
    expectUsageError(run(['check', STACK, '--retention-floor-days', '10', '--retention-floor-days=20']), '--retention-floor-days given twice');
    expectUsageError(run(['check', STACK, '--full-sampling-percentage']), '--full-sampling-percentage needs a value');
  });

  test('check: --opt=value is the same as --opt value', () => {
    const r = run(['check', STACK, '--format=json', '--fail-on=never']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ errors: 1, failOn: 'never' });
  });

  test('report: --out=DIR writes the folder there', () => {
    const out = path.join(tmp, 'report-eq');
    const r = run(['report', STACK, `--out=${out}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(fs.readdirSync(out)).toEqual(expect.arrayContaining(['report.html', 'report.json', 'report.md', 'report.sarif']));
  });

  test('rules: --format=json', () => {
    const r = run(['rules', '--format=json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rules.map((x: { id: string }) => x.id)).toEqual(FIXTURE_RULES.map((x) => x.id));
  });

  test.each(commands)('%s --help, -h, and --help beside a mistake print the usage and exit 0', (name) => {
    for (const extra of [['--help'], ['-h'], ['--bogus', '--help'], ['--format', 'pdf', '-h']]) {
      expect(run([...base[name](), ...extra])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    }
    expect(run([name, '--help'])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
  });

  test('--help takes no value', () => {
    expectUsageError(run(['check', STACK, '--help=yes']), '--help takes no value');
  });

  test('rules takes no paths, before or after --', () => {
    expectUsageError(run(['rules', 'x.json']), 'rules takes no paths, got "x.json"');
    expectUsageError(run(['rules', '--', 'x.json']), 'rules takes no paths, got "x.json"');
  });
});

describe('paths that look like options', () => {
  beforeAll(() => {
    fs.writeFileSync(path.join(tmp, '-dash.json'), PASSING);
    fs.writeFileSync(path.join(tmp, '-'), PASSING);
  });

  test('after --, a path may start with - (and --help is a path)', () => {
    const r = run(['check', '--format', 'json', '--', '-dash.json'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inputs).toEqual([{ path: '-dash.json', kind: 'cloudformation', files: ['-dash.json'] }]);
    expectUsageError(run(['check', '--', '--help'], { cwd: tmp }), '--help: no such file or folder');
  });

  test('before --, such a path is refused with a hint, and is no request for help (-dash holds an h)', () => {
    expectUsageError(run(['check', '-dash.json'], { cwd: tmp }), 'unknown option -d in "-dash.json" for check (try --help; a PATH that starts with - goes after --)');
  });

  test('- alone is a path', () => {
    const r = run(['check', '-'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^PASSED: /);
  });

  test('a value starting with - needs the = form', () => {
    expectUsageError(run(['check', STACK, '--output', '-out.txt'], { cwd: tmp }), '--output needs a value (to give "-out.txt", write --output=-out.txt)');
    const r = run(['check', path.join(FIX, STACK), '--output=-out.txt'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(fs.readFileSync(path.join(tmp, '-out.txt'), 'utf8')).toMatch(/^FAILED: /m);
  });
});

describe('before the command', () => {
  test('--version and -V print the version; help, --help, -h the usage', () => {
    for (const v of ['--version', '-V']) expect(run([v])).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), stderr: '' });
    for (const h of [['help'], ['help', 'check'], ['--help'], ['-h']]) expect(run(h)).toEqual({ code: 0, stdout: USAGE, stderr: '' });
  });

  test('an option before the command, an unknown command, no command', () => {
    expectUsageError(run(['--format', 'json', 'check', STACK]), 'unknown option --format before the command (check, report, rules, investigate, verify, pull, manifest, hold or custody; try --help)');
    expectUsageError(run(['lint']), 'unknown command "lint" (check, report, rules, investigate, verify, pull, manifest, hold or custody; try --help)');
    expectUsageError(run([]), 'missing command (check, report, rules, investigate, verify, pull, manifest, hold or custody; try --help)');
  });

  test('USAGE lists every command, its options, and the exit codes', () => {
    for (const line of ['  check PATH...           ', '  report PATH...          ', '  rules                   List the rules.', '  investigate QUESTION    --logs PATH...', '  verify cloudtrail PATH  Verify ', '  help                    Show this text.', 'Options of check:', 'Options of rules:', 'Options of investigate:', 'Options of verify cloudtrail:', '  --retention-floor-days N ']) {
      expect(USAGE).toContain(line);
    }
    // The commands column is as wide as the longest synopsis, the summaries beside it.
    const width = '  verify cloudtrail PATH  '.length;
    for (const [synopsis, summary] of [['check PATH...', 'Check templates'], ['report PATH...', ''], ['rules', 'List the rules.'], ['investigate QUESTION', '--logs PATH...'], ['verify cloudtrail PATH', 'Verify'], ['help', 'Show this text.']]) {
      expect(USAGE.split('\n').some((l) => l.startsWith(`  ${synopsis}`.padEnd(width)) && l.slice(width).startsWith(summary) && l.length > width)).toBe(true);
    }
    expect(USAGE).toMatch(/\nExit codes of check and report \(each other command gives its own above\):\n {2}0 {2}nothing at or above --fail-on \(findings --fail-on never lets stand are reported\n {5}as FINDINGS, never as PASSED\)\n {2}1 {2}findings at or above --fail-on, or nothing judged [^]*--allow-empty[^]*\n {2}2 {2}a usage error, or an input that cannot be read: [^]*no report is written\n$/);
  });
});

describe('internal errors', () => {
  test('are one line, prefixed, with no stack trace', () => {
    const r = run(['rules'], {
      stdout: () => {
        throw new TypeError('stdout went away');
      },
    });
    expectUsageError(r, 'internal error: stdout went away');
  });

  test('a command reading an option it did not declare is a bug (an internal error), not a usage error', () => {
    const cmd: Command = {
      name: 'probe',
      synopsis: 'probe',
      summary: ['Probe.'],
      help: '',
      options: { 'dry-run': { type: 'boolean' }, name: { type: 'string' } },
      takesPaths: false,
      run: () => 0,
    };
    const args = parseCommandArgs(cmd, ['--dry-run', '--name=x']);
    if (args === 'help') throw new Error('unexpected help');
    expect([args.flag('dry-run'), args.value('name'), args.paths]).toEqual([true, 'x', []]);
    expect(() => args.value('nmae')).toThrow('probe reads undeclared string option --nmae');
    expect(() => args.value('dry-run')).toThrow('probe reads undeclared string option --dry-run');
    expect(() => parseCommandArgs(cmd, ['--dry-run=yes'])).toThrow('--dry-run takes no value');
  });
});

describe('bin/cli.ts run as a program (require.main === module)', () => {
  const env = { ...process.env, NODE_OPTIONS: '' };
  const cliTs = path.join(ROOT, 'bin', 'cli.ts');
  const viaTsx = (...args: string[]) => spawnSync(process.execPath, ['-r', 'tsx/cjs', cliTs, ...args], { cwd: FIX, encoding: 'utf8', env });
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);
  let passing: string;
  beforeAll(() => {
    // One model the kit's own rules (these processes run ALL_RULES) judge compliant: a run with no
    // resource would judge nothing, which is never PASSED.
    passing = path.join(tmp, 'isolated-model.json');
    const model = { Type: 'AWS::SageMaker::Model', Properties: { ExecutionRoleArn: 'arn:aws:iam::111122223333:role/m', EnableNetworkIsolation: true, VpcConfig: { Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1'] } } };
    fs.writeFileSync(passing, JSON.stringify({ Resources: { Model: model } }));
  });

  test('through tsx: prints the verdict and exits 1 on findings, 0 without', () => {
    const failed = viaTsx('check', KIT_STACK);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe('');
    expect(failed.stdout.trimEnd().split('\n').pop()).toMatch(/^FAILED: \d+ errors?, /);
    const passed = viaTsx('check', passing);
    expect(passed.status).toBe(0);
    expect(passed.stdout.trimEnd().split('\n').pop()).toMatch(/^PASSED: 0 errors, /);
  });

  test('through tsx: a usage error exits 2 with one line', () => {
    const r = viaTsx('check', KIT_STACK, '--bogus');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('forensic-readiness: unknown option --bogus for check (try --help)\n');
    noStack(r.stderr);
  });

  test('a closed stdout (`| head`) keeps the exit code of the verdict, with nothing on stderr', async () => {
    const closed = (...args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['-r', 'tsx/cjs', cliTs, ...args], { cwd: FIX, env, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.destroy(); // the reader is gone before the CLI writes: its write fails with EPIPE
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
    expect(await closed('rules')).toEqual({ code: 0, stderr: '' });
    expect(await closed('check', KIT_STACK)).toEqual({ code: 1, stderr: '' });
  });

  test('compiled by tsc to CommonJS (as `npm run build` does), node runs it', () => {
    // Only bin/cli.ts and what it imports, into a temporary folder: dist/ stays untouched.
    const out = path.join(tmp, 'build');
    const tsconfig = path.join(tmp, 'tsconfig.build-cli.json');
    fs.writeFileSync(tsconfig, JSON.stringify({
      extends: path.join(ROOT, 'tsconfig.build.json'),
      compilerOptions: { outDir: out, rootDir: ROOT, declaration: false, typeRoots: [path.join(ROOT, 'node_modules', '@types')] },
      include: [],
      files: [cliTs],
    }));
    const tsc = spawnSync(process.execPath, [path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc'), '-p', tsconfig], { cwd: ROOT, encoding: 'utf8', env });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    // Outside the checkout, the compiled files find the dependencies through NODE_PATH.
    const node = (...args: string[]) => spawnSync(process.execPath, [path.join(out, 'bin', 'cli.js'), ...args], { cwd: FIX, encoding: 'utf8', env: { ...env, NODE_PATH: path.join(ROOT, 'node_modules') } });
    const failed = node('check', KIT_STACK);
    expect(failed.stderr).toBe('');
    expect(failed.status).toBe(1);
    expect(failed.stdout.trimEnd().split('\n').pop()).toMatch(/^FAILED: /);
    const passed = node('check', passing);
    expect([passed.status, passed.stdout.trimEnd().split('\n').pop()]).toEqual([0, expect.stringMatching(/^PASSED: /)]);
    const none = node();
    expect([none.status, none.stdout, none.stderr]).toEqual([2, '', 'forensic-readiness: missing command (check, report, rules, investigate, verify, pull, manifest, hold or custody; try --help)\n']);
  });
});
