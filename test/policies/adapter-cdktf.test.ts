import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { DataGoogleIamPolicy } from '@cdktf/provider-google/lib/data-google-iam-policy';
import { ProjectIamPolicy } from '@cdktf/provider-google/lib/project-iam-policy';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { main } from '../../bin/cli';
import { acknowledgeRule, addForensicReadinessChecks } from '../../policies/adapters/cdktf';
import { Rule } from '../../policies/engine/types';
import { BucketLocked } from './fixture-rules';
import { AuditDataAccessLogs } from '../../policies/rules/gcp/AuditDataAccessLogs';
import { pluginLog } from './plugin-harness';

/** The fixture lock rule under a real rule id, so acknowledgeRule (which checks ids) accepts it. */
const LOCK: Rule = { ...BucketLocked, id: 'GCP.Storage.RetentionLocked', cloud: 'gcp' };
const WARN: Rule = { ...LOCK, id: 'GCP.Storage.UniformAccess', severity: 'warning' };
const REASON = 'Scratch space for CI runs, deleted every night.';

/** What the plugin logged beside CDK's report (acknowledged findings, internal failures). */
const { lines: logged, log } = pluginLog();

function stackIn(app: App, rules: readonly Rule[] = [LOCK]): TerraformStack {
  const stack = new TerraformStack(app, 'gcp');
  new GoogleProvider(stack, 'google', { project: 'evidence-project' });
  addForensicReadinessChecks(stack, { rules, log });
  return stack;
}

function app0dir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fr-cdktf-'));
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('synth passed');
}

describe('addForensicReadinessChecks', () => {
  test('fails app.synth() on a violating resource, naming the construct path, the rule and the fix', () => {
    const app = Testing.app();
    new StorageBucket(stackIn(app), 'Open', { name: 'open', location: 'EU' });
    const message = synthError(app);
    expect(message).toContain('[gcp/Open] GCP.Storage.RetentionLocked: lock is null, expected true. Fix: Set ObjectLockEnabled: true (EvidenceBucket does).');
  });

  test('an empty stack (no provider, no resource: toTerraform() is only "//") passes synth as NOTHING JUDGED, not an internal failure', () => {
    const app = Testing.app();
    addForensicReadinessChecks(new TerraformStack(app, 'empty'), { rules: [LOCK], log });
    expect(() => app.synth()).not.toThrow();
    expect(logged.join('\n')).toMatch(/^forensic-readiness: NOTHING JUDGED in empty\/cdk\.tf\.json/);
  });

  test('a stack no rule judges passes synth with one line saying NOTHING JUDGED and why', () => {
    const app = Testing.app();
    new ComputeFirewall(stackIn(app), 'Fw', { name: 'fw', network: 'default', allow: [{ protocol: 'tcp', ports: ['22'] }] });
    expect(() => app.synth()).not.toThrow();
    expect(logged).toEqual(["forensic-readiness: NOTHING JUDGED in gcp/cdk.tf.json: 1 resource of 1 type (google_compute_firewall 1); no rule applies to it; the kit's checks vouch for nothing here"]);
  });

  test('fails synth on an authoritative google_project_iam_policy whose DataGoogleIamPolicy carries no audit_config (Data Access logs off)', () => {
    const app = Testing.app();
    const stack = stackIn(app, [AuditDataAccessLogs]);
    const policy = new DataGoogleIamPolicy(stack, 'Admins', { binding: [{ role: 'roles/viewer', members: ['user:a@example.com'] }] });
    new ProjectIamPolicy(stack, 'Policy', { project: 'evidence-project', policyData: policy.policyData });
    expect(synthError(app)).toMatch(/\[gcp\/Policy\] GCP\.Audit\.DataAccessLogs: data\.google_iam_policy\.Admins of google_project_iam_policy\.Policy carries no auditConfigs/);
  });

  test('passes synth on a google_project_iam_policy whose DataGoogleIamPolicy logs all three log types for allServices', () => {
    const app = Testing.app();
    const stack = stackIn(app, [AuditDataAccessLogs]);
    const logs = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'].map((logType) => ({ logType }));
    const policy = new DataGoogleIamPolicy(stack, 'Admins', { auditConfig: [{ service: 'allServices', auditLogConfigs: logs }] });
    new ProjectIamPolicy(stack, 'Policy', { project: 'evidence-project', policyData: policy.policyData });
    expect(() => app.synth()).not.toThrow();
  });

  test('passes a compliant stack', () => {
    const app = Testing.app();
    new StorageBucket(stackIn(app), 'Locked', { name: 'locked', location: 'EU', retentionPolicy: { isLocked: true, retentionPeriod: 31536000 } });
    expect(() => app.synth()).not.toThrow();
  });

  test('passes an acknowledged resource; cdktf keeps the acknowledgement in cdk.tf.json, where the CLI sees it', () => {
    const app = Testing.app();
    const bucket = new StorageBucket(stackIn(app), 'Scratch', { name: 'scratch', location: 'EU' });
    acknowledgeRule(bucket, 'GCP.Storage.RetentionLocked', REASON);
    app.synth();
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'gcp', 'cdk.tf.json'), 'utf8'));
    const comment = json.resource.google_storage_bucket.Scratch['//'];
    expect(comment['forensic-readiness']).toEqual({ acknowledgements: [{ ruleId: 'GCP.Storage.RetentionLocked', reason: REASON }] });
    expect(comment.metadata.path).toBe('gcp/Scratch');
    expect(logged).toEqual([`forensic-readiness: acknowledged GCP.Storage.RetentionLocked on gcp/Scratch: ${REASON}`]);

    let out = '';
    const code = main(['check', app.outdir, '--format', 'json'], { stdout: (t) => (out += t), stderr: () => undefined, rules: [LOCK] });
    expect(code).toBe(0);
    expect(JSON.parse(out).suppressed).toEqual([expect.objectContaining({ address: 'google_storage_bucket.Scratch', constructPath: 'gcp/Scratch', reason: REASON })]);
  });

  test('fails closed when the checks cannot run: synth fails with the reason, never passes', () => {
    const app = Testing.app();
    const stack = stackIn(app);
    new StorageBucket(stack, 'Locked', { name: 'locked', location: 'EU', retentionPolicy: { isLocked: true, retentionPeriod: 31536000 } });
    jest.spyOn(stack, 'toTerraform').mockImplementation(() => {
      throw new Error('cannot render');
    });
    expect(synthError(app)).toContain('[gcp] forensic-readiness: the checks could not run, so synth fails (fail closed): cannot render');
    expect(logged).toEqual(['forensic-readiness: the checks could not run, so synth fails (fail closed): cannot render']);
  });

  test('refuses an app that skips validation, where the checks would never run', () => {
    const app = new App({ outdir: app0dir(), skipValidation: true });
    const stack = new TerraformStack(app, 'gcp');
    expect(() => addForensicReadinessChecks(stack)).toThrow(/stack must be a stack of an App without skipValidation/);
  });

  test('refuses something that is not a TerraformStack', () => {
    expect(() => addForensicReadinessChecks({} as never)).toThrow(/stack must be a cdktf TerraformStack/);
  });

  test('warnings become warning annotations without failing synth', () => {
    const app = Testing.app();
    const stack = stackIn(app, [WARN]);
    new StorageBucket(stack, 'Open', { name: 'open', location: 'EU' });
    expect(() => app.synth()).not.toThrow();
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.gcp.annotations).toEqual([
      expect.objectContaining({
        constructPath: 'gcp/Open',
        level: '@cdktf/warn',
        message: '[google_storage_bucket.Open] GCP.Storage.UniformAccess: lock is null, expected true. Fix: Set ObjectLockEnabled: true (EvidenceBucket does).',
      }),
    ]);
    // Under jest nothing is printed unless asked; the manifest alone carries the warning.
    expect(logged).toEqual([]);
  });

  test('prints each warning once on stderr at synth when the app is run directly (here forced by the context key)', () => {
    const app = Testing.app({ context: { 'forensic-readiness:print-warnings': true } });
    const stack = stackIn(app, [WARN]);
    new StorageBucket(stack, 'Open', { name: 'open', location: 'EU' });
    app.synth();
    expect(logged).toEqual(['[WARNING] gcp/Open: GCP.Storage.UniformAccess: lock is null, expected true. Fix: Set ObjectLockEnabled: true (EvidenceBucket does).']);
  });

  test('a construct id holding terminal controls (ESC, CR) is escaped in the synth error, the warning annotation and the stderr warning', () => {
    const app = Testing.app({ context: { 'forensic-readiness:print-warnings': true } });
    const stack = stackIn(app, [LOCK, WARN]);
    new StorageBucket(stack, 'Open\u001b[2J\r', { name: 'open', location: 'EU' });
    const message = synthError(app);
    expect(message).toContain('[gcp/Open\\u001b[2J\\r] GCP.Storage.RetentionLocked: lock is null, expected true. Fix: ');
    expect(message).not.toMatch(/\u001b|\r/);
    expect(logged).toEqual(['[WARNING] gcp/Open\\u001b[2J\\r: GCP.Storage.UniformAccess: lock is null, expected true. Fix: Set ObjectLockEnabled: true (EvidenceBucket does).']);
    const warning = (stack.node.findAll().find((c) => c.node.id.startsWith('Open'))!.node.metadata.find((m) => m.type === '@cdktf/warn')!.data as string);
    expect(warning).toMatch(/GCP\.Storage\.UniformAccess/);
    expect(warning).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  test('failOn warning turns warnings into synth errors', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'gcp');
    new GoogleProvider(stack, 'google', { project: 'p' });
    addForensicReadinessChecks(stack, { rules: [WARN], failOn: 'warning' });
    new StorageBucket(stack, 'Open', { name: 'open', location: 'EU' });
    expect(synthError(app)).toContain('[gcp/Open] GCP.Storage.UniformAccess');
  });

  test("runs the kit's GCP and Azure rules by default", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'net');
    new GoogleProvider(stack, 'google', { project: 'p' });
    addForensicReadinessChecks(stack);
    new ComputeFirewall(stack, 'AllowSsh', { name: 'allow-ssh', network: 'default', allow: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['10.0.0.0/8'] });
    expect(synthError(app)).toMatch(/\[net\/AllowSsh\] GCP\.Network\.FirewallLogging: .*Fix: /);
  });

  test('runs the AWS rules on hashicorp/aws resources (@cdktf/provider-aws) by default', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'aws');
    addForensicReadinessChecks(stack);
    // A provider-aws resource as cdktf writes it; the kit does not depend on @cdktf/provider-aws.
    const trail = new TerraformResource(stack, 'Trail', { terraformResourceType: 'aws_cloudtrail' });
    trail.addOverride('name', 'org');
    trail.addOverride('s3_bucket_name', 'central-audit');
    trail.addOverride('enable_logging', false);
    expect(synthError(app)).toMatch(/\[aws\/Trail\] AWS\.CloudTrail\.IsLogging: .*IsLogging is false.*Fix: /);
  });
});

describe('acknowledgeRule (CDKTF)', () => {
  const bucket = () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new GoogleProvider(stack, 'google', { project: 'p' });
    return new StorageBucket(stack, 'B', { name: 'b', location: 'EU' });
  };

  test('keeps one acknowledgement per rule and accepts a construct whose Resource child is the resource', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new GoogleProvider(stack, 'google', { project: 'p' });
    const wrapper = new Construct(stack, 'Evidence');
    new StorageBucket(wrapper, 'Resource', { name: 'b', location: 'EU' });
    acknowledgeRule(wrapper, 'GCP.Storage.RetentionLocked', REASON);
    acknowledgeRule(wrapper, 'GCP.Storage.UniformAccess', REASON);
    acknowledgeRule(wrapper, 'GCP.Storage.RetentionLocked', `${REASON} Reviewed.`);
    const outdir = Testing.fullSynth(stack);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 's', 'cdk.tf.json'), 'utf8'));
    const [body] = Object.values(json.resource.google_storage_bucket) as { '//': Record<string, unknown> }[];
    expect(body['//']['forensic-readiness']).toEqual({
      acknowledgements: [
        { ruleId: 'GCP.Storage.UniformAccess', reason: REASON },
        { ruleId: 'GCP.Storage.RetentionLocked', reason: `${REASON} Reviewed.` },
      ],
    });
  });

  test('fails when the reason is shorter than 20 characters', () => {
    expect(() => acknowledgeRule(bucket(), 'GCP.Storage.RetentionLocked', 'lab only')).toThrow(/reason must be at least 20 characters besides the rule id \(letters and digits\), with no invisible character, got "lab only"/);
  });

  test('fails when the rule id is not a rule of the kit', () => {
    expect(() => acknowledgeRule(bucket(), 'GCP.Storage.RetentionLock', REASON)).toThrow(/ruleId must be the id of one of the kit's rules/);
  });

  test('fails when the construct holds no Terraform resource', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => acknowledgeRule(new Construct(stack, 'Plain'), 'GCP.Storage.RetentionLocked', REASON)).toThrow(/construct must be a TerraformResource/);
  });
});
