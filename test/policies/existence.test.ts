/**
 * Resources whose existence only the deploy decides: a CloudFormation `Condition`, a Terraform
 * `count` or `for_each`. One known not to be created is judged as a resource the input does not
 * have; one only the deploy decides never makes a rule pass (the pass becomes UNKNOWN).
 *
 * Each case runs every rule of its cloud over a synthesized reference stack three ways: with the
 * resource removed, with its existence false, with its existence unknown. False must give exactly
 * the findings of the removal; unknown must give the findings of the stack as it is, plus an
 * UNKNOWN wherever the removal fails a rule the stack passes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { App, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { main } from '../../bin/cli';
import { createAwsApp } from '../../cdk/app';
import { AuditTrail, EvidenceBucket } from '../../constructs/aws';
import { ActivityLogs, EvidenceStorage } from '../../constructs/azure';
import { AZURE_STACK_NAMES, createAzureStacks } from '../../cdktf/azure';
import { GCP_STACK_NAME, createGcpStacks } from '../../cdktf/gcp';
import { InputError } from '../../policies/engine/errors';
import { buildModel, loadDocument, loadPaths } from '../../policies/engine/loader';
import { loadTerraformJson } from '../../policies/engine/load-terraform';
import { EXISTENCE_ATTRIBUTE, UNRESOLVED } from '../../policies/engine/model';
import { parseSource } from '../../policies/engine/parse';
import { runRules } from '../../policies/engine/runner';
import { Rule } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { AWS_RULES } from '../../policies/rules/aws';
import { AZURE_RULES } from '../../policies/rules/azure';
import { GCP_RULES } from '../../policies/rules/gcp';
import { S3ObjectLockCompliance } from '../../policies/rules/aws/S3ObjectLockCompliance';
import { TfDoc, findResource, resourcesOf, synthStacks } from './guard-helpers';
import { cfnModel, scratchFolder, tfModel } from './helpers';
import { bucket, dataSelector, lockedBucket, objectsArn, trail } from './rules/aws/_fixtures';
import { runMain } from '../run-main';

type Doc = Record<string, any>;
type Input = { readonly doc: Doc | string; readonly file: string };

/** `verdict rule address` of every finding of a run over the inputs, sorted. */
function findingsOf(inputs: readonly Input[], rules: readonly Rule[]): string[] {
  const templates = inputs.map(({ doc, file }) => {
    if (typeof doc !== 'string') return loadDocument(doc, file);
    const parsed = parseSource(doc, file);
    return loadDocument(parsed.doc, file, parsed.locator, parsed.keys);
  });
  return runRules(buildModel(templates), rules).findings.map((f) => `${f.verdict} ${f.ruleId} ${f.address}`).sort();
}

/** What an unknown existence must give: the stack's findings, and UNKNOWN for each pair that fails only without the resource. */
function expectedUnknown(baseline: readonly string[], removed: readonly string[]): string[] {
  const pair = (f: string) => f.slice(f.indexOf(' ') + 1);
  const judged = new Set(baseline.map(pair));
  const added = removed.filter((f) => !judged.has(pair(f))).map((f) => `UNKNOWN ${pair(f)}`);
  return [...new Set([...baseline, ...added])].sort();
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/**
 * The three runs of one case: `change(inputs, how)` edits deep copies of the inputs (how: the
 * resource removed, or its existence set by `existence(value)`).
 */
function expectExistenceJudged(inputs: readonly Input[], rules: readonly Rule[], change: (docs: Doc[], how: 'remove' | { readonly set: unknown }) => void, falseValues: readonly unknown[], unknownValues: readonly unknown[]): void {
  const variant = (how: 'remove' | { readonly set: unknown }): string[] => {
    const docs = inputs.map((i) => clone(i.doc)) as Doc[];
    change(docs, how);
    return findingsOf(inputs.map((i, n) => ({ doc: docs[n], file: i.file })), rules);
  };
  const baseline = findingsOf(inputs, rules);
  const removed = variant('remove');
  // The case must be able to fail: removing the resource fails a rule the stack passes.
  expect(removed.filter((f) => !baseline.includes(f)).length).toBeGreaterThan(0);
  for (const v of falseValues) expect({ existence: v, findings: variant({ set: v }) }).toEqual({ existence: v, findings: removed });
  for (const v of unknownValues) expect({ existence: v, findings: variant({ set: v }) }).toEqual({ existence: v, findings: expectedUnknown(baseline, removed) });
}

const NEVER = { 'Fn::Equals': ['a', 'b'] };
const AT_DEPLOY = { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] };
const TRAIL = 'ForensicReadinessStack/Trail/Resource/Resource';
const TLS_POLICY = 'ForensicReadinessStack/Evidence/Resource/Policy/Resource';

describe('CloudFormation: a resource Condition', () => {
  let docs: { readonly readiness: Doc; readonly workload: Doc };

  beforeAll(() => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-existence-'));
    try {
      const { app, readiness, workload } = createAwsApp({ outdir });
      const assembly = app.synth();
      docs = { readiness: assembly.getStackByName(readiness.stackName).template, workload: assembly.getStackByName(workload.stackName).template };
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  const inputs = (): Input[] => [
    { doc: docs.readiness, file: 'ForensicReadinessStack.template.json' },
    { doc: docs.workload, file: 'MlWorkloadStack.template.json' },
  ];
  /** Sets the Condition of the resource at a construct path (a condition named `Gate`), or removes the resource. */
  const gate = (cdkPath: string) => (d: Doc[], how: 'remove' | { readonly set: unknown }) => {
    const id = Object.keys(d[0].Resources).find((k) => d[0].Resources[k].Metadata?.['aws:cdk:path'] === cdkPath);
    if (!id) throw new Error(`no resource at ${cdkPath}`);
    if (how === 'remove') {
      delete d[0].Resources[id];
      // What depended on it no longer can (CloudFormation would refuse the template otherwise).
      for (const r of Object.values<any>(d[0].Resources)) if (Array.isArray(r.DependsOn)) r.DependsOn = r.DependsOn.filter((x: string) => x !== id);
      return;
    }
    d[0].Conditions = { ...d[0].Conditions, Gate: how.set };
    d[0].Resources[id].Condition = 'Gate';
  };

  test('the trail: a false condition is judged as no trail, one known only at deploy never passes', () => {
    expectExistenceJudged(inputs(), AWS_RULES, gate(TRAIL), [NEVER, { 'Fn::Not': [{ 'Fn::Equals': ['a', 'a'] }] }], [AT_DEPLOY]);
  });

  test("the evidence bucket's TLS-only policy: a false condition is judged as no policy, one known only at deploy never passes", () => {
    expectExistenceJudged(inputs(), AWS_RULES, gate(TLS_POLICY), [NEVER], [AT_DEPLOY, { 'Fn::And': [{ 'Fn::Equals': ['a', 'a'] }, AT_DEPLOY] }]);
  });

  test('a true condition changes nothing', () => {
    const d = inputs().map((i) => ({ ...i, doc: clone(i.doc) }));
    gate(TRAIL)(d.map((i) => i.doc as Doc), { set: { 'Fn::Or': [NEVER, { 'Fn::Equals': [{ 'Fn::FindInMap': ['M', 'k', 'v'] }, 'yes'] }] } });
    (d[0].doc as Doc).Mappings = { ...(d[0].doc as Doc).Mappings, M: { k: { v: 'yes' } } };
    expect(findingsOf(d, AWS_RULES)).toEqual(findingsOf(inputs(), AWS_RULES));
  });
});

describe('CloudFormation YAML: a resource Condition', () => {
  const yaml = (condition: string | undefined) => [
    'Parameters:',
    '  Env: { Type: String, Default: prod }',
    '  Free: { Type: String }',
    ...(condition ? ['Conditions:', `  Gate: ${condition}`] : []),
    'Resources:',
    '  Data: { Type: AWS::S3::Bucket, Properties: { VersioningConfiguration: { Status: Enabled } } }',
    '  TrailBucket:',
    '    Type: AWS::S3::Bucket',
    '    DeletionPolicy: Retain',
    '    UpdateReplacePolicy: Retain',
    '    Properties: { ObjectLockEnabled: true, ObjectLockConfiguration: { ObjectLockEnabled: Enabled, Rule: { DefaultRetention: { Mode: COMPLIANCE, Days: 365 } } }, VersioningConfiguration: { Status: Enabled } }',
    '  Trail:',
    '    Type: AWS::CloudTrail::Trail',
    ...(condition ? ['    Condition: Gate'] : []),
    '    Properties:',
    '      IsLogging: true',
    '      S3BucketName: !Ref TrailBucket',
    '      EventSelectors: [{ DataResources: [{ Type: "AWS::S3::Object", Values: [!Join ["", [!GetAtt Data.Arn, "/"]]] }] }]',
    '',
  ].join('\n');
  const verdictOfData = (condition: string | undefined) =>
    runRules(buildModel([loadDocument(parseSource(yaml(condition), 't.yaml').doc, 't.yaml')]), AWS_RULES.filter((r) => r.id === 'AWS.CloudTrail.S3DataEvents')).evaluations.find((e) => e.resource.address === 'Data')?.verdict;

  test.each([
    ['no condition', undefined, 'COMPLIANT'],
    ['!Equals [a, b]', '!Equals [a, b]', 'NON_COMPLIANT'],
    ['!Not [!Equals [!Ref Env, prod]] (a parameter default)', '!Not [!Equals [!Ref Env, prod]]', 'NON_COMPLIANT'],
    // True by the default: the deploy may set Env otherwise and create no trail (test/policies/deploy-parameters.test.ts).
    ['!Equals [!Ref Env, prod] (true by a parameter default)', '!Equals [!Ref Env, prod]', 'UNKNOWN'],
    ['!Equals [!Ref Free, prod] (no default)', '!Equals [!Ref Free, prod]', 'UNKNOWN'],
    ['!Or [!Equals [a, b], !Equals [!Ref "AWS::Region", x]]', '!Or [!Equals [a, b], !Equals [!Ref "AWS::Region", x]]', 'UNKNOWN'],
    ['!Or [!Equals [a, a], !Equals [!Ref Free, x]] (one true is enough)', '!Or [!Equals [a, a], !Equals [!Ref Free, x]]', 'COMPLIANT'],
    ['!And [!Equals [a, b], !Equals [!Ref Free, x]] (one false is enough)', '!And [!Equals [a, b], !Equals [!Ref Free, x]]', 'NON_COMPLIANT'],
  ])('the trail under %s', (_, condition, verdict) => {
    expect(verdictOfData(condition)).toBe(verdict);
  });
});

describe('CloudFormation conditions', () => {
  const template = (conditions: Doc, extra: Doc = {}) => ({
    Parameters: { Env: { Type: 'String', Default: 'prod' }, Fixed: { Type: 'String', Default: 'prod', AllowedValues: ['prod'] }, Version: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/version' } },
    Conditions: conditions,
    Resources: { B: { Type: 'AWS::S3::Bucket', Condition: 'C', Properties: {} }, ...extra },
  });
  const existence = (conditions: Doc) => {
    const b = cfnModel(template(conditions)).byAddress('B');
    return b === undefined ? 'not created' : (b.attributes[EXISTENCE_ATTRIBUTE] ?? 'created');
  };

  test.each([
    ['a condition through another', { C: { Condition: 'D' }, D: { 'Fn::Equals': ['x', 'y'] } }, 'not created'],
    ['a parameter default', { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } }, "Condition C, true by a parameter's default"],
    ['a parameter whose AllowedValues hold one value', { C: { 'Fn::Equals': [{ Ref: 'Fixed' }, 'prod'] } }, 'created'],
    ['a number and its text are equal', { C: { 'Fn::Equals': [1, '1'] } }, 'created'],
    ['an SSM parameter (its Default names the value)', { C: { 'Fn::Equals': [{ Ref: 'Version' }, '/cdk-bootstrap/version'] } }, 'Condition C'],
    ['a circular condition', { C: { Condition: 'D' }, D: { 'Fn::Not': [{ Condition: 'C' }] } }, 'Condition C'],
    ['a malformed condition', { C: { 'Fn::Equals': ['x'] } }, 'Condition C'],
    ['a pseudo parameter', { C: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '1'] } }, 'Condition C'],
  ])('%s', (_, conditions, expected) => {
    expect(existence(conditions)).toBe(expected);
  });

  test("CDK's metadata resource behind its region condition (every environment-agnostic stack) makes no world to judge again in", () => {
    const region = { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] };
    const model = cfnModel({ Conditions: { CDKMetadataAvailable: region }, Resources: { CDKMetadata: { Type: 'AWS::CDK::Metadata', Condition: 'CDKMetadataAvailable', Properties: { Analytics: 'v2:deflate64:x' } }, B: { Type: 'AWS::S3::Bucket', Condition: 'CDKMetadataAvailable', Properties: {} } } });
    expect(model.uncertainExistence().map((g) => g.addresses)).toEqual([['B']]);
    expect(model.byAddress('CDKMetadata')?.attributes[EXISTENCE_ATTRIBUTE]).toBeUndefined();
  });

  test('a Condition the Conditions section does not define, or that is no name, is an input error naming the resource', () => {
    expect(() => cfnModel(template({ D: NEVER }))).toThrow(new InputError('template.json: resource B: Condition C is not defined in the Conditions section (CloudFormation refuses the template)'));
    const t = template({ C: NEVER });
    (t.Resources.B as Doc).Condition = { Ref: 'Env' };
    expect(() => cfnModel(t)).toThrow(new InputError('template.json: resource B: Condition must be the name of a condition, got an object'));
  });

  test('Fn::If picks its branch by a condition the template states; one known only at deploy stays unknown', () => {
    const m = cfnModel({
      Parameters: { Env: { Type: 'String', Default: 'prod' } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, AtDeploy: AT_DEPLOY },
      Resources: {
        B: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            A: { 'Fn::If': ['IsProd', 'COMPLIANCE', 'GOVERNANCE'] },
            B: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x'] },
            C: { 'Fn::If': ['AtDeploy', 'COMPLIANCE', 'GOVERNANCE'] },
            D: { 'Fn::If': ['IsProd', { Mode: 'COMPLIANCE' }, { Mode: 'GOVERNANCE' }] },
          },
        },
      },
    });
    const b = m.byAddress('B')!;
    expect([m.get(b, 'A'), m.get(b, 'B'), m.get(b, 'C'), m.get(b, 'D.Mode')]).toEqual(['COMPLIANCE', undefined, UNRESOLVED, 'COMPLIANCE']);
  });

  test('Fn::If with a known condition references only the branch it picks', () => {
    const m = cfnModel({
      Conditions: { Never: NEVER },
      Resources: { Locked: lockedBucket(), Plain: bucket(), Trail: trail('Locked', { S3BucketName: { 'Fn::If': ['Never', { Ref: 'Locked' }, { Ref: 'Plain' }] } }) },
    });
    expect(m.targets(m.byAddress('Trail')!.properties.S3BucketName, m.byAddress('Trail')!).map((r) => r.address)).toEqual(['Plain']);
  });

  test('a trail known only at deploy: its data events are UNKNOWN, naming the trail and the condition (its own bucket, left aside while it exists, too)', () => {
    const m = cfnModel({
      Conditions: { AtDeploy: AT_DEPLOY },
      Resources: { Data: bucket(), TrailBucket: lockedBucket(), Trail: { ...trail('TrailBucket', { AdvancedEventSelectors: [dataSelector('AWS::S3::Object', { StartsWith: [objectsArn('Data')] })] }), Condition: 'AtDeploy' } },
    });
    const f = runRules(m, AWS_RULES.filter((r) => r.id === 'AWS.CloudTrail.S3DataEvents')).findings;
    expect(f.map((x) => [x.verdict, x.address, x.message])).toEqual([
      ['UNKNOWN', 'Data', expect.stringMatching(/recorded by Trail .*, but only the deploy decides whether Trail \(Condition AtDeploy\) is created; without: /)],
      ['UNKNOWN', 'TrailBucket', expect.stringMatching(/^not applicable, but only the deploy decides whether Trail \(Condition AtDeploy\) is created; without: TrailBucket: the inputs have no AWS::CloudTrail::Trail/)],
    ]);
  });
});

describe('Terraform: count and for_each', () => {
  const VARIABLE = '${var.protect}';

  test.each([
    [{ count: 0 }, 'not created'],
    [{ count: '0' }, 'not created'],
    [{ count: '${0}' }, 'not created'],
    [{ for_each: {} }, 'not created'],
    [{ for_each: [] }, 'not created'],
    [{ count: 1 }, 'created'],
    [{ count: '2' }, 'created'],
    [{ for_each: { a: 'x' } }, 'created'],
    [{}, 'created'],
    [{ count: VARIABLE }, 'count = "${var.protect}"'],
    [{ count: '${var.on ? 1 : 0}' }, 'count = "${var.on ? 1 : 0}"'],
    [{ for_each: '${toset(var.names)}' }, 'for_each = "${toset(var.names)}"'],
    [{ count: false }, 'count = false'],
    [{ count: null }, 'count = null'],
    [{ count: -1 }, 'count = -1'],
    [{ count: 1.5 }, 'count = 1.5'],
  ])('%j: %s', (meta, expected) => {
    const t = loadTerraformJson({ resource: { google_storage_bucket: { b: { name: 'b', ...meta } } } }, 'cdk.tf.json');
    const b = t.resources.find((r) => r.address === 'google_storage_bucket.b');
    expect(b === undefined ? 'not created' : (b.attributes[EXISTENCE_ATTRIBUTE] ?? 'created')).toBe(expected);
  });

  describe('azurerm: the delete lock and the locked container immutability policies', () => {
    let docs: Record<string, TfDoc>;
    beforeAll(() => {
      docs = synthStacks((app) => createAzureStacks(app));
    });
    const inputs = (): Input[] => Object.values(AZURE_STACK_NAMES).map((s) => ({ doc: docs[s], file: `stacks/${s}/cdk.tf.json` }));
    const stackIndex = () => Object.values(AZURE_STACK_NAMES).indexOf(AZURE_STACK_NAMES.readiness);
    const bodies = (d: Doc[]) => {
      const doc = d[stackIndex()] as TfDoc;
      return [findResource(doc, 'azurerm_management_lock', 'Evidence/DeleteLock'), ...resourcesOf(doc, 'azurerm_storage_container_immutability_policy')];
    };
    const change = (d: Doc[], how: 'remove' | { readonly set: unknown }) => {
      for (const r of bodies(d)) {
        if (how === 'remove') delete (d[stackIndex()] as TfDoc).resource[r.type][r.name];
        else r.body.count = how.set;
      }
    };

    test('count 0 is judged as no lock and no policy; a variable count never passes', () => {
      expectExistenceJudged(inputs(), AZURE_RULES, change, [0, '0'], [VARIABLE]);
    });
  });

  describe('google: the evidence bucket and the log sinks', () => {
    let docs: Record<string, TfDoc>;
    beforeAll(() => {
      docs = synthStacks((app) => createGcpStacks(app));
    });
    const inputs = (): Input[] => [{ doc: docs[GCP_STACK_NAME], file: `stacks/${GCP_STACK_NAME}/cdk.tf.json` }];
    const on = (refs: readonly (readonly [string, string])[], key: 'count' | 'for_each') => (d: Doc[], how: 'remove' | { readonly set: unknown }) => {
      for (const [type, suffix] of refs) {
        const r = findResource(d[0] as TfDoc, type, suffix);
        if (how === 'remove') delete (d[0] as TfDoc).resource[r.type][r.name];
        else r.body[key] = how.set;
      }
    };

    test('the evidence bucket: count 0 is judged as no bucket; a variable count never passes', () => {
      expectExistenceJudged(inputs(), GCP_RULES, on([['google_storage_bucket', 'EvidenceBucket/Resource']], 'count'), [0], [VARIABLE]);
    });

    test('the log sinks: an empty for_each is judged as no sink; a for_each from a variable never passes', () => {
      const sinks = [['google_logging_project_sink', 'LogSink/Resource'], ['google_logging_project_sink', 'LogSink/StorageSink']] as const;
      expectExistenceJudged(inputs(), GCP_RULES, on(sinks, 'for_each'), [{}], ['${var.sinks}']);
    });
  });

  describe('hashicorp/aws', () => {
    const doc = (): TfDoc => ({
      resource: {
        aws_s3_bucket: { data: { bucket: 'data' }, evidence: { bucket: 'evidence', object_lock_enabled: true, lifecycle: { prevent_destroy: true } } },
        aws_s3_bucket_versioning: { evidence: { bucket: '${aws_s3_bucket.evidence.id}', versioning_configuration: { status: 'Enabled' } } },
        aws_s3_bucket_object_lock_configuration: { evidence: { bucket: '${aws_s3_bucket.evidence.id}', rule: { default_retention: { mode: 'COMPLIANCE', days: 365 } } } },
        aws_cloudtrail: {
          org: {
            name: 'org',
            s3_bucket_name: '${aws_s3_bucket.evidence.id}',
            advanced_event_selector: [{ name: 'objects', field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }] }],
          },
        },
      },
    });
    const inputs = (): Input[] => [{ doc: doc(), file: 'cdk.tf.json' }];
    const on = (type: string, name: string) => (d: Doc[], how: 'remove' | { readonly set: unknown }) => {
      if (how === 'remove') delete d[0].resource[type][name];
      else d[0].resource[type][name].count = how.set;
    };

    test('the trail: count 0 is judged as no trail; a variable count never passes', () => {
      expectExistenceJudged(inputs(), AWS_RULES, on('aws_cloudtrail', 'org'), [0, '${0}'], [VARIABLE]);
    });

    test('the object lock configuration merged into its bucket: count 0 is judged as none; a variable count never passes', () => {
      expectExistenceJudged(inputs(), AWS_RULES, on('aws_s3_bucket_object_lock_configuration', 'evidence'), [0], [VARIABLE]);
      const d = doc();
      d.resource.aws_s3_bucket_object_lock_configuration.evidence.count = VARIABLE;
      const f = runRules(tfModel(d), [S3ObjectLockCompliance]).findings;
      expect(f.map((x) => [x.verdict, x.address, x.message])).toEqual([
        ['UNKNOWN', 'aws_s3_bucket.evidence', expect.stringMatching(/only the deploy decides whether aws_s3_bucket_object_lock_configuration\.evidence \(count = "\$\{var\.protect\}"\) is created; without: /)],
      ]);
    });
  });
});

describe('the CLI, on the apps a user writes', () => {
  const folder = scratchFolder('frk-existence-cli-');
  const check = (dir: string) => {
    let stdout = '';
    let stderr = '';
    const code = main(['check', dir], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: folder.dir(), rules: ALL_RULES });
    return { code, stdout, stderr };
  };

  /** The trail (or the evidence bucket's policy) of an AuditTrail app behind a CfnCondition, synthesized to cdk.out. */
  const cdkApp = (name: string, what: 'trail' | 'policy', expression: cdk.ICfnConditionExpression | undefined): string => {
    const outdir = path.join(folder.dir(), name);
    const app = new cdk.App({ outdir });
    const stack = new cdk.Stack(app, 'Evidence');
    const trainingData = new s3.Bucket(stack, 'TrainingData', { versioned: true, enforceSSL: true });
    const evidence = new EvidenceBucket(stack, 'Evidence');
    const audit = new AuditTrail(stack, 'Trail', { destination: evidence, dataEvents: { s3Buckets: [trainingData] } });
    if (expression) {
      const gate = new cdk.CfnCondition(stack, 'Gate', { expression });
      const target = what === 'policy' ? evidence.bucket.policy!.node.defaultChild : audit.trail.node.defaultChild;
      (target as cdk.CfnResource).cfnOptions.condition = gate;
    }
    app.synth();
    return outdir;
  };

  test('cdk.out: a trail or bucket policy behind a false condition fails, behind a deploy-time one warns, as written passes', () => {
    const plain = check(cdkApp('plain', 'trail', undefined));
    expect([plain.code, plain.stdout]).toEqual([0, expect.stringMatching(/PASSED: 0 errors, 0 warnings/)]);
    const never = check(cdkApp('never-trail', 'trail', cdk.Fn.conditionEquals('a', 'b')));
    expect([never.code, never.stdout]).toEqual([1, expect.stringMatching(/ERROR {2}AWS\.CloudTrail\.S3DataEvents {2}TrainingData/)]);
    const policy = check(cdkApp('never-policy', 'policy', cdk.Fn.conditionEquals('a', 'b')));
    expect([policy.code, policy.stdout]).toEqual([1, expect.stringMatching(/ERROR {2}AWS\.S3\.EvidenceTlsOnly {2}Evidence/)]);
    const atDeploy = check(cdkApp('region-trail', 'trail', cdk.Fn.conditionEquals(cdk.Aws.REGION, 'eu-west-1')));
    expect([atDeploy.code, atDeploy.stdout]).toEqual([0, expect.stringMatching(/WARNING \(unknown\) {2}AWS\.CloudTrail\.S3DataEvents {2}TrainingData[^]*only the deploy decides whether Trail\w+ \(Condition Gate\) is created/)]);
    expect(atDeploy.stderr).toBe('');
  });

  /** EvidenceStorage with its delete lock and container immutability policies under a count, synthesized to cdktf.out. */
  const cdktfApp = (name: string, count: 'zero' | 'variable' | undefined): string => {
    const outdir = path.join(folder.dir(), name);
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'count');
    new AzurermProvider(stack, 'azurerm', { features: [{}], storageUseAzuread: true });
    const evidence = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'acmeevidence1' });
    new ActivityLogs(stack, 'ActivityLogs', { subscriptionId: '11111111-2222-3333-4444-555555555555', destination: evidence });
    if (count) {
      const n = count === 'zero' ? 0 : new TerraformVariable(stack, 'protect', { type: 'number' }).numberValue;
      evidence.lock.addOverride('count', n);
      for (const c of stack.node.findAll()) if ((c as TerraformResource).terraformResourceType === 'azurerm_storage_container_immutability_policy') (c as TerraformResource).addOverride('count', n);
    }
    app.synth();
    return outdir;
  };

  test('cdktf.out: the lock and the locked policies with count 0 warn as if removed, with a variable count warn as UNKNOWN', () => {
    const plain = check(cdktfApp('plain', undefined));
    expect([plain.code, plain.stdout]).toEqual([0, expect.stringMatching(/PASSED: 0 errors, 0 warnings/)]);
    const zero = check(cdktfApp('zero', 'zero'));
    expect(zero.stdout).toMatch(/WARNING {2}AZURE\.Storage\.DeleteLock[^]*WARNING {2}AZURE\.Storage\.ImmutabilityLocked[^]*PASSED: 0 errors, 2 warnings/);
    const variable = check(cdktfApp('variable', 'variable'));
    expect(variable.stdout).toMatch(/WARNING \(unknown\) {2}AZURE\.Storage\.DeleteLock[^]*count = "\$\{var\.protect\}"[^]*WARNING \(unknown\) {2}AZURE\.Storage\.ImmutabilityLocked[^]*PASSED: 0 errors, 2 warnings/);
  });
});

describe('a nested stack behind a Condition', () => {
  const folder = scratchFolder('frk-existence-nested-');
  const verdictOfData = (condition: unknown) => {
    folder.write('child.json', JSON.stringify({ Parameters: { DataArn: { Type: 'String' } }, Resources: { TrailBucket: lockedBucket(), Trail: trail('TrailBucket', { AdvancedEventSelectors: [dataSelector('AWS::S3::Object', { StartsWith: ['arn:aws:s3:::training-data/'] })] }) } }));
    const parent = { Conditions: { Gate: condition }, Resources: { Data: bucket({ BucketName: 'training-data' }), Nested: { Type: 'AWS::CloudFormation::Stack', Condition: 'Gate', Metadata: { 'aws:asset:path': 'child.json' }, Properties: { TemplateURL: 'https://example.com/child.json' } } } };
    const file = folder.write('parent.json', JSON.stringify(parent));
    const loaded = loadPaths([file], { cwd: folder.dir() });
    const run = runRules(buildModel(loaded.templates), AWS_RULES.filter((r) => r.id === 'AWS.CloudTrail.S3DataEvents'));
    return { files: loaded.templates.map((t) => t.file), verdict: run.evaluations.find((e) => e.resource.address === 'Data')?.verdict };
  };

  test('true: its trail counts; false: its template is not loaded; known only at deploy: UNKNOWN', () => {
    expect(verdictOfData({ 'Fn::Equals': ['a', 'a'] })).toEqual({ files: ['parent.json', 'child.json'], verdict: 'COMPLIANT' });
    expect(verdictOfData(NEVER)).toEqual({ files: ['parent.json'], verdict: 'NON_COMPLIANT' });
    expect(verdictOfData(AT_DEPLOY)).toEqual({ files: ['parent.json', 'child.json'], verdict: 'UNKNOWN' });
  });
});

describe('a terraform plan', () => {
  test('count = 0 and an empty for_each have no instance in the plan (Terraform expands them): nothing to leave out', () => {
    const file = path.join(__dirname, '..', 'fixtures', 'plan', 'count-zero.plan.json');
    const plan = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(plan.configuration.root_module.resources.map((r: Doc) => r.address)).toEqual(['terraform_data.each', 'terraform_data.off', 'terraform_data.on']);
    expect(loadDocument(plan, 'plan.json').resources.map((r) => [r.address, r.attributes[EXISTENCE_ATTRIBUTE]])).toEqual([['terraform_data.on[0]', undefined]]);
  });
});

describe('every report names the resources an input says are not created', () => {
  test('a false Condition and count = 0: named with what says so in the JSON coverage, the text and the HTML; a file without any has an empty list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-not-created-'));
    try {
      fs.writeFileSync(path.join(dir, 'cfn.json'), JSON.stringify({ Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } }, Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Condition: 'Never', Properties: {} }, Logs: { Type: 'AWS::S3::Bucket', Properties: {} } } }));
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ resource: { google_storage_bucket: { off: { name: 'off', location: 'EU', count: 0 }, on: { name: 'on', location: 'EU' } } } }));
      const check = (format: string) => runMain(['check', 'cfn.json', 'main.tf.json', '--format', format, '--fail-on', 'never'], { cwd: dir });
      const json = JSON.parse(check('json').stdout) as { inputCoverage: { files: { file: string; notCreated?: unknown }[] } };
      expect(json.inputCoverage.files.map((f) => [f.file, f.notCreated])).toEqual([
        ['cfn.json', [{ address: 'Trail', why: 'Condition Never is false' }]],
        ['main.tf.json', [{ address: 'google_storage_bucket.off', why: 'count = 0' }]],
      ]);
      const text = check('text').stdout;
      expect(text).toContain('Coverage of the input: 1 of 2 resources judged in 2 files; 2 resources not created');
      expect(text).toContain('  cfn.json: 1 of 1 resource judged; 1 resource not created, judged as absent (Trail: Condition Never is false)');
      expect(check('html').stdout).toContain('<code>main.tf.json</code>: 1 resource not created, judged as absent (google_storage_bucket.off: count = 0)');
      fs.writeFileSync(path.join(dir, 'plain.json'), JSON.stringify({ Resources: { Logs: { Type: 'AWS::S3::Bucket', Properties: {} } } }));
      const plain = JSON.parse(runMain(['check', 'plain.json', '--format', 'json', '--fail-on', 'never'], { cwd: dir }).stdout) as { inputCoverage: { files: object[] } };
      expect(plain.inputCoverage.files[0]).toHaveProperty('notCreated', []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
