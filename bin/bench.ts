/**
 * `npm run bench`: how fast the policy engine is, as ratios measured in the same run (absolute
 * times depend on the machine; ratios much less). Not a test: it prints figures and goals.
 *
 *   npm run bench -- [--only engine,cdk-nag,start,verify,investigate] [--runs 5] [--keep]
 *
 * It runs under the kit's own TypeScript loader (bin/ts-require.js), which compiles the kit's code
 * as `npm start` runs it and close to the package's build: under tsx every named closure is also
 * wrapped in a `__name` call (esbuild's keepNames), a cost no user of the kit pays.
 *
 * Each section is one entry of SECTIONS (`--only investigate`: the offline investigation).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { main } from './cli';
import { buildModel, loadPaths } from '../policies/engine/loader';
import { inputCoverageOfMarks } from '../policies/engine/input-coverage';
import { judgeSafely, runRules } from '../policies/engine/runner';
import { translateAwsTerraform } from '../policies/facts/aws/terraform';
import { DEFAULT_RULE_CONFIG } from '../policies/engine/types';
import { REPORT_RENDERERS, buildReport } from '../policies/report';
import { ALL_RULES } from '../policies/rules';

export interface BenchContext {
  /** Timed runs per measurement (after one warm-up run). */
  readonly runs: number;
  /** A scratch folder, removed at the end unless --keep. */
  readonly dir: string;
}

export interface Ratio {
  readonly name: string;
  readonly value: number;
  /** The goal, in words (`<= 3`, `~ 4`). */
  readonly goal: string;
  readonly met: boolean;
}

export interface SectionResult {
  /** Rows of a table: label, then values. */
  readonly table: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly ratios: readonly Ratio[];
  readonly notes?: readonly string[];
}

export interface BenchSection {
  readonly id: string;
  readonly title: string;
  run(ctx: BenchContext): SectionResult;
}

/** Wall times in ms of `runs` calls after one warm-up call, fastest first. */
function timesMs(runs: number, fn: () => void): number[] {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timeOnce(fn));
  return times.sort((a, b) => a - b);
}

/** Wall time in ms of one call. */
function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** The median of some times (the upper one of an even count). */
function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

/** Median wall time in ms of `runs` calls after one warm-up call. */
export function medianMs(runs: number, fn: () => void): number {
  return median(timesMs(runs, fn));
}


const SIZES = [500, 5_000, 20_000] as const;

// ---------------------------------------------------------------------------------------------
// Synthetic templates: a realistic mix of evidence stores, trails, networks and flow logs, with
// references between them, in blocks of ten resources.

/** CloudFormation JSON of `n` resources, pretty-printed like cdk.out (one-space indent). */
export function cloudFormationTemplate(n: number): string {
  const resources: Record<string, unknown> = {};
  const meta = (p: string) => ({ 'aws:cdk:path': `Bench/${p}/Resource` });
  for (let i = 0; resources && Object.keys(resources).length < n; i++) {
    const add = (id: string, r: Record<string, unknown>) => {
      if (Object.keys(resources).length < n) resources[`${id}${i}`] = { ...r, Metadata: meta(`${id}${i}`) };
    };
    add('Bucket', {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: i % 7 === 0 ? 'GOVERNANCE' : 'COMPLIANCE', Days: 365 } } },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] } } }] },
        Tags: [{ Key: 'forensic-evidence-store', Value: 'true' }],
      },
    });
    add('BucketPolicy', {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: `Bucket${i}` },
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: [{ 'Fn::GetAtt': [`Bucket${i}`, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [`Bucket${i}`, 'Arn'] }, '/*']] }] }] },
      },
    });
    add('Key', { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, KeyPolicy: { Version: '2012-10-17', Statement: [] } }, DeletionPolicy: 'Retain' });
    add('Trail', {
      Type: 'AWS::CloudTrail::Trail',
      Properties: {
        IsLogging: true,
        IsMultiRegionTrail: i % 5 !== 0,
        EnableLogFileValidation: true,
        IncludeGlobalServiceEvents: true,
        S3BucketName: { Ref: `Bucket${i}` },
        KMSKeyId: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] },
        CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [`LogGroup${i}`, 'Arn'] },
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: [{ 'Fn::Sub': `\${Bucket${i}.Arn}/` }] }] }],
      },
    });
    add('LogGroup', { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: i % 3 === 0 ? 90 : 400, KmsKeyId: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] } }, DeletionPolicy: 'Retain' });
    add('Vpc', { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true } });
    add('Subnet', { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `Vpc${i}` }, CidrBlock: '10.0.1.0/24' } });
    if (i % 4 !== 0) {
      add('FlowLog', {
        Type: 'AWS::EC2::FlowLog',
        Properties: { ResourceId: { Ref: `Vpc${i}` }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: { 'Fn::GetAtt': [`Bucket${i}`, 'Arn'] }, MaxAggregationInterval: 60 },
      });
    }
    add('QueryLogConfig', { Type: 'AWS::Route53Resolver::ResolverQueryLoggingConfig', Properties: { DestinationArn: { 'Fn::GetAtt': [`LogGroup${i}`, 'Arn'] } } });
    add('QueryLogAssoc', { Type: 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', Properties: { ResolverQueryLogConfigId: { Ref: `QueryLogConfig${i}` }, ResourceId: { Ref: `Vpc${i}` } } });
    add('SecurityGroup', { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'bench', VpcId: { Ref: `Vpc${i}` } } });
  }
  return JSON.stringify({ Resources: resources, Outputs: { First: { Value: { Ref: 'Bucket0' }, Export: { Name: 'Bench:Bucket0' } } } }, null, 1);
}

/** A Terraform JSON `resource` object that takes at most `n` resources, each with cdktf `//` metadata. */
function terraformResources(n: number): { resource: Record<string, Record<string, unknown>>; add: (type: string, name: string, body: Record<string, unknown>) => void; full: () => boolean } {
  const resource: Record<string, Record<string, unknown>> = {};
  let count = 0;
  const add = (type: string, name: string, body: Record<string, unknown>): void => {
    if (count >= n) return;
    count++;
    (resource[type] ??= {})[name] = { '//': { metadata: { path: `bench/${name}`, uniqueId: name } }, ...body };
  };
  return { resource, add, full: () => count >= n };
}

/** cdk.tf.json of `n` resources across Google Cloud and Azure, with cdktf `//` metadata. */
export function terraformTemplate(n: number): string {
  const { resource, add, full } = terraformResources(n);
  for (let i = 0; !full(); i++) {
    add('google_storage_bucket', `evidence_${i}`, {
      name: `evidence-${i}`,
      location: 'EU',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
      retention_policy: i % 2 ? [{ is_locked: true, retention_period: 31536000 }] : { is_locked: i % 9 !== 0, retention_period: 31536000 },
      labels: { 'forensic-evidence-store': 'true' },
      lifecycle: { prevent_destroy: true },
    });
    add('google_logging_project_sink', `sink_${i}`, { name: `sink-${i}`, destination: `storage.googleapis.com/\${google_storage_bucket.evidence_${i}.name}`, unique_writer_identity: true });
    add('google_compute_network', `vpc_${i}`, { name: `vpc-${i}`, auto_create_subnetworks: false });
    add('google_compute_subnetwork', `subnet_${i}`, {
      name: `subnet-${i}`,
      network: `\${google_compute_network.vpc_${i}.id}`,
      ip_cidr_range: '10.0.0.0/24',
      log_config: i % 3 ? [{ aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 1, metadata: 'INCLUDE_ALL_METADATA' }] : undefined,
    });
    add('google_compute_firewall', `fw_${i}`, { name: `fw-${i}`, network: `\${google_compute_network.vpc_${i}.name}`, allow: [{ protocol: 'tcp', ports: ['443'] }], log_config: { metadata: 'INCLUDE_ALL_METADATA' } });
    add('azurerm_storage_account', `store_${i}`, {
      name: `store${i}`,
      resource_group_name: 'rg',
      location: 'westeurope',
      account_tier: 'Standard',
      account_replication_type: 'GRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      shared_access_key_enabled: false,
      blob_properties: [{ versioning_enabled: true, change_feed_enabled: true, change_feed_retention_in_days: 365, delete_retention_policy: [{ days: 30 }] }],
      lifecycle: { prevent_destroy: true },
    });
    add('azurerm_monitor_diagnostic_setting', `diag_${i}`, {
      name: `diag-${i}`,
      target_resource_id: `\${azurerm_storage_account.store_${i}.id}/blobServices/default`,
      log_analytics_workspace_id: `\${azurerm_log_analytics_workspace.law_${i}.id}`,
      enabled_log: [{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: 'StorageDelete' }],
    });
    add('azurerm_log_analytics_workspace', `law_${i}`, { name: `law-${i}`, resource_group_name: 'rg', location: 'westeurope', retention_in_days: 90, local_authentication_enabled: false });
    add('azurerm_virtual_network', `vnet_${i}`, { name: `vnet-${i}`, resource_group_name: 'rg', location: 'westeurope', address_space: ['10.1.0.0/16'] });
    add('azurerm_network_watcher_flow_log', `flow_${i}`, {
      name: `flow-${i}`,
      network_watcher_name: 'nw',
      resource_group_name: 'rg',
      target_resource_id: `\${azurerm_virtual_network.vnet_${i}.id}`,
      storage_account_id: `\${azurerm_storage_account.store_${i}.id}`,
      enabled: true,
      version: 2,
      retention_policy: { enabled: true, days: 0 },
      traffic_analytics: { enabled: true, workspace_id: `\${azurerm_log_analytics_workspace.law_${i}.workspace_id}`, workspace_region: 'westeurope', workspace_resource_id: `\${azurerm_log_analytics_workspace.law_${i}.id}`, interval_in_minutes: 10 },
    });
  }
  return JSON.stringify({ provider: { google: [{ project: 'bench' }], azurerm: [{ features: [{}] }] }, resource }, null, 2);
}

/** cdk.tf.json of `n` hashicorp/aws resources: buckets with their split resources, trails, flow logs, DNS logs. */
export function awsTerraformTemplate(n: number): string {
  const { resource, add, full } = terraformResources(n);
  for (let i = 0; !full(); i++) {
    const bucket = `\${aws_s3_bucket.evidence_${i}.id}`;
    add('aws_kms_key', `key_${i}`, { enable_key_rotation: i % 7 !== 0, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    add('aws_s3_bucket', `evidence_${i}`, { bucket: `evidence-${i}`, object_lock_enabled: true, tags: { 'forensic-evidence-store': 'true' }, lifecycle: { prevent_destroy: true } });
    add('aws_s3_bucket_versioning', `evidence_${i}`, { bucket, versioning_configuration: { status: 'Enabled' } });
    add('aws_s3_bucket_object_lock_configuration', `evidence_${i}`, { bucket, rule: { default_retention: { mode: i % 5 ? 'COMPLIANCE' : 'GOVERNANCE', days: 400 } } });
    add('aws_s3_bucket_server_side_encryption_configuration', `evidence_${i}`, { bucket, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: `\${aws_kms_key.key_${i}.arn}` } }] });
    add('aws_s3_bucket_public_access_block', `evidence_${i}`, { bucket, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    add('aws_cloudwatch_log_group', `trail_${i}`, { name: `trail-${i}`, retention_in_days: i % 4 ? 400 : 30, kms_key_id: `\${aws_kms_key.key_${i}.arn}` });
    add('aws_cloudtrail', `trail_${i}`, {
      name: `trail-${i}`,
      s3_bucket_name: bucket,
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      kms_key_id: `\${aws_kms_key.key_${i}.arn}`,
      cloud_watch_logs_group_arn: `\${aws_cloudwatch_log_group.trail_${i}.arn}:*`,
      cloud_watch_logs_role_arn: 'arn:aws:iam::111122223333:role/trail',
    });
    add('aws_vpc', `vpc_${i}`, { cidr_block: '10.0.0.0/16' });
    add('aws_flow_log', `flow_${i}`, { vpc_id: `\${aws_vpc.vpc_${i}.id}`, traffic_type: 'ALL', log_destination_type: 's3', log_destination: `\${aws_s3_bucket.evidence_${i}.arn}`, max_aggregation_interval: 60 });
    add('aws_route53_resolver_query_log_config', `dns_${i}`, { name: `dns-${i}`, destination_arn: `\${aws_s3_bucket.evidence_${i}.arn}` });
    add('aws_route53_resolver_query_log_config_association', `dns_${i}`, { resolver_query_log_config_id: `\${aws_route53_resolver_query_log_config.dns_${i}.id}`, resource_id: `\${aws_vpc.vpc_${i}.id}` });
    add('aws_security_group', `sg_${i}`, { name: `sg-${i}`, vpc_id: `\${aws_vpc.vpc_${i}.id}` });
  }
  return JSON.stringify({ provider: { aws: [{ region: 'eu-west-1' }] }, resource }, null, 2);
}

// ---------------------------------------------------------------------------------------------

const quiet = { stdout: () => undefined, stderr: (t: string) => process.stderr.write(t) };

function check(file: string): void {
  const code = main(['check', file, '--format', 'json', '--fail-on', 'never'], quiet);
  if (code !== 0) throw new Error(`check ${file} exited ${code}`);
}

/** Where the time of one check goes at 20,000 resources, and the slowest rules. */
function phases(format: string, file: string, runs: number): string[] {
  const load = medianMs(runs, () => loadPaths([file]));
  const { templates } = loadPaths([file]);
  const model = buildModel(templates);
  const build = medianMs(runs, () => buildModel(templates));
  const resources = templates.flatMap((t) => t.resources);
  const translate = medianMs(runs, () => translateAwsTerraform(resources));
  // On a fresh model each time: the facts the rules share are built once per model, and that is part of the rules' time.
  const rules = medianMs(runs, () => runRules(buildModel(templates), ALL_RULES)) - build;
  const result = runRules(model, ALL_RULES);
  // The marks runRules records (per type list, 1 where a rule judged), as the coverage reads them.
  const judged = new Set(result.evaluations.filter((e) => e.applied).map((e) => e.resource));
  const marks = new Map([...model.typeLists()].map((list) => [list, Uint8Array.from(list, (r) => (judged.has(r) ? 1 : 0))] as const));
  const coverage = medianMs(runs, () => inputCoverageOfMarks(model, marks));
  // As check writes it: piece by piece (renderChunks), never one string.
  const report = medianMs(runs, () => {
    for (const piece of REPORT_RENDERERS.json.renderChunks!(buildReport(result))) void piece;
  });
  const ctx = { model, config: DEFAULT_RULE_CONFIG };
  const perRule = ALL_RULES.map((rule) => {
    const ms = medianMs(Math.min(runs, 3), () => {
      for (const type of rule.appliesTo) for (const r of model.ofType(type)) judgeSafely(rule, r, ctx);
    });
    return [rule.id, ms] as const;
  }).sort((a, b) => b[1] - a[1]);
  return [
    `${format} 20,000, phases (ms): read + parse + load ${load.toFixed(0)}, model and indexes ${build.toFixed(0)} (of which the hashicorp/aws translation ${translate.toFixed(0)}), ${ALL_RULES.length} rules with the facts they build ${rules.toFixed(0)} (${result.findings.length} findings; of which the input coverage ${coverage.toFixed(0)}), JSON report ${report.toFixed(0)}.`,
    `${format} 20,000, slowest rules (ms): ${perRule.slice(0, 5).map(([id, ms]) => `${id} ${ms.toFixed(0)}`).join(', ')}.`,
  ];
}

const ENGINE: BenchSection = {
  id: 'engine',
  title: 'Engine: check time against JSON.parse, and growth with size',
  run(ctx) {
    const rows: string[][] = [];
    const ratios: Ratio[] = [];
    const breakdown: string[] = [];
    const formats = [['CloudFormation', cloudFormationTemplate, 'cfn'], ['Terraform JSON (google, azurerm)', terraformTemplate, 'tf'], ['Terraform JSON (hashicorp/aws)', awsTerraformTemplate, 'tfaws']] as const;
    for (const [format, gen, stem] of formats) {
      const times = new Map<number, number>();
      for (const n of SIZES) {
        const file = path.join(ctx.dir, `${stem}-${n}.json`);
        fs.writeFileSync(file, gen(n));
        const mib = fs.statSync(file).size / (1024 * 1024);
        const parseTimes = timesMs(ctx.runs, () => JSON.parse(fs.readFileSync(file, 'utf8')));
        const checkTimes = timesMs(ctx.runs, () => check(file));
        const parse = median(parseTimes);
        const full = median(checkTimes);
        times.set(n, full);
        rows.push([format, n.toLocaleString('en'), mib.toFixed(1), parse.toFixed(1), full.toFixed(1), (full / parse).toFixed(2), (checkTimes[0] / parseTimes[0]).toFixed(2)]);
        if (n === 20_000) ratios.push({ name: `${format} ${n.toLocaleString('en')}: check / JSON.parse`, value: full / parse, goal: '<= 3', met: full / parse <= 3 });
      }
      breakdown.push(...phases(format, path.join(ctx.dir, `${stem}-20000.json`), ctx.runs));
      const growth = times.get(20_000)! / times.get(5_000)!;
      ratios.push({ name: `${format}: time at 20,000 / time at 5,000`, value: growth, goal: '~ 4 (linear)', met: growth <= 4.8 });
    }
    return {
      table: { head: ['format', 'resources', 'MiB', 'read + JSON.parse ms', 'check ms', 'check / parse', 'fastest / fastest'], rows },
      ratios,
      notes: [
        'check = the whole `forensic-readiness check FILE --format json` in-process: read, parse, load, model with indexes, every rule, JSON report; the kit\'s code compiled as `npm start` runs it (bin/ts-require.js).',
        'JSON.parse = reading the same file and JSON.parse alone. Times and ratios are medians of the runs; "fastest / fastest" is the ratio of the fastest run of each (noise only adds time), for a loaded machine.',
        ...breakdown,
      ],
    };
  },
};

const CDK_NAG: BenchSection = {
  id: 'cdk-nag',
  title: "cdk-nag: this kit's pack against cdk-nag's AwsSolutions pack on the same stack",
  run(ctx) {
    // Loaded here only: the CDK libraries cost seconds and the engine section does not need them.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const cdk = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
    const s3 = require('aws-cdk-lib/aws-s3') as typeof import('aws-cdk-lib/aws-s3');
    const kms = require('aws-cdk-lib/aws-kms') as typeof import('aws-cdk-lib/aws-kms');
    const logs = require('aws-cdk-lib/aws-logs') as typeof import('aws-cdk-lib/aws-logs');
    const ec2 = require('aws-cdk-lib/aws-ec2') as typeof import('aws-cdk-lib/aws-ec2');
    const cloudtrail = require('aws-cdk-lib/aws-cloudtrail') as typeof import('aws-cdk-lib/aws-cloudtrail');
    const { AwsSolutionsChecks } = require('cdk-nag') as typeof import('cdk-nag');
    const { ForensicReadinessChecks } = require('../policies/adapters/aws') as typeof import('../policies/adapters/aws');
    /* eslint-enable @typescript-eslint/no-require-imports */
    /** The synthetic stack both packs judge: 25 evidence buckets, keys, log groups, trails, VPCs and flow logs. */
    const benchStack = (app: import('aws-cdk-lib').App): import('aws-cdk-lib').Stack => {
      const stack = new cdk.Stack(app, 'Bench');
      for (let i = 0; i < 25; i++) {
        const key = new kms.Key(stack, `Key${i}`, { enableKeyRotation: true });
        const bucket = new s3.Bucket(stack, `Evidence${i}`, { objectLockEnabled: true, encryptionKey: key, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
        const group = new logs.LogGroup(stack, `Logs${i}`, { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key });
        new cloudtrail.Trail(stack, `Trail${i}`, { bucket, encryptionKey: key, cloudWatchLogGroup: group, sendToCloudWatchLogs: true });
        const vpc = new ec2.CfnVPC(stack, `Vpc${i}`, { cidrBlock: '10.0.0.0/16' });
        new ec2.CfnSubnet(stack, `Subnet${i}`, { vpcId: vpc.ref, cidrBlock: '10.0.1.0/24' });
        new ec2.CfnFlowLog(stack, `Flow${i}`, { resourceId: vpc.ref, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 's3', logDestination: bucket.bucketArn });
      }
      return stack;
    };
    const stack = benchStack(new cdk.App({ outdir: path.join(ctx.dir, 'cdk.out') }));
    const constructs = stack.node.findAll().length;
    const cfnResources = stack.node.findAll().filter((c) => cdk.CfnResource.isCfnResource(c)).length;
    // Alternating, after a warm-up of each: measured one pack after the other, the second ran in the
    // heap and the compiled code the first left (ratios of 0.64 and 1.25 on one machine, by order).
    const scope = { ours: [] as number[], theirs: [] as number[] };
    for (let i = 0; i <= ctx.runs * 2; i++) {
      const o = timeOnce(() => new ForensicReadinessChecks().validateScope(stack));
      const t = timeOnce(() => new AwsSolutionsChecks().validateScope(stack));
      if (i > 0) scope.ours.push(o), scope.theirs.push(t);
    }
    const ours = median(scope.ours);
    const theirs = median(scope.theirs);
    const findings = new ForensicReadinessChecks().validateScope(stack).violations.length;
    // What each pack adds to a synth of the same stack, as a policy-validation plugin. Both report
    // findings, which CDK prints and counts (exit code 1): silenced and reset here.
    const synthOnce = (plugin?: () => Parameters<ReturnType<typeof cdk.Validations.of>['addPlugins']>[0]): number => {
      const app = new cdk.App({ outdir: fs.mkdtempSync(path.join(ctx.dir, 'synth-')) });
      benchStack(app);
      if (plugin) cdk.Validations.of(app).addPlugins(plugin());
      const t0 = performance.now();
      silently(() => {
        try {
          app.synth();
        } catch (err) {
          // Both packs report findings on this stack, so synth ends with CDK's ValidationFailed.
          if (!/Validation failed/.test(String(err))) throw err;
        }
      });
      return performance.now() - t0;
    };
    // CDK's own CloudFormation validation off, as npm start has it: the same for all three, and noise only.
    const validation = process.env.CDK_VALIDATION;
    process.env.CDK_VALIDATION = 'false';
    // Alternating, after one warm-up of each, so that the machine's load hits the three alike.
    const synths = { plain: [] as number[], ours: [] as number[], theirs: [] as number[] };
    const oursPlugin = () => new ForensicReadinessChecks(undefined, { log: () => undefined });
    const theirsPlugin = () => new AwsSolutionsChecks();
    for (let i = 0; i <= ctx.runs; i++) {
      const p = synthOnce();
      const o = synthOnce(oursPlugin);
      const t = synthOnce(theirsPlugin);
      if (i > 0) synths.plain.push(p), synths.ours.push(o), synths.theirs.push(t);
    }
    const plain = median(synths.plain);
    const oursInSynth = Math.max(0.1, median(synths.ours) - plain);
    const theirsInSynth = Math.max(0.1, median(synths.theirs) - plain);
    if (validation === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = validation;
    return {
      table: {
        head: ['pack', 'constructs', 'CfnResources', 'validateScope ms', 'violations'],
        rows: [
          ['ForensicReadinessChecks', String(constructs), String(cfnResources), ours.toFixed(1), String(findings)],
          ['AwsSolutionsChecks', String(constructs), String(cfnResources), theirs.toFixed(1), String(new AwsSolutionsChecks().validateScope(stack).violations.length)],
        ],
      },
      ratios: [
        { name: 'ForensicReadinessChecks / AwsSolutionsChecks, validateScope', value: ours / theirs, goal: '< 1 (faster than cdk-nag)', met: ours / theirs < 1 },
        { name: 'ForensicReadinessChecks / AwsSolutionsChecks, what each adds to cdk synth', value: oursInSynth / theirsInSynth, goal: '< 1 (faster than cdk-nag)', met: oursInSynth / theirsInSynth < 1 },
      ],
      notes: [
        'validateScope: both packs judge the stack from the construct tree (no synth); ours renders the stack template (Stack._toCloudFormation, most of its time) and runs every AWS rule over it.',
        `In cdk synth (each pack added with Validations.of(app).addPlugins, as both are used): synth with the pack minus synth without (${plain.toFixed(1)} ms): ours ${oursInSynth.toFixed(1)} ms (it reads the templates synthesis wrote), AwsSolutions ${theirsInSynth.toFixed(1)} ms (it walks and resolves the construct tree).`,
      ],
    };
  },
};

/** Runs fn with console output and the exit code left as they were (CDK prints and counts validation findings). */
function silently(fn: () => void): void {
  const { log, error, warn } = console;
  const code = process.exitCode;
  console.log = console.error = console.warn = () => undefined;
  try {
    fn();
  } finally {
    Object.assign(console, { log, error, warn });
    process.exitCode = code;
  }
}

/** Wall time of fresh processes: median of `runs`, no warm-up (every run is cold). */
function coldMs(runs: number, args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    times.push(performance.now() - t0);
    if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  }
  return times.sort((a, b) => a - b);
}

const ROOT = path.resolve(__dirname, '..');
const TSX_HOOK = require.resolve('tsx/cjs');

/** The node arguments of `npm start`, from package.json's start script (`node ARGS...`), so that the bench times what `npm start` runs. */
export function startArgs(script: string): string[] {
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node' || words.some((w) => /["'`$&|;<>]/.test(w))) throw new Error(`package.json start is not a plain \`node ARGS\` command: ${script}`);
  return words.slice(1);
}

const START: BenchSection = {
  id: 'start',
  title: '`npm start` cold, with and without the drill phase, against the floor (load aws-cdk-lib and cdktf, synthesize one empty stack of each)',
  run(ctx) {
    const npmStart = startArgs((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start);
    // The floor with the loader npm start runs its TypeScript with (its own .ts compiled by the kit's
    // loader, every .js loaded by Node), and with tsx's hook, as it was first measured.
    const loader = npmStart.slice(0, npmStart.indexOf(npmStart.find((a) => a.endsWith('.ts'))!));
    // Alternate, so that load on the machine hits all four alike.
    const start: number[] = [];
    const noDrills: number[] = [];
    const floor: number[] = [];
    const tsxFloor: number[] = [];
    for (let i = 0; i < ctx.runs; i++) {
      floor.push(...coldMs(1, [...loader, 'bin/bench-floor.ts']));
      start.push(...coldMs(1, npmStart));
      tsxFloor.push(...coldMs(1, ['-r', TSX_HOOK, 'bin/bench-floor.ts']));
      noDrills.push(...coldMs(1, [...npmStart, '--no-drills']));
    }
    const s = median(start);
    const n = median(noDrills);
    const f = median(floor);
    const t = median(tsxFloor);
    const line = (label: string, xs: number[]) => [label, median(xs).toFixed(0), Math.min(...xs).toFixed(0), Math.max(...xs).toFixed(0)];
    return {
      table: {
        head: ['process', 'median ms', 'min ms', 'max ms'],
        rows: [
          line(`npm start (node ${npmStart.join(' ')}): synth 3 clouds, check, drill the 3 clouds, write the report`, start),
          line('npm start --no-drills: the same without the drill phase', noDrills),
          line(`floor (node ${[...loader, 'bin/bench-floor.ts'].join(' ')})`, floor),
          line('floor under tsx (node -r tsx/cjs bin/bench-floor.ts)', tsxFloor),
        ],
      },
      ratios: [
        { name: 'npm start / floor', value: s / f, goal: '<= 2', met: s / f <= 2 },
        { name: 'npm start / floor under tsx', value: s / t, goal: '<= 2', met: s / t <= 2 },
        { name: 'npm start with the drills / without', value: s / n, goal: '<= 1.3', met: s / n <= 1.3 },
      ],
      notes: [
        'All four run as fresh processes with the same node, alternating; npm itself adds ~0.3 s to `npm start` and is left out of all.',
        "The floor runs with npm start's own loader (bin/ts-require.js: nothing but the one .ts file compiled, every .js left to Node), the fastest way to load the two libraries; under tsx's hook, which reads and checks every .js file first, it is slower, and that figure is shown for comparison with earlier runs.",
        'The drill phase (bin/drill.ts) runs in a process of its own beside the synths: with drills / without is what the drills add to the wall time.',
      ],
    };
  },
};

const VERIFY: BenchSection = {
  id: 'verify',
  title: '`verify cloudtrail` on a year of hourly digests for one region (8,760 digests, small log files)',
  run(ctx) {
    // The fixture writer lives with the tests; required by path so that the build does not compile it into dist.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeSignedTrail } = require(path.join(ROOT, 'test', 'incidents', 'cloudtrail-digests')) as {
      writeSignedTrail(o: { root: string; keysFile: string; start: string; hours: number; maxLogsPerHour: number }): { logFiles: readonly string[] };
    };
    const root = path.join(ctx.dir, 'trail-year');
    const keysFile = path.join(ctx.dir, 'trail-year-keys.json');
    const t0 = performance.now();
    const trail = writeSignedTrail({ root, keysFile, start: '2025-12-01T00:00:00Z', hours: 8_760, maxLogsPerHour: 2 });
    const written = performance.now() - t0;
    const run = () => {
      const code = main(['verify', 'cloudtrail', root, '--public-keys', keysFile, '--format', 'json'], quiet);
      if (code !== 0) throw new Error(`verify exited ${code}`);
    };
    // One day of the year: the day's digests and log files are checked, and every other log file's records read.
    const day = () => {
      const code = main(['verify', 'cloudtrail', root, '--public-keys', keysFile, '--format', 'json', '--from', '2026-06-01', '--to', '2026-06-02'], quiet);
      if (code !== 0) throw new Error(`verify --from/--to exited ${code}`);
    };
    const runs = Math.min(ctx.runs, 3);
    const ms = medianMs(runs, run);
    const dayMs = medianMs(runs, day);
    const perDigest = (ms * 1000) / 8_760;
    return {
      table: {
        head: ['digests', 'log files', 'write fixture s', 'verify s', 'per digest µs', 'verify one day s'],
        rows: [['8,760', trail.logFiles.length.toLocaleString('en'), (written / 1000).toFixed(1), (ms / 1000).toFixed(2), perDigest.toFixed(0), (dayMs / 1000).toFixed(2)]],
      },
      ratios: [
        { name: 'verify of a year, seconds', value: ms / 1000, goal: '<= 30', met: ms / 1000 <= 30 },
        { name: 'verify of one day of that year (--from/--to), seconds', value: dayMs / 1000, goal: '<= 30', met: dayMs / 1000 <= 30 },
      ],
      notes: [
        `verify = the whole \`forensic-readiness verify cloudtrail DIR --format json\` in-process (median of ${runs} after a warm-up): list, read and check every digest's RSA signature and chain link, hash every log file.`,
        "verify one day = the same with --from 2026-06-01 --to 2026-06-02: that day's digests and log files are checked, and every other log file of the year is decompressed and its records' eventTime read (a file named outside the period may hold records inside it).",
        'The fixture is written with a 2048-bit test key, as CloudTrail signs; writing it (signing every digest) is not part of the time.',
      ],
    };
  },
};

/** One measurement of bin/bench-investigate.ts in a fresh process: its JSON line. */
function investigateChild(args: string[]): { ms: number; rows: number; rssMb: number } {
  const run = spawnSync(process.execPath, ['-r', TSX_HOOK, 'bin/bench-investigate.ts', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`bench-investigate ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

const INVESTIGATE_RECORDS = [250_000, 1_000_000];

const INVESTIGATE: BenchSection = {
  id: 'investigate',
  title: '`investigate` over a CloudTrail archive in the real layout, against DuckDB reading the same files alone',
  run(ctx) {
    const rows: string[][] = [];
    const ratios: Ratio[] = [];
    const peak: Record<string, number[]> = { 'endpoint-callers': [], timeline: [] };
    const runs = Math.min(ctx.runs, 3);
    for (const records of INVESTIGATE_RECORDS) {
      const dir = path.join(ctx.dir, `cloudtrail-${records}`);
      const gen = investigateChild(['gen', dir, String(records)]);
      for (const q of ['endpoint-callers', 'timeline']) {
        // Alternate, so that load on the machine and the page cache hit both alike.
        const kit: { ms: number; rows: number; rssMb: number }[] = [];
        const alone: { ms: number; rows: number; rssMb: number }[] = [];
        for (let i = 0; i < runs; i++) {
          alone.push(investigateChild(['duckdb', dir, q]));
          kit.push(investigateChild(['kit', dir, q]));
        }
        if (kit[0].rows !== alone[0].rows) throw new Error(`${q}: the kit returned ${kit[0].rows} rows, DuckDB alone ${alone[0].rows}`);
        const k = median(kit.map((x) => x.ms));
        const a = median(alone.map((x) => x.ms));
        const rss = Math.max(...kit.map((x) => x.rssMb));
        peak[q].push(rss);
        rows.push([`${q}, ${records.toLocaleString('en')} records (generated in ${(gen.ms / 1000).toFixed(1)} s)`, k.toFixed(0), a.toFixed(0), (k / a).toFixed(2), rss.toFixed(0), Math.max(...alone.map((x) => x.rssMb)).toFixed(0), String(kit[0].rows)]);
        if (records === INVESTIGATE_RECORDS[INVESTIGATE_RECORDS.length - 1]) ratios.push({ name: `investigate ${q} / DuckDB alone (${records.toLocaleString('en')} records)`, value: k / a, goal: '<= 1.5', met: k / a <= 1.5 });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const q of Object.keys(peak)) {
      const [small, large] = peak[q];
      ratios.push({ name: `peak RSS of investigate ${q}, ${INVESTIGATE_RECORDS[1] / INVESTIGATE_RECORDS[0]}x the records`, value: large / small, goal: '<= 1.5 (flat)', met: large / small <= 1.5 });
    }
    return {
      table: { head: ['measurement', 'kit ms', 'DuckDB alone ms', 'ratio', 'kit peak RSS MB', 'alone peak RSS MB', 'rows'], rows },
      ratios,
      notes: [
        'Each figure is a fresh process (bin/bench-investigate.ts), timed from the start of the work to the answer; node and tsx start-up are left out of both.',
        'The kit: walk the folder, recognise every file by path and first bytes, check every gzip to its end, create the views, run the shipped query (or the timeline). DuckDB alone: the same view and query over a glob of the same files.',
        'Records: 2,000 a file (gzip level 1), five event kinds, half the InvokeEndpoint calls on the endpoint asked about.',
      ],
    };
  },
};

/** Every section, in order. */
export const SECTIONS: BenchSection[] = [ENGINE, CDK_NAG, START, VERIFY, INVESTIGATE];

function parseArgs(argv: string[]): { only?: Set<string>; runs: number; keep: boolean } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = get('--only');
  const runs = Number(get('--runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  return { only: only ? new Set(only.split(',')) : undefined, runs, keep: argv.includes('--keep') };
}

function render(section: BenchSection, result: SectionResult): string {
  const out = [`## ${section.title}`, '', `| ${result.table.head.join(' | ')} |`, `|${result.table.head.map(() => '---').join('|')}|`];
  for (const r of result.table.rows) out.push(`| ${r.join(' | ')} |`);
  out.push('');
  for (const r of result.ratios) out.push(`- ${r.name}: **${r.value.toFixed(2)}** (goal ${r.goal}) ${r.met ? 'met' : 'NOT MET'}`);
  for (const n of result.notes ?? []) out.push(`- ${n}`);
  return `${out.join('\n')}\n`;
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-bench-'));
  process.stdout.write(`# forensic-readiness bench (node ${process.version}, ${os.cpus().length} cores, medians of ${args.runs} runs after a warm-up)\n\n`);
  try {
    for (const section of SECTIONS) {
      if (args.only && !args.only.has(section.id)) continue;
      process.stdout.write(render(section, section.run({ runs: args.runs, dir })));
      process.stdout.write('\n');
    }
  } finally {
    if (args.keep) process.stdout.write(`(inputs kept in ${dir})\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
