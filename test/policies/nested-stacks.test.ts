/**
 * CloudFormation nested stacks named by a TemplateURL (or a SAM Location), not by CDK's
 * aws:asset:path: a local one is read as `aws cloudformation package` reads it (relative to the
 * parent's folder) and judged; a missing one is an input not read (exit 2); a remote one, or one
 * only the deploy knows, is named in every report as not followed; a cycle ends.
 */
import type { CliIo } from '../../bin/cli';
import { FIXTURE_RULES } from './fixture-rules';
import { scratchFolder } from './helpers';
import { Run, runMain } from '../run-main';

const scratch = scratchFolder('fr-nested-');
const run = (argv: string[], io: Partial<CliIo> = {}): Run => runMain(argv, { cwd: scratch.dir(), rules: FIXTURE_RULES, ...io });
const write = (name: string, doc: unknown) => {
  scratch.write(name, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 1));
  return name;
};
const lastLine = (text: string) => text.trimEnd().split('\n').pop();

const locked = { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, ObjectLockConfiguration: { Rule: { DefaultRetention: { Days: 400 } } } } };
const open = { Type: 'AWS::S3::Bucket', Properties: {} };
const stack = (templateUrl: unknown) => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: templateUrl } });
const addresses = (json: { findings: { address: string; file: string }[] }) => json.findings.map((f) => `${f.file} ${f.address}`);

describe('a local TemplateURL is followed, relative to the parent\'s folder, and judged', () => {
  test('parent, child in a subfolder (YAML), and the child\'s own nested stack relative to the child', () => {
    write('a/parent.json', { Resources: { Ok: locked, Audit: stack('./nested/child.yaml') } });
    write('a/nested/child.yaml', 'Resources:\n  ChildOpen:\n    Type: AWS::S3::Bucket\n  Deeper:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: deeper/grandchild.json\n');
    write('a/nested/deeper/grandchild.json', { Resources: { GrandOpen: open } });
    const r = run(['check', 'a/parent.json', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(addresses(json)).toEqual(['a/nested/child.yaml ChildOpen', 'a/nested/deeper/grandchild.json GrandOpen']);
    expect(json.inputs).toEqual([{ path: 'a/parent.json', kind: 'cloudformation', files: ['a/parent.json', 'a/nested/child.yaml', 'a/nested/deeper/grandchild.json'] }]);
    expect(json.inputCoverage.nestedStacksNotFollowed).toEqual([]);
    expect(json.inputCoverage.files[0].nestedStacks).toEqual([{ name: 'Audit', by: 'TemplateURL', template: './nested/child.yaml', followed: true }]);
  });

  test('a missing one is an input not read (exit 2), named with its parent and TemplateURL; the parent is still judged', () => {
    write('b/parent.json', { Resources: { Open: open, Audit: stack('child.yaml') } });
    const r = run(['check', 'b/parent.json', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('forensic-readiness: b/child.yaml: no such file or folder (the template of nested stack Audit of b/parent.json, by its TemplateURL child.yaml)\n');
    const json = JSON.parse(r.stdout);
    expect([json.status, addresses(json)]).toEqual(['failed', ['b/parent.json Open']]);
    expect(json.unread).toEqual([{ path: 'b/child.yaml', message: 'b/child.yaml: no such file or folder (the template of nested stack Audit of b/parent.json, by its TemplateURL child.yaml)' }]);
  });

  test('one that is no CloudFormation template is an input not read too', () => {
    write('c/parent.json', { Resources: { Ok: locked, Audit: stack('child.tf.json') } });
    write('c/child.tf.json', { resource: { google_storage_bucket: { b: {} } } });
    const r = run(['check', 'c/parent.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('forensic-readiness: c/child.tf.json: expected a CloudFormation template here, found terraform-json\n');
  });

  test('a template nesting itself, or its parent, is read once: the run ends', () => {
    write('d/self.json', { Resources: { Open: open, Again: stack('./self.json') } });
    write('d/a.json', { Resources: { A: open, ToB: stack('b.json') } });
    write('d/b.json', { Resources: { B: open, BackToA: stack('a.json') } });
    const self = JSON.parse(run(['check', 'd/self.json', '--format', 'json']).stdout);
    expect([addresses(self), self.inputs[0].files]).toEqual([['d/self.json Open'], ['d/self.json']]);
    const ring = JSON.parse(run(['check', 'd/a.json', '--format', 'json']).stdout);
    expect([addresses(ring), ring.inputs[0].files]).toEqual([['d/a.json A', 'd/b.json B'], ['d/a.json', 'd/b.json']]);
  });

  test('a SAM AWS::Serverless::Application with a local Location is followed too', () => {
    write('e/template.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  App:\n    Type: AWS::Serverless::Application\n    Properties:\n      Location: ./app.yaml\n');
    write('e/app.yaml', 'Resources:\n  AppOpen:\n    Type: AWS::S3::Bucket\n');
    expect(addresses(JSON.parse(run(['check', 'e/template.yaml', '--format', 'json']).stdout))).toEqual(['e/app.yaml AppOpen']);
  });
});

describe('a remote TemplateURL, or one known only at deploy, is named in every report as not followed', () => {
  const parent = () =>
    write('r/parent.json', {
      Resources: {
        Ok: locked,
        Https: stack('https://s3.amazonaws.com/bucket/child.yaml'),
        S3: stack('s3://bucket/child.yaml'),
        Token: stack({ 'Fn::Sub': 'https://${Bucket}.s3.amazonaws.com/child.yaml' }),
        Sar: { Type: 'AWS::Serverless::Application', Properties: { Location: { ApplicationId: 'arn:aws:serverlessrepo:us-east-1:123456789012:applications/x', SemanticVersion: '1.0.0' } } },
      },
    });
  const NAMES = [
    'Https: TemplateURL https://s3.amazonaws.com/bucket/child.yaml',
    'S3: TemplateURL s3://bucket/child.yaml',
    'Token: TemplateURL a value known only at deploy',
    'Sar: Location application arn:aws:serverlessrepo:us-east-1:123456789012:applications/x 1.0.0',
  ];
  const LINE = `4 nested stacks not followed, their templates not read (${NAMES.join(', ')})`;

  test('text: the coverage head counts them and the file line names each; the run is judged as before (exit 0)', () => {
    const r = run(['check', parent()]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Coverage of the input: 1 of 5 resources judged in 1 file; 4 nested stacks not followed');
    expect(r.stdout).toContain(`\n  r/parent.json: 1 of 5 resources judged; not judged: AWS::CloudFormation::Stack 3, AWS::Serverless::Application 1; ${LINE}\n`);
  });

  test('json and sarif: inputCoverage.nestedStacksNotFollowed, and each file\'s nestedStacks', () => {
    const json = JSON.parse(run(['check', parent(), '--format', 'json']).stdout);
    expect(json.inputCoverage.nestedStacksNotFollowed).toEqual(NAMES);
    expect(json.inputCoverage.files[0].nestedStacks.map((n: { followed: boolean }) => n.followed)).toEqual([false, false, false, false]);
    expect(JSON.parse(run(['check', parent(), '--format', 'sarif']).stdout).runs[0].properties.inputCoverage.nestedStacksNotFollowed).toEqual(NAMES);
  });

  test('markdown and html: the same line', () => {
    expect(run(['check', parent(), '--format', 'markdown']).stdout).toContain(`- r/parent.json: 1 of 5 resources judged; not judged: AWS::CloudFormation::Stack 3, AWS::Serverless::Application 1; ${LINE}\n`);
    const html = run(['check', parent(), '--format', 'html']).stdout;
    expect(html).toContain('<p id="input-coverage-head">1 of 5 resources judged in 1 file; 4 nested stacks not followed</p>');
    expect(html).toContain(`<p class="small warning nested-not-followed"><code>r/parent.json</code>: ${LINE.replace(/'/g, '&#39;')}</p>`);
  });

  test('nothing judged: the reason names the nested stacks not followed', () => {
    write('r/only.json', { Resources: { Https: stack('https://example.com/child.yaml') } });
    const r = run(['check', 'r/only.json']);
    expect(r.code).toBe(1);
    expect(lastLine(r.stdout)).toBe(
      'NOTHING JUDGED: 1 resource of 1 type (AWS::CloudFormation::Stack 1); no rule applies to it; 1 nested stack not followed, its template not read (Https: TemplateURL https://example.com/child.yaml) (fail on: error)',
    );
  });

  test('a CDK nested stack (aws:asset:path beside an S3 TemplateURL) is followed by its asset, not named', () => {
    write('cdk/Parent.template.json', { Resources: { Ok: locked, Nested: { ...stack('https://s3.amazonaws.com/cdk-assets/x.json'), Metadata: { 'aws:asset:path': 'ParentNested.nested.template.json' } } } });
    write('cdk/ParentNested.nested.template.json', { Resources: { NestedOpen: open } });
    write('cdk/manifest.json', { version: '36.0.0', artifacts: { Parent: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Parent.template.json' } } } });
    const json = JSON.parse(run(['check', 'cdk', '--format', 'json']).stdout);
    expect(addresses(json)).toEqual(['cdk/ParentNested.nested.template.json NestedOpen']);
    expect(json.inputCoverage.nestedStacksNotFollowed).toEqual([]);
  });
});
