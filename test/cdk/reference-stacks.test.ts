import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { createAwsApp } from '../../cdk/app';

/**
 * cfn-lint warnings the kit explains instead of fixing. Each names the exact resource and why the
 * finding does not apply; anything else fails the test.
 */
const EXPLAINED_CFN_LINT_WARNINGS: Record<string, string> = {
  'W3005 AWS679f53fac002430cb0da5b7982bd2287ServiceRole': "aws-cdk-lib's AwsCustomResource provider function depends on its role construct as every CDK Lambda function does; with the GetAtt of the role that DependsOn is redundant but harmless.",
  'W3005 TrailLogsRole': "CDK's Trail depends on its whole log-role construct so that the role's separate policy resource exists before CloudTrail checks delivery; the role itself in that DependsOn is redundant but harmless.",
};

describe('AWS reference stacks', () => {
  let outdir: string;
  let templates: Record<string, any>;

  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-cdk-'));
    const { app } = createAwsApp({ outdir });
    const assembly = app.synth();
    templates = Object.fromEntries(assembly.stacks.map((s) => [s.stackName, JSON.parse(fs.readFileSync(path.join(outdir, s.templateFile), 'utf8'))]));
  });

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('synthesizes both stacks without an account or region', () => {
    expect(Object.keys(templates).sort()).toEqual(['ForensicReadinessStack', 'MlWorkloadStack']);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    for (const name of Object.keys(templates)) expect(manifest.artifacts[name].environment).toBe('aws://unknown-account/unknown-region');
  });

  test('pins the logical ids of the evidence stores: a changed id replaces the bucket and loses evidence', () => {
    const ids = (stack: string, type: string) => Object.entries(templates[stack].Resources).filter(([, r]: [string, any]) => r.Type === type).map(([id]) => id).sort();
    // The investigation pack's results bucket and key are not evidence stores, but retained all the same.
    expect(ids('ForensicReadinessStack', 'AWS::S3::Bucket')).toEqual(['ConfigurationHistoryStagingEF66F6F8', 'Evidence1F48D0F2', 'EvidenceAccessLogs331597FD', 'InvestigationPackResultsE56F1B2F']);
    expect(ids('ForensicReadinessStack', 'AWS::KMS::Key')).toEqual(['EvidenceKey11A13AF7', 'InvestigationPackResultsKeyB89BFC51']);
    expect(ids('ForensicReadinessStack', 'AWS::Logs::LogGroup')).toEqual(['TrailLogGroup4CBE3AF5']);
    expect(ids('MlWorkloadStack', 'AWS::S3::Bucket')).toEqual(['AccessLogStaging538B40E2', 'BedrockInvocationLoggingStaging1ED1DB43', 'JobLogsStaging0477864F', 'TrainingData3FDB6D34', 'WorkloadEvidence0AFC4D54', 'WorkloadEvidenceAccessLogs2123AD79']);
    expect(ids('MlWorkloadStack', 'AWS::KMS::Key')).toEqual(['TrainingDataKeyFA2E075F', 'WorkloadEvidenceKeyD63ADAF0']);
    expect(ids('MlWorkloadStack', 'AWS::Logs::LogGroup')).toEqual(['BedrockInvocationLoggingLogGroup1DED09F9', 'EndpointForensicLogGroup9F0EA39A', 'FlowLogsLogGroup9853A85F', 'JobLogsNotebookInstances14E89643', 'JobLogsProcessingJobsF7E41072', 'JobLogsStudio9797132F', 'JobLogsTrainingJobsE0C373E4', 'JobLogsTransformJobsE060C7BC']);
  });

  test('every evidence store is retained on delete and on replacement', () => {
    for (const t of Object.values(templates)) {
      for (const r of Object.values<any>(t.Resources)) {
        if (['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup'].includes(r.Type)) {
          expect([r.Type, r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual([r.Type, 'Retain', 'Retain']);
        }
      }
    }
  });

  test('uses the locked defaults: every Object Lock retention is COMPLIANCE, never GOVERNANCE', () => {
    const modes = Object.values(templates).flatMap((t) => Object.values<any>(t.Resources).filter((r) => r.Properties?.ObjectLockConfiguration).map((r) => r.Properties.ObjectLockConfiguration.Rule.DefaultRetention.Mode));
    expect(modes).toEqual(['COMPLIANCE', 'COMPLIANCE']);
  });

  test("the trail records the workload's training-data bucket and endpoint through cross-stack references", () => {
    const trail = Object.values<any>(templates.ForensicReadinessStack.Resources).find((r) => r.Type === 'AWS::CloudTrail::Trail');
    const selectors = JSON.stringify(trail.Properties.AdvancedEventSelectors);
    expect(selectors).toMatch(/Fn::ImportValue.*TrainingData/);
    expect(selectors).toMatch(/AWS::SageMaker::Endpoint.*Fn::ImportValue.*Endpoint/);
  });

  test('the account stack deploys the complete investigation pack: every AWS query, the four tables, the Logs Insights definitions', () => {
    const resources = Object.values<any>(templates.ForensicReadinessStack.Resources);
    const of = (type: string) => resources.filter((r) => r.Type === type).map((r) => r.Properties);
    const queries = fs.readdirSync(path.join(__dirname, '..', '..', 'queries', 'aws')).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '').replace(/-/g, '_'));
    expect(of('AWS::Athena::PreparedStatement').map((p) => p.StatementName).sort()).toEqual(queries.sort());
    expect(of('AWS::Glue::Table').map((p) => p.TableInput.Name).sort()).toEqual(['cloudtrail_logs', 'resolver_query_logs', 'sagemaker_data_capture', 'vpc_flow_logs']);
    const capture = of('AWS::Glue::Table').find((p) => p.TableInput.Name === 'sagemaker_data_capture');
    // The workload's endpoint and variant, and its evidence bucket through a cross-stack reference.
    expect(capture.TableInput.Parameters).toMatchObject({ 'projection.endpoint.values': 'forensic-example-endpoint', 'projection.variant.values': 'primary' });
    expect(JSON.stringify(capture.TableInput.Parameters['storage.location.template'])).toMatch(/Fn::ImportValue.*WorkloadEvidence.*sagemaker-data-capture\/\$\{endpoint\}\/\$\{variant\}\/\$\{datehour\}/);
    expect(of('AWS::Logs::QueryDefinition').map((p) => p.Name).sort()).toEqual(['credential-origin', 'data-writes', 'endpoint-callers', 'endpoint-volume', 'evidence-tampering'].map((id) => `forensic-readiness/${id}`));
    expect(of('AWS::Athena::NamedQuery')).toEqual([]);
  });

  test('the kit raises no warning on its reference stacks', () => {
    const { app } = createAwsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'frk-cdk-w-')) });
    for (const stack of app.node.children) {
      const found = Annotations.fromStack(stack as never).findWarning('*', Match.stringLikeRegexp('forensic-readiness:'));
      expect(found.map((w) => w.entry.data)).toEqual([]);
    }
  });

  test('every template passes cfn-lint with zero errors, and each warning is explained', () => {
    const which = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (which.error || which.status !== 0) throw new Error('cfn-lint is not installed: it is required (pip install cfn-lint)');
    const files = Object.keys(templates).map((n) => path.join(outdir, `${n}.template.json`));
    const run = spawnSync('cfn-lint', ['--format', 'json', ...files], { encoding: 'utf8' });
    const findings = JSON.parse(run.stdout || '[]') as Array<{ Level: string; Rule: { Id: string }; Location: { Path: string[] }; Message: string }>;
    const errors = findings.filter((f) => f.Level === 'Error');
    expect(errors.map((e) => `${e.Rule.Id} ${e.Location.Path.join('/')}: ${e.Message}`)).toEqual([]);
    const unexplained = findings
      .filter((f) => f.Level !== 'Error')
      .filter((f) => !Object.keys(EXPLAINED_CFN_LINT_WARNINGS).some((k) => { const [rule, res] = k.split(' '); return f.Rule.Id === rule && f.Message.includes(res); }));
    expect(unexplained.map((e) => `${e.Rule.Id}: ${e.Message}`)).toEqual([]);
  });

  test("cdk-nag's AwsSolutions and NIST 800-53 R5 packs find no unacknowledged error", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-nag-'));
    const { app } = createAwsApp({ outdir: dir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
    expect(() => app.synth()).not.toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('cdk-nag acknowledgements each carry a specific reason', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-ack-'));
    const { app } = createAwsApp({ outdir: dir });
    const reasons: string[] = [];
    for (const c of app.node.findAll()) {
      for (const m of c.node.metadata) if (m.type === 'aws:cdk:acknowledged-rules') reasons.push(...Object.values(m.data as Record<string, string>));
    }
    expect(reasons.length).toBeGreaterThan(5);
    for (const r of reasons) expect(r.length).toBeGreaterThan(60);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
