/**
 * A Terraform configuration is the unit Terraform deploys: the *.tf.json files of one folder, with
 * the override files (override.tf.json, *_override.tf.json) merged over the others, whether the
 * folder, one of its *.tf.json files or a cdktf.out holding it is given; any other Terraform JSON
 * file given alone and each plan is one by itself. References, split resources and a
 * provider's project are resolved within one, never across two; HCL files are named as not read.
 */
import * as path from 'path';
import { buildModel, loadDocument, loadPaths, withLines } from '../../policies/engine/loader';
import { mergeTerraformConfiguration } from '../../policies/engine/load-terraform';
import { runRules } from '../../policies/engine/runner';
import { UNRESOLVED } from '../../policies/engine/unresolved';
import { Finding, OVERRIDDEN_BY_ATTRIBUTE } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { runMain } from '../run-main';
import { scratchFolder } from './helpers';
import { goodBucket, sinkInto, YEAR_SECONDS } from './rules/gcp/_gcp';
import { EVIDENCE, evidenceAccount, evidenceDoc } from './rules/azure/_fixtures';

const scratch = scratchFolder('fr-tfconfig-');
const json = (v: unknown) => JSON.stringify(v, null, 1);
/** Writes `files` (name -> document) under `folder` of the scratch folder; returns the folder. */
function folder(name: string, files: Record<string, unknown>): string {
  for (const [file, doc] of Object.entries(files)) scratch.write(path.join(name, file), typeof doc === 'string' ? doc : json(doc));
  return path.join(scratch.dir(), name);
}
/** The findings of a run over `paths`, with lines, as the CLI reports them. */
function findings(...paths: string[]): Finding[] {
  const { templates } = loadPaths(paths, { cwd: scratch.dir() });
  return withLines(runRules(buildModel(templates), ALL_RULES).findings, templates);
}
const of = (list: readonly Finding[], ruleId: string) => list.filter((f) => f.ruleId === ruleId).map((f) => ({ address: f.address, file: f.file, line: f.line, verdict: f.verdict, message: f.message }));

/** A GCP evidence bucket routed by an audit sink, locked for a year: GCP.Storage.RetentionLocked passes. */
const gcpMain = {
  resource: {
    google_storage_bucket: { ev: goodBucket({ name: 'acme-evidence' }) },
    google_logging_project_sink: { audit: { ...sinkInto('ev'), project: 'acme' } },
  },
};

describe('override files are merged over the other files of their folder', () => {
  test('an override.tf.json that unlocks the evidence bucket fails it, at the bucket in main.tf.json, naming the override', () => {
    const alone = folder('gcp-base', { 'main.tf.json': gcpMain });
    expect(of(findings(alone), 'GCP.Storage.RetentionLocked')).toEqual([]);
    const cfg = folder('gcp-override', {
      'main.tf.json': gcpMain,
      'override.tf.json': { resource: { google_storage_bucket: { ev: { retention_policy: { is_locked: false, retention_period: 86400 } } } } },
    });
    const found = of(findings(cfg), 'GCP.Storage.RetentionLocked');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ address: 'google_storage_bucket.ev', file: 'gcp-override/main.tf.json', line: 4, verdict: 'NON_COMPLIANT' });
    expect(found[0].message).toMatch(/ \(as merged with gcp-override\/override\.tf\.json\)$/);
  });

  test('an azurerm *_override.tf.json that disables the immutability policy fails AZURE.Storage.ImmutabilityPolicy', () => {
    const base = evidenceDoc(evidenceAccount());
    expect(of(findings(folder('az-base', { 'main.tf.json': base })), 'AZURE.Storage.ImmutabilityPolicy')).toEqual([]);
    const cfg = folder('az-override', {
      'main.tf.json': base,
      'storage_override.tf.json': { resource: { azurerm_storage_account: { evidence: { immutability_policy: { state: 'Disabled', period_since_creation_in_days: 1, allow_protected_append_writes: true } } } } },
    });
    const found = of(findings(cfg), 'AZURE.Storage.ImmutabilityPolicy');
    expect(found.map((f) => [f.address, f.file, f.verdict])).toEqual([[EVIDENCE, 'az-override/main.tf.json', 'NON_COMPLIANT']]);
  });

  /** One configuration of a base file and override files, merged: the base's resources by address. */
  const merged = (base: Record<string, unknown>, ...overrides: [string, Record<string, unknown>][]) => {
    const templates = [loadDocument({ resource: { google_storage_bucket: { b: base } } }, 'cfg/main.tf.json'), ...overrides.map(([file, body]) => loadDocument({ resource: { google_storage_bucket: { b: body } } }, `cfg/${file}`))];
    const out = mergeTerraformConfiguration(templates, 'cfg/');
    expect(out.slice(1).every((t) => t.resources.length === 0)).toBe(true);
    return out[0].resources[0];
  };

  test('an argument or nested block type the override states replaces the original (all blocks of that type); the others stay', () => {
    const r = merged(
      { name: 'b', location: 'US', versioning: { enabled: true }, retention_policy: [{ is_locked: true, retention_period: YEAR_SECONDS }], labels: { a: '1' } },
      ['override.tf.json', { location: 'EU', retention_policy: { retention_period: 60 } }],
    );
    expect(r.properties).toEqual({ name: 'b', location: 'EU', versioning: { enabled: true }, retention_policy: { retention_period: 60 }, labels: { a: '1' } });
    expect(r.attributes[OVERRIDDEN_BY_ATTRIBUTE]).toEqual(['cfg/override.tf.json']);
  });

  test('lifecycle is merged argument by argument; later override files (lexical order) win', () => {
    const r = merged(
      { name: 'b', lifecycle: { prevent_destroy: true, ignore_changes: ['labels'] } },
      ['z_override.tf.json', { name: 'last', lifecycle: { prevent_destroy: false } }],
      ['a_override.tf.json', { name: 'first', lifecycle: [{ create_before_destroy: true }] }],
    );
    expect(r.properties.name).toBe('last');
    expect(r.attributes.lifecycle).toEqual({ prevent_destroy: false, ignore_changes: ['labels'], create_before_destroy: true });
    expect(r.attributes[OVERRIDDEN_BY_ATTRIBUTE]).toEqual(['cfg/a_override.tf.json', 'cfg/z_override.tf.json']);
  });

  test('a dynamic block of a type replaces the original blocks of that type, and a block replaces a dynamic one; count of the override decides creation', () => {
    const r = merged(
      { name: 'b', count: 0, lifecycle_rule: [{ action: { type: 'Delete' } }], dynamic: { cors: { for_each: '${var.c}', content: {} } } },
      ['override.tf.json', { count: 1, cors: [{ origin: ['*'] }], dynamic: { lifecycle_rule: { for_each: '${var.r}', content: {} } } }],
    );
    expect(r.properties.cors).toEqual([{ origin: ['*'] }]);
    expect(r.properties.lifecycle_rule).toBe(UNRESOLVED); // only the deploy expands a dynamic block
    expect(r.attributes.count).toBe(1);
    expect(r.properties.dynamic).toEqual([{ lifecycle_rule: { for_each: '${var.r}', content: {} } }]);
  });

  test('Terraform refuses, and so does the loader: an override of nothing, depends_on in an override, a resource declared in two files', () => {
    expect(() => merged({ name: 'b' }, ['override.tf.json', { depends_on: ['google_storage_bucket.x'] }])).toThrow(
      'cfg/override.tf.json: resource google_storage_bucket.b: depends_on may not be used in an override block (Terraform refuses it)',
    );
    const orphan = [loadDocument(gcpMain, 'cfg/main.tf.json'), loadDocument({ resource: { google_storage_bucket: { other: { name: 'x' } } } }, 'cfg/override.tf.json')];
    expect(() => mergeTerraformConfiguration(orphan, 'cfg/')).toThrow(
      'cfg/override.tf.json: resource google_storage_bucket.other overrides no resource of its configuration (the *.tf.json files of cfg/): Terraform refuses an override without the resource it overrides',
    );
    const twice = [loadDocument(gcpMain, 'cfg/a.tf.json'), loadDocument(gcpMain, 'cfg/b.tf.json')];
    expect(() => mergeTerraformConfiguration(twice, 'cfg/')).toThrow(
      'cfg/b.tf.json: resource google_storage_bucket.ev is also declared in cfg/a.tf.json, of the same configuration (the *.tf.json files of cfg/): Terraform refuses it (an override belongs in override.tf.json or a *_override.tf.json file)',
    );
  });

  test('the CLI names a configuration Terraform would refuse as not read (exit 2) and judges the others', () => {
    const bad = folder('refused/bad', { 'a.tf.json': gcpMain, 'b.tf.json': gcpMain });
    const good = folder('refused/good', { 'main.tf.json': gcpMain });
    const r = runMain(['check', bad, good], { cwd: scratch.dir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      'Not read: refused/bad/b.tf.json: resource google_storage_bucket.ev is also declared in refused/bad/a.tf.json, of the same configuration (the *.tf.json files of refused/bad/): Terraform refuses it',
    );
    expect(r.stdout).toContain('refused/good/main.tf.json: 2 of 2 resources judged');
    expect(r.stdout).not.toMatch(/at refused\/bad\//);
  });
});

describe('override files merge module calls, data sources, variables, outputs and locals as Terraform does', () => {
  const withModule = { ...gcpMain, module: { net: { source: './modules/net' } }, variable: { region: { default: 'us-central1' } }, locals: { env: 'prod', team: 'ir' }, output: { id: { value: '${google_storage_bucket.ev.id}' } }, data: { google_project: { p: { project_id: 'acme' } } } };

  test('an override of a module call changes its source; the call is listed once, as not followed, in the file that declares it', () => {
    const cfg = folder('named-module', { 'main.tf.json': withModule, 'net_override.tf.json': { module: { net: { source: './modules/net-v2' } } } });
    const { templates } = loadPaths([cfg], { cwd: scratch.dir() });
    expect(templates.map((t) => [t.file, t.moduleCalls])).toEqual([
      ['named-module/main.tf.json', [{ name: 'module.net', source: './modules/net-v2', followed: false }]],
      ['named-module/net_override.tf.json', []],
    ]);
    expect(runRules(buildModel(templates), ALL_RULES).inputCoverage.moduleCallsNotFollowed).toEqual(['module.net']);
  });

  test('variables, outputs and data sources are merged argument by argument, locals value by value', () => {
    const cfg = folder('named-merge', {
      'main.tf.json': withModule,
      'override.tf.json': { variable: { region: { default: 'europe-west1' } }, locals: [{ team: 'dfir' }], output: { id: { sensitive: true } }, data: { google_project: { p: { project_id: 'acme-prod' } } } },
    });
    const main = loadPaths([cfg], { cwd: scratch.dir() }).templates[0];
    expect(main.namedBlocks).toEqual([
      { kind: 'module', name: 'module.net', body: { source: './modules/net' } },
      { kind: 'data', name: 'data.google_project.p', body: { project_id: 'acme-prod' } },
      { kind: 'variable', name: 'var.region', body: { default: 'europe-west1' } },
      { kind: 'output', name: 'output.id', body: { value: '${google_storage_bucket.ev.id}', sensitive: true } },
      { kind: 'local', name: 'local.env', body: 'prod' },
      { kind: 'local', name: 'local.team', body: 'dfir' },
    ]);
  });

  test('Terraform refuses, and so does the loader: an override of a module call, variable, local, output or data source that is not declared; depends_on in an output override; one declared in two files', () => {
    let n = 0;
    /** The InputError loading these files as one folder gives, the folder shown as cfg/; 'loaded' when none. */
    const refused = (files: Record<string, unknown>) => {
      const dir = folder(`named-refused-${++n}`, files);
      try {
        loadPaths([dir], { cwd: scratch.dir() });
      } catch (err) {
        return (err as Error).message.replace(/named-refused-\d+\//g, 'cfg/');
      }
      return 'loaded';
    };
    const tail = 'of its configuration (the *.tf.json files of cfg/): Terraform refuses an override without the block it overrides';
    expect(refused({ 'main.tf.json': withModule, 'override.tf.json': { module: { db: { source: './db' } } } })).toBe(`cfg/override.tf.json: module.db overrides no module call ${tail}`);
    expect(refused({ 'main.tf.json': withModule, 'a_override.tf.json': { variable: { zone: { default: 'a' } } } })).toBe(`cfg/a_override.tf.json: var.zone overrides no variable ${tail}`);
    expect(refused({ 'main.tf.json': withModule, 'b_override.tf.json': { locals: { owner: 'x' } } })).toBe(`cfg/b_override.tf.json: local.owner overrides no local value ${tail}`);
    expect(refused({ 'main.tf.json': withModule, 'c_override.tf.json': { output: { arn: { value: 'x' } } } })).toBe(`cfg/c_override.tf.json: output.arn overrides no output ${tail}`);
    expect(refused({ 'main.tf.json': withModule, 'd_override.tf.json': { data: { google_project: { q: {} } } } })).toBe(`cfg/d_override.tf.json: data.google_project.q overrides no data source ${tail}`);
    expect(refused({ 'main.tf.json': withModule, 'e_override.tf.json': { output: { id: { depends_on: ['google_storage_bucket.ev'] } } } })).toBe('cfg/e_override.tf.json: output.id: depends_on may not be used in an override block (Terraform refuses it)');
    expect(refused({ 'main.tf.json': withModule, 'vars.tf.json': { variable: { region: {} } } })).toBe(
      'cfg/vars.tf.json: var.region is also declared in cfg/main.tf.json, of the same configuration (the *.tf.json files of cfg/): Terraform refuses it (an override belongs in override.tf.json or a *_override.tf.json file)',
    );
    expect(refused({ 'main.tf.json': withModule, 'f_override.tf.json': { locals: { env: 'dev' }, module: { net: { version: '2.0.0' } } } })).toBe('loaded');
  });
});

describe('a *.tf.json file given alone, or a cdktf.out stack, is read with the other *.tf.json files of its folder, as Terraform reads it', () => {
  const unlock = { resource: { google_storage_bucket: { ev: { retention_policy: { is_locked: false, retention_period: 86400 } } } } };

  test('main.tf.json given alone is merged with the override.tf.json of its folder: the unlocked bucket fails, naming the override', () => {
    const cfg = folder('alone-override', { 'main.tf.json': gcpMain, 'override.tf.json': unlock });
    const found = of(findings(path.join(cfg, 'main.tf.json')), 'GCP.Storage.RetentionLocked');
    expect(found.map((f) => [f.address, f.file, f.line, f.verdict])).toEqual([['google_storage_bucket.ev', 'alone-override/main.tf.json', 4, 'NON_COMPLIANT']]);
    expect(found[0].message).toMatch(/ \(as merged with alone-override\/override\.tf\.json\)$/);
    // The input summary and the coverage name every file of the configuration read.
    const { inputs, templates } = loadPaths([path.join(cfg, 'main.tf.json')], { cwd: scratch.dir() });
    expect(inputs).toEqual([{ path: path.join(cfg, 'main.tf.json'), kind: 'terraform-json', files: ['alone-override/main.tf.json', 'alone-override/override.tf.json'] }]);
    expect(templates.map((t) => t.configuration)).toEqual(['alone-override/', 'alone-override/']);
    // The same findings as the folder given.
    expect(findings(path.join(cfg, 'main.tf.json'))).toEqual(findings(cfg));
    const r = runMain(['check', path.join(cfg, 'main.tf.json')], { cwd: scratch.dir() });
    expect(r.stdout).toContain('  alone-override/override.tf.json: 0 of 0 resources judged; override file, merged into its configuration alone-override/\n');
  });

  test('an override file given alone overrides its folder; an HCL file beside a file given alone is named as not read (exit 2)', () => {
    const cfg = folder('alone-given-override', { 'main.tf.json': gcpMain, 'z_override.tf.json': unlock });
    expect(of(findings(path.join(cfg, 'z_override.tf.json')), 'GCP.Storage.RetentionLocked').map((f) => [f.file, f.verdict])).toEqual([['alone-given-override/main.tf.json', 'NON_COMPLIANT']]);
    const hcl = folder('alone-hcl', { 'main.tf.json': gcpMain, 'override.tf': 'resource "google_storage_bucket" "ev" {}\n' });
    const r = runMain(['check', path.join(hcl, 'main.tf.json')], { cwd: scratch.dir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Not read: alone-hcl/override.tf: Terraform HCL, not read');
  });

  test('a *.tf.json file beside a cdktf.out stack cdk.tf.json is part of that stack, with or without the manifest', () => {
    const stack = { 'stacks/gcp/cdk.tf.json': gcpMain, 'stacks/gcp/override.tf.json': unlock };
    const bare = folder('cdktf-extra/cdktf.out', stack);
    expect(of(findings(bare), 'GCP.Storage.RetentionLocked').map((f) => [f.file, f.verdict])).toEqual([['cdktf-extra/cdktf.out/stacks/gcp/cdk.tf.json', 'NON_COMPLIANT']]);
    const manifest = { version: '0.20.0', stacks: { gcp: { name: 'gcp', synthesizedStackPath: './stacks/gcp/cdk.tf.json' } } };
    const withManifest = folder('cdktf-extra-manifest/cdktf.out', { ...stack, 'manifest.json': manifest });
    expect(of(findings(withManifest), 'GCP.Storage.RetentionLocked').map((f) => [f.file, f.verdict])).toEqual([['cdktf-extra-manifest/cdktf.out/stacks/gcp/cdk.tf.json', 'NON_COMPLIANT']]);
    // A file of other resources beside cdk.tf.json is judged too.
    const more = folder('cdktf-more/cdktf.out', { 'stacks/gcp/cdk.tf.json': gcpMain, 'stacks/gcp/extra.tf.json': { resource: { google_storage_bucket: { other: { name: 'x', location: 'US' } } } } });
    const { inputs } = loadPaths([more], { cwd: scratch.dir() });
    expect(inputs[0].files).toEqual(['cdktf-more/cdktf.out/stacks/gcp/cdk.tf.json', 'cdktf-more/cdktf.out/stacks/gcp/extra.tf.json']);
  });
});

describe('references resolve within a configuration, never across two', () => {
  /** The GCP evidence stack split over two files: the sink's destination names the bucket of the other file. */
  const split = { 'main.tf.json': { resource: { google_logging_project_sink: gcpMain.resource.google_logging_project_sink } }, 'storage.tf.json': { resource: { google_storage_bucket: gcpMain.resource.google_storage_bucket } } };

  test('two folders of one split configuration checked together give the findings each gives alone, in any order', () => {
    const prod = folder('envs/prod', split);
    const dev = folder('envs/dev', split);
    const alone = [...findings(prod), ...findings(dev)];
    const key = (f: Finding) => `${f.ruleId} ${f.file}:${f.line} ${f.address} ${f.verdict} ${f.message}`;
    const sorted = (list: Finding[]) => list.map(key).sort();
    expect(alone.filter((f) => f.verdict === 'UNKNOWN')).toEqual([]);
    expect(sorted(findings(prod, dev))).toEqual(sorted(alone));
    expect(sorted(findings(dev, prod))).toEqual(sorted(alone));
    // The folder and one of its files given apart, in either order: the file is part of the folder's configuration.
    expect(sorted(findings(path.join(prod, 'main.tf.json'), prod))).toEqual(sorted(findings(prod)));
    expect(sorted(findings(prod, path.join(prod, 'main.tf.json')))).toEqual(sorted(findings(prod)));
  });
});

describe('a configuration split over several files is judged as the same resources in one file', () => {
  /** Resources whose facts group what only the deploy places: a bucket policy, a GuardDuty destination, usage logs, count. */
  const blocks: [string, string, Record<string, unknown>][] = [
    ['aws_s3_bucket', 'trail', { bucket: 'acme-trail', object_lock_enabled: true }],
    ['aws_cloudtrail', 'main', { name: 'main', s3_bucket_name: '${aws_s3_bucket.trail.id}', is_multi_region_trail: true, enable_log_file_validation: true }],
    ['aws_s3_bucket_policy', 'somewhere', { bucket: '${var.policy_bucket}', policy: '{"Version":"2012-10-17","Statement":[]}' }],
    ['aws_guardduty_detector', 'main', { enable: true }],
    ['aws_guardduty_publishing_destination', 'out', { detector_id: '${var.detector}', destination_arn: 'arn:aws:s3:::acme-findings', kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:key/k' }],
    ['google_storage_bucket', 'ev', goodBucket({ name: 'acme-evidence' })],
    ['google_storage_bucket', 'app', { name: 'acme-app', location: 'US', logging: { log_bucket: '${var.log_bucket}' } }],
    ['google_logging_project_sink', 'audit', { ...sinkInto('ev'), project: 'acme' }],
    ['aws_cloudwatch_log_group', 'a', { name: 'a', retention_in_days: 1, count: '${var.n}' }],
    ['aws_cloudwatch_log_group', 'b', { name: 'b', retention_in_days: 3653, count: '${var.n}' }],
    ['aws_cloudtrail', 'side', { name: 'side', s3_bucket_name: 'acme-trail', cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.a[0].arn}:*', cloud_watch_logs_role_arn: 'arn:aws:iam::111122223333:role/t', count: '${var.n}' }],
  ];
  /** The blocks over `n` files, round-robin: file -> Terraform JSON document. */
  const splitOver = (n: number): Record<string, unknown> => {
    const docs: Record<string, { resource: Record<string, Record<string, unknown>> }> = {};
    blocks.forEach(([type, name, body], i) => {
      const doc = (docs[n === 1 ? 'main.tf.json' : `part${i % n}.tf.json`] ??= { resource: {} });
      (doc.resource[type] ??= {})[name] = body;
    });
    return docs;
  };
  /** A finding as a configuration gives it, whichever of its files holds the resource. */
  const key = (f: Finding) => `${f.ruleId} ${f.address} ${f.verdict} ${f.message}`;

  test('2 and 3 files give the findings of one file, whatever the order of the paths', () => {
    const one = findings(folder('split-1', splitOver(1))).map(key).sort();
    // The facts under test are there: a policy, a destination and usage logs placed only at deploy.
    expect(one.filter((k) => / UNKNOWN /.test(k)).length).toBeGreaterThan(0);
    for (const n of [2, 3]) {
      const dir = folder(`split-${n}`, splitOver(n));
      expect(findings(dir).map(key).sort()).toEqual(one);
      const files = Object.keys(splitOver(n)).map((f) => path.join(dir, f));
      expect(findings(...files.reverse()).map(key).sort()).toEqual(one);
    }
  });

  test('a name is looked up in its own configuration first, whichever of its files holds the store', () => {
    // Another configuration's bucket of the same name as the trails' bucket (acme-trail).
    const other = folder('split-other', { 'main.tf.json': { resource: { aws_s3_bucket: { trail: { bucket: 'acme-trail' } } } } });
    const one = findings(folder('split-1n', splitOver(1)), other).map(key).sort();
    expect(one.some((k) => k.includes('ambiguous'))).toBe(false);
    expect(findings(folder('split-3n', splitOver(3)), other).map(key).sort()).toEqual(one);
  });
});

describe("a GCP resource without project is in its provider's project, in its own configuration", () => {
  const audit = { a: { service: 'allServices', audit_log_config: [{ log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }, { log_type: 'ADMIN_READ' }] } };
  const logging = (project?: string) => ({
    ...(project ? { provider: { google: [{ project, region: 'us-central1' }] } } : {}),
    resource: { google_storage_bucket: gcpMain.resource.google_storage_bucket, google_logging_project_sink: { audit: sinkInto('ev') }, google_project_iam_audit_config: audit },
  });
  const workload = (project?: string) => ({ ...(project ? { provider: { google: [{ project }] } } : {}), resource: { google_project_iam_audit_config: audit } });
  let runs = 0;
  /** GCP.Logging.AuditLogsRouted on a cdktf.out of these stacks (name -> cdk.tf.json): [stack file, verdict] per finding. */
  const routed = (stacks: Record<string, unknown>) => {
    const out = folder(`gcp-${++runs}/cdktf.out`, Object.fromEntries(Object.entries(stacks).map(([n, d]) => [`stacks/${n}/cdk.tf.json`, d])));
    return of(findings(out), 'GCP.Logging.AuditLogsRouted').map((f) => [f.file.replace(/^.*cdktf\.out\//, ''), f.verdict]);
  };

  test("a stack whose provider names another project is not routed by the logging stack's sink (as when checked alone)", () => {
    expect(routed({ logging: logging('acme-logging') })).toEqual([]);
    expect(routed({ workload: workload('acme-workload') })).toEqual([['stacks/workload/cdk.tf.json', 'NON_COMPLIANT']]);
    expect(routed({ logging: logging('acme-logging'), workload: workload('acme-workload') })).toEqual([['stacks/workload/cdk.tf.json', 'NON_COMPLIANT']]);
  });

  test('the same literal project in two stacks is one scope; a provider without project shares no scope with another stack (UNKNOWN)', () => {
    expect(routed({ logging: logging('acme'), workload: workload('acme') })).toEqual([]);
    expect(routed({ logging: logging(), workload: workload() })).toEqual([['stacks/workload/cdk.tf.json', 'UNKNOWN']]);
    // Within one stack, every resource of a provider without project is in that one project.
    expect(routed({ logging: logging() })).toEqual([]);
  });
});

describe('HCL files are inputs not read', () => {
  const hcl = 'resource "google_storage_bucket" "ev" {\n  name = "acme-evidence"\n  retention_policy {\n    is_locked = false\n    retention_period = 86400\n  }\n}\n';
  const REASON = 'Terraform HCL, not read (the kit reads Terraform JSON, *.tf.json and *.tofu.json, and plan JSON: terraform show -json of a saved plan)';

  test('a .tf file of a folder is named as not read (exit 2), its JSON files judged', () => {
    const cfg = folder('hcl-mixed', { 'main.tf.json': gcpMain, 'evidence.tf': hcl });
    const r = runMain(['check', cfg], { cwd: scratch.dir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`Not read: hcl-mixed/evidence.tf: ${REASON}`);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/in \d+ resources \(1 file\); 1 input not read/);
  });

  test('a .tf file given alone is refused with that reason, exit 2', () => {
    const file = scratch.write('hcl-alone/main.tf', hcl);
    const r = runMain(['check', file], { cwd: scratch.dir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`hcl-alone/main.tf: ${REASON}`);
  });
});

describe("OpenTofu's *.tofu.json files are Terraform JSON of their folder's configuration, read as OpenTofu reads them", () => {
  const unlock = { resource: { google_storage_bucket: { ev: { retention_policy: { is_locked: false, retention_period: 86400 } } } } };
  /** gcpMain with its evidence bucket unlocked. */
  const gcpUnlocked = { resource: { ...gcpMain.resource, google_storage_bucket: { ev: goodBucket({ name: 'acme-evidence', retention_policy: { is_locked: false, retention_period: YEAR_SECONDS } }) } } };
  const files = (...paths: string[]) => loadPaths(paths, { cwd: scratch.dir() }).inputs.flatMap((i) => i.files);

  test('an override.tofu.json or *_override.tofu.json is merged over the *.tf.json files of its folder; main.tofu.json takes an override.tf.json', () => {
    for (const [name, docs] of [
      ['tofu-override', { 'main.tf.json': gcpMain, 'override.tofu.json': unlock }],
      ['tofu-suffix-override', { 'main.tf.json': gcpMain, 'bucket_override.tofu.json': unlock }],
      ['tofu-main', { 'main.tofu.json': gcpMain, 'override.tf.json': unlock }],
    ] as const) {
      const cfg = folder(name, docs);
      const found = of(findings(cfg), 'GCP.Storage.RetentionLocked');
      const main = Object.keys(docs)[0];
      expect([name, found.map((f) => [f.address, f.file, f.verdict])]).toEqual([name, [['google_storage_bucket.ev', `${name}/${main}`, 'NON_COMPLIANT']]]);
      expect(found[0].message).toMatch(new RegExp(` \\(as merged with ${name}/${Object.keys(docs)[1].replace(/\./g, '\\.')}\\)$`));
      expect(loadPaths([cfg], { cwd: scratch.dir() }).templates.map((t) => t.configuration)).toEqual([`${name}/`, `${name}/`]);
    }
    // The input coverage names an override.tofu.json as the override file it is.
    const r = runMain(['check', folder('tofu-coverage', { 'main.tf.json': gcpMain, 'override.tofu.json': unlock })], { cwd: scratch.dir() });
    expect(r.stdout).toContain('  tofu-coverage/override.tofu.json: 0 of 0 resources judged; override file, merged into its configuration tofu-coverage/\n');
  });

  test('a .tofu.json file takes precedence over the .tf.json file of the same name: only it is read, in a folder and beside a file given alone', () => {
    const cfg = folder('tofu-precedence', { 'main.tf.json': gcpMain, 'main.tofu.json': gcpUnlocked, 'extra.tf.json': { variable: { region: { default: 'us' } } } });
    expect(files(cfg)).toEqual(['tofu-precedence/extra.tf.json', 'tofu-precedence/main.tofu.json']);
    expect(of(findings(cfg), 'GCP.Storage.RetentionLocked').map((f) => [f.file, f.verdict])).toEqual([['tofu-precedence/main.tofu.json', 'NON_COMPLIANT']]);
    expect(files(path.join(cfg, 'extra.tf.json'))).toEqual(['tofu-precedence/extra.tf.json', 'tofu-precedence/main.tofu.json']);
    // The other way round: the unlocked bucket of the .tf.json file is not what OpenTofu deploys.
    const kept = folder('tofu-precedence-kept', { 'main.tf.json': gcpUnlocked, 'main.tofu.json': gcpMain });
    expect(of(findings(kept), 'GCP.Storage.RetentionLocked')).toEqual([]);
    // Override files too: bucket_override.tofu.json is read, bucket_override.tf.json is not.
    const over = folder('tofu-precedence-override', { 'main.tf.json': gcpMain, 'bucket_override.tf.json': { resource: { google_storage_bucket: { nothing: {} } } }, 'bucket_override.tofu.json': unlock });
    expect(files(over)).toEqual(['tofu-precedence-override/bucket_override.tofu.json', 'tofu-precedence-override/main.tf.json']);
    expect(of(findings(over), 'GCP.Storage.RetentionLocked').map((f) => f.verdict)).toEqual(['NON_COMPLIANT']);
  });

  test('a *.tofu.json file given alone is read with the other files of its folder; a .tf.json file a .tofu.json file replaces, given alone, is refused naming both', () => {
    const cfg = folder('tofu-alone', { 'main.tofu.json': gcpMain, 'override.tf.json': unlock });
    const { inputs } = loadPaths([path.join(cfg, 'main.tofu.json')], { cwd: scratch.dir() });
    expect(inputs).toEqual([{ path: path.join(cfg, 'main.tofu.json'), kind: 'terraform-json', files: ['tofu-alone/main.tofu.json', 'tofu-alone/override.tf.json'] }]);
    expect(findings(path.join(cfg, 'main.tofu.json'))).toEqual(findings(cfg));
    // A .tofu.json file of variables only is OpenTofu's by its name, not skipped.
    const vars = folder('tofu-vars', { 'main.tf.json': gcpMain, 'vars.tofu.json': { variable: { region: { default: 'us' } } } });
    expect(files(vars)).toEqual(['tofu-vars/main.tf.json', 'tofu-vars/vars.tofu.json']);
    const shadowed = folder('tofu-shadowed', { 'main.tf.json': gcpUnlocked, 'main.tofu.json': gcpMain });
    const r = runMain(['check', path.join(shadowed, 'main.tf.json')], { cwd: scratch.dir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tofu-shadowed/main.tf.json: not read: OpenTofu reads tofu-shadowed/main.tofu.json in its place (a .tofu.json file takes precedence over the .tf.json file of the same name); give main.tofu.json or the folder');
  });
});
