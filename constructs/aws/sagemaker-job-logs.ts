import { Annotations, Aspects, Aws, IAspect, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import { CLOUDWATCH_ROUNDED_UP, DEFAULT_RETENTION_DAYS, PropCheck, PropKeys, Retention, SAGEMAKER_JOB_LOG_GROUPS, SAGEMAKER_LOG_GROUP_PREFIX, SAGEMAKER_STUDIO_LOG_GROUP, sageMakerEndpointLogGroup, StringRule, WARNINGS } from '../core';
import { AccessLogBucket } from './access-log-bucket';
import { acknowledgeNag, acknowledgeWildcards, applyTags, INLINE_POLICY_REASON, objectWildcardFinding, warn } from './annotations';
import { cloudWatchDays, evidenceBucketProp, KEY_PREFIX, keyProp, scopeProp, tagsProp, underFloor } from './checks';
import { EvidenceBucket } from './evidence-bucket';
import { allowCloudWatchLogsToUseKey } from './evidence-policy';
import { propCheck } from './props';

/** The service that delivers the subscription's records (Amazon Data Firehose). */
export const FIREHOSE_SERVICE = 'firehose.amazonaws.com';

/** A SageMaker endpoint name (CreateEndpoint: letters, digits and single hyphens, at most 63 characters). */
const ENDPOINT_NAME: StringRule = { pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, expected: 'a SageMaker endpoint name of at most 63 letters, digits and hyphens' };

/** A log group SageMaker writes into: `/aws/sagemaker/...`, CloudWatch Logs' characters, at most 512. */
const SAGEMAKER_GROUP_NAME: StringRule = {
  pattern: /^\/aws\/sagemaker\/[.\-_/#A-Za-z0-9]+$/,
  expected: 'a log group name beginning with /aws/sagemaker/ (letters, digits and . - _ / #)',
  refuse: (n) => (n.length > 512 ? 'at most 512 characters' : undefined),
};

/** The props of SageMakerJobLogs: where the logs are copied, the groups to create or adopt, their retention, key and deletion protection. */
export interface SageMakerJobLogsProps {
  /** The locked evidence bucket the logs are replicated into; required, refused when it is not an EvidenceBucket. */
  readonly destination: EvidenceBucket;
  /** Key prefix of the copies, in the staging bucket and in the destination. @default 'sagemaker-job-logs' */
  readonly prefix?: string;
  /** Retention of the groups this construct creates, 1 to 3,653 days, rounded up to a value CloudWatch allows (a token passes unchanged); under 365 days warns. @default Retention.days(365) */
  readonly retention?: Retention;
  /** KMS key of the groups and of the Firehose stream. @default - the destination's key */
  readonly encryptionKey?: kms.IKey;
  /** Names of endpoints this app does not define (deployed by an SDK or a pipeline) whose `/aws/sagemaker/Endpoints/<name>` groups to create; an endpoint under the scope is covered without it and is refused here. @default - none */
  readonly endpointNames?: string[];
  /** Create and export Studio's group `/aws/sagemaker/studio`; false warns. @default true */
  readonly studioEnabled?: boolean;
  /**
   * Groups that already exist in the account (SageMaker created them on first use): not created,
   * a subscription still added. Their retention, key and deletion protection are not set by the kit,
   * which warns. Names must begin with `/aws/sagemaker/`.
   * @default - none: every group is created
   */
  readonly adoptLogGroups?: string[];
  /** Turn on CloudWatch Logs deletion protection on the groups this construct creates; false warns. @default true */
  readonly deletionProtection?: boolean;
  /** The scope whose named endpoints get their log group created (or the one SageMakerAudit created exported). @default - the stack this construct is in */
  readonly scope?: IConstruct;
  /** Extra tags. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

/** The props SageMakerJobLogsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const SAGE_MAKER_JOB_LOGS_PROPS_KEYS = { destination: true, prefix: true, retention: true, encryptionKey: true, endpointNames: true, studioEnabled: true, adoptLogGroups: true, deletionProtection: true, scope: true, tags: true } as const satisfies PropKeys<SageMakerJobLogsProps>;

/**
 * The logs of SageMaker's ephemeral compute, kept after the compute is gone: the groups of
 * training, processing and transform jobs, notebook instances, Studio and each endpoint are created
 * before SageMaker would create them (which it does with no expiry, no customer key and nothing
 * stopping their deletion), with retention, the evidence key, deletion protection and retained on
 * delete; and each is subscribed into an Amazon Data Firehose stream (SSE with the customer key)
 * that delivers every record into a staging bucket replicated into the locked evidence bucket.
 *
 * The Firehose documentation does not say that it can deliver into a bucket with an Object Lock
 * default retention (S3 then requires a Content-MD5 or checksum header on every PUT), so the
 * records land in a staging bucket (SSE-S3, versioned, deletes denied) replicated into the
 * destination, like the S3 server access logs. The records are the subscription's own gzip
 * payload (CloudWatch Logs sends them gzip-compressed), written as they come: no second compression.
 */
export class SageMakerJobLogs extends Construct {
  /** The staging bucket Firehose delivers into, replicated into the destination under the prefix. */
  public readonly staging: AccessLogBucket;
  /** The Firehose stream every group is subscribed into. */
  public readonly deliveryStream: firehose.CfnDeliveryStream;
  /** The role Firehose assumes to write into the staging bucket. */
  public readonly deliveryRole: iam.Role;
  /** The role CloudWatch Logs assumes to put the subscription's records into the stream. */
  public readonly subscriptionRole: iam.Role;
  /** The log groups this construct created, by name (the endpoints' groups are added at synth). */
  public readonly logGroups: Map<string, logs.LogGroup> = new Map();
  /** The groups adopted, not created. */
  public readonly adoptedLogGroups: readonly string[];
  /** The KMS key of the groups and the stream. */
  public readonly encryptionKey: kms.IKey;
  /** The key prefix of the copies, without slashes at either end. */
  public readonly prefix: string;
  /** The evidence bucket the copies are replicated into. */
  public readonly destination: EvidenceBucket;
  private readonly retentionDays: number;
  private readonly deletionProtection: boolean;
  private readonly endpointNames: ReadonlySet<string>;
  private readonly exported = new Set<string>();

  constructor(scope: Construct, id: string, props: SageMakerJobLogsProps) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    const p = check.props<SageMakerJobLogsProps>('props', props, SAGE_MAKER_JOB_LOGS_PROPS_KEYS, 'a SageMakerJobLogsProps object');
    this.destination = evidenceBucketProp(check, 'destination', p.destination);
    this.prefix = check.string('prefix', p.prefix ?? 'sagemaker-job-logs', KEY_PREFIX);
    const retention = check.retention('retention', p.retention, CLOUDWATCH_ROUNDED_UP, Retention.default());
    const encryptionKey = p.encryptionKey === undefined ? undefined : keyProp(check, 'encryptionKey', p.encryptionKey);
    const endpointNames = names(check, 'endpointNames', p.endpointNames, ENDPOINT_NAME);
    const studioEnabled = check.bool('studioEnabled', p.studioEnabled, true);
    const adopted = names(check, 'adoptLogGroups', p.adoptLogGroups, SAGEMAKER_GROUP_NAME);
    this.deletionProtection = check.bool('deletionProtection', p.deletionProtection, true);
    const coverScope = p.scope === undefined ? undefined : scopeProp(check, 'scope', p.scope);
    const tags = tagsProp(check, 'tags', p.tags);
    for (const name of endpointNames) {
      if (adopted.includes(sageMakerEndpointLogGroup(name))) check.fail('adoptLogGroups', sageMakerEndpointLogGroup(name), `a group not also created through endpointNames (${name})`);
    }
    if (!studioEnabled && adopted.includes(SAGEMAKER_STUDIO_LOG_GROUP)) check.fail('adoptLogGroups', SAGEMAKER_STUDIO_LOG_GROUP, 'unset when studioEnabled is false');
    check.uniqueIds('adoptLogGroups', [...adopted, ...SAGEMAKER_JOB_LOG_GROUPS, SAGEMAKER_STUDIO_LOG_GROUP].filter((n, i, all) => all.indexOf(n) === i).map(groupId));

    this.retentionDays = retention.days;
    this.endpointNames = new Set(endpointNames);
    this.adoptedLogGroups = adopted;
    this.encryptionKey = encryptionKey ?? this.destination.encryptionKey;
    allowCloudWatchLogsToUseKey(this.encryptionKey);
    const stack = Stack.of(this);

    this.staging = new AccessLogBucket(this, 'Staging', { replicateTo: this.destination.bucket, replicatePrefixes: [`${this.prefix}/`] });
    // As in BedrockInvocationLogging: without @aws-cdk/aws-s3:setUniqueReplicationRoleName every replication role is `CDKReplicationRole`.
    const replicationRole = this.staging.bucket.node.tryFindChild('ReplicationRole')?.node.defaultChild as iam.CfnRole | undefined;
    if (replicationRole?.roleName === 'CDKReplicationRole') replicationRole.roleName = undefined;

    // Firehose's S3 destination role (Firehose developer guide, "Grant Firehose access to an Amazon S3 destination"), confined to this account and the prefix.
    this.deliveryRole = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal(FIREHOSE_SERVICE, { conditions: { StringEquals: { 'sts:ExternalId': stack.account } } }),
      description: 'Lets Amazon Data Firehose write the SageMaker job logs into the staging bucket',
    });
    this.deliveryRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], resources: [this.staging.bucket.arnForObjects(`${this.prefix}/*`)] }));
    this.deliveryRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], resources: [this.staging.bucket.bucketArn] }));
    acknowledgeNag(this.deliveryRole, [{ id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_POLICY_REASON }]);
    // cdk-nag names the finding by the resource text, which a deploy-time prefix does not have at synth: nothing to acknowledge then.
    if (!Token.isUnresolved(this.prefix)) {
      acknowledgeWildcards(this.deliveryRole, [objectWildcardFinding(this.staging.bucket, `/${this.prefix}/*`)], 'Firehose writes one object per buffer under this prefix only (PutObject, GetObject and aborting its own multipart uploads, as the Firehose S3 destination policy lists them; no delete).');
    }

    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'Resource', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'CUSTOMER_MANAGED_CMK', keyArn: this.encryptionKey.keyArn },
      extendedS3DestinationConfiguration: {
        bucketArn: this.staging.bucket.bucketArn,
        roleArn: this.deliveryRole.roleArn,
        prefix: `${this.prefix}/logs/`,
        errorOutputPrefix: `${this.prefix}/errors/`,
        // CloudWatch Logs already gzips every record it sends: compressing again would nest gzip in gzip.
        compressionFormat: 'UNCOMPRESSED',
        bufferingHints: { intervalInSeconds: 300, sizeInMBs: 5 },
        // The staging bucket encrypts with SSE-S3 by default: replication copies only what it can read without a key grant.
        encryptionConfiguration: { noEncryptionConfig: 'NoEncryption' },
      },
    });
    const deliveryPolicy = this.deliveryRole.node.tryFindChild('DefaultPolicy');
    if (deliveryPolicy) this.deliveryStream.node.addDependency(deliveryPolicy);

    // CloudWatch Logs' role for a Firehose subscription (CloudWatch Logs user guide, "Subscription filters with Amazon Data Firehose").
    this.subscriptionRole = new iam.Role(this, 'SubscriptionRole', {
      assumedBy: new iam.ServicePrincipal('logs.amazonaws.com', { conditions: { StringLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:*` } } }),
      description: 'Lets CloudWatch Logs put the SageMaker job logs into the Firehose stream',
    });
    this.subscriptionRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'], resources: [this.deliveryStream.attrArn] }));
    acknowledgeNag(this.subscriptionRole, [{ id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_POLICY_REASON }]);

    const created = [...SAGEMAKER_JOB_LOG_GROUPS, ...(studioEnabled ? [SAGEMAKER_STUDIO_LOG_GROUP] : [])].filter((n) => !adopted.includes(n));
    for (const name of created) this.export(name, this.createGroup(this, groupId(name), name));
    for (const name of endpointNames) this.export(sageMakerEndpointLogGroup(name), this.createGroup(this, `Endpoint${name}`, sageMakerEndpointLogGroup(name)));
    for (const name of adopted) this.export(name);

    if (underFloor(this.retentionDays)) {
      warn(this, WARNINGS.SHORT_RETENTION, `${where}: log retention of ${this.retentionDays} days is under the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
    }
    if (!this.deletionProtection) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: deletion protection is off; anyone allowed logs:DeleteLogGroup can delete a job's logs before the subscription has copied them.`);
    }
    if (!studioEnabled) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: Studio's group ${SAGEMAKER_STUDIO_LOG_GROUP} is neither created nor exported; Studio apps' output is kept only where SageMaker puts it.`);
    }
    if (adopted.length > 0) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: the adopted groups ${adopted.join(', ')} are subscribed, but their retention, KMS key and deletion protection are not set by the kit; set them on the existing groups.`);
    }
    Aspects.of(coverScope ?? stack).add(new CoverEndpoints(this));
    applyTags(this, 'ml-training-lifecycle', false, tags);
  }

  /** The names of every group subscribed into the stream (created, adopted and the endpoints' found so far). */
  public exportedLogGroupNames(): string[] {
    return [...this.exported].sort();
  }

  /** @internal */
  public _visitEndpoint(endpoint: sagemaker.CfnEndpoint): void {
    const name = endpoint.endpointName;
    if (name === undefined) return; // SageMakerAudit warns: an unnamed endpoint's group cannot be created beforehand.
    if (!Token.isUnresolved(name) && this.endpointNames.has(name)) {
      Annotations.of(this).addError(`${this.node.path}: endpointNames lists ${name}, an endpoint this app defines at ${endpoint.node.path}; remove it from endpointNames (the endpoint's group is created from the endpoint).`);
      return;
    }
    const groupName = sageMakerEndpointLogGroup(name);
    if (this.exported.has(groupName)) return;
    // SageMakerAudit creates the same child when its aspect runs first: reuse it, else create it for both.
    let group = endpoint.node.tryFindChild('ForensicLogGroup') as logs.LogGroup | undefined;
    if (!group) {
      group = this.createGroup(endpoint, 'ForensicLogGroup', groupName);
      endpoint.node.addDependency(group);
    } else if (this.deletionProtection) {
      (group.node.defaultChild as logs.CfnLogGroup).deletionProtectionEnabled = true;
    }
    this.export(groupName, group, `Endpoint${Stack.of(endpoint).getLogicalId(endpoint)}`);
  }

  private createGroup(scope: Construct, id: string, name: string): logs.LogGroup {
    const group = new logs.LogGroup(scope, id, {
      logGroupName: name,
      retention: cloudWatchDays(this.retentionDays) as logs.RetentionDays,
      encryptionKey: this.encryptionKey,
      deletionProtectionEnabled: this.deletionProtection,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroups.set(name, group);
    return group;
  }

  private export(name: string, group?: logs.LogGroup, id?: string): void {
    this.exported.add(name);
    const filter = new logs.CfnSubscriptionFilter(this, `${id ?? groupId(name)}Export`, {
      logGroupName: group ? group.logGroupName : name,
      filterPattern: '',
      destinationArn: this.deliveryStream.attrArn,
      roleArn: this.subscriptionRole.roleArn,
    });
    // CloudWatch Logs tests the role by putting a record when the filter is created: the role's policy must exist first.
    const policy = this.subscriptionRole.node.tryFindChild('DefaultPolicy');
    if (policy) filter.node.addDependency(policy);
    // A created group is referenced by LogGroupName, which orders the filter after it.
  }
}

/** A construct id for a group name: `/aws/sagemaker/TrainingJobs` is `TrainingJobs`. */
function groupId(name: string): string {
  const rest = name.startsWith(SAGEMAKER_LOG_GROUP_PREFIX) ? name.slice(SAGEMAKER_LOG_GROUP_PREFIX.length) : name;
  const id = rest.split(/[^A-Za-z0-9]+/).filter(Boolean).map((s) => s[0].toUpperCase() + s.slice(1)).join('');
  return id === 'Studio' ? 'Studio' : id;
}

/** A list of names without repeats, each checked against a rule. */
function names(check: PropCheck, prop: string, value: unknown, rule: StringRule): string[] {
  const list = check.list<string>(prop, value, { unique: true, expected: `a list of names (${rule.expected})` }, []);
  if (check.isToken(list)) check.fail(prop, 'a deploy-time list', 'a list known at synth (each name becomes a resource of its own)');
  return list.map((n, i) => {
    if (check.isToken(n)) check.fail(`${prop}[${i}]`, 'a deploy-time string', 'a name known at synth (each name becomes a resource of its own)');
    return check.string(`${prop}[${i}]`, n, rule);
  });
}

class CoverEndpoints implements IAspect {
  constructor(private readonly logs: SageMakerJobLogs) {}
  public visit(node: IConstruct): void {
    if (node instanceof sagemaker.CfnEndpoint) this.logs._visitEndpoint(node);
  }
}
