/**
 * One index per resource model, built once on first use in one pass over the resources it needs,
 * that answers the cross-resource questions of the GCP rules: where a sink (or a Cloud Storage
 * subscription) writes, which buckets
 * and datasets hold evidence, which DNS policies, subnetworks and firewall rules belong to a network, which
 * services the audit configs of a scope cover, and whether a bucket is locked.
 */
import { isUnresolved, PLAN_REFERENCES_ATTRIBUTE, ResourceModel, UNRESOLVED, Unresolved, modelFact } from '../../engine/model';
import { Resource } from '../../engine/types';
import { TAG_KEYS } from '../../../constructs/core/tags';
import { ScopeFacts, scopeOf } from './scope';
import { policyAuditConfigs } from './audit';
import { asBool, asList, AUDIT_CONFIG_TYPES, IAM_POLICY_TYPES, isLiteral, label, literalHead, LOGGING_BUCKET_TYPES, rawAt, show, SINK_TYPES } from './values';

/** The first path segment of a Cloud Logging bucket name, per bucket config type. */
const LOGGING_PARENT: Record<string, { segment: string; property: string }> = {
  google_logging_project_bucket_config: { segment: 'projects', property: 'project' },
  google_logging_folder_bucket_config: { segment: 'folders', property: 'folder' },
  google_logging_organization_bucket_config: { segment: 'organizations', property: 'organization' },
  google_logging_billing_account_bucket_config: { segment: 'billingAccounts', property: 'billing_account' },
};


// ---------------------------------------------------------------------------------------------
// Where a sink writes

export type DestinationKind = 'storage' | 'logging' | 'bigquery' | 'pubsub' | 'project' | 'other';

/** A sink destination: its service, the resources of the input it lands in, or why that is unknown. */
export interface SinkDestination {
  readonly kind: DestinationKind | 'unknown';
  /** The destination as written (interpolations left as they are). */
  readonly text: string;
  /** The buckets, bucket configs or datasets of the input it resolves to. */
  readonly targets: readonly Resource[];
  /** Set when the destination cannot be matched to a resource of the input. */
  readonly unresolved?: string;
}

const DESTINATION_PREFIXES: readonly [string, DestinationKind][] = [
  ['storage.googleapis.com/', 'storage'],
  ['logging.googleapis.com/', 'logging'],
  ['bigquery.googleapis.com/', 'bigquery'],
  ['pubsub.googleapis.com/', 'pubsub'],
];

// ---------------------------------------------------------------------------------------------
// The per-model index

interface GcpIndex {
  readonly bucketsByName: LiteralIndex;
  readonly loggingBucketsById: LiteralIndex;
  readonly datasetsById: LiteralIndex;
  readonly networksByName: LiteralIndex;
  readonly sinkDestinations: Map<Resource, SinkDestination>;
  /** Buckets a sink writes into, or that another bucket's `logging.log_bucket` names. */
  readonly writtenBuckets: Map<Resource, string>;
  /** Buckets that another bucket's `logging.log_bucket` names (they receive usage logs). */
  readonly usageLogBuckets: Set<Resource>;
  /**
   * Buckets another bucket's `dynamic "logging"` block names: they receive its usage logs only if
   * the block generates one, which only the deploy knows. Bucket -> why.
   */
  readonly mayReceiveUsageLogs: Map<Resource, string>;
  /** Buckets whose usage-log destination is known only at deploy, per configuration (model.configurationOf): any bucket of their configuration may receive their usage logs. */
  readonly unplacedUsageLogs: Map<string, Resource[]>;
  /** evidenceBucketReason / evidenceDatasetReason answers, filled on first ask (null: not evidence). */
  readonly evidenceReasons: Map<Resource, string | null>;
  /** Datasets a Vertex endpoint or a sink writes logs into. */
  readonly logDatasets: Map<Resource, string>;
  readonly dnsPoliciesByNetwork: Map<Resource, Resource[]>;
  /** DNS policies whose networks are known only at deploy (a `dynamic "networks"` block, a variable): any network may be theirs. */
  readonly dnsPoliciesOpen: readonly Resource[];
  readonly subnetsByNetwork: Map<Resource, Resource[]>;
  readonly firewallsByNetwork: Map<Resource, Resource[]>;
  readonly audit: AuditIndex;
}

/** Services the audit configs of each scope name (`?`: a service known only at deploy), and those of organization configs. */
export interface AuditIndex {
  readonly services: ScopeFacts;
  readonly organizationServices: ReadonlyMap<string, Resource>;
}

const INDEX = modelFact('GCP index', (model) => buildIndex(model));

/** The index of a model, built on first use. */
export function gcpIndex(model: ResourceModel): GcpIndex {
  return model.fact(INDEX);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function literalProperty(model: ResourceModel, resource: Resource, path: string): string | undefined {
  const v = model.get(resource, path);
  return typeof v === 'string' ? v : undefined;
}

/**
 * Resources of some types by the literal value of one property (a bucket's name, a dataset's id),
 * indexed on the first look-up: most inputs reference their stores, and never look one up by name.
 */
class LiteralIndex {
  private byValue: Map<string, Resource[]> | undefined;

  constructor(
    private readonly model: ResourceModel,
    private readonly types: readonly string[],
    private readonly property: string,
  ) {}

  /** The resources whose property is this literal value, in model order. */
  public get(value: string): Resource[] | undefined {
    if (this.byValue === undefined) {
      this.byValue = new Map();
      for (const r of this.model.ofType(...this.types)) {
        const v = literalProperty(this.model, r, this.property);
        if (v) push(this.byValue, v, r);
      }
    }
    return this.byValue.get(value);
  }
}

function buildIndex(model: ResourceModel): GcpIndex {
  const bucketsByName = new LiteralIndex(model, ['google_storage_bucket'], 'name');
  const loggingBucketsById = new LiteralIndex(model, LOGGING_BUCKET_TYPES, 'bucket_id');
  const datasetsById = new LiteralIndex(model, ['google_bigquery_dataset'], 'dataset_id');
  const networksByName = new LiteralIndex(model, ['google_compute_network'], 'name');

  const partial = { bucketsByName, loggingBucketsById, datasetsById, networksByName };
  const sinkDestinations = new Map<Resource, SinkDestination>();
  const writtenBuckets = new Map<Resource, string>();
  const logDatasets = new Map<Resource, string>();
  for (const sink of model.ofType(...SINK_TYPES)) {
    const dest = resolveDestination(model, sink, partial);
    sinkDestinations.set(sink, dest);
    for (const t of dest.targets) {
      if (t.type === 'google_storage_bucket' && !writtenBuckets.has(t)) writtenBuckets.set(t, `log sink ${sink.address} writes into it`);
      if (t.type === 'google_bigquery_dataset' && !logDatasets.has(t)) logDatasets.set(t, `log sink ${sink.address} writes into it`);
    }
  }
  const usageLogBuckets = new Set<Resource>();
  const mayReceiveUsageLogs = new Map<Resource, string>();
  const unplacedUsageLogs = new Map<string, Resource[]>();
  for (const b of model.ofType('google_storage_bucket')) {
    const logs = logBucketTargets(model, b, bucketsByName);
    for (const t of logs.targets) {
      usageLogBuckets.add(t);
      if (!writtenBuckets.has(t)) writtenBuckets.set(t, `bucket ${b.address} writes its access logs into it (logging.log_bucket)`);
    }
    // A bucket a dynamic block may write into is judged as an evidence store: none escapes judgement.
    for (const t of logs.possible) {
      if (!mayReceiveUsageLogs.has(t)) mayReceiveUsageLogs.set(t, `bucket ${b.address} may write its access logs into it (a dynamic "logging" block)`);
      if (!writtenBuckets.has(t)) writtenBuckets.set(t, `bucket ${b.address} may write its access logs into it through a dynamic "logging" block`);
    }
    if (logs.unplaced) push(unplacedUsageLogs, model.configurationOf(b), b);
  }
  for (const sub of model.ofType('google_pubsub_subscription')) {
    for (const t of subscriptionBucketTargets(model, sub, bucketsByName)) {
      if (!writtenBuckets.has(t)) writtenBuckets.set(t, `Pub/Sub subscription ${sub.address} writes into it (cloud_storage_config)`);
    }
  }
  for (const ep of model.ofType('google_vertex_ai_endpoint')) {
    for (const t of requestLogDatasets(model, ep, datasetsById)) {
      if (!logDatasets.has(t)) logDatasets.set(t, `Vertex endpoint ${ep.address} writes request-response logs into it`);
    }
  }

  const dnsPoliciesByNetwork = new Map<Resource, Resource[]>();
  const dnsPoliciesOpen: Resource[] = [];
  for (const policy of model.ofType('google_dns_policy')) {
    if (isUnresolved(model.get(policy, 'networks'))) {
      dnsPoliciesOpen.push(policy);
      continue;
    }
    for (const entry of asList(policy.properties.networks)) {
      const url = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).network_url : undefined;
      for (const n of networkTargets(model, policy, url, networksByName)) push(dnsPoliciesByNetwork, n, policy);
    }
  }
  const subnetsByNetwork = new Map<Resource, Resource[]>();
  for (const s of model.ofType('google_compute_subnetwork')) {
    for (const n of networkTargets(model, s, s.properties.network, networksByName)) push(subnetsByNetwork, n, s);
  }
  const firewallsByNetwork = new Map<Resource, Resource[]>();
  for (const f of model.ofType('google_compute_firewall')) {
    for (const n of networkTargets(model, f, f.properties.network, networksByName)) push(firewallsByNetwork, n, f);
  }

  return {
    ...partial,
    sinkDestinations,
    writtenBuckets,
    usageLogBuckets,
    mayReceiveUsageLogs,
    unplacedUsageLogs,
    evidenceReasons: new Map(),
    logDatasets,
    dnsPoliciesByNetwork,
    dnsPoliciesOpen,
    subnetsByNetwork,
    firewallsByNetwork,
    audit: buildAuditIndex(model),
  };
}

/** The destination service of each resource type a sink can write into. */
const DESTINATION_KIND_OF_TYPE: Record<string, DestinationKind> = {
  google_storage_bucket: 'storage',
  google_logging_project_bucket_config: 'logging',
  google_logging_folder_bucket_config: 'logging',
  google_logging_organization_bucket_config: 'logging',
  google_logging_billing_account_bucket_config: 'logging',
  google_bigquery_dataset: 'bigquery',
  google_pubsub_topic: 'pubsub',
};

/**
 * When the destination text says nothing about its service (a whole `${...}` reference, or a
 * plan value known only after apply), the resource it references says it: the references in the
 * value, or, for a plan, the resources its configuration references.
 */
function destinationByReference(model: ResourceModel, sink: Resource, raw: unknown, text: string): SinkDestination | undefined {
  const found = model.targets(raw, sink);
  const planRefs = sink.attributes[PLAN_REFERENCES_ATTRIBUTE];
  if (found.length === 0 && Array.isArray(planRefs)) {
    for (const a of planRefs) {
      const r = typeof a === 'string' ? model.byAddress(a, sink) : undefined;
      if (r) found.push(r);
    }
  }
  const stores = [...new Set(found.filter((r) => DESTINATION_KIND_OF_TYPE[r.type] !== undefined))];
  const kinds = new Set(stores.map((r) => DESTINATION_KIND_OF_TYPE[r.type]));
  if (kinds.size !== 1) return undefined;
  const [kind] = kinds;
  return { kind, text: text || stores.map((r) => r.address).join(', '), targets: stores };
}

function resolveDestination(
  model: ResourceModel,
  sink: Resource,
  idx: Pick<GcpIndex, 'bucketsByName' | 'loggingBucketsById' | 'datasetsById'>,
): SinkDestination {
  const raw = sink.properties.destination;
  let text: string;
  if (typeof raw === 'string') text = raw;
  else {
    const v = model.resolve(raw, sink);
    if (typeof v !== 'string') {
      return destinationByReference(model, sink, raw, '') ?? { kind: 'unknown', text: show(v), targets: [], unresolved: `destination is ${show(v)}` };
    }
    text = v;
  }
  // A whole-string reference (`${local.x}`, `${google_x.y.attr}`) may resolve to a literal.
  if (text.startsWith('${')) {
    const v = model.resolve(text, sink);
    if (typeof v === 'string') text = v;
  }
  const head = literalHead(text);
  const match = DESTINATION_PREFIXES.find(([p]) => head.startsWith(p));
  if (!match) {
    if (text.startsWith('${')) {
      return (
        destinationByReference(model, sink, text, text) ?? { kind: 'unknown', text, targets: [], unresolved: `destination ${text} is known only at deploy` }
      );
    }
    return { kind: 'other', text, targets: [] };
  }
  const [prefix, kind] = match;
  const tail = text.slice(prefix.length);
  const refs = model.targets(text, sink);

  if (kind === 'storage') {
    const buckets = refs.filter((r) => r.type === 'google_storage_bucket');
    // Kept per sink at its size: a filtered list keeps room for 16.
    if (buckets.length > 0) return { kind, text, targets: buckets.slice() };
    if (isLiteral(tail)) {
      const byName = idx.bucketsByName.get(tail) ?? [];
      if (byName.length > 0) return { kind, text, targets: byName };
      return { kind, text, targets: [], unresolved: `destination ${text} names bucket "${tail}", which is not in the input` };
    }
    return { kind, text, targets: [], unresolved: `destination ${text} names a bucket known only at deploy` };
  }

  if (kind === 'logging') {
    const configs = refs.filter((r) => (LOGGING_BUCKET_TYPES as readonly string[]).includes(r.type));
    if (configs.length > 0) return { kind, text, targets: configs };
    const seg = tail.split('/');
    if (seg.length === 2 && seg[0] === 'projects') {
      return { kind: 'project', text, targets: [], unresolved: `destination ${text} routes to another project's log router, not to storage; judge that project's sinks` };
    }
    if (seg.length === 6 && seg[2] === 'locations' && seg[4] === 'buckets' && isLiteral(seg[5])) {
      const candidates = (idx.loggingBucketsById.get(seg[5]) ?? []).filter((c) => {
        const parent = LOGGING_PARENT[c.type];
        if (parent.segment !== seg[0]) return false;
        const loc = literalProperty(model, c, 'location');
        if (isLiteral(seg[3]) && loc !== undefined && loc !== seg[3]) return false;
        const pid = literalProperty(model, c, parent.property);
        return !(isLiteral(seg[1]) && pid !== undefined && pid !== seg[1] && !pid.endsWith(`/${seg[1]}`));
      });
      if (candidates.length > 0) return { kind, text, targets: candidates };
      return { kind, text, targets: [], unresolved: `destination ${text} names logging bucket "${seg[5]}", which is not in the input` };
    }
    return { kind, text, targets: [], unresolved: `destination ${text} names a logging bucket known only at deploy` };
  }

  if (kind === 'bigquery') {
    const datasets = refs.filter((r) => r.type === 'google_bigquery_dataset');
    if (datasets.length > 0) return { kind, text, targets: datasets };
    const m = /^projects\/([^/]+)\/datasets\/([^/]+)$/.exec(tail);
    const byId = m && isLiteral(m[2]) ? idx.datasetsById.get(m[2]) ?? [] : [];
    return { kind, text, targets: byId };
  }
  return { kind, text, targets: [] };
}

/** Where a sink writes (cached). */
export function sinkDestination(model: ResourceModel, sink: Resource): SinkDestination {
  return gcpIndex(model).sinkDestinations.get(sink) ?? resolveDestination(model, sink, gcpIndex(model));
}

/**
 * Where a bucket writes its usage logs: `targets` (buckets of the input its `logging` block
 * names), `possible` (buckets a `dynamic "logging"` block names: the block exists only if its
 * for_each is not empty), and `unplaced` when a destination is known only at deploy (a variable,
 * a dynamic block's iterator value, a `logging` list that is itself a variable).
 */
function logBucketTargets(model: ResourceModel, bucket: Resource, byName: LiteralIndex): { targets: Resource[]; possible: Resource[]; unplaced: boolean } {
  const out = { targets: [] as Resource[], possible: [] as Resource[], unplaced: false };
  const logging = bucket.properties.logging;
  // The loader marks a block that a dynamic block generates as UNRESOLVED; its content says where it would write.
  const dynamic = isUnresolved(logging);
  const entries = dynamic ? dynamicContents(bucket.properties.dynamic, 'logging') : asList(logging);
  if (dynamic && entries.length === 0) out.unplaced = true;
  for (const entry of entries) {
    // An expression where a block belongs (`logging = var.blocks`) is known only at deploy.
    if (isUnresolved(entry) || typeof entry === 'string') {
      out.unplaced = true;
      continue;
    }
    if (!entry || typeof entry !== 'object') continue;
    const raw = (entry as Record<string, unknown>).log_bucket;
    const into = dynamic ? out.possible : out.targets;
    const refs = model.targets(raw, bucket).filter((r) => r.type === 'google_storage_bucket' && r !== bucket);
    if (refs.length > 0) {
      into.push(...refs);
      continue;
    }
    const v = model.resolve(raw, bucket);
    if (typeof v === 'string') into.push(...(byName.get(v) ?? []).filter((r) => r !== bucket));
    else if (isUnresolved(v)) out.unplaced = true;
  }
  return out;
}

/**
 * The `content` of each `dynamic "<block>"` entry of a Terraform JSON resource body (`dynamic` is
 * an object of block type to `{for_each, content}`, or a list of such objects).
 */
function dynamicContents(dynamic: unknown, block: string): unknown[] {
  const out: unknown[] = [];
  for (const d of asList(dynamic)) {
    if (!d || typeof d !== 'object' || isUnresolved(d)) continue;
    for (const spec of asList((d as Record<string, unknown>)[block])) {
      if (isUnresolved(spec)) out.push(UNRESOLVED);
      else if (spec && typeof spec === 'object') {
        // A content that is not a block (an expression) says nothing the input knows.
        for (const c of asList((spec as Record<string, unknown>).content)) out.push(c && typeof c === 'object' ? c : UNRESOLVED);
      }
    }
  }
  return out;
}

/** The buckets a Cloud Storage subscription writes into: by reference, or by literal name. */
function subscriptionBucketTargets(model: ResourceModel, sub: Resource, byName: LiteralIndex): Resource[] {
  const raw = rawAt(sub, 'cloud_storage_config.bucket');
  if (raw === undefined) return [];
  const refs = model.targets(raw, sub).filter((r) => r.type === 'google_storage_bucket');
  if (refs.length > 0) return refs;
  const v = model.resolve(raw, sub);
  return typeof v === 'string' ? byName.get(v) ?? [] : [];
}

/**
 * The datasets of the input a Vertex endpoint's request-response logging writes into: those its
 * output_uri references, or the one a literal `bq://project.dataset[.table]` names (by dataset_id,
 * and by project where the dataset's is literal). Empty when it names none of the input.
 */
export function requestLogDestination(model: ResourceModel, endpoint: Resource): Resource[] {
  return requestLogDatasets(model, endpoint, gcpIndex(model).datasetsById);
}

function requestLogDatasets(model: ResourceModel, endpoint: Resource, byId: LiteralIndex): Resource[] {
  const cfg = asList(endpoint.properties.predict_request_response_logging_config)[0];
  if (!cfg || typeof cfg !== 'object') return [];
  const dest = asList((cfg as Record<string, unknown>).bigquery_destination)[0];
  if (!dest || typeof dest !== 'object') return [];
  const raw = (dest as Record<string, unknown>).output_uri;
  const refs = model.targets(raw, endpoint).filter((r) => r.type === 'google_bigquery_dataset');
  if (refs.length > 0) return refs;
  const uri = model.resolve(raw, endpoint);
  if (typeof uri !== 'string' || !uri.startsWith('bq://')) return [];
  const parts = uri.slice('bq://'.length).split('.');
  if (parts.length < 2) return [];
  return (byId.get(parts[1]) ?? []).filter((d) => {
    const project = literalProperty(model, d, 'project');
    return project === undefined || project === parts[0];
  });
}

/** The networks a `network` / `network_url` value names: by reference, or by a literal name or URL. */
function networkTargets(model: ResourceModel, from: Resource, raw: unknown, byName: LiteralIndex): Resource[] {
  const refs = model.targets(raw, from).filter((r) => r.type === 'google_compute_network');
  if (refs.length > 0) return refs;
  const v = model.resolve(raw, from);
  if (typeof v !== 'string') return [];
  const name = v.includes('/') ? v.slice(v.lastIndexOf('/') + 1) : v;
  return byName.get(name) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Audit configs

/**
 * Audit configs build one fact per service they name (`?` for a service known only at deploy),
 * per scope (see scope.ts for how scopes match). Organization-level configs are inherited by every
 * folder and project below the organization; the input does not say which organization a project
 * sits in, so an organization config of the input is taken to be theirs.
 */
function buildAuditIndex(model: ResourceModel): AuditIndex {
  const services = new ScopeFacts();
  const organizationServices = new Map<string, Resource>();
  for (const r of model.ofType(...AUDIT_CONFIG_TYPES)) {
    const service = model.get(r, 'service');
    const fact = typeof service === 'string' ? service : '?';
    services.add(scopeOf(model, r), fact, r);
    if (r.type === 'google_organization_iam_audit_config' && !organizationServices.has(fact)) organizationServices.set(fact, r);
  }
  // An authoritative IAM policy sets the audit configs of its parent: those of its policy_data, or '?' when they are known only at deploy.
  for (const r of model.ofType(...IAM_POLICY_TYPES)) {
    const read = policyAuditConfigs(model, r);
    const facts = read.known ? read.configs.map((c) => (typeof c.service === 'string' ? c.service : '?')) : ['?'];
    for (const fact of facts) {
      services.add(scopeOf(model, r), fact, r);
      if (r.type === 'google_organization_iam_policy' && !organizationServices.has(fact)) organizationServices.set(fact, r);
    }
  }
  return { services, organizationServices };
}

// ---------------------------------------------------------------------------------------------
// Evidence stores

/** Why a bucket is an evidence bucket, or undefined when it is not one (asked by several rules: cached). */
export function evidenceBucketReason(model: ResourceModel, bucket: Resource): string | undefined {
  return evidenceReason(model, bucket, gcpIndex(model).writtenBuckets);
}

function evidenceReason(model: ResourceModel, store: Resource, written: Map<Resource, string>): string | undefined {
  const reasons = gcpIndex(model).evidenceReasons;
  let reason = reasons.get(store);
  if (reason === undefined) {
    const tag = label(model, store, TAG_KEYS.evidenceStore);
    reason = written.get(store) ?? (tag === 'true' || tag === true ? `it is labelled ${TAG_KEYS.evidenceStore}=true` : null);
    reasons.set(store, reason);
  }
  return reason ?? undefined;
}

export function isEvidenceBucket(bucket: Resource, ctx: { model: ResourceModel }): boolean {
  return evidenceBucketReason(ctx.model, bucket) !== undefined;
}

/** Why a dataset holds evidence (request-response or routed logs, or the label), or undefined. */
export function evidenceDatasetReason(model: ResourceModel, dataset: Resource): string | undefined {
  return evidenceReason(model, dataset, gcpIndex(model).logDatasets);
}

export function isEvidenceDataset(dataset: Resource, ctx: { model: ResourceModel }): boolean {
  return evidenceDatasetReason(ctx.model, dataset) !== undefined;
}

/**
 * Whether a storage bucket's retention policy is locked: true, false (with the reason), or
 * UNRESOLVED. Used by the sink rule; the bucket's own rule also judges the retention period.
 */
export function storageLock(model: ResourceModel, bucket: Resource): { locked: boolean | Unresolved; why: string } {
  const policy = model.get(bucket, 'retention_policy');
  if (isUnresolved(policy)) return { locked: UNRESOLVED, why: `${bucket.address} retention_policy is ${show(policy)}` };
  if (policy === undefined || (Array.isArray(policy) && policy.length === 0)) {
    return { locked: false, why: `${bucket.address} has no retention_policy` };
  }
  const locked = asBool(model.get(bucket, 'retention_policy.is_locked'));
  if (isUnresolved(locked)) return { locked: UNRESOLVED, why: `${bucket.address} retention_policy.is_locked is ${show(locked)}` };
  return locked === true
    ? { locked: true, why: `${bucket.address} retention_policy.is_locked is true` }
    : { locked: false, why: `${bucket.address} retention_policy.is_locked is ${show(locked)}` };
}

/**
 * Whether a Cloud Logging bucket config is locked. Only google_logging_project_bucket_config has a
 * `locked` argument in google provider 6.50; folder, organization and billing-account bucket
 * configs cannot be locked through Terraform at all.
 */
export function loggingLock(model: ResourceModel, config: Resource): { locked: boolean | Unresolved; why: string } {
  const raw = model.get(config, 'locked');
  const locked = asBool(raw);
  if (isUnresolved(locked)) return { locked: UNRESOLVED, why: `${config.address} locked is ${show(raw)}` };
  if (locked === true) return { locked: true, why: `${config.address} locked is true` };
  if (raw === undefined && config.type !== 'google_logging_project_bucket_config') {
    return {
      locked: false,
      why: `${config.address} has no locked argument: ${config.type} cannot be locked through Terraform (google provider 6.50)`,
    };
  }
  return { locked: false, why: `${config.address} locked is ${show(raw)}` };
}
