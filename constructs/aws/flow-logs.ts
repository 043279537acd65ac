import { Aspects, IAspect, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { CLOUDWATCH_ROUNDED_UP, DEFAULT_RETENTION_DAYS, PropKeys, Retention, WARNINGS } from '../core';
import { acknowledgeNag, acknowledgeWildcards, applyTags, INLINE_POLICY_REASON, objectWildcardFinding, warn } from './annotations';
import { cloudWatchDays, evidenceBucketProp, keyProp, scopeProp, tagsProp, underFloor, vpcProp } from './checks';
import { EvidenceBucket } from './evidence-bucket';
import { allowCloudWatchLogsToUseKey } from './evidence-policy';
import { propCheck } from './props';

/** The default version 2 fields, in their default order. */
export const DEFAULT_FLOW_LOG_FIELDS = [
  'version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport',
  'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status',
] as const;

/** Fields an investigator needs beyond the defaults: which VPC, subnet and instance, the real peer behind NAT, the direction and path, the AWS service at either end. */
export const INVESTIGATOR_FLOW_LOG_FIELDS = [
  'vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type', 'pkt-srcaddr', 'pkt-dstaddr', 'region',
  'az-id', 'flow-direction', 'traffic-path', 'pkt-src-aws-service', 'pkt-dst-aws-service',
] as const;

/** Every field a custom flow log format may name (versions 2 to 8). */
const KNOWN_FIELDS = new Set<string>([
  ...DEFAULT_FLOW_LOG_FIELDS, ...INVESTIGATOR_FLOW_LOG_FIELDS, 'sublocation-type', 'sublocation-id',
  'ecs-cluster-arn', 'ecs-cluster-name', 'ecs-container-instance-arn', 'ecs-container-instance-id',
  'ecs-container-id', 'ecs-second-container-id', 'ecs-service-name', 'ecs-task-definition-arn',
  'ecs-task-arn', 'ecs-task-id', 'reject-reason', 'resource-id', 'encryption-status',
]);

/** The props of FlowLogs: the VPCs logged, where the records go (an evidence bucket, CloudWatch Logs or both), the aggregation interval and the fields. */
export interface FlowLogsProps {
  /** VPCs to log (`ec2.IVpc`; an id string is refused); logging none at synth warns. @default - none; use `coverScope` or `addVpc` */
  readonly vpcs?: ec2.IVpc[];
  /** Also log every VPC defined anywhere under this scope (an aspect, so VPCs added later count too). @default - only `vpcs` */
  readonly coverScope?: IConstruct;
  /** Evidence bucket for Parquet files with hive-compatible, hourly partitions. @default - none; at least one of destination or cloudWatchLogsEnabled */
  readonly destination?: EvidenceBucket;
  /** Also (or only) send to CloudWatch Logs. @default - true when no destination is given, else false */
  readonly cloudWatchLogsEnabled?: boolean;
  /** Retention of the CloudWatch Logs copy, 1 to 3,653 days (a token passes unchanged); under 365 days warns. @default Retention.days(365) */
  readonly retention?: Retention;
  /** Aggregation interval in seconds: 60 or 600 (which warns); anything else is refused. @default 60 - a flow is on record within a minute */
  readonly maxAggregationIntervalSeconds?: 60 | 600;
  /** Fields beyond the defaults and the investigator's fields (e.g. ECS fields). @default - none */
  readonly extraFields?: string[];
  /** KMS key of the CloudWatch Logs copy. @default - the destination's key; without a destination, CloudWatch's own encryption */
  readonly encryptionKey?: kms.IKey;
  /** Extra tags. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

/** The props FlowLogsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const FLOW_LOGS_PROPS_KEYS = { vpcs: true, coverScope: true, destination: true, cloudWatchLogsEnabled: true, retention: true, maxAggregationIntervalSeconds: true, extraFields: true, encryptionKey: true, tags: true } as const satisfies PropKeys<FlowLogsProps>;

/**
 * VPC flow logs of ALL traffic (accepted and rejected), at 60-second aggregation, with the default
 * fields plus those an investigator needs, into an EvidenceBucket (Parquet, hive-compatible hourly
 * partitions) and/or CloudWatch Logs with retention.
 */
export class FlowLogs extends Construct {
  /** The custom log format, in field order. */
  public readonly fields: readonly string[];
  /** The CloudWatch Logs group of the flow logs, retained on delete; undefined when they go to the destination only. */
  public readonly logGroup?: logs.LogGroup;
  private readonly props: FlowLogsProps;
  private readonly covered = new Set<string>();

  constructor(scope: Construct, id: string, props: FlowLogsProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    const p = check.props<FlowLogsProps>('props', props ?? {}, FLOW_LOGS_PROPS_KEYS, 'a FlowLogsProps object');
    const vpcs = check.list<unknown>('vpcs', p.vpcs, { unique: true, expected: 'a list of ec2.IVpc' }, []).map((v, i) => vpcProp(check, `vpcs[${i}]`, v));
    const coverScope = p.coverScope === undefined ? undefined : scopeProp(check, 'coverScope', p.coverScope);
    const destination = p.destination === undefined ? undefined : evidenceBucketProp(check, 'destination', p.destination);
    const cloudWatch = check.bool('cloudWatchLogsEnabled', p.cloudWatchLogsEnabled, destination === undefined);
    const retention = check.retention('retention', p.retention, CLOUDWATCH_ROUNDED_UP, Retention.default());
    const interval = p.maxAggregationIntervalSeconds ?? 60;
    // A deploy-time token reaches the template as it is (CloudFormation then refuses any other value).
    const intervalKnown = !Token.isUnresolved(interval);
    if (intervalKnown && interval !== 60 && interval !== 600) check.fail('maxAggregationIntervalSeconds', interval, '60 or 600');
    const extraFields = check.list<unknown>('extraFields', p.extraFields, { unique: true, expected: 'a list of flow log fields' }, []);
    for (const [i, f] of extraFields.entries()) {
      if (typeof f !== 'string' || !KNOWN_FIELDS.has(f)) check.fail(`extraFields[${i}]`, f, `a flow log field (${[...KNOWN_FIELDS].join(', ')})`);
    }
    const encryptionKey = p.encryptionKey === undefined ? undefined : keyProp(check, 'encryptionKey', p.encryptionKey);
    const tags = tagsProp(check, 'tags', p.tags);
    if (!cloudWatch && !destination) check.fail('destination', undefined, 'an EvidenceBucket when cloudWatchLogsEnabled is false');
    this.props = { ...p, vpcs, coverScope, destination, cloudWatchLogsEnabled: cloudWatch, retention, maxAggregationIntervalSeconds: interval, extraFields: extraFields as string[], encryptionKey, tags };
    if (intervalKnown && interval === 600) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: a 600-second aggregation interval delays and coarsens the flow record; 60 seconds is the forensic default.`);
    }
    if (cloudWatch && underFloor(retention.days)) {
      warn(this, WARNINGS.SHORT_RETENTION, `${where}: flow log retention of ${retention.days} days is under the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
    }
    this.fields = [...new Set([...DEFAULT_FLOW_LOG_FIELDS, ...INVESTIGATOR_FLOW_LOG_FIELDS, ...(extraFields as string[])])];
    const logKey = encryptionKey ?? destination?.encryptionKey;
    if (cloudWatch && logKey) allowCloudWatchLogsToUseKey(logKey);
    if (cloudWatch) {
      this.logGroup = new logs.LogGroup(this, 'LogGroup', {
        retention: cloudWatchDays(retention.days) as logs.RetentionDays,
        encryptionKey: logKey,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
    destination?.allowLogDelivery();
    for (const vpc of vpcs) this.addVpc(vpc);
    if (coverScope) Aspects.of(coverScope).add(new CoverVpcs(this));
    else Aspects.of(this).add(new WarnWhenEmpty(this));
    applyTags(this, 'network-flow', false, tags);
  }

  /** How many VPCs this construct logs. */
  public get vpcCount(): number {
    return this.covered.size;
  }

  /** Log one more VPC. Idempotent per VPC. */
  public addVpc(vpc: ec2.IVpc): void {
    vpcProp(propCheck(this), 'vpc', vpc);
    this.addResource(vpc.node.id, vpc.vpcId, vpc.node.addr);
  }

  /** @internal */
  public _addCfnVpc(vpc: ec2.CfnVPC): void {
    const owner = vpc.node.scope as Construct;
    this.addResource(owner.node.id, vpc.ref, owner.node.addr, vpc);
  }

  private addResource(name: string, vpcId: string, key: string, cfnVpc?: ec2.CfnVPC): void {
    if (this.covered.has(key)) return;
    this.covered.add(key);
    const format = this.fields.map((f) => `\${${f}}`).join(' ');
    const common = {
      resourceId: vpcId,
      resourceType: 'VPC',
      trafficType: 'ALL',
      maxAggregationInterval: this.props.maxAggregationIntervalSeconds ?? 60,
      logFormat: format,
    };
    // `<id><n>` as in earlier releases; should that id be taken already (a VPC `Vpc1` first and a
    // VPC `Vpc` eleventh both give `Vpc11`), the VPC's unique address makes it distinct.
    let suffix = `${name}${this.covered.size}`;
    if (this.node.tryFindChild(`S3${suffix}`) || this.node.tryFindChild(`Cw${suffix}`)) suffix = `${suffix}-${key}`;
    if (this.props.destination) {
      const s3Log = new ec2.CfnFlowLog(this, `S3${suffix}`, {
        ...common,
        logDestinationType: 's3',
        logDestination: this.props.destination.bucketArn,
        destinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true },
      });
      if (this.props.destination.bucket.policy) s3Log.node.addDependency(this.props.destination.bucket.policy);
      if (cfnVpc) s3Log.node.addDependency(cfnVpc);
    }
    if (this.logGroup) {
      const cw = new ec2.CfnFlowLog(this, `Cw${suffix}`, {
        ...common,
        logDestinationType: 'cloud-watch-logs',
        logDestination: this.logGroup.logGroupArn,
        deliverLogsPermissionArn: this.deliveryRole().roleArn,
      });
      if (cfnVpc) cw.node.addDependency(cfnVpc);
    }
  }

  private deliveryRole(): iam.Role {
    const existing = this.node.tryFindChild('DeliveryRole');
    if (existing) return existing as iam.Role;
    const role = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
      description: 'Delivers VPC flow logs into CloudWatch Logs',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [this.logGroup!.logGroupArn, `${this.logGroup!.logGroupArn}:*`],
      }),
    );
    acknowledgeNag(role, [{ id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_POLICY_REASON }]);
    acknowledgeWildcards(role, [objectWildcardFinding(this.logGroup!, ':*')], 'Flow log delivery creates one log stream per network interface; the streams of this one log group cannot be named in advance.');
    return role;
  }
}

/** At synth, after every `addVpc`: a FlowLogs that logs no VPC says so. */
class WarnWhenEmpty implements IAspect {
  constructor(private readonly flowLogs: FlowLogs) {}
  public visit(node: IConstruct): void {
    if (node !== this.flowLogs || this.flowLogs.vpcCount > 0) return;
    warn(node, WARNINGS.WEAKENED_DEFAULT, `${node.node.path}: no VPC is logged; give vpcs or coverScope, or call addVpc.`);
  }
}

class CoverVpcs implements IAspect {
  constructor(private readonly flowLogs: FlowLogs) {}
  public visit(node: IConstruct): void {
    if (node instanceof ec2.CfnVPC) this.flowLogs._addCfnVpc(node);
  }
}
