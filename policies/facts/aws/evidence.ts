/**
 * Shared logic of the AWS rules: which buckets and log groups hold evidence (built once per model
 * from the log producers of the inputs), whether a bucket is locked, whether a log group keeps
 * its records long enough, and which KMS keys protect evidence.
 *
 * An evidence store is a bucket or log group tagged `forensic-evidence-store=true`, or one a log
 * producer writes into: a CloudTrail trail (S3BucketName), a VPC flow log (LogDestination), a
 * Resolver query log config (DestinationArn), SageMaker data capture (DestinationS3Uri), S3 server
 * access logging (LoggingConfiguration.DestinationBucketName; without it the bucket logs into
 * itself), Elastic Load Balancing and CloudFront logs, a GuardDuty publishing destination
 * (DestinationArn), and replication of an evidence bucket (a replica of a content bucket is data).
 * Every other bucket is a data bucket. Destinations are matched by reference and by literal name
 * or ARN, in the producer's own input first; a name several other inputs hold marks each of their
 * stores (so none passes unjudged); a destination that cannot be resolved marks no store.
 */
import type { EvidenceSourceId } from '../../../constructs/core/evidence-sources';
import { TAG_KEYS } from '../../../constructs/core/tags';
import { DeclaredStore, EvidenceContext, declaredStore } from '../../engine/context';
import { ResourceModel, UNRESOLVED, Unresolved, isUnresolved, modelFact, resourceFact } from '../../engine/model';
import { Judgement, Resource, compliant, nonCompliant, unknown } from '../../engine/types';
import {
  BUCKET,
  LOG_GROUP,
  Target,
  asBool,
  asNumber,
  bucketByArn,
  bucketByDomainName,
  bucketByName,
  bucketByS3Uri,
  logGroupByArn,
  logGroupByName,
  rawAt,
  rawList,
  render,
  show,
} from './refs';
import { SUBSCRIPTION_FILTER, firehoseBucket, subscriptionDestination } from './subscriptions';

export * from './refs';

/** What writes into an evidence store. */
export type EvidenceRole =
  | 'CloudTrail trail'
  | 'VPC flow log'
  | 'Resolver query log'
  | 'SageMaker data capture'
  | 'S3 server access logs'
  | 'S3 replication'
  | 'GuardDuty findings export'
  | 'SageMaker log group name'
  | 'Load balancer access logs'
  | 'CloudFront standard logs'
  | 'AWS Config delivery channel'
  | 'tag forensic-evidence-store=true'
  | 'Firehose delivery stream';

/**
 * Producers whose delivery a locked, SSE-KMS bucket refuses or that AWS does not document as
 * delivering into one: S3 server access logs (no Object Lock destination), Elastic Load Balancing
 * access logs (SSE-S3 only), CloudFront standard logs (ACL-based delivery), the AWS Config
 * delivery channel (no bucket with Object Lock enabled: CloudFormation reference,
 * AWS::Config::DeliveryChannel) and Firehose (its documentation does not say it can write into an
 * Object Lock bucket). Their buckets are evidence stores (retained, versioned, TLS only, never
 * public) but are not required to be locked; AWS.Config.DeliveryToEvidence and
 * AWS.SageMaker.JobLogsExported judge the replication of those buckets into a locked one.
 */
const DELIVERY_LIMITED: ReadonlySet<EvidenceRole> = new Set<EvidenceRole>(['S3 server access logs', 'Load balancer access logs', 'CloudFront standard logs', 'AWS Config delivery channel', 'Firehose delivery stream']);

/** The evidence source the kit's AccessLogBucket is tagged with: a tagged store of it receives S3 server access logs. */
const ACCESS_LOG_SOURCE: EvidenceSourceId = 'storage-data-access';

/** The load balancer attributes naming the bucket its access, connection or health check logs go to. */
const LB_LOG_BUCKET = /^(access|connection|health_check)_logs\.s3\.bucket$/;

/** The roles of a store nobody writes into. */
const NO_ROLES: ReadonlyMap<EvidenceRole, Resource[]> = new Map();

class EvidenceIndex {
  public readonly buckets = new Map<Resource, Map<EvidenceRole, Resource[]>>();
  public readonly logGroups = new Map<Resource, Map<EvidenceRole, Resource[]>>();
  public readonly keys = new Set<Resource>();
  public readonly policies = new Map<Resource, Resource[]>();
  /** Bucket policies whose Bucket is only known at deploy, per file: any of them may be a bucket's. */
  public readonly unplacedPolicies = new Map<string, Resource[]>();
  private written?: Map<Resource, Array<readonly [EvidenceRole, Resource]>>;

  constructor(private readonly model: ResourceModel) {
    const m = model;
    const replication: Array<[Resource, Resource]> = [];
    for (const t of m.ofType('AWS::CloudTrail::Trail')) {
      this.addBucket(trailBucket(m, t), 'CloudTrail trail', t);
      this.addLogGroup(logGroupByArn(m, rawAt(m, t, 'CloudWatchLogsLogGroupArn'), t), 'CloudTrail trail', t);
    }
    for (const f of m.ofType('AWS::EC2::FlowLog')) {
      const d = flowLogDestination(m, f);
      if (d.type === 's3') this.addBucket(d.target, 'VPC flow log', f);
      if (d.type === 'cloud-watch-logs') this.addLogGroup(d.target, 'VPC flow log', f);
    }
    for (const c of m.ofType('AWS::Route53Resolver::ResolverQueryLoggingConfig')) {
      const raw = rawAt(m, c, 'DestinationArn');
      this.addBucket(bucketByArn(m, raw, c), 'Resolver query log', c);
      this.addLogGroup(logGroupByArn(m, raw, c), 'Resolver query log', c);
    }
    for (const e of m.ofType('AWS::SageMaker::EndpointConfig')) {
      this.addBucket(bucketByS3Uri(m, rawAt(m, e, 'DataCaptureConfig.DestinationS3Uri'), e), 'SageMaker data capture', e);
    }
    for (const b of m.ofType(BUCKET)) {
      const logging = rawAt(m, b, 'LoggingConfiguration');
      if (logging !== undefined && !isUnresolved(logging)) {
        const dest = rawAt(m, b, 'LoggingConfiguration.DestinationBucketName');
        // Without a destination, S3 delivers the bucket's access logs into the bucket itself.
        this.addBucket(dest === undefined ? { kind: 'resource', resource: b, text: 'self' } : bucketByName(m, dest, b), 'S3 server access logs', b);
      }
      const rules = rawList(m, b, rawAt(m, b, 'ReplicationConfiguration.Rules'));
      if (!isUnresolved(rules)) {
        for (const rule of rules) replication.push(...replicaBuckets(m, b, rule));
      }
      // Several resources configuring the bucket's logging or replication, in no set order: whichever
      // is applied last delivers, so every destination any of them names receives what it would.
      for (const c of b.translatedFrom?.competing ?? []) {
        if (c.setting === 'LoggingConfiguration') {
          for (const v of c.values) {
            const dest = v && typeof v === 'object' ? (v as Record<string, unknown>).DestinationBucketName : undefined;
            if (v !== undefined && !isUnresolved(v)) this.addBucket(dest === undefined ? { kind: 'resource', resource: b, text: 'self' } : bucketByName(m, dest, b), 'S3 server access logs', b);
          }
        } else if (c.setting === 'ReplicationConfiguration') {
          for (const v of c.values) {
            const list = v && typeof v === 'object' ? rawList(m, b, (v as Record<string, unknown>).Rules) : [];
            if (!isUnresolved(list)) for (const rule of list) replication.push(...replicaBuckets(m, b, rule));
          }
        }
      }
      const tag = storeTag(m, b);
      if (tag !== undefined) this.addBucket({ kind: 'resource', resource: b, text: 'self' }, tag === ACCESS_LOG_SOURCE ? 'S3 server access logs' : 'tag forensic-evidence-store=true', b);
    }
    for (const lb of m.ofType('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      const attrs = rawList(m, lb, rawAt(m, lb, 'LoadBalancerAttributes'));
      if (isUnresolved(attrs)) continue;
      for (const a of attrs) {
        const kv = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>;
        // access_logs, connection_logs (ALB) and health_check_logs (ALB) all deliver into S3.
        if (typeof kv.Key === 'string' && LB_LOG_BUCKET.test(kv.Key)) this.addBucket(bucketByName(m, kv.Value, lb), 'Load balancer access logs', lb);
      }
    }
    for (const lb of m.ofType('AWS::ElasticLoadBalancing::LoadBalancer')) {
      this.addBucket(bucketByName(m, rawAt(m, lb, 'AccessLoggingPolicy.S3BucketName'), lb), 'Load balancer access logs', lb);
    }
    for (const d of m.ofType('AWS::CloudFront::Distribution')) {
      this.addBucket(bucketByDomainName(m, rawAt(m, d, 'DistributionConfig.Logging.Bucket'), d), 'CloudFront standard logs', d);
    }
    for (const c of m.ofType('AWS::Config::DeliveryChannel')) {
      this.addBucket(bucketByName(m, rawAt(m, c, 'S3BucketName'), c), 'AWS Config delivery channel', c);
    }
    for (const p of m.ofType('AWS::GuardDuty::PublishingDestination')) {
      this.addBucket(bucketByArn(m, rawAt(m, p, 'DestinationProperties.DestinationArn'), p), 'GuardDuty findings export', p);
      this.addKeys(rawAt(m, p, 'DestinationProperties.KmsKeyArn'), p);
    }
    for (const g of m.ofType(LOG_GROUP)) {
      const name = render(m, g.properties.LogGroupName, g);
      if (typeof name === 'string' && name.startsWith('/aws/sagemaker/')) this.addLogGroup({ kind: 'resource', resource: g, text: name }, 'SageMaker log group name', g);
      if (storeTag(m, g) !== undefined) this.addLogGroup({ kind: 'resource', resource: g, text: 'self' }, 'tag forensic-evidence-store=true', g);
    }
    // A Firehose stream that an evidence log group's subscription feeds writes that evidence into its bucket.
    for (const f of m.ofType(SUBSCRIPTION_FILTER)) {
      const g = logGroupByName(m, rawAt(m, f, 'LogGroupName'), f);
      if (g.kind !== 'resource' || !this.logGroups.has(g.resource)) continue;
      const d = subscriptionDestination(m, f);
      if (d.kind === 'stream') this.addBucket(firehoseBucket(m, d.stream), 'Firehose delivery stream', d.stream);
    }
    // A replica holds evidence only when what it replicates does: a replica of a content bucket is
    // a data bucket. Followed to a fixed point, so a chain of replicas is judged whatever its order.
    for (let changed = true; changed; ) {
      changed = false;
      for (const [source, dest] of replication) {
        if (!this.buckets.has(source)) continue;
        const prior = this.buckets.get(dest)?.get('S3 replication');
        if (prior?.includes(source)) continue;
        addRole(this.buckets, dest, 'S3 replication', source);
        changed = true;
      }
    }
    // A translated aws_s3_bucket with the legacy policy argument states its policy itself.
    for (const b of m.ofType(BUCKET)) if (b.translatedFrom !== undefined && b.properties.PolicyDocument !== undefined) push(this.policies, b, b);
    for (const p of m.ofType('AWS::S3::BucketPolicy')) {
      const t = bucketByName(m, rawAt(m, p, 'Bucket'), p);
      if (t.kind === 'resource') push(this.policies, t.resource, p);
      else if (t.kind === 'unresolved') push(this.unplacedPolicies, m.configurationOf(p), p);
    }
    // Keys whose loss makes evidence unreadable.
    for (const b of this.buckets.keys()) for (const k of bucketKmsKeys(m, b)) this.addKeys(k, b);
    for (const t of m.ofType('AWS::CloudTrail::Trail')) this.addKeys(rawAt(m, t, 'KMSKeyId'), t);
    for (const g of this.logGroups.keys()) this.addKeys(rawAt(m, g, 'KmsKeyId'), g);
    for (const e of m.ofType('AWS::SageMaker::EndpointConfig')) this.addKeys(rawAt(m, e, 'DataCaptureConfig.KmsKeyId'), e);
  }

  /** The stores each producer writes into, with the role: the index read the other way round. */
  public writtenBy(producer: Resource): ReadonlyArray<readonly [EvidenceRole, Resource]> {
    if (!this.written) {
      this.written = new Map();
      for (const stores of [this.buckets, this.logGroups]) {
        for (const [store, roles] of stores) for (const [role, producers] of roles) for (const p of producers) push(this.written, p, [role, store] as const);
      }
    }
    return this.written.get(producer) ?? [];
  }

  /** A producer's destination; when its name is ambiguous, every store of that name may receive its evidence and is judged as such. */
  private addBucket(t: Target, role: EvidenceRole, producer: Resource): void {
    addDestinations(this.buckets, BUCKET, t, role, producer);
  }

  private addLogGroup(t: Target, role: EvidenceRole, producer: Resource): void {
    addDestinations(this.logGroups, LOG_GROUP, t, role, producer);
  }

  private addKeys(value: unknown, from: Resource): void {
    if (value === undefined || isUnresolved(value)) return;
    for (const r of this.model.targets(value, from)) {
      if (r.type === 'AWS::KMS::Key') this.keys.add(r);
      if (r.type === 'AWS::KMS::Alias') for (const k of this.model.targets(r.properties.TargetKeyId, r)) if (k.type === 'AWS::KMS::Key') this.keys.add(k);
    }
  }
}

/** The buckets a replication rule of a bucket replicates into, each with the bucket. */
function replicaBuckets(m: ResourceModel, b: Resource, rule: unknown): Array<[Resource, Resource]> {
  const dest = rule && typeof rule === 'object' ? (rule as Record<string, unknown>).Destination : undefined;
  const bucket = dest && typeof dest === 'object' ? (dest as Record<string, unknown>).Bucket : undefined;
  const out: Array<[Resource, Resource]> = [];
  for (const d of destinations(bucketByArn(m, bucket, b))) if (d.type === BUCKET) out.push([b, d]);
  return out;
}

function destinations(t: Target): readonly Resource[] {
  if (t.kind === 'resource') return [t.resource];
  return t.kind === 'unresolved' ? (t.candidates ?? []) : [];
}

/** Records the producer on each store of `type` a target may be (see destinations), without a list per target. */
function addDestinations(map: Map<Resource, Map<EvidenceRole, Resource[]>>, type: string, t: Target, role: EvidenceRole, producer: Resource): void {
  if (t.kind === 'resource') {
    if (t.resource.type === type) addRole(map, t.resource, role, producer);
  } else if (t.kind === 'unresolved' && t.candidates) {
    for (const r of t.candidates) if (r.type === type) addRole(map, r, role, producer);
  }
}

function addRole(map: Map<Resource, Map<EvidenceRole, Resource[]>>, r: Resource, role: EvidenceRole, producer: Resource): void {
  let roles = map.get(r);
  if (!roles) map.set(r, (roles = new Map()));
  const list = roles.get(role);
  // Two subscription filters into one Firehose stream make it one producer, named once.
  if (list) {
    if (!list.includes(producer)) list.push(producer);
  } else roles.set(role, [producer]);
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

const EVIDENCE = modelFact('AWS evidence index', (model) => new EvidenceIndex(model));

function evidence(model: ResourceModel): EvidenceIndex {
  return model.fact(EVIDENCE);
}

/**
 * The buckets and log groups a producer writes into (a trail, a flow log, a bucket's access
 * logging...), found as the rules find them: by reference, then by name in its own input.
 */
export function storesWrittenBy(model: ResourceModel, producer: Resource, role?: EvidenceRole): Resource[] {
  return evidence(model).writtenBy(producer).filter(([r, store]) => (role === undefined || r === role) && store !== producer).map(([, store]) => store);
}

/** The producers writing into a bucket, by role; empty for a data bucket. */
export function bucketRoles(model: ResourceModel, bucket: Resource): ReadonlyMap<EvidenceRole, Resource[]> {
  return evidence(model).buckets.get(bucket) ?? NO_ROLES;
}

export function isEvidenceBucket(model: ResourceModel, bucket: Resource): boolean {
  return bucketRoles(model, bucket).size > 0;
}

/**
 * A data bucket: neither written into by a log producer nor tagged `forensic-evidence-store=true`
 * (an evidence store that no producer of this template writes into yet, such as an EvidenceBucket
 * waiting for a producer of another stack, is not data whose object reads a trail must record).
 */
export function isDataBucket(model: ResourceModel, bucket: Resource): boolean {
  return !isEvidenceBucket(model, bucket) && !isTaggedEvidenceStore(model, bucket);
}

/** Whether a bucket carries the kit's tag `forensic-evidence-store=true` (CloudFormation `Tags`). */
export function isTaggedEvidenceStore(model: ResourceModel, bucket: Resource): boolean {
  return storeTag(model, bucket) !== undefined;
}

/**
 * For a store tagged `forensic-evidence-store=true`: its `forensic-evidence-source` tag, or '' when
 * it has none; undefined when it is not tagged as a store. A tag value only known at deploy is not
 * taken as the tag (the store is then judged by its producers alone).
 */
function storeTag(model: ResourceModel, store: Resource): string | undefined {
  const tags = model.get(store, 'Tags');
  if (!Array.isArray(tags)) return undefined;
  let isStore = false;
  let source = '';
  for (const t of tags) {
    if (typeof t !== 'object' || t === null) continue;
    const { Key, Value } = t as { Key?: unknown; Value?: unknown };
    if (Key === TAG_KEYS.evidenceStore && typeof Value === 'string' && Value.toLowerCase() === 'true') isStore = true;
    if (Key === TAG_KEYS.evidenceSource && typeof Value === 'string') source = Value;
  }
  return isStore ? source : undefined;
}

export function isAccessLogTarget(model: ResourceModel, bucket: Resource): boolean {
  return bucketRoles(model, bucket).has('S3 server access logs');
}

/**
 * An evidence bucket that must be locked: every evidence bucket except one that only receives S3
 * server access logs (S3 cannot deliver them into an Object Lock bucket; AWS.S3.AccessLogTargetDeliverable
 * judges that bucket instead). A bucket that mixes access logs with other evidence must be locked
 * for the other evidence, and is then flagged by AccessLogTargetDeliverable: give access logs their own bucket.
 */
export function mustBeLocked(model: ResourceModel, bucket: Resource): boolean {
  for (const role of bucketRoles(model, bucket).keys()) if (!DELIVERY_LIMITED.has(role)) return true;
  return false;
}

/** An evidence bucket that must use SSE-KMS: the same buckets that must be locked. */
export const mustUseKms = mustBeLocked;

/** Who writes into a bucket, for reason strings: `CloudTrail trail Trail, S3 replication DataBucket`. */
export function describeRoles(model: ResourceModel, bucket: Resource): string {
  return describe(bucketRoles(model, bucket));
}

/**
 * `role producer, producer; role producer`, written in one pass (every judged store's reason says
 * it). Producers in address order: the text is the same however the input orders or splits them.
 */
function describe(roles: ReadonlyMap<EvidenceRole, Resource[]>): string {
  let text = '';
  for (const [role, producers] of roles) {
    text += `${text === '' ? '' : '; '}${role} `;
    const listed = producers.length > 1 ? [...producers].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)) : producers;
    listed.forEach((p, i) => (text += i === 0 ? p.address : `, ${p.address}`));
  }
  return text;
}

export function isEvidenceLogGroup(model: ResourceModel, group: Resource): boolean {
  return evidence(model).logGroups.has(group);
}

export function describeLogGroupRoles(model: ResourceModel, group: Resource): string {
  return describe(evidence(model).logGroups.get(group) ?? NO_ROLES);
}

export function isEvidenceKey(model: ResourceModel, key: Resource): boolean {
  return evidence(model).keys.has(key);
}

/**
 * The AWS::S3::BucketPolicy resources attached to a bucket (by reference or literal name), and the
 * bucket itself when it states its policy (hashicorp/aws `aws_s3_bucket` with the legacy `policy`
 * argument, translated as its PolicyDocument).
 */
export function bucketPolicies(model: ResourceModel, bucket: Resource): readonly Resource[] {
  return evidence(model).policies.get(bucket) ?? [];
}

/**
 * The bucket policies of a bucket, in address order, with what a reason says when there are several:
 * a bucket has exactly one policy and each AWS::S3::BucketPolicy (aws_s3_bucket_policy) replaces it,
 * with no order between them, so only the last applied takes effect. A rule that reads the policy
 * judges each as if it were the only one, and its verdict is the worst of them; `preamble` (empty
 * for one policy) opens such a reason.
 */
export function competingBucketPolicies(model: ResourceModel, bucket: Resource): { readonly policies: readonly Resource[]; readonly preamble: string } {
  const policies = [...bucketPolicies(model, bucket)].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const preamble =
    policies.length > 1
      ? `${bucket.address}: ${policies.length} bucket policies name this bucket (${policies.map((p) => p.address).join(', ')}); a bucket has one policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: `
      : '';
  return { policies, preamble };
}

/**
 * The bucket policies of a bucket's configuration (its template; a Terraform configuration) whose Bucket cannot be known before deploy (Fn::Sub over a
 * parameter without default): each may be the bucket's, so "no policy" cannot be concluded.
 */
export function unplacedBucketPolicies(model: ResourceModel, bucket: Resource): readonly Resource[] {
  return evidence(model).unplacedPolicies.get(model.configurationOf(bucket)) ?? [];
}

/**
 * The bucket a trail's S3BucketName names (bucketByName), found once per trail: the evidence
 * index and the trail rules that judge its destination all ask it.
 */
export const trailBucket: (model: ResourceModel, trail: Resource) => Target = resourceFact('AWS trail bucket', (model, trail) => bucketByName(model, rawAt(model, trail, 'S3BucketName'), trail));

/** The destination of a flow log: its type and the bucket or log group it names. */
export function flowLogDestination(model: ResourceModel, flowLog: Resource): { type: string | Unresolved; target: Target } {
  const type = model.get(flowLog, 'LogDestinationType') ?? 'cloud-watch-logs';
  if (isUnresolved(type) || typeof type !== 'string') return { type: UNRESOLVED, target: { kind: 'unresolved' } };
  const dest = rawAt(model, flowLog, 'LogDestination');
  if (type === 's3') return { type, target: bucketByArn(model, dest, flowLog) };
  if (type === 'cloud-watch-logs') {
    const name = rawAt(model, flowLog, 'LogGroupName');
    return { type, target: name !== undefined ? logGroupByName(model, name, flowLog) : logGroupByArn(model, dest, flowLog) };
  }
  return { type, target: { kind: 'other', text: show(render(model, dest, flowLog)) } };
}

/** A flow log records ALL traffic into locked (S3) or retained (CloudWatch Logs) storage. */
export function flowLogState(model: ResourceModel, f: Resource, floor: number, context?: EvidenceContext): State {
  const traffic = model.get(f, 'TrafficType');
  if (isUnresolved(traffic)) return { ok: 'unknown', reason: `${f.address}: TrafficType is unresolvable before deploy` };
  if (traffic !== 'ALL') return { ok: false, reason: `${f.address}: TrafficType is ${show(traffic)}, not "ALL"` };
  const d = flowLogDestination(model, f);
  if (isUnresolved(d.type)) return { ok: 'unknown', reason: `${f.address}: LogDestinationType is unresolvable before deploy` };
  if (d.type === 's3') return destinationLockState(model, d.target, `${f.address}: LogDestination`, floor, context);
  if (d.type === 'cloud-watch-logs') {
    const t = d.target;
    if (t.kind === 'resource') return logGroupRetentionState(model, t.resource, floor);
    if (t.kind === 'unresolved') return { ok: 'unknown', reason: `${f.address}: the log group is ${t.why ?? 'unresolvable before deploy'}` };
    if (t.kind === 'external') {
      const declared = declaredStore(context, t.text, 'log-group');
      if (declared) return declaredRetentionState(declared, `${f.address}: its log group`, floor);
      return { ok: 'unknown', reason: `${f.address}: log group ${JSON.stringify(t.text)} is not in this template, so its retention cannot be checked (declare a central store in the evidence context)` };
    }
    return { ok: false, reason: `${f.address}: LogGroupName and LogDestination are absent` };
  }
  return { ok: 'unknown', reason: `${f.address}: LogDestinationType ${show(d.type)}: where the stream delivers, and how long it keeps the records, cannot be checked here` };
}

/** The SSE algorithms and KMS key values of a bucket's default encryption rules. */
export function bucketEncryption(model: ResourceModel, bucket: Resource): Array<{ algorithm: unknown; key: unknown; bucketKey: unknown }> | Unresolved {
  const rules = rawList(model, bucket, rawAt(model, bucket, 'BucketEncryption.ServerSideEncryptionConfiguration'));
  if (isUnresolved(rules)) return UNRESOLVED;
  return rules.map((rule) => {
    const r = (rule && typeof rule === 'object' ? rule : {}) as Record<string, unknown>;
    const byDefault = model.resolve(r.ServerSideEncryptionByDefault, bucket);
    const d = (byDefault && typeof byDefault === 'object' ? byDefault : {}) as Record<string, unknown>;
    const rawDefault = (r.ServerSideEncryptionByDefault && typeof r.ServerSideEncryptionByDefault === 'object' ? r.ServerSideEncryptionByDefault : {}) as Record<string, unknown>;
    return {
      algorithm: isUnresolved(byDefault) ? UNRESOLVED : d.SSEAlgorithm,
      key: rawDefault.KMSMasterKeyID,
      bucketKey: model.resolve(r.BucketKeyEnabled, bucket),
    };
  });
}

/** The KMSMasterKeyID values of a bucket's encryption rules, as bucketEncryption reads them (raw, absent ones left out). */
function bucketKmsKeys(model: ResourceModel, bucket: Resource): unknown[] {
  const rules = rawList(model, bucket, rawAt(model, bucket, 'BucketEncryption.ServerSideEncryptionConfiguration'));
  if (isUnresolved(rules)) return [];
  const keys: unknown[] = [];
  for (const rule of rules) {
    const byDefault = rule && typeof rule === 'object' ? (rule as Record<string, unknown>).ServerSideEncryptionByDefault : undefined;
    const key = byDefault && typeof byDefault === 'object' ? (byDefault as Record<string, unknown>).KMSMasterKeyID : undefined;
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/** The verdict of a shared predicate, turned into a Judgement by the rule. */
export interface State {
  readonly ok: boolean | 'unknown';
  readonly reason: string;
}

export function judgement(s: State): Judgement {
  return s.ok === true ? compliant(s.reason) : s.ok === false ? nonCompliant(s.reason) : unknown(s.reason);
}

/**
 * Whether a bucket locks what is written into it: ObjectLockEnabled true and a default retention
 * (COMPLIANCE or GOVERNANCE) of at least the floor. GOVERNANCE passes here on purpose: it is the
 * kit's reversible soak mode, which AWS.S3.ObjectLockGovernance reports as a warning, so a soak
 * deployment warns instead of failing every rule that writes into the bucket.
 */
export function lockState(model: ResourceModel, bucket: Resource, floorDays: number): State & { mode?: string } {
  // Asked of one bucket by its own lock rule and by each producer writing into it: judged once per floor.
  const memo = model.fact(LOCK_STATES);
  const known = memo.get(bucket);
  if (known !== undefined && known.floorDays === floorDays) return known.state;
  const state = judgeLock(model, bucket, floorDays);
  memo.set(bucket, { floorDays, state });
  return state;
}

/** The last lockState answer per bucket, with the floor it was judged against. */
const LOCK_STATES = modelFact('AWS bucket lock states', () => new Map<Resource, { readonly floorDays: number; readonly state: State & { mode?: string } }>());

function judgeLock(model: ResourceModel, bucket: Resource, floorDays: number): State & { mode?: string } {
  const name = bucket.address;
  const enabled = asBool(model.get(bucket, 'ObjectLockEnabled'));
  if (isUnresolved(enabled)) return { ok: 'unknown', reason: `${name}: ObjectLockEnabled is unresolvable before deploy` };
  if (enabled !== true) return { ok: false, reason: `${name}: ObjectLockEnabled is ${show(model.get(bucket, 'ObjectLockEnabled'))}, so objects can be deleted or overwritten` };
  const config = model.get(bucket, 'ObjectLockConfiguration.ObjectLockEnabled');
  if (isUnresolved(config)) return { ok: 'unknown', reason: `${name}: ObjectLockConfiguration.ObjectLockEnabled is unresolvable before deploy` };
  if (config !== undefined && config !== 'Enabled') return { ok: false, reason: `${name}: ObjectLockConfiguration.ObjectLockEnabled is ${show(config)}, not "Enabled"` };
  const retention = model.get(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention');
  if (isUnresolved(retention)) return { ok: 'unknown', reason: `${name}: ObjectLockConfiguration.Rule.DefaultRetention is unresolvable before deploy` };
  if (retention === undefined) return { ok: false, reason: `${name}: Object Lock is enabled but ObjectLockConfiguration.Rule.DefaultRetention is absent, so new objects are written unlocked` };
  const mode = model.get(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention.Mode');
  if (isUnresolved(mode)) return { ok: 'unknown', reason: `${name}: DefaultRetention.Mode is unresolvable before deploy` };
  if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') return { ok: false, reason: `${name}: DefaultRetention.Mode is ${show(mode)}, not COMPLIANCE` };
  const days = asNumber(model.get(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention.Days'));
  const years = asNumber(model.get(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention.Years'));
  if (isUnresolved(days) || isUnresolved(years)) return { ok: 'unknown', reason: `${name}: DefaultRetention Days/Years is unresolvable before deploy` };
  const total = days ?? (years !== undefined ? years * 365 : undefined);
  if (total === undefined) return { ok: false, reason: `${name}: DefaultRetention has neither Days nor Years` };
  const period = days !== undefined ? `Days ${days}` : `Years ${years} (${total} days)`;
  if (total < floorDays) return { ok: false, reason: `${name}: DefaultRetention ${mode} ${period} is under the floor of ${floorDays} days`, mode };
  return { ok: true, reason: `${name}: Object Lock ${mode} with a default retention of ${period} (floor ${floorDays} days)`, mode };
}

/**
 * lockState for a destination a producer names: a bucket of the inputs, a central store the
 * evidence context declares (judged by its stated lock), a literal naming neither, or unknown.
 */
export function destinationLockState(model: ResourceModel, target: Target, what: string, floorDays: number, context?: EvidenceContext): State {
  switch (target.kind) {
    case 'resource':
      return target.resource.type === BUCKET ? lockState(model, target.resource, floorDays) : { ok: false, reason: `${what} names ${target.resource.address}, which is not an S3 bucket` };
    case 'external': {
      const declared = declaredStore(context, target.text, 'bucket');
      if (declared) return declaredLockState(declared, what, floorDays);
      return { ok: 'unknown', reason: `${what} is ${JSON.stringify(target.text)}, which names no bucket of the inputs: its Object Lock cannot be checked here (declare a central store in the evidence context)` };
    }
    case 'unresolved':
      return { ok: 'unknown', reason: `${what} is ${target.why ?? 'unresolvable before deploy'}` };
    case 'other':
      return { ok: false, reason: `${what} is ${JSON.stringify(target.text)}, which is not an S3 bucket` };
    default:
      return { ok: false, reason: `${what} is absent` };
  }
}

/** A declared central store, by the lock its owner states. */
function declaredLockState(s: DeclaredStore, what: string, floorDays: number): State {
  const stated = `${what} is ${s.arn}, declared in the evidence context`;
  if (s.lock === 'none') return { ok: false, reason: `${stated} with no Object Lock` };
  if (s.retentionDays < floorDays) return { ok: false, reason: `${stated} with Object Lock ${s.lock} of ${s.retentionDays} days, under the floor of ${floorDays} days` };
  return { ok: true, reason: `${stated} with Object Lock ${s.lock} of ${s.retentionDays} days (floor ${floorDays} days)` };
}

/** A central log group the evidence context declares, judged by the retention its owner states (log groups have no Object Lock). */
function declaredRetentionState(s: DeclaredStore, what: string, floorDays: number): State {
  const stated = `${what} is ${s.arn}, declared in the evidence context with a retention of ${s.retentionDays} days`;
  return s.retentionDays < floorDays ? { ok: false, reason: `${stated}, under the floor of ${floorDays} days` } : { ok: true, reason: `${stated} (floor ${floorDays} days)` };
}

/** Whether a log group keeps records for at least the floor (RetentionInDays absent = never expire). */
export function logGroupRetentionState(model: ResourceModel, group: Resource, floorDays: number): State {
  const days = asNumber(model.get(group, 'RetentionInDays'));
  if (isUnresolved(days)) return { ok: 'unknown', reason: `${group.address}: RetentionInDays is unresolvable before deploy` };
  if (days === undefined) return { ok: true, reason: `${group.address}: RetentionInDays is absent, so records never expire` };
  if (days < floorDays) return { ok: false, reason: `${group.address}: RetentionInDays ${days} is under the floor of ${floorDays} days` };
  return { ok: true, reason: `${group.address}: RetentionInDays ${days} (floor ${floorDays} days)` };
}

/** Combine several candidates (e.g. the flow logs of one VPC): any pass wins, then unknown, else fail. */
export function anyOf(states: readonly State[], none: string): State {
  if (states.length === 0) return { ok: false, reason: none };
  const pass = states.find((s) => s.ok === true);
  if (pass) return pass;
  const unk = states.filter((s) => s.ok === 'unknown');
  if (unk.length > 0) return { ok: 'unknown', reason: unk.map((s) => s.reason).join('; ') };
  return { ok: false, reason: states.map((s) => s.reason).join('; ') };
}

/** The resources of some types whose property `path` references `target`. */
export function referencedBy(model: ResourceModel, target: Resource, type: string, path: string): Resource[] {
  const out: Resource[] = [];
  for (const r of model.referrers(target, type)) if (model.targets(rawAt(model, r, path), r).includes(target)) out.push(r);
  return out;
}

