import { spawnSync } from 'child_process';
import * as path from 'path';
import { buildModel, loadPaths, withLines } from '../../policies/engine/loader';
import { ResourceModel, UNRESOLVED } from '../../policies/engine/model';
import { Finding, Resource } from '../../policies/engine/types';

const FIX = path.join(__dirname, '..', 'fixtures');
/** 1-based line of the first line that starts with `text` (with or without indentation). */
const lineOf = (rel: string, text: string): number =>
  require('fs').readFileSync(path.join(FIX, rel), 'utf8').split('\n').findIndex((l: string) => l.startsWith(text) || l.trimStart().startsWith(text)) + 1;
const load = (...rel: string[]) => {
  const result = loadPaths(rel.map((r) => path.join(FIX, r)), { cwd: FIX });
  return { ...result, model: buildModel(result.templates) };
};

describe('CloudFormation JSON', () => {
  const { model, inputs } = load('cfn/stack.template.json');

  test('loads every resource with its type, properties, attributes and construct path', () => {
    expect(inputs).toEqual([{ path: expect.stringContaining('stack.template.json'), kind: 'cloudformation', files: ['cfn/stack.template.json'] }]);
    expect(model.resources.map((r) => r.address)).toEqual(['LockedBucket', 'OpenBucket', 'WaivedBucket', 'ModeBucket', 'Trail']);
    const locked = model.byAddress('LockedBucket')!;
    expect(locked).toMatchObject({ type: 'AWS::S3::Bucket', cloud: 'aws', format: 'cloudformation', sourceFile: 'cfn/stack.template.json', constructPath: 'Evidence/LockedBucket/Resource' });
    expect(locked.attributes.DeletionPolicy).toBe('Retain');
    expect(locked.properties).not.toHaveProperty('Type');
  });

  test('resolves a Ref to a parameter default, FindInMap, and leaves a parameter without default UNRESOLVED', () => {
    expect(model.get(model.byAddress('LockedBucket')!, 'ObjectLockConfiguration.Rule.DefaultRetention.Days')).toBe(400);
    expect(model.get(model.byAddress('ModeBucket')!, 'ObjectLockConfiguration.Rule.DefaultRetention.Days')).toBe(730);
    expect(model.get(model.byAddress('ModeBucket')!, 'ObjectLockConfiguration.Rule.DefaultRetention.Mode')).toBe(UNRESOLVED);
    expect(model.get(model.byAddress('OpenBucket')!, 'BucketName')).toBe(UNRESOLVED);
  });

  test('indexes references: the trail targets the bucket, the bucket lists the trail as referrer', () => {
    const trail = model.byAddress('Trail')!;
    const bucket = model.byAddress('LockedBucket')!;
    expect(model.target(trail.properties.S3BucketName, trail)).toBe(bucket);
    expect(model.referrers(bucket, 'AWS::CloudTrail::Trail')).toEqual([trail]);
    expect(model.referrers(bucket, 'AWS::S3::Bucket')).toEqual([]);
  });

  test('records acknowledgements from Metadata', () => {
    expect(model.byAddress('WaivedBucket')!.suppressions).toEqual([{ ruleId: 'TEST.Bucket.Locked', reason: 'Scratch bucket for build artifacts; holds no evidence.', source: 'template' }]);
  });

  test('finds the line of a resource for reports', () => {
    const { templates } = load('cfn/stack.template.json');
    const f = { ruleId: 'X', severity: 'error', verdict: 'NON_COMPLIANT', address: 'OpenBucket', resourceType: 'AWS::S3::Bucket', file: 'cfn/stack.template.json', message: 'm' } as Finding;
    expect(withLines([f], templates)[0].line).toBe(lineOf('cfn/stack.template.json', '"OpenBucket": {'));
  });
});

describe('CloudFormation YAML with short-form tags', () => {
  const { model, templates } = load('cfn/stack.yaml');
  const bucket = model.byAddress('LockedBucket')!;
  const trail = model.byAddress('Trail')!;

  test('turns every short form into its long form', () => {
    expect(trail.properties).toEqual({
      IsLogging: true,
      S3BucketName: { Ref: 'LockedBucket' },
      SnsTopicName: { 'Fn::Sub': '${Env}-trail' },
      KMSKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] },
      CloudWatchLogsLogGroupArn: { 'Fn::ImportValue': 'Shared-LogGroupArn' },
    });
    expect(bucket.properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: { 'Fn::If': ['IsProd', 'COMPLIANCE', 'COMPLIANCE'] }, Days: { 'Fn::FindInMap': ['Days', { Ref: 'Env' }, 'Value'] } } },
    });
    expect((bucket.properties.Tags as unknown[])[0]).toEqual({ Key: 'first-az', Value: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } });
    expect((bucket.properties.Tags as unknown[])[3]).toEqual({ Key: 'cidr', Value: { 'Fn::Select': [0, { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }] } });
  });

  test('keeps condition functions (Equals, Not, Condition, And, Or) in long form', () => {
    const { parseSource } = require('../../policies/engine/parse');
    const { doc } = parseSource(require('fs').readFileSync(path.join(FIX, 'cfn/stack.yaml'), 'utf8'), 'stack.yaml');
    expect(doc.Conditions).toEqual({
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      Both: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'NotProd' }] }] },
    });
  });

  test('resolves Join, FindInMap, Select/Split, Base64, a same-valued If; GetAZs and an unknown import stay UNRESOLVED', () => {
    expect(model.get(bucket, 'BucketName')).toBe('evidence-prod');
    expect(model.get(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention.Days')).toBe(3650);
    expect(model.get(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention.Mode')).toBe('COMPLIANCE');
    expect(model.get(bucket, 'Tags.1.Value')).toBe('b');
    expect(model.get(bucket, 'Tags.2.Value')).toBe(Buffer.from('hello').toString('base64'));
    expect(model.get(bucket, 'Tags.0.Value')).toBe(UNRESOLVED);
    expect(model.get(trail, 'SnsTopicName')).toBe('prod-trail');
    expect(model.get(trail, 'CloudWatchLogsLogGroupArn')).toBe(UNRESOLVED);
    expect(model.target(trail.properties.KMSKeyId, trail)).toBe(model.byAddress('Key'));
  });

  test('finds resource lines in YAML', () => {
    const f = { ruleId: 'X', severity: 'error', verdict: 'NON_COMPLIANT', address: 'Trail', resourceType: 't', file: 'cfn/stack.yaml', message: 'm' } as Finding;
    expect(withLines([f], templates)[0].line).toBe(lineOf('cfn/stack.yaml', '  Trail:'));
  });
});

describe('cdk.out folder', () => {
  const { model, inputs } = load('cdk-assembly');

  test('loads the stacks of the manifest, nested assemblies and nested stack templates', () => {
    expect(inputs[0].kind).toBe('cdk-assembly');
    expect(inputs[0].files).toEqual([
      'cdk-assembly/Producer.template.json',
      'cdk-assembly/assembly-Prod/ProdConsumer.template.json',
      'cdk-assembly/assembly-Prod/ProdConsumerNested.nested.template.json',
    ]);
    expect(model.byAddress('InnerBucket5E6F7A8B')!.constructPath).toBe('Prod/Consumer/Nested/InnerBucket/Resource');
  });

  test('follows Fn::ImportValue to the export of another stack', () => {
    const trail = model.byAddress('TrailABCD1234')!;
    const bucket = model.byAddress('ArchiveBucket1A2B3C4D')!;
    expect(model.target(trail.properties.S3BucketName, trail)).toBe(bucket);
    expect(model.referrers(bucket, 'AWS::CloudTrail::Trail')).toEqual([trail]);
  });

  test('a manifest.json given as a file loads the same assembly', () => {
    expect(load('cdk-assembly/manifest.json').inputs[0].files).toHaveLength(3);
  });
});

describe('Fn::ImportValue across two inputs', () => {
  test('resolves the exported value and the target in the other file', () => {
    const { model } = load('cfn/stack.template.json', 'cdk-assembly');
    expect(model.exportNamed('Evidence:LockedBucketArn')).toMatchObject({ sourceFile: 'cfn/stack.template.json' });
    const importer = buildModel([
      ...loadPaths([path.join(FIX, 'cfn/stack.template.json')], { cwd: FIX }).templates,
      require('../../policies/engine/loader').loadDocument(
        { Resources: { Reader: { Type: 'AWS::CloudTrail::Trail', Properties: { S3BucketName: { 'Fn::ImportValue': 'Evidence:LockedBucketArn' }, Name: { 'Fn::ImportValue': { 'Fn::Sub': 'Evidence:LockedBucketArn' } } } } } },
        'importer.json',
      ),
    ]);
    const reader = importer.byAddress('Reader')!;
    expect(importer.target(reader.properties.S3BucketName, reader)).toBe(importer.byAddress('LockedBucket'));
    expect(importer.target(reader.properties.Name, reader)).toBe(importer.byAddress('LockedBucket'));
    expect(importer.referrers(importer.byAddress('LockedBucket')!)).toContain(reader);
  });

  test('an export name two inputs define is ambiguous and resolves to nothing', () => {
    const { loadDocument } = require('../../policies/engine/loader');
    const out = (file: string) => loadDocument({ Resources: { B: { Type: 'AWS::S3::Bucket' } }, Outputs: { O: { Value: { Ref: 'B' }, Export: { Name: 'Same' } } } }, file);
    const m = buildModel([out('a.json'), out('b.json'), loadDocument({ Resources: { R: { Type: 'X::Y::Z', Properties: { P: { 'Fn::ImportValue': 'Same' } } } } }, 'c.json')]);
    const r = m.byAddress('R')!;
    expect(m.exportNamed('Same')).toBeUndefined();
    expect(m.target(r.properties.P, r)).toBeUndefined();
    expect(m.get(r, 'P')).toBe(UNRESOLVED);
  });
});

describe('cdktf.out folder', () => {
  test('loads the stacks of cdktf.out/manifest.json', () => {
    const { model, inputs } = load('cdktf-assembly');
    expect(inputs[0]).toMatchObject({ kind: 'cdktf-assembly', files: ['cdktf-assembly/stacks/gcp/cdk.tf.json', 'cdktf-assembly/stacks/azure/cdk.tf.json'] });
    const bucket = model.byAddress('google_storage_bucket.evidence')!;
    expect(bucket).toMatchObject({ type: 'google_storage_bucket', cloud: 'gcp', format: 'terraform-json', constructPath: 'gcp/Evidence/Resource' });
    expect(bucket.attributes.lifecycle).toEqual({ prevent_destroy: true });
    expect(bucket.properties).not.toHaveProperty('//');
    expect(bucket.properties).not.toHaveProperty('lifecycle');
    expect(model.byAddress('google_storage_bucket.scratch')!.suppressions).toEqual([
      { ruleId: 'TEST.Bucket.Locked', reason: 'Scratch space for CI runs, deleted every night.', source: 'template' },
    ]);
    expect(model.byAddress('azurerm_storage_account.evidence')!.cloud).toBe('azure');
  });

  test('loads stacks/*/cdk.tf.json when the folder has no manifest', () => {
    const { model, inputs } = load('cdktf-no-manifest');
    expect(inputs[0]).toMatchObject({ kind: 'cdktf-assembly', files: ['cdktf-no-manifest/stacks/net/cdk.tf.json'] });
    const subnet = model.byAddress('google_compute_subnetwork.a')!;
    expect(model.referrers(model.byAddress('google_compute_network.vpc')!, 'google_compute_subnetwork')).toEqual([subnet]);
  });
});

describe('single cdk.tf.json', () => {
  const { model } = load('terraform/cdk.tf.json');
  const get = (address: string, p: string) => model.get(model.byAddress(address)!, p);

  test('reads a nested block written as an object or as a one-element array alike', () => {
    expect(get('google_storage_bucket.object_form', 'retention_policy.is_locked')).toBe(true);
    expect(get('google_storage_bucket.array_form', 'retention_policy.is_locked')).toBe(true);
    expect(get('google_storage_bucket.array_form', 'retention_policy.retention_period')).toBe(86400);
    expect(get('google_storage_bucket.array_form', 'retention_policy.0.retention_period')).toBe(86400);
  });

  test('resolves ${type.name.attr} to the stated attribute, alone or inside a string', () => {
    expect(get('google_storage_bucket.escaped', 'labels.copy-of')).toBe('object-form');
    expect(get('google_storage_bucket.escaped', 'labels.mixed')).toBe('x-object-form-y');
    expect(get('google_logging_project_sink.to_object_form', 'destination')).toBe('storage.googleapis.com/object-form');
  });

  test('variables, data sources, functions and computed attributes are UNRESOLVED', () => {
    expect(get('google_storage_bucket.from_var', 'name')).toBe(UNRESOLVED);
    expect(get('google_storage_bucket.from_var', 'retention_policy.is_locked')).toBe(UNRESOLVED);
    expect(get('google_logging_project_sink.from_function', 'destination')).toBe(UNRESOLVED);
  });

  test('$${ is a literal, not an interpolation', () => {
    expect(get('google_storage_bucket.escaped', 'name')).toBe('${not.an.interpolation}');
  });

  test('references, inside functions too, are indexed both ways', () => {
    const sink = model.byAddress('google_logging_project_sink.to_object_form')!;
    const fn = model.byAddress('google_logging_project_sink.from_function')!;
    expect(model.target(sink.properties.destination, sink)).toBe(model.byAddress('google_storage_bucket.object_form'));
    expect(model.target(fn.properties.destination, fn)).toBe(model.byAddress('google_storage_bucket.array_form'));
    expect(model.referrers(model.byAddress('google_storage_bucket.object_form')!, 'google_logging_project_sink')).toEqual([sink]);
  });

  test('data sources are not resources of the model', () => {
    expect(model.resources.some((r) => r.address.startsWith('data.'))).toBe(false);
    expect(model.resources).toHaveLength(6);
  });
});

describe('terraform show -json plan', () => {
  const { model, inputs } = load('plan/plan.json');

  test('loads root and child module resources (recursively) with the plan addresses, managed only', () => {
    expect(inputs[0].kind).toBe('terraform-plan');
    expect(model.resources.map((r) => r.address)).toEqual([
      'aws_vpc.main',
      'module.logs.aws_s3_bucket.archive[0]',
      'module.logs.aws_flow_log.vpc',
      'module.logs.module.deep.google_storage_bucket.deep',
    ]);
    // hashicorp/aws resources are judged as the CloudFormation they stand for (policies/facts/aws/terraform.ts).
    expect(model.byAddress('module.logs.aws_s3_bucket.archive[0]')).toMatchObject({ type: 'AWS::S3::Bucket', translatedFrom: { type: 'aws_s3_bucket' }, properties: { BucketName: 'archive-0', ObjectLockEnabled: true } });
    expect(model.get(model.byAddress('module.logs.module.deep.google_storage_bucket.deep')!, 'retention_policy.is_locked')).toBe(true);
  });

  test('values known only after apply are UNRESOLVED, linked to the resource the configuration references', () => {
    const flow = model.byAddress('module.logs.aws_flow_log.vpc')!;
    const bucket = model.byAddress('module.logs.aws_s3_bucket.archive[0]')!;
    expect(model.get(flow, 'LogDestination')).toBe(UNRESOLVED);
    expect(model.get(flow, 'ResourceId')).toBe(UNRESOLVED);
    expect(model.get(flow, 'TrafficType')).toBe('ALL');
    expect(model.target(flow.properties.LogDestination, flow)).toBe(bucket);
    expect(model.referrers(bucket, 'AWS::EC2::FlowLog')).toEqual([flow]);
  });

  const finding = (address: string, file: string) => ({ ruleId: 'X', severity: 'error', verdict: 'NON_COMPLIANT', address, resourceType: 't', file, message: 'm' }) as Finding;

  test('finds the line of each resource: the object of planned_values whose "address" is its address, in child modules too', () => {
    const { templates } = load('plan/plan.json');
    const lines = model.resources.map((r) => withLines([finding(r.address, 'plan/plan.json')], templates)[0].line);
    expect(lines).toEqual([8, 30, 38, 50]);
    expect(lines).toEqual(model.resources.map((r) => lineOf('plan/plan.json', `"address": "${r.address}"`)));
  });

  test('resource_changes and configuration written before planned_values, an escaped address: still the planned_values line', () => {
    const dir = require('fs').mkdtempSync(path.join(require('os').tmpdir(), 'fr-plan-lines-'));
    const file = path.join(dir, 'plan.json');
    const text = [
      '{"format_version": "1.2", "terraform_version": "1.9.0",',
      ' "resource_changes": [{"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "change": {}}, {"address": "aws_s3_bucket.a", "type": "aws_s3_bucket", "change": {}}],',
      ' "planned_values": {"root_module": {"resources": [',
      '  {"address": "aws_s3_bucket.a", "mode": "managed", "type": "aws_s3_bucket", "name": "a", "values": {}},',
      '  {"address" : "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {}},',
      '  {"address": "aws_s3_bucket.c[\\"x\\"]", "mode": "managed", "type": "aws_s3_bucket", "name": "c", "index": "x", "values": {}}',
      ' ]}}}',
    ].join('\n');
    require('fs').writeFileSync(file, text);
    try {
      const { templates } = loadPaths([file], { cwd: dir });
      expect(templates[0].resources.map((r) => r.address)).toEqual(['aws_s3_bucket.a', 'aws_s3_bucket.b', 'aws_s3_bucket.c["x"]']);
      expect(templates[0].resources.map((r) => withLines([finding(r.address, 'plan.json')], templates)[0].line)).toEqual([4, 5, 6]);
    } finally {
      require('fs').rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('detection by content, not by name', () => {
  test.each([
    ['detect/looks-like-terraform.tf.json', 'cloudformation'],
    ['detect/template.yaml', 'terraform-json'],
    ['detect/notes.txt', 'terraform-plan'],
  ])('%s is %s', (file, kind) => {
    expect(load(file).inputs[0].kind).toBe(kind);
  });

  test('but a file named .json is JSON only: YAML in it (detect/cfn-in-a.json) is malformed JSON, never read as YAML', () => {
    expect(() => load('detect/cfn-in-a.json')).toThrow(/^detect\/cfn-in-a\.json: malformed JSON at line 1, column 1: /);
  });

  test('the same template reached twice is loaded once', () => {
    const { templates } = load('cdk-assembly', 'cdk-assembly/Producer.template.json');
    expect(templates.map((t) => t.file)).toEqual([
      'cdk-assembly/Producer.template.json',
      'cdk-assembly/assembly-Prod/ProdConsumer.template.json',
      'cdk-assembly/assembly-Prod/ProdConsumerNested.nested.template.json',
    ]);
  });
});

describe('inputs that cannot be read', () => {
  const fs = require('fs') as typeof import('fs');
  const os = require('os') as typeof import('os');
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-loaders-'));
    fs.writeFileSync(path.join(tmp, 'broken.json'), '{"Resources": ');
    // A cdk.out whose first stack reads and whose second is missing: the second fails alone.
    fs.mkdirSync(path.join(tmp, 'half.out'));
    fs.writeFileSync(path.join(tmp, 'half.out', 'A.template.json'), JSON.stringify({ Resources: { HalfBucket: { Type: 'AWS::S3::Bucket' } } }));
    const stack = (f: string) => ({ type: 'aws:cloudformation:stack', properties: { templateFile: f } });
    fs.writeFileSync(path.join(tmp, 'half.out', 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { A: stack('A.template.json'), B: stack('B.template.json') } }));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const good = path.join(FIX, 'cfn/stack.template.json');

  test('without keepGoing the first one throws its InputError, as before', () => {
    expect(() => loadPaths([good, path.join(tmp, 'broken.json')], { cwd: tmp })).toThrow(/^broken\.json: malformed JSON at line 1, column 15/);
  });

  test('with keepGoing each is listed with its message, in order, and every other input is loaded', () => {
    const broken = path.join(tmp, 'broken.json');
    const missing = path.join(tmp, 'missing.yaml');
    const result = loadPaths([broken, good, missing], { cwd: tmp, keepGoing: true });
    expect(result.failed).toEqual([
      { path: broken, message: expect.stringMatching(/^broken\.json: malformed JSON/) },
      { path: missing, message: `${missing}: no such file or folder` },
    ]);
    expect(result.inputs.map((i) => [i.path, i.kind])).toEqual([[good, 'cloudformation']]);
    expect(buildModel(result.templates).resources.map((r) => r.address)).toEqual(['LockedBucket', 'OpenBucket', 'WaivedBucket', 'ModeBucket', 'Trail']);
  });

  test('an assembly one stack of which cannot be read: that stack fails alone, under its own name, and the others are loaded', () => {
    const result = loadPaths([path.join(tmp, 'half.out'), good], { cwd: tmp, keepGoing: true });
    expect(result.failed).toEqual([{ path: 'half.out/B.template.json', message: 'half.out/B.template.json: no such file or folder' }]);
    expect(result.templates.map((t) => t.file)).toEqual(['half.out/A.template.json', good]); // outside cwd: shown whole
    expect(result.inputs.map((i) => [i.kind, i.files])).toEqual([['cdk-assembly', ['half.out/A.template.json']], ['cloudformation', [good]]]);
    expect(buildModel(result.templates).byAddress('HalfBucket')).toBeDefined();
    expect(() => loadPaths([path.join(tmp, 'half.out')], { cwd: tmp })).toThrow('half.out/B.template.json: no such file or folder');
  });
});

describe('a nested stack whose template is missing', () => {
  const fs = require('fs') as typeof import('fs');
  const os = require('os') as typeof import('os');
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-nested-'));
    const stack = (f: string) => ({ type: 'aws:cloudformation:stack', properties: { templateFile: f } });
    const nested = (asset: string) => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://x' }, Metadata: { 'aws:asset:path': asset } });
    fs.mkdirSync(path.join(tmp, 'nested.out'));
    fs.writeFileSync(path.join(tmp, 'nested.out', 'Parent.template.json'), JSON.stringify({ Resources: { ParentBucket: { Type: 'AWS::S3::Bucket' }, Gone: nested('ParentGone.nested.template.json'), Here: nested('ParentHere.nested.template.json') } }));
    fs.writeFileSync(path.join(tmp, 'nested.out', 'ParentHere.nested.template.json'), JSON.stringify({ Resources: { HereBucket: { Type: 'AWS::S3::Bucket' } } }));
    fs.writeFileSync(path.join(tmp, 'nested.out', 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { Parent: stack('Parent.template.json') } }));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const message = 'nested.out/ParentGone.nested.template.json: no such file or folder (the template of nested stack Gone of nested.out/Parent.template.json, by its aws:asset:path)';

  test('is an input not read, naming the file and the stack that names it; the parent and the other nested stack are loaded', () => {
    const result = loadPaths([path.join(tmp, 'nested.out')], { cwd: tmp, keepGoing: true });
    expect(result.failed).toEqual([{ path: 'nested.out/ParentGone.nested.template.json', message }]);
    expect(result.templates.map((t) => t.file)).toEqual(['nested.out/Parent.template.json', 'nested.out/ParentHere.nested.template.json']);
    expect(buildModel(result.templates).resources.map((r) => r.address)).toEqual(['ParentBucket', 'Gone', 'Here', 'HereBucket']);
  });

  test('without keepGoing it throws, as a missing stack of the manifest does; so does the parent template given alone', () => {
    expect(() => loadPaths([path.join(tmp, 'nested.out')], { cwd: tmp })).toThrow(message);
    expect(() => loadPaths([path.join(tmp, 'nested.out', 'Parent.template.json')], { cwd: tmp })).toThrow(message);
  });
});

describe('a template-level Transform', () => {
  const fs = require('fs') as typeof import('fs');
  const os = require('os') as typeof import('os');
  let tmp: string;
  const bucket = { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } };
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(tmp, name), text);
    return path.join(tmp, name);
  };
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-transform-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const notJudged = (name: string) =>
    `${name}: Transform "MyCompanyMacro" is a macro: it can rewrite any resource when CloudFormation processes the template, so the template as written is not judged; check the processed template (aws cloudformation get-template --template-stage Processed)`;

  test('a macro, in JSON and in YAML (a list or one name), makes the file an input not read that names the macro; other inputs load', () => {
    const json = write('macro.json', JSON.stringify({ Transform: ['MyCompanyMacro'], Resources: { B: bucket } }));
    const yaml = write('macro.yaml', 'Transform: MyCompanyMacro\nResources:\n  B:\n    Type: AWS::S3::Bucket\n');
    const good = path.join(FIX, 'cfn/stack.template.json');
    const result = loadPaths([json, yaml, good], { cwd: tmp, keepGoing: true });
    expect(result.failed).toEqual([
      { path: json, message: notJudged('macro.json') },
      { path: yaml, message: notJudged('macro.yaml') },
    ]);
    expect(result.templates.map((t) => t.file)).toEqual([good]);
  });

  test('a macro beside AWS::LanguageExtensions is named; so is a top-level Fn::Transform (AWS::Include) and a Transform of another shape', () => {
    expect(() => loadPaths([write('both.json', JSON.stringify({ Transform: ['AWS::LanguageExtensions', 'MyCompanyMacro'], Resources: { B: bucket } }))], { cwd: tmp })).toThrow(notJudged('both.json'));
    expect(() => loadPaths([write('include.json', JSON.stringify({ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/snippet.yaml' } }, Resources: { B: bucket } }))], { cwd: tmp })).toThrow(/^include\.json: Transform "AWS::Include" is a macro: /);
    expect(() => loadPaths([write('number.json', JSON.stringify({ Transform: 3, Resources: { B: bucket } }))], { cwd: tmp })).toThrow(/^number\.json: Transform must be a transform name or a list of names, got a number$/);
  });

  test('AWS::LanguageExtensions (its loops expanded) and AWS::Serverless-2016-10-31 (its resources left to the coverage) are read as before', () => {
    const loop = write('loop.yaml', "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Buckets:\n    - Id\n    - [A, B]\n    - Bucket${Id}:\n        Type: AWS::S3::Bucket\n");
    const sam = write('sam.json', JSON.stringify({ Transform: 'AWS::Serverless-2016-10-31', Resources: { B: bucket, F: { Type: 'AWS::Serverless::Function', Properties: {} } } }));
    const result = loadPaths([loop, sam], { cwd: tmp, keepGoing: true });
    expect(result.failed).toEqual([]);
    expect(buildModel(result.templates).resources.map((r) => r.address)).toEqual(['BucketA', 'BucketB', 'B', 'F']);
  });
});

describe('the YAML parser is loaded only for YAML', () => {
  // It costs ~90 ms to load: a check of JSON inputs (every cdk.out and cdktf.out) never pays it.
  const loaded = (file: string): string => {
    const script = `const { loadPaths } = require(${JSON.stringify(path.resolve(__dirname, '../../policies/engine/loader'))}); loadPaths([${JSON.stringify(file)}]); process.stdout.write(String(Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]yaml[\\\\/]/.test(k))));`;
    const run = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return run.stdout;
  };

  test('not by a JSON template; by a YAML one', () => {
    expect(loaded(path.join(FIX, 'cfn', 'stack.template.json'))).toBe('false');
    expect(loaded(path.join(FIX, 'cfn', 'stack.yaml'))).toBe('true');
  });
});

describe('referrers, indexed on the first ask', () => {
  const r = (address: string, type: string, properties: Record<string, unknown>) =>
    ({ address, type, properties, attributes: {}, suppressions: [], cloud: 'aws', format: 'cloudformation', sourceFile: 't.json' }) as unknown as Resource;
  const bucket = r('Bucket', 'AWS::S3::Bucket', {});
  const trailA = r('TrailA', 'AWS::CloudTrail::Trail', { S3BucketName: { Ref: 'Bucket' } });
  const flow = r('Flow', 'AWS::EC2::FlowLog', { LogDestination: { 'Fn::GetAtt': ['Bucket', 'Arn'] }, Again: { Ref: 'Bucket' } });
  const trailB = r('TrailB', 'AWS::CloudTrail::Trail', { S3BucketName: { 'Fn::Sub': '${Bucket}' }, Self: { Ref: 'TrailB' } });
  const resources = [bucket, trailA, flow, trailB];

  test('of one type, of several and of all: in input order, each referrer once, never itself', () => {
    const model = new ResourceModel(resources);
    expect(model.referrers(bucket, 'AWS::CloudTrail::Trail')).toEqual([trailA, trailB]);
    expect(model.referrers(bucket, 'AWS::EC2::FlowLog', 'AWS::CloudTrail::Trail')).toEqual([trailA, flow, trailB]);
    expect(model.referrers(bucket)).toEqual([trailA, flow, trailB]);
    expect(model.referrers(trailB)).toEqual([]);
    expect(model.referrers(bucket, 'AWS::S3::Bucket')).toEqual([]);
  });

  test('a model built with referrers: false finds none', () => {
    const model = new ResourceModel(resources, [], new Map(), { referrers: false });
    expect(model.referrers(bucket)).toEqual([]);
    expect(model.referrers(bucket, 'AWS::CloudTrail::Trail')).toEqual([]);
  });
});
