import { Duration, Fn, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { deployedQueryName, ForensicValidationError, PropCheck, PropKeys, queryFile, question, QUESTIONS, questionsWithQueries } from '../core';
import { acknowledgeNag, applyTags, inform } from './annotations';
import { AuditTrail } from './audit-trail';
import { bucketProp, keyProp, ORG_ID } from './checks';
import { propCheck } from './props';
import { DnsQueryLogs } from './dns-query-logs';
import { CLOUDTRAIL_COLUMNS, CLOUDTRAIL_TABLE, DATA_CAPTURE_COLUMNS, DATA_CAPTURE_TABLE, dayProjection, enumProjection, FLOW_LOG_COLUMNS, FLOW_LOG_TABLE, hourProjection, RESOLVER_COLUMNS, RESOLVER_TABLE, STORAGE_FORMATS, TableSpec } from './evidence-tables';
import { logsInsightsDefinitions } from './logs-insights-queries';
import { SageMakerAudit } from './sagemaker-audit';

export { CLOUDTRAIL_TABLE, DATA_CAPTURE_TABLE, FLOW_LOG_TABLE, RESOLVER_TABLE } from './evidence-tables';

/** Where a CloudTrail trail made outside the kit delivers its log files. */
export interface CloudTrailLocation {
  /** The bucket the trail writes into. */
  readonly bucket: s3.IBucket;
  /** The trail's S3 key prefix, without a trailing slash. @default - none */
  readonly prefix?: string;
  /** The AWS Organizations id, when the trail is an organization trail (its keys then begin `AWSLogs/<org id>/`). @default - not an organization trail */
  readonly organizationId?: string;
  /** The KMS key the log files are encrypted with, so the workgroup's readers can be granted decrypt. @default - none */
  readonly encryptionKey?: kms.IKey;
  /** The CloudWatch Logs group the trail also delivers to, for the Logs Insights query definitions. @default - no query definitions */
  readonly logGroup?: logs.ILogGroup;
}

/** The props CloudTrailLocation declares: unknown keys are refused (a compile error if this drifts from the interface). */
const CLOUD_TRAIL_LOCATION_KEYS = { bucket: true, prefix: true, organizationId: true, encryptionKey: true, logGroup: true } as const satisfies PropKeys<CloudTrailLocation>;

/** Where SageMaker data capture made outside the kit writes (its DestinationS3Uri). */
export interface DataCaptureLocation {
  /** The bucket data capture writes into. */
  readonly bucket: s3.IBucket;
  /** The key prefix of the DestinationS3Uri, without slashes at either end. */
  readonly prefix: string;
}

/** The props DataCaptureLocation declares: unknown keys are refused (a compile error if this drifts from the interface). */
const DATA_CAPTURE_LOCATION_KEYS = { bucket: true, prefix: true } as const satisfies PropKeys<DataCaptureLocation>;

/** The props of an InvestigationPack: the evidence it queries and the Athena workgroup's limits. */
export interface InvestigationPackProps {
  /** The kit's trail whose evidence bucket is queried. Give this or `cloudTrail`. @default - `cloudTrail` */
  readonly trail?: AuditTrail;
  /** A trail's delivery location made outside the kit. @default - the `trail`'s evidence bucket */
  readonly cloudTrail?: CloudTrailLocation;
  /** The AWS Organizations id of `trail` when it is an organization trail. @default - none (required for an organization trail) */
  readonly organizationId?: string;
  /** The accounts whose logs the table projects (partition `account`). @default - the stack's account */
  readonly accounts?: string[];
  /** The regions whose logs the table projects (partition `region`). @default - the stack's region */
  readonly regions?: string[];
  /**
   * The bucket the VPC flow logs are delivered into (Parquet, hive-compatible hourly partitions, as
   * the kit's FlowLogs writes them): `evidence.bucket`. With `dnsQueryLogs`, it deploys network-egress.
   * @default - no flow-log table
   */
  readonly flowLogsBucket?: s3.IBucket;
  /** The kit's Route 53 Resolver query logging, whose logs give network-egress its DNS names. @default - no query-log table */
  readonly dnsQueryLogs?: DnsQueryLogs;
  /**
   * The kit's SageMaker data capture: with it the pack deploys the table sagemaker_data_capture
   * and endpoint-volume from data capture (every captured request per hour, without the caller).
   * @default - `dataCapture`, else no data capture table
   */
  readonly sageMakerAudit?: SageMakerAudit;
  /** Data capture made outside the kit; give `captureEndpoints` and `captureVariants` with it. Give this or `sageMakerAudit`. @default - the `sageMakerAudit`'s */
  readonly dataCapture?: DataCaptureLocation;
  /** The endpoint names the data capture table projects. @default - with `sageMakerAudit`, the endpoints under its scope with a literal name (synth fails when there is none) */
  readonly captureEndpoints?: string[];
  /** The production variant names the data capture table projects. @default - with `sageMakerAudit`, the variants of the endpoint configs under its scope */
  readonly captureVariants?: string[];
  /** The first day the tables project, `yyyy/MM/dd`. @default '2024/01/01' */
  readonly since?: string;
  /** The Glue database name (lower case, digits, underscores). @default 'forensic_evidence' */
  readonly databaseName?: string;
  /** The Athena workgroup name. @default 'forensic-investigation' */
  readonly workgroupName?: string;
  /** The most bytes one query may scan before Athena cancels it (at least 10 MB). @default 1 TiB */
  readonly bytesScannedCutoffPerQuery?: number;
  /** How long query results are kept in the results bucket. @default 365 days */
  readonly resultsRetention?: Duration;
}

/** The props InvestigationPackProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const INVESTIGATION_PACK_PROPS_KEYS = { trail: true, cloudTrail: true, organizationId: true, accounts: true, regions: true, flowLogsBucket: true, dnsQueryLogs: true, sageMakerAudit: true, dataCapture: true, captureEndpoints: true, captureVariants: true, since: true, databaseName: true, workgroupName: true, bytesScannedCutoffPerQuery: true, resultsRetention: true } as const satisfies PropKeys<InvestigationPackProps>;

/** The prop that gives the pack each table's evidence. */
const TABLE_PROPS: Record<string, string> = { [CLOUDTRAIL_TABLE]: 'trail', [FLOW_LOG_TABLE]: 'flowLogsBucket', [RESOLVER_TABLE]: 'dnsQueryLogs', [DATA_CAPTURE_TABLE]: 'sageMakerAudit or dataCapture' };

/** The tables a query reads, from its text. */
function tablesOf(query: string): string[] {
  return Object.keys(TABLE_PROPS).filter((t) => new RegExp(`\\b${t}\\b`).test(query.replace(/^--.*$/gm, '')));
}

/**
 * The queries that answer an investigator's questions, deployed beside the evidence they read:
 * a Glue database with the CloudTrail table over the evidence bucket (partition projection on
 * account, region and day, as AWS documents it for Athena, the organization path when the trail
 * is an organization trail), an Athena workgroup that enforces its configuration (engine 3,
 * results encrypted with a KMS key of their own in a bucket of their own, never the evidence
 * bucket, a bytes-scanned cutoff), and one prepared statement per query of the catalog's AWS
 * questions whose tables it has (`EXECUTE endpoint_callers USING 'name', '2026-11-30T00:00:00Z', ...`).
 * With flow logs, DNS query logs and SageMaker data capture it adds their tables (and so
 * network-egress and endpoint-volume from data capture); over the trail's CloudWatch Logs group,
 * the Logs Insights query definitions. Statements and definitions are the files under
 * queries/aws/, byte for byte.
 */
export class InvestigationPack extends Construct {
  /** The Glue database of the evidence tables. */
  public readonly database: glue.CfnDatabase;
  /** The CloudTrail table. */
  public readonly cloudTrailTable: glue.CfnTable;
  /** The workgroup the questions run in. */
  public readonly workgroup: athena.CfnWorkGroup;
  /** The bucket of the query results (not an evidence store: results are derived). */
  public readonly resultsBucket: s3.Bucket;
  /** The key the results are encrypted with. */
  public readonly resultsKey: kms.Key;
  /** The flow-log table, when `flowLogsBucket` is given. */
  public readonly flowLogTable?: glue.CfnTable;
  /** The Resolver query-log table, when `dnsQueryLogs` is given. */
  public readonly resolverTable?: glue.CfnTable;
  /** The data capture table, when `sageMakerAudit` or `dataCapture` is given. */
  public readonly dataCaptureTable?: glue.CfnTable;
  /**
   * The prepared statement of each query, by query name (the question id, or an alternative's
   * name such as `endpoint-volume-capture`). Every question takes a window (from, to), so none
   * is an `AWS::Athena::NamedQuery`: a named query cannot take parameters.
   */
  public readonly statements: Readonly<Record<string, athena.CfnPreparedStatement>>;
  /** The CloudWatch Logs Insights query definition of each question Logs Insights answers over the trail's log group, by question id. */
  public readonly logsInsightsQueries: Readonly<Record<string, logs.CfnQueryDefinition>>;

  constructor(scope: Construct, id: string, props: InvestigationPackProps) {
    super(scope, id);
    const check = propCheck(this);
    const p = check.props<InvestigationPackProps>('props', props, INVESTIGATION_PACK_PROPS_KEYS, 'an InvestigationPackProps object with trail or cloudTrail');
    const location = this.locationOf(check, p);
    const stack = Stack.of(this);
    const databaseName = check.string('databaseName', p.databaseName ?? 'forensic_evidence', { pattern: /^[a-z0-9_]{1,255}$/, expected: 'a Glue database name of lower-case letters, digits and underscores (1 to 255)' });
    const workgroupName = check.string('workgroupName', p.workgroupName ?? 'forensic-investigation', { pattern: /^[a-zA-Z0-9._-]{1,128}$/, expected: 'an Athena workgroup name of letters, digits, ".", "_" and "-" (1 to 128)' });
    const since = check.string('since', p.since ?? '2024/01/01', { pattern: /^(20\d\d)\/(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])$/, expected: 'a day as yyyy/MM/dd (2000 to 2099)' });
    if (check.isToken(since)) check.fail('since', since, 'a literal day as yyyy/MM/dd (it names the first projected partition)');
    const cutoff = check.integer('bytesScannedCutoffPerQuery', p.bytesScannedCutoffPerQuery, { min: 10_000_000, max: Number.MAX_SAFE_INTEGER, unit: 'bytes (Athena minimum 10000000)' }, 1024 ** 4);
    const accounts = this.names(check, 'accounts', p.accounts ?? [stack.account]);
    const regions = this.names(check, 'regions', p.regions ?? [stack.region]);
    if (p.resultsRetention !== undefined && !(p.resultsRetention instanceof Duration)) check.fail('resultsRetention', p.resultsRetention, 'a Duration of whole days');
    const resultsDays = check.integer('resultsRetention', (p.resultsRetention ?? Duration.days(365)).toDays({ integral: false }), { min: 1, max: 36_500, unit: 'days' });
    if (p.flowLogsBucket !== undefined) bucketProp(check, 'flowLogsBucket', p.flowLogsBucket);
    if (p.dnsQueryLogs !== undefined && !(p.dnsQueryLogs instanceof DnsQueryLogs)) check.fail('dnsQueryLogs', p.dnsQueryLogs, "the kit's DnsQueryLogs");
    const capture = this.captureOf(check, p);

    this.resultsKey = new kms.Key(this, 'ResultsKey', {
      description: 'Encrypts the Athena results of the forensic investigation workgroup',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.resultsBucket = new s3.Bucket(this, 'Results', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.resultsKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-results', expiration: Duration.days(resultsDays), noncurrentVersionExpiration: Duration.days(resultsDays) }],
    });
    applyTags(this.resultsBucket, 'log-integrity', false, { 'forensic-role': 'athena-results' });
    // Who read which query result is part of the chain of custody: the kit's trail records it.
    if (p.trail !== undefined) {
      p.trail.recordS3DataEvents(this.resultsBucket);
      acknowledgeNag(this.resultsBucket, [
        { id: 'AwsSolutions-S1', reason: "The kit's trail records every object read and write of the results bucket as S3 data events (who read which result), complete where server access logs are best effort." },
        { id: 'NIST.800.53.R5-S3BucketLoggingEnabled', reason: "The kit's trail records every object read and write of the results bucket as S3 data events (who read which result), complete where server access logs are best effort." },
      ]);
    }
    acknowledgeNag(this.resultsBucket, [
      { id: 'NIST.800.53.R5-S3BucketReplicationEnabled', reason: 'Query results are derived from the evidence and re-run from it at any time; they are not evidence, and the evidence bucket carries the replication.' },
    ]);

    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: databaseName, description: 'Forensic evidence tables of the forensic readiness kit (read only)' },
    });

    const root = `s3://${location.bucket.bucketName}/${location.prefix ? `${location.prefix}/` : ''}AWSLogs/${location.organizationId ? `${location.organizationId}/` : ''}`;
    this.cloudTrailTable = this.table({
      id: 'CloudTrailTable',
      databaseName,
      name: CLOUDTRAIL_TABLE,
      description: 'CloudTrail log files of the evidence bucket, with partition projection',
      format: 'cloudtrail',
      root,
      partitions: ['account', 'region', 'timestamp'],
      projection: { ...enumProjection('account', accounts), ...enumProjection('region', regions), ...dayProjection('timestamp', since) },
      template: `${root}\${account}/CloudTrail/\${region}/\${timestamp}`,
      columns: CLOUDTRAIL_COLUMNS,
    });

    this.workgroup = new athena.CfnWorkGroup(this, 'Workgroup', {
      name: workgroupName,
      description: 'Runs the forensic readiness kit questions over the evidence tables',
      state: 'ENABLED',
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: cutoff,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/results/`,
          expectedBucketOwner: stack.account,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.resultsKey.keyArn },
        },
      },
    });

    const tables: Record<string, glue.CfnTable> = { [CLOUDTRAIL_TABLE]: this.cloudTrailTable };
    if (p.flowLogsBucket !== undefined) {
      this.flowLogTable = this.flowLogTableOf(p.flowLogsBucket, databaseName, accounts, regions, since);
      tables[FLOW_LOG_TABLE] = this.flowLogTable;
    }
    if (p.dnsQueryLogs !== undefined) {
      this.resolverTable = this.resolverTableOf(p.dnsQueryLogs, databaseName, accounts, since);
      tables[RESOLVER_TABLE] = this.resolverTable;
    }

    if (capture !== undefined) {
      this.dataCaptureTable = this.dataCaptureTableOf(capture, databaseName, since);
      tables[DATA_CAPTURE_TABLE] = this.dataCaptureTable;
    }

    const statements: Record<string, athena.CfnPreparedStatement> = {};
    const queries = questionsWithQueries('aws', 'sql', QUESTIONS.map((q) => q.id)).flatMap((qid) => [
      { name: qid as string, q: question(qid), from: '' },
      ...(question(qid).clouds.aws.alternatives ?? []).map((a) => ({ name: a.query, q: question(qid), from: ` ${a.caveat}` })),
    ]);
    for (const { name, q, from } of queries) {
      const text = queryFile('aws', name, 'sql');
      const missing = tablesOf(text).filter((t) => tables[t] === undefined);
      if (missing.length > 0) {
        inform(this, `query ${name} is not deployed: it reads ${missing.join(' and ')}, which this pack has no evidence for (give ${missing.map((t) => TABLE_PROPS[t]).join(' and ')})`);
        continue;
      }
      const statement = new athena.CfnPreparedStatement(this, `Question-${name}`, {
        statementName: deployedQueryName(name),
        workGroup: workgroupName,
        description: `${q.title}${from} Parameters: ${q.parameters.map((x) => x.name).join(', ')}.`.slice(0, 1024),
        queryStatement: text,
      });
      statement.node.addDependency(this.workgroup);
      for (const t of tablesOf(text)) statement.node.addDependency(tables[t]);
      statements[name] = statement;
    }
    this.statements = statements;
    this.logsInsightsQueries = logsInsightsDefinitions(this, location.logGroup);
  }

  private captureOf(check: PropCheck, p: InvestigationPackProps): { bucketName: string; prefix: string; endpoints: string; variants: string } | undefined {
    if (p.sageMakerAudit !== undefined && p.dataCapture !== undefined) check.fail('dataCapture', 'both sageMakerAudit and dataCapture', 'either sageMakerAudit or dataCapture, not both');
    const names = (prop: string, value: unknown): string[] | undefined => {
      if (value === undefined) return undefined;
      const list = check.list<unknown>(prop, value, { nonEmpty: true, unique: true, expected: 'a non-empty list of names without repeats' });
      return list.map((v, i) => check.string(`${prop}[${i}]`, v, { pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, expected: 'a SageMaker endpoint or variant name' }));
    };
    const endpoints = names('captureEndpoints', p.captureEndpoints);
    const variants = names('captureVariants', p.captureVariants);
    if (p.sageMakerAudit !== undefined) {
      const audit = p.sageMakerAudit;
      if (!(audit instanceof SageMakerAudit)) check.fail('sageMakerAudit', audit, "the kit's SageMakerAudit (or give dataCapture: { bucket, prefix } for capture made elsewhere)");
      // The endpoints are read at synth, when the tree under the audit's scope is complete; none found fails the synth.
      const found = (kind: 'endpointNames' | 'variantNames', prop: string): string => {
        this.node.addValidation({
          validate: () =>
            audit.capturedEndpoints()[kind].length > 0
              ? []
              : [new ForensicValidationError(prop, undefined, `the data capture folders to project: no ${kind === 'endpointNames' ? 'SageMaker endpoint with a literal endpointName' : 'endpoint config with a literal variantName'} is under the scope of ${audit.node.path}`).message],
        });
        return Lazy.string({ produce: () => audit.capturedEndpoints()[kind].join(',') });
      };
      return { bucketName: audit.destination.bucketName, prefix: audit.prefix, endpoints: endpoints?.join(',') ?? found('endpointNames', 'captureEndpoints'), variants: variants?.join(',') ?? found('variantNames', 'captureVariants') };
    }
    if (p.dataCapture === undefined) {
      if (endpoints !== undefined || variants !== undefined) check.fail(endpoints !== undefined ? 'captureEndpoints' : 'captureVariants', 'given without data capture', 'absent, or given with sageMakerAudit or dataCapture');
      return undefined;
    }
    const dc = check.props<DataCaptureLocation>('dataCapture', p.dataCapture, DATA_CAPTURE_LOCATION_KEYS, 'an object { bucket, prefix }');
    const bucket = bucketProp(check, 'dataCapture.bucket', dc.bucket);
    const prefix = check.string('dataCapture.prefix', dc.prefix, { pattern: /^[^/](.*[^/])?$/s, expected: 'a key prefix without leading or trailing slash' });
    if (endpoints === undefined) check.fail('captureEndpoints', undefined, 'the endpoint names whose capture the table projects (required with dataCapture)');
    if (variants === undefined) check.fail('captureVariants', undefined, 'the production variant names whose capture the table projects (required with dataCapture)');
    return { bucketName: bucket.bucketName, prefix, endpoints: endpoints.join(','), variants: variants.join(',') };
  }

  private dataCaptureTableOf(capture: { bucketName: string; prefix: string; endpoints: string; variants: string }, databaseName: string, since: string): glue.CfnTable {
    const root = `s3://${capture.bucketName}/${capture.prefix}/`;
    return this.table({
      id: 'DataCaptureTable',
      databaseName,
      name: DATA_CAPTURE_TABLE,
      description: 'SageMaker data capture of the evidence bucket (JSON lines, one record per request), with partition projection',
      format: 'json',
      root,
      partitions: ['endpoint', 'variant', 'datehour'],
      projection: { 'endpoint.type': 'enum', 'endpoint.values': capture.endpoints, 'variant.type': 'enum', 'variant.values': capture.variants, ...hourProjection('datehour', since) },
      template: `${root}\${endpoint}/\${variant}/\${datehour}`,
      columns: DATA_CAPTURE_COLUMNS,
    });
  }

  private flowLogTableOf(bucket: s3.IBucket, databaseName: string, accounts: string[], regions: string[], since: string): glue.CfnTable {
    const root = `s3://${bucket.bucketName}/AWSLogs/`;
    const hourly: Record<string, string> = {};
    for (const [name, range] of [['month', '1,12'], ['day', '1,31'], ['hour', '0,23']]) Object.assign(hourly, { [`${name}.type`]: 'integer', [`${name}.range`]: range, [`${name}.digits`]: '2' });
    return this.table({
      id: 'FlowLogTable',
      databaseName,
      name: FLOW_LOG_TABLE,
      description: 'VPC flow logs of the evidence bucket (Parquet, hive-compatible hourly partitions), with partition projection',
      format: 'parquet',
      root,
      partitions: ['aws_account_id', 'aws_region', 'year', 'month', 'day', 'hour'],
      projection: { ...enumProjection('aws_account_id', accounts), ...enumProjection('aws_region', regions), 'year.type': 'integer', 'year.range': `${since.slice(0, 4)},2099`, ...hourly },
      template: `${root}aws-account-id=\${aws_account_id}/aws-service=vpcflowlogs/aws-region=\${aws_region}/year=\${year}/month=\${month}/day=\${day}/hour=\${hour}`,
      columns: FLOW_LOG_COLUMNS,
    });
  }

  private resolverTableOf(dns: DnsQueryLogs, databaseName: string, accounts: string[], since: string): glue.CfnTable {
    // The configuration delivers into the bucket its destination ARN names (arn:aws:s3:::<bucket>).
    const bucketName = Fn.select(5, Fn.split(':', dns.config.destinationArn as string));
    const root = `s3://${bucketName}/AWSLogs/`;
    const vpcIds = dns.associations.map((a) => a.resourceId as string);
    return this.table({
      id: 'ResolverTable',
      databaseName,
      name: RESOLVER_TABLE,
      description: 'Route 53 Resolver query logs of the evidence bucket (JSON lines), with partition projection',
      format: 'json',
      root,
      partitions: ['account', 'vpc', 'date'],
      projection: { ...enumProjection('account', accounts), 'vpc.type': 'enum', 'vpc.values': Fn.join(',', vpcIds), ...dayProjection('date', since) },
      template: `${root}\${account}/vpcdnsquerylogs/\${vpc}/\${date}`,
      columns: RESOLVER_COLUMNS,
    });
  }

  /** One external table over an evidence prefix, with partition projection, after the database. */
  private table(spec: TableSpec): glue.CfnTable {
    const projection = Object.fromEntries(Object.entries(spec.projection).map(([k, v]) => [`projection.${k}`, v]));
    const table = new glue.CfnTable(this, spec.id, {
      catalogId: Stack.of(this).account,
      databaseName: spec.databaseName,
      tableInput: {
        name: spec.name,
        description: spec.description,
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: spec.partitions.map((name) => ({ name, type: 'string' })),
        parameters: { classification: spec.format, EXTERNAL: 'TRUE', 'projection.enabled': 'true', ...projection, 'storage.location.template': spec.template },
        storageDescriptor: { location: spec.root, ...STORAGE_FORMATS[spec.format], columns: spec.columns.map(([name, type]) => ({ name, type })) },
      },
    });
    table.node.addDependency(this.database);
    return table;
  }

  private locationOf(check: PropCheck, props: InvestigationPackProps): CloudTrailLocation {
    if (props.trail !== undefined && props.cloudTrail !== undefined) check.fail('cloudTrail', 'both trail and cloudTrail', 'either trail or cloudTrail, not both');
    if (props.trail !== undefined) {
      if (!(props.trail instanceof AuditTrail)) check.fail('trail', props.trail, 'an AuditTrail of the kit (or give cloudTrail: { bucket, prefix } for a trail made elsewhere)');
      const cfn = props.trail.trail.node.defaultChild as CfnTrail;
      const isOrg = cfn.isOrganizationTrail === true;
      if (isOrg && props.organizationId === undefined) check.fail('organizationId', undefined, 'the AWS Organizations id (o-xxxxxxxxxx) of the organization trail: its log keys begin AWSLogs/<org id>/');
      if (!isOrg && props.organizationId !== undefined) check.fail('organizationId', props.organizationId, 'absent: the trail is not an organization trail');
      const organizationId = props.organizationId === undefined ? undefined : check.string('organizationId', props.organizationId, ORG_ID);
      return { bucket: props.trail.destination.bucket, organizationId, encryptionKey: props.trail.destination.encryptionKey, logGroup: props.trail.logGroup };
    }
    if (props.cloudTrail === undefined) check.fail('trail', undefined, 'an AuditTrail, or cloudTrail: { bucket, prefix } for a trail made elsewhere');
    const ct = check.props<CloudTrailLocation>('cloudTrail', props.cloudTrail, CLOUD_TRAIL_LOCATION_KEYS, 'an object { bucket, prefix?, organizationId?, encryptionKey? }');
    const bucket = bucketProp(check, 'cloudTrail.bucket', ct.bucket);
    const prefix = check.optionalString('cloudTrail.prefix', ct.prefix, { pattern: /^[^/](.*[^/])?$/s, expected: 'a key prefix without leading or trailing slash' });
    const organizationId = check.optionalString('cloudTrail.organizationId', ct.organizationId, ORG_ID);
    const encryptionKey = ct.encryptionKey === undefined ? undefined : keyProp(check, 'cloudTrail.encryptionKey', ct.encryptionKey);
    if (ct.logGroup !== undefined && !(ct.logGroup instanceof Construct && 'logGroupName' in ct.logGroup)) check.fail('cloudTrail.logGroup', ct.logGroup, 'a CloudWatch Logs ILogGroup (logs.LogGroup.fromLogGroupName for one made elsewhere)');
    return { bucket, prefix, organizationId, encryptionKey, logGroup: ct.logGroup };
  }

  private names(check: PropCheck, prop: string, value: unknown): string[] {
    const list = check.list<unknown>(prop, value, { nonEmpty: true, unique: true, expected: 'a non-empty list of ids without repeats' });
    return list.map((v, i) => check.string(`${prop}[${i}]`, v, { pattern: /^[a-z0-9-]+$/, expected: 'an account id or region name' }));
  }
}
