import { Aws, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BEDROCK_DATA_EVENT_TYPES, CLOUDWATCH_ROUNDED_UP, DEFAULT_RETENTION_DAYS, ForensicValidationError, PropCheck, PropKeys, Retention, WARNINGS } from '../core';
import { acknowledgeNag, applyTags, INLINE_POLICY_REASON, warn } from './annotations';
import { bucketProp, cloudWatchDays, evidenceBucketProp, keyProp, ORG_ID, tagsProp, TRAIL_NAME, underFloor } from './checks';
import { BedrockInvocationLogging } from './bedrock-invocation-logging';
import { EvidenceBucket } from './evidence-bucket';
import { allowCloudWatchLogsToUseKey } from './evidence-policy';
import { propCheck } from './props';

/** Which data events the trail records, beyond management events. */
export interface AuditTrailDataEvents {
  /** Buckets whose object-level reads and writes are recorded (training data, model artifacts). @default - none */
  readonly s3Buckets?: s3.IBucket[];
  /** Record InvokeEndpoint calls on SageMaker endpoints; false warns. @default true - every endpoint of the account */
  readonly sageMakerEndpoints?: boolean;
  /** Limit SageMaker endpoint data events to these endpoint ARNs. @default - every endpoint */
  readonly sageMakerEndpointArns?: string[];
  /** Record SageMaker Feature Store record reads and writes. @default false */
  readonly sageMakerFeatureGroups?: boolean;
  /** Record Lambda Invoke calls. @default false */
  readonly lambdaFunctions?: boolean;
  /** Record Amazon Bedrock data events (agents, knowledge bases, flows, guardrails, prompts, sessions, tools, async invocations). @default - true when the app holds a BedrockInvocationLogging, else false */
  readonly bedrock?: boolean;
}

/** The props AuditTrailDataEvents declares: unknown keys are refused (a compile error if this drifts from the interface). */
const AUDIT_TRAIL_DATA_EVENTS_KEYS = { s3Buckets: true, sageMakerEndpoints: true, sageMakerEndpointArns: true, sageMakerFeatureGroups: true, lambdaFunctions: true, bedrock: true } as const satisfies PropKeys<AuditTrailDataEvents>;

/** The props of an AuditTrail: where it delivers, its key, its CloudWatch Logs copy and retention, Insights, organization scope and the data events it records. */
export interface AuditTrailProps {
  /** The evidence bucket the trail writes into. @default - a new EvidenceBucket */
  readonly destination?: EvidenceBucket;
  /** A name for the trail; a name CloudTrail refuses (3 to 128 of letters, digits, `._-`, no two of `._-` adjacent, not an IP address) is refused. @default - generated */
  readonly trailName?: string;
  /** The KMS key of the log files. @default - the destination's key */
  readonly encryptionKey?: kms.IKey;
  /** Keep a copy in CloudWatch Logs for querying; false warns. @default true */
  readonly cloudWatchLogsEnabled?: boolean;
  /** Retention of the CloudWatch Logs copy, 1 to 3,653 days, rounded up to a value CloudWatch allows (a token passes unchanged); under 365 days warns. @default Retention.days(365) */
  readonly retention?: Retention;
  /** CloudTrail Insights on API call rate and API error rate; false warns. @default true */
  readonly insightsEnabled?: boolean;
  /** Make this an organization trail (deploy in the management or delegated admin account). @default false */
  readonly isOrganizationTrail?: boolean;
  /** The organization id (`o-` and 10 to 32 lower-case letters or digits), for the bucket policy of an organization trail; refused without isOrganizationTrail. @default - none; required with isOrganizationTrail */
  readonly orgId?: string;
  /** Data events to record. @default - SageMaker endpoint invocations only */
  readonly dataEvents?: AuditTrailDataEvents;
  /** Extra tags. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

/** The props AuditTrailProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const AUDIT_TRAIL_PROPS_KEYS = { destination: true, trailName: true, encryptionKey: true, cloudWatchLogsEnabled: true, retention: true, insightsEnabled: true, isOrganizationTrail: true, orgId: true, dataEvents: true, tags: true } as const satisfies PropKeys<AuditTrailProps>;

/** One condition of an advanced event selector, as CloudFormation spells it (`AdvancedFieldSelector`). */
export interface FieldSelector {
  /** The event field tested: `eventCategory`, `resources.type` or `resources.ARN`. */
  readonly Field: string;
  /** The field equals one of these values. @default - no Equals condition */
  readonly Equals?: string[];
  /** The field starts with one of these prefixes (the ARNs of the buckets or endpoints recorded). @default - no StartsWith condition */
  readonly StartsWith?: string[];
}

/**
 * A CloudTrail trail an investigator can rely on: every region, global service events, signed
 * digest files (log file validation), KMS, delivery into an object-locked EvidenceBucket, a
 * CloudWatch Logs copy with retention, Insights, and typed advanced event selectors for the data
 * events of an ML workload. The trail's own bucket is never among its data-event buckets: a trail
 * that records its own deliveries feeds back on itself and its bill.
 */
export class AuditTrail extends Construct {
  /** The CloudTrail trail: every region, global service events, log file validation, KMS. */
  public readonly trail: cloudtrail.Trail;
  /** The evidence bucket the trail delivers into: the one given, or the one this construct created. */
  public readonly destination: EvidenceBucket;
  /** The CloudWatch Logs copy of the trail, retained on delete; undefined when cloudWatchLogsEnabled is false. */
  public readonly logGroup?: logs.LogGroup;
  /** The advanced event selectors the trail renders. */
  public get advancedEventSelectors(): ReadonlyArray<{
    /** What the selector records, as the CloudTrail console names it. */
    Name: string;
    /** The conditions an event must meet, all of them. */
    FieldSelectors: FieldSelector[];
  }> {
    const bedrock = this.dataEvents.bedrock ?? this.node.root.node.findAll().some((n) => n instanceof BedrockInvocationLogging);
    return buildSelectors({ ...this.dataEvents, bedrock });
  }
  private dataEvents: AuditTrailDataEvents;

  constructor(scope: Construct, id: string, props: AuditTrailProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    const p = check.props<AuditTrailProps>('props', props ?? {}, AUDIT_TRAIL_PROPS_KEYS, 'an AuditTrailProps object');
    const destination = p.destination === undefined ? undefined : evidenceBucketProp(check, 'destination', p.destination);
    const trailName = check.optionalString('trailName', p.trailName, TRAIL_NAME);
    const encryptionKey = p.encryptionKey === undefined ? undefined : keyProp(check, 'encryptionKey', p.encryptionKey);
    const cloudWatchLogsEnabled = check.bool('cloudWatchLogsEnabled', p.cloudWatchLogsEnabled, true);
    const retention = check.retention('retention', p.retention, CLOUDWATCH_ROUNDED_UP, Retention.default());
    const insightsEnabled = check.bool('insightsEnabled', p.insightsEnabled, true);
    const isOrganizationTrail = check.bool('isOrganizationTrail', p.isOrganizationTrail, false);
    if (isOrganizationTrail && p.orgId === undefined) {
      check.fail('orgId', p.orgId, 'an AWS Organizations id (o-xxxxxxxxxx) when isOrganizationTrail is true');
    }
    const orgId = check.optionalString('orgId', p.orgId, ORG_ID);
    if (orgId !== undefined && !isOrganizationTrail) check.fail('orgId', orgId, 'unset unless isOrganizationTrail is true');
    const data = checkDataEvents(check, p.dataEvents);
    const tags = tagsProp(check, 'tags', p.tags);
    this.destination = destination ?? new EvidenceBucket(this, 'Evidence', { evidenceSource: 'control-plane-audit' });
    const key = encryptionKey ?? this.destination.encryptionKey;
    for (const [i, b] of (data.s3Buckets ?? []).entries()) {
      if (b === this.destination.bucket || b.bucketArn === this.destination.bucketArn) {
        check.fail(`dataEvents.s3Buckets[${i}]`, b.node.path, "a bucket other than the trail's own destination (a trail that records its own deliveries feeds back on itself)");
      }
    }

    const stack = Stack.of(this);
    allowCloudTrail(key, stack);
    if (cloudWatchLogsEnabled) {
      allowCloudWatchLogsToUseKey(key);
      this.logGroup = new logs.LogGroup(this, 'LogGroup', {
        retention: cloudWatchDays(retention.days) as logs.RetentionDays,
        encryptionKey: key,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    } else {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no CloudWatch Logs copy; investigators must query the S3 log files directly (Athena) and CloudWatch metric filters and alarms cannot see the trail.`);
    }
    if (cloudWatchLogsEnabled && underFloor(retention.days)) {
      warn(this, WARNINGS.SHORT_RETENTION, `${where}: CloudWatch Logs retention of ${retention.days} days is under the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
    }
    if (!insightsEnabled) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: CloudTrail Insights are off; unusual API call and error rates (a burst of endpoint invocations, mass reads) are not flagged.`);
    }

    this.trail = new cloudtrail.Trail(this, 'Resource', {
      trailName,
      bucket: this.destination.bucket,
      encryptionKey: key,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      sendToCloudWatchLogs: this.logGroup !== undefined,
      cloudWatchLogGroup: this.logGroup,
      insightTypes: !insightsEnabled ? undefined : [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE],
      isOrganizationTrail: isOrganizationTrail ? true : undefined,
      orgId,
    });

    this.warnNarrowedDataEvents(data);
    this.dataEvents = data;
    const cfn = this.trail.node.defaultChild as cloudtrail.CfnTrail;
    cfn.addPropertyDeletionOverride('EventSelectors');
    cfn.addPropertyOverride('AdvancedEventSelectors', Lazy.any({ produce: () => this.advancedEventSelectors }));
    this.node.addValidation({ validate: () => selectorsOutsideProps(cfn) });
    // The trail must not start before its bucket policy and key policy allow delivery.
    if (this.destination.bucket.policy) cfn.node.addDependency(this.destination.bucket.policy);
    const logsRole = this.trail.node.tryFindChild('LogsRole');
    if (logsRole) acknowledgeNag(logsRole, [{ id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_POLICY_REASON }]);
    applyTags(this, 'control-plane-audit', false, tags);
  }

  /**
   * Records the object-level reads and writes of one more bucket (S3 data events), e.g. a bucket
   * another construct of the kit creates after the trail (the InvestigationPack's query results).
   */
  public recordS3DataEvents(bucket: s3.IBucket): void {
    const check = propCheck(this);
    bucketProp(check, 'bucket', bucket);
    this.dataEvents = { ...this.dataEvents, s3Buckets: [...(this.dataEvents.s3Buckets ?? []), bucket] };
  }

  private warnNarrowedDataEvents(data: AuditTrailDataEvents): void {
    const where = this.node.path;
    if (data.sageMakerEndpoints === false) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: SageMaker endpoint data events are off; who invoked a model endpoint (InvokeEndpoint) is not recorded, and model extraction or abuse through the endpoint leaves no caller on record.`);
    }
  }

  /** The ARN of the trail. */
  public get trailArn(): string {
    return this.trail.trailArn;
  }
}

/**
 * The selectors given to the trail other than through AuditTrail's props: the L2 Trail's methods
 * write EventSelectors, and CfnTrail's advancedEventSelectors can be set, but AuditTrail renders the
 * trail's selectors itself (the deletion and property overrides above), so both would be dropped
 * from the template without a word. Read at synth, when every method has been called; the
 * framework names the construct path before each message.
 */
function selectorsOutsideProps(cfn: cloudtrail.CfnTrail): string[] {
  const stack = Stack.of(cfn);
  const given = (v: unknown): unknown => {
    const resolved = stack.resolve(v);
    return resolved === undefined || (Array.isArray(resolved) && resolved.length === 0) ? undefined : resolved;
  };
  const errors: string[] = [];
  const basic = given(cfn.eventSelectors);
  if (basic !== undefined) {
    const prop = 'trail event selectors (trail.addS3EventSelector, logAllS3DataEvents, addLambdaEventSelector, logAllLambdaDataEvents, addEventSelector)';
    errors.push(new ForensicValidationError(prop, basic, `absent: AuditTrail writes the trail's AdvancedEventSelectors itself, so these would be dropped; record buckets with dataEvents.s3Buckets or recordS3DataEvents(bucket) and Lambda with dataEvents.lambdaFunctions`).message);
  }
  const advanced = given(cfn.advancedEventSelectors);
  if (advanced !== undefined) {
    errors.push(new ForensicValidationError('CfnTrail advancedEventSelectors', advanced, `absent: AuditTrail writes the trail's AdvancedEventSelectors itself from its props (dataEvents, recordS3DataEvents), so these would be dropped`).message);
  }
  return errors;
}

function checkDataEvents(check: PropCheck, value: unknown): AuditTrailDataEvents {
  if (value === undefined) return {};
  const data = check.props<AuditTrailDataEvents>('dataEvents', value, AUDIT_TRAIL_DATA_EVENTS_KEYS, 'an AuditTrailDataEvents object');
  const s3Buckets = check.list<unknown>('dataEvents.s3Buckets', data.s3Buckets, { unique: true, expected: 'a list of s3.IBucket' }, []).map((b, i) => bucketProp(check, `dataEvents.s3Buckets[${i}]`, b));
  const sageMakerEndpoints = check.bool('dataEvents.sageMakerEndpoints', data.sageMakerEndpoints, true);
  const arns = check.list<unknown>('dataEvents.sageMakerEndpointArns', data.sageMakerEndpointArns, { unique: true, expected: 'a list of SageMaker endpoint ARNs' }, []);
  const sageMakerEndpointArns = arns.map((a, i) => check.string(`dataEvents.sageMakerEndpointArns[${i}]`, a, ENDPOINT_ARN));
  if (!sageMakerEndpoints && sageMakerEndpointArns.length > 0) {
    check.fail('dataEvents.sageMakerEndpointArns', sageMakerEndpointArns, 'unset when sageMakerEndpoints is false (no endpoint data events are recorded)');
  }
  return {
    s3Buckets,
    sageMakerEndpoints,
    sageMakerEndpointArns: data.sageMakerEndpointArns === undefined ? undefined : sageMakerEndpointArns,
    sageMakerFeatureGroups: check.bool('dataEvents.sageMakerFeatureGroups', data.sageMakerFeatureGroups, false),
    lambdaFunctions: check.bool('dataEvents.lambdaFunctions', data.lambdaFunctions, false),
    bedrock: data.bedrock === undefined ? undefined : check.bool('dataEvents.bedrock', data.bedrock, false),
  };
}

/** A SageMaker endpoint ARN (or an ARN prefix of one): `arn:<partition>:sagemaker:<region>:<account>:endpoint/<name>`. */
const ENDPOINT_ARN = {
  pattern: /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:\d{12}:endpoint\/[a-zA-Z0-9-]*$/,
  expected: 'a SageMaker endpoint ARN (arn:aws:sagemaker:<region>:<account>:endpoint/<name>)',
};

function buildSelectors(data: AuditTrailDataEvents): Array<{ Name: string; FieldSelectors: FieldSelector[] }> {
  const dataEvent = (type: string, arns?: string[]): FieldSelector[] => [
    { Field: 'eventCategory', Equals: ['Data'] },
    { Field: 'resources.type', Equals: [type] },
    ...(arns && arns.length > 0 ? [{ Field: 'resources.ARN', StartsWith: arns }] : []),
  ];
  const selectors: Array<{ Name: string; FieldSelectors: FieldSelector[] }> = [{ Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }];
  const buckets = data.s3Buckets ?? [];
  if (buckets.length > 0) {
    selectors.push({ Name: 'S3 object reads and writes on ML data buckets', FieldSelectors: dataEvent('AWS::S3::Object', buckets.map((b) => `${b.bucketArn}/`)) });
  }
  if (data.sageMakerEndpoints !== false) {
    selectors.push({ Name: 'SageMaker endpoint invocations', FieldSelectors: dataEvent('AWS::SageMaker::Endpoint', data.sageMakerEndpointArns) });
  }
  if (data.sageMakerFeatureGroups) {
    selectors.push({ Name: 'SageMaker Feature Store records', FieldSelectors: dataEvent('AWS::SageMaker::FeatureGroup') });
  }
  if (data.lambdaFunctions) {
    selectors.push({ Name: 'Lambda invocations', FieldSelectors: dataEvent('AWS::Lambda::Function') });
  }
  if (data.bedrock) {
    for (const type of BEDROCK_DATA_EVENT_TYPES) {
      selectors.push({ Name: `Bedrock ${type.split('::')[2]} calls`, FieldSelectors: dataEvent(type) });
    }
  }
  return selectors;
}

function allowCloudTrail(key: kms.IKey, stack: Stack): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToEncryptLogs',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${stack.account}:trail/*` } },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToDescribeKey',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
    }),
  );
}
