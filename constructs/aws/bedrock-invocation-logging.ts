import { ArnFormat, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { CLOUDWATCH_ROUNDED_UP, DEFAULT_RETENTION_DAYS, PropKeys, Retention, WARNINGS } from '../core';
import { AccessLogBucket } from './access-log-bucket';
import { acknowledgeCustomResourceProvider, acknowledgeNag, acknowledgeWildcards, applyTags, INLINE_POLICY_REASON, objectWildcardFinding, warn } from './annotations';
import { cloudWatchDays, evidenceBucketProp, KEY_PREFIX, keyProp, tagsProp, underFloor } from './checks';
import { EvidenceBucket } from './evidence-bucket';
import { allowCloudWatchLogsToUseKey } from './evidence-policy';
import { propCheck } from './props';

/** The service that writes model invocation logs. */
export const BEDROCK_SERVICE = 'bedrock.amazonaws.com';
/** The log stream Bedrock writes into in the log group (Bedrock user guide, CloudWatch Logs destination). */
export const BEDROCK_LOG_STREAM = 'aws/bedrock/modelinvocations';

/** The props of BedrockInvocationLogging: the evidence bucket the logs are copied into, the prefix, the CloudWatch Logs copy and what happens on delete. */
export interface BedrockInvocationLoggingProps {
  /** The locked evidence bucket the invocation logs are replicated into; required, refused when it is not an EvidenceBucket. */
  readonly destination: EvidenceBucket;
  /** Key prefix of the logs, in the staging bucket and in the destination. @default 'bedrock-invocation-logs' */
  readonly prefix?: string;
  /** Also deliver into a CloudWatch Logs group (large payloads go to the staging bucket through largeDataDeliveryS3Config); false warns. @default true */
  readonly cloudWatchLogsEnabled?: boolean;
  /** Retention of the log group, 1 to 3,653 days, rounded up to a value CloudWatch allows; under 365 days warns. @default Retention.days(365) */
  readonly retention?: Retention;
  /** KMS key of the log group. @default - the destination's key */
  readonly encryptionKey?: kms.IKey;
  /** Delete the region's invocation logging configuration when this construct is deleted; true warns. @default false - the configuration outlives the stack */
  readonly removeOnDelete?: boolean;
  /** Extra tags. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

/** The props BedrockInvocationLoggingProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const BEDROCK_INVOCATION_LOGGING_PROPS_KEYS = { destination: true, prefix: true, cloudWatchLogsEnabled: true, retention: true, encryptionKey: true, removeOnDelete: true, tags: true } as const satisfies PropKeys<BedrockInvocationLoggingProps>;

/**
 * Amazon Bedrock model invocation logging for the account and region: the full request, response
 * and metadata of every Converse, ConverseStream, InvokeModel and InvokeModelWithResponseStream
 * call through `bedrock-runtime`, with text, image, embedding, video and audio data delivery on.
 *
 * CloudFormation has no resource for it: a custom resource calls
 * `PutModelInvocationLoggingConfiguration` on create and update, and
 * `DeleteModelInvocationLoggingConfiguration` on delete only with `removeOnDelete`. The Bedrock
 * documentation does not say that it can deliver into a bucket with an Object Lock default
 * retention, so the logs are delivered into a staging bucket (SSE-S3, versioned, deletes denied)
 * replicated into the locked destination, like the S3 server access logs.
 *
 * Not covered: calls through the OpenAI-compatible endpoint (`bedrock-mantle.amazonaws.com` in
 * CloudTrail) and every other Bedrock API; who made a call is in CloudTrail (InvokeModel and
 * Converse are management events), not here.
 */
export class BedrockInvocationLogging extends Construct {
  /** The staging bucket Bedrock delivers into, replicated into the destination under the prefix. */
  public readonly staging: AccessLogBucket;
  /** The log group of the CloudWatch Logs copy, retained on delete; undefined when cloudWatchLogsEnabled is false. */
  public readonly logGroup?: logs.LogGroup;
  /** The role Bedrock assumes to write into the log group (and large payloads into the staging bucket). */
  public readonly role?: iam.Role;
  /** The custom resource that sets the logging configuration. */
  public readonly configuration: cr.AwsCustomResource;
  /** The key prefix of the logs, without slashes at either end. */
  public readonly prefix: string;
  /** The evidence bucket the logs are replicated into. */
  public readonly destination: EvidenceBucket;

  constructor(scope: Construct, id: string, props: BedrockInvocationLoggingProps) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    const p = check.props<BedrockInvocationLoggingProps>('props', props, BEDROCK_INVOCATION_LOGGING_PROPS_KEYS, 'a BedrockInvocationLoggingProps object');
    this.destination = evidenceBucketProp(check, 'destination', p.destination);
    this.prefix = check.string('prefix', p.prefix ?? 'bedrock-invocation-logs', KEY_PREFIX);
    const cloudWatchLogsEnabled = check.bool('cloudWatchLogsEnabled', p.cloudWatchLogsEnabled, true);
    const retention = check.retention('retention', p.retention, CLOUDWATCH_ROUNDED_UP, Retention.default());
    const encryptionKey = p.encryptionKey === undefined ? undefined : keyProp(check, 'encryptionKey', p.encryptionKey);
    const removeOnDelete = check.bool('removeOnDelete', p.removeOnDelete, false);
    const tags = tagsProp(check, 'tags', p.tags);
    if (!cloudWatchLogsEnabled && p.retention !== undefined) check.fail('retention', p.retention, 'unset when cloudWatchLogsEnabled is false (there is no log group)');
    if (!cloudWatchLogsEnabled && encryptionKey !== undefined) check.fail('encryptionKey', encryptionKey.node.path, 'unset when cloudWatchLogsEnabled is false (there is no log group)');

    const stack = Stack.of(this);
    const sourceConditions = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:bedrock:${stack.region}:${stack.account}:*` },
    };
    // An AccessLogBucket keeps its tag `forensic-evidence-source=storage-data-access`: the rules read that tag as
    // "a staging bucket a service cannot deliver into a locked bucket for", which this one is.
    this.staging = new AccessLogBucket(this, 'Staging', { replicateTo: this.destination.bucket, replicatePrefixes: [`${this.prefix}/`] });
    // Without the flag @aws-cdk/aws-s3:setUniqueReplicationRoleName aws-cdk-lib names every replication role
    // `CDKReplicationRole`, which collides with any other staging bucket of the account: let CloudFormation name it.
    const replicationRole = this.staging.bucket.node.tryFindChild('ReplicationRole')?.node.defaultChild as iam.CfnRole | undefined;
    if (replicationRole?.roleName === 'CDKReplicationRole') replicationRole.roleName = undefined;
    // Bedrock writes `<prefix>/AWSLogs/<account>/BedrockModelInvocationLogs/...`; large payloads of the CloudWatch Logs copy under `<prefix>/large-data/`.
    this.staging.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AmazonBedrockLogsWrite',
        principals: [new iam.ServicePrincipal(BEDROCK_SERVICE)],
        actions: ['s3:PutObject'],
        resources: [this.staging.bucket.arnForObjects(`${this.prefix}/*`)],
        conditions: sourceConditions,
      }),
    );

    if (cloudWatchLogsEnabled) {
      const key = encryptionKey ?? this.destination.encryptionKey;
      allowCloudWatchLogsToUseKey(key);
      this.logGroup = new logs.LogGroup(this, 'LogGroup', {
        retention: cloudWatchDays(retention.days) as logs.RetentionDays,
        encryptionKey: key,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.role = new iam.Role(this, 'Role', {
        assumedBy: new iam.ServicePrincipal(BEDROCK_SERVICE, { conditions: sourceConditions }),
        description: 'Lets Amazon Bedrock write model invocation logs into the kit log group',
      });
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: `${this.logGroup.logGroupName}:log-stream:${BEDROCK_LOG_STREAM}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
        }),
      );
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.staging.bucket.arnForObjects(`${this.prefix}/large-data/*`)] }));
      acknowledgeNag(this.role, [{ id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_POLICY_REASON }]);
      acknowledgeWildcards(this.role, [objectWildcardFinding(this.staging.bucket, `/${this.prefix}/large-data/*`)], 'Bedrock writes one object per large prompt or response under this prefix only (PutObject, no read or delete).');
      if (underFloor(retention.days)) {
        warn(this, WARNINGS.SHORT_RETENTION, `${where}: CloudWatch Logs retention of ${retention.days} days is under the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
      }
    } else {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no CloudWatch Logs copy of the invocation logs; investigators must query the S3 objects directly and no metric filter or alarm can see them.`);
    }
    if (removeOnDelete) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: removeOnDelete is true; deleting the stack turns Bedrock invocation logging off for the region, and later prompts and responses are not recorded.`);
    }

    const loggingConfig = {
      textDataDeliveryEnabled: true,
      imageDataDeliveryEnabled: true,
      embeddingDataDeliveryEnabled: true,
      videoDataDeliveryEnabled: true,
      audioDataDeliveryEnabled: true,
      s3Config: { bucketName: this.staging.bucket.bucketName, keyPrefix: this.prefix },
      ...(this.logGroup && this.role
        ? { cloudWatchConfig: { logGroupName: this.logGroup.logGroupName, roleArn: this.role.roleArn, largeDataDeliveryS3Config: { bucketName: this.staging.bucket.bucketName, keyPrefix: `${this.prefix}/large-data` } } }
        : {}),
    };
    // One configuration per account and region: the physical id names the region.
    const put: cr.AwsSdkCall = {
      service: 'Bedrock',
      action: 'PutModelInvocationLoggingConfiguration',
      parameters: { loggingConfig },
      physicalResourceId: cr.PhysicalResourceId.of(`bedrock-invocation-logging-${stack.region}`),
    };
    const statements = [new iam.PolicyStatement({ actions: ['bedrock:PutModelInvocationLoggingConfiguration', ...(removeOnDelete ? ['bedrock:DeleteModelInvocationLoggingConfiguration'] : [])], resources: ['*'] })];
    if (this.role) statements.push(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [this.role.roleArn] }));
    this.configuration = new cr.AwsCustomResource(this, 'Resource', {
      onCreate: put,
      onUpdate: put,
      onDelete: removeOnDelete ? { service: 'Bedrock', action: 'DeleteModelInvocationLoggingConfiguration' } : undefined,
      policy: cr.AwsCustomResourcePolicy.fromStatements(statements),
      installLatestAwsSdk: false,
    });
    // Bedrock checks the destinations when the configuration is put: they must exist and allow it first.
    if (this.staging.bucket.policy) this.configuration.node.addDependency(this.staging.bucket.policy);
    // The role's policy is its own resource: the call must wait for it (the role itself is already referenced).
    const rolePolicy = this.role?.node.tryFindChild('DefaultPolicy');
    if (rolePolicy) this.configuration.node.addDependency(rolePolicy);
    acknowledgeNag(this.configuration, [
      { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_POLICY_REASON },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'bedrock:PutModelInvocationLoggingConfiguration (and DeleteModelInvocationLoggingConfiguration) have no resource type; IAM requires Resource "*" for them.' },
    ]);
    acknowledgeCustomResourceProvider(stack);
    applyTags(this, 'ml-inference', false, tags);
  }
}
