import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliIo, USAGE, main } from '../../bin/cli';
import { MAX_INPUT_BYTES, NODE_FS } from '../../policies/engine/fs';
import { ALL_RULES } from '../../policies/rules';
import { FIXTURE_RULES, Throws } from './fixture-rules';
import { Run, runMain } from '../run-main';

const ROOT = path.join(__dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures');
const REASON = 'Build cache bucket; it never holds evidence.';

const run = (argv: string[], io: Partial<CliIo> = {}): Run => runMain(argv, { cwd: FIX, rules: FIXTURE_RULES, ...io });

let tmp: string;
const t = (name: string) => path.join(tmp, name);
const write = (name: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(t(name)), { recursive: true });
  fs.writeFileSync(t(name), content);
  return t(name);
};
const bucket = (props: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ Type: 'AWS::S3::Bucket', Properties: props, ...extra });

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('check: formats', () => {
  test('text (default) names each finding, its location, construct, fix, acknowledgements and the verdict', () => {
    const r = run(['check', 'cfn/stack.template.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ERROR  TEST.Bucket.Locked  OpenBucket (AWS::S3::Bucket)');
    expect(r.stdout).toMatch(/at cfn\/stack\.template\.json:23 {2}construct Evidence\/OpenBucket\/Resource/);
    expect(r.stdout).toContain('fix: Set ObjectLockEnabled: true (EvidenceBucket does).');
    expect(r.stdout).toContain(`reason: Scratch bucket for build artifacts; holds no evidence.`);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('FAILED: 1 error, 0 warnings, 1 suppressed in 5 resources (1 file) (fail on: error)');
  });

  test('json has findings with ruleId, severity, address, resourceType, file, message; a summary; the suppressed list', () => {
    const r = run(['check', 'cfn/stack.template.json', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toEqual({ resources: 5, errors: 1, warnings: 0, suppressed: 1, unknown: 0, failOn: 'error', failed: true });
    expect(doc.findings).toEqual([
      {
        ruleId: 'TEST.Bucket.Locked',
        severity: 'error',
        verdict: 'NON_COMPLIANT',
        address: 'OpenBucket',
        resourceType: 'AWS::S3::Bucket',
        file: 'cfn/stack.template.json',
        constructPath: 'Evidence/OpenBucket/Resource',
        message: 'lock is null, expected true',
        fix: 'Set ObjectLockEnabled: true (EvidenceBucket does).',
        evidenceSource: 'evidence-immutability',
      },
    ]);
    expect(doc.suppressed).toEqual([expect.objectContaining({ ruleId: 'TEST.Bucket.Locked', address: 'WaivedBucket', reason: 'Scratch bucket for build artifacts; holds no evidence.', acknowledgedIn: 'template' })]);
    expect(doc.inputs).toEqual([{ path: 'cfn/stack.template.json', kind: 'cloudformation', files: ['cfn/stack.template.json'] }]);
  });

  test('json uses the Terraform type.name as address', () => {
    const doc = JSON.parse(run(['check', 'cdktf-assembly', '--format=json']).stdout);
    expect(doc.findings).toEqual([]);
    expect(doc.suppressed.map((f: { address: string }) => f.address)).toEqual(['google_storage_bucket.scratch']);
  });

  test('sarif is a SARIF 2.1.0 log with rules, located results and suppressions', () => {
    const log = JSON.parse(run(['check', 'cfn/stack.template.json', '--format', 'sarif']).stdout);
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0].results;
    expect(results).toHaveLength(2);
    expect(results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'cfn/stack.template.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 23 } });
    expect(results[1].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'Scratch bucket for build artifacts; holds no evidence.' }]);
  });

  test('junit has a testsuite per rule, a failure per error finding and a skipped acknowledged case', () => {
    const r = run(['check', 'cfn/stack.template.json', '--format', 'junit']);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="forensic-readiness" tests="6" failures="1" errors="0" skipped="1">/);
    expect(r.stdout).toContain('<testsuite name="TEST.Bucket.Locked" tests="4" failures="1" errors="0" skipped="1">');
    expect(r.stdout).toContain('<failure message="lock is null, expected true" type="error">');
    expect(r.stdout).toContain('<skipped message="acknowledged: Scratch bucket for build artifacts; holds no evidence."/>');
  });

  test('markdown has the verdict, a findings table and an acknowledged table', () => {
    const r = run(['check', 'cfn/stack.template.json', '--format', 'markdown']);
    expect(r.stdout).toContain('**FAILED**: 1 error, 0 warnings, 1 suppressed in 5 resources (1 file) (fail on: error).');
    expect(r.stdout).toContain('| ERROR | `TEST.Bucket.Locked` | `OpenBucket` (AWS::S3::Bucket)<br>`Evidence/OpenBucket/Resource` | `cfn/stack.template.json:23` |');
    expect(r.stdout).toContain('| `TEST.Bucket.Locked` | `WaivedBucket` (AWS::S3::Bucket)<br>`Evidence/WaivedBucket/Resource` | `cfn/stack.template.json:28` | Scratch bucket for build artifacts; holds no evidence. |');
  });

  test('html is one page with the findings table, the acknowledgement and nothing external', () => {
    const r = run(['check', 'cfn/stack.template.json', '--format', 'html']);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout).toContain('<table id="findings">');
    expect(r.stdout).toContain('<code>TEST.Bucket.Locked</code>');
    expect(r.stdout).toContain('Scratch bucket for build artifacts; holds no evidence.');
    expect(r.stdout).not.toMatch(/<script|<link|(src|href)="https?:/);
  });

  test('one run builds one model over every input', () => {
    const doc = JSON.parse(run(['check', 'cfn/stack.template.json', 'cdk-assembly', 'plan/plan.json', '--format', 'json']).stdout);
    expect(doc.summary.resources).toBe(5 + 4 + 4);
    expect(doc.inputs.map((i: { kind: string }) => i.kind)).toEqual(['cloudformation', 'cdk-assembly', 'terraform-plan']);
  });
});

describe('check: exit codes and --fail-on', () => {
  const compliant = () => write('ok.json', JSON.stringify({ Resources: { B: bucket({ ObjectLockEnabled: true }) } }));
  const warningOnly = () => write('warn.json', JSON.stringify({ Resources: { B: bucket({ ObjectLockEnabled: { Ref: 'P' } }) }, Parameters: { P: { Type: 'String' } } }));

  test('0 when nothing is at or above --fail-on', () => {
    expect(run(['check', compliant()]).code).toBe(0);
    expect(run(['check', warningOnly()]).code).toBe(0);
    expect(run(['check', 'cfn/stack.template.json', '--fail-on', 'never']).code).toBe(0);
  });

  test('1 when findings are at or above --fail-on', () => {
    expect(run(['check', 'cfn/stack.template.json']).code).toBe(1);
    expect(run(['check', warningOnly(), '--fail-on', 'warning']).code).toBe(1);
  });

  test('a rule that throws fails the run (fail closed)', () => {
    // Beside the rules the fixture's acknowledgements name (a template acknowledging a rule the run does not know is not read).
    const r = run(['check', 'cfn/stack.template.json', '--format', 'json'], { rules: [Throws, ...FIXTURE_RULES] });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.find((f: { ruleId: string }) => f.ruleId === Throws.id).message).toMatch(/fails closed: TypeError: boom in the rule/);
  });

  test('an UNKNOWN value is a warning in every report', () => {
    const doc = JSON.parse(run(['check', warningOnly(), '--format', 'json']).stdout);
    expect(doc.findings).toEqual([expect.objectContaining({ severity: 'warning', verdict: 'UNKNOWN' })]);
  });
});

describe('check and report: an input that cannot be read does not stop the others', () => {
  const malformed = () => write('many/broken.json', '{"Resources": {"B": }');
  const clean = () => write('many/clean.json', JSON.stringify({ Resources: { B: bucket({ ObjectLockEnabled: true }) } }));

  test('two inputs, one malformed: stderr names it, the report has the other\'s findings and says FAILED, exit 2', () => {
    const r = run(['check', malformed(), 'cfn/stack.template.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^forensic-readiness: [^\n]*many\/broken\.json: malformed JSON at line 1, column \d+[^\n]*\n$/);
    expect(r.stdout).toContain('ERROR  TEST.Bucket.Locked  OpenBucket (AWS::S3::Bucket)');
    expect(r.stdout).toMatch(/\nNot read: [^\n]*many\/broken\.json: malformed JSON/);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('FAILED: 1 error, 0 warnings, 1 suppressed in 5 resources (1 file); 1 input not read (fail on: error)');
  });

  test('exit 2 and FAILED even when the inputs read have nothing at or above --fail-on', () => {
    const r = run(['check', clean(), malformed(), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ errors: 0, failed: true });
    expect(doc.inputs.map((i: { kind: string }) => i.kind)).toEqual(['cloudformation']);
    expect(doc.unread).toEqual([{ path: malformed(), message: expect.stringMatching(/broken\.json: malformed JSON/) }]);
    expect(run(['check', clean(), '--fail-on', 'never']).code).toBe(0);
    expect(run(['check', clean(), t('many/nope.json'), '--fail-on', 'never']).code).toBe(2);
  });

  test('junit: each input not read is an errored case naming its file, counted in errors', () => {
    const r = run(['check', malformed(), 'cfn/stack.template.json', t('many/nope.json'), '--format', 'junit']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="forensic-readiness" tests="8" failures="1" errors="2" skipped="1">/);
    expect(r.stdout).toContain('<testsuite name="forensic-readiness.inputs" tests="2" failures="0" errors="2" skipped="0">');
    const cases = [...r.stdout.matchAll(/<testcase classname="forensic-readiness.inputs" name="read ([^"]*)" file="([^"]*)">\n {6}<error message="Not read: ([^"]*)" type="input-not-read">/g)];
    expect(cases.map((c) => c[1])).toEqual([malformed(), t('many/nope.json')]);
    expect(cases.map((c) => c[2])).toEqual([malformed(), t('many/nope.json')]);
    expect(cases[0][3]).toMatch(/broken\.json: malformed JSON at line 1, column \d+/);
    expect(cases[1][3]).toMatch(/nope\.json: no such file or folder$/);
    // Every input read: no such suite, errors="0".
    expect(run(['check', 'cfn/stack.template.json', '--format', 'junit']).stdout).not.toContain('forensic-readiness.inputs');
  });

  test('when every input fails: one line each on stderr, no report (nothing claims PASSED), exit 2', () => {
    const r = run(['check', malformed(), t('many/nope.json'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^forensic-readiness: .*broken\.json: malformed JSON/);
    expect(lines[1]).toMatch(/^forensic-readiness: .*nope\.json: no such file or folder$/);
  });

  test('--output: the report of the inputs read is written, the verdict line says FAILED, exit 2', () => {
    const out = t('many-out.txt');
    const r = run(['check', malformed(), clean(), '--output', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^FAILED: 0 errors, [^\n]* in 1 resource \(1 file\); 1 input not read; text report written to [^\n]*many-out\.txt\n$/);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/Not read: .*broken\.json/);
  });

  test('report: the folder covers the inputs read, exit 2; when none is read no folder is written', () => {
    const out = t('many-report');
    const r = run(['report', malformed(), clean(), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^forensic-readiness: [^\n]*broken\.json: malformed JSON[^\n]*\n$/);
    expect(r.stdout).toMatch(/\nFAILED: 0 errors, [^\n]* in 1 resource \(1 file\); 1 input not read; report written to /);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')).summary.failed).toBe(true);
    const none = t('none-report');
    expect(run(['report', malformed(), '--out', none])).toMatchObject({ code: 2, stdout: '' });
    expect(fs.existsSync(none)).toBe(false);
  });
});

describe('check: a cdk.out or cdktf.out with an empty stack, or one stack that cannot be read', () => {
  // What CDK synthesizes for `new Stack(app, 'Placeholder')`: no Resources, only the bootstrap check.
  const PLACEHOLDER = {
    Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version', Description: 'Version of the CDK Bootstrap resources [cdk:skip]' } },
    Rules: { CheckBootstrapVersion: { Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] }, AssertDescription: 'CDK bootstrap stack version 6 required.' }] } },
  };
  const stack = (f: string) => ({ type: 'aws:cloudformation:stack', properties: { templateFile: f } });
  const workload = { Resources: { Open: bucket(), Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: false, S3BucketName: 'x' } } } };
  const assembly = (dir: string, templates: Record<string, unknown>, names: string[]) => {
    for (const [name, doc] of Object.entries(templates)) write(`${dir}/${name}`, typeof doc === 'string' ? doc : JSON.stringify(doc));
    write(`${dir}/manifest.json`, JSON.stringify({ version: '36.0.0', artifacts: Object.fromEntries(names.map((n) => [n, stack(`${n}.template.json`)])) }));
    return t(dir);
  };

  test('a resource-less stack (new Stack(app, "Placeholder")) is an input of 0 resources; the other stack is judged', () => {
    // A stack with templateOptions.templateFormatVersion says AWSTemplateFormatVersion too.
    const versioned = { AWSTemplateFormatVersion: '2010-09-09', Description: 'nothing yet', ...PLACEHOLDER };
    const dir = assembly('empty-stack.out', { 'Workload.template.json': workload, 'Placeholder.template.json': PLACEHOLDER, 'Versioned.template.json': versioned }, ['Workload', 'Placeholder', 'Versioned']);
    const r = run(['check', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ERROR  TEST.Bucket.Locked  Open (AWS::S3::Bucket)');
    expect(r.stdout).toMatch(/Placeholder\.template\.json: 0 of 0 resources judged/);
    expect(r.stdout).toMatch(/Versioned\.template\.json: 0 of 0 resources judged/);
  });

  test('an empty nested stack (CDK writes {}) is read as 0 resources too', () => {
    const parent = { Resources: { Open: bucket(), Empty: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://x' }, Metadata: { 'aws:asset:path': 'ParentEmpty.nested.template.json' } } } };
    const dir = assembly('empty-nested.out', { 'Parent.template.json': parent, 'ParentEmpty.nested.template.json': {} }, ['Parent']);
    const r = run(['check', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ParentEmpty\.nested\.template\.json: 0 of 0 resources judged/);
  });

  test('a stack template without Resources holding a key no template has is still refused, naming the key', () => {
    const dir = assembly('typo-stack.out', { 'Workload.template.json': workload, 'Typo.template.json': { Resource: { B: bucket() } } }, ['Workload', 'Typo']);
    const r = run(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^forensic-readiness: [^\n]*Typo\.template\.json: [^\n]*"Resource"[^\n]*\n$/);
  });

  test('one stack that cannot be read: stderr names it (one line), the other stack is judged and reported, exit 2', () => {
    const dir = assembly('one-broken.out', { 'Workload.template.json': workload, 'Broken.template.json': '{"Resources": ' }, ['Workload', 'Broken', 'Missing']);
    const r = run(['check', dir]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^forensic-readiness: [^\n]*Broken\.template\.json: malformed JSON/);
    expect(lines[1]).toMatch(/^forensic-readiness: [^\n]*Missing\.template\.json: no such file or folder$/);
    expect(r.stdout).toContain('ERROR  TEST.Bucket.Locked  Open (AWS::S3::Bucket)');
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^FAILED: .*; 2 inputs not read/);
  });

  test('cdktf.out: a stack whose cdk.tf.json has no resources (only "//") is an input of 0 resources; one that cannot be read fails alone', () => {
    const full = { resource: { aws_s3_bucket: { open: { bucket: 'x' } } } };
    write('tf-empty.out/stacks/empty/cdk.tf.json', JSON.stringify({ '//': { metadata: { stackName: 'empty', version: '0.21.0' }, outputs: {} } }));
    write('tf-empty.out/stacks/full/cdk.tf.json', JSON.stringify(full));
    const r = run(['check', t('tf-empty.out')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/stacks\/empty\/cdk\.tf\.json: 0 of 0 resources judged/);
    expect(r.stdout).toContain('TEST.Bucket.Locked  aws_s3_bucket.open');
    write('tf-broken.out/stacks/broken/cdk.tf.json', '{"resource": ');
    write('tf-broken.out/stacks/full/cdk.tf.json', JSON.stringify(full));
    const b = run(['check', t('tf-broken.out')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^forensic-readiness: [^\n]*broken\/cdk\.tf\.json: malformed JSON[^\n]*\n$/);
    expect(b.stdout).toContain('TEST.Bucket.Locked  aws_s3_bucket.open');
    // The same through a cdktf manifest, and a stack of it without synthesizedStackPath fails alone too.
    write('tf-manifest.out/stacks/full/cdk.tf.json', JSON.stringify(full));
    write('tf-manifest.out/stacks/empty/cdk.tf.json', JSON.stringify({ '//': { metadata: { stackName: 'empty' } } }));
    const stacks = { full: { synthesizedStackPath: 'stacks/full/cdk.tf.json' }, empty: { synthesizedStackPath: 'stacks/empty/cdk.tf.json' }, gone: { synthesizedStackPath: 'stacks/gone/cdk.tf.json' }, odd: {} };
    write('tf-manifest.out/manifest.json', JSON.stringify({ version: '0.21.0', stacks }));
    const m = run(['check', t('tf-manifest.out')]);
    expect(m.code).toBe(2);
    const lines = m.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/gone\/cdk\.tf\.json: no such file or folder$/);
    expect(lines[1]).toMatch(/tf-manifest\.out\/manifest\.json: stack odd has no synthesizedStackPath$/);
    expect(m.stdout).toContain('TEST.Bucket.Locked  aws_s3_bucket.open');
    expect(m.stdout).toMatch(/stacks\/empty\/cdk\.tf\.json: 0 of 0 resources judged/);
  });

  test('a cdk.out stack artifact without templateFile fails alone, naming the manifest and the artifact', () => {
    write('no-file.out/Workload.template.json', JSON.stringify(workload));
    write('no-file.out/manifest.json', JSON.stringify({ version: '36.0.0', artifacts: { Workload: stack('Workload.template.json'), Odd: { type: 'aws:cloudformation:stack', properties: {} } } }));
    const r = run(['check', t('no-file.out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^forensic-readiness: [^\n]*no-file\.out\/manifest\.json: stack artifact Odd has no templateFile\n$/);
    expect(r.stdout).toContain('ERROR  TEST.Bucket.Locked  Open (AWS::S3::Bucket)');
  });
});

describe('check: thresholds, suppressions, --output', () => {
  const shortRetention = () =>
    write('ret.json', JSON.stringify({ Resources: { B: bucket({ ObjectLockEnabled: true, ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 200 } } } }) } }));

  test('--retention-floor-days and --config override the floor; flags win over the file', () => {
    expect(JSON.parse(run(['check', shortRetention(), '--format', 'json']).stdout).summary.warnings).toBe(1);
    expect(JSON.parse(run(['check', shortRetention(), '--format', 'json', '--retention-floor-days', '180']).stdout).summary.warnings).toBe(0);
    const cfg = write('cfg.json', '{"retentionFloorDays": 100}');
    expect(JSON.parse(run(['check', shortRetention(), '--format', 'json', '--config', cfg]).stdout).config.retentionFloorDays).toBe(100);
    expect(JSON.parse(run(['check', shortRetention(), '--format', 'json', '--config', cfg, '--retention-floor-days=365']).stdout).summary.warnings).toBe(1);
  });

  test('--suppressions acknowledges findings of templates nobody can edit (a plan)', () => {
    const plan = write('plan-open.json', JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: {} }] } } }));
    expect(run(['check', plan]).code).toBe(1);
    const supp = write('supp.json', JSON.stringify({ acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', address: 'aws_s3_bucket.b', reason: REASON }] }));
    const r = run(['check', plan, '--suppressions', supp, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).suppressed).toEqual([expect.objectContaining({ address: 'aws_s3_bucket.b', reason: REASON, acknowledgedIn: 'file' })]);
  });

  test('--output writes the whole report through a rename and prints a summary', () => {
    const out = t('out/report.sarif');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, 'old report');
    const r = run(['check', 'cfn/stack.template.json', '--format', 'sarif', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`FAILED: 1 error, 0 warnings, 1 suppressed in 5 resources (1 file); sarif report written to ${out}\n`);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['report.sarif']);
  });

  test.each(['json', 'sarif'])('--format %s, written in pieces: stdout and --output hold the same bytes, every finding once', (format) => {
    const input = t(`many-${format}/template.json`);
    const out = t(`many-${format}-out/report.${format}`);
    fs.mkdirSync(path.dirname(input), { recursive: true });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const buckets = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`Bucket${i}`, { Type: 'AWS::S3::Bucket', Properties: {} }]));
    fs.writeFileSync(input, JSON.stringify({ Resources: buckets }));
    const pieces: string[] = [];
    const code = main(['check', input, '--format', format], { stdout: (text) => pieces.push(text), stderr: () => undefined, cwd: FIX, rules: FIXTURE_RULES });
    const written = run(['check', input, '--format', format, '--output', out]);
    expect([code, written.code]).toEqual([1, 1]);
    expect(pieces.length).toBeGreaterThan(4);
    expect(fs.readFileSync(out, 'utf8')).toBe(pieces.join(''));
    const report = JSON.parse(pieces.join(''));
    const addresses = format === 'json' ? report.findings.map((f: { address: string }) => f.address) : report.runs[0].results.map((r: { locations: { logicalLocations: { name: string }[] }[] }) => r.locations[0].logicalLocations[0].name);
    expect(addresses.sort()).toEqual(Object.keys(buckets).sort());
  });

  test('--output that cannot be written leaves nothing behind and exits 2', () => {
    const dirAsFile = t('out-dir');
    fs.mkdirSync(dirAsFile, { recursive: true });
    fs.writeFileSync(path.join(dirAsFile, 'keep.txt'), 'keep');
    const r = run(['check', 'cfn/stack.template.json', '--output', dirAsFile]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(fs.readdirSync(dirAsFile)).toEqual(['keep.txt']);
    expect(fs.readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('rules: markdown (default) and json list every rule', () => {
    const md = run(['rules'], { rules: ALL_RULES });
    expect(md.code).toBe(0);
    for (const rule of ALL_RULES) expect(md.stdout).toContain(`### ${rule.id}`);
    const json = JSON.parse(run(['rules', '--format', 'json'], { rules: ALL_RULES }).stdout);
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
  });

  test('help and version exit 0', () => {
    expect(run(['--help'])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    expect(run(['help']).code).toBe(0);
    // Asking a command for help is no usage error.
    expect(run(['check', '--help'])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('check: bad input exits 2 with exactly one line on stderr', () => {
  const cfnWith = (resources: unknown) => JSON.stringify({ Resources: resources });
  const cases: [string, () => string[], RegExp, Partial<CliIo>?][] = [
    ['a missing path', () => ['check', t('nope.json')], /nope\.json: no such file or folder/],
    ['a folder without templates', () => (write('empty-dir/readme.md', '# hi'), ['check', t('empty-dir')]), /folder holds no templates/],
    ['an empty file', () => ['check', write('empty.json', '')], /empty file/],
    ['a file of whitespace', () => ['check', write('blank.yaml', '  \n\n')], /empty file/],
    ['malformed JSON', () => ['check', write('bad.json', '{"Resources": {"B": }')], /malformed JSON at line 1, column 2\d/],
    ['malformed YAML', () => ['check', write('bad.yaml', 'Resources:\n  B: [unclosed\n')], /malformed YAML at line \d+, column \d+/],
    ['YAML with duplicate keys', () => ['check', write('dup.yaml', 'Resources:\n  A: {Type: X::Y::Z}\n  A: {Type: X::Y::Z}\n')], /malformed YAML.*[Mm]ap keys must be unique/],
    ['multi-document YAML', () => ['check', write('multi.yaml', 'Resources: {}\n---\nResources: {}\n')], /malformed YAML/],
    ['YAML with a tag that is no short form (!!python/object)', () => ['check', write('tag.yaml', 'Resources:\n  B:\n    Type: !!python/object:os.system X\n')], /unknown YAML tag tag:yaml\.org,2002:python\/object:os\.system at line 3/],
    ['YAML with a short form CloudFormation does not have', () => ['check', write('tag2.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Bogus x\n')], /tag2\.yaml: resource B: unknown intrinsic function Fn::Bogus at Properties\.BucketName/],
    ['a plain-text file (wrong top-level shape)', () => ['check', write('notes.txt', 'just some words\n')], /top level is a string, expected an object/],
    ['a JSON array at the top', () => ['check', write('arr.json', '[{"Resources": {}}]')], /top level is a list, expected an object/],
    ['JSON null', () => ['check', write('null.json', 'null')], /top level is null/],
    ['JSON that is no template', () => ['check', write('package.json', '{"name": "x", "version": "1.0.0"}')], /not a CloudFormation template, Terraform JSON or terraform plan/],
    ['binary bytes', () => ['check', write('bin.json', Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d]))], /binary content/],
    ['invalid UTF-8', () => ['check', write('latin1.yaml', Buffer.from([0x52, 0xe9, 0xf1, 0xff, 0x0a]))], /not valid UTF-8/],
    ['CloudFormation Resources that is not an object', () => ['check', write('res-list.json', '{"Resources": ["a"]}')], /Resources must be an object of logical id to resource, got a list/],
    ['a CloudFormation resource without Type', () => ['check', write('no-type.json', cfnWith({ B: { Properties: {} } }))], /resource B has no Type/],
    ['CloudFormation Properties that is not an object', () => ['check', write('props.json', cfnWith({ B: { Type: 'AWS::S3::Bucket', Properties: 'x' } }))], /Properties of B must be an object/],
    ['a template without Resources', () => ['check', write('no-res.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\n')], /without a Resources section/],
    ['Terraform JSON whose resource is not an object', () => ['check', write('tf.json', '{"resource": "google_storage_bucket"}')], /resource must be an object, got a string/],
    ['Terraform JSON whose resource type is not an object', () => ['check', write('tf2.json', '{"resource": {"google_storage_bucket": 3}}')], /resource\.google_storage_bucket must be an object/],
    ['a plan of an unsupported format version', () => ['check', write('plan2.json', '{"format_version": "2.0", "planned_values": {}}')], /format_version 2\.0 is not supported/],
    ['a reason too short in template metadata', () => ['check', write('short.json', cfnWith({ B: bucket({}, { Metadata: { 'forensic-readiness': { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', reason: 'because' }] } } }) }))], /reason for TEST\.Bucket\.Locked must be at least 20 characters/],
    ['a reason that only repeats the rule id', () => ['check', write('same.json', cfnWith({ B: bucket({}, { Metadata: { 'forensic-readiness': { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', reason: 'TEST.Bucket.Locked' }] } } }) }))], /besides the rule id/],
    ['a reason of 25 zero-width spaces in template metadata', () => ['check', write('zwsp.json', cfnWith({ B: bucket({}, { Metadata: { 'forensic-readiness': { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', reason: '\u200b'.repeat(25) }] } } }) }))], /^forensic-readiness: \S*zwsp\.json: B: acknowledgement reason for TEST\.Bucket\.Locked holds 25 invisible characters \(U\+200B at character 1\)/],
    ['an acknowledgement in template metadata of a rule id the run does not know', () => ['check', write('typo.json', cfnWith({ B: bucket({}, { Metadata: { 'forensic-readiness': { acknowledgements: [{ ruleId: 'TEST.Bucket.Lockd', reason: REASON }] } } }) }))], /^forensic-readiness: \S*typo\.json: B: acknowledgement of unknown rule id "TEST\.Bucket\.Lockd" \(the rule ids are in RULES\.md\); it would waive nothing and be listed in no report$/m],
    ['a reason with a bidi override in a suppressions file', () => ['check', 'cfn/stack.template.json', '--suppressions', write('s-bidi.json', JSON.stringify({ acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', address: 'OpenBucket', reason: `\u202e${REASON}` }] }))], /^forensic-readiness: \S*s-bidi\.json: acknowledgement 1: reason for TEST\.Bucket\.Locked holds an invisible character \(U\+202E at character 1\)/],
    ['a reason too short in a suppressions file', () => ['check', 'cfn/stack.template.json', '--suppressions', write('s.json', '{"acknowledgements": [{"ruleId": "TEST.Bucket.Locked", "address": "OpenBucket", "reason": "ok"}]}')], /reason for TEST\.Bucket\.Locked must be at least 20/],
    ['a suppressions-file entry with a key the format does not define', () => ['check', 'cfn/stack.template.json', '--suppressions', write('s-keys.json', JSON.stringify({ acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', address: 'OpenBucket', File: 'x.json', reason: REASON }] }))], /s-keys\.json: acknowledgement 1: unknown key "File" \(known: ruleId, address, file, reason\)/],
    ['a cdk.out manifest naming a missing template', () => ['check', write('asm/manifest.json', '{"version": "55.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.template.json"}}}}')], /S\.template\.json: no such file or folder/],
    ['a template whose Transform is a macro (YAML)', () => ['check', write('macro.yaml', 'Transform: MyCompanyMacro\nResources:\n  B:\n    Type: AWS::S3::Bucket\n')], /macro\.yaml: Transform "MyCompanyMacro" is a macro: it can rewrite any resource/],
    ['a cdk.out manifest without stacks', () => ['check', write('asm2/manifest.json', '{"version": "55.0.0", "artifacts": {}}')], /cloud assembly without stacks/],
    ['a cdktf manifest without stacks', () => ['check', write('tfasm/manifest.json', '{"version": "0.21.0", "stacks": {}}')], /cdktf manifest without stacks/],
    ['a FIFO where a file is expected', () => {
      spawnSync('mkfifo', [t('fifo.json')]);
      return ['check', t('fifo.json')];
    }, /not a regular file/],
    ['a folder where a file is expected (--config)', () => ['check', 'cfn/stack.template.json', '--config', FIX], /is a folder, expected a file/],
    ['a symlink loop', () => {
      fs.symlinkSync(t('loop-b'), t('loop-a'));
      fs.symlinkSync(t('loop-a'), t('loop-b'));
      return ['check', t('loop-a')];
    }, /symlink loop/],
    ['an unreadable file (EACCES)', () => ['check', write('secret.json', cfnWith({}))], /secret\.json: permission denied/, {
      fs: { ...NODE_FS, readFileSync: (p: string) => (p.endsWith('secret.json') ? (() => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); })() : NODE_FS.readFileSync(p)) },
    }],
    ['an unknown option', () => ['check', 'cfn/stack.template.json', '--verbose'], /unknown option --verbose for check/],
    ['an unknown command', () => ['lint', 'x'], /unknown command "lint"/],
    ['no command', () => [], /missing command/],
    ['check without a path', () => ['check', '--format', 'json'], /check needs at least one PATH/],
    ['a missing value for --format', () => ['check', 'cfn/stack.template.json', '--format'], /--format needs a value/],
    ['an option where --format wants a value', () => ['check', 'cfn/stack.template.json', '--format', '--fail-on', 'error'], /--format needs a value/],
    ['an unknown --format', () => ['check', 'cfn/stack.template.json', '--format', 'pdf'], /--format must be one of text, json, sarif, junit, markdown, html, got "pdf"/],
    ['a bad --fail-on', () => ['check', 'cfn/stack.template.json', '--fail-on', 'critical'], /--fail-on must be one of error, warning, never, got "critical"/],
    ['a bad --retention-floor-days', () => ['check', 'cfn/stack.template.json', '--retention-floor-days', 'abc'], /retentionFloorDays must be an integer from 1 to 36500, got "abc"/],
    ['an option given twice', () => ['check', 'cfn/stack.template.json', '--format', 'json', '--format', 'text'], /--format given twice/],
    ['a config file declaring one evidence store twice', () => ['check', 'cfn/stack.template.json', '--config', write('c-dup.json', JSON.stringify({ context: { aws: { evidenceStores: [1, 2].map((d) => ({ arn: 'arn:aws:s3:::org-evidence', lock: 'COMPLIANCE', retentionDays: d })) } } }))], /c-dup\.json: context\.aws\.evidenceStores\[1\]\.arn declares arn:aws:s3:::org-evidence again \(first at context\.aws\.evidenceStores\[0\]\)/],
    ['a config file with an unknown key', () => ['check', 'cfn/stack.template.json', '--config', write('c.json', '{"floor": 1}')], /unknown config key "floor"/],
    ['--output into a missing folder', () => ['check', 'cfn/stack.template.json', '--output', t('missing/dir/out.txt')], /cannot write \(its folder does not exist\)/],
    ['--output naming an input', () => ['check', 'cfn/stack.template.json', '--output', 'cfn/stack.template.json'], /is also an input; refusing to overwrite it/],
    ['--output inside an input folder', () => ['check', 'cfn', '--output', 'cfn/report.txt'], /--output cfn\/report\.txt is inside the input cfn; refusing to overwrite it/],
    ['--output naming the config file', () => {
      const cfg = write('out-config.json', '{"retentionFloorDays": 365}');
      return ['check', 'cfn/stack.template.json', '--config', cfg, '--output', cfg];
    }, /is also an input; refusing to overwrite it/],
    ['--output through a symbolic link to an input', () => {
      const link = t('link-to-input.json');
      fs.symlinkSync(path.join(FIX, 'cfn', 'stack.template.json'), link);
      return ['check', 'cfn/stack.template.json', '--output', link];
    }, /is also an input; refusing to overwrite it/],
    ['rules given a path', () => ['rules', 'x.json'], /rules takes no paths/],
    ['a bad --format for rules', () => ['rules', '--format', 'sarif'], /--format for rules must be markdown or json/],
  ];

  test('a cdk.out nested stack whose template is missing: exit 2 naming it, the parent still judged and reported', () => {
    const nested = { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://x' }, Metadata: { 'aws:asset:path': 'ParentNested.nested.template.json' } };
    write('nested.out/Parent.template.json', cfnWith({ Open: bucket(), Nested: nested }));
    write('nested.out/manifest.json', JSON.stringify({ version: '36.0.0', artifacts: { Parent: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Parent.template.json' } } } }));
    const r = run(['check', t('nested.out'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^forensic-readiness: [^\n]*nested\.out\/ParentNested\.nested\.template\.json: no such file or folder \(the template of nested stack Nested of [^\n]*Parent\.template\.json, by its aws:asset:path\)\n$/);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { address: string }) => f.address)).toContain('Open');
    expect(report.unread).toEqual([expect.objectContaining({ path: expect.stringMatching(/ParentNested\.nested\.template\.json$/) })]);
  });

  test('a folder: a file named as a template that is none (a // line above JSON, a list) is named on stderr, exit 2; a subfolder is judged', () => {
    write('f2/good.json', cfnWith({ Good: bucket() }));
    write('f2/buckets.json', `// generated by tool X\n${cfnWith({ Commented: bucket() })}`);
    write('f2/wrapped.json', `[${cfnWith({ Wrapped: bucket() })}]`);
    write('f2/sub/deeper.json', cfnWith({ Deeper: bucket() }));
    const r = run(['check', t('f2'), '--format', 'json']);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^forensic-readiness: [^\n]*f2\/buckets\.json: malformed JSON at line 1, column 1: /),
      expect.stringMatching(/^forensic-readiness: [^\n]*f2\/wrapped\.json: top level is a list, expected an object/),
      '',
    ]);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { address: string }) => f.address).sort()).toEqual(['Deeper', 'Good']);
  });

  // Rest parameters: a test function with more parameters than a row has columns gets jest's `done`.
  test.each(cases)('%s', (...row) => {
    const [, argv, message, io] = row;
    const r = run(argv(), io ?? {});
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^forensic-readiness: [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
  });

  test(`an input over the real limit (${MAX_INPUT_BYTES} bytes = 256 MiB) is refused before it is read`, () => {
    expect(MAX_INPUT_BYTES).toBe(256 * 1024 * 1024);
    const big = t('huge.json');
    fs.writeFileSync(big, '{"Resources": {}}');
    fs.truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: no disk used, nothing committed
    const reads = jest.spyOn(fs, 'readFileSync');
    try {
      const r = run(['check', big]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^forensic-readiness: [^\n]*huge\.json: 256\.0 MiB is over the 256 MiB input limit\n$/);
      // Not a byte of it read.
      expect(reads.mock.calls.filter(([p]) => String(p).endsWith('huge.json'))).toEqual([]);
    } finally {
      reads.mockRestore();
      fs.rmSync(big);
    }
  });

  test('a file of exactly the limit is not refused for its size', () => {
    const edge = t('edge.json');
    fs.writeFileSync(edge, '{"Resources": {}}');
    fs.truncateSync(edge, MAX_INPUT_BYTES);
    // No resources: nothing judged, which --allow-empty lets exit 0.
    const r = run(['check', edge, '--allow-empty'], { fs: { ...NODE_FS, readFileSync: () => Buffer.from('{"Resources": {}}') } });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    fs.rmSync(edge);
  });
});

describe('the installed command (bin/forensic-readiness.js, a real subprocess)', () => {
  // The launcher as the tarball lays it out: bin/forensic-readiness.js beside dist/bin/cli.js. The
  // compiled CLI is stood in for by the sources (the consumer test runs the real build, packed).
  const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-launcher-'));
  fs.mkdirSync(path.join(pkg, 'bin'));
  fs.copyFileSync(path.join(ROOT, 'bin', 'forensic-readiness.js'), path.join(pkg, 'bin', 'forensic-readiness.js'));
  const bin = path.join(pkg, 'bin', 'forensic-readiness.js');
  const node = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: FIX, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  afterAll(() => fs.rmSync(pkg, { recursive: true, force: true }));

  test('without dist/bin/cli.js it exits 2 with one line naming the missing compiled CLI', () => {
    const r = node('check', 'cdk-assembly');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('forensic-readiness: cannot start: the compiled CLI dist/bin/cli.js is missing (in a checkout: npm run build)\n');
  });

  test('loads nothing but dist/bin/cli.js: no TypeScript source, which the tarball does not hold', () => {
    const text = fs.readFileSync(bin, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(text).not.toMatch(/\.ts['"]|tsx/);
  });

  describe('with the compiled CLI in place', () => {
    beforeAll(() => {
      fs.mkdirSync(path.join(pkg, 'dist', 'bin'), { recursive: true });
      const tsx = JSON.stringify(require.resolve('tsx/cjs/api', { paths: [ROOT] }));
      const source = JSON.stringify(path.join(ROOT, 'bin', 'cli.ts'));
      fs.writeFileSync(path.join(pkg, 'dist', 'bin', 'cli.js'), `require(${tsx}).register();\nmodule.exports = require(${source});\n`);
    });

    test('checks a cdk.out with the kit rules and prints JSON', () => {
      const r = node('check', 'cdk-assembly', '--format', 'json', '--fail-on', 'never');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).summary.resources).toBe(4);
    });

    // A full disk under `check ... > results.sarif` must not pass the step with the report lost.
    (fs.existsSync('/dev/full') ? test : test.skip)('a report stdout cannot take (ENOSPC) exits 2 with one line, never 0', () => {
      const out = fs.openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [bin, 'check', 'cdk-assembly', '--format', 'sarif', '--fail-on', 'never'], { cwd: FIX, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', out, 'pipe'] });
        expect([r.status, r.stderr]).toEqual([2, 'forensic-readiness: cannot write to stdout (ENOSPC)\n']);
      } finally {
        fs.closeSync(out);
      }
    });

    test('exits 2 with one line and no stack trace on bad input', () => {
      const r = node('check', 'does-not-exist.json');
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('forensic-readiness: does-not-exist.json: no such file or folder\n');
    });
  });
});
