import { Stack, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { DEFAULT_RETENTION_DAYS, ForensicValidationError, PropKeys, Retention, RETENTION_BOUNDS, WARNINGS } from '../core';
import { AccessLogBucket } from './access-log-bucket';
import { acknowledgeCustomResourceProvider, acknowledgeNag, acknowledgeWildcards, applyTags, INLINE_POLICY_REASON, objectWildcardFinding, warn } from './annotations';
import { evidenceBucketProp, KEY_PREFIX, tagsProp, underFloor } from './checks';
import { EvidenceBucket } from './evidence-bucket';
import { propCheck } from './props';

/** The service principal of AWS Config. */
export const CONFIG_SERVICE = 'config.amazonaws.com';
/** The AWS managed policy of a service role for the configuration recorder (AWS managed policy reference, AWS_ConfigRole). */
export const CONFIG_ROLE_POLICY = 'service-role/AWS_ConfigRole';

/** How often AWS Config delivers a configuration snapshot (ConfigSnapshotDeliveryProperties.deliveryFrequency). */
export type SnapshotDeliveryFrequency = 'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';
/** Every value of SnapshotDeliveryFrequency, most frequent first. */
export const SNAPSHOT_DELIVERY_FREQUENCIES: readonly SnapshotDeliveryFrequency[] = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'];
/** The kit's snapshot frequency: a full inventory every six hours; a less frequent one warns. */
export const DEFAULT_SNAPSHOT_FREQUENCY: SnapshotDeliveryFrequency = 'Six_Hours';

/** The props of ConfigurationHistory: the evidence bucket the history is copied into, the prefix, the snapshot frequency, the retention and an existing recorder. */
export interface ConfigurationHistoryProps {
  /** The locked evidence bucket the configuration history and snapshots are replicated into; required, refused when it is not an EvidenceBucket. */
  readonly destination: EvidenceBucket;
  /** Key prefix of the delivered files, in the staging bucket and in the destination. @default 'config-history' */
  readonly prefix?: string;
  /** How often a snapshot of every recorded resource is delivered; Twelve_Hours or TwentyFour_Hours warns. @default 'Six_Hours' */
  readonly snapshotDeliveryFrequency?: SnapshotDeliveryFrequency;
  /** How long AWS Config keeps configuration items queryable in the service, 30 to 2,557 days; under 365 days warns. @default Retention.days(2557) */
  readonly retention?: Retention;
  /** Delete the region's retention configuration when this construct is deleted (Config then keeps items 2,557 days, its own default); true warns. @default false - the retention configuration outlives the stack */
  readonly removeRetentionOnDelete?: boolean;
  /**
   * The account already has a configuration recorder in this region (one per account and region,
   * often deployed by an organization): no recorder and no recorder role are created, only the
   * delivery channel, its staging bucket and the retention. True warns, naming what to verify.
   * @default false - a recorder of every supported resource type, global IAM types included
   */
  readonly existingRecorder?: boolean;
  /** Extra tags. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

/** The props ConfigurationHistoryProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const CONFIGURATION_HISTORY_PROPS_KEYS = { destination: true, prefix: true, snapshotDeliveryFrequency: true, retention: true, removeRetentionOnDelete: true, existingRecorder: true, tags: true } as const satisfies PropKeys<ConfigurationHistoryProps>;

/**
 * AWS Config configuration history for the account and region: a configuration recorder of every
 * supported resource type, current and future, including the global IAM types (users, groups,
 * roles, customer managed policies) and every SageMaker and Bedrock type Config supports, recording
 * continuously; a delivery channel that delivers the configuration history files and a snapshot
 * every six hours; and the retention of configuration items in the service.
 *
 * AWS Config does not support a delivery channel into a bucket with Object Lock enabled
 * (CloudFormation reference, AWS::Config::DeliveryChannel), so the files are delivered into a
 * staging bucket (SSE-S3, versioned, deletes denied) replicated into the locked destination, like
 * the S3 server access logs. CloudFormation has no resource for the retention configuration: a
 * custom resource calls `PutRetentionConfiguration` on create and update, and
 * `DeleteRetentionConfiguration` on delete only with `removeRetentionOnDelete`.
 *
 * The recorder uses a service role with the AWS managed policy AWS_ConfigRole; the staging bucket's
 * policy also lets the Config service principal of this account deliver (the documented policy).
 * Global IAM types are recorded only in regions where Config was available before February 2022.
 * Not covered: what was called and by whom (CloudTrail), and resources of types Config does not support.
 *
 * AWS Config allows one configuration recorder and one delivery channel per account and Region
 * (developer guide, "Starting AWS Config with a customer managed configuration recorder using the
 * AWS CLI"): a second ConfigurationHistory in the same stack, or in a stack of the same literal
 * account and Region of the same app, is refused at construction rather than failing at deploy.
 */
export class ConfigurationHistory extends Construct {
  /** The staging bucket Config delivers into, replicated into the destination under the prefix. */
  public readonly staging: AccessLogBucket;
  /** The configuration recorder; undefined with existingRecorder. */
  public readonly recorder?: config.CfnConfigurationRecorder;
  /** The role the recorder assumes; undefined with existingRecorder. */
  public readonly role?: iam.Role;
  /** The delivery channel into the staging bucket. */
  public readonly deliveryChannel: config.CfnDeliveryChannel;
  /** The custom resource that sets the retention configuration (PutRetentionConfiguration). */
  public readonly retentionConfiguration: cr.AwsCustomResource;
  /** The retention of configuration items in AWS Config, in days. */
  public readonly retentionDays: number;
  /** The key prefix of the delivered files, without slashes at either end. */
  public readonly prefix: string;
  /** The evidence bucket the files are replicated into. */
  public readonly destination: EvidenceBucket;

  constructor(scope: Construct, id: string, props: ConfigurationHistoryProps) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    const p = check.props<ConfigurationHistoryProps>('props', props, CONFIGURATION_HISTORY_PROPS_KEYS, 'a ConfigurationHistoryProps object');
    this.destination = evidenceBucketProp(check, 'destination', p.destination);
    this.prefix = check.string('prefix', p.prefix ?? 'config-history', KEY_PREFIX);
    const frequency = check.oneOf('snapshotDeliveryFrequency', p.snapshotDeliveryFrequency, SNAPSHOT_DELIVERY_FREQUENCIES, DEFAULT_SNAPSHOT_FREQUENCY);
    const retention = check.retention('retention', p.retention, RETENTION_BOUNDS.awsConfig, Retention.days(RETENTION_BOUNDS.awsConfig.maxDays));
    const removeRetentionOnDelete = check.bool('removeRetentionOnDelete', p.removeRetentionOnDelete, false);
    const existingRecorder = check.bool('existingRecorder', p.existingRecorder, false);
    const tags = tagsProp(check, 'tags', p.tags);
    this.retentionDays = retention.days;

    const stack = Stack.of(this);
    refuseSecondInRegion(this, stack);
    // An AccessLogBucket keeps its tag `forensic-evidence-source=storage-data-access`: the rules read that tag as
    // "a staging bucket a service cannot deliver into a locked bucket for", which this one is.
    this.staging = new AccessLogBucket(this, 'Staging', { replicateTo: this.destination.bucket, replicatePrefixes: [`${this.prefix}/`] });
    // As BedrockInvocationLogging does: without @aws-cdk/aws-s3:setUniqueReplicationRoleName every replication role is
    // named `CDKReplicationRole`, which collides with any other staging bucket of the account.
    const replicationRole = this.staging.bucket.node.tryFindChild('ReplicationRole')?.node.defaultChild as iam.CfnRole | undefined;
    if (replicationRole?.roleName === 'CDKReplicationRole') replicationRole.roleName = undefined;

    // Config writes `<prefix>/AWSLogs/<account>/Config/<region>/...` (history files and snapshots).
    const delivered = this.staging.bucket.arnForObjects(`${this.prefix}/AWSLogs/${stack.account}/Config/*`);
    const sourceAccount = { 'aws:SourceAccount': stack.account };
    // The bucket policy of the AWS Config developer guide ("Permissions for the Amazon S3 Bucket for the AWS Config delivery channel").
    this.staging.bucket.addToResourcePolicy(new iam.PolicyStatement({ sid: 'AWSConfigBucketPermissionsCheck', principals: [new iam.ServicePrincipal(CONFIG_SERVICE)], actions: ['s3:GetBucketAcl'], resources: [this.staging.bucket.bucketArn], conditions: { StringEquals: sourceAccount } }));
    this.staging.bucket.addToResourcePolicy(new iam.PolicyStatement({ sid: 'AWSConfigBucketExistenceCheck', principals: [new iam.ServicePrincipal(CONFIG_SERVICE)], actions: ['s3:ListBucket'], resources: [this.staging.bucket.bucketArn], conditions: { StringEquals: sourceAccount } }));
    this.staging.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketDelivery',
        principals: [new iam.ServicePrincipal(CONFIG_SERVICE)],
        actions: ['s3:PutObject'],
        resources: [delivered],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...sourceAccount } },
      }),
    );

    if (!existingRecorder) {
      this.role = new iam.Role(this, 'Role', {
        assumedBy: new iam.ServicePrincipal(CONFIG_SERVICE, { conditions: { StringEquals: sourceAccount } }),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(CONFIG_ROLE_POLICY)],
        description: 'Lets AWS Config record resource configurations and deliver them into the kit staging bucket',
      });
      // The S3 permissions of the recorder role (AWS Config developer guide, "IAM role policy for the S3 bucket").
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectAcl'], resources: [delivered], conditions: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-control' } } }));
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [this.staging.bucket.bucketArn] }));
      acknowledgeNag(this.role, [
        { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_POLICY_REASON },
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]', reason: 'AWS_ConfigRole is the policy AWS maintains for the recorder role: it grants the read calls of every resource type Config supports, including types added later, which no hand-written policy keeps up with.' },
      ]);
      // A finding id is a map key: with a deploy-time prefix it cannot be named, and cdk-nag reports the wildcard.
      if (!Token.isUnresolved(this.prefix)) {
        acknowledgeWildcards(this.role, [objectWildcardFinding(this.staging.bucket, `/${this.prefix}/AWSLogs/<AWS::AccountId>/Config/*`)], 'Config writes one object per history file and snapshot under this account\'s prefix only (PutObject with bucket-owner-full-control, no read or delete).');
      }
      this.recorder = new config.CfnConfigurationRecorder(this, 'Resource', {
        roleArn: this.role.roleArn,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } },
        recordingMode: { recordingFrequency: 'CONTINUOUS' },
      });
      // The recorder delivers with the role's S3 permissions, which are their own resource.
      const rolePolicy = this.role.node.tryFindChild('DefaultPolicy');
      if (rolePolicy) this.recorder.node.addDependency(rolePolicy);
    } else {
      warn(
        this,
        WARNINGS.WEAKENED_DEFAULT,
        `${where}: existingRecorder is true; no configuration recorder is deployed. Verify that the account's recorder in this region records all supported resource types with includeGlobalResourceTypes true, records continuously, is started (DescribeConfigurationRecorderStatus recording true) and has no delivery channel of its own (one per region): this construct deploys the delivery channel into its staging bucket and sets the retention.`,
      );
    }

    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: this.staging.bucket.bucketName,
      s3KeyPrefix: this.prefix,
      configSnapshotDeliveryProperties: { deliveryFrequency: frequency },
    });
    // A delivery channel needs a recorder first, and Config checks the bucket policy when the channel is put.
    if (this.recorder) this.deliveryChannel.node.addDependency(this.recorder);
    if (this.staging.bucket.policy) this.deliveryChannel.node.addDependency(this.staging.bucket.policy);
    if (frequency === 'Twelve_Hours' || frequency === 'TwentyFour_Hours') {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: snapshotDeliveryFrequency is ${frequency}; the last full inventory before an incident can be up to ${frequency === 'Twelve_Hours' ? 12 : 24} hours old (the kit's default is ${DEFAULT_SNAPSHOT_FREQUENCY}).`);
    }

    if (underFloor(retention.days)) {
      warn(this, WARNINGS.SHORT_RETENTION, `${where}: AWS Config retention of ${retention.days} days is under the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
    }
    if (removeRetentionOnDelete) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: removeRetentionOnDelete is true; deleting the stack removes the retention configuration, and AWS Config falls back to its own default retention.`);
    }
    // One retention configuration per account and region, always named `default`: the physical id names the region.
    const put: cr.AwsSdkCall = {
      service: 'ConfigService',
      action: 'PutRetentionConfiguration',
      parameters: { RetentionPeriodInDays: retention.days },
      physicalResourceId: cr.PhysicalResourceId.of(`config-retention-${stack.region}`),
    };
    this.retentionConfiguration = new cr.AwsCustomResource(this, 'Retention', {
      onCreate: put,
      onUpdate: put,
      onDelete: removeRetentionOnDelete ? { service: 'ConfigService', action: 'DeleteRetentionConfiguration', parameters: { RetentionConfigurationName: 'default' } } : undefined,
      policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions: ['config:PutRetentionConfiguration', ...(removeRetentionOnDelete ? ['config:DeleteRetentionConfiguration'] : [])], resources: ['*'] })]),
      installLatestAwsSdk: false,
    });
    acknowledgeNag(this.retentionConfiguration, [
      { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_POLICY_REASON },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'The retention configuration is the region\'s single object named default, addressed by no ARN in the call; the policy grants only PutRetentionConfiguration (and DeleteRetentionConfiguration when asked).' },
    ]);
    acknowledgeCustomResourceProvider(stack);
    applyTags(this, 'configuration-history', false, tags);
  }
}

/** The ConfigurationHistory constructs of each app (its root construct), in construction order. */
const IN_APP = new WeakMap<IConstruct, { readonly history: ConfigurationHistory; readonly stack: Stack }[]>();

/**
 * Refuses a second ConfigurationHistory for one account and Region: in the same stack, or in a
 * stack of the same app whose account and Region are both literals equal to this one's. Stacks
 * whose environment is known only at deploy may go to different Regions, so they are not compared.
 */
function refuseSecondInRegion(history: ConfigurationHistory, stack: Stack): void {
  const root = history.node.root;
  const known = IN_APP.get(root) ?? [];
  const literal = (s: Stack) => !Token.isUnresolved(s.account) && !Token.isUnresolved(s.region);
  const first = known.find((k) => k.stack === stack || (literal(k.stack) && literal(stack) && k.stack.account === stack.account && k.stack.region === stack.region));
  if (first) {
    const where = first.stack === stack ? `stack ${stack.node.path}` : `account ${stack.account} and Region ${stack.region}`;
    throw new ForensicValidationError(
      'scope',
      stack.node.path,
      `a stack of another account and Region than ConfigurationHistory ${first.history.node.path} (${where} has it already; AWS Config allows one configuration recorder and one delivery channel per account and Region)`,
      history.node.path,
    );
  }
  IN_APP.set(root, [...known, { history, stack }]);
}
