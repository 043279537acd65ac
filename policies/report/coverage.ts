import { EVIDENCE_SOURCES, EvidenceSourceId } from '../../constructs/core/evidence-sources';
import { EvidenceContext, describeContext, orgTrailRecordsBucket } from '../engine/context';
import { ResourceModel } from '../engine/model';
import { RunResult } from '../engine/runner';
import { Cloud, Finding, Resource } from '../engine/types';
import { StoreFacts, storeFacts, storesIn } from '../facts';
import { asBool, bucketName, isDataBucket, storesWrittenBy } from '../facts/aws/evidence';
import { sdkCall } from '../facts/aws/sdk-calls';
import { FEED_TYPES, feedDelivery } from '../facts/gcp/assets';
import { AUDIT_LOG_ID, NETWORK_LOG_IDS, sinkRoutesLog } from '../facts/gcp/routing';
import { firehoseBucket, subscriptionDestination, subscriptionsOf } from '../facts/aws/subscriptions';
import { SAGEMAKER_JOB_LOG_GROUPS, SAGEMAKER_STUDIO_LOG_GROUP } from '../../constructs/core/sagemaker-log-groups';

/** A cloud with a column in the coverage matrix. */
export type CoverageCloud = Exclude<Cloud, 'other'>;
/** The columns of the coverage matrix, in order. */
export const COVERAGE_CLOUDS: readonly CoverageCloud[] = ['aws', 'gcp', 'azure'];

/**
 * - `captured`: recorded, into a store locked for a known retention, with no finding against it;
 * - `weakened`: recorded, but a finding weakens it, no store it lands in is locked, or a lock is
 *   unknown or disputed by a finding;
 * - `declared`: the checked templates do not record it, and the evidence context declares evidence
 *   produced outside them that does (an organization trail, central flow-log or DNS-log
 *   collection, a central COMPLIANCE-locked store): taken as stated, never checked;
 * - `missing`: the cloud can record it, the checked templates do not, and no declaration covers it;
 * - `unavailable`: the cloud has no service that records it (said honestly, never a pass);
 * - `not-checked`: no template of that cloud was among the inputs.
 */
export type CoverageStatus = 'captured' | 'weakened' | 'declared' | 'missing' | 'unavailable' | 'not-checked';

/** How one cloud records one evidence source in the checked templates. */
export interface CoverageCell {
  /** Whether and how well it is recorded. */
  readonly status: CoverageStatus;
  /** What records it: `AWS::CloudTrail::Trail Trail1234 (CloudTrail management events)`. */
  readonly capturedBy: readonly {
    /** The address of the resource that records it. */
    readonly address: string;
    /** Its resource type. */
    readonly type: string;
    /** Its file, as reports show it. */
    readonly file: string;
    /** The way it records it: `CloudTrail management events`. */
    readonly what: string;
  }[];
  /** Where it is kept, each store with its own retention and immutability. */
  readonly storedIn: readonly StoreFacts[];
  /**
   * Whether a copy nobody can alter is kept: `locked` (a store is locked with a known retention),
   * `unknown` (no store is, and the lock or the retention of one is not resolvable), `not-locked`.
   */
  readonly immutability: 'locked' | 'unknown' | 'not-locked';
  /** Whether a store is locked with a known retention: immutability `locked`. */
  readonly immutable: boolean;
  /**
   * Days the locked copy is kept at least: the shortest retention among the stores of `lockedIn`
   * (Infinity: never expires); null unless immutability is `locked`. Never the retention of a
   * store that is not locked: that is `mutableRetention`.
   */
  readonly retentionDays: number | null;
  /** The addresses of the locked stores, with a known retention, that `retentionDays` describes. */
  readonly lockedIn: readonly string[];
  /**
   * The longest known retention among the stores that are not locked (ordinary permissions, or a
   * privileged principal, can alter or delete what they hold), with that store; null when none has one.
   */
  readonly mutableRetention: {
    /** Its retention, in days. */
    readonly days: number;
    /** The store's address. */
    readonly store: string;
  } | null;
  /**
   * The addresses of the stores whose lock or retention is not resolvable (a lock whose retention
   * is known only at deploy included), or that a rule judging locks finds UNKNOWN.
   */
  readonly unknownIn: readonly string[];
  /**
   * The addresses of the stores their facts read as locked, whose lock a rule judging locks finds
   * NON_COMPLIANT (on the store, or on what writes into it): never counted locked. In `storedIn`
   * they and the stores of `unknownIn` read `unknown`.
   */
  readonly disputedIn: readonly string[];
  /**
   * Ids (`ruleId@file#address`) of the findings that weaken this cell: those of the rules of this
   * source, and every finding (NON_COMPLIANT or UNKNOWN, whatever source its rule judges) on a
   * resource that records it or a store it lands in.
   */
  readonly findings: readonly string[];
  /**
   * The lines of the evidence context (as every report states them) that declare this source
   * recorded outside the checked templates; empty when no declaration covers it.
   */
  readonly declaredBy: readonly string[];
  /** What the cloud cannot do, or what the status means here. */
  readonly note?: string;
}

/** One evidence source, cloud by cloud. */
export interface CoverageRow {
  /** The id of the evidence source. */
  readonly source: EvidenceSourceId;
  /** Its title. */
  readonly title: string;
  /** The question it answers for an investigator. */
  readonly answers: string;
  /** Its cell in each cloud. */
  readonly cells: Record<CoverageCloud, CoverageCell>;
}

/** The coverage matrix: what evidence the checked templates record, per evidence source and cloud. */
export interface CoverageMatrix {
  /** Its columns. */
  readonly clouds: readonly CoverageCloud[];
  /** A row per evidence source, in the order of EVIDENCE_SOURCES. */
  readonly rows: readonly CoverageRow[];
}

/** One way a cloud records an evidence source: which resources, and where they write. */
interface Producer {
  readonly what: string;
  readonly types: readonly string[];
  /** Whether this resource records the source; a missing predicate means every resource of the types does. */
  readonly records?: (model: ResourceModel, r: Resource) => boolean;
  /** The stores the resource writes into. */
  readonly stores: (model: ResourceModel, r: Resource) => Resource[];
}

/** The finding id reports link to. */
export function findingId(f: Pick<Finding, 'ruleId' | 'file' | 'address'>): string {
  return `${f.ruleId}@${f.file}#${f.address}`;
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const isTrue = (v: unknown) => v === true || v === 'true';

// ---- AWS ----
function trailSelectors(model: ResourceModel, trail: Resource): { management: boolean; dataTypes: Set<string> } {
  const advanced = arr(model.get(trail, 'AdvancedEventSelectors'));
  const basic = arr(model.get(trail, 'EventSelectors'));
  const dataTypes = new Set<string>();
  let management = advanced.length === 0 && basic.length === 0;
  for (const s of advanced) {
    const fields = arr((s as Record<string, unknown>)?.FieldSelectors) as Record<string, unknown>[];
    const category = fields.find((f) => f?.Field === 'eventCategory');
    const types = fields.find((f) => f?.Field === 'resources.type');
    if (arr(category?.Equals).includes('Management')) management = true;
    for (const t of arr(types?.Equals)) if (typeof t === 'string') dataTypes.add(t);
  }
  for (const s of basic) {
    const sel = s as Record<string, unknown>;
    if (sel?.IncludeManagementEvents !== false && sel?.IncludeManagementEvents !== 'false') management = true;
    for (const d of arr(sel?.DataResources)) {
      const t = (d as Record<string, unknown>)?.Type;
      if (typeof t === 'string') dataTypes.add(t);
    }
  }
  return { management, dataTypes };
}
// AWS stores are the ones the rules' evidence index links each producer to (policies/facts/aws/evidence.ts).
const trailStores = (model: ResourceModel, t: Resource) => storesWrittenBy(model, t, 'CloudTrail trail');
const trailManagement = (what: string): Producer => ({ what, types: ['AWS::CloudTrail::Trail'], records: (m, t) => trailSelectors(m, t).management, stores: trailStores });
const trailData = (what: string, type: string): Producer => ({ what, types: ['AWS::CloudTrail::Trail'], records: (m, t) => trailSelectors(m, t).dataTypes.has(type), stores: trailStores });

// ---- GCP ----
const SINKS = ['google_logging_project_sink', 'google_logging_folder_sink', 'google_logging_organization_sink', 'google_logging_billing_account_sink'];
const AUDIT_CONFIGS = ['google_project_iam_audit_config', 'google_folder_iam_audit_config', 'google_organization_iam_audit_config'];
/** Sinks that route logs whose name contains `token` (an empty filter routes everything), and their stores. */
/** The stores of the enabled sinks whose filter and exclusions let every entry of the log `logId` through (as the rules read them). */
function sinksRouting(model: ResourceModel, logId: string): Resource[] {
  const out: Resource[] = [];
  for (const sink of model.ofType(...SINKS)) {
    if (model.get(sink, 'disabled') === true) continue;
    if (sinkRoutesLog(model, sink, logId) === 'routed') out.push(...storesIn(model, sink.properties.destination, sink));
  }
  return out;
}
function auditLogTypes(model: ResourceModel, r: Resource): Set<string> {
  return new Set(arr(model.get(r, 'audit_log_config')).map((c) => (c as Record<string, unknown>)?.log_type).filter((t): t is string => typeof t === 'string'));
}
const auditFor = (what: string, services: string[], logTypes: string[]): Producer => ({
  what,
  types: AUDIT_CONFIGS,
  records: (m, r) => {
    const service = m.get(r, 'service');
    const types = auditLogTypes(m, r);
    return (service === 'allServices' || services.includes(String(service))) && logTypes.every((t) => types.has(t));
  },
  stores: (m) => sinksRouting(m, AUDIT_LOG_ID('data_access')),
});

// ---- Azure ----
function diagnosticTarget(model: ResourceModel, d: Resource): { id: string; targets: Resource[] } {
  const raw = d.properties.target_resource_id;
  const resolved = model.resolve(raw, d);
  return { id: typeof resolved === 'string' ? resolved : typeof raw === 'string' ? raw : '', targets: model.targets(raw, d) };
}
function diagnosticCategories(model: ResourceModel, d: Resource): Set<string> {
  const out = new Set<string>();
  for (const block of [...arr(model.get(d, 'enabled_log')), ...arr(model.get(d, 'log'))]) {
    const b = block as Record<string, unknown>;
    if (b?.enabled === false) continue;
    if (typeof b?.category === 'string') out.add(b.category);
    if (typeof b?.category_group === 'string') out.add(`group:${b.category_group}`);
  }
  return out;
}
const diagnosticStores = (m: ResourceModel, d: Resource) => [...storesIn(m, d.properties.storage_account_id, d), ...storesIn(m, d.properties.log_analytics_workspace_id, d)];
const diagnostics = (what: string, matches: (m: ResourceModel, d: Resource) => boolean): Producer => ({ what, types: ['azurerm_monitor_diagnostic_setting'], records: matches, stores: diagnosticStores });
const targetsType = (m: ResourceModel, d: Resource, type: string) => diagnosticTarget(m, d).targets.some((t) => t.type === type);
/** A setting on the ML workspace itself, not on one of its online endpoints (whose id extends the workspace's). */
const targetsWorkspace = (m: ResourceModel, d: Resource) => targetsType(m, d, 'azurerm_machine_learning_workspace') && !/\/onlineEndpoints\//i.test(diagnosticTarget(m, d).id);
const hasCategory = (m: ResourceModel, d: Resource, category: string) => { const c = diagnosticCategories(m, d); return c.has(category) || c.has('group:allLogs'); };

/**
 * The stores a SageMaker log group's records end up in: the group, and through each subscription
 * into a Firehose stream, the stream's bucket and the buckets that bucket replicates into.
 */
function sageMakerLogStores(model: ResourceModel, group: Resource): Resource[] {
  const out = [group];
  for (const f of subscriptionsOf(model, group)) {
    const d = subscriptionDestination(model, f);
    if (d.kind !== 'stream') continue;
    const t = firehoseBucket(model, d.stream);
    if (t.kind === 'resource') out.push(t.resource, ...storesWrittenBy(model, t.resource, 'S3 replication'));
  }
  return out;
}
/** The SageMaker log groups of the inputs named with one of `names` (or beginning with a name ending in `/`). */
const sageMakerLogs = (what: string, names: readonly string[]): Producer => ({
  what,
  types: ['AWS::Logs::LogGroup'],
  records: (m, g) => {
    const name = m.get(g, 'LogGroupName');
    return typeof name === 'string' && names.some((n) => (n.endsWith('/') ? name.startsWith(n) : name === n));
  },
  stores: sageMakerLogStores,
});

type Spec = Partial<Record<EvidenceSourceId, { producers?: Producer[]; unavailable?: string; note?: string }>>;

/** An AwsCustomResource (or its Terraform equivalent) that puts the Bedrock model invocation logging configuration. */
const bedrockLogging = (m: ResourceModel, c: Resource) => {
  const call = sdkCall(m, c, 'Create');
  return typeof call === 'object' && call.service === 'bedrock' && call.action === 'putmodelinvocationloggingconfiguration';
};

/**
 * Where Bedrock invocation logs land: the bucket and log group the call names, and the buckets that
 * bucket replicates into (BedrockInvocationLogging delivers into a staging bucket replicated into the locked one).
 */
const bedrockLoggingStores = (m: ResourceModel, c: Resource): Resource[] => {
  const direct = m.targets(c.properties.Create, c).filter((t) => t.type === 'AWS::S3::Bucket' || t.type === 'AWS::Logs::LogGroup');
  return [...direct, ...direct.filter((t) => t.type === 'AWS::S3::Bucket').flatMap((b) => storesWrittenBy(m, b, 'S3 replication'))];
};

/** Where a Config delivery channel's files land: its bucket, and the buckets that bucket replicates into (Config cannot deliver into a locked one). */
const configChannelStores = (m: ResourceModel, c: Resource): Resource[] => {
  const direct = storesWrittenBy(m, c, 'AWS Config delivery channel');
  return [...direct, ...direct.flatMap((b) => storesWrittenBy(m, b, 'S3 replication'))];
};
/** A recorder delivers through the account's delivery channel (one per account and region). */
const configRecorderStores = (m: ResourceModel): Resource[] => m.ofType('AWS::Config::DeliveryChannel').flatMap((c) => configChannelStores(m, c));

const SPECS: Record<CoverageCloud, Spec> = {
  aws: {
    'control-plane-audit': { producers: [trailManagement('CloudTrail management events')] },
    'storage-data-access': {
      producers: [
        trailData('CloudTrail S3 data events', 'AWS::S3::Object'),
        { what: 'S3 server access logs', types: ['AWS::S3::Bucket'], records: (m, b) => m.get(b, 'LoggingConfiguration') !== undefined, stores: (m, b) => storesWrittenBy(m, b, 'S3 server access logs') },
      ],
    },
    'ml-inference': {
      producers: [
        { what: 'SageMaker data capture', types: ['AWS::SageMaker::EndpointConfig'], records: (m, c) => m.get(c, 'DataCaptureConfig') !== undefined && !['false', false].includes(m.get(c, 'DataCaptureConfig.EnableCapture') as never), stores: (m, c) => storesWrittenBy(m, c, 'SageMaker data capture') },
        trailData('CloudTrail SageMaker endpoint data events', 'AWS::SageMaker::Endpoint'),
        { what: 'Bedrock model invocation logging', types: ['Custom::AWS', 'AWS::CloudFormation::CustomResource'], records: bedrockLogging, stores: bedrockLoggingStores },
        trailData('CloudTrail Bedrock data events (agents, knowledge bases, flows, guardrails, prompts, sessions, tools)', 'AWS::Bedrock::AgentAlias'),
        sageMakerLogs('SageMaker endpoint container logs (/aws/sagemaker/Endpoints/<name>)', ['/aws/sagemaker/Endpoints/']),
      ],
      note: 'Data capture records inputs and outputs, not the caller; AWS documents the InvokeEndpoint data events inconsistently (see docs/aws.md). Bedrock invocation logging records calls through bedrock-runtime only: calls through the OpenAI-compatible endpoint appear in CloudTrail under bedrock-mantle.amazonaws.com, without their content.',
    },
    'ml-training-lifecycle': {
      producers: [
        trailManagement('CloudTrail management events (CreateTrainingJob, CreateProcessingJob, ...)'),
        sageMakerLogs('SageMaker job, notebook and Studio logs (the containers\' output, kept after the compute is gone)', [...SAGEMAKER_JOB_LOG_GROUPS, SAGEMAKER_STUDIO_LOG_GROUP]),
      ],
      note: "CloudTrail names the Studio user behind a shared execution role only with ExecutionRoleIdentityConfig USER_PROFILE_NAME (AWS.SageMaker.StudioSourceIdentity), and not for the calls a processing job makes.",
    },
    'model-registry': { producers: [trailManagement('CloudTrail management events (CreateModel, CreateModelPackage, ...)')] },
    'network-flow': { producers: [{ what: 'VPC flow logs', types: ['AWS::EC2::FlowLog'], stores: (m, f) => storesWrittenBy(m, f, 'VPC flow log') }] },
    dns: { producers: [{ what: 'Route 53 Resolver query logs', types: ['AWS::Route53Resolver::ResolverQueryLoggingConfig'], stores: (m, q) => storesWrittenBy(m, q, 'Resolver query log') }] },
    'identity-sign-in': { producers: [{ ...trailManagement('CloudTrail sign-in and STS events (global service events)'), records: (m, t) => trailSelectors(m, t).management && m.get(t, 'IncludeGlobalServiceEvents') !== false && isTrue(m.get(t, 'IsMultiRegionTrail')) }] },
    'configuration-history': {
      producers: [
        { what: 'AWS Config configuration recorder', types: ['AWS::Config::ConfigurationRecorder'], records: (m, r) => asBool(m.get(r, 'StartedOnCreate')) !== false, stores: (m) => configRecorderStores(m) },
        { what: 'AWS Config delivery channel (configuration history files and snapshots)', types: ['AWS::Config::DeliveryChannel'], stores: configChannelStores },
      ],
      note: 'AWS Config records what each supported resource looked like after every change; who made the call is in CloudTrail. Config cannot deliver into an Object Lock bucket: the history stands locked only in the replica of its delivery bucket.',
    },
    'evidence-immutability': { producers: [{ what: 'S3 Object Lock', types: ['AWS::S3::Bucket'], records: (m, b) => m.get(b, 'ObjectLockConfiguration.Rule.DefaultRetention.Mode') !== undefined, stores: (_m, b) => [b] }] },
    'log-integrity': { producers: [{ ...trailManagement('CloudTrail log file validation (signed digests)'), records: (m, t) => isTrue(m.get(t, 'EnableLogFileValidation')) }] },
  },
  gcp: {
    'control-plane-audit': {
      producers: [{ what: 'Admin Activity audit logs routed by a log sink', types: SINKS, records: (m, s) => { const f = m.get(s, 'filter'); return f === undefined || f === '' || (typeof f === 'string' && f.includes('activity')); }, stores: (m, s) => storesIn(m, s.properties.destination, s) }],
      note: 'Without a sink, Admin Activity logs are kept 400 days in the _Required bucket.',
    },
    'storage-data-access': { producers: [auditFor('Data Access audit logs (DATA_READ, DATA_WRITE) for Cloud Storage', ['storage.googleapis.com'], ['DATA_READ', 'DATA_WRITE'])] },
    'ml-inference': {
      producers: [
        { what: 'Vertex AI request-response logging', types: ['google_vertex_ai_endpoint'], records: (m, e) => isTrue(m.get(e, 'predict_request_response_logging_config.enabled')), stores: (m, e) => storesIn(m, m.get(e, 'predict_request_response_logging_config') ? (e.properties.predict_request_response_logging_config as never) : undefined, e) },
        auditFor('Data Access audit logs for Vertex AI (who called predict)', ['aiplatform.googleapis.com'], ['DATA_READ']),
      ],
      note: 'google 6.50 has no resource for request-response logging of publisher models (Gemini, Claude): an operator calls setPublisherModelConfig (v1beta1, on projects/<project>/locations/<region>/publishers/<publisher>/models/<model>) per model and region, which logs a sampled share of generateContent / streamGenerateContent requests and responses (rawPredict for Claude) into a BigQuery table; the DATA_READ audit logs of aiplatform.googleapis.com name the caller of each call.',
    },
    'ml-training-lifecycle': { producers: [auditFor('Audit logs for Vertex AI jobs and pipelines', ['aiplatform.googleapis.com'], ['ADMIN_READ', 'DATA_WRITE'])] },
    'model-registry': { producers: [auditFor('Audit logs for Vertex AI Model Registry', ['aiplatform.googleapis.com'], ['DATA_WRITE'])] },
    'network-flow': { producers: [{ what: 'VPC flow logs', types: ['google_compute_subnetwork'], records: (m, s) => m.get(s, 'log_config') !== undefined, stores: (m) => sinksRouting(m, NETWORK_LOG_IDS.vpcFlows) }] },
    dns: { producers: [{ what: 'Cloud DNS query logging', types: ['google_dns_policy'], records: (m, p) => isTrue(m.get(p, 'enable_logging')), stores: (m) => sinksRouting(m, NETWORK_LOG_IDS.dnsQueries) }] },
    'identity-sign-in': {
      producers: [auditFor('Audit logs of IAM and STS (token exchange, key creation)', ['iam.googleapis.com', 'sts.googleapis.com'], ['DATA_READ', 'ADMIN_READ'])],
      note: 'Google account sign-ins are Cloud Identity / Workspace logs, routed only at organization scope.',
    },
    'configuration-history': {
      producers: [
        {
          what: 'Cloud Asset Inventory feeds (resources and IAM policies) through a Cloud Storage subscription',
          types: [...FEED_TYPES],
          records: (m, f) => { const t = m.get(f, 'content_type'); return t === 'RESOURCE' || t === 'IAM_POLICY'; },
          stores: (m, f) => [...feedDelivery(m, f).buckets],
        },
      ],
      note: 'A feed records changes from its creation on, at least once (a change may appear twice), not who made them (the Admin Activity audit logs say that); the state before the feed is one `gcloud asset export` away.',
    },
    'evidence-immutability': { producers: [{ what: 'Locked retention policies and log buckets', types: ['google_storage_bucket', 'google_logging_project_bucket_config'], records: (m, b) => m.get(b, 'retention_policy') !== undefined || m.get(b, 'locked') !== undefined, stores: (_m, b) => [b] }] },
    'log-integrity': { unavailable: 'GCP signs no log digests: integrity rests on locked storage and the audit logs of who touched it.' },
  },
  azure: {
    'control-plane-audit': {
      producers: [diagnostics('Activity Log diagnostic setting', (m, d) => /^\/subscriptions\/[^/]+$/i.test(diagnosticTarget(m, d).id) || targetsType(m, d, 'data.azurerm_subscription'))],
      note: 'The Activity Log records each write, action and delete on Azure Resource Manager (caller, operation, status), not the properties before and after; Azure keeps it 90 days unless exported. Resource Graph change history keeps property-level before/after values with the caller for 14 days only, and nothing exports it: configuration history beyond that rests on the exported Activity Log.',
    },
    'storage-data-access': { producers: [diagnostics('Blob service logs (StorageRead, StorageWrite, StorageDelete)', (m, d) => /\/blobServices\/default$/i.test(diagnosticTarget(m, d).id) && ['StorageRead', 'StorageWrite', 'StorageDelete'].some((c) => diagnosticCategories(m, d).has(c) || diagnosticCategories(m, d).has('group:allLogs')))] },
    'ml-inference': {
      producers: [
        diagnostics('Azure ML online endpoint traffic logs', (m, d) => /\/onlineEndpoints\/[^/]+\/?$/i.test(diagnosticTarget(m, d).id) && hasCategory(m, d, 'AmlOnlineEndpointTrafficLog')),
        diagnostics('Azure OpenAI / AI Services request logs (Audit, RequestResponse)', (m, d) => (targetsType(m, d, 'azurerm_cognitive_account') || /\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+\/?$/i.test(diagnosticTarget(m, d).id)) && hasCategory(m, d, 'RequestResponse')),
      ],
      note: 'Azure ML online endpoints are logged by their own diagnostic settings, given by resource id (azurerm has no resource for them); AI Services logs land in AzureDiagnostics and record each call (operation, caller IP, result), not the prompt or completion.',
    },
    'ml-training-lifecycle': { producers: [diagnostics('Azure ML workspace logs (jobs, runs, compute)', (m, d) => targetsWorkspace(m, d))] },
    'model-registry': { producers: [diagnostics('Azure ML workspace and registry logs', (m, d) => targetsWorkspace(m, d) || /\/registries\//i.test(diagnosticTarget(m, d).id))] },
    'network-flow': { producers: [{ what: 'VNet flow logs', types: ['azurerm_network_watcher_flow_log'], stores: (m, f) => [...storesIn(m, f.properties.storage_account_id, f), ...storesIn(m, (f.properties.traffic_analytics as Record<string, unknown>)?.workspace_resource_id, f)] }] },
    dns: { unavailable: 'No platform log records DNS queries in every VNet, and azurerm 4.55 has no resource for DNS security policies: deploy outside the kit a DNS security policy (Microsoft.Network/dnsResolverPolicies) linked to each VNet with a diagnostic setting for DnsResponse (table DNSQueryLogs), or route DNS through an Azure Firewall DNS proxy and export its DNS proxy logs.' },
    'identity-sign-in': { producers: [{ what: 'Entra ID sign-in and audit logs', types: ['azurerm_monitor_aad_diagnostic_setting'], stores: (m, d) => [...storesIn(m, d.properties.storage_account_id, d), ...storesIn(m, d.properties.log_analytics_workspace_id, d)] }] },
    'configuration-history': {
      unavailable:
        'The Activity Log records each create, update, delete and action through Resource Manager with its caller and status, not the properties before and after (kept 90 days unless exported: see control-plane audit). Resource Graph change history (resourcechanges) keeps property-level before and after values with the caller for the past 14 days only, and azurerm 4.55 has no resource to export it: a configuration older than 14 days cannot be reconstructed. To close it, export Resource Graph snapshots outside the kit (a scheduled query of resourcechanges and resources written into the evidence store).',
    },
    'evidence-immutability': { producers: [{ what: 'Blob immutability policies', types: ['azurerm_storage_account'], records: (m, a) => m.get(a, 'immutability_policy') !== undefined || m.referrers(a, 'azurerm_storage_container').some((c) => m.referrers(c, 'azurerm_storage_container_immutability_policy').length > 0), stores: (_m, a) => [a] }] },
    'log-integrity': { unavailable: 'Azure Monitor signs no log digests: integrity rests on immutable storage and the logs of who touched it.' },
  },
};

/**
 * The lines of the evidence context that declare an AWS evidence source recorded outside the
 * inputs, as describeContext states them; empty when none does. Only what a declaration states
 * counts: an organization trail records management events (control-plane audit, the SageMaker
 * lifecycle and registry calls), S3 data events of every data bucket of the inputs (`all`, or a
 * list holding each of them by name) and endpoint data events when it says so; central collection
 * covers flow logs and DNS query logs; a COMPLIANCE-locked store covers evidence immutability (a
 * GOVERNANCE lock can be lifted). Neither a trail's regions, its global service events nor its log
 * file validation can be declared, nor AWS Config: sign-in, log integrity and configuration
 * history are never declared.
 */
function awsDeclaredBy(model: ResourceModel, context: EvidenceContext | undefined, source: EvidenceSourceId): string[] {
  const aws = context?.aws;
  if (!aws) return [];
  const [trailLine] = aws.organizationTrail ? describeContext({ aws: { organizationTrail: aws.organizationTrail } }) : [];
  const trail = aws.organizationTrail;
  switch (source) {
    case 'control-plane-audit':
    case 'ml-training-lifecycle':
    case 'model-registry':
      return trail ? [trailLine] : [];
    case 'storage-data-access': {
      if (!trail || trail.s3DataEvents === undefined || (trail.s3DataEvents !== 'all' && trail.s3DataEvents.length === 0)) return [];
      const buckets = model.ofType('AWS::S3::Bucket').filter((b) => isDataBucket(model, b));
      return buckets.every((b) => orgTrailRecordsBucket(context, bucketName(model, b)) === true) ? [trailLine] : [];
    }
    case 'ml-inference':
      return trail?.sageMakerDataEvents ? [trailLine] : [];
    case 'network-flow':
      return aws.flowLogs ? describeContext({ aws: { flowLogs: aws.flowLogs } }) : [];
    case 'dns':
      return aws.dnsQueryLogs ? describeContext({ aws: { dnsQueryLogs: aws.dnsQueryLogs } }) : [];
    case 'evidence-immutability': {
      const locked = (aws.evidenceStores ?? []).filter((st) => st.lock === 'COMPLIANCE');
      return locked.length ? describeContext({ aws: { evidenceStores: locked } }) : [];
    }
    default:
      return [];
  }
}

/** What the evidence context declares recorded outside the inputs, per cloud (only AWS can be declared today). */
const DECLARED_BY: Record<CoverageCloud, (model: ResourceModel, context: EvidenceContext | undefined, source: EvidenceSourceId) => string[]> = {
  aws: awsDeclaredBy,
  gcp: () => [],
  azure: () => [],
};

/**
 * The coverage matrix: a row per evidence source, a column per cloud, judged from the model and
 * the run (its findings, and the evidence context its config declares).
 */
export function computeCoverage(model: ResourceModel, result: Pick<RunResult, 'findings' | 'rules' | 'config'>): CoverageMatrix {
  const cloudsPresent = new Set(model.resources.map((r) => r.cloud));
  const ruleOf = new Map(result.rules.map((r) => [r.id, r]));
  const rows = EVIDENCE_SOURCES.map((source): CoverageRow => {
    const cells = {} as Record<CoverageCloud, CoverageCell>;
    for (const cloud of COVERAGE_CLOUDS) {
      const spec = SPECS[cloud][source.id] ?? {};
      const tagged = result.findings.filter((f) => { const rule = ruleOf.get(f.ruleId); return rule?.cloud === cloud && rule.evidenceSource === source.id; });
      cells[cloud] = cell(model, spec, cloudsPresent.has(cloud), tagged, result.findings, DECLARED_BY[cloud](model, result.config.context, source.id));
    }
    return { source: source.id, title: source.title, answers: source.answers, cells };
  });
  return { clouds: COVERAGE_CLOUDS, rows };
}

/**
 * The rules that judge whether a store is locked, and for how long: on the store itself, or on what
 * writes into it (its destination). A finding of one of them on a store, or on a resource that
 * writes into it, means the lock its facts read is not established for this evidence.
 */
export const LOCK_RULES: ReadonlySet<string> = new Set([
  'AWS.S3.ObjectLockCompliance',
  'AWS.CloudTrail.LockedDestination',
  'AWS.SageMaker.DataCaptureLockedDestination',
  'AWS.Config.DeliveryToEvidence',
  'AWS.SageMaker.JobLogsExported',
  'GCP.Storage.RetentionLocked',
  'GCP.Logging.BucketLocked',
  'GCP.Logging.SinkLockedDestination',
  'GCP.PubSub.AssetFeedLockedDestination',
  'AZURE.Storage.ImmutabilityLocked',
  'AZURE.Storage.ImmutabilityPolicy',
  'AZURE.Monitor.DiagnosticsImmutableCopy',
]);

/** The key a finding and a resource share: its file and address. */
const resourceKey = (file: string, address: string) => `${file}\u0000${address}`;

/**
 * The immutability of a cell, from its stores alone, so that a retention is only ever stated with
 * the stores it belongs to: the locked copy's (the shortest among the locked stores of known
 * retention), apart from the longest of the stores that are not locked.
 */
function keeping(storedIn: readonly StoreFacts[], disputedIn: readonly string[]): Pick<CoverageCell, 'immutability' | 'immutable' | 'retentionDays' | 'lockedIn' | 'mutableRetention' | 'unknownIn' | 'disputedIn'> {
  const locked = storedIn.filter((s) => s.immutability === 'locked' && s.retentionDays !== null);
  const unknownIn = storedIn.filter((s) => !disputedIn.includes(s.address) && (s.immutability === 'unknown' || (s.immutability === 'locked' && s.retentionDays === null))).map((s) => s.address);
  let mutableRetention: CoverageCell['mutableRetention'] = null;
  for (const s of storedIn) {
    if (s.immutability !== 'no' && s.immutability !== 'reversible') continue;
    if (s.retentionDays !== null && (mutableRetention === null || s.retentionDays > mutableRetention.days)) mutableRetention = { days: s.retentionDays, store: s.address };
  }
  const immutability = locked.length ? 'locked' : unknownIn.length || disputedIn.length ? 'unknown' : 'not-locked';
  return {
    immutability,
    immutable: immutability === 'locked',
    retentionDays: locked.length ? Math.min(...locked.map((s) => s.retentionDays as number)) : null,
    lockedIn: locked.map((s) => s.address),
    mutableRetention,
    unknownIn,
    disputedIn,
  };
}

function cell(model: ResourceModel, spec: { producers?: Producer[]; unavailable?: string; note?: string }, present: boolean, tagged: readonly Finding[], all: readonly Finding[], declaredBy: readonly string[]): CoverageCell {
  const empty = { capturedBy: [], storedIn: [], immutability: 'not-locked' as const, immutable: false, retentionDays: null, lockedIn: [], mutableRetention: null, unknownIn: [], disputedIn: [], findings: tagged.map(findingId), declaredBy: [] };
  if (spec.unavailable) return { ...empty, status: present ? 'unavailable' : 'not-checked', note: spec.unavailable };
  if (!present) return { ...empty, status: 'not-checked', note: 'No template of this cloud was checked.' };
  const capturedBy: { address: string; type: string; file: string; what: string }[] = [];
  const stores = new Map<Resource, StoreFacts>();
  const parts = new Set<string>();
  /** Per store, the keys of itself and of the resources that write into it. */
  const writers = new Map<Resource, Set<string>>();
  for (const p of spec.producers ?? []) {
    for (const r of model.ofType(...p.types)) {
      if (p.records && !p.records(model, r)) continue;
      capturedBy.push({ address: r.address, type: r.type, file: r.sourceFile, what: p.what });
      parts.add(resourceKey(r.sourceFile, r.address));
      for (const s of p.stores(model, r)) {
        parts.add(resourceKey(s.sourceFile, s.address));
        if (!stores.has(s)) stores.set(s, storeFacts(model, s));
        if (!writers.has(s)) writers.set(s, new Set([resourceKey(s.sourceFile, s.address)]));
        writers.get(s)!.add(resourceKey(r.sourceFile, r.address));
      }
    }
  }
  if (capturedBy.length === 0) {
    if (declaredBy.length === 0) return { ...empty, status: 'missing', note: spec.note };
    // A declaration covers what the templates do not record; a finding of this source against the
    // templates (an endpoint without data capture) is evidence the declaration does not make good.
    if (tagged.length > 0) return { ...empty, status: 'weakened', declaredBy, note: 'Declared in the evidence context, but findings of this source stand against the templates: the declaration does not make them good.' };
    return { ...empty, status: 'declared', declaredBy, note: spec.note };
  }
  // Every finding on what makes up the source weakens it, whatever source its rule is tagged with.
  const ofSource = new Set(tagged);
  const weakening = all.filter((f) => ofSource.has(f) || ((f.verdict === 'NON_COMPLIANT' || f.verdict === 'UNKNOWN') && parts.has(resourceKey(f.file, f.address))));
  // A lock a rule judging locks does not find in force (UNKNOWN, NON_COMPLIANT) is never counted.
  const lockFindings = all.filter((f) => LOCK_RULES.has(f.ruleId) && (f.verdict === 'NON_COMPLIANT' || f.verdict === 'UNKNOWN'));
  const disputedIn: string[] = [];
  const storedIn = [...stores.entries()].map(([r, facts]): StoreFacts => {
    if (facts.immutability !== 'locked') return facts;
    const against = lockFindings.filter((f) => writers.get(r)!.has(resourceKey(f.file, f.address)));
    if (against.length === 0) return facts;
    if (against.some((f) => f.verdict === 'NON_COMPLIANT')) disputedIn.push(facts.address);
    return { ...facts, immutability: 'unknown' };
  });
  const kept = keeping(storedIn, disputedIn);
  return {
    status: kept.immutable && kept.unknownIn.length === 0 && kept.disputedIn.length === 0 && weakening.length === 0 ? 'captured' : 'weakened',
    capturedBy,
    storedIn,
    ...kept,
    findings: weakening.map(findingId),
    declaredBy,
    note: spec.note ?? (kept.immutability === 'locked' ? undefined : kept.immutability === 'unknown' ? 'The lock or the retention of a store it lands in is not resolvable before deploy, or a finding disputes it.' : 'No store it lands in is locked.'),
  };
}
