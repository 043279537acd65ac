import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, CfnResource, IAspect, NestedStack, PolicyValidationPluginReport, RemovalPolicy, Stack, Stage, Tags, Validations } from 'aws-cdk-lib';
import { CfnEndpointConfig } from 'aws-cdk-lib/aws-sagemaker';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagPack } from 'cdk-nag';
import { Construct, IConstruct } from 'constructs';
import { EvidenceBucket, SageMakerAudit } from '../../constructs/aws';
import { SageMakerDataCaptureInputOutput } from '../../policies/rules/aws/SageMakerDataCaptureInputOutput';
import { main } from '../../bin/cli';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { ForensicReadinessChecks, acknowledgeRule } from '../../policies/adapters/aws';
import { frameworkReportsValidationToCli } from '../../policies/adapters/cdk-nag-pack';
import { isUnresolved } from '../../policies/engine/model';
import { Rule, compliant, nonCompliant } from '../../policies/engine/types';
import { BucketLocked, RetentionFloor } from './fixture-rules';
import { pluginLog, scratchRoot } from './plugin-harness';

/** The fixture lock rule under a real rule id, so acknowledgeRule (which checks ids) accepts it. */
const LOCK: Rule = { ...BucketLocked, id: 'AWS.S3.ObjectLockCompliance' };
/** Cross-resource: a trail must write into a locked bucket (found through Ref / Fn::ImportValue). */
const TRAIL_TARGET: Rule = {
  ...BucketLocked,
  id: 'AWS.CloudTrail.LockedDestination',
  appliesTo: ['AWS::CloudTrail::Trail'],
  fix: 'Point S3BucketName at an EvidenceBucket.',
  check: (trail, { model }) => {
    const bucket = model.target(trail.properties.S3BucketName, trail);
    if (!bucket) return nonCompliant('S3BucketName names no bucket of the input');
    const lock = model.get(bucket, 'ObjectLockEnabled');
    return lock === true && !isUnresolved(lock) ? compliant(`${bucket.address} is locked`) : nonCompliant(`S3BucketName is ${bucket.address}, which is not locked`);
  },
};
const REASON = 'Build cache bucket; it never holds evidence.';

const tmpRoot = scratchRoot('fr-cdk-');

/** What the plugin logged beside CDK's report (acknowledged findings, internal failures). */
const { lines: logged, log } = pluginLog();

function newApp(rules: readonly Rule[] = [LOCK], outdir = fs.mkdtempSync(path.join(tmpRoot, 'out-'))): App {
  const app = new App({ outdir });
  Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { rules, log }));
  return app;
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('synth passed');
}

/** Runs fn from no exit code, restoring process.exitCode after; returns the exit code fn left. */
function exitCodeOf(fn: () => void): number | string | undefined {
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    fn();
    return process.exitCode;
  } finally {
    process.exitCode = before;
  }
}

describe('ForensicReadinessChecks as a CDK validation plugin', () => {
  test('is a cdk-nag 3 pack', () => {
    const pack = new ForensicReadinessChecks();
    expect(pack).toBeInstanceOf(NagPack);
    expect(pack.readPackName).toBe('ForensicReadiness');
    expect(pack.ruleIds).toContain('AWS.S3.ObjectLockCompliance');
  });

  test('fails synth on a violating resource, naming the construct path, the rule and the fix', () => {
    const app = newApp();
    const stack = new Stack(app, 'Evidence');
    new CfnBucket(stack, 'Open');
    const message = synthError(app);
    expect(message).toContain('Evidence/Open');
    expect(message).toContain('AWS.S3.ObjectLockCompliance: lock is null, expected true');
    expect(message).toContain('Set ObjectLockEnabled: true (EvidenceBucket does).');
  });

  test('a construct id holding terminal controls (ESC, CR): the report aws-cdk-lib prints and throws names the construct escaped', () => {
    const app = newApp();
    new CfnBucket(new Stack(app, 'Evidence'), 'Open\u001b[2J\r');
    const written: string[] = [];
    const capture = ((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    }) as never;
    const spies = [jest.spyOn(process.stderr, 'write').mockImplementation(capture), jest.spyOn(process.stdout, 'write').mockImplementation(capture), ...(['log', 'error', 'warn', 'info'] as const).map((m) => jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' '))))];
    let message: string;
    try {
      message = synthError(app);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const all = [message, ...written].join('\n');
    expect(all).toContain('Evidence/Open\\u001b[2J\\r');
    expect(all).toContain('AWS.S3.ObjectLockCompliance');
    expect(all).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  test('an app with an empty stack (new Stack(app, "Placeholder")) and an empty NestedStack synthesizes: the other stack is judged', () => {
    const app = newApp();
    const stack = new Stack(app, 'Evidence');
    new CfnBucket(stack, 'Open');
    new NestedStack(stack, 'EmptyNested');
    new Stack(app, 'Placeholder');
    const message = synthError(app);
    expect(message).toContain('Evidence/Open');
    expect(message).toContain('AWS.S3.ObjectLockCompliance: lock is null, expected true');
    expect(message).not.toMatch(/Placeholder|not a CloudFormation template|internal/i);
    const quiet = newApp();
    new Bucket(new Stack(quiet, 'Evidence'), 'Locked', { objectLockEnabled: true });
    new Stack(quiet, 'Placeholder');
    expect(() => quiet.synth()).not.toThrow();
  });

  test('passes a compliant stack', () => {
    const app = newApp();
    new Bucket(new Stack(app, 'Evidence'), 'Locked', { objectLockEnabled: true });
    expect(() => app.synth()).not.toThrow();
  });

  test('passes an acknowledged resource and records the acknowledgement in the template, where the CLI sees it', () => {
    const app = newApp();
    const stack = new Stack(app, 'Evidence');
    const bucket = new Bucket(stack, 'Cache');
    acknowledgeRule(bucket, 'AWS.S3.ObjectLockCompliance', REASON);
    const assembly = app.synth();
    const template = JSON.parse(fs.readFileSync(assembly.getStackByName('Evidence').templateFullPath, 'utf8'));
    const [resource] = Object.values(template.Resources) as { Metadata: Record<string, unknown> }[];
    expect(resource.Metadata['forensic-readiness']).toEqual({ acknowledgements: [{ ruleId: 'AWS.S3.ObjectLockCompliance', reason: REASON }] });
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^forensic-readiness: acknowledged AWS\\.S3\\.ObjectLockCompliance on \\S+Evidence\\.template\\.json Cache[0-9A-F]+: ${REASON}$`))]);

    let out = '';
    const code = main(['check', assembly.directory, '--format', 'json'], { stdout: (t) => (out += t), stderr: () => undefined, rules: [LOCK] });
    expect(code).toBe(0);
    expect(JSON.parse(out).suppressed).toEqual([expect.objectContaining({ ruleId: 'AWS.S3.ObjectLockCompliance', reason: REASON })]);
  });

  test('follows a cross-stack reference (Fn::ImportValue) to judge a trail by the bucket it writes into', () => {
    const app = newApp([TRAIL_TARGET]);
    const storage = new Stack(app, 'Storage');
    const bucket = new Bucket(storage, 'Logs');
    new CfnTrail(new Stack(app, 'Audit'), 'Trail', { isLogging: true, s3BucketName: bucket.bucketName });
    const message = synthError(app);
    expect(message).toContain('Audit/Trail');
    expect(message).toMatch(/AWS\.CloudTrail\.LockedDestination: S3BucketName is Logs[0-9A-F]+, which is not locked/);
  });

  test('a stack no rule judges passes synth with one line saying NOTHING JUDGED and why', () => {
    const app = newApp();
    new CfnTrail(new Stack(app, 'Audit'), 'Trail', { isLogging: true, s3BucketName: 'elsewhere' });
    expect(() => app.synth()).not.toThrow();
    expect(logged).toEqual(["forensic-readiness: NOTHING JUDGED in Audit.template.json: 1 resource of 1 type (AWS::CloudTrail::Trail 1); no rule applies to it; the kit's checks vouch for nothing here"]);
  });

  test('warnings are reported without failing synth', () => {
    const app = newApp([RetentionFloor]);
    new CfnBucket(new Stack(app, 'Evidence'), 'Short', { objectLockEnabled: true, objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', days: 30 } } } });
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => app.synth()).not.toThrow();
    expect(spy.mock.calls.flat().join('\n')).toContain('TEST.Bucket.RetentionFloor: DefaultRetention.Days is 30, floor 365');
    spy.mockRestore();
  });

  test("mirrors a CDK acknowledgement of 'ForensicReadiness::<ruleId>' into the template", () => {
    const app = newApp();
    const stack = new Stack(app, 'Evidence');
    const bucket = new Bucket(stack, 'Cache');
    Validations.of(bucket).acknowledge({ id: 'ForensicReadiness::AWS.S3.ObjectLockCompliance', reason: REASON });
    const assembly = app.synth();
    const template = JSON.parse(fs.readFileSync(assembly.getStackByName('Evidence').templateFullPath, 'utf8'));
    const [resource] = Object.values(template.Resources) as { Metadata: Record<string, unknown> }[];
    expect(resource.Metadata['forensic-readiness']).toEqual({ acknowledgements: [{ ruleId: 'AWS.S3.ObjectLockCompliance', reason: REASON }] });
  });

  test.each([['the app', (app: App) => app], ['a stack', (app: App) => app.node.findChild('Evidence')]])('fails synth when a CDK acknowledgement is given on %s, which would waive the rule on every resource below it', (_, scope) => {
    const app = newApp();
    const stack = new Stack(app, 'Evidence');
    new Bucket(stack, 'Cache');
    new Bucket(stack, 'Other');
    Validations.of(scope(app)).acknowledge({ id: 'ForensicReadiness::AWS.S3.ObjectLockCompliance', reason: REASON });
    expect(() => app.synth()).toThrow(/^acknowledgement of ForensicReadiness::AWS\.S3\.ObjectLockCompliance: scope must be the resource itself or the construct whose defaultChild it is \(an acknowledgement waives one rule on one resource; Evidence\/Cache\/Resource is below it\), got "(\(the app\)|Evidence)"$/);
  });

  test.each([['the app', (app: App) => app], ['a stack', (app: App) => app.node.findChild('Evidence')], ['the resource', (app: App) => app.node.findChild('Evidence').node.findChild('Cache')]])('a plugin given no scope fails synth on a CDK acknowledgement of a kit rule on %s: it cannot be mirrored into the template, so synth would waive what `check cdk.out` reports', (_, scope) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'out-')) });
    Validations.of(app).addPlugins(new ForensicReadinessChecks(undefined, { rules: [LOCK], log }));
    new Bucket(new Stack(app, 'Evidence'), 'Cache');
    Validations.of(scope(app)).acknowledge({ id: 'ForensicReadiness::AWS.S3.ObjectLockCompliance', reason: REASON });
    const where = scope(app).node.path || '(the app)';
    let message = '';
    expect(exitCodeOf(() => (message = synthError(app)))).toBe(1);
    expect(message).toContain(`ForensicReadiness::AWS.S3.ObjectLockCompliance is acknowledged with Validations on ${where}, and the checks were given no scope: create them with \`new ForensicReadinessChecks(app)\``);
  });

  test('fails synth when a CDK acknowledgement names no rule of the kit (a misspelt id would waive nothing, listed nowhere)', () => {
    const app = newApp();
    const bucket = new Bucket(new Stack(app, 'Evidence'), 'Cache');
    Validations.of(bucket).acknowledge({ id: 'ForensicReadiness::AWS.S3.ObjectLockComplaince', reason: REASON });
    expect(() => app.synth()).toThrow(/^acknowledgement on Evidence\/Cache: id must be ForensicReadiness::<the id of one of the kit's rules \(see RULES\.md\)>, got "ForensicReadiness::AWS\.S3\.ObjectLockComplaince"$/);
  });

  test('fails synth when a CDK acknowledgement gives no usable reason', () => {
    const app = newApp();
    const bucket = new Bucket(new Stack(app, 'Evidence'), 'Cache');
    Validations.of(bucket).acknowledge({ id: 'ForensicReadiness::AWS.S3.ObjectLockCompliance', reason: 'ok' });
    expect(() => app.synth()).toThrow(/acknowledgement of ForensicReadiness::AWS\.S3\.ObjectLockCompliance on Evidence\/Cache: reason must be at least 20 characters besides the rule id \(letters and digits\), with no invisible character, got "ok"/);
  });

  test('fails synth under an output folder given relative to the working directory, as a plain `cdk synth` gives it', () => {
    const app = newApp([LOCK], path.relative(process.cwd(), fs.mkdtempSync(path.join(tmpRoot, 'rel-'))));
    new CfnBucket(new Stack(app, 'Evidence'), 'Open');
    expect(synthError(app)).toContain('AWS.S3.ObjectLockCompliance: lock is null, expected true');
    expect(logged).toEqual([]);
  });

  test.each([
    ['without asset metadata (cdk synth --no-asset-metadata, app.synth() in a test): the plugin is given the parent template only', false],
    ['with asset metadata, as the CDK CLI synthesizes by default, once', true],
  ])('judges the template of a nested stack %s', (_, assetMetadata) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'nested-')), context: { 'aws:cdk:enable-asset-metadata': assetMetadata } });
    const pack = new ForensicReadinessChecks(app, { rules: [LOCK], log });
    Validations.of(app).addPlugins(pack);
    new CfnBucket(new NestedStack(new Stack(app, 'Parent'), 'Inner'), 'Open');
    const message = synthError(app);
    expect(message.match(/AWS\.S3\.ObjectLockCompliance: lock is null/g)).toHaveLength(1);
    expect(message).toContain('Parent/Inner/Open');
  });

  test('judges template paths given relative to the working directory', () => {
    const assemblyDir = fs.mkdtempSync(path.join(tmpRoot, 'plain-'));
    const app = new App({ outdir: assemblyDir });
    new CfnBucket(new Stack(app, 'Evidence'), 'Open');
    const file = app.synth().getStackByName('Evidence').templateFullPath;
    const pack = new ForensicReadinessChecks(undefined, { rules: [LOCK], log });
    const report = pack.validate({ templatePaths: [path.relative(process.cwd(), file)], appConstruct: app } as never);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => [v.ruleName, v.violatingResources[0].templatePath])).toEqual([['AWS.S3.ObjectLockCompliance', file]]);
  });

  test('fails closed when the checks cannot run: a failing violation, a line on stderr and exit code 1, never a pass', () => {
    const missing = path.join(tmpRoot, 'gone', 'Evidence.template.json');
    const pack = new ForensicReadinessChecks(undefined, { rules: [LOCK], log });
    const before = process.exitCode;
    try {
      const report = pack.validate({ templatePaths: [missing], appConstruct: new App() } as never);
      expect(report.success).toBe(false);
      expect(report.violations).toEqual([
        expect.objectContaining({ ruleName: 'ForensicReadiness.ChecksDidNotRun', severity: 'error', description: expect.stringMatching(/^forensic-readiness: the checks could not run, so synth fails \(fail closed\): Evidence\.template\.json: no such file or folder$/) }),
      ]);
      expect(report.violations[0].violatingResources).toEqual([expect.objectContaining({ templatePath: missing })]);
      expect(logged).toEqual([report.violations[0].description]);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = before;
    }
  });

  test('a plugin given no scope, called with no app (as aws-cdk-lib 2.257 calls plugins), fails closed: it could not see a CDK acknowledgement that waives its findings', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'noapp-')) });
    new CfnBucket(new Stack(app, 'Evidence'), 'Open');
    const file = app.synth().getStackByName('Evidence').templateFullPath;
    const pack = new ForensicReadinessChecks(undefined, { rules: [LOCK], log });
    let report: PolicyValidationPluginReport | undefined;
    const code = exitCodeOf(() => (report = pack.validate({ templatePaths: [file] } as never)));
    expect(code).toBe(1);
    expect(report).toEqual({ success: false, violations: [expect.objectContaining({ ruleName: 'ForensicReadiness.ChecksDidNotRun', severity: 'error' })] });
    expect(logged).toEqual([
      'forensic-readiness: the checks could not run, so synth fails (fail closed): the checks were given no scope, and this aws-cdk-lib passes plugins no app, so a CDK acknowledgement of a kit rule (Validations.of(c).acknowledge) would waive findings unseen: create them with `new ForensicReadinessChecks(app)`, which writes a resource\'s acknowledgement into its template',
    ]);
  });

  test('a plugin given no scope judges as one given the app when the app carries no CDK acknowledgement of its rules', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'noscope-')) });
    Validations.of(app).addPlugins(new ForensicReadinessChecks(undefined, { rules: [LOCK], log }));
    new CfnBucket(new Stack(app, 'Evidence'), 'Open');
    expect(synthError(app)).toContain('AWS.S3.ObjectLockCompliance: lock is null, expected true');
  });

  test("runs the kit's AWS rules by default", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'out-')) });
    Validations.of(app).addPlugins(new ForensicReadinessChecks(app));
    new CfnTrail(new Stack(app, 'Audit'), 'Trail', { isLogging: false, s3BucketName: 'somewhere' });
    expect(synthError(app)).toMatch(/Audit\/Trail[\s\S]*AWS\.CloudTrail\.IsLogging/);
  });
});

/** An app run as the CDK CLI runs it: the CLI tells aws-cdk-lib to leave the report to it (and asks for asset metadata, by which nested stack templates are found). */
function cliApp(pluginOnStage = false): { app: App; where: (scope: 'flat' | 'stage' | 'nested-in-stage') => Construct } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'cli-')), context: { '@aws-cdk/core:failSynthOnValidationErrors': false, 'aws:cdk:enable-asset-metadata': true } });
  let stage: Stage | undefined;
  const stageOf = (): Stage => {
    if (!stage) {
      stage = new Stage(app, 'Prod');
      if (pluginOnStage) Validations.of(stage).addPlugins(new ForensicReadinessChecks(stage, { rules: [LOCK, RetentionFloor], log }));
    }
    return stage;
  };
  if (!pluginOnStage) Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { rules: [LOCK, RetentionFloor], log }));
  return {
    app,
    where: (scope) => (scope === 'flat' ? new Stack(app, 'Evidence') : scope === 'stage' ? new Stack(stageOf(), 'Evidence') : new NestedStack(new Stack(stageOf(), 'Parent'), 'Evidence')),
  };
}

const SHORT_LOCK = { objectLockEnabled: true, objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', days: 30 } } } };
const FAILS = 'forensic-readiness: synth fails on the findings above (exit code 1, set by the kit: the CDK CLI does not show or fail on the validation report of every stack)';
const shortWarning = (constructPath: string): RegExp =>
  new RegExp(`^forensic-readiness: warning: \\[${constructPath}\\] TEST\\.Bucket\\.RetentionFloor: DefaultRetention\\.Days is 30, floor 365\\. Fix: `);

describe('ForensicReadinessChecks under the CDK CLI (the report left to the CLI)', () => {
  test.each([
    ['a top-level stack', 'flat', false, 'Evidence'],
    ['a stack inside a Stage (CDK Pipelines: a plain cdk synth shows no report of it)', 'stage', false, 'Prod/Evidence'],
    ['a nested stack inside a Stage', 'nested-in-stage', false, 'Prod/Parent/Evidence'],
    ['a stack inside a Stage, the plugin on the Stage', 'stage', true, 'Prod/Evidence'],
  ] as const)('fails the app process on an error finding in %s, each finding one line on stderr', (_, scope, pluginOnStage, stackPath) => {
    const { app, where } = cliApp(pluginOnStage);
    const stack = where(scope);
    new CfnBucket(stack, 'Open');
    new CfnBucket(stack, 'Short', SHORT_LOCK);
    expect(exitCodeOf(() => expect(() => app.synth()).not.toThrow())).toBe(1);
    expect(logged).toEqual([`forensic-readiness: [${stackPath}/Open] AWS.S3.ObjectLockCompliance: lock is null, expected true. Fix: ${LOCK.fix}`, expect.stringMatching(shortWarning(`${stackPath}/Short`)), FAILS]);
  });

  test('a construct id holding terminal controls (ESC, CR, BEL, C1 CSI) reaches stderr escaped, one line per finding', () => {
    const { app, where } = cliApp();
    const stack = where('stage');
    new CfnBucket(stack, 'Open\u001b[2J\r');
    new CfnBucket(stack, 'Short\u0007\u009b31m', SHORT_LOCK);
    expect(exitCodeOf(() => expect(() => app.synth()).not.toThrow())).toBe(1);
    expect(logged).toEqual([
      `forensic-readiness: [Prod/Evidence/Open\\u001b[2J\\r] AWS.S3.ObjectLockCompliance: lock is null, expected true. Fix: ${LOCK.fix}`,
      expect.stringMatching(shortWarning('Prod/Evidence/Short\\\\u0007\\\\u009b31m')),
      FAILS,
    ]);
    for (const line of logged) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  test('the evidence context it logs is escaped too: a declaration quoting terminal controls cannot rewrite the terminal', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'ctx-')) });
    Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { rules: [LOCK], log, config: { context: { aws: { flowLogs: { collectedBy: 'the network\u001b]0;pwned\u0007 account' } } } } }));
    new CfnBucket(new Stack(app, 'Evidence'), 'Locked', { objectLockEnabled: true });
    app.synth();
    expect(logged).toEqual(['forensic-readiness: evidence context assumed: AWS VPC flow logs collected by the network\\u001b]0;pwned\\u0007 account']);
  });

  test('a passing stack inside a Stage: its warnings on stderr (the CLI would not show them), exit code untouched', () => {
    const { app, where } = cliApp();
    new CfnBucket(where('stage'), 'Short', SHORT_LOCK);
    expect(exitCodeOf(() => app.synth())).toBeUndefined();
    expect(logged).toEqual([expect.stringMatching(shortWarning('Prod/Evidence/Short'))]);
  });

  test('a passing top-level stack: its warnings are left to the CLI, which shows them, so none is said twice', () => {
    const { app, where } = cliApp();
    new CfnBucket(where('flat'), 'Short', SHORT_LOCK);
    expect(exitCodeOf(() => app.synth())).toBeUndefined();
    expect(logged).toEqual([]);
    expect(fs.readFileSync(path.join(app.outdir, cxapi.VALIDATION_REPORT_FILE), 'utf8')).toContain('TEST.Bucket.RetentionFloor');
  });

  test('on an aws-cdk-lib that writes no report the CLI reads (2.257), the warnings of a top-level stack reach stderr too', () => {
    const { app, where } = cliApp();
    new CfnBucket(where('flat'), 'Short', SHORT_LOCK);
    const file = app.synth().getStackByName('Evidence').templateFullPath;
    logged.length = 0;
    const pack = new ForensicReadinessChecks(app, { rules: [RetentionFloor], log });
    const original = Object.getOwnPropertyDescriptor(cxapi, 'VALIDATION_REPORT_FILE')!;
    try {
      Object.defineProperty(cxapi, 'VALIDATION_REPORT_FILE', { value: undefined, configurable: true });
      expect(frameworkReportsValidationToCli()).toBe(false);
      // As 2.257 calls a plugin: template paths only, no appConstruct; the pack knows the app from its scope.
      expect(exitCodeOf(() => expect(pack.validate({ templatePaths: [file] } as never).success).toBe(true))).toBeUndefined();
      expect(logged).toEqual([expect.stringMatching(shortWarning('Evidence/Short'))]);
    } finally {
      Object.defineProperty(cxapi, 'VALIDATION_REPORT_FILE', original);
    }
  });

  test('outside the CLI aws-cdk-lib prints the report and fails synth itself: the kit adds nothing', () => {
    const app = newApp([LOCK, RetentionFloor]);
    const stack = new Stack(new Stage(app, 'Prod'), 'Evidence');
    new CfnBucket(stack, 'Open');
    new CfnBucket(stack, 'Short', SHORT_LOCK);
    expect(synthError(app)).toMatch(/AWS\.S3\.ObjectLockCompliance[\s\S]*TEST\.Bucket\.RetentionFloor/);
    expect(logged).toEqual([]);
  });
});

describe('ForensicReadinessChecks.validateScope', () => {
  test('an empty stack in the scope (and an empty NestedStack) is 0 resources, not an error', () => {
    const app = new App();
    const stack = new Stack(app, 'Evidence');
    new CfnBucket(stack, 'Open');
    new NestedStack(stack, 'EmptyNested');
    new Stack(app, 'Placeholder');
    const report = new ForensicReadinessChecks(undefined, { rules: [LOCK] }).validateScope(app);
    expect(report.violations.map((v) => [v.ruleName, v.violatingResources[0].constructPath])).toEqual([['AWS.S3.ObjectLockCompliance', 'Evidence/Open']]);
  });

  test('judges the stacks of a scope from the construct tree and maps findings to construct paths', () => {
    const app = new App();
    const stack = new Stack(app, 'Evidence');
    new CfnBucket(stack, 'Open');
    new Bucket(stack, 'Locked', { objectLockEnabled: true });
    const report = new ForensicReadinessChecks(undefined, { rules: [LOCK] }).validateScope(stack);
    expect(report.success).toBe(false);
    expect(report.violations).toEqual([
      expect.objectContaining({ ruleName: 'AWS.S3.ObjectLockCompliance', severity: 'error', fix: LOCK.fix, violatingResources: [{ constructPath: 'Evidence/Open', locations: ['Properties'] }] }),
    ]);
  });

  test('reports only resources under the scope, with the whole stack as context', () => {
    const app = new App();
    const stack = new Stack(app, 'Evidence');
    new CfnBucket(stack, 'Open');
    const quiet = new Construct(stack, 'Quiet');
    new Bucket(quiet, 'Locked', { objectLockEnabled: true });
    const pack = new ForensicReadinessChecks(undefined, { rules: [LOCK] });
    expect(pack.validateScope(quiet)).toEqual({ success: true, violations: [] });
    expect(pack.validateScope(app).violations).toHaveLength(1);
  });

  /** A "destroy everything in dev" Aspect: it makes the evidence bucket deletable at synth. */
  class DestroyEverything implements IAspect {
    public visit(node: IConstruct): void {
      if (CfnResource.isCfnResource(node)) node.applyRemovalPolicy(RemovalPolicy.DESTROY);
    }
  }
  /** Adds a bucket beside each stack it visits: applied twice, it would throw on the repeated id. */
  class AddBucket implements IAspect {
    public visit(node: IConstruct): void {
      if (Stack.isStack(node)) new CfnBucket(node, 'Added');
    }
  }
  const RETAIN: Rule = {
    ...LOCK,
    id: 'AWS.S3.EvidenceRetain',
    check: (bucket) => (bucket.attributes.DeletionPolicy === 'Retain' ? compliant('retained') : nonCompliant(`DeletionPolicy is ${JSON.stringify(bucket.attributes.DeletionPolicy ?? null)}`)),
  };
  const retainedStack = (scope: Construct): Stack => {
    const stack = new Stack(scope, 'Workload');
    new CfnBucket(stack, 'Evidence', { objectLockEnabled: true }).applyRemovalPolicy(RemovalPolicy.RETAIN);
    return stack;
  };
  const visitsOf = (spy: jest.SpyInstance, path: string): number => spy.mock.calls.filter(([node]) => (node as IConstruct).node.path === path).length;

  test('judges what synthesis produces: an Aspect of the app that makes the evidence bucket deletable fails it', () => {
    const app = new App();
    const stack = retainedStack(app);
    Aspects.of(app).add(new DestroyEverything());
    const report = new ForensicReadinessChecks(undefined, { rules: [RETAIN] }).validateScope(stack);
    expect(report.violations.map((v) => [v.ruleName, v.description, v.violatingResources[0].constructPath])).toEqual([['AWS.S3.EvidenceRetain', 'AWS.S3.EvidenceRetain: DeletionPolicy is "Delete"', 'Workload/Evidence']]);
  });

  test('applies each Aspect once: neither a second validateScope nor the synthesis after applies it again', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'aspect-')) });
    const stack = retainedStack(app);
    const destroy = new DestroyEverything();
    const add = new AddBucket();
    const destroyVisits = jest.spyOn(DestroyEverything.prototype, 'visit');
    const addVisits = jest.spyOn(AddBucket.prototype, 'visit');
    try {
      Aspects.of(app).add(destroy);
      Aspects.of(stack).add(add);
      const pack = new ForensicReadinessChecks(undefined, { rules: [RETAIN] });
      expect(pack.validateScope(stack).violations.map((v) => v.violatingResources[0].constructPath).sort()).toEqual(['Workload/Added', 'Workload/Evidence']);
      expect(pack.validateScope(stack).violations).toHaveLength(2);
      const template = app.synth().getStackByName('Workload').template;
      expect(Object.keys(template.Resources).sort()).toEqual(['Added', 'Evidence']);
      expect([visitsOf(destroyVisits, 'Workload/Evidence'), visitsOf(addVisits, 'Workload')]).toEqual([1, 1]);
    } finally {
      destroyVisits.mockRestore();
      addVisits.mockRestore();
    }
  });

  test('after synthesis, judges the tree as synthesis left it (the Aspect ran once, in synthesis)', () => {
    const app = new App();
    const stack = retainedStack(app);
    const visits = jest.spyOn(DestroyEverything.prototype, 'visit');
    try {
      Aspects.of(app).add(new DestroyEverything());
      app.synth();
      expect(new ForensicReadinessChecks(undefined, { rules: [RETAIN] }).validateScope(stack).success).toBe(false);
      expect(visitsOf(visits, 'Workload/Evidence')).toBe(1);
    } finally {
      visits.mockRestore();
    }
  });

  test('an Aspect of the app does not reach a stack inside a Stage (synthesis does not carry it there): that stack passes', () => {
    const app = new App();
    const stack = retainedStack(new Stage(app, 'Prod'));
    Aspects.of(app).add(new DestroyEverything());
    expect(new ForensicReadinessChecks(undefined, { rules: [RETAIN] }).validateScope(stack).success).toBe(true);
    expect(app.synth().getNestedAssembly('assembly-Prod').stacks[0].template.Resources.Evidence.DeletionPolicy).toBe('Retain');
  });

  test('applies tags and mirrors CDK acknowledgements as synthesis does, with the same template after', () => {
    const app = new App();
    new ForensicReadinessChecks(app);
    const stack = new Stack(app, 'Workload');
    const bucket = new CfnBucket(stack, 'Cache');
    Tags.of(stack).add('forensic-evidence-store', 'true');
    Validations.of(bucket).acknowledge({ id: 'ForensicReadiness::AWS.S3.ObjectLockCompliance', reason: REASON });
    const TAGGED: Rule = { ...LOCK, check: (b) => (JSON.stringify(b.properties.Tags ?? []).includes('forensic-evidence-store') ? nonCompliant('tagged, not locked') : compliant('untagged')) };
    expect(new ForensicReadinessChecks(undefined, { rules: [TAGGED], log }).validateScope(stack)).toEqual({ success: true, violations: [] });
    expect(logged).toEqual([expect.stringMatching(/^forensic-readiness: acknowledged AWS\.S3\.ObjectLockCompliance on Workload\/Cache: /)]);
    const resource = app.synth().getStackByName('Workload').template.Resources.Cache;
    expect(resource.Properties.Tags).toEqual([{ Key: 'forensic-evidence-store', Value: 'true' }]);
    expect(resource.Metadata['forensic-readiness']).toEqual({ acknowledgements: [{ ruleId: 'AWS.S3.ObjectLockCompliance', reason: REASON }] });
  });

  test("judges the kit's own Aspect-based SageMakerAudit with its data capture applied, before synthesis as after", () => {
    const app = new App();
    const stack = new Stack(app, 'Workload');
    new CfnEndpointConfig(stack, 'Config', { productionVariants: [{ variantName: 'a', modelName: 'm', initialInstanceCount: 1, instanceType: 'ml.m5.large' }] });
    new SageMakerAudit(stack, 'Audit', { destination: new EvidenceBucket(stack, 'Evidence') });
    const pack = new ForensicReadinessChecks(undefined, { rules: [SageMakerDataCaptureInputOutput] });
    expect(pack.validateScope(stack)).toEqual({ success: true, violations: [] });
    const synthesized = Object.values(app.synth().getStackByName('Workload').template.Resources as Record<string, { Type: string; Properties: { DataCaptureConfig?: { CaptureOptions: unknown } } }>);
    expect(synthesized.find((r) => r.Type === 'AWS::SageMaker::EndpointConfig')?.Properties.DataCaptureConfig?.CaptureOptions).toEqual([{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]);
    expect(pack.validateScope(stack)).toEqual({ success: true, violations: [] });
  });

  test('refuses an Aspect it cannot make visit once only (a frozen object), naming it: synthesize first', () => {
    const app = new App();
    const stack = retainedStack(app);
    Aspects.of(app).add(Object.freeze(new DestroyEverything()));
    expect(() => new ForensicReadinessChecks(undefined, { rules: [RETAIN] }).validateScope(stack)).toThrow(/^validateScope: the Aspect DestroyEverything \(applied to Workload\) cannot be made to visit each node once only \(a frozen object\); synthesize first/);
  });

  test('honours acknowledgeRule', () => {
    const stack = new Stack(new App(), 'Evidence');
    acknowledgeRule(new CfnBucket(stack, 'Open'), 'AWS.S3.ObjectLockCompliance', REASON);
    expect(new ForensicReadinessChecks(undefined, { rules: [LOCK] }).validateScope(stack).success).toBe(true);
  });
});

describe('acknowledgeRule (CDK)', () => {
  const stack = () => new Stack(new App(), 'S');

  test('keeps one acknowledgement per rule, the last reason winning', () => {
    const b = new CfnBucket(stack(), 'B');
    acknowledgeRule(b, 'AWS.S3.ObjectLockCompliance', REASON);
    acknowledgeRule(b, 'AWS.S3.EvidenceVersioning', REASON);
    acknowledgeRule(b, 'AWS.S3.ObjectLockCompliance', `${REASON} Reviewed.`);
    expect(b.getMetadata('forensic-readiness')).toEqual({
      acknowledgements: [
        { ruleId: 'AWS.S3.EvidenceVersioning', reason: REASON },
        { ruleId: 'AWS.S3.ObjectLockCompliance', reason: `${REASON} Reviewed.` },
      ],
    });
  });

  test('fails when the reason is shorter than 20 characters', () => {
    expect(() => acknowledgeRule(new CfnBucket(stack(), 'B'), 'AWS.S3.ObjectLockCompliance', 'lab only')).toThrow(/reason must be at least 20 characters besides the rule id \(letters and digits\), with no invisible character, got "lab only"/);
  });

  test('fails when the reason only repeats the rule id', () => {
    expect(() => acknowledgeRule(new CfnBucket(stack(), 'B'), 'AWS.S3.ObjectLockCompliance', 'AWS.S3.ObjectLockCompliance')).toThrow(/reason/);
  });

  test('fails when the rule id is not a rule of the kit', () => {
    expect(() => acknowledgeRule(new CfnBucket(stack(), 'B'), 'AWS.S3.ObjectLockCompliace', REASON)).toThrow(/ruleId must be the id of one of the kit's rules/);
  });

  test('fails when the construct has no CfnResource', () => {
    expect(() => acknowledgeRule(new Construct(stack(), 'Plain'), 'AWS.S3.ObjectLockCompliance', REASON)).toThrow(/construct must be a CfnResource or a construct whose defaultChild is a CfnResource/);
  });
});
