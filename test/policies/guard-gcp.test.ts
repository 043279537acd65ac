/**
 * The GCP guard test: every secure default the GCP constructs set, flipped in the synthesized
 * reference stack, makes the matching rule fire; and every GCP rule guards at least one default.
 */
import { createGcpStacks, GCP_STACK_NAME } from '../../cdktf/gcp';
import { Finding } from '../../policies/engine/types';
import { GCP_RULES } from '../../policies/rules/gcp';
import {
  addResource,
  all,
  bodyOf,
  deleteProperty,
  Docs,
  dropBlocks,
  expectGuardFires,
  findingsOf,
  findResource,
  GuardRow,
  ref,
  removeResource,
  ResourceRef,
  setProperty,
  synthStacks,
  expectRowsCoverRules,
} from './guard-helpers';

const DAY_SECONDS = 86_400;

// The reference stack's resources, by type and construct path (never by hashed Terraform name).
const EVIDENCE_BUCKET: ResourceRef = ['google_storage_bucket', 'EvidenceBucket/Resource'];
const ACCESS_LOG_BUCKET: ResourceRef = ['google_storage_bucket', 'EvidenceBucket/AccessLogs'];
const TRAINING_BUCKET: ResourceRef = ['google_storage_bucket', 'MlWorkload/TrainingData/Resource'];
const AUDIT_CONFIG: ResourceRef = ['google_project_iam_audit_config', 'AuditLogs/Resource'];
const VERTEX_AUDIT_CONFIG: ResourceRef = ['google_project_iam_audit_config', 'MlWorkload/VertexAi/AuditLogs/aiplatform.googleapis.com'];
const VERTEX_STORAGE_AUDIT_CONFIG: ResourceRef = ['google_project_iam_audit_config', 'MlWorkload/VertexAi/AuditLogs/storage.googleapis.com'];
const LOG_BUCKET_SINK: ResourceRef = ['google_logging_project_sink', 'LogSink/Resource'];
const STORAGE_SINK: ResourceRef = ['google_logging_project_sink', 'LogSink/StorageSink'];
const LOG_BUCKET: ResourceRef = ['google_logging_project_bucket_config', 'LogSink/LogBucket'];
const NETWORK: ResourceRef = ['google_compute_network', 'MlWorkload/Network/Resource'];
const SUBNET: ResourceRef = ['google_compute_subnetwork', 'MlWorkload/Network/Subnet-ml-subnet'];
const DENY_INGRESS: ResourceRef = ['google_compute_firewall', 'MlWorkload/Network/DenyIngress'];
const ALLOW_EGRESS: ResourceRef = ['google_compute_firewall', 'MlWorkload/Network/AllowEgress'];
const DNS_POLICY: ResourceRef = ['google_dns_policy', 'MlWorkload/Network/DnsPolicy'];
const NAT: ResourceRef = ['google_compute_router_nat', 'MlWorkload/Network/Nat-us-central1'];
const ENDPOINT: ResourceRef = ['google_vertex_ai_endpoint', 'MlWorkload/VertexAi/Endpoint'];
const VERTEX_DATASET: ResourceRef = ['google_vertex_ai_dataset', 'MlWorkload/VertexAi/Dataset'];
const WORKBENCH: ResourceRef = ['google_workbench_instance', 'MlWorkload/VertexAi/Workbench'];
const REQUEST_LOG_DATASET: ResourceRef = ['google_bigquery_dataset', 'MlWorkload/VertexAi/RequestLogs'];
const KEY: ResourceRef = ['google_kms_crypto_key', 'Key/Resource'];
const KEY_RING: ResourceRef = ['google_kms_key_ring', 'Key/KeyRing'];
const RESOURCE_FEED: ResourceRef = ['google_cloud_asset_project_feed', 'AssetFeeds/Resource'];
const IAM_POLICY_FEED: ResourceRef = ['google_cloud_asset_project_feed', 'AssetFeeds/IamPolicyFeed'];
const FEED_SUBSCRIPTION: ResourceRef = ['google_pubsub_subscription', 'AssetFeeds/Subscription'];
const FEED_TOPIC: ResourceRef = ['google_pubsub_topic', 'AssetFeeds/Topic'];

/** The folder sink the IncludeChildren row adds (the reference stack sinks at project level). */
const FOLDER_SINK: ResourceRef = ['google_logging_folder_sink', 'LogSink/GuardFolderSink'];

/** A row of the one GCP stack. */
function row(r: Omit<GuardRow, 'stack'>): GuardRow {
  return { ...r, stack: GCP_STACK_NAME };
}

const set = setProperty;
const unset = deleteProperty;
const dropLogType = (ref: ResourceRef, logType: string) => dropBlocks(ref, 'audit_log_config', 'log_type', logType);
/** Both LogSink sinks (log bucket and GCS) get the same change: either alone still routes the audit logs into locked storage. */
const bothSinks = (path: string, value: unknown) => all(set(LOG_BUCKET_SINK, path, value), set(STORAGE_SINK, path, value));

const ROWS: readonly GuardRow[] = [
  // Configuration history (AssetInventoryFeeds: RESOURCE and IAM_POLICY feeds, a Cloud Storage subscription into the evidence bucket)
  row({ default: 'AssetInventoryFeeds has an IAM_POLICY feed', rule: 'GCP.Asset.FeedContentTypes', mutate: set(IAM_POLICY_FEED, 'content_type', 'RESOURCE'), on: RESOURCE_FEED, because: /this scope has no IAM_POLICY feed/ }),
  row({ default: 'AssetInventoryFeeds has a RESOURCE feed', rule: 'GCP.Asset.FeedContentTypes', mutate: set(RESOURCE_FEED, 'content_type', 'IAM_POLICY'), on: IAM_POLICY_FEED, because: /this scope has no RESOURCE feed/ }),
  row({ default: 'AssetInventoryFeeds feeds publish configuration, not names only', rule: 'GCP.Asset.FeedContentTypes', mutate: unset(RESOURCE_FEED, 'content_type'), on: RESOURCE_FEED, because: /publishes only asset names and types/ }),
  row({ default: 'AssetInventoryFeeds feeds watch the Vertex AI asset types', rule: 'GCP.Asset.FeedContentTypes', mutate: set(RESOURCE_FEED, 'asset_types', ['storage.googleapis.com/Bucket', 'iam.googleapis.com/ServiceAccount']), on: RESOURCE_FEED, because: /no type of aiplatform\.googleapis\.com/ }),
  row({ default: 'AssetInventoryFeeds IAM_POLICY feed watches the IAM and storage asset types', rule: 'GCP.Asset.FeedContentTypes', mutate: set(IAM_POLICY_FEED, 'asset_types', ['aiplatform.googleapis.com/Model']), on: IAM_POLICY_FEED, because: /no type of storage\.googleapis\.com, iam\.googleapis\.com/ }),
  row({ default: 'AssetInventoryFeeds subscription writes into Cloud Storage', rule: 'GCP.PubSub.AssetFeedLockedDestination', mutate: unset(FEED_SUBSCRIPTION, 'cloud_storage_config'), on: RESOURCE_FEED, because: /is not a Cloud Storage subscription/ }),
  row({ default: 'AssetInventoryFeeds subscription receives every message (no filter)', rule: 'GCP.PubSub.AssetFeedLockedDestination', mutate: set(FEED_SUBSCRIPTION, 'filter', 'attributes.kind = "none"'), on: IAM_POLICY_FEED, because: /acknowledged and never written/ }),
  row({ default: 'AssetInventoryFeeds topic has a subscription', rule: 'GCP.PubSub.AssetFeedLockedDestination', mutate: (doc) => removeResource(doc, FEED_SUBSCRIPTION), on: RESOURCE_FEED, because: /has no subscription/ }),
  row({ default: 'AssetInventoryFeeds subscription never expires', rule: 'GCP.PubSub.AssetFeedLockedDestination', mutate: unset(FEED_SUBSCRIPTION, 'expiration_policy'), on: RESOURCE_FEED, because: /has no expiration_policy: it is deleted after 31 days without activity/ }),
  row({ default: 'AssetInventoryFeeds topic uses the CMEK key', rule: 'GCP.PubSub.AssetFeedTopicHardening', mutate: set(FEED_TOPIC, 'kms_key_name', ''), on: FEED_TOPIC, because: /Google-managed encryption/ }),
  row({ default: 'AssetInventoryFeeds topic keeps messages 31 days', rule: 'GCP.PubSub.AssetFeedTopicHardening', mutate: set(FEED_TOPIC, 'message_retention_duration', '604800s'), on: FEED_TOPIC, because: /\(7\.0 days\), under 31 days/ }),
  row({ default: 'AssetInventoryFeeds subscription writes into the locked evidence bucket', rule: 'GCP.PubSub.AssetFeedLockedDestination', mutate: set(EVIDENCE_BUCKET, 'retention_policy.is_locked', false), on: RESOURCE_FEED, because: /which is not locked: .*is_locked is false/ }),

  // Evidence buckets (EvidenceBucket: the evidence bucket, its access-log bucket, the workload's training-data bucket)
  row({ default: 'EvidenceBucket retention policy is locked', rule: 'GCP.Storage.RetentionLocked', mutate: set(EVIDENCE_BUCKET, 'retention_policy.is_locked', false), on: EVIDENCE_BUCKET, because: /is_locked is false/ }),
  row({ default: 'EvidenceBucket retention period is at least 365 days', rule: 'GCP.Storage.RetentionLocked', mutate: set(EVIDENCE_BUCKET, 'retention_policy.retention_period', 364 * DAY_SECONDS), on: EVIDENCE_BUCKET, because: /retention_period is 31449600 s, below the floor/ }),
  row({ default: 'EvidenceBucket has a retention policy', rule: 'GCP.Storage.RetentionLocked', mutate: unset(EVIDENCE_BUCKET, 'retention_policy'), on: EVIDENCE_BUCKET, because: /no retention_policy/ }),
  row({ default: 'EvidenceBucket access-log bucket retention policy is locked', rule: 'GCP.Storage.RetentionLocked', mutate: set(ACCESS_LOG_BUCKET, 'retention_policy.is_locked', false), on: ACCESS_LOG_BUCKET, because: /is_locked is false/ }),
  row({ default: 'training-data EvidenceBucket retention policy is locked', rule: 'GCP.Storage.RetentionLocked', mutate: set(TRAINING_BUCKET, 'retention_policy.is_locked', false), on: TRAINING_BUCKET, because: /is_locked is false/ }),
  row({ default: 'EvidenceBucket uses uniform bucket-level access', rule: 'GCP.Storage.UniformAccess', mutate: set(EVIDENCE_BUCKET, 'uniform_bucket_level_access', false), on: EVIDENCE_BUCKET, because: /uniform_bucket_level_access is false/ }),
  row({ default: 'EvidenceBucket access-log bucket uses uniform bucket-level access', rule: 'GCP.Storage.UniformAccess', mutate: set(ACCESS_LOG_BUCKET, 'uniform_bucket_level_access', false), on: ACCESS_LOG_BUCKET, because: /uniform_bucket_level_access is false/ }),
  row({ default: 'EvidenceBucket enforces public access prevention', rule: 'GCP.Storage.PublicAccessPrevention', mutate: set(EVIDENCE_BUCKET, 'public_access_prevention', 'inherited'), on: EVIDENCE_BUCKET, because: /public_access_prevention is "inherited"/ }),
  row({ default: 'EvidenceBucket access-log bucket enforces public access prevention', rule: 'GCP.Storage.PublicAccessPrevention', mutate: set(ACCESS_LOG_BUCKET, 'public_access_prevention', 'inherited'), on: ACCESS_LOG_BUCKET, because: /public_access_prevention is "inherited"/ }),
  row({ default: 'EvidenceBucket force_destroy is false', rule: 'GCP.Storage.NotDeletable', mutate: set(EVIDENCE_BUCKET, 'force_destroy', true), on: EVIDENCE_BUCKET, because: /force_destroy is true/ }),
  row({ default: 'EvidenceBucket has prevent_destroy', rule: 'GCP.Storage.NotDeletable', mutate: unset(EVIDENCE_BUCKET, 'lifecycle'), on: EVIDENCE_BUCKET, because: /prevent_destroy is not true/ }),
  row({ default: 'EvidenceBucket uses the CMEK key', rule: 'GCP.Storage.EvidenceCmek', mutate: unset(EVIDENCE_BUCKET, 'encryption'), on: EVIDENCE_BUCKET, because: /encryption.default_kms_key_name is absent/ }),
  row({ default: 'EvidenceBucket access-log bucket uses the CMEK key', rule: 'GCP.Storage.EvidenceCmek', mutate: unset(ACCESS_LOG_BUCKET, 'encryption'), on: ACCESS_LOG_BUCKET, because: /encryption.default_kms_key_name is absent/ }),
  row({ default: 'training-data EvidenceBucket uses the CMEK key', rule: 'GCP.Storage.EvidenceCmek', mutate: unset(TRAINING_BUCKET, 'encryption'), on: TRAINING_BUCKET, because: /encryption.default_kms_key_name is absent/ }),
  row({
    default: 'EvidenceBucket keeps soft-deleted objects 90 days',
    rule: 'GCP.Storage.SoftDeleteAndUsageLogs',
    mutate: set(EVIDENCE_BUCKET, 'soft_delete_policy.retention_duration_seconds', 0),
    on: EVIDENCE_BUCKET,
    because: /retention_duration_seconds is 0 \(soft delete off\)/,
  }),
  row({ default: 'EvidenceBucket writes usage logs', rule: 'GCP.Storage.SoftDeleteAndUsageLogs', mutate: unset(EVIDENCE_BUCKET, 'logging'), on: EVIDENCE_BUCKET, because: /logging.log_bucket is absent/ }),
  row({ default: 'training-data EvidenceBucket writes usage logs', rule: 'GCP.Storage.SoftDeleteAndUsageLogs', mutate: unset(TRAINING_BUCKET, 'logging'), on: TRAINING_BUCKET, because: /logging.log_bucket is absent/ }),
  row({ default: 'training-data EvidenceBucket has prevent_destroy', rule: 'GCP.Storage.NotDeletable', mutate: set(TRAINING_BUCKET, 'lifecycle.prevent_destroy', false), on: TRAINING_BUCKET, because: /prevent_destroy is not true/ }),

  // Audit logs (AuditLogs, VertexAiAudit)
  row({ default: 'AuditLogs logs DATA_READ', rule: 'GCP.Audit.DataAccessLogs', mutate: dropLogType(AUDIT_CONFIG, 'DATA_READ'), on: AUDIT_CONFIG, because: /missing DATA_READ/ }),
  row({ default: 'AuditLogs logs DATA_WRITE', rule: 'GCP.Audit.DataAccessLogs', mutate: dropLogType(AUDIT_CONFIG, 'DATA_WRITE'), on: AUDIT_CONFIG, because: /missing DATA_WRITE/ }),
  row({ default: 'AuditLogs logs ADMIN_READ', rule: 'GCP.Audit.DataAccessLogs', mutate: dropLogType(AUDIT_CONFIG, 'ADMIN_READ'), on: AUDIT_CONFIG, because: /missing ADMIN_READ/ }),
  row({
    default: 'AuditLogs exempts no member',
    rule: 'GCP.Audit.DataAccessLogs',
    mutate: (doc) => {
      const blocks = bodyOf(doc, AUDIT_CONFIG).audit_log_config as Record<string, unknown>[];
      blocks.find((b) => b.log_type === 'DATA_READ')!.exempted_members = ['user:exempt@example.com'];
    },
    on: AUDIT_CONFIG,
    because: /exempts "user:exempt@example.com"/,
  }),
  row({ default: 'VertexAiAudit logs DATA_READ for aiplatform.googleapis.com', rule: 'GCP.Audit.DataAccessLogs', mutate: dropLogType(VERTEX_AUDIT_CONFIG, 'DATA_READ'), on: VERTEX_AUDIT_CONFIG, because: /missing DATA_READ/ }),
  row({
    default: 'AuditLogs audits allServices (VertexAiAudit also audits aiplatform and storage for the same project, so the row drops its storage config too)',
    rule: 'GCP.Audit.ServiceCoverage',
    mutate: all(set(AUDIT_CONFIG, 'service', 'compute.googleapis.com'), (doc) => removeResource(doc, VERTEX_STORAGE_AUDIT_CONFIG)),
    on: AUDIT_CONFIG,
    because: /storage.googleapis.com is not audited/,
  }),
  row({
    default: 'LogSink routes the logs of the AuditLogs project into locked storage',
    rule: 'GCP.Logging.AuditLogsRouted',
    mutate: (doc) => [LOG_BUCKET_SINK, STORAGE_SINK].forEach((sink) => removeResource(doc, sink)),
    on: AUDIT_CONFIG,
    because: /no enabled sink of project replace-me-project-id in the input writes into locked storage/,
  }),

  // Log routing (LogSink)
  row({
    default: 'LogSink writes into locked storage (not BigQuery)',
    rule: 'GCP.Logging.SinkLockedDestination',
    mutate: (doc) => {
      const dataset = findResource(doc, ...REQUEST_LOG_DATASET);
      bodyOf(doc, LOG_BUCKET_SINK).destination = `bigquery.googleapis.com/projects/${bodyOf(doc, LOG_BUCKET).project}/datasets/${ref(dataset, 'dataset_id')}`;
    },
    on: LOG_BUCKET_SINK,
    because: /is a BigQuery dataset, which cannot be locked/,
  }),
  row({ default: 'LogSink log bucket destination is locked', rule: 'GCP.Logging.SinkLockedDestination', mutate: set(LOG_BUCKET, 'locked', false), on: LOG_BUCKET_SINK, because: /is not locked: .* locked is false/ }),
  row({ default: 'LogSink GCS destination (the EvidenceBucket) is locked', rule: 'GCP.Logging.SinkLockedDestination', mutate: set(EVIDENCE_BUCKET, 'retention_policy.is_locked', false), on: STORAGE_SINK, because: /is not locked: .* retention_policy.is_locked is false/ }),
  row({ default: 'LogSink sink is enabled', rule: 'GCP.Logging.SinkLockedDestination', mutate: set(STORAGE_SINK, 'disabled', true), on: STORAGE_SINK, because: /disabled is true/ }),
  row({
    default: 'LogSink folder sinks include children (the reference stack sinks at project level, so the row adds the folder sink LogSink would synthesize, with include_children false)',
    rule: 'GCP.Logging.SinkIncludeChildren',
    mutate: (doc) => {
      const { name, project, unique_writer_identity: _unique, '//': _meta, ...sink } = bodyOf(doc, LOG_BUCKET_SINK);
      addResource(doc, FOLDER_SINK[0], 'LogSink_GuardFolderSink', `${GCP_STACK_NAME}/${FOLDER_SINK[1]}`, {
        ...sink,
        name: `${name}-folder`,
        folder: '123456789012',
        include_children: false,
      });
    },
    on: FOLDER_SINK,
    because: /include_children is false/,
  }),
  row({ default: 'LogSink log bucket is locked', rule: 'GCP.Logging.BucketLocked', mutate: set(LOG_BUCKET, 'locked', false), on: LOG_BUCKET, because: /locked is false/ }),
  row({ default: 'LogSink log bucket keeps logs 365 days', rule: 'GCP.Logging.BucketLocked', mutate: set(LOG_BUCKET, 'retention_days', 364), on: LOG_BUCKET, because: /retention_days is 364, below the floor/ }),
  row({ default: 'LogSink log bucket has Log Analytics', rule: 'GCP.Logging.BucketAnalytics', mutate: set(LOG_BUCKET, 'enable_analytics', false), on: LOG_BUCKET, because: /enable_analytics is false/ }),
  row({ default: 'LogSink log bucket uses the CMEK key', rule: 'GCP.Logging.BucketCmek', mutate: unset(LOG_BUCKET, 'cmek_settings'), on: LOG_BUCKET, because: /cmek_settings.kms_key_name is absent/ }),
  row({ default: 'LogSink log bucket has prevent_destroy', rule: 'GCP.Logging.BucketNotDestroyable', mutate: unset(LOG_BUCKET, 'lifecycle'), on: LOG_BUCKET, because: /prevent_destroy is not true/ }),
  row({
    default: 'LogSink filter (FORENSIC_LOG_FILTER) routes audit logs at every severity',
    rule: 'GCP.Logging.SinkFilterCoverage',
    mutate: bothSinks('filter', 'severity>=ERROR'),
    on: LOG_BUCKET_SINK,
    because: /activity, data_access, system_event, policy audit logs: filter "severity>=ERROR" routes only the entries where severity match/,
  }),
  row({
    default: 'LogSink filter (FORENSIC_LOG_FILTER) names the audit logs',
    rule: 'GCP.Logging.SinkFilterCoverage',
    mutate: bothSinks('filter', 'logName:"/logs/compute.googleapis.com%2Fvpc_flows" OR logName:"/logs/dns.googleapis.com%2Fdns_queries"'),
    on: STORAGE_SINK,
    because: /audit logs: filter .* matches none of their entries; no other sink of project replace-me-project-id routes them/,
  }),
  row({
    default: 'LogSink sinks exclude nothing',
    rule: 'GCP.Logging.SinkFilterCoverage',
    mutate: bothSinks('exclusions', [{ name: 'noisy-reads', filter: 'log_id("cloudaudit.googleapis.com/data_access")' }]),
    on: LOG_BUCKET_SINK,
    because: /data_access audit log: exclusion noisy-reads drops all of their entries/,
  }),
  row({
    default: 'LogSink filter (FORENSIC_LOG_FILTER) routes the network logs',
    rule: 'GCP.Logging.NetworkLogsRouted',
    mutate: bothSinks('filter', 'logName:"/logs/cloudaudit.googleapis.com"'),
    on: SUBNET,
    because: /into locked storage routes compute.googleapis.com\/vpc_flows.*: its entries stay in _Default \(30 days, unlocked\)/,
  }),

  // Network evidence (FlowLogs)
  row({ default: 'FlowLogs subnet aggregates every 5 seconds', rule: 'GCP.Network.SubnetFlowLogs', mutate: set(SUBNET, 'log_config.aggregation_interval', 'INTERVAL_10_MIN'), on: SUBNET, because: /aggregation_interval is "INTERVAL_10_MIN"/ }),
  row({ default: 'FlowLogs subnet includes all metadata', rule: 'GCP.Network.SubnetFlowLogs', mutate: set(SUBNET, 'log_config.metadata', 'EXCLUDE_ALL_METADATA'), on: SUBNET, because: /metadata is "EXCLUDE_ALL_METADATA"/ }),
  row({ default: 'FlowLogs subnet has flow logs', rule: 'GCP.Network.SubnetFlowLogs', mutate: unset(SUBNET, 'log_config'), on: SUBNET, because: /log_config is absent/ }),
  row({ default: 'FlowLogs subnet samples every flow (1.0)', rule: 'GCP.Network.SubnetFlowSampling', mutate: set(SUBNET, 'log_config.flow_sampling', 0.5), on: SUBNET, because: /flow_sampling is 0.5, below 1/ }),
  row({ default: 'FlowLogs subnet logs without a filter', rule: 'GCP.Network.SubnetFlowSampling', mutate: set(SUBNET, 'log_config.filter_expr', "connection.dest_port == 443"), on: SUBNET, because: /filter_expr is/ }),
  row({ default: 'FlowLogs network is custom-mode', rule: 'GCP.Network.VpcFlowLogCoverage', mutate: set(NETWORK, 'auto_create_subnetworks', true), on: NETWORK, because: /auto_create_subnetworks is true/ }),
  row({ default: 'FlowLogs network has a logged subnet', rule: 'GCP.Network.VpcFlowLogCoverage', mutate: unset(SUBNET, 'log_config'), on: NETWORK, because: /none of its 1 subnetwork\(s\) has a log_config/ }),
  row({
    default: 'FlowLogs deny-all-ingress rule is logged (log_config and the deprecated enable_logging, which FlowLogs both sets, are flipped together)',
    rule: 'GCP.Network.FirewallLogging',
    mutate: all(unset(DENY_INGRESS, 'log_config'), set(DENY_INGRESS, 'enable_logging', false)),
    on: DENY_INGRESS,
    because: /log_config is absent and enable_logging is false/,
  }),
  row({
    default: 'FlowLogs allow-all-egress rule is logged (log_config and enable_logging flipped together)',
    rule: 'GCP.Network.FirewallLogging',
    mutate: all(unset(ALLOW_EGRESS, 'log_config'), set(ALLOW_EGRESS, 'enable_logging', false)),
    on: ALLOW_EGRESS,
    because: /log_config is absent and enable_logging is false/,
  }),
  row({
    default: 'FlowLogs logs the allow-all-egress rule, so no egress falls to the implied rule unlogged (log_config and enable_logging flipped together)',
    rule: 'GCP.Network.EgressLogged',
    mutate: all(unset(ALLOW_EGRESS, 'log_config'), set(ALLOW_EGRESS, 'enable_logging', false)),
    on: NETWORK,
    because: /implied allow-egress rule is never logged \(google_compute_firewall\.\S+ is not logged\)/,
  }),
  row({
    default: 'FlowLogs egress rule covers 0.0.0.0/0',
    rule: 'GCP.Network.EgressLogged',
    mutate: set(ALLOW_EGRESS, 'destination_ranges', ['10.0.0.0/8']),
    on: NETWORK,
    because: /matches only destination_ranges \["10.0.0.0\/8"\]/,
  }),
  row({ default: 'FlowLogs firewall logs include all metadata', rule: 'GCP.Network.FirewallLogMetadata', mutate: set(DENY_INGRESS, 'log_config.metadata', 'EXCLUDE_ALL_METADATA'), on: DENY_INGRESS, because: /metadata is "EXCLUDE_ALL_METADATA"/ }),
  row({ default: 'FlowLogs DNS policy logs queries', rule: 'GCP.Dns.PolicyLogging', mutate: set(DNS_POLICY, 'enable_logging', false), on: DNS_POLICY, because: /enable_logging is false/ }),
  row({ default: 'FlowLogs DNS policy is attached to the network', rule: 'GCP.Dns.NetworkLogging', mutate: set(DNS_POLICY, 'networks', []), on: NETWORK, because: /no google_dns_policy in the input names this network/ }),
  row({ default: 'FlowLogs network DNS policy logs', rule: 'GCP.Dns.NetworkLogging', mutate: set(DNS_POLICY, 'enable_logging', false), on: NETWORK, because: /attached DNS policies do not log/ }),
  row({ default: 'FlowLogs NAT logging is on', rule: 'GCP.Network.NatLogging', mutate: set(NAT, 'log_config.enable', false), on: NAT, because: /log_config.enable is false/ }),
  row({ default: 'FlowLogs NAT logs ALL', rule: 'GCP.Network.NatLogging', mutate: set(NAT, 'log_config.filter', 'ERRORS_ONLY'), on: NAT, because: /log_config.filter is "ERRORS_ONLY"/ }),
  row({ default: 'FlowLogs NAT has a log_config', rule: 'GCP.Network.NatLogging', mutate: unset(NAT, 'log_config'), on: NAT, because: /log_config is absent/ }),

  // Vertex AI (VertexAiAudit)
  row({ default: 'VertexAiAudit endpoint logs requests and responses', rule: 'GCP.Vertex.EndpointRequestLogging', mutate: set(ENDPOINT, 'predict_request_response_logging_config.enabled', false), on: ENDPOINT, because: /enabled is false/ }),
  row({ default: 'VertexAiAudit endpoint logging samples above 0', rule: 'GCP.Vertex.EndpointRequestLogging', mutate: set(ENDPOINT, 'predict_request_response_logging_config.sampling_rate', 0), on: ENDPOINT, because: /sampling_rate is 0: no request is logged/ }),
  row({ default: 'VertexAiAudit endpoint logs into BigQuery', rule: 'GCP.Vertex.EndpointRequestLogging', mutate: set(ENDPOINT, 'predict_request_response_logging_config.bigquery_destination.output_uri', 'gs://not-bigquery/logs'), on: ENDPOINT, because: /not a bq:\/\/ URI/ }),
  row({ default: 'VertexAiAudit endpoint logs every prediction (sampling 1.0)', rule: 'GCP.Vertex.EndpointLogSampling', mutate: set(ENDPOINT, 'predict_request_response_logging_config.sampling_rate', 0.5), on: ENDPOINT, because: /sampling_rate is 0.5, below 1/ }),
  row({ default: 'VertexAiAudit endpoint uses CMEK', rule: 'GCP.Vertex.Cmek', mutate: unset(ENDPOINT, 'encryption_spec'), on: ENDPOINT, because: /kms_key_name is absent/ }),
  row({ default: 'VertexAiAudit dataset uses CMEK', rule: 'GCP.Vertex.Cmek', mutate: unset(VERTEX_DATASET, 'encryption_spec'), on: VERTEX_DATASET, because: /kms_key_name is absent/ }),
  row({ default: 'VertexAiAudit Workbench instance has no public IP', rule: 'GCP.Workbench.NoPublicIp', mutate: set(WORKBENCH, 'gce_setup.disable_public_ip', false), on: WORKBENCH, because: /disable_public_ip is false/ }),
  row({ default: 'VertexAiAudit Workbench instance uses secure boot', rule: 'GCP.Workbench.Hardening', mutate: set(WORKBENCH, 'gce_setup.shielded_instance_config.enable_secure_boot', false), on: WORKBENCH, because: /enable_secure_boot is false/ }),
  row({ default: 'VertexAiAudit Workbench instance has a vTPM', rule: 'GCP.Workbench.Hardening', mutate: set(WORKBENCH, 'gce_setup.shielded_instance_config.enable_vtpm', false), on: WORKBENCH, because: /enable_vtpm is false/ }),
  row({ default: 'VertexAiAudit Workbench instance has integrity monitoring', rule: 'GCP.Workbench.Hardening', mutate: set(WORKBENCH, 'gce_setup.shielded_instance_config.enable_integrity_monitoring', false), on: WORKBENCH, because: /enable_integrity_monitoring is false/ }),
  row({ default: 'VertexAiAudit Workbench instance denies root', rule: 'GCP.Workbench.Hardening', mutate: set(WORKBENCH, 'gce_setup.metadata.notebook-disable-root', 'false'), on: WORKBENCH, because: /notebook-disable-root is "false": the notebook user can become root/ }),
  row({ default: 'VertexAiAudit Workbench boot disk uses CMEK', rule: 'GCP.Workbench.Hardening', mutate: set(WORKBENCH, 'gce_setup.boot_disk.disk_encryption', 'GMEK'), on: WORKBENCH, because: /boot_disk.disk_encryption is "GMEK"/ }),
  row({ default: 'VertexAiAudit Workbench data disk uses CMEK', rule: 'GCP.Workbench.Hardening', mutate: set(WORKBENCH, 'gce_setup.data_disks.disk_encryption', 'GMEK'), on: WORKBENCH, because: /data_disks.disk_encryption is "GMEK"/ }),
  row({ default: 'VertexAiAudit request-log dataset has prevent_destroy', rule: 'GCP.BigQuery.EvidenceDatasetRetained', mutate: unset(REQUEST_LOG_DATASET, 'lifecycle'), on: REQUEST_LOG_DATASET, because: /prevent_destroy is not true/ }),
  row({ default: 'VertexAiAudit request-log dataset keeps its contents on destroy', rule: 'GCP.BigQuery.EvidenceDatasetRetained', mutate: set(REQUEST_LOG_DATASET, 'delete_contents_on_destroy', true), on: REQUEST_LOG_DATASET, because: /delete_contents_on_destroy is true/ }),
  row({ default: 'VertexAiAudit request-log dataset uses the CMEK key', rule: 'GCP.BigQuery.EvidenceDatasetCmek', mutate: unset(REQUEST_LOG_DATASET, 'default_encryption_configuration'), on: REQUEST_LOG_DATASET, because: /default_encryption_configuration.kms_key_name is absent/ }),
  row({ default: 'VertexAiAudit request-log dataset has no table expiry', rule: 'GCP.BigQuery.EvidenceDatasetRetained', mutate: set(REQUEST_LOG_DATASET, 'default_table_expiration_ms', String(30 * DAY_SECONDS * 1000)), on: REQUEST_LOG_DATASET, because: /default_table_expiration_ms is "2592000000", below the floor/ }),

  // Keys (ForensicKey)
  row({ default: 'ForensicKey crypto key has prevent_destroy', rule: 'GCP.Kms.KeyNotDestroyable', mutate: unset(KEY, 'lifecycle'), on: KEY, because: /prevent_destroy is not true/ }),
  row({ default: 'ForensicKey key ring has prevent_destroy', rule: 'GCP.Kms.KeyNotDestroyable', mutate: unset(KEY_RING, 'lifecycle'), on: KEY_RING, because: /destroy of the key ring destroys every key version/ }),
  row({ default: 'ForensicKey rotates', rule: 'GCP.Kms.KeyRotation', mutate: unset(KEY, 'rotation_period'), on: KEY, because: /rotation_period is absent: the key never rotates/ }),
  row({ default: 'ForensicKey rotates every 90 days', rule: 'GCP.Kms.KeyRotation', mutate: set(KEY, 'rotation_period', `${91 * DAY_SECONDS}s`), on: KEY, because: /rotation_period is "7862400s" \(91.0 days\), longer than 90 days/ }),
];

describe('GCP guard: every secure default of the reference stack has a rule that fires when it is flipped', () => {
  let docs: Docs;
  let baseline: readonly Finding[];

  beforeAll(() => {
    docs = synthStacks((app) => createGcpStacks(app));
    baseline = findingsOf(docs, GCP_RULES);
  });

  test('the reference stack synthesizes one document, with construct paths, and no NON_COMPLIANT finding', () => {
    expect(Object.keys(docs)).toEqual([GCP_STACK_NAME]);
    expect(findResource(docs[GCP_STACK_NAME], ...EVIDENCE_BUCKET).address).toMatch(/^google_storage_bucket\.EvidenceBucket_/);
    expect(baseline.filter((f) => f.verdict === 'NON_COMPLIANT')).toEqual([]);
  });

  test.each(ROWS)('$default ($rule)', (r) => {
    expectGuardFires(r, docs, baseline, GCP_RULES);
  });

  test('every GCP rule guards at least one default, and every row names a GCP rule', () => {
    expectRowsCoverRules(GCP_RULES, ROWS);
  });
});
