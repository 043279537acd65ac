import { Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag, AuditTrail, ConfigurationHistory, DnsQueryLogs, EvidenceBucket, InvestigationPack, SageMakerAudit, ThreatDetection } from '../constructs/aws';

/** The workload evidence the account's investigation pack queries beside the trail. */
export interface WorkloadEvidence {
  /** The bucket the VPC flow logs are delivered into. */
  readonly flowLogsBucket: s3.IBucket;
  /** The VPC's Route 53 Resolver query logging. */
  readonly dnsQueryLogs: DnsQueryLogs;
  /** The SageMaker data capture of the workload. */
  readonly sageMakerAudit: SageMakerAudit;
}

export interface ForensicReadinessStackProps extends StackProps {
  /** Buckets whose object-level access the trail records (training data, model artifacts). @default - none */
  readonly dataBuckets?: s3.IBucket[];
  /** Limit SageMaker endpoint data events to these endpoints. @default - every endpoint of the account */
  readonly sageMakerEndpointArns?: string[];
  /** The workload evidence the investigation pack queries beside the trail. @default - the pack queries the trail only */
  readonly workloadEvidence?: WorkloadEvidence;
}

/**
 * The account-level evidence of one AWS account: an object-locked evidence bucket, a multi-region
 * CloudTrail trail with the data events of the ML workload, GuardDuty with its findings kept in
 * the evidence bucket, and AWS Config's configuration history replicated into it.
 * Environment-agnostic: it synthesizes with no account.
 */
export class ForensicReadinessStack extends Stack {
  public readonly evidence: EvidenceBucket;
  public readonly trail: AuditTrail;
  public readonly threatDetection: ThreatDetection;
  /** AWS Config: every supported resource type recorded, its history and snapshots replicated into the evidence bucket. */
  public readonly configurationHistory: ConfigurationHistory;
  public readonly investigationPack: InvestigationPack;

  constructor(scope: Construct, id: string, props: ForensicReadinessStackProps = {}) {
    super(scope, id, props);
    this.evidence = new EvidenceBucket(this, 'Evidence', { evidenceSource: 'control-plane-audit' });
    this.trail = new AuditTrail(this, 'Trail', {
      destination: this.evidence,
      dataEvents: { s3Buckets: props.dataBuckets, sageMakerEndpoints: true, sageMakerEndpointArns: props.sageMakerEndpointArns },
    });
    this.threatDetection = new ThreatDetection(this, 'ThreatDetection', { destination: this.evidence });
    this.configurationHistory = new ConfigurationHistory(this, 'ConfigurationHistory', { destination: this.evidence });
    // The questions of an investigation, deployed beside the evidence they read (Athena, Logs Insights).
    this.investigationPack = new InvestigationPack(this, 'InvestigationPack', { trail: this.trail, ...props.workloadEvidence });
    acknowledgeNag(this.evidence.bucket, [
      { id: 'NIST.800.53.R5-S3BucketReplicationEnabled', reason: 'The reference stack is single-region and environment-agnostic, so it has no second destination; set EvidenceBucket.replication in a multi-region deployment.' },
    ]);
  }
}
