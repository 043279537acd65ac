/**
 * `check cdktf.out` follows CDKTF's own cross-stack references: a value of one stack used in
 * another is written as an output of the producing stack and a `terraform_remote_state` of the
 * consuming one whose backend is the producing stack's. Such a read resolves to the producing
 * stack's output, in its configuration (a reference to its bucket finds that bucket); any other
 * remote state stays known only at deploy (UNKNOWN). Each app is synthesized by real CDKTF.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, DataTerraformRemoteStateLocal, GcsBackend, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { EvidenceBucket } from '../../constructs/gcp';
import { EvidenceStorage } from '../../constructs/azure';
import { ALL_RULES } from '../../policies/rules';
import { runMain } from '../run-main';
import { scratchFolder } from './helpers';

const project = 'acme-ml-prod';
const region = 'us-central1';
const SINK_RULE = 'GCP.Logging.SinkLockedDestination';

interface Finding {
  readonly ruleId: string;
  readonly severity: string;
  readonly verdict: string;
  readonly address: string;
  readonly file: string;
  readonly message: string;
}

describe('check cdktf.out: cross-stack references', () => {
  const folder = scratchFolder('frk-xstack-');

  /** Runs `check PATHS --format json` in the scratch folder: exit code and findings. */
  const check = (...paths: string[]): { code: number; findings: Finding[] } => {
    const r = runMain(['check', ...paths, '--format', 'json'], { cwd: folder.dir(), rules: ALL_RULES });
    return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
  };
  const sinkFinding = (findings: readonly Finding[]): Finding | undefined => findings.find((f) => f.ruleId === SINK_RULE && f.address === 'google_logging_project_sink.ArchiveSink');
  /** What a finding says, whatever file holds it. */
  const verdicts = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.ruleId} ${f.address} ${f.severity} ${f.verdict} ${f.message}`).sort();

  type Producer = (stack: TerraformStack) => string;
  /** The reviewer's bucket: force_destroy, no retention policy. Its name, as a token. */
  const openBucket: Producer = (stack) =>
    new StorageBucket(stack, 'Archive', { name: `${project}-archive`, location: region, project, forceDestroy: true, uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced' }).name;
  /** The kit's locked evidence bucket. */
  const lockedBucket: Producer = (stack) => new EvidenceBucket(stack, 'Archive', { bucketName: `${project}-archive`, location: region, project }).bucket.name;

  /**
   * A `storage` stack with a bucket and an `audit` stack whose sink writes into it
   * (`storage.googleapis.com/${bucket.name}`): two stacks, or (`one`) both in one stack.
   */
  const gcpApp = (name: string, produce: Producer, options: { one?: boolean; backends?: (storage: TerraformStack, audit: TerraformStack) => void; destination?: (audit: TerraformStack, name: string, storage: TerraformStack) => string } = {}): string => {
    const outdir = path.join(folder.dir(), name);
    const app = new App({ outdir });
    const storage = new TerraformStack(app, 'storage');
    new GoogleProvider(storage, 'google', { project, region });
    const bucketName = produce(storage);
    const audit = options.one ? storage : new TerraformStack(app, 'audit');
    if (!options.one) new GoogleProvider(audit, 'google', { project, region });
    options.backends?.(storage, audit);
    const destination = options.destination ? options.destination(audit, bucketName, storage) : `storage.googleapis.com/${bucketName}`;
    new LoggingProjectSink(audit, 'ArchiveSink', { name: 'audit-archive', project, destination, filter: 'logName:"cloudaudit.googleapis.com"', uniqueWriterIdentity: true });
    app.synth();
    return name;
  };
  const stackFile = (out: string, stack: string): string => path.join(out, 'stacks', stack, 'cdk.tf.json');
  const tfJson = (out: string, stack: string): Record<string, Record<string, unknown>> => JSON.parse(fs.readFileSync(path.join(folder.dir(), stackFile(out, stack)), 'utf8'));

  test("the reviewer's two stacks: the sink's error names the other stack's bucket, as in one stack", () => {
    const two = gcpApp('open2', openBucket);
    // What CDKTF 0.21 writes: an output in storage, a terraform_remote_state of its local state in audit.
    expect(Object.keys(tfJson(two, 'storage').output)).toEqual(['cross-stack-output-google_storage_bucketArchivename']);
    expect(tfJson(two, 'audit').data.terraform_remote_state).toEqual({ 'cross-stack-reference-input-storage': { backend: 'local', config: { path: expect.stringMatching(/terraform\.storage\.tfstate$/) }, workspace: '${terraform.workspace}' } });
    const split = check(two);
    expect(split.code).toBe(1);
    const f = sinkFinding(split.findings);
    expect(f).toMatchObject({ severity: 'error', verdict: 'NON_COMPLIANT', file: stackFile(two, 'audit') });
    expect(f?.message).toMatch(/is not locked: google_storage_bucket\.Archive has no retention_policy$/);
    // The bucket is judged as the evidence store it is: the same findings as one stack gives.
    const one = check(gcpApp('open1', openBucket, { one: true }));
    expect(one.code).toBe(1);
    expect(sinkFinding(one.findings)?.message).toMatch(/is not locked: google_storage_bucket\.Archive has no retention_policy$/);
    const shown = (fs: readonly Finding[]) => fs.map((x) => `${x.ruleId} ${x.address} ${x.severity} ${x.verdict}`).sort();
    expect(shown(split.findings)).toEqual(shown(one.findings));
  });

  test('the two stack files checked in either order, or the folder: the same findings', () => {
    const out = gcpApp('order', openBucket);
    const a = check(stackFile(out, 'storage'), stackFile(out, 'audit'));
    const b = check(stackFile(out, 'audit'), stackFile(out, 'storage'));
    const whole = check(out);
    expect(sinkFinding(a.findings)?.severity).toBe('error');
    expect([b.code, verdicts(b.findings)]).toEqual([a.code, verdicts(a.findings)]);
    expect(verdicts(whole.findings)).toEqual(verdicts(a.findings));
    // The consuming stack alone: the other stack's state is not in the input.
    const alone = check(stackFile(out, 'audit'));
    expect(sinkFinding(alone.findings)).toMatchObject({ severity: 'warning', verdict: 'UNKNOWN' });
  });

  test('the kit\'s locked evidence bucket in the other stack: the sink passes', () => {
    const out = gcpApp('locked2', lockedBucket);
    const r = check(out);
    expect(sinkFinding(r.findings)).toBeUndefined();
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('remote backends: the same gcs bucket with the stack\'s prefix is that stack', () => {
    const out = gcpApp('gcs', openBucket, {
      backends: (storage, audit) => {
        new GcsBackend(storage, { bucket: 'acme-tf-state', prefix: 'storage' });
        new GcsBackend(audit, { bucket: 'acme-tf-state', prefix: 'audit' });
      },
    });
    expect(tfJson(out, 'audit').data.terraform_remote_state).toEqual({ 'cross-stack-reference-input-storage': { backend: 'gcs', config: { bucket: 'acme-tf-state', prefix: 'storage' }, workspace: '${terraform.workspace}' } });
    expect(sinkFinding(check(out).findings)).toMatchObject({ severity: 'error', message: expect.stringMatching(/google_storage_bucket\.Archive has no retention_policy$/) });
  });

  test('a terraform_remote_state that is no stack of the folder: UNKNOWN, as before', () => {
    // Another local state path than the storage stack's.
    const elsewhere = gcpApp('elsewhere', openBucket, {
      destination: (audit) => `storage.googleapis.com/${new DataTerraformRemoteStateLocal(audit, 'other', { path: '/srv/other/terraform.storage.tfstate' }).getString('bucket')}`,
    });
    expect(sinkFinding(check(elsewhere).findings)).toMatchObject({ severity: 'warning', verdict: 'UNKNOWN' });
    // The storage stack's own state and output, read by hand: as its own workspace, the storage
    // stack's output; under another workspace, not certainly what this configuration deploys.
    const byHand = (name: string, workspace?: string) =>
      gcpApp(name, openBucket, {
        backends: (storage) => void new LocalBackend(storage, { path: 'storage.tfstate' }),
        destination: (audit, bucketName, storage) => {
          new TerraformOutput(storage, 'archive', { value: bucketName });
          const state = new DataTerraformRemoteStateLocal(audit, 'storage', { path: '../storage/storage.tfstate', ...(workspace ? { workspace } : {}) });
          return `storage.googleapis.com/${state.getString('archive')}`;
        },
      });
    expect(sinkFinding(check(byHand('samews')).findings)).toMatchObject({ severity: 'error', message: expect.stringMatching(/google_storage_bucket\.Archive has no retention_policy$/) });
    expect(sinkFinding(check(byHand('otherws', 'staging')).findings)).toMatchObject({ severity: 'warning', verdict: 'UNKNOWN' });
    // Two stacks that keep their state in one place: which one is read is not certain.
    const shared = gcpApp('shared', openBucket, {
      backends: (storage, audit) => {
        new LocalBackend(storage, { path: path.join(folder.dir(), 'one.tfstate') });
        new LocalBackend(audit, { path: path.join(folder.dir(), 'one.tfstate') });
      },
    });
    expect(sinkFinding(check(shared).findings)).toMatchObject({ severity: 'warning', verdict: 'UNKNOWN' });
  });

  test('another cdktf.out with the same state path is not a stack of this folder: UNKNOWN', () => {
    const out = gcpApp('mine', openBucket);
    // The audit stack of `mine` checked beside the storage stack of an identical app synthesized elsewhere.
    const other = gcpApp('theirs', openBucket);
    expect(tfJson(out, 'audit').data.terraform_remote_state).toEqual(tfJson(other, 'audit').data.terraform_remote_state);
    expect(sinkFinding(check(stackFile(out, 'audit'), stackFile(out, 'storage')).findings)).toMatchObject({ severity: 'error' });
    expect(sinkFinding(check(stackFile(out, 'audit'), stackFile(other, 'storage')).findings)).toMatchObject({ severity: 'warning', verdict: 'UNKNOWN' });
  });

  test('an output whose value is itself known only at deploy: UNKNOWN', () => {
    // Beside it, a control: a second sink into the stack's open bucket is an error.
    let open = '';
    const out = gcpApp(
      'variable',
      (stack) => {
        open = openBucket(stack);
        return new TerraformVariable(stack, 'bucket', { type: 'string' }).stringValue;
      },
      { destination: (audit, bucketName) => (new LoggingProjectSink(audit, 'Control', { name: 'control', project, destination: `storage.googleapis.com/${open}` }), `storage.googleapis.com/${bucketName}`) },
    );
    expect(tfJson(out, 'storage').output).toMatchObject({ 'cross-stack-output-varbucket': { sensitive: true, value: '${var.bucket}' } });
    const r = check(out);
    expect(sinkFinding(r.findings)).toMatchObject({ severity: 'warning', verdict: 'UNKNOWN' });
    expect(r.findings.find((f) => f.ruleId === SINK_RULE && f.address === 'google_logging_project_sink.Control')).toMatchObject({ severity: 'error' });
  });

  test('Azure: a diagnostic setting into the other stack\'s storage account judges that account, as in one stack', () => {
    const azureApp = (name: string, account: 'plain' | 'locked', one = false): string => {
      const app = new App({ outdir: path.join(folder.dir(), name) });
      const storage = new TerraformStack(app, 'storage');
      new AzurermProvider(storage, 'azurerm', { features: [{}], storageUseAzuread: true });
      const accountId =
        account === 'locked'
          ? new EvidenceStorage(storage, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'acmeevidence1' }).account.id
          : new StorageAccount(storage, 'Plain', { name: 'acmeplain1', resourceGroupName: 'rg', location: 'westeurope', accountTier: 'Standard', accountReplicationType: 'LRS' }).id;
      const monitor = one ? storage : new TerraformStack(app, 'monitor');
      if (!one) new AzurermProvider(monitor, 'azurerm', { features: [{}], storageUseAzuread: true });
      new MonitorDiagnosticSetting(monitor, 'Activity', { name: 'activity-to-evidence', targetResourceId: '/subscriptions/11111111-2222-3333-4444-555555555555', storageAccountId: accountId, enabledLog: [{ categoryGroup: 'allLogs' }] });
      app.synth();
      return name;
    };
    const shown = (fs: readonly Finding[]) => fs.map((x) => `${x.ruleId} ${x.address} ${x.severity} ${x.verdict}`).sort();
    const plain = check(azureApp('azplain', 'plain'));
    // The account is judged as the store the Activity Log is written to.
    expect(shown(plain.findings)).toContain('AZURE.Storage.ImmutabilityPolicy azurerm_storage_account.Plain error NON_COMPLIANT');
    expect(shown(plain.findings)).toEqual(shown(check(azureApp('azplain1', 'plain', true)).findings));
    const locked = check(azureApp('azlocked', 'locked'));
    expect(shown(locked.findings)).toEqual(shown(check(azureApp('azlocked1', 'locked', true)).findings));
    expect(locked.findings.filter((f) => f.severity === 'error' || f.verdict === 'UNKNOWN')).toEqual([]);
  });
});
