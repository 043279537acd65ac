/**
 * The values passed between a parent stack and a nested stack (AWS::CloudFormation::Stack) are
 * followed, as Fn::ImportValue between two stacks is: the `Parameters` the parent passes are the
 * values of the nested template's parameters (its Default only for one the parent does not pass),
 * resolved where the parent writes them (a Ref to a bucket of the parent is that bucket), and a
 * `Fn::GetAtt [Stack, Outputs.Name]` is the nested template's output. The same resources judged as
 * one template give the same findings. A template nested twice is not guessed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ForensicReadinessChecks } from '../../policies/adapters/aws';
import { scratchFolder } from './helpers';
import { runMain } from '../run-main';
import { bucket, key, lockedBucket, logGroup, ref, trail } from './rules/aws/_fixtures';

const scratch = scratchFolder('fr-nested-values-');
const write = (name: string, doc: unknown): string => {
  scratch.write(name, JSON.stringify(doc, null, 1));
  return name;
};
const CONTEXT = { context: { aws: { organizationTrail: { trailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org', s3DataEvents: 'all' as const, sageMakerDataEvents: true } } } };

interface Finding {
  ruleId: string;
  verdict: string;
  address: string;
  message: string;
}
/** `check` of some paths (with the organization trail declared): exit code and findings. */
function check(...paths: string[]): { code: number; findings: Finding[] } {
  write('ctx.json', CONTEXT);
  const r = runMain(['check', ...paths, '--config', 'ctx.json', '--format', 'json'], { cwd: scratch.dir() });
  return { code: r.code, findings: JSON.parse(r.stdout).findings };
}
/** The findings as `verdict ruleId address`, sorted. */
const summary = (findings: readonly Finding[]) => findings.map((f) => `${f.verdict} ${f.ruleId} ${f.address}`).sort();
const stack = (templateUrl: string, parameters?: unknown) => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: templateUrl, ...(parameters !== undefined ? { Parameters: parameters } : {}) } });

/** The trail's neighbours: key, log group, role. */
const trailParts = { Key: key(), TrailLogs: logGroup({}), TrailRole: { Type: 'AWS::IAM::Role', Properties: {} } };
/** A child locking its trail's bucket for `RetentionDays` (Default 365). */
const retentionChild = (extra: Record<string, unknown> = {}) => ({
  Parameters: { RetentionDays: { Type: 'Number', Default: 365 } },
  Resources: {
    ...trailParts,
    TrailBucket: lockedBucket({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: { Ref: 'RetentionDays' } } } } }),
    Trail: trail(),
  },
  ...extra,
});
const lockOf = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'AWS.S3.ObjectLockCompliance' && f.address === 'TrailBucket');

describe('a parameter of a nested template takes the value its parent passes', () => {
  test('a literal passed that fails is NON_COMPLIANT (the child\'s Default 365 does not stand in for it)', () => {
    write('p/child.json', retentionChild());
    write('p/parent.json', { Resources: { Audit: stack('./child.json', { RetentionDays: '1' }) } });
    const r = check('p/parent.json');
    expect(r.code).toBe(1);
    expect(lockOf(r.findings)).toEqual([expect.objectContaining({ verdict: 'NON_COMPLIANT', message: expect.stringContaining('Days 1 is under the floor of 365 days') })]);
  });

  test('a literal passed that holds is the value, not a default the deploy may replace: no finding', () => {
    write('p/child.json', retentionChild());
    write('p/ok.json', { Resources: { Audit: stack('./child.json', { RetentionDays: 400 }) } });
    expect(lockOf(check('p/ok.json').findings)).toEqual([]);
  });

  test('a value passed that only the deploy knows is UNKNOWN, never the child\'s Default', () => {
    write('p/child.json', retentionChild());
    write('p/free.json', { Parameters: { Days: { Type: 'Number' } }, Resources: { Audit: stack('./child.json', { RetentionDays: { Ref: 'Days' } }) } });
    const lock = lockOf(check('p/free.json').findings);
    expect(summary(lock)).toEqual(['UNKNOWN AWS.S3.ObjectLockCompliance TrailBucket']);
    expect(lock[0].message).not.toContain('365');
  });

  test('a parent\'s own parameter passed on is judged by the default rules there: a default that fails is NON_COMPLIANT, one that holds UNKNOWN', () => {
    write('p/child.json', retentionChild());
    write('p/short.json', { Parameters: { Days: { Type: 'Number', Default: 1 } }, Resources: { Audit: stack('./child.json', { RetentionDays: { Ref: 'Days' } }) } });
    write('p/long.json', { Parameters: { Days: { Type: 'Number', Default: 365 } }, Resources: { Audit: stack('./child.json', { RetentionDays: { Ref: 'Days' } }) } });
    expect(lockOf(check('p/short.json').findings)).toEqual([expect.objectContaining({ verdict: 'NON_COMPLIANT', message: expect.stringContaining('Days 1') })]);
    expect(lockOf(check('p/long.json').findings)).toEqual([expect.objectContaining({ verdict: 'UNKNOWN', message: expect.stringContaining('parameter Days (default 365)') })]);
  });

  test('a parameter the parent does not pass keeps its Default, judged as today (a pass resting on it is UNKNOWN)', () => {
    write('p/child.json', retentionChild());
    write('p/none.json', { Resources: { Audit: stack('./child.json') } });
    expect(lockOf(check('p/none.json').findings)).toEqual([expect.objectContaining({ verdict: 'UNKNOWN', message: expect.stringContaining('parameter RetentionDays (default 365)') })]);
  });

  test('the child\'s Conditions read the value passed: a trail created only by it is judged, its open bucket an evidence store', () => {
    const child = {
      Parameters: { WithTrail: { Type: 'String', Default: 'no' } },
      Conditions: { Make: { 'Fn::Equals': [{ Ref: 'WithTrail' }, 'yes'] } },
      Resources: { ...trailParts, TrailBucket: bucket(), Trail: { ...trail(), Condition: 'Make' } },
    };
    write('c/child.json', child);
    write('c/parent.json', { Resources: { Audit: stack('./child.json', { WithTrail: 'yes' }) } });
    const r = check('c/parent.json');
    expect(r.code).toBe(1);
    expect(summary(r.findings)).toContain('NON_COMPLIANT AWS.S3.ObjectLockCompliance TrailBucket');
  });

  test('whatever the order the parent and its child are given in', () => {
    write('p/child.json', retentionChild());
    write('p/parent.json', { Resources: { Audit: stack('./child.json', { RetentionDays: '1' }) } });
    expect(summary(check('p/child.json', 'p/parent.json').findings)).toEqual(summary(check('p/parent.json', 'p/child.json').findings));
    expect(summary(lockOf(check('p/child.json', 'p/parent.json').findings))).toEqual(['NON_COMPLIANT AWS.S3.ObjectLockCompliance TrailBucket']);
  });

  test('a template two stacks nest is not guessed: UNKNOWN, saying why', () => {
    write('t/child.json', retentionChild());
    write('t/parent.json', { Resources: { Long: stack('./child.json', { RetentionDays: 400 }), Short: stack('./child.json', { RetentionDays: 1 }) } });
    const lock = lockOf(check('t/parent.json').findings);
    expect(lock).toEqual([expect.objectContaining({ verdict: 'UNKNOWN', message: expect.stringContaining('t/child.json is the template of 2 nested stacks (Long of t/parent.json, Short of t/parent.json), so which values its parameters are passed is not known') })]);
  });
});

describe('what is passed is not known', () => {
  test('a template nesting itself: UNKNOWN, saying why', () => {
    write('y/self.json', { ...retentionChild(), Resources: { ...retentionChild().Resources, Again: stack('./self.json', { RetentionDays: 400 }) } });
    expect(lockOf(check('y/self.json').findings)).toEqual([expect.objectContaining({ verdict: 'UNKNOWN', message: expect.stringContaining('y/self.json is the template of nested stack Again of y/self.json and nests itself') })]);
  });

  test('Parameters written as one value only the deploy knows (Fn::If around them): each parameter UNKNOWN, not its Default', () => {
    write('y/child.json', retentionChild());
    write('y/parent.json', {
      Parameters: { Env: { Type: 'String' } },
      Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: { Audit: stack('./child.json', { 'Fn::If': ['Prod', { RetentionDays: 400 }, { RetentionDays: 1 }] }) },
    });
    const lock = lockOf(check('y/parent.json').findings);
    expect(summary(lock)).toEqual(['UNKNOWN AWS.S3.ObjectLockCompliance TrailBucket']);
    expect(lock[0].message).not.toContain('365');
  });
});

describe('a resource of the parent passed by Ref, and an output read back, are the resource itself', () => {
  /** A trail writing into `S3BucketName` with its neighbours. */
  const auditResources = (bucketName: unknown) => ({ ...trailParts, Trail: trail('TrailBucket', { S3BucketName: bucketName }) });
  const flat = () => check(write('f/flat.json', { Resources: { Logs: bucket(), ...auditResources(ref('Logs')) } }));

  test('a plain bucket of the parent passed into a child trail is judged as an evidence store: the findings of the same resources in one template', () => {
    write('r/audit.json', { Parameters: { DestBucket: { Type: 'String' } }, Resources: auditResources(ref('DestBucket')) });
    write('r/parent.json', { Resources: { Logs: bucket(), Audit: stack('./audit.json', { DestBucket: ref('Logs') }) } });
    const nested = check('r/parent.json');
    const one = flat();
    expect(one.findings.length).toBeGreaterThan(3);
    expect([nested.code, summary(nested.findings)]).toEqual([one.code, summary(one.findings)]);
  });

  test('a trail of the parent writing into a child\'s bucket read back through Fn::GetAtt [Stack, Outputs.Name] (and Fn::Sub ${Stack.Outputs.Name}): the same findings', () => {
    write('o/storage.json', { Resources: { Logs: bucket() }, Outputs: { LogsName: { Value: ref('Logs') } } });
    write('o/parent.json', { Resources: { Storage: stack('./storage.json'), ...auditResources({ 'Fn::GetAtt': ['Storage', 'Outputs.LogsName'] }) } });
    write('o/sub.json', { Resources: { Storage: stack('./storage.json'), ...auditResources({ 'Fn::Sub': '${Storage.Outputs.LogsName}' }) } });
    const one = flat();
    expect(summary(check('o/parent.json').findings)).toEqual(summary(one.findings));
    expect(summary(check('o/sub.json').findings)).toEqual(summary(one.findings));
  });

  test('an output the child does not have names nothing: UNKNOWN, never a pass', () => {
    write('o/storage.json', { Resources: { Logs: bucket() }, Outputs: { LogsName: { Value: ref('Logs') } } });
    write('o/typo.json', { Resources: { Storage: stack('./storage.json'), ...auditResources({ 'Fn::GetAtt': ['Storage', 'Outputs.Nope'] }) } });
    const r = check('o/typo.json');
    expect(r.findings.some((f) => f.address === 'Trail' && f.verdict === 'UNKNOWN')).toBe(true);
  });
});

describe('a CDK app with a NestedStack, synthesized into a cdk.out', () => {
  /** Synthesizes the app into a folder of the scratch space: the trail, its key and log group, and its plain bucket, one of them in a NestedStack (or none). */
  function synth(name: string, layout: 'trail-nested' | 'bucket-nested' | 'flat', assetMetadata: boolean, plugin?: ForensicReadinessChecks): string {
    return build(name, layout, assetMetadata, plugin).synthesized;
  }
  function build(name: string, layout: 'trail-nested' | 'bucket-nested' | 'flat', assetMetadata: boolean, plugin?: ForensicReadinessChecks, synthesize = true): { app: App; synthesized: string } {
    const outdir = path.join(scratch.dir(), name);
    fs.mkdirSync(outdir, { recursive: true });
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': assetMetadata } });
    if (plugin) Validations.of(app).addPlugins(plugin);
    const parent = new Stack(app, 'Parent');
    const nested = layout === 'flat' ? parent : new NestedStack(parent, 'Inner');
    const bucketHome = layout === 'bucket-nested' ? nested : parent;
    const trailHome = layout === 'trail-nested' ? nested : parent;
    const logsBucket = new s3.Bucket(bucketHome, 'TrailLogs');
    const k = new kms.Key(trailHome, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    const group = new logs.LogGroup(trailHome, 'Group', { retention: logs.RetentionDays.FIVE_YEARS, encryptionKey: k, removalPolicy: RemovalPolicy.RETAIN });
    new cloudtrail.Trail(trailHome, 'Trail', { bucket: logsBucket, encryptionKey: k, sendToCloudWatchLogs: true, cloudWatchLogGroup: group, isMultiRegionTrail: true, enableFileValidation: true, includeGlobalServiceEvents: true });
    if (synthesize) app.synth();
    return { app, synthesized: name };
  }
  /** Findings without the file and logical id CDK gives each resource (flat and nested ids differ). */
  const byRule = (findings: readonly Finding[]) => findings.map((f) => `${f.verdict} ${f.ruleId}`).sort();

  test.each([
    ['the trail in the NestedStack, its bucket in the parent (passed as a nested-stack parameter)', 'trail-nested'],
    ['the trail in the parent, its bucket in the NestedStack (read back through Outputs)', 'bucket-nested'],
  ] as const)('%s: the findings of the same app without the NestedStack, with and without asset metadata', (_, layout) => {
    const one = check(synth('cdk-flat', 'flat', false));
    expect(one.code).toBe(1);
    expect(one.findings.filter((f) => f.verdict === 'NON_COMPLIANT').length).toBeGreaterThan(3);
    for (const assetMetadata of [true, false]) {
      const r = check(synth(`cdk-${layout}-${assetMetadata}`, layout, assetMetadata));
      expect([r.code, byRule(r.findings)]).toEqual([one.code, byRule(one.findings)]);
    }
  });

  test.each([true, false])('the plugin (Validations.of(app)) fails the synth of a trail in a NestedStack writing into a plain bucket of its parent (asset metadata: %s)', (assetMetadata) => {
    const logged: string[] = [];
    const plugin = new ForensicReadinessChecks(undefined, { config: CONTEXT, log: (m: string) => logged.push(m) });
    let message = '';
    try {
      synth(`plugin-${assetMetadata}`, 'trail-nested', assetMetadata, plugin);
    } catch (err) {
      message = String(err);
    }
    expect(message).toMatch(/ERROR AWS\.CloudTrail\.LockedDestination: Trail\w+ writes into TrailLogs\w+: ObjectLockEnabled is absent/);
    expect(message).toMatch(/ERROR AWS\.S3\.EvidenceKmsEncryption: TrailLogs\w+/);
  });

  test.each([
    ['trail-nested', true],
    ['bucket-nested', true],
    ['trail-nested', false],
  ] as const)('validateScope links a NestedStack to its parent too (%s, after synthesis: %s): the errors of the same app without it', (layout, synthesize) => {
    const pack = new ForensicReadinessChecks(undefined, { config: CONTEXT });
    const errors = (app: App) => pack.validateScope(app).violations.filter((v) => v.severity === 'error').map((v) => v.ruleName).sort();
    const flatErrors = errors(build(`scope-flat-${layout}-${synthesize}`, 'flat', false, undefined, synthesize).app);
    expect(flatErrors.length).toBeGreaterThan(3);
    expect(errors(build(`scope-${layout}-${synthesize}`, layout, false, undefined, synthesize).app)).toEqual(flatErrors);
  });
});
