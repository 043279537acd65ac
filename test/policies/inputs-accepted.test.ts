/**
 * Inputs that CloudFormation, Terraform, cfn-lint or the AWS CLI accept, and that the loaders must
 * therefore read (never refuse): older plan formats, every YAML short form, YAML 1.1 booleans,
 * UTF-16 text, Fn::ForEach loops, folders of plain templates.
 */
import * as path from 'path';
import { buildModel, loadDocument, loadPaths, withLines } from '../../policies/engine/loader';
import { ResourceModel } from '../../policies/engine/model';
import { LoadedTemplate } from '../../policies/engine/template';
import { UNRESOLVED } from '../../policies/engine/unresolved';
import { Finding } from '../../policies/engine/types';
import { parseSource } from '../../policies/engine/parse';
import { CloudTrailIsLogging } from '../../policies/rules/aws/CloudTrailIsLogging';
import { judge, scratchFolder } from './helpers';

const scratch = scratchFolder('fr-inputs-');
const write = scratch.write;
const loadText = (name: string, content: string | Buffer) => loadPaths([write(name, content)], { cwd: scratch.dir() });
const yamlDoc = (text: string) => parseSource(text, 'template.yaml').doc;


describe('terraform show -json format versions', () => {
  /** A plan as Terraform 0.12 to 1.x write it (the shape did not change for what the loader reads). */
  const plan = (formatVersion: string) => ({
    format_version: formatVersion,
    terraform_version: '0.12.31',
    planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_name: 'aws', schema_version: 0, values: { bucket: 'evidence' } }] } },
  });

  test.each(['0.1', '0.2', '1.0', '1.1', '1.2'])('loads a plan of format_version %s', (version) => {
    const t = loadDocument(plan(version), 'plan.json');
    expect(t.format).toBe('terraform-plan');
    expect(t.resources.map((r) => [r.address, r.properties.bucket])).toEqual([['aws_s3_bucket.b', 'evidence']]);
  });

  /** A plan whose trail does not log, as Terraform 0.12 wrote it (format_version 0.1). */
  const stoppedTrail = (formatVersion: string) => ({
    format_version: formatVersion,
    terraform_version: '0.12.0',
    planned_values: {
      root_module: {
        resources: [{ address: 'aws_cloudtrail.t', mode: 'managed', type: 'aws_cloudtrail', name: 't', provider_name: 'aws', schema_version: 0, values: { name: 't', s3_bucket_name: 'logs', enable_logging: false } }],
      },
    },
  });

  test('judges a plan of format_version 0.1: a trail with enable_logging false is NON_COMPLIANT for AWS.CloudTrail.IsLogging', () => {
    const { templates } = loadText('plan-0.1.json', JSON.stringify(stoppedTrail('0.1')));
    expect(templates[0].format).toBe('terraform-plan');
    expect(judge(CloudTrailIsLogging, buildModel(templates), 'aws_cloudtrail.t')).toEqual({ verdict: 'NON_COMPLIANT', reason: 'aws_cloudtrail.t: IsLogging is false' });
  });

  test('refuses an errored plan (Terraform 1.5+ writes "errored": true when planning failed part way: its changes are incomplete)', () => {
    expect(() => loadDocument({ ...plan('1.2'), errored: true, complete: false, applyable: false }, 'plan.json')).toThrow(
      /^plan\.json: an errored plan \("errored": true\): Terraform's planning failed part way, so it leaves out changes and cannot be applied; check the plan of a terraform plan that succeeds$/,
    );
  });

  test('refuses an incomplete plan ("complete": false: planned with -target, or with changes deferred), which leaves out resources of the configuration', () => {
    expect(() => loadDocument({ ...plan('1.2'), errored: false, complete: false, applyable: true }, 'plan.json')).toThrow(
      /^plan\.json: an incomplete plan \("complete": false: planned with -target, or with changes deferred\) leaves out resources of its configuration; check a plan of the whole configuration$/,
    );
  });

  test.each([['errored', 'yes'], ['complete', 1]])('refuses a plan whose %s is not a boolean', (key, value) => {
    expect(() => loadDocument({ ...plan('1.2'), [key]: value }, 'plan.json')).toThrow(new RegExp(`^plan\\.json: ${key} must be true or false, got `));
  });

  test('loads a complete plan without changes (applyable false, errored false: nothing to apply is no error)', () => {
    expect(loadDocument({ ...plan('1.2'), errored: false, complete: true, applyable: false }, 'plan.json').resources).toHaveLength(1);
  });

  test('refuses format_version 2.0 in one line naming the file and the versions read', () => {
    expect(() => loadDocument(plan('2.0'), 'plan.json')).toThrow(/^plan\.json: terraform JSON format_version 2\.0 is not supported \(0\.x and 1\.x are\)$/);
  });
});

describe('YAML short forms, as cfn-lint and the AWS CLI read them', () => {
  test('a tag the loader has no table entry for is Fn:: and its name, whatever its value', () => {
    expect(
      yamlDoc(
        [
          'Rules:',
          '  R:',
          '    Assertions:',
          '      - Assert: !Contains [[a, b], !Ref Env]',
          '      - Assert: !EachMemberEquals [!RefAll AWS::EC2::VPC::Id, vpc-1]',
          '      - Assert: !EachMemberIn [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], [vpc-1]]',
          '      - Assert: !Equals [!ValueOf [Subnet, VpcId], vpc-1]',
          '      - Assert: !NotYetInvented {a: 1}',
          '',
        ].join('\n'),
      ),
    ).toEqual({
      Rules: {
        R: {
          Assertions: [
            { Assert: { 'Fn::Contains': [['a', 'b'], { Ref: 'Env' }] } },
            { Assert: { 'Fn::EachMemberEquals': [{ 'Fn::RefAll': 'AWS::EC2::VPC::Id' }, 'vpc-1'] } },
            { Assert: { 'Fn::EachMemberIn': [{ 'Fn::ValueOfAll': ['AWS::EC2::Subnet::Id', 'VpcId'] }, ['vpc-1']] } },
            { Assert: { 'Fn::Equals': [{ 'Fn::ValueOf': ['Subnet', 'VpcId'] }, 'vpc-1'] } },
            { Assert: { 'Fn::NotYetInvented': { a: 1 } } },
          ],
        },
      },
    });
  });

  test('!Ref and !Condition keep their names; !GetAtt splits at the first dot; a tagged scalar is its text', () => {
    expect(yamlDoc('A: !Ref Bucket\nB: !Condition IsProd\nC: !GetAtt Bucket.Arn.Sub\nD: !Sub 5\nE: !GetAtt [Bucket, Arn]\n')).toEqual({
      A: { Ref: 'Bucket' },
      B: { Condition: 'IsProd' },
      C: { 'Fn::GetAtt': ['Bucket', 'Arn.Sub'] },
      D: { 'Fn::Sub': '5' },
      E: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
    });
  });

  test('a tag inside a known short form is read too (outer tags do not hide inner ones)', () => {
    expect(yamlDoc('A: !If [C, !Contains [[x], !Ref P], !Ref AWS::NoValue]\n')).toEqual({
      A: { 'Fn::If': ['C', { 'Fn::Contains': [['x'], { Ref: 'P' }] }, { Ref: 'AWS::NoValue' }] },
    });
  });

  test('an alias of a tagged node is the long form, not the bare value', () => {
    expect(yamlDoc('A: &name !Ref Bucket\nB: *name\n')).toEqual({ A: { Ref: 'Bucket' }, B: { Ref: 'Bucket' } });
  });

  test('a function CloudFormation does not have in Properties is still refused, naming it', () => {
    const doc = yamlDoc('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Bogus x\n');
    expect(() => loadDocument(doc, 'template.yaml')).toThrow(/^template\.yaml: resource B: unknown intrinsic function Fn::Bogus at Properties\.BucketName/);
  });

  test('an unknown function deep in lists and objects is named by its path', () => {
    const doc = { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'a', Value: 'b' }, { Key: 'c', Value: { 'Fn::Join': ['', [{ 'Fn::Bogus': 'x' }]] } }] } } } };
    expect(() => loadDocument(doc, 'deep.json')).toThrow(/^deep\.json: resource B: unknown intrinsic function Fn::Bogus at Properties\.Tags\[1\]\.Value\.Fn::Join\[1\]\[0\] /);
    const top = { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { 'Fn::Bogus': 'x' } } } };
    expect(() => loadDocument(top, 'top.json')).toThrow(/unknown intrinsic function Fn::Bogus at Properties \(CloudFormation/);
  });

  test('a tag that is no short form (!!python/object) is still refused, naming the line', () => {
    expect(() => yamlDoc('A: 1\nB: !!python/object:os.system x\n')).toThrow(/^template\.yaml: unknown YAML tag tag:yaml\.org,2002:python\/object:os\.system at line 2, column 4$/);
  });
});

describe('YAML 1.1 booleans, as PyYAML reads them', () => {
  const words = ['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];

  test('yes/no/on/off/true/false in each of PyYAML\'s cases are booleans', () => {
    const doc = yamlDoc(words.map((w, i) => `k${i}: ${w}`).join('\n')) as Record<string, unknown>;
    expect(words.map((_, i) => doc[`k${i}`])).toEqual([true, true, true, true, true, true, true, true, true, false, false, false, false, false, false, false, false, false]);
  });

  test('quoted words, y/n, other words, dates, octal-looking and sexagesimal-looking values keep their YAML 1.2 meaning', () => {
    expect(yamlDoc("a: 'yes'\nb: \"off\"\nc: y\nd: n\ne: Enabled\nf: 2010-09-09\ng: 0755\nh: 1:30\ni: 0x1F\nj: yES\n")).toEqual({
      a: 'yes',
      b: 'off',
      c: 'y',
      d: 'n',
      e: 'Enabled',
      f: '2010-09-09',
      g: 755,
      h: '1:30',
      i: 31,
      j: 'yES',
    });
  });

  test('a trail with IsLogging: yes is COMPLIANT for AWS.CloudTrail.IsLogging', () => {
    const { templates } = loadText('trail.yaml', 'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: yes\n      S3BucketName: logs\n');
    expect(judge(CloudTrailIsLogging, buildModel(templates), 'Trail')).toEqual({ verdict: 'COMPLIANT', reason: 'Trail: IsLogging is true' });
  });

  test('a trail with IsLogging: off is NON_COMPLIANT (the word is false, not a string)', () => {
    const { templates } = loadText('trail-off.yaml', 'Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: off\n      S3BucketName: logs\n');
    expect(judge(CloudTrailIsLogging, buildModel(templates), 'Trail')).toEqual({ verdict: 'NON_COMPLIANT', reason: 'Trail: IsLogging is false' });
  });
});

describe('YAML numbers that YAML 1.1 (PyYAML: cfn-lint, the AWS CLI) and YAML 1.2 read differently: given neither meaning', () => {
  const { pyYamlNumber } = require('../../policies/engine/cfn-yaml') as typeof import('../../policies/engine/cfn-yaml');
  const { misreadableOf } = require('../../policies/engine/unresolved') as typeof import('../../policies/engine/unresolved');

  test('PyYAML\'s reading of plain scalars (each checked against PyYAML 6 safe_load)', () => {
    const cases: [string, ReturnType<typeof pyYamlNumber>][] = [
      ['0500', { kind: 'number', value: 320 }],
      ['007', { kind: 'number', value: 7 }],
      ['0800', { kind: 'other' }],
      ['0o17', { kind: 'other' }],
      ['0x1F', { kind: 'number', value: 31 }],
      ['0x1_F', { kind: 'number', value: 31 }],
      ['0b101', { kind: 'number', value: 5 }],
      ['1_000', { kind: 'number', value: 1000 }],
      ['1:30', { kind: 'number', value: 90 }],
      ['190:20:30', { kind: 'number', value: 685230 }],
      ['1:30.5', { kind: 'number', value: 90.5 }],
      ['-0500', { kind: 'number', value: -320 }],
      ['1e3', { kind: 'other' }],
      ['1.5e3', { kind: 'other' }],
      ['1.5e+3', { kind: 'number', value: 1500 }],
      ['.5', { kind: 'number', value: 0.5 }],
      ['5.', { kind: 'number', value: 5 }],
      ['-.Inf', { kind: 'number', value: -Infinity }],
      ['0_', { kind: 'number', value: 0 }],
      ['0x_', { kind: 'error' }],
      ['365', { kind: 'number', value: 365 }],
      ['Enabled', { kind: 'other' }],
    ];
    expect(cases.map(([text]) => [text, pyYamlNumber(text)])).toEqual(cases);
  });

  test('the parse records each plain scalar read differently, with its line and both readings; scalars read alike, quoted or tagged are not', () => {
    const doc = yamlDoc(
      ['a: 0500', 'b: 007', 'c: 0o17', 'd: 1_000', 'e: 1:30', 'f: 1e3', 'g: 0x1F', 'h: "0500"', 'i: !Sub 0500', 'j: 1.5e+3', 'k: [365, 0800]', 'l: &n 0600', 'm: *n', 'n: 0b11', 'o: !!int 010'].join('\n'),
    );
    expect(misreadableOf(doc)).toEqual([
      { path: ['a'], isKey: false, why: 'a: 0500 at line 1 is 320 to YAML 1.1 (PyYAML, which cfn-lint and the AWS CLI read templates with) and 500 to YAML 1.2' },
      { path: ['c'], isKey: false, why: 'c: 0o17 at line 3 is the string "0o17" to YAML 1.1 (PyYAML, which cfn-lint and the AWS CLI read templates with) and 15 to YAML 1.2' },
      { path: ['d'], isKey: false, why: 'd: 1_000 at line 4 is 1000 to YAML 1.1 (PyYAML, which cfn-lint and the AWS CLI read templates with) and the string "1_000" to YAML 1.2' },
      { path: ['e'], isKey: false, why: expect.stringMatching(/^e: 1:30 at line 5 is 90 to YAML 1\.1 .* and the string "1:30" to YAML 1\.2$/) },
      { path: ['f'], isKey: false, why: expect.stringMatching(/^f: 1e3 at line 6 is the string "1e3" to YAML 1\.1 .* and 1000 to YAML 1\.2$/) },
      { path: ['k', 1], isKey: false, why: expect.stringMatching(/^1: 0800 at line 11 is the string "0800" to YAML 1\.1 .* and 800 to YAML 1\.2$/) },
      { path: ['l'], isKey: false, why: expect.stringMatching(/^l: 0600 at line 12 is 384 to YAML 1\.1 .* and 600 to YAML 1\.2$/) },
      { path: ['n'], isKey: false, why: expect.stringMatching(/^n: 0b11 at line 14 is 3 to YAML 1\.1 .* and the string "0b11" to YAML 1\.2$/) },
      { path: ['o'], isKey: false, why: expect.stringMatching(/^o: 010 at line 15 is 8 to YAML 1\.1 .* and 10 to YAML 1\.2$/) },
      { path: ['m'], isKey: false, why: expect.stringMatching(/^l: 0600 at line 12 is 384 .* \(through the alias \*n\)$/) },
    ]);
    // The parse itself keeps YAML 1.2 (a config file, which only the kit reads); the CloudFormation loader gives neither.
    expect((doc as Record<string, unknown>).a).toBe(500);
  });

  const bucketYaml = (days: string, extra = '') =>
    `${extra}Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      ObjectLockEnabled: true\n      ObjectLockConfiguration:\n        Rule:\n          DefaultRetention:\n            Days: ${days}\n`;

  test('Days: 0500 (320 to cfn-lint, 500 to YAML 1.2) is UNRESOLVED, and the UNKNOWN finding names the value and both readings', () => {
    const { runRules } = require('../../policies/engine/runner') as typeof import('../../policies/engine/runner');
    const { RetentionFloor } = require('./fixture-rules') as typeof import('./fixture-rules');
    const { templates } = loadText('octal.yaml', bucketYaml('0500'));
    const model = buildModel(templates);
    expect(model.get(model.byAddress('B')!, 'ObjectLockConfiguration.Rule.DefaultRetention.Days')).toBe(UNRESOLVED);
    const { findings } = runRules(model, [RetentionFloor]);
    expect(findings.map((f) => [f.verdict, f.severity, f.message])).toEqual([
      [
        'UNKNOWN',
        'warning',
        'DefaultRetention.Days cannot be resolved; Days: 0500 at line 9 is 320 to YAML 1.1 (PyYAML, which cfn-lint and the AWS CLI read templates with) and 500 to YAML 1.2, so the kit takes neither (write it as a plain decimal without leading zeros, or quote it)',
      ],
    ]);
    // Written so both read it alike, it is judged.
    expect(runRules(buildModel(loadText('plain.yaml', bucketYaml('500')).templates), [RetentionFloor]).findings).toEqual([]);
  });

  test('a parameter default so written: what refers to it is UNKNOWN, with the reason on the resource', () => {
    const { runRules } = require('../../policies/engine/runner') as typeof import('../../policies/engine/runner');
    const { RetentionFloor } = require('./fixture-rules') as typeof import('./fixture-rules');
    const { templates } = loadText('param.yaml', bucketYaml('!Ref Days', 'Parameters:\n  Days:\n    Type: Number\n    Default: 0500\n'));
    const [f] = runRules(buildModel(templates), [RetentionFloor]).findings;
    expect([f.verdict, f.message]).toEqual(['UNKNOWN', expect.stringContaining('; Default: 0500 at line 4 is 320 to YAML 1.1')]);
  });

  test('a key so written is refused, one line naming it (no marker can stand in for a key)', () => {
    const r = loadPaths([write('key.yaml', 'Mappings:\n  Days:\n    0500:\n      Value: 1\nResources:\n  B:\n    Type: AWS::S3::Bucket\n')], { cwd: scratch.dir(), keepGoing: true });
    expect(r.failed.map((f) => f.message)).toEqual([
      'key.yaml: the key 0500 at line 3 is 320 to YAML 1.1 (PyYAML, which cfn-lint and the AWS CLI read templates with) and 500 to YAML 1.2; quote the key, so that every reader reads the same text',
    ]);
  });
});

describe('text encodings', () => {
  const template = '{"Resources": {"Bücket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "évidence"}}}}';
  const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

  test.each([
    ['UTF-8', Buffer.from(template, 'utf8')],
    ['ASCII, its non-ASCII characters as JSON escapes', Buffer.from(template.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'ascii')],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(template, 'utf8')])],
    ['UTF-16LE with a BOM (Windows PowerShell 5.1 `>`)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(template, 'utf16le')])],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(template)])],
  ])('reads %s', (name, bytes) => {
    const { templates } = loadText(`${name.replace(/\W+/g, '-')}.json`, bytes);
    expect(templates[0].resources.map((r) => [r.address, r.properties.BucketName])).toEqual([['Bücket', 'évidence']]);
  });

  test.each([
    ['UTF-16LE', (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16BE', (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
  ])('a `terraform show -json` plan in %s with a BOM loads as a plan and its resources are judged', (name, encode) => {
    const plan = { format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_cloudtrail.t', mode: 'managed', type: 'aws_cloudtrail', name: 't', provider_name: 'registry.terraform.io/hashicorp/aws', values: { name: 't', s3_bucket_name: 'logs', enable_logging: false } }] } } };
    const { templates } = loadText(`plan-${name}.json`, encode(JSON.stringify(plan)));
    expect(templates.map((t) => t.format)).toEqual(['terraform-plan']);
    expect(judge(CloudTrailIsLogging, buildModel(templates), 'aws_cloudtrail.t')).toEqual({ verdict: 'NON_COMPLIANT', reason: 'aws_cloudtrail.t: IsLogging is false' });
  });

  test('reads UTF-16LE YAML with a BOM', () => {
    const { templates } = loadText('ps.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', 'utf16le')]));
    expect(templates[0].resources.map((r) => r.type)).toEqual(['AWS::S3::Bucket']);
  });

  test('refuses UTF-16 of an odd number of bytes and UTF-16 text with NUL characters, naming the file', () => {
    expect(() => loadText('odd.json', Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d]))).toThrow(/^odd\.json: not valid UTF-16LE text \(an odd number of bytes after the byte-order mark\)$/);
    expect(() => loadText('nul16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":\0}', 'utf16le')]))).toThrow(/^nul16\.json: binary content \(NUL characters\), expected a JSON or YAML text file$/);
  });

  test('ASCII text with a NUL byte is binary; invalid UTF-8 is refused', () => {
    expect(() => loadText('nul.json', Buffer.from('{"Resources": {}}\0', 'ascii'))).toThrow(/^nul\.json: binary content \(NUL bytes\)/);
    expect(() => loadText('latin1.json', Buffer.from('{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "\xe9"}}}}', 'latin1'))).toThrow(/^latin1\.json: not valid UTF-8 text/);
  });

  test('UTF-16 without a BOM is still binary (NUL bytes)', () => {
    expect(() => loadText('nobom.json', Buffer.from(template, 'utf16le'))).toThrow(/^nobom\.json: binary content \(NUL bytes\)/);
  });
});

describe('Fn::ForEach loops in Resources (AWS::LanguageExtensions)', () => {
  const template = [
    'Transform: AWS::LanguageExtensions',
    'Parameters:',
    '  Regions: {Type: CommaDelimitedList, Default: "eu,us"}',
    '  Flags: {Type: CommaDelimitedList}',
    'Resources:',
    '  Fn::ForEach::Trails:',
    '    - Name',
    '    - [org, audit-2]',
    '    - Trail&{Name}:',
    '        Type: AWS::CloudTrail::Trail',
    '        Properties:',
    '          TrailName: !Sub "${Name}-trail"',
    '          S3BucketName: !Ref Name',
    '          IsLogging: true',
    '  Fn::ForEach::Regional:',
    '    - Region',
    '    - !Ref Regions',
    '    - Fn::ForEach::Kinds:',
    '        - Kind',
    '        - [a, b]',
    '        - Topic${Region}${Kind}:',
    '            Type: AWS::SNS::Topic',
    '            Properties: {TopicName: !Join ["-", [!Ref Region, !Ref Kind]]}',
    '  Fn::ForEach::Deployed:',
    '    - Flag',
    '    - !Ref Flags',
    '    - Stopped${Flag}:',
    '        Type: AWS::CloudTrail::Trail',
    '        Properties:',
    '          IsLogging: !Ref Flag',
    '          TrailName: !Sub "t-${Flag}"',
    '          S3BucketName: fixed-bucket',
    '',
  ].join('\n');
  let templates: LoadedTemplate[];
  let model: ResourceModel;
  beforeAll(() => {
    templates = [...loadText('foreach.yaml', template).templates];
    model = buildModel(templates);
  });

  test('a literal list gives one resource per item: ${Id} and &{Id} (alphanumerics only) in keys, Ref and ${Id} in values', () => {
    expect(model.byAddress('Trailorg')!.properties).toEqual({ TrailName: { 'Fn::Sub': 'org-trail' }, S3BucketName: 'org', IsLogging: true });
    expect(model.byAddress('Trailaudit2')!.properties).toEqual({ TrailName: { 'Fn::Sub': 'audit-2-trail' }, S3BucketName: 'audit-2', IsLogging: true });
    expect(model.get(model.byAddress('Trailaudit2')!, 'TrailName')).toBe('audit-2-trail');
  });

  test('a Ref to a CommaDelimitedList parameter with a default loops over the default; nested loops multiply', () => {
    expect(model.resources.filter((r) => r.type === 'AWS::SNS::Topic').map((r) => [r.address, model.get(r, 'TopicName')])).toEqual([
      ['Topiceua', 'eu-a'],
      ['Topiceub', 'eu-b'],
      ['Topicusa', 'us-a'],
      ['Topicusb', 'us-b'],
    ]);
  });

  test('a collection known only at deploy gives one resource standing for all: what depends on the item is UNRESOLVED, the rest is judged', () => {
    const stopped = model.byAddress('Stopped${Flag}')!;
    expect(stopped.properties).toEqual({ IsLogging: UNRESOLVED, TrailName: UNRESOLVED, S3BucketName: 'fixed-bucket' });
    expect(judge(CloudTrailIsLogging, model, 'Stopped${Flag}')).toEqual({ verdict: 'UNKNOWN', reason: 'Stopped${Flag}: IsLogging is unresolvable before deploy' });
    expect(judge(CloudTrailIsLogging, model, 'Trailorg').verdict).toBe('COMPLIANT');
  });

  test('no loop key is left as a resource, and a generated resource\'s line is its loop\'s', () => {
    expect(model.resources.map((r) => r.address).filter((a) => a.startsWith('Fn::'))).toEqual([]);
    const f = { ruleId: 'X', severity: 'error', verdict: 'NON_COMPLIANT', address: 'Trailaudit2', resourceType: 'AWS::CloudTrail::Trail', file: 'foreach.yaml', message: 'm' } as Finding;
    expect(withLines([f], templates)[0].line).toBe(6);
  });

  test('a loop that is not [Identifier, Collection, {fragment}] is refused, naming it', () => {
    expect(() => loadDocument({ Resources: { 'Fn::ForEach::Bad': ['Name', ['a']] } }, 't.json')).toThrow(/^t\.json: Fn::ForEach::Bad must be \[Identifier, Collection, \{OutputKey: OutputValue\}\]$/);
  });

  test('a JSON template is read the same way: the parse counts its Fn:: keys, and a loop or an unknown function among them is still found', () => {
    const json = (resources: object) => JSON.stringify({ Transform: 'AWS::LanguageExtensions', Resources: resources });
    const loop = { 'Fn::ForEach::Queues': ['N', ['a', 'b'], { 'Queue${N}': { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${N}-q' } } } }] };
    expect(parseSource(json(loop), 'loop.json').keys?.functionKeys).toEqual(new Set(['Fn::ForEach::Queues', 'Fn::Sub']));
    const loaded = loadText('loop.json', json(loop));
    expect(loaded.failed).toEqual([]);
    expect(loaded.templates[0].resources.map((r) => r.address)).toEqual(['Queuea', 'Queueb']);
    // A loop nested in a resource's properties, and an unknown function deep inside a known one.
    const inner = { Q: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'k', Value: { 'Fn::Join': ['', [{ 'Fn::Bogus': 'x' }]] } }] } } };
    expect(() => loadText('bogus.json', json(inner))).toThrow(/bogus\.json: resource Q: unknown intrinsic function Fn::Bogus at Properties\.Tags\[0\]\.Value\.Fn::Join\[1\]\[0\]/);
    // YAML counts no keys: it is walked as before.
    expect(parseSource('Resources: {}\n', 't.yaml').keys).toBeUndefined();
  });

  test('a loop that generates a logical id twice is refused, naming the id', () => {
    const dup = { Resources: { 'Fn::ForEach::Twice': ['N', ['a-b', 'ab'], { 'Q&{N}': { Type: 'AWS::SQS::Queue' } }] } };
    expect(() => loadDocument(dup, 't.json')).toThrow(/^t\.json: Fn::ForEach::Twice generates the key Qab, which is already there/);
  });
});

describe('Terraform dynamic blocks in a file', () => {
  test('Terraform JSON read from a file: the parse notes a dynamic key, and a dynamic block is still UNRESOLVED; a text without one is not walked for it', () => {
    const bucket = (extra: object) => JSON.stringify({ resource: { google_storage_bucket: { b: { name: 'b', ...extra } } } });
    const withDynamic = bucket({ dynamic: { logging: { for_each: '${var.x}', content: { log_bucket: 'l' } } } });
    expect(parseSource(withDynamic, 'd.tf.json').keys?.dynamicKey).toBe(true);
    const loaded = loadText('dyn-d/d.tf.json', withDynamic).templates[0].resources[0];
    expect(loaded.properties.logging).toBe(UNRESOLVED);
    // Each in a folder of its own: the *.tf.json files of one folder are one configuration.
    const plain = bucket({ logging: { log_bucket: 'l' } });
    expect(parseSource(plain, 'p.tf.json').keys?.dynamicKey).toBe(false);
    expect(loadText('dyn-p/p.tf.json', plain).templates[0].resources[0].properties.logging).toEqual({ log_bucket: 'l' });
  });
});

describe('a folder of plain templates (no manifest.json, no stacks/)', () => {
  const cfn = (id: string) => JSON.stringify({ Resources: { [id]: { Type: 'AWS::S3::Bucket' } } });
  let dir: string;
  beforeAll(() => {
    dir = path.join(scratch.dir(), 'plain');
    write('plain/b-stack.yaml', 'Resources:\n  YamlBucket:\n    Type: AWS::S3::Bucket\n');
    write('plain/a-stack.json', cfn('JsonBucket'));
    write('plain/c-main.tf.json', JSON.stringify({ resource: { google_storage_bucket: { evidence: { name: 'e' } } } }));
    write('plain/d-legacy.template', cfn('LegacyBucket'));
    write('plain/e-plan.json', JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [] } } }));
    write('plain/package.json', JSON.stringify({ name: 'x', version: '1.0.0' }));
    write('plain/tsconfig.yml', 'compilerOptions:\n  strict: true\n');
    write('plain/notes.md', '# not read');
    write('plain/stack.json.bak', cfn('BackupBucket'));
    write('plain/sub/deeper.json', cfn('DeeperBucket'));
  });

  test('loads each file that is a template, by name, and its subfolders\' recursively; skips the others; kind folder', () => {
    const { templates, inputs, failed } = loadPaths([dir], { cwd: scratch.dir() });
    expect(templates.map((t) => [t.file, t.format])).toEqual([
      ['plain/a-stack.json', 'cloudformation'],
      ['plain/b-stack.yaml', 'cloudformation'],
      ['plain/c-main.tf.json', 'terraform-json'],
      ['plain/d-legacy.template', 'cloudformation'],
      ['plain/e-plan.json', 'terraform-plan'],
      ['plain/sub/deeper.json', 'cloudformation'],
    ]);
    expect(inputs).toEqual([{ path: dir, kind: 'folder', files: templates.map((t) => t.file) }]);
    expect(failed).toEqual([]);
    expect(buildModel(templates).resources.map((r) => r.address)).toEqual(['JsonBucket', 'YamlBucket', 'google_storage_bucket.evidence', 'LegacyBucket', 'DeeperBucket']);
  });

  test('a folder whose files are none of them templates, nor those of its subfolders, is refused, naming it', () => {
    write('no-templates/package.json', JSON.stringify({ name: 'x' }));
    write('no-templates/readme.md', '# hi');
    write('no-templates/sub/tsconfig.json', JSON.stringify({ compilerOptions: {} }));
    expect(() => loadPaths([path.join(scratch.dir(), 'no-templates')], { cwd: scratch.dir() })).toThrow(/no-templates: folder holds no templates \(neither a cdk\.out manifest\.json nor a cdktf\.out stacks\/\*\/cdk\.tf\.json, nor a \.json, \.yaml, \.yml or \.template file that is a template, in it or in its subfolders\)$/);
  });

  test('a file named as a template that parses to no object (a list, a // line above JSON) is an input not read, never skipped', () => {
    write('unread/good.json', cfn('Good'));
    write('unread/buckets.json', `// generated by tool X\n${cfn('Commented')}`);
    write('unread/wrapped.json', `[${cfn('Wrapped')}]`);
    write('unread/words.yaml', 'just some words\n');
    const folder = path.join(scratch.dir(), 'unread');
    const { templates, failed } = loadPaths([folder], { cwd: scratch.dir(), keepGoing: true });
    expect(templates.map((t) => t.file)).toEqual(['unread/good.json']);
    expect(failed).toEqual([
      { path: 'unread/buckets.json', message: expect.stringMatching(/^unread\/buckets\.json: malformed JSON at line 1, column 1: /) },
      { path: 'unread/words.yaml', message: 'unread/words.yaml: top level is a string, expected an object (a CloudFormation template, Terraform JSON or a terraform plan)' },
      { path: 'unread/wrapped.json', message: 'unread/wrapped.json: top level is a list, expected an object (a CloudFormation template, Terraform JSON or a terraform plan)' },
    ]);
  });

  test('a .json file is JSON only: YAML or a comment in it is malformed JSON; the same text in a .yaml file is YAML', () => {
    expect(() => parseSource('// generated\n{"Resources": {}}', 'a.json')).toThrow(/^a\.json: malformed JSON at line 1, column 1: /);
    expect(() => parseSource('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', 'main.TF.JSON')).toThrow(/^main\.TF\.JSON: malformed JSON at line 1, column 1: /);
    expect(parseSource('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', 'a.yaml').doc).toEqual({ Resources: { B: { Type: 'AWS::S3::Bucket' } } });
    expect(parseSource('null', 'n.json')).toMatchObject({ doc: null, syntax: 'json' });
  });

  test('subfolders: a cdk.out among them is read as an assembly (its other files are not templates), a link back to a folder is read once, a FIFO is not read', () => {
    write('tree/top.yaml', 'Resources:\n  TopBucket:\n    Type: AWS::S3::Bucket\n');
    write('tree/cdk.out/S.template.json', cfn('AssemblyBucket'));
    write('tree/cdk.out/tree.json', JSON.stringify([{ id: 'App' }]));
    write('tree/cdk.out/asset.abc/data.json', '[1, 2]');
    write('tree/cdk.out/manifest.json', JSON.stringify({ version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }));
    write('tree/a/b/deep.json', cfn('DeepBucket'));
    const folder = path.join(scratch.dir(), 'tree');
    require('fs').symlinkSync(folder, path.join(folder, 'a', 'b', 'up'));
    require('child_process').spawnSync('mkfifo', [path.join(folder, 'a', 'pipe.json')]);
    const { templates, inputs, failed } = loadPaths([folder], { cwd: scratch.dir(), keepGoing: true });
    expect(templates.map((t) => t.file)).toEqual(['tree/a/b/deep.json', 'tree/cdk.out/S.template.json', 'tree/top.yaml']);
    expect(inputs).toEqual([{ path: folder, kind: 'folder', files: templates.map((t) => t.file) }]);
    expect(failed).toEqual([{ path: 'tree/a/pipe.json', message: 'tree/a/pipe.json: not a regular file (a FIFO, socket or device cannot be a template)' }]);
  });

  test('a cdk.out synthesized without asset metadata: each nested template no parent reaches is judged on its own, one reached is loaded once', () => {
    const manifest = JSON.stringify({ version: '36.0.0', artifacts: { Parent: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Parent.template.json' } } } });
    const stack = (metadata?: object) => ({ Resources: { Inner: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.invalid/t.json' }, ...(metadata ? { Metadata: metadata } : {}) } } });
    write('bare.out/manifest.json', manifest);
    write('bare.out/Parent.template.json', JSON.stringify(stack()));
    write('bare.out/ParentInnerABC123.nested.template.json', cfn('NestedBucket'));
    const bare = loadPaths([path.join(scratch.dir(), 'bare.out')], { cwd: scratch.dir() });
    expect(bare.templates.map((t) => t.file)).toEqual(['bare.out/Parent.template.json', 'bare.out/ParentInnerABC123.nested.template.json']);
    write('meta.out/manifest.json', manifest);
    write('meta.out/Parent.template.json', JSON.stringify(stack({ 'aws:asset:path': 'ParentInnerABC123.nested.template.json' })));
    write('meta.out/ParentInnerABC123.nested.template.json', cfn('NestedBucket'));
    expect(loadPaths([path.join(scratch.dir(), 'meta.out')], { cwd: scratch.dir() }).templates.map((t) => t.file)).toEqual(['meta.out/Parent.template.json', 'meta.out/ParentInnerABC123.nested.template.json']);
  });

  test('node_modules and folders whose name begins with a dot are not descended into: a project root checks its templates, not its dependencies', () => {
    write('project/stacks/app.json', cfn('AppBucket'));
    write('project/node_modules/pkg/fixtures/list.json', '[1, 2]');
    write('project/node_modules/pkg/template.json', cfn('DependencyBucket'));
    write('project/.terraform/modules/modules.json', '[]');
    write('project/.git/hooks/x.json', '"x"');
    write('project/node_modules_old/kept.json', cfn('KeptBucket'));
    const { templates, failed } = loadPaths([path.join(scratch.dir(), 'project')], { cwd: scratch.dir(), keepGoing: true });
    expect([templates.map((t) => t.file), failed]).toEqual([['project/node_modules_old/kept.json', 'project/stacks/app.json'], []]);
  });

  test('a file of the folder that cannot be parsed is an error (it may be a template); with keepGoing the others still load', () => {
    write('mixed/a.json', cfn('Good'));
    write('mixed/b.yaml', 'Resources:\n  B: [unclosed\n');
    const folder = path.join(scratch.dir(), 'mixed');
    expect(() => loadPaths([folder], { cwd: scratch.dir() })).toThrow(/^mixed\/b\.yaml: malformed YAML at line \d+, column \d+/);
    const { templates, inputs, failed } = loadPaths([folder], { cwd: scratch.dir(), keepGoing: true });
    expect(templates.map((t) => t.file)).toEqual(['mixed/a.json']);
    expect(inputs).toEqual([{ path: folder, kind: 'folder', files: ['mixed/a.json'] }]);
    expect(failed).toEqual([{ path: 'mixed/b.yaml', message: expect.stringMatching(/^mixed\/b\.yaml: malformed YAML/) }]);
  });
});
