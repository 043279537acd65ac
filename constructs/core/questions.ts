/**
 * The question catalog: what an investigator of the kit's three incidents asks first, named once
 * for the three clouds. The query packs (queries/<cloud>/<id>.sql|.kql) answer these questions
 * over the evidence the constructs make the clouds write, with exactly the answer columns named
 * here, so the offline investigation reads the same shape.
 *
 * Each question says, per cloud, whether that cloud records the answer and with what caveat: an
 * answer the cloud does not record is never presented as one.
 */
import { EvidenceSourceId } from './evidence-sources';

/** The ids of the questions. */
export type QuestionId =
  | 'endpoint-callers'
  | 'endpoint-volume'
  | 'principal-activity'
  | 'credential-origin'
  | 'data-writes'
  | 'data-reads'
  | 'ml-jobs-using-data'
  | 'evidence-tampering'
  | 'network-egress';

/** The incidents of MAPPINGS: the scenario ids of the readiness report. */
export type IncidentId = 'model-exfiltration-sagemaker' | 'training-data-poisoning-azure' | 'compromised-ml-library';

/** The three clouds. */
export type QuestionCloud = 'aws' | 'gcp' | 'azure';

/** One parameter of a question, in the order a prepared statement binds it. */
export interface QuestionParameter {
  /** Its name (`endpointName`). */
  readonly name: string;
  /** What it holds, for the query header and the docs. */
  readonly description: string;
  /** `string` or an ISO 8601 `timestamp`. */
  readonly type: 'string' | 'timestamp';
}

/** Whether and how one cloud records a question's answer. */
export interface CloudAnswer {
  /** `recorded`: the cloud records it; `where-recorded`: only in some cases (see caveat); `not-recorded`. */
  readonly status: 'recorded' | 'where-recorded' | 'not-recorded';
  /** What the investigator must know about this answer on this cloud. */
  readonly caveat?: string;
  /**
   * Further queries that answer the question on this cloud from other evidence, with the same
   * parameters and columns: `queries/<cloud>/<query>.<ext>`, deployed beside the main one.
   * @default - only the query named after the question
   */
  readonly alternatives?: readonly AlternativeQuery[];
}

/** A second query of one question on one cloud, over other evidence than the main one. */
export interface AlternativeQuery {
  /** Its file name without extension, the question id and a suffix (`endpoint-volume-capture`). */
  readonly query: string;
  /** The evidence source it reads. */
  readonly source: EvidenceSourceId;
  /** What it answers and what it cannot. */
  readonly caveat: string;
}

/** One question of the catalog. */
export interface Question {
  /** The stable id, the file name of its queries. */
  readonly id: QuestionId;
  /** The question, as the investigator asks it. */
  readonly title: string;
  /** The incidents it serves. */
  readonly incidents: readonly IncidentId[];
  /** The evidence sources that hold the answer. */
  readonly sources: readonly EvidenceSourceId[];
  /** Its parameters, in binding order. */
  readonly parameters: readonly QuestionParameter[];
  /** The columns of every answer, in every cloud, in this order. */
  readonly columns: readonly string[];
  /** Per cloud, whether the cloud records the answer. */
  readonly clouds: Readonly<Record<QuestionCloud, CloudAnswer>>;
}

const WINDOW: readonly QuestionParameter[] = [
  { name: 'from', description: 'start of the window, ISO 8601 (2026-11-30T00:00:00Z)', type: 'timestamp' },
  { name: 'to', description: 'end of the window, ISO 8601, exclusive', type: 'timestamp' },
];

/** The catalog, in the order the report lists the questions. */
export const QUESTIONS: readonly Question[] = [
  {
    id: 'endpoint-callers',
    title: 'Who invoked the model endpoint, with which credentials, from where?',
    incidents: ['model-exfiltration-sagemaker'],
    sources: ['ml-inference', 'control-plane-audit'],
    parameters: [{ name: 'endpointName', description: 'the endpoint name', type: 'string' }, ...WINDOW],
    columns: ['cloud', 'principal', 'credentialId', 'sourceIp', 'userAgent', 'firstSeen', 'lastSeen', 'count'],
    clouds: {
      aws: {
        status: 'where-recorded',
        caveat:
          'CloudTrail records InvokeEndpoint only as a data event on AWS::SageMaker::Endpoint, and AWS documents which invoke calls it logs inconsistently; volume and timing are also answered from data capture and the endpoint invocation metrics, which exist in every case.',
      },
      gcp: { status: 'recorded', caveat: 'Vertex AI predict calls are DATA_READ audit logs on aiplatform.googleapis.com: on only when Data Access logs are enabled.' },
      azure: { status: 'where-recorded', caveat: 'AmlOnlineEndpointTrafficLog records each request when the endpoint diagnostic setting exists, but has no client address column, and a request authenticated with an endpoint key carries no identity (only the kind of credential).' },
    },
  },
  {
    id: 'endpoint-volume',
    title: 'How many invocations did each principal make per hour, and which hours stand out?',
    incidents: ['model-exfiltration-sagemaker'],
    sources: ['ml-inference'],
    parameters: [{ name: 'endpointName', description: 'the endpoint name', type: 'string' }, ...WINDOW],
    columns: ['cloud', 'principal', 'hour', 'count', 'outlier'],
    clouds: {
      aws: {
        status: 'where-recorded',
        caveat: 'Per principal only where CloudTrail records the invoke calls; data capture gives the volume per hour without the caller.',
        alternatives: [{ query: 'endpoint-volume-capture', source: 'ml-inference', caveat: 'From SageMaker data capture: every captured request per hour, with no caller (principal is empty); the Invocations metric of the endpoint gives the same hours in CloudWatch.' }],
      },
      gcp: { status: 'recorded' },
      azure: { status: 'recorded' },
    },
  },
  {
    id: 'principal-activity',
    title: 'What did this principal do in the window?',
    incidents: ['model-exfiltration-sagemaker', 'training-data-poisoning-azure', 'compromised-ml-library'],
    sources: ['control-plane-audit', 'storage-data-access', 'ml-inference'],
    parameters: [{ name: 'principal', description: 'the principal (role or user ARN, service account e-mail, object id)', type: 'string' }, ...WINDOW],
    columns: ['cloud', 'time', 'principal', 'credentialId', 'sourceIp', 'userAgent', 'action', 'target', 'outcome'],
    clouds: { aws: { status: 'recorded' }, gcp: { status: 'recorded' }, azure: { status: 'recorded' } },
  },
  {
    id: 'credential-origin',
    title: 'How did this principal get its credentials (sign-in, role assumption, token exchange, key creation)?',
    incidents: ['model-exfiltration-sagemaker', 'training-data-poisoning-azure', 'compromised-ml-library'],
    sources: ['control-plane-audit', 'identity-sign-in'],
    parameters: [{ name: 'principal', description: 'the principal whose credentials are traced', type: 'string' }, ...WINDOW],
    columns: ['cloud', 'time', 'principal', 'action', 'sourcePrincipal', 'credentialId', 'sourceIp', 'userAgent'],
    clouds: {
      aws: { status: 'recorded', caveat: 'AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken and CreateAccessKey are management events; the session named by the caller links each step.' },
      gcp: { status: 'recorded', caveat: 'Service-account key creation is Admin Activity; GenerateAccessToken (impersonation) is a Data Access log of iamcredentials.googleapis.com.' },
      azure: { status: 'recorded', caveat: 'Sign-ins are Entra ID logs (SigninLogs, service principal and managed identity sign-ins): exported only when the Entra diagnostic setting exists.' },
    },
  },
  {
    id: 'data-writes',
    title: 'Who wrote, overwrote or deleted objects in this location?',
    incidents: ['training-data-poisoning-azure', 'compromised-ml-library'],
    sources: ['storage-data-access'],
    parameters: [{ name: 'location', description: 'the bucket or container and prefix (bucket/prefix)', type: 'string' }, ...WINDOW],
    columns: ['cloud', 'time', 'principal', 'credentialId', 'sourceIp', 'action', 'object', 'outcome'],
    clouds: { aws: { status: 'recorded', caveat: 'S3 data events on the bucket must be selected by the trail.' }, gcp: { status: 'recorded' }, azure: { status: 'recorded' } },
  },
  {
    id: 'data-reads',
    title: 'Who read objects in this location?',
    incidents: ['model-exfiltration-sagemaker', 'training-data-poisoning-azure'],
    sources: ['storage-data-access'],
    parameters: [{ name: 'location', description: 'the bucket or container and prefix (bucket/prefix)', type: 'string' }, ...WINDOW],
    columns: ['cloud', 'time', 'principal', 'credentialId', 'sourceIp', 'action', 'object', 'outcome'],
    clouds: { aws: { status: 'recorded', caveat: 'S3 data events on the bucket must be selected by the trail.' }, gcp: { status: 'recorded' }, azure: { status: 'recorded' } },
  },
  {
    id: 'ml-jobs-using-data',
    title: 'Which training jobs, pipelines or runs read this location in the window?',
    incidents: ['training-data-poisoning-azure', 'compromised-ml-library'],
    sources: ['ml-training-lifecycle', 'control-plane-audit'],
    parameters: [{ name: 'location', description: 'the data location the jobs read', type: 'string' }, ...WINDOW],
    columns: ['cloud', 'time', 'job', 'principal', 'action', 'dataLocation'],
    clouds: {
      aws: { status: 'recorded', caveat: 'CreateTrainingJob and CreateProcessingJob carry their input locations in the request parameters.' },
      gcp: { status: 'recorded' },
      azure: { status: 'where-recorded', caveat: 'No Azure ML table records which storage a job reads: AmlDataSetEvent names the datasets accessed (without a run id), and the runs and jobs active at that time are listed as candidates, an overlap in time rather than proof.' },
    },
  },
  {
    id: 'evidence-tampering',
    title: 'Did anyone stop or narrow logging, or change an evidence store?',
    incidents: ['model-exfiltration-sagemaker', 'training-data-poisoning-azure', 'compromised-ml-library'],
    sources: ['control-plane-audit', 'evidence-immutability', 'log-integrity'],
    parameters: WINDOW,
    columns: ['cloud', 'time', 'principal', 'sourceIp', 'action', 'target', 'outcome'],
    clouds: { aws: { status: 'recorded' }, gcp: { status: 'recorded' }, azure: { status: 'recorded' } },
  },
  {
    id: 'network-egress',
    title: 'What left the network from the workload, to which addresses and names?',
    incidents: ['compromised-ml-library'],
    sources: ['network-flow', 'dns'],
    parameters: [{ name: 'source', description: 'the network interface, subnet or instance the workload ran on', type: 'string' }, ...WINDOW],
    columns: ['cloud', 'source', 'sourceAddress', 'destinationAddress', 'destinationPort', 'protocol', 'dnsName', 'firstSeen', 'lastSeen', 'flows'],
    clouds: {
      aws: { status: 'recorded', caveat: 'VPC flow logs record accepted and rejected flows per interface; Route 53 Resolver query logs give the names.' },
      gcp: { status: 'recorded', caveat: 'VPC flow logs are sampled (the kit sets 100 %); Cloud DNS logging gives the names.' },
      azure: { status: 'recorded', caveat: 'Network Watcher flow logs and traffic analytics are aggregated flows, not single connections; VNet DNS queries are not recorded by the kit (see docs/limits.md).' },
    },
  },
];

/**
 * The name a pack deploys a question under (Athena prepared statement, BigQuery table function,
 * Log Analytics function alias): the id with underscores (`endpoint_callers`).
 */
export function deployedQueryName(id: QuestionId | AlternativeQuery['query']): string {
  return id.replace(/-/g, '_');
}

/** One question by id. */
export function question(id: QuestionId): Question {
  const q = QUESTIONS.find((x) => x.id === id);
  if (!q) throw new Error(`unknown question ${id}`);
  return q;
}
