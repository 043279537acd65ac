import { Stack } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PropKeys, WARNINGS } from '../core';
import { applyTags, warn } from './annotations';
import { evidenceBucketProp, tagsProp } from './checks';
import { EvidenceBucket } from './evidence-bucket';
import { propCheck } from './props';

/** The props of ThreatDetection: the evidence bucket its findings are exported into, and either a detector to adopt or the protections of a new one. */
export interface ThreatDetectionProps {
  /** The evidence bucket GuardDuty exports its findings into; required, refused when it is not an EvidenceBucket. */
  readonly destination: EvidenceBucket;
  /**
   * Adopt the detector that already exists in this account and region (one per region, often made
   * by an organization's delegated administrator) instead of creating one. Its features are then
   * managed where it was made; this construct only adds the findings export.
   * @default - a new detector
   */
  readonly existingDetectorId?: string;
  /** S3 protection (GuardDuty reads S3 data events); false warns. @default true */
  readonly s3ProtectionEnabled?: boolean;
  /** Runtime monitoring of EC2, ECS Fargate and EKS, with GuardDuty managing its agent; false warns. @default true */
  readonly runtimeMonitoringEnabled?: boolean;
  /** Extra tags. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

/** The props ThreatDetectionProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const THREAT_DETECTION_PROPS_KEYS = { destination: true, existingDetectorId: true, s3ProtectionEnabled: true, runtimeMonitoringEnabled: true, tags: true } as const satisfies PropKeys<ThreatDetectionProps>;

/**
 * A GuardDuty detector with S3 protection and runtime monitoring, its findings exported into an
 * EvidenceBucket (kept past GuardDuty's own 90 days), or the findings export of a detector that
 * already exists.
 */
export class ThreatDetection extends Construct {
  /** The id of the detector whose findings are exported: the adopted one, or the new detector's. */
  public readonly detectorId: string;
  /** The GuardDuty detector this construct created; undefined when an existing one was adopted. */
  public readonly detector?: guardduty.CfnDetector;
  /** The export of the detector's findings into the destination bucket, encrypted with its key. */
  public readonly publishingDestination: guardduty.CfnPublishingDestination;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    const p = check.props<ThreatDetectionProps>('props', props, THREAT_DETECTION_PROPS_KEYS, 'a ThreatDetectionProps object');
    const destination = evidenceBucketProp(check, 'destination', p.destination);
    const existingDetectorId = check.optionalString('existingDetectorId', p.existingDetectorId, {
      pattern: /^[a-z0-9]{32}$/,
      expected: 'a GuardDuty detector id of 32 lower-case letters and digits',
    });
    const s3 = check.bool('s3ProtectionEnabled', p.s3ProtectionEnabled, true);
    const runtime = check.bool('runtimeMonitoringEnabled', p.runtimeMonitoringEnabled, true);
    const tags = tagsProp(check, 'tags', p.tags);
    if (existingDetectorId !== undefined) {
      if (p.s3ProtectionEnabled !== undefined || p.runtimeMonitoringEnabled !== undefined) {
        warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: an adopted detector keeps the features set where it was made; s3ProtectionEnabled and runtimeMonitoringEnabled are ignored. Check them there.`);
      }
      this.detectorId = existingDetectorId;
    } else {
      if (!s3) warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: GuardDuty S3 protection is off; anomalous reads of training data and model artifacts are not flagged.`);
      if (!runtime) warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: GuardDuty runtime monitoring is off; a compromised library running in a training or inference container is not seen.`);
      this.detector = new guardduty.CfnDetector(this, 'Resource', {
        enable: true,
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
        features: [
          { name: 'S3_DATA_EVENTS', status: s3 ? 'ENABLED' : 'DISABLED' },
          {
            name: 'RUNTIME_MONITORING',
            status: runtime ? 'ENABLED' : 'DISABLED',
            additionalConfiguration: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'].map((name) => ({
              name,
              status: runtime ? 'ENABLED' : 'DISABLED',
            })),
          },
        ],
      });
      this.detectorId = this.detector.ref;
    }

    const stack = Stack.of(this);
    const principal = new iam.ServicePrincipal('guardduty.amazonaws.com');
    const sourceCondition = { StringEquals: { 'aws:SourceAccount': stack.account } };
    const bucket = destination.bucket;
    bucket.addToResourcePolicy(new iam.PolicyStatement({ sid: 'AllowGuardDutyGetBucketLocation', principals: [principal], actions: ['s3:GetBucketLocation'], resources: [bucket.bucketArn], conditions: sourceCondition }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({ sid: 'AllowGuardDutyPutFindings', principals: [principal], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')], conditions: sourceCondition }));
    destination.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({ sid: 'AllowGuardDutyToEncryptFindings', principals: [principal], actions: ['kms:GenerateDataKey'], resources: ['*'], conditions: sourceCondition }),
    );
    this.publishingDestination = new guardduty.CfnPublishingDestination(this, 'FindingsExport', {
      detectorId: this.detectorId,
      destinationType: 'S3',
      destinationProperties: { destinationArn: bucket.bucketArn, kmsKeyArn: destination.encryptionKey.keyArn },
    });
    // The export is verified at creation: the bucket and key policies must be in place first.
    if (bucket.policy) this.publishingDestination.node.addDependency(bucket.policy);
    applyTags(this, 'control-plane-audit', false, tags);
  }
}
