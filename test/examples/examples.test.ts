/**
 * Every example under examples/ synthesizes, holds the resources it promises, and passes the kit's
 * checks; acknowledge.ts proves its finding fires without the acknowledgement and is waived with it.
 * The examples import the published package names (`forensic-readiness-kit/aws`); jest maps them
 * to the sources (moduleNameMapper), `npm run typecheck` type-checks them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { App as CdktfApp, TerraformStack } from 'cdktf';
import { buildModel, loadPaths, runRules } from '../../policies/engine';
import type { AuditTrail } from '../../constructs/aws';
import type { EvidenceStorage } from '../../constructs/azure';
import type { EvidenceBucket as GcpEvidenceBucket } from '../../constructs/gcp';
import { ALL_RULES } from '../../policies/rules';

const ROOT = path.join(__dirname, '..', '..');

/**
 * An example module, loaded the way jest resolves it (through the package-name mapping). Loaded
 * with require, so that the type-check of the tests does not depend on it; the examples are
 * type-checked as examples.
 */
function example<T>(file: string): T {
  return require(path.join(ROOT, file)) as T;
}

const awsQuickStart = example<{ build(app: CdkApp): Stack }>('examples/aws/quick-start.ts');
const awsAcknowledge = example<{
  build(app: CdkApp): Stack;
  buildUnacknowledged(app: CdkApp): { stack: Stack; buildCache: Bucket };
}>('examples/aws/acknowledge.ts');
const gcpQuickStart = example<{ build(app: CdktfApp): TerraformStack }>('examples/gcp/quick-start.ts');
const azureQuickStart = example<{ build(app: CdktfApp): TerraformStack }>('examples/azure/quick-start.ts');

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-examples-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
const outdir = (): string => fs.mkdtempSync(path.join(tmpRoot, 'out-'));

// Until EvidenceBucket works in an app without this flag, the test sets it as `cdk init` does.
const cdkApp = (): CdkApp => new CdkApp({ outdir: outdir(), context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });

interface Judged {
  readonly findings: string[];
  readonly suppressed: string[];
}

/** Every finding of the kit's rules over a synthesized folder, as `ruleId severity resource` lines. */
function judge(folder: string): Judged {
  const { templates } = loadPaths([folder]);
  const result = runRules(buildModel(templates), ALL_RULES);
  const line = (f: (typeof result.findings)[number]): string => `${f.ruleId} ${f.severity} ${f.constructPath ?? f.address}`;
  return { findings: result.findings.map(line), suppressed: result.suppressed.map((f) => `${line(f)}: ${f.suppressed?.reason}`) };
}

function synthError(synth: () => unknown): string {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    synth();
  } catch (err) {
    return (err as Error).message;
  } finally {
    spy.mockRestore();
  }
  throw new Error('synth passed');
}

type TfJson = { resource: Record<string, Record<string, Record<string, unknown>>> };

function terraformOf(app: CdktfApp, stack: string): TfJson {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as TfJson;
}

function resources(json: TfJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}

describe('the examples', () => {
  test.each([
    ['forensic-readiness-kit/aws', 'constructs/aws/index.ts'],
    ['forensic-readiness-kit/gcp', 'constructs/gcp/index.ts'],
    ['forensic-readiness-kit/azure', 'constructs/azure/index.ts'],
    ['forensic-readiness-kit/core', 'constructs/core/index.ts'],
    ['forensic-readiness-kit/policies', 'policies/index.ts'],
    ['forensic-readiness-kit/policies/aws', 'policies/adapters/aws.ts'],
    ['forensic-readiness-kit/policies/cdktf', 'policies/adapters/cdktf.ts'],
  ])('import %s from the sources (jest moduleNameMapper), never from a stale dist/', (name, source) => {
    expect(require.resolve(name)).toBe(path.join(ROOT, source));
  });
});

describe('examples/aws/quick-start.ts', () => {
  test('synthesizes with the checks plugin, a locked evidence bucket and a trail recording the training data', () => {
    const app = cdkApp();
    const stack = awsQuickStart.build(app);
    const assembly = app.synth(); // the plugin fails synth on an error finding
    const t = Template.fromStack(stack);

    const trainingData = stack.getLogicalId(stack.node.findChild('TrainingData').node.defaultChild as CfnBucket);
    t.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } },
    });
    t.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      AdvancedEventSelectors: Match.arrayWith([
        Match.objectLike({
          FieldSelectors: Match.arrayWith([
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            { Field: 'resources.ARN', StartsWith: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [trainingData, 'Arn'] }, '/']] }] },
          ]),
        }),
      ]),
    });
    expect(judge(assembly.directory)).toEqual({ findings: [], suppressed: [] });
  });

  test('registers the checks: a trail weakened through an escape hatch fails synth', () => {
    const app = cdkApp();
    const stack = awsQuickStart.build(app);
    ((stack.node.findChild('Trail') as AuditTrail).trail.node.defaultChild as CfnTrail).enableLogFileValidation = false;
    expect(synthError(() => app.synth())).toMatch(/QuickStart\/Trail[\s\S]*AWS\.CloudTrail\.LogFileValidation/);
  });
});

describe('examples/aws/acknowledge.ts', () => {
  const REASON = 'CI build cache: rebuilt from source on every run and expired after 7 days; it never holds training data or models.';

  test('without the acknowledgement, AWS.CloudTrail.S3DataEvents fails synth on the build cache', () => {
    const app = cdkApp();
    const { stack, buildCache } = awsAcknowledge.buildUnacknowledged(app);
    const message = synthError(() => app.synth());
    expect(message).toMatch(/Acknowledge\/BuildCache[\s\S]*AWS\.CloudTrail\.S3DataEvents/);
    // The same finding from the templates synth wrote, and it is the only one.
    const cache = stack.getLogicalId(buildCache.node.defaultChild as CfnBucket);
    expect(judge(app.outdir)).toEqual({ findings: [`AWS.CloudTrail.S3DataEvents error ${cache}`], suppressed: [] });
  });

  test('with it, synth passes and the finding is listed as acknowledged, with its reason, from the template', () => {
    const app = cdkApp();
    const stack = awsAcknowledge.build(app);
    const log = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let assembly;
    try {
      assembly = app.synth();
    } finally {
      log.mockRestore();
    }
    const cache = stack.getLogicalId(stack.node.findChild('BuildCache').node.defaultChild as CfnBucket);
    expect(judge(assembly.directory)).toEqual({ findings: [], suppressed: [`AWS.CloudTrail.S3DataEvents error ${cache}: ${REASON}`] });
    expect(Template.fromStack(stack).toJSON().Resources[cache].Metadata['forensic-readiness']).toEqual({
      acknowledgements: [{ ruleId: 'AWS.CloudTrail.S3DataEvents', reason: REASON }],
    });
  });
});

describe('examples/gcp/quick-start.ts', () => {
  test('synthesizes with the checks, a locked CMEK evidence bucket, Data Access audit logs and sinks into locked storage', () => {
    const app = new CdktfApp({ outdir: outdir() });
    gcpQuickStart.build(app);
    app.synth(); // the checks fail synth on an error finding
    const json = terraformOf(app, 'gcp-quick-start');

    expect(resources(json, 'google_storage_bucket')).toContainEqual(
      expect.objectContaining({
        name: 'acme-ml-prod-evidence',
        retention_policy: { is_locked: true, retention_period: 31536000 },
        encryption: { default_kms_key_name: expect.stringContaining('google_kms_crypto_key.') },
      }),
    );
    expect(resources(json, 'google_project_iam_audit_config')).toEqual([
      expect.objectContaining({ project: 'acme-ml-prod', service: 'allServices', audit_log_config: [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }] }),
    ]);
    expect(resources(json, 'google_logging_project_bucket_config')).toEqual([expect.objectContaining({ locked: true, retention_days: 365 })]);
    const destinations = resources(json, 'google_logging_project_sink').map((s) => String(s.destination));
    expect(destinations).toEqual([expect.stringMatching(/^logging\.googleapis\.com\/\$\{google_logging_project_bucket_config\./), expect.stringMatching(/^storage\.googleapis\.com\/\$\{google_storage_bucket\./)]);
    expect(judge(app.outdir)).toEqual({ findings: [], suppressed: [] });
  });

  test('registers the checks: an unlocked evidence bucket fails synth', () => {
    const app = new CdktfApp({ outdir: outdir() });
    const stack = gcpQuickStart.build(app);
    (stack.node.findChild('Evidence') as GcpEvidenceBucket).bucket.addOverride('retention_policy.is_locked', false);
    expect(synthError(() => app.synth())).toMatch(/\[gcp-quick-start\/Evidence\/Resource\] GCP\.Storage\.RetentionLocked/);
  });
});

describe('examples/azure/quick-start.ts', () => {
  test('synthesizes with the checks, an immutable evidence account, a workspace and the Activity Log exported into both', () => {
    const app = new CdktfApp({ outdir: outdir() });
    azureQuickStart.build(app);
    app.synth();
    const json = terraformOf(app, 'azure-quick-start');

    expect(resources(json, 'azurerm_storage_account')).toEqual([expect.objectContaining({ name: 'acmeforensicevidence', shared_access_key_enabled: false })]);
    expect(resources(json, 'azurerm_storage_container_immutability_policy')).toEqual([
      expect.objectContaining({ locked: true, immutability_period_in_days: 365, protected_append_writes_enabled: true }),
    ]);
    expect(resources(json, 'azurerm_log_analytics_workspace')).toEqual([expect.objectContaining({ name: 'acme-forensic-logs', local_authentication_enabled: false })]);
    const [setting] = resources(json, 'azurerm_monitor_diagnostic_setting');
    expect(setting).toEqual(
      expect.objectContaining({
        target_resource_id: '/subscriptions/11111111-2222-3333-4444-555555555555',
        storage_account_id: expect.stringContaining('azurerm_storage_account.'),
        log_analytics_workspace_id: expect.stringContaining('azurerm_log_analytics_workspace.'),
      }),
    );
    expect((setting.enabled_log as { category: string }[]).map((l) => l.category)).toEqual(['Administrative', 'Security', 'ServiceHealth', 'Alert', 'Recommendation', 'Policy', 'Autoscale', 'ResourceHealth']);
    expect(judge(app.outdir)).toEqual({ findings: [], suppressed: [] });
  });

  test('registers the checks: shared keys switched back on fail synth', () => {
    const app = new CdktfApp({ outdir: outdir() });
    const stack = azureQuickStart.build(app);
    (stack.node.findChild('Evidence') as EvidenceStorage).account.addOverride('shared_access_key_enabled', true);
    expect(synthError(() => app.synth())).toMatch(/\[azure-quick-start\/Evidence\/Resource\] AZURE\.Storage\.SharedKeyDisabled/);
  });
});
