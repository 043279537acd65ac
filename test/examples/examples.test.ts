/**
 * Every example under examples/ synthesizes, holds the resources it promises, and passes the kit's
 * checks; each acknowledge example proves its finding (or kit warning) fires without the
 * acknowledgement and is waived with it, and in-synth-checks.ts that validateScope judges a stack
 * without synthesizing it.
 * The examples import the published package names (`forensic-readiness-kit/aws`); jest maps them
 * to the sources (moduleNameMapper), `npm run typecheck` type-checks them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, App as CdkApp, Stack } from 'aws-cdk-lib';
import { Annotations as StackAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { App as CdktfApp, TerraformStack } from 'cdktf';
import { buildModel, loadDocument, loadPaths, runRules } from '../../policies/engine';
import { acknowledgeKitWarning, WARNINGS } from '../../constructs/core';
import type { AuditTrail } from '../../constructs/aws';
import type { EvidenceStorage } from '../../constructs/azure';
import type { EvidenceBucket as GcpEvidenceBucket } from '../../constructs/gcp';
import { ForensicReadinessChecks } from '../../policies/adapters/aws';
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
const awsAcknowledgeWarning = example<{ build(app: CdkApp): Stack; buildUnacknowledged(app: CdkApp): Stack }>('examples/aws/acknowledge-warning.ts');
const awsInSynthChecks = example<{ build(app: CdkApp): Stack; findingsOf(stack: Stack): string[] }>('examples/aws/in-synth-checks.ts');
const gcpAcknowledge = example<{
  build(app: CdktfApp): TerraformStack;
  buildUnacknowledged(app: CdktfApp): { stack: TerraformStack; healthChecks: ComputeFirewall };
}>('examples/gcp/acknowledge.ts');
const gcpQuickStart = example<{ build(app: CdktfApp): TerraformStack }>('examples/gcp/quick-start.ts');
const azureQuickStart = example<{ build(app: CdktfApp): TerraformStack }>('examples/azure/quick-start.ts');

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-examples-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
const outdir = (): string => fs.mkdtempSync(path.join(tmpRoot, 'out-'));

// Until EvidenceBucket works in an app without this flag, the test sets it as `cdk init` does.
const cdkApp = (): CdkApp => new CdkApp({ outdir: outdir() });

interface Judged {
  readonly findings: string[];
  readonly suppressed: string[];
}

/** Every finding of the kit's rules over a synthesized folder (or templates in memory), as `ruleId severity resource` lines. */
function judge(folder: string | Parameters<typeof buildModel>[0]): Judged {
  const templates = typeof folder === 'string' ? loadPaths([folder]).templates : folder;
  const result = runRules(buildModel(templates), ALL_RULES);
  const line = (f: (typeof result.findings)[number]): string => `${f.ruleId} ${f.severity} ${f.constructPath ?? f.address}`;
  return { findings: result.findings.map(line), suppressed: result.suppressed.map((f) => `${line(f)}: ${f.suppressed?.reason}`) };
}

/** What `synth` writes to stderr (the acknowledged findings), kept off the test output. */
function quietly<T>(synth: () => T): { value: T; stderr: string } {
  let stderr = '';
  const log = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const warn = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return { value: synth(), stderr };
  } finally {
    log.mockRestore();
    warn.mockRestore();
  }
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

describe('examples/aws/acknowledge-warning.ts', () => {
  const SOAK = WARNINGS.SOAK_MODE;
  const REASON = 'Trial account: evidence here is disposable until go-live.';
  const soakWarnings = (stack: Stack): unknown[] => StackAnnotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`\\[${SOAK}\\]`));

  test('without the acknowledgement, the SOAK evidence bucket warns at synth', () => {
    const stack = awsAcknowledgeWarning.buildUnacknowledged(cdkApp());
    expect(quietly(() => soakWarnings(stack)).value).toEqual([expect.objectContaining({ id: '/Trial/Evidence' })]);
  });

  test('with it, the warning is waived, and AWS.S3.ObjectLockGovernance still judges the bucket (synth passes: a warning)', () => {
    const app = cdkApp();
    const stack = awsAcknowledgeWarning.build(app);
    const { value: assembly } = quietly(() => app.synth());
    expect(quietly(() => soakWarnings(stack)).value).toEqual([]);
    const evidence = stack.getLogicalId(stack.node.findChild('Evidence').node.findChild('Resource').node.defaultChild as CfnBucket);
    expect(judge(assembly.directory)).toEqual({ findings: [`AWS.S3.ObjectLockGovernance warning ${evidence}`], suppressed: [] });
    expect(Template.fromStack(stack).toJSON().Resources[evidence].Properties.ObjectLockConfiguration.Rule.DefaultRetention.Mode).toBe('GOVERNANCE');
  });

  test('an acknowledgement made after the constructs waives nothing: they look for it in their constructors', () => {
    const stack = awsAcknowledgeWarning.buildUnacknowledged(cdkApp());
    acknowledgeKitWarning(stack, SOAK, REASON);
    expect(quietly(() => soakWarnings(stack)).value).toHaveLength(1);
  });

  test("CDK's own Annotations.of(scope).acknowledgeWarning(id, reason) waives it too", () => {
    const stack = awsAcknowledgeWarning.buildUnacknowledged(cdkApp());
    Annotations.of(stack).acknowledgeWarning(SOAK, REASON);
    expect(quietly(() => soakWarnings(stack)).value).toEqual([]);
  });
});

describe('examples/aws/in-synth-checks.ts', () => {
  const escapeHatch = (stack: Stack): { trail: CfnTrail; evidence: CfnBucket } => ({
    trail: (stack.node.findChild('Trail') as AuditTrail).trail.node.defaultChild as CfnTrail,
    evidence: stack.node.findChild('Evidence').node.findChild('Resource').node.defaultChild as CfnBucket,
  });

  test('synthesizes with the plugin failing on warnings, and no finding at all', () => {
    const app = cdkApp();
    const stack = awsInSynthChecks.build(app);
    const assembly = app.synth();
    expect(awsInSynthChecks.findingsOf(stack)).toEqual([]);
    expect(judge(assembly.directory)).toEqual({ findings: [], suppressed: [] });
  });

  test('findingsOf judges the stack from the construct tree, without synthesizing the app', () => {
    const app = cdkApp();
    const stack = awsInSynthChecks.build(app);
    escapeHatch(stack).trail.enableLogFileValidation = false;
    expect(awsInSynthChecks.findingsOf(stack)).toEqual(['AWS.CloudTrail.LogFileValidation InSynthChecks/Trail/Resource/Resource']);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
    // The plugin judges the same on `cdk synth`.
    expect(synthError(() => app.synth())).toMatch(/InSynthChecks\/Trail[\s\S]*AWS\.CloudTrail\.LogFileValidation/);
  });

  test("failOn: 'warning': a warning finding (GOVERNANCE mode) fails synth too", () => {
    const app = cdkApp();
    const stack = awsInSynthChecks.build(app);
    escapeHatch(stack).evidence.addPropertyOverride('ObjectLockConfiguration.Rule.DefaultRetention.Mode', 'GOVERNANCE');
    expect(awsInSynthChecks.findingsOf(stack)).toEqual(['AWS.S3.ObjectLockGovernance InSynthChecks/Evidence/Resource/Resource']);
    expect(ALL_RULES.find((r) => r.id === 'AWS.S3.ObjectLockGovernance')?.severity).toBe('warning');
    // The default failOn ('error') would let it pass; the example's plugin fails synth on it.
    expect(new ForensicReadinessChecks().validateScope(stack).success).toBe(true);
    expect(synthError(() => app.synth())).toMatch(/InSynthChecks\/Evidence[\s\S]*AWS\.S3\.ObjectLockGovernance/);
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

describe('examples/gcp/acknowledge.ts', () => {
  const RULE = 'GCP.Network.FirewallLogging';
  const REASON = "Admits only Google's health-check probes; logging them would bury the real connections.";

  test('without the acknowledgement, GCP.Network.FirewallLogging fails synth on the health-check firewall rule', () => {
    const app = new CdktfApp({ outdir: outdir() });
    const { stack, healthChecks } = gcpAcknowledge.buildUnacknowledged(app);
    expect(synthError(() => app.synth())).toMatch(/\[gcp-acknowledge\/AllowHealthChecks\] GCP\.Network\.FirewallLogging/);
    // The same finding from the Terraform JSON synth would write, and it is the only one.
    expect(judge([loadDocument(stack.toTerraform(), 'gcp-acknowledge/cdk.tf.json')])).toEqual({ findings: [`${RULE} error ${healthChecks.node.path}`], suppressed: [] });
  });

  test("with it, synth passes and the finding is listed as acknowledged, with its reason, from the resource's // comment", () => {
    const app = new CdktfApp({ outdir: outdir() });
    gcpAcknowledge.build(app);
    const { stderr } = quietly(() => app.synth());
    expect(stderr).toContain(`forensic-readiness: acknowledged ${RULE} on gcp-acknowledge/AllowHealthChecks: ${REASON}`);
    expect(judge(app.outdir)).toEqual({ findings: [], suppressed: [`${RULE} error gcp-acknowledge/AllowHealthChecks: ${REASON}`] });
    const [firewall] = resources(terraformOf(app, 'gcp-acknowledge'), 'google_compute_firewall');
    expect((firewall['//'] as Record<string, unknown>)['forensic-readiness']).toEqual({ acknowledgements: [{ ruleId: RULE, reason: REASON }] });
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
