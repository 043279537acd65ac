/**
 * InvestigationPack: the CloudTrail table as AWS documents it for Athena (partition projection on
 * account, region and day; the organization path for an organization trail), the workgroup's
 * enforced configuration, the results bucket and key of its own, one prepared statement per
 * question with an AWS query, byte for byte the shipped file; and each refusal.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Annotations as StackAnnotations, Match as M } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { AuditTrail, DnsQueryLogs, EvidenceBucket, SageMakerAudit, SageMakerJobLogs } from '../../constructs/aws';
import { CLOUDTRAIL_TABLE, DATA_CAPTURE_TABLE, FLOW_LOG_TABLE, InvestigationPack, InvestigationPackProps, RESOLVER_TABLE } from '../../constructs/aws/investigation-pack';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import { refusal } from '../refusal';

const ROOT = path.join(__dirname, '..', '..');
const env = { account: '111122223333', region: 'us-east-1' };

function build(props: (stack: Stack) => InvestigationPackProps, orgTrail = false): { stack: Stack; template: Template; pack: InvestigationPack } {
  const stack = new Stack(new App(), 'Investigation', { env });
  const evidence = new EvidenceBucket(stack, 'Evidence');
  const trail = new AuditTrail(stack, 'Trail', { destination: evidence, ...(orgTrail ? { isOrganizationTrail: true, orgId: 'o-a1b2c3d4e5' } : {}) });
  const pack = new InvestigationPack(stack, 'Pack', { trail, ...props(stack) });
  return { stack, template: Template.fromStack(stack), pack };
}

type TableProps = { TableInput: Record<string, unknown> & { Parameters: Record<string, unknown>; StorageDescriptor: Record<string, unknown> } };
function tableOf(template: Template, name = CLOUDTRAIL_TABLE): TableProps {
  const tables = Object.values(template.findResources('AWS::Glue::Table')).filter((t) => t.Properties.TableInput.Name === name);
  expect(tables).toHaveLength(1);
  return tables[0].Properties;
}

/** A pack over the trail, the flow logs and the DNS query logs of one evidence bucket. */
function withNetwork(): { stack: Stack; template: Template } {
  const stack = new Stack(new App(), 'Network', { env });
  const evidence = new EvidenceBucket(stack, 'Evidence');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const dnsQueryLogs = new DnsQueryLogs(stack, 'Dns', { vpcs: [vpc], destination: evidence });
  new InvestigationPack(stack, 'Pack', { trail: new AuditTrail(stack, 'Trail', { destination: evidence }), flowLogsBucket: evidence.bucket, dnsQueryLogs });
  return { stack, template: Template.fromStack(stack) };
}

describe('InvestigationPack defaults', () => {
  const { template, stack } = build(() => ({}));
  const table = tableOf(template);

  test('the database: forensic_evidence in the stack account, the table in it', () => {
    template.hasResourceProperties('AWS::Glue::Database', { CatalogId: '111122223333', DatabaseInput: { Name: 'forensic_evidence' } });
    template.hasResourceProperties('AWS::Glue::Table', { CatalogId: '111122223333', DatabaseName: 'forensic_evidence' });
  });

  test('the CloudTrail table: CloudTrail input format, Hive JSON SerDe, partition projection on account, region and day', () => {
    expect(table.TableInput).toMatchObject({
      Name: CLOUDTRAIL_TABLE,
      TableType: 'EXTERNAL_TABLE',
      PartitionKeys: [
        { Name: 'account', Type: 'string' },
        { Name: 'region', Type: 'string' },
        { Name: 'timestamp', Type: 'string' },
      ],
      StorageDescriptor: {
        InputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
      },
    });
    expect(table.TableInput.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.account.type': 'enum',
      'projection.account.values': '111122223333',
      'projection.region.type': 'enum',
      'projection.region.values': 'us-east-1',
      'projection.timestamp.type': 'date',
      'projection.timestamp.format': 'yyyy/MM/dd',
      'projection.timestamp.range': '2024/01/01,NOW',
      'projection.timestamp.interval': '1',
      'projection.timestamp.interval.unit': 'DAYS',
    });
  });

  test('the location template names every partition column, under the evidence bucket as CloudTrail writes it', () => {
    const evidence = stack.resolve((stack.node.findChild('Evidence') as EvidenceBucket).bucket.bucketName);
    expect(table.TableInput.Parameters['storage.location.template']).toEqual({ 'Fn::Join': ['', ['s3://', evidence, '/AWSLogs/${account}/CloudTrail/${region}/${timestamp}']] });
    expect(table.TableInput.StorageDescriptor.Location).toEqual({ 'Fn::Join': ['', ['s3://', evidence, '/AWSLogs/']] });
  });

  test('the columns the queries read exist in the table, with the types AWS documents', () => {
    const columns = Object.fromEntries((table.TableInput.StorageDescriptor.Columns as { Name: string; Type: string }[]).map((c) => [c.Name, c.Type]));
    for (const name of ['eventtime', 'eventsource', 'eventname', 'sourceipaddress', 'useragent', 'errorcode', 'requestparameters', 'responseelements', 'recipientaccountid']) expect(columns[name]).toBe('string');
    expect(columns.useridentity).toMatch(/^struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,/);
    expect(columns.useridentity).toContain('sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>');
    expect(columns.resources).toBe('array<struct<arn:string,accountid:string,type:string>>');
  });

  test('the workgroup enforces engine 3, KMS-encrypted results in their own bucket, and a bytes-scanned cutoff', () => {
    const key = stack.resolve((stack.node.findChild('Pack') as InvestigationPack).resultsKey.keyArn);
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'forensic-investigation',
      State: 'ENABLED',
      RecursiveDeleteOption: false,
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 1024 ** 4,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        ResultConfiguration: { ExpectedBucketOwner: '111122223333', EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: key } },
      },
    });
  });

  test('the results bucket is its own, KMS-encrypted, TLS only, retained, expiring results after 365 days, and not an evidence store', () => {
    const pack = stack.node.findChild('Pack') as InvestigationPack;
    const results = stack.getLogicalId(pack.resultsBucket.node.defaultChild as s3.CfnBucket);
    const evidence = stack.getLogicalId((stack.node.findChild('Evidence') as EvidenceBucket).bucket.node.defaultChild as s3.CfnBucket);
    expect(results).not.toBe(evidence);
    const bucket = template.toJSON().Resources[results];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(bucket.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({ ExpirationInDays: 365, Status: 'Enabled' });
    expect(bucket.Properties.Tags).not.toContainEqual({ Key: 'forensic-evidence-store', Value: 'true' });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('Athena results') });
  });

  test("the kit's trail records the object reads and writes of the results bucket (who read which result)", () => {
    const pack = stack.node.findChild('Pack') as InvestigationPack;
    const trail = Object.values(template.findResources('AWS::CloudTrail::Trail'))[0];
    const s3Selector = trail.Properties.AdvancedEventSelectors.find((s: { FieldSelectors: { Field: string; Equals?: string[] }[] }) => s.FieldSelectors.some((f) => f.Field === 'resources.type' && f.Equals?.[0] === 'AWS::S3::Object'));
    const arns = s3Selector.FieldSelectors.find((f: { Field: string }) => f.Field === 'resources.ARN').StartsWith;
    expect(arns).toEqual([{ 'Fn::Join': ['', [stack.resolve(pack.resultsBucket.bucketArn), '/']] }]);
  });

  test('judged by the kit, the pack with its trail and evidence bucket has no finding', () => {
    const result = runRules(buildModel([loadDocument(template.toJSON(), 'Investigation.template.json')]), ALL_RULES);
    expect(result.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([]);
  });

  test('one prepared statement per AWS query over CloudTrail, in the workgroup, the query file byte for byte', () => {
    const statements = template.findResources('AWS::Athena::PreparedStatement');
    const byName = Object.fromEntries(Object.values(statements).map((s) => [s.Properties.StatementName, s.Properties]));
    const files = fs.readdirSync(path.join(ROOT, 'queries', 'aws')).filter((f) => f.endsWith('.sql') && f !== 'network-egress.sql' && f !== 'endpoint-volume-capture.sql');
    expect(Object.keys(byName).sort()).toEqual(files.map((f) => f.replace(/\.sql$/, '').replace(/-/g, '_')).sort());
    for (const f of files) {
      const s = byName[f.replace(/\.sql$/, '').replace(/-/g, '_')];
      expect(s.WorkGroup).toBe('forensic-investigation');
      expect(s.QueryStatement).toBe(fs.readFileSync(path.join(ROOT, 'queries', 'aws', f), 'utf8'));
    }
    expect(byName.endpoint_callers.Description).toBe('Who invoked the model endpoint, with which credentials, from where? Parameters: endpointName, from, to.');
  });

  test('without flow logs and DNS query logs, network-egress is not deployed, nor endpoint-volume from data capture without it, and synth says why', () => {
    const names = Object.values(template.findResources('AWS::Athena::PreparedStatement')).map((s) => s.Properties.StatementName);
    expect(names).not.toContain('network_egress');
    expect(names).not.toContain('endpoint_volume_capture');
    StackAnnotations.fromStack(stack).hasInfo('/Investigation/Pack', M.stringLikeRegexp('query network-egress is not deployed: it reads vpc_flow_logs and resolver_query_logs.*flowLogsBucket and dnsQueryLogs'));
    StackAnnotations.fromStack(stack).hasInfo('/Investigation/Pack', M.stringLikeRegexp('query endpoint-volume-capture is not deployed: it reads sagemaker_data_capture.*sageMakerAudit or dataCapture'));
    expect(Object.values(template.findResources('AWS::Glue::Table'))).toHaveLength(1);
  });
});

describe('InvestigationPack with flow logs and DNS query logs', () => {
  const { stack, template } = withNetwork();

  test('the flow-log table: Parquet, hive-compatible hourly partitions projected, the columns AWS documents', () => {
    const table = tableOf(template, FLOW_LOG_TABLE);
    expect(table.TableInput).toMatchObject({
      PartitionKeys: ['aws_account_id', 'aws_region', 'year', 'month', 'day', 'hour'].map((Name) => ({ Name, Type: 'string' })),
      StorageDescriptor: { InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat', SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' } },
    });
    expect(table.TableInput.Parameters).toMatchObject({ 'projection.aws_account_id.values': '111122223333', 'projection.aws_region.values': 'us-east-1', 'projection.hour.range': '0,23', 'projection.hour.digits': '2', 'projection.year.range': '2024,2099' });
    expect(JSON.stringify(table.TableInput.Parameters['storage.location.template'])).toContain('/AWSLogs/aws-account-id=${aws_account_id}/aws-service=vpcflowlogs/aws-region=${aws_region}/year=${year}/month=${month}/day=${day}/hour=${hour}');
    const columns = Object.fromEntries((table.TableInput.StorageDescriptor.Columns as { Name: string; Type: string }[]).map((c) => [c.Name, c.Type]));
    expect(columns).toMatchObject({ interface_id: 'string', dstaddr: 'string', dstport: 'int', protocol: 'bigint', start: 'bigint', end: 'bigint', flow_direction: 'string', instance_id: 'string' });
  });

  test('the query-log table: JSON lines, one projected partition per associated VPC', () => {
    const table = tableOf(template, RESOLVER_TABLE);
    const vpc = stack.resolve((stack.node.findChild('Vpc') as ec2.Vpc).vpcId);
    // One VPC: CDK renders the join of one id as the id itself.
    expect(table.TableInput.Parameters['projection.vpc.values']).toEqual(vpc);
    expect(JSON.stringify(table.TableInput.Parameters['storage.location.template'])).toContain('/AWSLogs/${account}/vpcdnsquerylogs/${vpc}/${date}');
    expect(table.TableInput.StorageDescriptor).toMatchObject({ SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' } });
  });

  test('every AWS question is deployed, network-egress depending on both network tables', () => {
    const statements = template.findResources('AWS::Athena::PreparedStatement');
    expect(Object.values(statements).map((s) => s.Properties.StatementName).sort()).toEqual(
      fs.readdirSync(path.join(ROOT, 'queries', 'aws')).filter((f) => f.endsWith('.sql') && f !== 'endpoint-volume-capture.sql').map((f) => f.replace(/\.sql$/, '').replace(/-/g, '_')).sort(),
    );
    const egress = Object.values(statements).find((s) => s.Properties.StatementName === 'network_egress')!;
    const flowTable = Object.entries(template.findResources('AWS::Glue::Table')).find(([, t]) => t.Properties.TableInput.Name === FLOW_LOG_TABLE)![0];
    expect(egress.DependsOn).toEqual(expect.arrayContaining([flowTable]));
  });
});

describe('InvestigationPack overrides', () => {
  test('an organization trail: the table reads AWSLogs/<org id>/<account>/..., for the listed accounts and regions', () => {
    const { template } = build(() => ({ organizationId: 'o-a1b2c3d4e5', accounts: ['111122223333', '444455556666'], regions: ['us-east-1', 'eu-west-1'], since: '2025/06/01' }), true);
    const table = tableOf(template);
    expect(table.TableInput.Parameters).toMatchObject({ 'projection.account.values': '111122223333,444455556666', 'projection.region.values': 'us-east-1,eu-west-1', 'projection.timestamp.range': '2025/06/01,NOW' });
    expect(JSON.stringify(table.TableInput.Parameters['storage.location.template'])).toContain('/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}');
  });

  test('a trail made elsewhere: its bucket and prefix', () => {
    const stack = new Stack(new App(), 'Elsewhere', { env });
    new InvestigationPack(stack, 'Pack', { cloudTrail: { bucket: s3.Bucket.fromBucketName(stack, 'Central', 'acme-central-trail'), prefix: 'org', organizationId: 'o-a1b2c3d4e5' } });
    const table = tableOf(Template.fromStack(stack));
    expect(table.TableInput.Parameters['storage.location.template']).toBe('s3://acme-central-trail/org/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}');
  });

  test('names, cutoff and results retention', () => {
    const { template } = build(() => ({ databaseName: 'case_4711', workgroupName: 'case-4711', bytesScannedCutoffPerQuery: 50_000_000_000 }));
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'case_4711' } });
    template.hasResourceProperties('AWS::Glue::Table', { DatabaseName: 'case_4711' });
    template.hasResourceProperties('AWS::Athena::WorkGroup', { Name: 'case-4711', WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 50_000_000_000 } });
    template.hasResourceProperties('AWS::Athena::PreparedStatement', { WorkGroup: 'case-4711' });
  });
});

describe('InvestigationPack fails when', () => {
  const cases: [string, (stack: Stack) => InvestigationPackProps, boolean, string][] = [
    ['the organization trail has no organizationId', () => ({}), true, 'organizationId'],
    ['organizationId is given for a trail that is not an organization trail', () => ({ organizationId: 'o-a1b2c3d4e5' }), false, 'organizationId'],
    ['organizationId is not an Organizations id', () => ({ organizationId: 'org-1' }), true, 'organizationId'],
    ['the database name has upper-case letters', () => ({ databaseName: 'Forensic' }), false, 'databaseName'],
    ['the workgroup name has a space', () => ({ workgroupName: 'forensic investigation' }), false, 'workgroupName'],
    ['since is not a day', () => ({ since: '2024-01-01' }), false, 'since'],
    ['the cutoff is below the Athena minimum', () => ({ bytesScannedCutoffPerQuery: 1000 }), false, 'bytesScannedCutoffPerQuery'],
    ['the cutoff is not finite', () => ({ bytesScannedCutoffPerQuery: Infinity }), false, 'bytesScannedCutoffPerQuery'],
    ['accounts is empty', () => ({ accounts: [] }), false, 'accounts'],
    ['regions holds an empty string', () => ({ regions: [''] }), false, 'regions[0]'],
    ['accounts repeats an id', () => ({ accounts: ['111122223333', '111122223333'] }), false, 'accounts'],
    ['resultsRetention is a number of days', () => ({ resultsRetention: 30 as never }), false, 'resultsRetention'],
    ['flowLogsBucket is not a bucket', () => ({ flowLogsBucket: 'evidence' as unknown as s3.IBucket }), false, 'flowLogsBucket'],
    ['dnsQueryLogs is not the kit\'s DnsQueryLogs', () => ({ dnsQueryLogs: {} as DnsQueryLogs }), false, 'dnsQueryLogs'],
  ];
  test.each(cases)('%s', (_name, props, org, prop) => {
    expect(refusal(() => build(props, org)).prop).toBe(prop);
  });

  test('neither trail nor cloudTrail is given, or both', () => {
    const stack = new Stack(new App(), 'S', { env });
    expect(refusal(() => new InvestigationPack(stack, 'A', {})).prop).toBe('trail');
    const bucket = s3.Bucket.fromBucketName(stack, 'B', 'acme-central-trail');
    const trail = new AuditTrail(stack, 'Trail', { destination: new EvidenceBucket(stack, 'E') });
    expect(refusal(() => new InvestigationPack(stack, 'C', { trail, cloudTrail: { bucket } })).prop).toBe('cloudTrail');
    expect(refusal(() => new InvestigationPack(stack, 'D', { trail: {} as AuditTrail })).prop).toBe('trail');
    expect(refusal(() => new InvestigationPack(stack, 'F', { cloudTrail: { bucket, prefix: 'org/' } })).prop).toBe('cloudTrail.prefix');
    expect(refusal(() => new InvestigationPack(stack, 'G', { cloudTrail: {} as never })).prop).toBe('cloudTrail.bucket');
  });
});

/** A pack over the trail and the data capture of the kit's SageMakerAudit, with one named endpoint of variant `primary`. */
function withCapture(endpointFirst = true): { stack: Stack; template: Template; pack: InvestigationPack; evidence: EvidenceBucket } {
  const stack = new Stack(new App(), 'Capture', { env });
  const evidence = new EvidenceBucket(stack, 'Evidence');
  const audit = new SageMakerAudit(stack, 'SageMakerAudit', { destination: evidence });
  // The endpoint's log group, deletion-protected and copied into the evidence bucket, as the kit's rules require.
  new SageMakerJobLogs(stack, 'JobLogs', { destination: evidence });
  const endpoint = (): void => {
    const config = new sagemaker.CfnEndpointConfig(stack, 'Config', { productionVariants: [{ variantName: 'primary', modelName: 'fraud-model', initialInstanceCount: 1, instanceType: 'ml.m5.large' }] });
    new sagemaker.CfnEndpoint(stack, 'Endpoint', { endpointName: 'fraud-scoring-prod', endpointConfigName: config.attrEndpointConfigName });
  };
  if (endpointFirst) endpoint();
  const pack = new InvestigationPack(stack, 'Pack', { trail: new AuditTrail(stack, 'Trail', { destination: evidence }), sageMakerAudit: audit });
  if (!endpointFirst) endpoint();
  return { stack, template: Template.fromStack(stack), pack, evidence };
}

describe('InvestigationPack with SageMaker data capture', () => {
  const { stack, template, evidence } = withCapture();
  const table = tableOf(template, DATA_CAPTURE_TABLE);

  test("the data capture table: JSON lines under the SageMakerAudit's prefix, projected on the endpoints and variants under its scope and the hour", () => {
    const bucket = stack.resolve(evidence.bucket.bucketName);
    expect(table.TableInput).toMatchObject({
      PartitionKeys: ['endpoint', 'variant', 'datehour'].map((Name) => ({ Name, Type: 'string' })),
      StorageDescriptor: { InputFormat: 'org.apache.hadoop.mapred.TextInputFormat', SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' }, Location: { 'Fn::Join': ['', ['s3://', bucket, '/sagemaker-data-capture/']] } },
    });
    expect(table.TableInput.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.endpoint.type': 'enum',
      'projection.endpoint.values': 'fraud-scoring-prod',
      'projection.variant.type': 'enum',
      'projection.variant.values': 'primary',
      'projection.datehour.type': 'date',
      'projection.datehour.format': 'yyyy/MM/dd/HH',
      'projection.datehour.range': '2024/01/01/00,NOW',
      'projection.datehour.interval': '1',
      'projection.datehour.interval.unit': 'HOURS',
      'storage.location.template': { 'Fn::Join': ['', ['s3://', bucket, '/sagemaker-data-capture/${endpoint}/${variant}/${datehour}']] },
    });
  });

  test('the columns are the fields of a capture record, lower-cased as the JSON SerDe reads them', () => {
    const columns = Object.fromEntries((table.TableInput.StorageDescriptor.Columns as { Name: string; Type: string }[]).map((c) => [c.Name, c.Type]));
    expect(columns).toEqual({
      capturedata: 'struct<endpointinput:struct<observedcontenttype:string,mode:string,data:string,encoding:string>,endpointoutput:struct<observedcontenttype:string,mode:string,data:string,encoding:string>>',
      eventmetadata: 'struct<eventid:string,inferenceid:string,inferencetime:string>',
      eventversion: 'string',
    });
  });

  test('endpoint-volume from data capture is deployed beside the CloudTrail one, the file byte for byte, after its table', () => {
    const statements = template.findResources('AWS::Athena::PreparedStatement');
    const capture = Object.values(statements).find((s) => s.Properties.StatementName === 'endpoint_volume_capture')!;
    expect(capture.Properties.QueryStatement).toBe(fs.readFileSync(path.join(ROOT, 'queries', 'aws', 'endpoint-volume-capture.sql'), 'utf8'));
    expect(capture.Properties.Description).toMatch(/^How many invocations did each principal make per hour, and which hours stand out\? From SageMaker data capture: .* Parameters: endpointName, from, to\.$/);
    const tableId = Object.entries(template.findResources('AWS::Glue::Table')).find(([, t]) => t.Properties.TableInput.Name === DATA_CAPTURE_TABLE)![0];
    expect(capture.DependsOn).toEqual(expect.arrayContaining([tableId]));
    expect(Object.values(statements).map((s) => s.Properties.StatementName)).toContain('endpoint_volume');
  });

  test('an endpoint added after the pack is projected too: the names are read at synth', () => {
    expect(tableOf(withCapture(false).template, DATA_CAPTURE_TABLE).TableInput.Parameters['projection.endpoint.values']).toBe('fraud-scoring-prod');
  });

  test('judged by the kit, the pack with data capture has no finding', () => {
    const result = runRules(buildModel([loadDocument(template.toJSON(), 'Capture.template.json')]), ALL_RULES);
    expect(result.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([]);
  });

  test('data capture made elsewhere: its bucket and prefix, the endpoints and variants listed', () => {
    const stack = new Stack(new App(), 'Elsewhere', { env });
    const bucket = s3.Bucket.fromBucketName(stack, 'Central', 'acme-capture');
    new InvestigationPack(stack, 'Pack', { cloudTrail: { bucket }, dataCapture: { bucket, prefix: 'ml/capture' }, captureEndpoints: ['a', 'b'], captureVariants: ['AllTraffic'] });
    const t = tableOf(Template.fromStack(stack), DATA_CAPTURE_TABLE);
    expect(t.TableInput.Parameters).toMatchObject({ 'projection.endpoint.values': 'a,b', 'projection.variant.values': 'AllTraffic', 'storage.location.template': 's3://acme-capture/ml/capture/${endpoint}/${variant}/${datehour}' });
  });

  test('captureEndpoints and captureVariants override what the SageMakerAudit finds', () => {
    const stack = new Stack(new App(), 'Listed', { env });
    const evidence = new EvidenceBucket(stack, 'Evidence');
    const audit = new SageMakerAudit(stack, 'SageMakerAudit', { destination: evidence, prefix: 'capture' });
    new InvestigationPack(stack, 'Pack', { trail: new AuditTrail(stack, 'Trail', { destination: evidence }), sageMakerAudit: audit, captureEndpoints: ['made-elsewhere'], captureVariants: ['blue', 'green'] });
    expect(tableOf(Template.fromStack(stack), DATA_CAPTURE_TABLE).TableInput.Parameters).toMatchObject({ 'projection.endpoint.values': 'made-elsewhere', 'projection.variant.values': 'blue,green' });
  });
});

describe('InvestigationPack data capture fails when', () => {
  const bucketOf = (stack: Stack): s3.IBucket => s3.Bucket.fromBucketName(stack, 'Capture', 'acme-capture');
  const cases: [string, (stack: Stack) => InvestigationPackProps, string][] = [
    ['both sageMakerAudit and dataCapture are given', (stack) => ({ sageMakerAudit: new SageMakerAudit(stack, 'Audit', { destination: new EvidenceBucket(stack, 'E2') }), dataCapture: { bucket: bucketOf(stack), prefix: 'c' } }), 'dataCapture'],
    ['sageMakerAudit is not the kit\'s', () => ({ sageMakerAudit: {} as SageMakerAudit }), 'sageMakerAudit'],
    ['dataCapture has no captureEndpoints', (stack) => ({ dataCapture: { bucket: bucketOf(stack), prefix: 'c' }, captureVariants: ['AllTraffic'] }), 'captureEndpoints'],
    ['dataCapture has no captureVariants', (stack) => ({ dataCapture: { bucket: bucketOf(stack), prefix: 'c' }, captureEndpoints: ['a'] }), 'captureVariants'],
    ['the dataCapture prefix ends with a slash', (stack) => ({ dataCapture: { bucket: bucketOf(stack), prefix: 'c/' }, captureEndpoints: ['a'], captureVariants: ['v'] }), 'dataCapture.prefix'],
    ['captureEndpoints is given without data capture', () => ({ captureEndpoints: ['a'] }), 'captureEndpoints'],
    ['a capture endpoint name is not a SageMaker name', (stack) => ({ dataCapture: { bucket: bucketOf(stack), prefix: 'c' }, captureEndpoints: ['a_b'], captureVariants: ['v'] }), 'captureEndpoints[0]'],
    ['captureVariants repeats a name', (stack) => ({ dataCapture: { bucket: bucketOf(stack), prefix: 'c' }, captureEndpoints: ['a'], captureVariants: ['v', 'v'] }), 'captureVariants'],
  ];
  test.each(cases)('%s', (_name, props, prop) => {
    expect(refusal(() => build(props)).prop).toBe(prop);
  });

  test('the SageMakerAudit covers no endpoint with a literal name: synth fails naming captureEndpoints', () => {
    const stack = new Stack(new App(), 'NoEndpoint', { env });
    const evidence = new EvidenceBucket(stack, 'Evidence');
    new InvestigationPack(stack, 'Pack', { trail: new AuditTrail(stack, 'Trail', { destination: evidence }), sageMakerAudit: new SageMakerAudit(stack, 'SageMakerAudit', { destination: evidence }) });
    expect(() => Template.fromStack(stack)).toThrow(/\[NoEndpoint\/Pack\] captureEndpoints must be the data capture folders to project: no SageMaker endpoint with a literal endpointName is under the scope of NoEndpoint\/SageMakerAudit, got undefined/);
  });
});

describe('InvestigationPack Logs Insights query definitions', () => {
  const files = fs.readdirSync(path.join(ROOT, 'queries', 'aws', 'logs-insights')).filter((f) => f.endsWith('.logsinsights')).sort();

  test("one per file of queries/aws/logs-insights, over the trail's log group, the file byte for byte", () => {
    const { stack, template } = build(() => ({}));
    const group = stack.resolve(((stack.node.findChild('Trail') as AuditTrail).logGroup!.node.defaultChild as logs.CfnLogGroup).ref);
    const definitions = Object.values(template.findResources('AWS::Logs::QueryDefinition')).map((d) => d.Properties);
    expect(definitions.map((d) => d.Name).sort()).toEqual(files.map((f) => `forensic-readiness/${f.replace(/\.logsinsights$/, '')}`));
    for (const d of definitions) {
      expect(d.QueryString).toBe(fs.readFileSync(path.join(ROOT, 'queries', 'aws', 'logs-insights', `${d.Name.split('/')[1]}.logsinsights`), 'utf8'));
      expect(d.LogGroupNames).toEqual([group]);
    }
    expect(files).toEqual(['credential-origin.logsinsights', 'data-writes.logsinsights', 'endpoint-callers.logsinsights', 'endpoint-volume.logsinsights', 'evidence-tampering.logsinsights']);
  });

  test('none when the trail delivers to no log group', () => {
    const stack = new Stack(new App(), 'NoLogs', { env });
    new InvestigationPack(stack, 'Pack', { trail: new AuditTrail(stack, 'Trail', { destination: new EvidenceBucket(stack, 'Evidence'), cloudWatchLogsEnabled: false }) });
    expect(Template.fromStack(stack).findResources('AWS::Logs::QueryDefinition')).toEqual({});
  });

  test("a trail made elsewhere: over the log group it names", () => {
    const stack = new Stack(new App(), 'Elsewhere', { env });
    new InvestigationPack(stack, 'Pack', { cloudTrail: { bucket: s3.Bucket.fromBucketName(stack, 'B', 'acme-central-trail'), logGroup: logs.LogGroup.fromLogGroupName(stack, 'G', 'org-trail-logs') } });
    const names = Object.values(Template.fromStack(stack).findResources('AWS::Logs::QueryDefinition')).map((d) => d.Properties.LogGroupNames);
    expect(names).toEqual(files.map(() => ['org-trail-logs']));
    expect(refusal(() => new InvestigationPack(stack, 'Bad', { cloudTrail: { bucket: s3.Bucket.fromBucketName(stack, 'C', 'acme-other-trail'), logGroup: 'org-trail-logs' as never } })).prop).toBe('cloudTrail.logGroup');
  });
});
