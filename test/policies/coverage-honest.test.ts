/**
 * Honest coverage of the input: every run says what it judged of each file (resources judged and
 * not, by type; module calls not followed), and a run in which no rule judged anything is never
 * PASSED, in any format, and exits 1 unless --allow-empty.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import fc from 'fast-check';
import addFormats from 'ajv-formats';
import type { CliIo } from '../../bin/cli';
import { inputCoverage } from '../../policies/engine/input-coverage';
import { buildModel, loadDocument } from '../../policies/engine/loader';
import { ResourceModel } from '../../policies/engine/model';
import { runRules } from '../../policies/engine/runner';
import { MERGED_INTO_ATTRIBUTE, Resource, Rule, compliant, nonCompliant, notApplicable } from '../../policies/engine/types';
import { REPORT_FORMATS, REPORT_RENDERERS, buildReport } from '../../policies/report';
import { ALL_RULES } from '../../policies/rules';
import { FIXTURE_RULES } from './fixture-rules';
import { Run, runMain } from '../run-main';

const FIX = path.join(__dirname, '..', 'fixtures');

const run = (argv: string[], io: Partial<CliIo> = {}): Run => runMain(argv, { cwd: tmp, ...io });

const instance = (address: string, type = 'aws_instance') => ({ address, mode: 'managed', type, name: address.split('.').pop(), values: { ami: 'ami-123' } });

/** A plan of compute instances only (no rule of the kit judges them), one inside a child module. */
const INSTANCES_PLAN = {
  format_version: '1.2',
  terraform_version: '1.7.0',
  planned_values: {
    root_module: {
      resources: [instance('aws_instance.web'), instance('aws_instance.worker'), instance('google_compute_instance.batch', 'google_compute_instance')],
      child_modules: [{ address: 'module.jobs', resources: [{ ...instance('module.jobs.aws_instance.runner'), address: 'module.jobs.aws_instance.runner' }] }],
    },
  },
  configuration: { root_module: { module_calls: { jobs: { source: './modules/jobs', module: { resources: [] } } } } },
};

/** Terraform JSON that only calls modules: nothing of it reaches the rules. */
const MODULES_ONLY = {
  terraform: { required_providers: { aws: { source: 'hashicorp/aws' } } },
  provider: { aws: [{ region: 'eu-west-1' }] },
  module: { network: { source: './modules/network' }, evidence: [{ source: 'terraform-aws-modules/s3-bucket/aws', version: '4.1.0' }] },
};

/** One bucket a fixture rule judges and a function no rule judges. */
const MIXED_TEMPLATE = {
  Resources: {
    Locked: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, ObjectLockConfiguration: { Rule: { DefaultRetention: { Days: 400 } } } } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x' } },
    Fn2: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x' } },
  },
};

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-coverage-'));
  fs.writeFileSync(path.join(tmp, 'instances.plan.json'), JSON.stringify(INSTANCES_PLAN));
  fs.writeFileSync(path.join(tmp, 'modules.tf.json'), JSON.stringify(MODULES_ONLY));
  fs.writeFileSync(path.join(tmp, 'mixed.template.json'), JSON.stringify(MIXED_TEMPLATE));
  fs.writeFileSync(path.join(tmp, 'allow-empty.json'), JSON.stringify({ allowEmpty: true }));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sarifValidator = () => {
  const raw = JSON.parse(fs.readFileSync(path.join(FIX, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  const { id, $schema: _draft04, ...rest } = raw;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id, $schema: 'http://json-schema.org/draft-07/schema#' });
};

const REASON = '4 resources of 2 types (aws_instance 3, google_compute_instance 1); no rule applies to them';

describe('a plan of aws_instance and google_compute_instance only: NOTHING JUDGED', () => {
  test('the run result counts 4 resources, none judged, by type, the child module followed', () => {
    const { templates } = { templates: [loadDocument(INSTANCES_PLAN, 'instances.plan.json')] };
    const c = runRules(buildModel(templates), ALL_RULES).inputCoverage;
    expect(c).toEqual({
      files: [
        {
          file: 'instances.plan.json',
          format: 'terraform-plan',
          resources: 4,
          judged: 0,
          notJudged: 4,
          byType: { aws_instance: { resources: 3, judged: 0 }, google_compute_instance: { resources: 1, judged: 0 } },
          moduleCalls: [{ name: 'module.jobs', source: './modules/jobs', followed: true }],
          notCreated: [],
          nestedStacks: [],
        },
      ],
      resources: 4,
      judged: 0,
      notJudged: 4,
      moduleCallsNotFollowed: [],
      nestedStacksNotFollowed: [],
      nothingJudged: true,
    });
  });

  test('check exits 1 with one stderr line saying why, and the text report ends NOTHING JUDGED, never PASSED', () => {
    const r = run(['check', 'instances.plan.json'], { rules: ALL_RULES });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`forensic-readiness: nothing judged, so the run fails: ${REASON} (--allow-empty accepts such a run)\n`);
    expect(r.stdout).not.toMatch(/PASSED/);
    expect(r.stdout).toContain('Coverage of the input: 0 of 4 resources judged in 1 file\n  instances.plan.json: 0 of 4 resources judged; not judged: aws_instance 3, google_compute_instance 1\n');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(`NOTHING JUDGED: ${REASON} (fail on: error)`);
  });

  const SAYS: Record<string, string> = {
    text: `NOTHING JUDGED: ${REASON}`,
    json: `"statusReason": "${REASON}"`,
    sarif: `"text": "NOTHING JUDGED: ${REASON}. No result here`,
    junit: `message="NOTHING JUDGED: ${REASON}"`,
    markdown: `**NOTHING JUDGED**: ${REASON.replace(/_/g, '\\_')}`, // Markdown escapes what would open emphasis
    html: `id="verdict">NOTHING JUDGED</span> <span id="verdict-detail">${REASON}</span>`,
  };
  test.each(REPORT_FORMATS)('the %s report says NOTHING JUDGED and why, never PASSED; exit 1', (format) => {
    const r = run(['check', 'instances.plan.json', '--format', format], { rules: ALL_RULES });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/PASSED/);
    expect(r.stdout).toContain(SAYS[format]);
  });

  test('json: status nothing-judged with its reason, summary.failed, the coverage of the file', () => {
    const doc = JSON.parse(run(['check', 'instances.plan.json', '--format', 'json'], { rules: ALL_RULES }).stdout);
    expect(doc).toMatchObject({ status: 'nothing-judged', statusReason: REASON, allowEmpty: false, summary: { resources: 4, errors: 0, failed: true } });
    expect(doc.inputCoverage).toMatchObject({ resources: 4, judged: 0, nothingJudged: true, files: [{ file: 'instances.plan.json', notJudged: 4 }] });
  });

  test('sarif: valid, no result, an error notification saying nothing was judged, status in the run properties', () => {
    const log = JSON.parse(run(['check', 'instances.plan.json', '--format', 'sarif'], { rules: ALL_RULES }).stdout);
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
    const sarifRun = log.runs[0];
    expect(sarifRun.results).toEqual([]);
    expect(sarifRun.properties).toMatchObject({ status: 'nothing-judged', inputCoverage: { judged: 0, resources: 4 } });
    expect(sarifRun.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            descriptor: { id: 'forensic-readiness/nothing-judged' },
            level: 'error',
            message: { text: `NOTHING JUDGED: ${REASON}. No result here means nothing was checked, not that the input is ready.` },
          },
        ],
      },
    ]);
  });

  test('junit: one failing case says nothing was judged, so the test view is not green', () => {
    const out = run(['check', 'instances.plan.json', '--format', 'junit'], { rules: ALL_RULES }).stdout;
    expect(out).toMatch(/<testsuites name="forensic-readiness" tests="1" failures="1" errors="0" skipped="0">/);
    expect(out).toContain(`<testsuite name="forensic-readiness.coverage" tests="1" failures="1" errors="0" skipped="0">`);
    expect(out).toContain(`<failure message="NOTHING JUDGED: ${REASON}" type="nothing-judged">`);
  });

  test('html: the verdict badge says NOTHING JUDGED; the coverage table lists the file and its unjudged types', () => {
    const out = run(['check', 'instances.plan.json', '--format', 'html'], { rules: ALL_RULES }).stdout;
    expect(out).toContain('<span class="verdict nothing-judged" id="verdict">NOTHING JUDGED</span>');
    expect(out).toContain(`<span id="verdict-detail">${REASON}</span>`);
    expect(out).toMatch(/<table id="input-coverage">.*<tr><td><code>instances\.plan\.json<\/code><\/td><td>4<\/td><td class="nothing-judged">0<\/td><td>4<\/td><td class="small"><code>aws_instance<\/code> 3, <code>google_compute_instance<\/code> 1<\/td><td class="small">none<\/td><\/tr>/s);
  });

  test('--allow-empty exits 0 and still says NOTHING JUDGED (junit: skipped, sarif: warning), no stderr line', () => {
    const text = run(['check', 'instances.plan.json', '--allow-empty'], { rules: ALL_RULES });
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout.trimEnd().split('\n').pop()).toBe(`NOTHING JUDGED: ${REASON} (allowed by allowEmpty) (fail on: error)`);
    const junit = run(['check', 'instances.plan.json', '--allow-empty', '--format', 'junit'], { rules: ALL_RULES }).stdout;
    expect(junit).toContain(`<skipped message="NOTHING JUDGED: ${REASON} (allowed by allowEmpty)"/>`);
    const sarif = JSON.parse(run(['check', 'instances.plan.json', '--allow-empty', '--format', 'sarif'], { rules: ALL_RULES }).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].level).toBe('warning');
    const json = JSON.parse(run(['check', 'instances.plan.json', '--allow-empty', '--format', 'json'], { rules: ALL_RULES }).stdout);
    expect(json).toMatchObject({ status: 'nothing-judged', allowEmpty: true, summary: { failed: false } });
  });

  test('config allowEmpty: true lets it pass like --allow-empty', () => {
    const r = run(['check', 'instances.plan.json', '--config', 'allow-empty.json'], { rules: ALL_RULES });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/NOTHING JUDGED: .* \(allowed by allowEmpty\)/);
  });

  test('--output: the verdict line on stdout says NOTHING JUDGED; the stderr line is written too', () => {
    const r = run(['check', 'instances.plan.json', '--output', 'out.txt'], { rules: ALL_RULES });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`NOTHING JUDGED: ${REASON}; text report written to out.txt\n`);
    expect(r.stderr).toMatch(/^forensic-readiness: nothing judged, so the run fails: /);
  });

  test('report: the folder is written, the run exits 1 and says NOTHING JUDGED', () => {
    const r = run(['report', 'instances.plan.json', '--out', 'report'], { rules: ALL_RULES });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`NOTHING JUDGED: ${REASON}; report written to`);
    expect(fs.readFileSync(path.join(tmp, 'report', 'report.html'), 'utf8')).toContain('id="verdict">NOTHING JUDGED</span>');
  });
});

describe('Terraform JSON that only calls modules: nothing judged, the module calls named', () => {
  test('the loader records each module block, not followed, with its source', () => {
    expect(loadDocument(MODULES_ONLY, 'modules.tf.json').moduleCalls).toEqual([
      { name: 'module.network', source: './modules/network', followed: false },
      { name: 'module.evidence', source: 'terraform-aws-modules/s3-bucket/aws', followed: false },
    ]);
  });

  test('a plan records its module calls, nested ones and instances of one call once, all followed', () => {
    const plan = {
      format_version: '1.2',
      terraform_version: '1.7.0',
      planned_values: {
        root_module: {
          child_modules: [
            { address: 'module.net[0]', child_modules: [{ address: 'module.net[0].module.subnets' }] },
            { address: 'module.net[1]' },
            { address: 'module.extra' },
          ],
        },
      },
      configuration: { root_module: { module_calls: { net: { source: './net', module: { module_calls: { subnets: { source: './subnets', module: {} } } } } } } },
    };
    expect(loadDocument(plan, 'plan.json').moduleCalls).toEqual([
      { name: 'module.net', source: './net', followed: true },
      { name: 'module.net.module.subnets', source: './subnets', followed: true },
      { name: 'module.extra', followed: true },
    ]);
  });

  test('text: NOTHING JUDGED, no resources, 2 module calls not followed, named; exit 1', () => {
    const r = run(['check', 'modules.tf.json'], { rules: ALL_RULES });
    expect(r.code).toBe(1);
    const why = 'no resources in 1 input file; 2 module calls not followed (module.network, module.evidence)';
    expect(r.stderr).toBe(`forensic-readiness: nothing judged, so the run fails: ${why} (--allow-empty accepts such a run)\n`);
    expect(r.stdout).toContain('Coverage of the input: 0 of 0 resources judged in 1 file; 2 module calls not followed\n  modules.tf.json: 0 of 0 resources judged; 2 module calls not followed (module.network, module.evidence)\n');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(`NOTHING JUDGED: ${why} (fail on: error)`);
  });

  test('json, markdown and html name the module calls', () => {
    const doc = JSON.parse(run(['check', 'modules.tf.json', '--format', 'json'], { rules: ALL_RULES }).stdout);
    expect(doc.status).toBe('nothing-judged');
    expect(doc.inputCoverage.moduleCallsNotFollowed).toEqual(['module.network', 'module.evidence']);
    expect(doc.inputCoverage.files[0].moduleCalls).toEqual([
      { name: 'module.network', source: './modules/network', followed: false },
      { name: 'module.evidence', source: 'terraform-aws-modules/s3-bucket/aws', followed: false },
    ]);
    const md = run(['check', 'modules.tf.json', '--format', 'markdown'], { rules: ALL_RULES }).stdout;
    expect(md).toContain('- modules.tf.json: 0 of 0 resources judged; 2 module calls not followed (module.network, module.evidence)');
    const html = run(['check', 'modules.tf.json', '--format', 'html'], { rules: ALL_RULES }).stdout;
    expect(html).toContain('<code>module.network</code> (./modules/network), <code>module.evidence</code> (terraform-aws-modules/s3-bucket/aws)');
  });

  test('beside a judged input the run is judged, but the unfollowed calls are still reported', () => {
    const doc = JSON.parse(run(['check', 'modules.tf.json', path.join(FIX, 'terraform', 'cdk.tf.json'), '--format', 'json'], { rules: FIXTURE_RULES }).stdout);
    expect(doc.status).not.toBe('nothing-judged');
    expect(doc.inputCoverage.moduleCallsNotFollowed).toEqual(['module.network', 'module.evidence']);
  });
});

describe('a judged template: PASSED or FAILED as before, with its coverage', () => {
  test('the fixture stack: FAILED, 4 of 5 resources judged (the trail is no fixture rule\'s)', () => {
    const r = run(['check', path.join(FIX, 'cfn', 'stack.template.json')], { rules: FIXTURE_RULES, cwd: FIX });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Coverage of the input: 4 of 5 resources judged in 1 file\n  cfn/stack.template.json: 4 of 5 resources judged; not judged: AWS::CloudTrail::Trail 1\n');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('FAILED: 1 error, 0 warnings, 1 suppressed in 5 resources (1 file) (fail on: error)');
    const doc = JSON.parse(run(['check', 'cfn/stack.template.json', '--format', 'json'], { rules: FIXTURE_RULES, cwd: FIX }).stdout);
    expect(doc.status).toBe('failed');
    expect(doc.inputCoverage.files[0].byType).toEqual({ 'AWS::CloudTrail::Trail': { resources: 1, judged: 0 }, 'AWS::S3::Bucket': { resources: 4, judged: 4 } });
  });

  test('a bucket and two functions: PASSED, 1 of 3 judged, the functions listed as not judged in text, json and html', () => {
    const r = run(['check', 'mixed.template.json'], { rules: FIXTURE_RULES });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('  mixed.template.json: 1 of 3 resources judged; not judged: AWS::Lambda::Function 2\n');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('PASSED: 0 errors, 0 warnings, 0 suppressed in 3 resources (1 file) (fail on: error)');
    const doc = JSON.parse(run(['check', 'mixed.template.json', '--format', 'json'], { rules: FIXTURE_RULES }).stdout);
    expect(doc).toMatchObject({ status: 'passed', summary: { failed: false }, inputCoverage: { resources: 3, judged: 1, notJudged: 2, nothingJudged: false } });
    expect(doc.statusReason).toBeUndefined();
    const html = run(['check', 'mixed.template.json', '--format', 'html'], { rules: FIXTURE_RULES }).stdout;
    expect(html).toContain('<span class="verdict passed" id="verdict">PASSED</span>');
    expect(html).toContain('<p id="input-coverage-head">1 of 3 resources judged in 1 file</p>');
    expect(html).toContain('<td>3</td><td>1</td><td>2</td><td class="small"><code>AWS::Lambda::Function</code> 2</td>');
    const junit = run(['check', 'mixed.template.json', '--format', 'junit'], { rules: FIXTURE_RULES }).stdout;
    expect(junit).not.toContain('forensic-readiness.coverage');
  });
});

describe('what counts as judged', () => {
  const bucket = (address: string, extra: Partial<Resource> = {}): Resource => ({
    address,
    type: 'aws_s3_bucket',
    properties: {},
    attributes: {},
    sourceFile: 'main.tf.json',
    format: 'terraform-json',
    cloud: 'aws',
    suppressions: [],
    ...extra,
  });
  const rule = (over: Partial<Rule>): Rule => ({
    id: 'TEST.Coverage.Rule',
    cloud: 'aws',
    severity: 'error',
    appliesTo: ['aws_s3_bucket'],
    description: 'x',
    rationale: 'x',
    fix: 'x',
    evidenceSource: 'evidence-immutability',
    nist: 'Collection',
    attack: [],
    atlas: [],
    check: () => compliant('ok'),
    ...over,
  });

  test('a resource its rule\'s isApplicable leaves aside is not judged; one whose check ran is, even NOT_APPLICABLE from the check', () => {
    const model = new ResourceModel([bucket('aws_s3_bucket.a'), bucket('aws_s3_bucket.b')]);
    const result = runRules(model, [rule({ isApplicable: (r) => r.address.endsWith('.b'), check: () => notApplicable('looked, nothing to judge') })]);
    expect(result.evaluations.map((e) => [e.resource.address, e.verdict, e.applied])).toEqual([
      ['aws_s3_bucket.a', 'NOT_APPLICABLE', false],
      ['aws_s3_bucket.b', 'NOT_APPLICABLE', true],
    ]);
    expect(result.inputCoverage).toMatchObject({ resources: 2, judged: 1, notJudged: 1, nothingJudged: false });
  });

  test('the coverage a run records of its visits is the coverage of its evaluations, read back in rule order', () => {
    const model = new ResourceModel([bucket('aws_s3_bucket.a'), bucket('aws_s3_bucket.b'), bucket('aws_instance.x', { type: 'aws_instance' })]);
    const onlyB = rule({ id: 'TEST.OnlyB', isApplicable: (r) => r.address.endsWith('.b') });
    const both = rule({ id: 'TEST.Both', appliesTo: ['aws_instance', 'aws_s3_bucket'], check: () => nonCompliant('no') });
    const result = runRules(model, [onlyB, both]);
    expect(result.evaluations.map((e) => [e.ruleId, e.resource.address, e.verdict, e.applied])).toEqual([
      ['TEST.OnlyB', 'aws_s3_bucket.a', 'NOT_APPLICABLE', false],
      ['TEST.OnlyB', 'aws_s3_bucket.b', 'COMPLIANT', true],
      ['TEST.Both', 'aws_instance.x', 'NON_COMPLIANT', true],
      ['TEST.Both', 'aws_s3_bucket.a', 'NON_COMPLIANT', true],
      ['TEST.Both', 'aws_s3_bucket.b', 'NON_COMPLIANT', true],
    ]);
    expect(result.evaluations).toBe(result.evaluations);
    expect(inputCoverage(model, result.evaluations)).toEqual(result.inputCoverage);
    expect(inputCoverage(model, result.evaluations.filter((e) => e.ruleId === 'TEST.OnlyB'))).toMatchObject({ judged: 1, notJudged: 2 });
  });

  test('the coverage counted from the marks (each resource alone at its address) equals the coverage of the evaluations, whatever the files, types, duplicates and translations', () => {
    const TYPES = ['aws_s3_bucket', 'aws_instance', 'aws_vpc'];
    const spec = fc.array(
      fc.record({ file: fc.constantFrom('a.tf.json', 'b.tf.json', 'c.json'), type: fc.constantFrom(...TYPES), name: fc.constantFrom('x', 'y', 'z', 'w'), merged: fc.boolean() }),
      { maxLength: 14 },
    );
    fc.assert(
      fc.property(spec, fc.subarray(TYPES), fc.integer({ min: 0, max: 3 }), (specs, types, modulo) => {
        const resources = specs.map((s, i) =>
          bucket(`${s.type}.${s.name}`, { type: s.type, sourceFile: s.file, attributes: s.merged && i % 2 === 0 ? { [MERGED_INTO_ATTRIBUTE]: `${s.type}.x` } : {} }),
        );
        const model = new ResourceModel(resources);
        // Applicable to every resource but one in `modulo + 1` of its type's list: judged and not, in every type.
        const seen = new Map<Resource, number>();
        model.resources.forEach((r, i) => seen.set(r, i));
        const some = rule({ id: 'TEST.Some', appliesTo: types, isApplicable: (r) => modulo === 0 || seen.get(r)! % (modulo + 1) !== 0 });
        const result = runRules(model, [some]);
        expect(result.inputCoverage).toEqual(inputCoverage(model, result.evaluations));
        const unique = new Set(resources.map((r) => `${r.sourceFile} ${r.address}`)).size === resources.length;
        expect(model.addressesUnique).toBe(unique);
      }),
      { numRuns: 300 },
    );
  });

  test('a rule that throws judged its resource (it fails closed, with a finding)', () => {
    const result = runRules(new ResourceModel([bucket('aws_s3_bucket.a')]), [rule({ isApplicable: () => { throw new Error('boom'); } })]);
    expect(result.findings).toHaveLength(1);
    expect(result.inputCoverage.judged).toBe(1);
  });

  test('a resource no rule lists is not judged; with no rule at all nothing is judged', () => {
    const model = new ResourceModel([bucket('aws_s3_bucket.a'), bucket('aws_instance.x', { type: 'aws_instance' })]);
    expect(runRules(model, [rule({})]).inputCoverage.files[0].byType).toEqual({ aws_instance: { resources: 1, judged: 0 }, aws_s3_bucket: { resources: 1, judged: 1 } });
    expect(runRules(model, []).inputCoverage).toMatchObject({ judged: 0, nothingJudged: true });
    const report = buildReport(runRules(model, []));
    expect([report.status, report.failed]).toEqual(['nothing-judged', true]);
    expect(buildReport(runRules(model, []), { allowEmpty: true })).toMatchObject({ status: 'nothing-judged', failed: false });
    for (const format of REPORT_FORMATS) expect(REPORT_RENDERERS[format].render(report)).not.toContain('PASSED');
  });

  test('a translated resource counts once, under the type the input wrote; its merged members are judged with it', () => {
    const translated = bucket('aws_s3_bucket.logs', { type: 'AWS::S3::Bucket', translatedFrom: { type: 'aws_s3_bucket', members: ['aws_s3_bucket.logs', 'aws_s3_bucket_versioning.logs', 'module.m.aws_s3_bucket_object_lock_configuration.logs'] } });
    const merged = bucket('aws_s3_bucket_versioning.logs', { type: 'aws_s3_bucket_versioning', attributes: { [MERGED_INTO_ATTRIBUTE]: 'aws_s3_bucket.logs' } });
    const orphan = bucket('aws_s3_bucket_versioning.other', { type: 'aws_s3_bucket_versioning', attributes: { [MERGED_INTO_ATTRIBUTE]: 'aws_s3_bucket.none' } });
    const model = new ResourceModel([translated, merged, orphan]);
    const c = inputCoverage(model, [{ resource: translated, applied: true }]);
    expect(c.files[0].byType).toEqual({
      aws_s3_bucket: { resources: 1, judged: 1 },
      aws_s3_bucket_object_lock_configuration: { resources: 1, judged: 1 },
      aws_s3_bucket_versioning: { resources: 2, judged: 1 },
    });
    expect(inputCoverage(model, [{ resource: translated, applied: false }]).judged).toBe(0);
  });

  test('a translated model counts alike whether or not each member is an input resource merged into it (what the translation gives)', () => {
    const members = ['aws_s3_bucket.logs', 'aws_s3_bucket_versioning.logs', 'aws_s3_bucket_public_access_block.logs'];
    const translated = bucket('aws_s3_bucket.logs', { type: 'AWS::S3::Bucket', translatedFrom: { type: 'aws_s3_bucket', members } });
    const merged = bucket('aws_s3_bucket_versioning.logs', { type: 'aws_s3_bucket_versioning', attributes: { [MERGED_INTO_ATTRIBUTE]: 'aws_s3_bucket.logs' } });
    const member = bucket('aws_s3_bucket_public_access_block.logs', { type: 'aws_s3_bucket_public_access_block', attributes: { [MERGED_INTO_ATTRIBUTE]: 'aws_s3_bucket.logs' } });
    // The other shapes, counted by address: a member without the merged-into mark (judged as a member
    // of the judged translation alone), and a member no input resource stands for.
    const unmarked = bucket('aws_s3_bucket_public_access_block.logs', { type: 'aws_s3_bucket_public_access_block' });
    const withMissing = bucket('aws_s3_bucket.logs', { type: 'AWS::S3::Bucket', translatedFrom: { type: 'aws_s3_bucket', members: [...members, 'aws_s3_bucket_replication_configuration.gone'] } });
    // Marked as merged into the translation without being its member: judged with it all the same.
    const loose = bucket('aws_s3_bucket_logging.logs', { type: 'aws_s3_bucket_logging', attributes: { [MERGED_INTO_ATTRIBUTE]: 'aws_s3_bucket.logs' } });
    const orphan = bucket('aws_s3_bucket_versioning.other', { type: 'aws_s3_bucket_versioning', attributes: { [MERGED_INTO_ATTRIBUTE]: 'aws_s3_bucket.none' } });
    const elsewhere = bucket('aws_s3_bucket.logs', { sourceFile: 'other.tf.json' });
    const variants = [
      [translated, member, {}],
      [translated, unmarked, {}],
      [withMissing, member, { aws_s3_bucket_replication_configuration: { resources: 1, judged: 1 } }],
    ] as const;
    for (const [t, m, extra] of variants) {
      const model = new ResourceModel([elsewhere, merged, t, m, loose, orphan]);
      const judgedBy = (...resources: Resource[]) => inputCoverage(model, resources.map((resource) => ({ resource, applied: true })));
      expect(judgedBy(t).files.map((f) => [f.file, f.byType])).toEqual([
        ['other.tf.json', { aws_s3_bucket: { resources: 1, judged: 0 } }],
        ['main.tf.json', { aws_s3_bucket: { resources: 1, judged: 1 }, aws_s3_bucket_logging: { resources: 1, judged: 1 }, aws_s3_bucket_public_access_block: { resources: 1, judged: 1 }, aws_s3_bucket_versioning: { resources: 2, judged: 1 }, ...extra }],
      ]);
      expect(judgedBy(merged, elsewhere).files.map((f) => [f.file, f.judged])).toEqual([['other.tf.json', 1], ['main.tf.json', 1]]);
      expect(judgedBy(orphan).judged).toBe(1);
    }
  });

  test('two resources at one address in one file count once, with the last one\'s judgement, translated model or not', () => {
    const first = bucket('aws_s3_bucket.a');
    const last = bucket('aws_s3_bucket.a');
    const other = bucket('aws_s3_bucket.a', { sourceFile: 'other.tf.json' });
    const translated = bucket('aws_s3_bucket.t', { type: 'AWS::S3::Bucket', translatedFrom: { type: 'aws_s3_bucket', members: ['aws_s3_bucket.t'] } });
    for (const extra of [[], [translated]]) {
      const model = new ResourceModel([first, last, other, ...extra]);
      const judgedOf = (...judged: Resource[]) => inputCoverage(model, judged.map((resource) => ({ resource, applied: true }))).files.map((f) => [f.file, f.resources, f.judged]);
      expect(judgedOf(last)).toEqual([['main.tf.json', 1 + extra.length, 1], ['other.tf.json', 1, 0]]);
      expect(judgedOf(first, other)).toEqual([['main.tf.json', 1 + extra.length, 0], ['other.tf.json', 1, 1]]);
    }
  });

  test('a file without resources is still listed, from the model\'s inputs', () => {
    const model = buildModel([loadDocument({ Resources: {} }, 'empty.template.json'), loadDocument(MIXED_TEMPLATE, 'mixed.template.json')]);
    const c = runRules(model, FIXTURE_RULES).inputCoverage;
    expect(c.files.map((f) => [f.file, f.resources, f.judged])).toEqual([
      ['empty.template.json', 0, 0],
      ['mixed.template.json', 3, 1],
    ]);
  });
});
