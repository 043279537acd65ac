/**
 * Every construct of the kit in the app a user writes: `new App()` with no context and no feature
 * flags (the kit's own tests and reference apps pass the flags of cdk.json; a user's app may have
 * none). Each construct must synthesize there, and the evidence bucket must keep its secure
 * defaults: Object Lock COMPLIANCE, BucketOwnerEnforced, server access logs granted to
 * logging.s3.amazonaws.com through the target's bucket policy (never the LogDeliveryWrite ACL).
 */
// Skips aws-cdk-lib's per-synth CloudFormation validation, as the other tests do (test/setup-env.js).
process.env.CDK_VALIDATION = 'false';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as cdktf from 'cdktf';
import { Construct } from 'constructs';
import * as aws from '../constructs/aws';
import * as azure from '../constructs/azure';
import { GcpParent } from '../constructs/gcp';
import * as gcp from '../constructs/gcp';
import { buildModel, loadDocument } from '../policies/engine/loader';
import { runRules } from '../policies/engine/runner';
import { AWS_RULES } from '../policies/rules/aws';

/** The names of the construct classes a module exports. */
function constructClasses(mod: Record<string, unknown>): string[] {
  return Object.entries(mod)
    .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Construct)
    .map(([k]) => k)
    .sort();
}

const tmpdirs: string[] = [];
function tmp(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpdirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpdirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A stack in `new App()` without context (the output folder is a temp dir, not context). */
function plainAwsStack(): { app: App; stack: Stack } {
  const app = new App({ outdir: tmp('frk-plain-cdk-') });
  return { app, stack: new Stack(app, 'Plain') };
}

type AwsBuild = (stack: Stack) => void;

/** One minimal build per exported AWS construct: its required props only. */
const AWS_BUILDS: Record<string, AwsBuild> = {
  AccessLogBucket: (stack) => new aws.AccessLogBucket(stack, 'AccessLogs'),
  EvidenceBucket: (stack) => new aws.EvidenceBucket(stack, 'Evidence'),
  AuditTrail: (stack) => new aws.AuditTrail(stack, 'Trail'),
  FlowLogs: (stack) => new aws.FlowLogs(stack, 'FlowLogs', { vpcs: [new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 })] }),
  DnsQueryLogs: (stack) => new aws.DnsQueryLogs(stack, 'Dns', { destination: new aws.EvidenceBucket(stack, 'Evidence'), vpcs: [new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 })] }),
  SageMakerAudit: (stack) => {
    const audit = new aws.SageMakerAudit(stack, 'SageMaker', { destination: new aws.EvidenceBucket(stack, 'Evidence') });
    const role = new iam.Role(stack, 'ModelRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    audit.grantCapture(role);
    const model = new sagemaker.CfnModel(stack, 'Model', { executionRoleArn: role.roleArn, primaryContainer: { image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/model:1' } });
    const config = new sagemaker.CfnEndpointConfig(stack, 'Config', { productionVariants: [{ modelName: model.attrModelName, variantName: 'main', initialInstanceCount: 1, instanceType: 'ml.m5.large' }] });
    new sagemaker.CfnEndpoint(stack, 'Endpoint', { endpointConfigName: config.attrEndpointConfigName, endpointName: 'scoring' });
  },
  ThreatDetection: (stack) => new aws.ThreatDetection(stack, 'ThreatDetection', { destination: new aws.EvidenceBucket(stack, 'Evidence') }),
  BedrockInvocationLogging: (stack) => new aws.BedrockInvocationLogging(stack, 'Bedrock', { destination: new aws.EvidenceBucket(stack, 'Evidence') }),
  ConfigurationHistory: (stack) => new aws.ConfigurationHistory(stack, 'Config', { destination: new aws.EvidenceBucket(stack, 'Evidence') }),
  InvestigationPack: (stack) => new aws.InvestigationPack(stack, 'Pack', { trail: new aws.AuditTrail(stack, 'Trail', { destination: new aws.EvidenceBucket(stack, 'Evidence') }) }),
  SageMakerJobLogs: (stack) => new aws.SageMakerJobLogs(stack, 'JobLogs', { destination: new aws.EvidenceBucket(stack, 'Evidence') }),
  StudioSourceIdentity: (stack) => {
    const role = new iam.Role(stack, 'StudioRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    new sagemaker.CfnDomain(stack, 'Domain', { authMode: 'IAM', domainName: 'd', vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], defaultUserSettings: { executionRole: role.roleArn } });
    new aws.StudioSourceIdentity(stack, 'SourceIdentity');
  },
};

/** Every evidence bucket of a template (Object Lock on), and the bucket policies by the bucket they name. */
function evidenceBuckets(t: Template): Array<[string, any]> {
  return Object.entries(t.findResources('AWS::S3::Bucket')).filter(([, r]: [string, any]) => r.Properties.ObjectLockEnabled);
}
function policyOf(t: Template, bucketLogicalId: string): any[] {
  const policy = Object.values<any>(t.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket?.Ref === bucketLogicalId);
  return policy?.Properties.PolicyDocument.Statement ?? [];
}

/** The secure defaults of an evidence bucket and of its access-log delivery, in a template. */
function expectSecureEvidenceBucket(t: Template, stackName: string): void {
  const buckets = evidenceBuckets(t);
  expect(buckets.length).toBeGreaterThan(0);
  for (const [id, b] of buckets) {
    expect([id, b.Properties.ObjectLockConfiguration.Rule.DefaultRetention.Mode]).toEqual([id, 'COMPLIANCE']);
    expect([id, b.Properties.OwnershipControls]).toEqual([id, { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] }]);
    expect(b.Properties.AccessControl).toBeUndefined();
    const logging = b.Properties.LoggingConfiguration;
    expect(logging).toEqual({
      DestinationBucketName: { Ref: expect.any(String) },
      LogFilePrefix: expect.stringMatching(new RegExp(`^${stackName}/`)),
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
    const targetId = logging.DestinationBucketName.Ref as string;
    const target = t.toJSON().Resources[targetId];
    // The access-log bucket: no ACL, BucketOwnerEnforced, and a policy grant to the logging service.
    expect(target.Properties.AccessControl).toBeUndefined();
    expect(target.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    const grant = policyOf(t, targetId).find((s) => s.Principal?.Service === 'logging.s3.amazonaws.com');
    expect(grant).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [targetId, 'Arn'] }, `/${logging.LogFilePrefix}*`]] },
      Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [id, 'Arn'] } }, StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  }
}

describe('a plain `new App()` without context or feature flags', () => {
  test('the AWS builds below cover every construct constructs/aws exports', () => {
    expect(constructClasses(aws)).toEqual(Object.keys(AWS_BUILDS).sort());
  });

  test.each(Object.entries(AWS_BUILDS))('AWS %s synthesizes', (_name, build) => {
    const { app, stack } = plainAwsStack();
    expect(app.node.tryGetContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy')).toBeUndefined();
    build(stack);
    const assembly = app.synth();
    const template = assembly.getStackByName('Plain').template;
    expect(Object.keys(template.Resources).length).toBeGreaterThan(0);
    if (Object.values<any>(template.Resources).some((r) => r.Type === 'AWS::S3::Bucket' && r.Properties.ObjectLockEnabled)) {
      expectSecureEvidenceBucket(Template.fromJSON(template), 'Plain');
    }
  });

  test('AWS: every construct together breaks none of the kit AWS rules', () => {
    const { app, stack } = plainAwsStack();
    const evidence = new aws.EvidenceBucket(stack, 'Evidence');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
    const staging = new aws.AccessLogBucket(stack, 'StagingLogs', { replicateTo: evidence.bucket });
    new aws.AuditTrail(stack, 'Trail', { destination: evidence, dataEvents: { s3Buckets: [staging.bucket] } });
    new aws.FlowLogs(stack, 'FlowLogs', { vpcs: [vpc], destination: evidence });
    new aws.DnsQueryLogs(stack, 'Dns', { destination: evidence, vpcs: [vpc] });
    new aws.SageMakerAudit(stack, 'SageMaker', { destination: evidence });
    new aws.ThreatDetection(stack, 'ThreatDetection', { destination: evidence });
    new aws.BedrockInvocationLogging(stack, 'Bedrock', { destination: evidence });
    new aws.ConfigurationHistory(stack, 'Config', { destination: evidence });
    new aws.SageMakerJobLogs(stack, 'JobLogs', { destination: evidence });
    new aws.StudioSourceIdentity(stack, 'SourceIdentity');
    const template = app.synth().getStackByName('Plain').template;
    expectSecureEvidenceBucket(Template.fromJSON(template), 'Plain');
    const bad = runRules(buildModel([loadDocument(template, 'plain.template.json')]), AWS_RULES).findings.filter((f) => f.verdict === 'NON_COMPLIANT');
    expect(bad.map((f) => `${f.ruleId} ${f.address}`)).toEqual([]);
  });

  test('AWS: the evidence bucket is the same with and without the feature flags of cdk.json', () => {
    const flags = {
      '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
      '@aws-cdk/aws-kms:aliasNameRef': true,
      '@aws-cdk/core:enablePartitionLiterals': true,
      '@aws-cdk/aws-iam:minimizePolicies': true,
    };
    const build = (context: Record<string, unknown>) => {
      const app = new App({ outdir: tmp('frk-plain-flags-'), context });
      const stack = new Stack(app, 'Plain');
      new aws.AuditTrail(stack, 'Trail');
      return Template.fromStack(stack).toJSON();
    };
    const withFlags = build(flags);
    const without = build({});
    // Identical resources, logical ids and properties; only @aws-cdk/aws-iam:minimizePolicies
    // changes the order of actions inside a statement (it sorts them), which IAM ignores.
    const sortActions = (doc: unknown): unknown =>
      JSON.parse(JSON.stringify(doc), (k, v) => (k === 'Action' && Array.isArray(v) ? [...v].sort() : v));
    expect(Object.keys(without.Resources)).toEqual(Object.keys(withFlags.Resources));
    expect(sortActions(without)).toEqual(sortActions(withFlags));
  });

  test('AWS: a target bucket of the user is granted through its policy, not switched to the log-delivery ACL', () => {
    const { app, stack } = plainAwsStack();
    const target = new s3.Bucket(stack, 'CentralLogs', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, enforceSSL: true });
    new aws.EvidenceBucket(stack, 'Evidence', { serverAccessLogsBucket: target });
    const t = Template.fromJSON(app.synth().getStackByName('Plain').template);
    expectSecureEvidenceBucket(t, 'Plain');
  });

  test('AWS: a target in another stack gets a grant conditioned on the account, and no cross-stack cycle', () => {
    const app = new App({ outdir: tmp('frk-plain-x-') });
    const logs = new Stack(app, 'Logs');
    const target = new aws.AccessLogBucket(logs, 'Central');
    const workload = new Stack(app, 'Workload');
    new aws.EvidenceBucket(workload, 'Evidence', { serverAccessLogsBucket: target.bucket });
    const assembly = app.synth();
    const statements = Object.values<any>(assembly.getStackByName('Logs').template.Resources)
      .filter((r) => r.Type === 'AWS::S3::BucketPolicy')
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const grant = statements.find((s) => s.Principal?.Service === 'logging.s3.amazonaws.com');
    expect(grant.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
    expect(grant.Resource['Fn::Join'][1][1]).toBe('/Workload/Evidence/*');
  });

  test('AWS: an imported target bucket cannot take the grant, and the stack says so', () => {
    const { stack } = plainAwsStack();
    const target = s3.Bucket.fromBucketName(stack, 'Imported', 'central-access-logs');
    const e = new aws.EvidenceBucket(stack, 'Evidence', { serverAccessLogsBucket: target });
    const warnings = e.bucket.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining('logging.s3.amazonaws.com')]);
  });
});

type TfBuild = (stack: cdktf.TerraformStack) => void;

const GCP_BUILDS: Record<string, TfBuild> = {
  AssetInventoryFeeds: (stack) =>
    new gcp.AssetInventoryFeeds(stack, 'Assets', {
      parent: GcpParent.project('acme-prod'),
      region: 'us-central1',
      destination: new gcp.EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us-central1' }),
    }),
  AuditLogs: (stack) => new gcp.AuditLogs(stack, 'Audit', { parent: GcpParent.project('acme-prod') }),
  EvidenceBucket: (stack) => new gcp.EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us-central1' }),
  FlowLogs: (stack) => new gcp.FlowLogs(stack, 'Net', { subnets: [{ name: 'ml-subnet', region: 'us-central1', ipCidrRange: '10.10.0.0/20' }] }),
  ForensicKey: (stack) => new gcp.ForensicKey(stack, 'Key', { location: 'us-central1' }),
  InvestigationPack: (stack) =>
    new gcp.InvestigationPack(stack, 'Pack', { logSink: new gcp.LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), logBucket: { location: 'us-central1' } }) }),
  LogSink: (stack) => new gcp.LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod') }),
  VertexAiAudit: (stack) => new gcp.VertexAiAudit(stack, 'Vertex', { region: 'us-central1' }),
};

const SUB = '11111111-2222-3333-4444-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg`;
const store = () => ({ storageAccountId: `${RG}/providers/Microsoft.Storage/storageAccounts/evidence`, location: 'westeurope' });
const workspace = () => ({ workspaceResourceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/law`, workspaceGuid: '99999999-8888-7777-6666-555555555555', location: 'westeurope' });

const AZURE_BUILDS: Record<string, TfBuild> = {
  ActivityLogs: (stack) => new azure.ActivityLogs(stack, 'ActivityLogs', { subscriptionId: SUB, destination: store(), workspace: workspace() }),
  CognitiveAccountAudit: (stack) => new azure.CognitiveAccountAudit(stack, 'AiAudit', { cognitiveAccountId: `${RG}/providers/Microsoft.CognitiveServices/accounts/ai`, destination: store(), workspace: workspace() }),
  EntraIdLogs: (stack) => new azure.EntraIdLogs(stack, 'EntraIdLogs', { destination: store(), workspace: workspace() }),
  EvidenceStorage: (stack) => new azure.EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' }),
  FlowLogs: (stack) => new azure.FlowLogs(stack, 'FlowLogs', { virtualNetworkId: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet`, location: 'westeurope', destination: store(), workspace: workspace() }),
  HardenedMlWorkspace: (stack) =>
    new azure.HardenedMlWorkspace(stack, 'Ml', {
      workspaceName: 'ml-ws',
      resourceGroupName: 'rg',
      location: 'westeurope',
      applicationInsightsId: `${RG}/providers/Microsoft.Insights/components/ai`,
      keyVaultId: `${RG}/providers/Microsoft.KeyVault/vaults/kv`,
      storageAccountId: `${RG}/providers/Microsoft.Storage/storageAccounts/trainingdata`,
    }),
  InvestigationPack: (stack) => new azure.InvestigationPack(stack, 'Pack', { workspace: workspace(), sentinel: {} }),
  LogAnalytics: (stack) => new azure.LogAnalytics(stack, 'LogAnalytics', { resourceGroupName: 'rg', location: 'westeurope', workspaceName: 'forensic-logs' }),
  MachineLearningAudit: (stack) => new azure.MachineLearningAudit(stack, 'MlAudit', { machineLearningWorkspaceId: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ml`, destination: store(), workspace: workspace() }),
  StorageAccessLogs: (stack) => new azure.StorageAccessLogs(stack, 'AccessLogs', { storageAccountId: `${RG}/providers/Microsoft.Storage/storageAccounts/trainingdata`, destination: store(), workspace: workspace() }),
};

/** A bare cdktf `new App()` (no context; a temp output folder), one stack with the cloud's provider, synthesized with cdktf's validations. */
function synthPlainTf(provider: (stack: cdktf.TerraformStack) => void, build: TfBuild): Record<string, any> {
  const outdir = tmp('frk-plain-tf-');
  const app = new cdktf.App({ outdir });
  const stack = new cdktf.TerraformStack(app, 'plain');
  provider(stack);
  build(stack);
  app.synth();
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'plain', 'cdk.tf.json'), 'utf8'));
}

describe('a bare cdktf `new App()` without context', () => {
  test('the GCP and Azure builds below cover every construct constructs/gcp and constructs/azure export', () => {
    expect(constructClasses(gcp)).toEqual(Object.keys(GCP_BUILDS).sort());
    expect(constructClasses(azure)).toEqual(Object.keys(AZURE_BUILDS).sort());
  });

  test.each(Object.entries(GCP_BUILDS))('GCP %s synthesizes, validations included', (_name, build) => {
    const json = synthPlainTf((s) => new GoogleProvider(s, 'google', { project: 'acme-prod' }), build);
    expect(Object.keys(json.resource ?? {}).length).toBeGreaterThan(0);
  });

  test.each(Object.entries(AZURE_BUILDS))('Azure %s synthesizes, validations included', (_name, build) => {
    const json = synthPlainTf((s) => new AzurermProvider(s, 'azurerm', { features: [{}] }), build);
    expect(Object.keys(json.resource ?? {}).length).toBeGreaterThan(0);
  });
});
