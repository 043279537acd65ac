/**
 * CDK acknowledgements (`Validations.of(c).acknowledge({ id: 'ForensicReadiness::<ruleId>' })`)
 * where the kit's Aspect does not reach them by itself: inside a Stage, given by a later Aspect or a
 * node validation, on an L2 with more resources than its defaultChild. Each is mirrored into the
 * template, or synth fails: synth and `forensic-readiness check cdk.out` always agree.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, AspectPriority, Aspects, CfnResource, IAspect, NestedStack, RemovalPolicy, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Bucket, BucketEncryption, BlockPublicAccess } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { AuditTrail, EvidenceBucket } from '../../constructs/aws';
import { main } from '../../bin/cli';
import { ForensicReadinessChecks, MirrorCdkAcknowledgements } from '../../policies/adapters/aws';
import { Rule, nonCompliant } from '../../policies/engine/types';
import { BucketLocked } from './fixture-rules';
import { pluginLog, scratchRoot } from './plugin-harness';

const LOCK: Rule = { ...BucketLocked, id: 'AWS.S3.ObjectLockCompliance' };
/** A rule of a real id that judges bucket policies, as a rule finding on an L2's other resource would. */
const POLICY: Rule = {
  ...BucketLocked,
  id: 'AWS.S3.EvidenceTlsOnly',
  appliesTo: ['AWS::S3::BucketPolicy'],
  fix: 'Deny aws:SecureTransport false.',
  check: () => nonCompliant('fixture: every bucket policy fails'),
};
const ID = 'ForensicReadiness::AWS.S3.ObjectLockCompliance';
const REASON = 'Build cache bucket; it never holds evidence.';
const FAIL_CLOSED = 'forensic-readiness: the checks could not run, so synth fails (fail closed): ';

const tmpRoot = scratchRoot('fr-cdk-ack-');

/** What the plugin logged beside CDK's report (acknowledged findings, internal failures). */
const { lines: logged, log } = pluginLog();

function newApp(rules: readonly Rule[] = [LOCK]): App {
  const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'out-')) });
  Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { rules, log }));
  return app;
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

/** `forensic-readiness check <dir> --format json`: its exit code and report. */
function check(dir: string, rules?: readonly Rule[]): { code: number; report: { suppressed: { ruleId: string; reason: string }[]; findings: { ruleId: string }[] } } {
  let out = '';
  const code = main(['check', dir, '--format', 'json'], { stdout: (t) => (out += t), stderr: () => undefined, ...(rules ? { rules } : {}) });
  return { code, report: JSON.parse(out) };
}

/** The Metadata of the one resource of a template whose logical id starts with `prefix`. */
function metadataOf(templateFile: string, prefix: string): Record<string, unknown> | undefined {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
  const [id] = Object.keys(template.Resources).filter((k) => k.startsWith(prefix));
  return template.Resources[id].Metadata;
}

const MIRRORED = { acknowledgements: [{ ruleId: 'AWS.S3.ObjectLockCompliance', reason: REASON }] };

describe('CDK acknowledgements inside a Stage (D3)', () => {
  test.each([
    ['the Stage', (_app: App, prod: Stage) => prod, 'Prod'],
    ['the app', (app: App) => app, '(the app)'],
    ['a stack inside the Stage', (_app: App, prod: Stage) => prod.node.findChild('Evidence'), 'Prod/Evidence'],
  ] as const)('an acknowledgement on %s fails synth, as on a top-level stack', (_, scope, got) => {
    const app = newApp();
    const prod = new Stage(app, 'Prod');
    const stack = new Stack(prod, 'Evidence');
    new Bucket(stack, 'Cache');
    Validations.of(scope(app, prod)).acknowledge({ id: ID, reason: REASON });
    expect(() => app.synth()).toThrow(
      new RegExp(`^acknowledgement of ForensicReadiness::AWS\\.S3\\.ObjectLockCompliance: scope must be the resource itself or the construct whose defaultChild it is \\(an acknowledgement waives one rule on one resource; Prod/Evidence/Cache/Resource is below it\\), got "${got.replace(/[()]/g, '\\$&')}"$`),
    );
  });

  test('an acknowledgement on a resource inside a Stage is mirrored into the Stage\'s template, said on stderr, and `check` agrees', () => {
    const app = newApp();
    const stack = new Stack(new Stage(app, 'Prod'), 'Evidence');
    Validations.of(new Bucket(stack, 'Cache')).acknowledge({ id: ID, reason: REASON });
    const assembly = app.synth();
    const template = assembly.getNestedAssembly('assembly-Prod').stacks[0].templateFullPath;
    expect(metadataOf(template, 'Cache')?.['forensic-readiness']).toEqual(MIRRORED);
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^forensic-readiness: acknowledged AWS\\.S3\\.ObjectLockCompliance on \\S+assembly-Prod/ProdEvidence[0-9A-F]*\\.template\\.json Cache[0-9A-F]+: ${REASON}$`))]);
    const { code, report } = check(assembly.directory, [LOCK]);
    expect(code).toBe(0);
    expect(report.suppressed).toEqual([expect.objectContaining({ ruleId: 'AWS.S3.ObjectLockCompliance', reason: REASON })]);
  });

  test('a Stage synthesized before the app (its acknowledgement never mirrored) fails synth when the plugin validates, and `check` fails too', () => {
    const app = newApp();
    const prod = new Stage(app, 'Prod');
    Validations.of(new Bucket(new Stack(prod, 'Evidence'), 'Cache')).acknowledge({ id: ID, reason: REASON });
    prod.synth();
    let message = '';
    expect(
      exitCodeOf(() => {
        try {
          app.synth();
        } catch (err) {
          message = (err as Error).message;
        }
      }),
    ).toBe(1);
    const refusal = `${ID} is acknowledged with Validations on Prod/Evidence/Cache, but the acknowledgement is not in the template of Prod/Evidence/Cache/Resource: it was given after the kit's Aspect visited the resource (by a later Aspect or a node validation), or in a Stage synthesized before the app (Template.fromStack, CDK Pipelines' addStage), so CDK would waive the finding while \`forensic-readiness check cdk.out\` reports it: give it before synthesis, or with acknowledgeRule(construct, 'AWS.S3.ObjectLockCompliance', reason), which writes it into the template (for a Stage synthesized early, add new MirrorCdkAcknowledgements('ForensicReadiness') to its Aspects first)`;
    expect(logged).toEqual([`${FAIL_CLOSED}${refusal}`]);
    expect(message).toContain('ForensicReadiness.ChecksDidNotRun');
    expect(check(app.outdir, [LOCK]).code).toBe(1);
  });

  test('a Stage synthesized before the app (CDK Pipelines\' addStage) given the kit\'s Aspect first: its acknowledgement is mirrored, and `check` agrees', () => {
    const app = newApp();
    const prod = new Stage(app, 'Prod');
    Aspects.of(prod).add(new MirrorCdkAcknowledgements('ForensicReadiness'), { priority: AspectPriority.READONLY });
    Validations.of(new Bucket(new Stack(prod, 'Evidence'), 'Cache')).acknowledge({ id: ID, reason: REASON });
    prod.synth();
    const assembly = app.synth();
    expect(metadataOf(assembly.getNestedAssembly('assembly-Prod').stacks[0].templateFullPath, 'Cache')?.['forensic-readiness']).toEqual(MIRRORED);
    expect(logged).toEqual([expect.stringMatching(/^forensic-readiness: acknowledged AWS\.S3\.ObjectLockCompliance on \S+assembly-Prod\//)]);
    expect(check(assembly.directory, [LOCK]).code).toBe(0);
  });

  test.each([
    ['outside the CLI', {}],
    ['under the CDK CLI (the report left to it)', { '@aws-cdk/core:failSynthOnValidationErrors': false, 'aws:cdk:enable-asset-metadata': true }],
  ])('an acknowledgement on a resource of a NestedStack inside a Stage is mirrored into the nested template, %s, and `check` agrees', (_, context) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'out-')), context });
    Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { rules: [LOCK], log }));
    const nested = new NestedStack(new Stack(new Stage(app, 'Prod'), 'Parent'), 'Evidence');
    Validations.of(new Bucket(nested, 'Cache')).acknowledge({ id: ID, reason: REASON });
    let assembly: ReturnType<App['synth']> | undefined;
    expect(exitCodeOf(() => (assembly = app.synth()))).toBeUndefined();
    const dir = assembly!.getNestedAssembly('assembly-Prod').directory;
    const [nestedFile] = fs.readdirSync(dir).filter((f) => f.endsWith('.nested.template.json'));
    expect(metadataOf(path.join(dir, nestedFile), 'Cache')?.['forensic-readiness']).toEqual(MIRRORED);
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^forensic-readiness: acknowledged AWS\\.S3\\.ObjectLockCompliance on \\S+\\.nested\\.template\\.json Cache[0-9A-F]+: ${REASON}$`))]);
    expect(check(assembly!.directory, [LOCK]).code).toBe(0);
  });

  test('under the CDK CLI, an acknowledgement in a Stage synthesized before the app fails the app process: the refusal on stderr, exit code 1', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'out-')), context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { rules: [LOCK], log }));
    const prod = new Stage(app, 'Prod');
    Validations.of(new Bucket(new Stack(prod, 'Evidence'), 'Cache')).acknowledge({ id: ID, reason: REASON });
    prod.synth();
    expect(exitCodeOf(() => expect(() => app.synth()).not.toThrow())).toBe(1);
    expect(logged).toEqual([expect.stringMatching(/^forensic-readiness: the checks could not run, so synth fails \(fail closed\): ForensicReadiness::AWS\.S3\.ObjectLockCompliance is acknowledged with Validations on Prod\/Evidence\/Cache, but the acknowledgement is not in the template/)]);
  });

  test('the reviewer\'s layout (ack3.ts): a trail into a plain bucket in a Stage, every rule acknowledged on the Stage, fails synth with the kit\'s rules', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'out-')) });
    Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { log }));
    const prod = new Stage(app, 'Prod');
    const stack = new Stack(prod, 'Audit');
    const logs = new Bucket(stack, 'Logs');
    new AuditTrail(stack, 'Trail', { destination: new EvidenceBucket(stack, 'Evidence') });
    for (const id of ['AWS.S3.ObjectLockCompliance', 'AWS.CloudTrail.LockedDestination']) Validations.of(prod).acknowledge({ id: `ForensicReadiness::${id}`, reason: 'blanket waiver given on the whole stage, which must fail' });
    expect(logs.node.path).toBe('Prod/Audit/Logs');
    expect(() => app.synth()).toThrow(/^acknowledgement of ForensicReadiness::AWS\.S3\.ObjectLockCompliance: scope must be the resource itself or the construct whose defaultChild it is \(an acknowledgement waives one rule on one resource; Prod\/Audit\/\S+ is below it\), got "Prod"$/);
  });
});

/** A waiver Aspect (an organisation's pattern): acknowledges the lock rule on one bucket's CfnBucket. */
class WaiveCache implements IAspect {
  constructor(private readonly at: string) {}
  public visit(node: IConstruct): void {
    if (CfnResource.isCfnResource(node) && node.node.path === this.at) Validations.of(node).acknowledge({ id: ID, reason: REASON });
  }
}

describe('CDK acknowledgements given late (D4)', () => {
  test.each([
    ['', false],
    [', with aspect stabilization (@aws-cdk/core:aspectStabilization), in a Stage', true],
  ])('one given by an Aspect added after the plugin (the default priority) is mirrored%s, said on stderr, and `check` agrees', (_, stabilized) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'out-')), context: stabilized ? { '@aws-cdk/core:aspectStabilization': true } : {} });
    Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { rules: [LOCK], log }));
    const scope = stabilized ? new Stage(app, 'Prod') : app;
    Aspects.of(scope).add(new WaiveCache(stabilized ? 'Prod/Work/Cache/Resource' : 'Work/Cache/Resource'));
    const stack = new Stack(scope, 'Work');
    new Bucket(stack, 'Cache');
    const assembly = app.synth();
    const template = (stabilized ? assembly.getNestedAssembly('assembly-Prod').stacks[0] : assembly.getStackByName('Work')).templateFullPath;
    expect(metadataOf(template, 'Cache')?.['forensic-readiness']).toEqual(MIRRORED);
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^forensic-readiness: acknowledged AWS\\.S3\\.ObjectLockCompliance on \\S+Work[0-9A-F]*\\.template\\.json Cache[0-9A-F]+: ${REASON}$`))]);
    const { code, report } = check(assembly.directory, [LOCK]);
    expect(code).toBe(0);
    expect(report.suppressed).toEqual([expect.objectContaining({ reason: REASON })]);
  });

  test.each([
    ['an Aspect that runs after the kit\'s (a priority above READONLY)', (app: App) => Aspects.of(app).add(new WaiveCache('Work/Cache/Resource'), { priority: AspectPriority.READONLY + 1 })],
    [
      'a node validation',
      (app: App) =>
        app.node.addValidation({
          validate: () => {
            Validations.of(app.node.findChild('Work').node.findChild('Cache').node.defaultChild!).acknowledge({ id: ID, reason: REASON });
            return [];
          },
        }),
    ],
  ] as const)('one given by %s, too late to be mirrored, fails synth; `check` fails too', (_, late) => {
    const app = newApp();
    late(app);
    new Bucket(new Stack(app, 'Work'), 'Cache');
    expect(exitCodeOf(() => expect(() => app.synth()).toThrow(/ForensicReadiness\.ChecksDidNotRun/))).toBe(1);
    expect(logged).toEqual([
      `${FAIL_CLOSED}${ID} is acknowledged with Validations on Work/Cache/Resource, but the acknowledgement is not in the template of Work/Cache/Resource: it was given after the kit's Aspect visited the resource (by a later Aspect or a node validation), or in a Stage synthesized before the app (Template.fromStack, CDK Pipelines' addStage), so CDK would waive the finding while \`forensic-readiness check cdk.out\` reports it: give it before synthesis, or with acknowledgeRule(construct, 'AWS.S3.ObjectLockCompliance', reason), which writes it into the template (for a Stage synthesized early, add new MirrorCdkAcknowledgements('ForensicReadiness') to its Aspects first)`,
    ]);
    expect(check(app.outdir, [LOCK]).code).toBe(1);
  });
});

describe('a CDK acknowledgement on an L2 with more resources than its defaultChild (D6)', () => {
  test('the docs\' example with Validations.of(buildCache), an s3.Bucket with enforceSSL (its BucketPolicy below it), and the kit\'s rules: mirrored on the bucket, `check` agrees', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'out-')) });
    Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { log }));
    const stack = new Stack(app, 'Acknowledge');
    const bucket = (id: string, more: Record<string, unknown> = {}): Bucket =>
      new Bucket(stack, id, { encryption: BucketEncryption.S3_MANAGED, blockPublicAccess: BlockPublicAccess.BLOCK_ALL, enforceSSL: true, ...more });
    const trainingData = bucket('TrainingData', { versioned: true, removalPolicy: RemovalPolicy.RETAIN });
    const buildCache = bucket('BuildCache');
    new AuditTrail(stack, 'Trail', { destination: new EvidenceBucket(stack, 'Evidence'), dataEvents: { s3Buckets: [trainingData] } });
    const reason = 'CI build cache: rebuilt from source on every run and expired after 7 days; it never holds training data or models.';
    Validations.of(buildCache).acknowledge({ id: 'ForensicReadiness::AWS.CloudTrail.S3DataEvents', reason });
    const assembly = app.synth();
    const template = assembly.getStackByName('Acknowledge').templateFullPath;
    expect(metadataOf(template, 'BuildCache')?.['forensic-readiness']).toEqual({ acknowledgements: [{ ruleId: 'AWS.CloudTrail.S3DataEvents', reason }] });
    expect(metadataOf(template, 'BuildCachePolicy')?.['forensic-readiness']).toBeUndefined();
    expect(logged).toContainEqual(expect.stringMatching(/^forensic-readiness: acknowledged AWS\.CloudTrail\.S3DataEvents on \S+Acknowledge\.template\.json BuildCache[0-9A-F]+: CI build cache/));
    const { code, report } = check(assembly.directory);
    expect(code).toBe(0);
    expect(report.suppressed).toEqual([expect.objectContaining({ ruleId: 'AWS.CloudTrail.S3DataEvents', reason })]);
  });

  test('a finding of the rule on another resource below the L2 (its BucketPolicy), which CDK would waive and the template does not, fails synth', () => {
    const app = newApp([POLICY]);
    const cache = new Bucket(new Stack(app, 'Work'), 'Cache', { enforceSSL: true });
    Validations.of(cache).acknowledge({ id: 'ForensicReadiness::AWS.S3.EvidenceTlsOnly', reason: REASON });
    expect(exitCodeOf(() => expect(() => app.synth()).toThrow(/ForensicReadiness\.ChecksDidNotRun/))).toBe(1);
    expect(logged).toEqual([
      `${FAIL_CLOSED}ForensicReadiness::AWS.S3.EvidenceTlsOnly is acknowledged with Validations on Work/Cache, which CDK applies to Work/Cache/Policy/Resource below it too, and its template does not acknowledge it there (an acknowledgement on an L2 is written on its defaultChild only): acknowledge Work/Cache/Policy/Resource itself, or fix the finding`,
    ]);
    expect(check(app.outdir, [POLICY]).code).toBe(1);
  });

  test('the same acknowledgement on the BucketPolicy itself is mirrored there, and `check` agrees', () => {
    const app = newApp([POLICY]);
    const cache = new Bucket(new Stack(app, 'Work'), 'Cache', { enforceSSL: true });
    Validations.of(cache.policy!).acknowledge({ id: 'ForensicReadiness::AWS.S3.EvidenceTlsOnly', reason: REASON });
    const assembly = app.synth();
    expect(metadataOf(assembly.getStackByName('Work').templateFullPath, 'CachePolicy')?.['forensic-readiness']).toEqual({ acknowledgements: [{ ruleId: 'AWS.S3.EvidenceTlsOnly', reason: REASON }] });
    expect(check(assembly.directory, [POLICY]).code).toBe(0);
  });
});
