import { deepFreeze } from './freeze';
/**
 * The catalog of evidence sources: what an investigator of an AI/ML incident needs, named once
 * for the three clouds. Constructs tag what they record with these ids; rules name the source
 * they protect; the report's coverage matrix has a row per source.
 */
export type EvidenceSourceId =
  | 'control-plane-audit'
  | 'storage-data-access'
  | 'ml-inference'
  | 'ml-training-lifecycle'
  | 'model-registry'
  | 'network-flow'
  | 'dns'
  | 'identity-sign-in'
  | 'configuration-history'
  | 'evidence-immutability'
  | 'log-integrity';

/** One evidence source of the catalog: the question it answers and where the kit captures it in each cloud. */
export interface EvidenceSource {
  /** The id constructs tag with and rules name. */
  readonly id: EvidenceSourceId;
  /** Its name in the report and the README (`Control-plane audit`). */
  readonly title: string;
  /** The question this evidence answers for an investigator. */
  readonly answers: string;
  /** Where the kit captures it, per cloud. Text for the report and README. */
  readonly aws: string;
  /** Where the kit captures it in GCP, or what GCP lacks. */
  readonly gcp: string;
  /** Where the kit captures it in Azure, or what Azure lacks. */
  readonly azure: string;
}

/** Every evidence source, in the order of the rows of the report's coverage matrix. */
export const EVIDENCE_SOURCES: readonly EvidenceSource[] = [
  {
    id: 'control-plane-audit',
    title: 'Control-plane audit',
    answers: 'Who created, changed or deleted which cloud resource, when, from where, with which credentials.',
    aws: 'CloudTrail management events (multi-region, global services)',
    gcp: 'Cloud Audit Logs: Admin Activity (always on) and ADMIN_READ, routed by a log sink',
    azure: 'Activity Log, exported by a subscription diagnostic setting',
  },
  {
    id: 'storage-data-access',
    title: 'Storage data access',
    answers: 'Who read, wrote or deleted which object (training data, model artifacts), when.',
    aws: 'CloudTrail S3 data events on the data buckets; S3 server access logs',
    gcp: 'Data Access audit logs (DATA_READ, DATA_WRITE) for storage.googleapis.com',
    azure: 'Blob service diagnostic settings: StorageRead, StorageWrite, StorageDelete',
  },
  {
    id: 'ml-inference',
    title: 'ML inference',
    answers: 'Who invoked which model endpoint, how often, with which inputs, and what it returned.',
    aws: 'SageMaker endpoint data capture (inputs and outputs); CloudTrail data events on AWS::SageMaker::Endpoint',
    gcp: 'Vertex AI Data Access logs; endpoint request-response logging to BigQuery',
    azure: 'Online endpoint diagnostic logs (traffic, console, events)',
  },
  {
    id: 'ml-training-lifecycle',
    title: 'ML training and job lifecycle',
    answers: 'Which training or pipeline job ran, on which data, with which code and identity.',
    aws: 'CloudTrail management events for SageMaker (CreateTrainingJob, CreateProcessingJob, ...)',
    gcp: 'Admin Activity and Data Access logs for aiplatform.googleapis.com',
    azure: 'Azure ML workspace diagnostic logs (AmlComputeJobEvent, AmlRunStatusChangedEvent, ...)',
  },
  {
    id: 'model-registry',
    title: 'Model registry',
    answers: 'Who registered, changed or deployed which model version.',
    aws: 'CloudTrail management events for SageMaker model packages and models; S3 data events on model artifacts',
    gcp: 'Audit logs for aiplatform.googleapis.com model uploads and deployments',
    azure: 'Azure ML workspace and registry diagnostic logs',
  },
  {
    id: 'network-flow',
    title: 'Network flow',
    answers: 'What crossed the network: which workload talked to which address, how much, accepted or rejected.',
    aws: 'VPC flow logs (ALL traffic, 60 s, extended fields)',
    gcp: 'VPC flow logs (5 s, sampling 1.0, all metadata), firewall rule logs, Cloud NAT logs',
    azure: 'VNet flow logs (version 2) with traffic analytics',
  },
  {
    id: 'dns',
    title: 'DNS queries',
    answers: 'Which names a workload resolved: exfiltration endpoints, command and control, package mirrors.',
    aws: 'Route 53 Resolver query logs',
    gcp: 'Cloud DNS policy logging',
    azure: 'Not captured by a platform log in every VNet: DNS security policy or Azure Firewall DNS proxy logs are needed',
  },
  {
    id: 'identity-sign-in',
    title: 'Identity sign-in',
    answers: 'Who signed in, as which identity, from where, with which credential (user, service principal, managed identity).',
    aws: 'CloudTrail sign-in and STS events (ConsoleLogin, AssumeRole*, GetFederationToken)',
    gcp: 'Audit logs of iam.googleapis.com and sts.googleapis.com; Cloud Identity logs at organization scope',
    azure: 'Entra ID sign-in logs (interactive, non-interactive, service principal, managed identity) and audit logs',
  },
  {
    id: 'configuration-history',
    title: 'Configuration history',
    answers: 'What a resource looked like before, during and after the incident, and which change made it so (policies, buckets, keys, endpoints, notebooks).',
    aws: 'AWS Config recorder (every supported resource type, global IAM types included, continuously) delivering history files and snapshots into a staging bucket replicated into the locked evidence store',
    gcp: 'Cloud Asset Inventory feeds (resources and IAM policies) into Pub/Sub, written into the locked evidence bucket',
    azure: 'Activity Log records each change (operation, caller, status), not the resulting properties; Resource Graph change history keeps them 14 days, with no azurerm resource to export it',
  },
  {
    id: 'evidence-immutability',
    title: 'Evidence immutability',
    answers: 'Can the investigator show that no record was altered or deleted since it was written.',
    aws: 'S3 Object Lock in COMPLIANCE mode with a default retention, versioning, deny-policy on lock changes',
    gcp: 'Locked GCS retention policies and locked Cloud Logging buckets',
    azure: 'Locked Blob immutability policies, versioning, change feed, CanNotDelete locks',
  },
  {
    id: 'log-integrity',
    title: 'Log integrity',
    answers: 'Can the investigator prove a log file is complete and unmodified (digests, signatures, chain of custody).',
    aws: 'CloudTrail log file validation (signed digest files), KMS encryption',
    gcp: 'Logs routed into locked storage; no signed digests exist in GCP (say so)',
    azure: 'Logs written into locked immutable storage; no signed digests exist in Azure Monitor (say so)',
  },
];

/** Look up one source by id; throws on an unknown id (a typo in a rule must not pass silently). */
export function evidenceSource(id: EvidenceSourceId): EvidenceSource {
  const found = EVIDENCE_SOURCES.find((s) => s.id === id);
  if (!found) throw new Error(`unknown evidence source ${id}`);
  return found;
}

// Frozen: a caller cannot change the kit's catalogs (and so its defaults) at runtime.
deepFreeze(EVIDENCE_SOURCES);
