import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { main } from '../../bin/cli';
import { GITHUB_SARIF_LIMITS, githubLimitNotice } from '../../policies/report/sarif';
import { ALL_RULES } from '../../policies/rules';
import { FIXTURE_RULES } from './fixture-rules';

const FIX = path.join(__dirname, '..', 'fixtures');

/** The official OASIS schema (draft-04), read by ajv's draft-07 validator: `$schema` and root `id` adjusted in memory only. */
function sarifValidator() {
  const raw = JSON.parse(fs.readFileSync(path.join(FIX, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  expect(raw.id).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
  const { id, $schema: _draft04, ...rest } = raw;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id, $schema: 'http://json-schema.org/draft-07/schema#' });
}

function sarif(args: string[], rules = FIXTURE_RULES): any {
  let out = '';
  main(['check', ...args, '--format', 'sarif'], { stdout: (t) => (out += t), stderr: () => undefined, cwd: FIX, rules });
  return JSON.parse(out);
}

describe('SARIF output', () => {
  const validate = sarifValidator();

  test.each([
    ['findings and a suppression', ['cfn/stack.template.json']],
    ['several inputs and formats', ['cfn/stack.yaml', 'cdk-assembly', 'cdktf-assembly', 'plan/plan.json']],
    ['no findings', ['plan/plan.json']],
  ])('is valid against the official SARIF 2.1.0 schema: %s', (_name, inputs) => {
    const log = sarif(inputs);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('is valid with the kit rules as well', () => {
    const log = sarif(['cfn/stack.template.json', 'cdktf-assembly', 'terraform/cdk.tf.json'], ALL_RULES);
    expect(validate(log)).toBe(true);
    expect(log.runs[0].tool.driver.rules).toHaveLength(ALL_RULES.length);
  });

  test('an input that cannot be read is an error notification naming its file; the invocation is not successful', () => {
    const log = sarif(['nope/missing.json', 'cfn/stack.template.json', 'nope/gone.yaml']);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const [invocation] = log.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual(['missing.json', 'gone.yaml'].map((name) => ({
      descriptor: { id: 'forensic-readiness/input-not-read' },
      level: 'error',
      message: { text: expect.stringMatching(new RegExp(`^Not read: nope/${name.replace('.', '\\.')}: no such file or folder$`)) },
      locations: [{ physicalLocation: { artifactLocation: { uri: `nope/${name}`, uriBaseId: '%SRCROOT%' } } }],
    })));
    // The inputs read are still judged and reported.
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(log.runs[0].properties.status).toBe('failed');
  });

  test('a run whose inputs were all read has no invocation to report, or only the nothing-judged one (successful)', () => {
    expect(sarif(['cfn/stack.template.json']).runs[0].invocations).toBeUndefined();
    const empty = sarif(['plan/plan.json'], []);
    expect(empty.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [expect.objectContaining({ descriptor: { id: 'forensic-readiness/nothing-judged' } })] }]);
    const both = sarif(['plan/plan.json', 'nope/missing.json'], []);
    expect(validate(both)).toBe(true);
    expect(both.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(both.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.descriptor.id)).toEqual(['forensic-readiness/input-not-read', 'forensic-readiness/nothing-judged']);
  });

  test("GitHub code scanning's limits: nothing up to 5,000 results, a warning above (it shows 5,000), an error above 25,000 (it rejects the run)", () => {
    expect(GITHUB_SARIF_LIMITS).toEqual({ resultsPerRun: 25_000, resultsShown: 5_000 });
    expect(githubLimitNotice(0)).toBeUndefined();
    expect(githubLimitNotice(5_000)).toBeUndefined();
    expect(githubLimitNotice(5_001)).toEqual({ level: 'warning', text: expect.stringMatching(/^5,001 results: GitHub code scanning shows at most the 5,000 most severe of a run/) });
    expect(githubLimitNotice(25_000)?.level).toBe('warning');
    expect(githubLimitNotice(25_001)).toEqual({ level: 'error', text: expect.stringMatching(/^25,001 results: GitHub code scanning rejects a SARIF run of more than 25,000 results/) });
  });

  test('a run of more than 25,000 results says so in the log (a valid error notification; the run itself succeeded) and on stderr', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-sarif-limit-'));
    try {
      const buckets = Object.fromEntries(Array.from({ length: 25_001 }, (_, i) => [`Bucket${i}`, { Type: 'AWS::S3::Bucket', Properties: {} }]));
      fs.writeFileSync(path.join(dir, 'many.json'), JSON.stringify({ Resources: buckets }));
      let out = '';
      let err = '';
      const code = main(['check', 'many.json', '--format', 'sarif'], { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir, rules: FIXTURE_RULES });
      expect(code).toBe(1);
      const log = JSON.parse(out);
      expect(log.runs[0].results).toHaveLength(25_001);
      expect(log.runs[0].invocations).toEqual([
        { executionSuccessful: true, toolExecutionNotifications: [{ descriptor: { id: 'forensic-readiness/github-result-limit' }, level: 'error', message: { text: githubLimitNotice(25_001)!.text } }] },
      ]);
      expect(validate(log)).toBe(true);
      expect(err).toBe(`forensic-readiness: error: ${githubLimitNotice(25_001)!.text}\n`);
      // Other formats have no such limit: no line.
      let jsonErr = '';
      main(['check', 'many.json', '--format', 'json'], { stdout: () => undefined, stderr: (t) => (jsonErr += t), cwd: dir, rules: FIXTURE_RULES });
      expect(jsonErr).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a plan finding points at the line of its own resource, not at the plan\'s first "address"', () => {
    const results = sarif(['plan/plan.json'], ALL_RULES).runs[0].results as any[];
    const lineOf = (address: string) => fs.readFileSync(path.join(FIX, 'plan', 'plan.json'), 'utf8').split('\n').findIndex((l) => l.includes(`"address": "${address}"`)) + 1;
    const at = new Map(results.map((r) => [r.locations[0].logicalLocations[0].name, r.locations[0].physicalLocation.region.startLine]));
    expect([...at.keys()].sort()).toEqual(['aws_vpc.main', 'module.logs.aws_flow_log.vpc', 'module.logs.aws_s3_bucket.archive[0]']);
    for (const [address, line] of at) expect([address, line]).toEqual([address, lineOf(address)]);
    expect(new Set(at.values()).size).toBe(3);
  });

  test('the validator rejects a log GitHub would reject (it can fail)', () => {
    const log = sarif(['cfn/stack.template.json']);
    log.runs[0].results[0].level = 'critical';
    expect(validate(log)).toBe(false);
    delete log.version;
    expect(validate(log)).toBe(false);
  });

  test('carries what GitHub code scanning shows: rule descriptions, help, security severity, locations, fingerprints', () => {
    const log = sarif(['cfn/stack.template.json']);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'forensic-readiness', version: expect.any(String) });
    const rule = run.tool.driver.rules[0];
    expect(rule).toMatchObject({
      id: 'TEST.Bucket.Locked',
      shortDescription: { text: 'A bucket is not locked.' },
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '7.5', tags: expect.arrayContaining(['security', 'evidence-immutability', 'external/mitre-attack/T1485']) },
    });
    expect(rule.help.text).toContain('Fix: Set ObjectLockEnabled: true');
    const [open, waived] = run.results;
    expect(open).toMatchObject({
      ruleId: 'TEST.Bucket.Locked',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'OpenBucket (AWS::S3::Bucket): lock is null, expected true' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'cfn/stack.template.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 23 } }, logicalLocations: [{ fullyQualifiedName: 'Evidence/OpenBucket/Resource', name: 'OpenBucket', kind: 'resource' }] }],
    });
    expect(open.partialFingerprints['forensicReadinessFinding/v1']).toMatch(/^[0-9a-f]{64}$/);
    // Stable across versions: the SHA-256 of rule id, file and address, NUL-separated.
    expect(open.partialFingerprints['forensicReadinessFinding/v1']).toBe(createHash('sha256').update('TEST.Bucket.Locked\u0000cfn/stack.template.json\u0000OpenBucket').digest('hex'));
    expect(open.locations[0].physicalLocation.artifactLocation).toEqual(waived.locations[0].physicalLocation.artifactLocation);
    expect(waived.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'Scratch bucket for build artifacts; holds no evidence.' }]);
  });
});
