/**
 * Cloud Asset Inventory feeds: which content types the feeds of each scope record, which Pub/Sub
 * topic a feed publishes to, which subscriptions receive that topic, and which Cloud Storage
 * buckets those subscriptions write into. Built once per model, on first use.
 */
import { isUnresolved, modelFact, ResourceModel } from '../../engine/model';
import { Resource } from '../../engine/types';
import { storageLock } from './graph';
import { ScopeFacts, scopeOf } from './scope';
import { asList, isLiteral, rawAt, show } from './values';

/** The feed resource types of google provider 6.50. */
export const FEED_TYPES = ['google_cloud_asset_project_feed', 'google_cloud_asset_folder_feed', 'google_cloud_asset_organization_feed'] as const;

interface AssetIndex {
  /** Content types of the feeds of each scope (`?`: known only at deploy). */
  readonly contentTypes: ScopeFacts;
  readonly topicsByName: Map<string, Resource[]>;
  readonly subscriptionsByTopic: Map<Resource, Resource[]>;
  /** Subscriptions whose topic is known only at deploy or names no topic of the input. */
  readonly subscriptionsOpen: readonly Resource[];
  /** The feeds that publish to each topic of the input. */
  readonly feedsByTopic: Map<Resource, Resource[]>;
}

const ASSET_INDEX = modelFact('GCP asset feeds', (model) => buildAssetIndex(model));

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildAssetIndex(model: ResourceModel): AssetIndex {
  const contentTypes = new ScopeFacts();
  for (const feed of model.ofType(...FEED_TYPES)) {
    const t = model.get(feed, 'content_type');
    contentTypes.add(scopeOf(model, feed), typeof t === 'string' ? t : isUnresolved(t) ? '?' : 'CONTENT_TYPE_UNSPECIFIED', feed);
  }
  const topicsByName = new Map<string, Resource[]>();
  for (const topic of model.ofType('google_pubsub_topic')) {
    const name = model.get(topic, 'name');
    if (typeof name === 'string') push(topicsByName, name, topic);
  }
  const subscriptionsByTopic = new Map<Resource, Resource[]>();
  const subscriptionsOpen: Resource[] = [];
  for (const sub of model.ofType('google_pubsub_subscription')) {
    const found = topicTargets(model, sub, sub.properties.topic, topicsByName);
    if (found.topics.length === 0) subscriptionsOpen.push(sub);
    for (const t of found.topics) push(subscriptionsByTopic, t, sub);
  }
  const feedsByTopic = new Map<Resource, Resource[]>();
  for (const feed of model.ofType(...FEED_TYPES)) {
    const raw = rawAt(feed, 'feed_output_config.pubsub_destination.topic');
    if (raw === undefined) continue;
    for (const t of topicTargets(model, feed, raw, topicsByName).topics) push(feedsByTopic, t, feed);
  }
  return { contentTypes, topicsByName, subscriptionsByTopic, subscriptionsOpen, feedsByTopic };
}

/** The topics of the input a topic value names: by reference, or by a literal name or `projects/<p>/topics/<name>`. */
function topicTargets(model: ResourceModel, from: Resource, raw: unknown, byName: Map<string, Resource[]>): { topics: Resource[]; why?: string } {
  const refs = model.targets(raw, from).filter((r) => r.type === 'google_pubsub_topic');
  if (refs.length > 0) return { topics: [...new Set(refs)] };
  const v = model.resolve(raw, from);
  if (typeof v !== 'string' || !isLiteral(v)) return { topics: [], why: `topic is ${show(v)}, known only at deploy` };
  const m = /^(?:projects\/([^/]+)\/topics\/)?([^/]+)$/.exec(v);
  const named = m ? (byName.get(m[2]) ?? []).filter((t) => {
    const p = m[1] === undefined ? undefined : model.get(t, 'project');
    return p === undefined || isUnresolved(p) || p === m[1];
  }) : [];
  return named.length > 0 ? { topics: named } : { topics: [], why: `topic ${v} is not in the input` };
}

/** The content types the feeds of a feed's scope record for sure, and those a scope that may be the same one records. */
export function scopeContentTypes(model: ResourceModel, feed: Resource): { same: ReadonlyMap<string, Resource>; maybe: ReadonlyMap<string, Resource> } {
  const idx = model.fact(ASSET_INDEX);
  const scope = scopeOf(model, feed);
  return { same: idx.contentTypes.same(scope), maybe: idx.contentTypes.maybe(scope) };
}

/** The feeds of the input that publish to a topic. */
export function topicFeeds(model: ResourceModel, topic: Resource): readonly Resource[] {
  return model.fact(ASSET_INDEX).feedsByTopic.get(topic) ?? [];
}

/** The topics of the input a feed publishes to (feed_output_config.pubsub_destination.topic), or why none is known. */
export function feedTopics(model: ResourceModel, feed: Resource): { topics: Resource[]; why?: string } {
  const raw = rawAt(feed, 'feed_output_config.pubsub_destination.topic');
  if (raw === undefined) return { topics: [], why: 'feed_output_config.pubsub_destination.topic is absent' };
  return topicTargets(model, feed, raw, model.fact(ASSET_INDEX).topicsByName);
}

/** The subscriptions of the input that receive a topic, and whether some subscription's topic is unknown. */
export function topicSubscriptions(model: ResourceModel, topic: Resource): { subscriptions: readonly Resource[]; open: readonly Resource[] } {
  const idx = model.fact(ASSET_INDEX);
  return { subscriptions: idx.subscriptionsByTopic.get(topic) ?? [], open: idx.subscriptionsOpen };
}

/** The buckets of the input a Cloud Storage subscription writes into (cloud_storage_config.bucket), or why none is known. */
export function subscriptionBuckets(model: ResourceModel, sub: Resource): { buckets: Resource[]; why?: string } {
  const raw = rawAt(sub, 'cloud_storage_config.bucket');
  if (raw === undefined) return { buckets: [] };
  const refs = model.targets(raw, sub).filter((r) => r.type === 'google_storage_bucket');
  if (refs.length > 0) return { buckets: [...new Set(refs)] };
  const v = model.resolve(raw, sub);
  if (typeof v !== 'string' || !isLiteral(v)) return { buckets: [], why: `cloud_storage_config.bucket is ${show(v)}, known only at deploy` };
  const named = model.ofType('google_storage_bucket').filter((b) => model.get(b, 'name') === v);
  return named.length > 0 ? { buckets: named } : { buckets: [], why: `cloud_storage_config.bucket names bucket "${v}", which is not in the input` };
}

/** How a feed's changes reach storage: into a locked bucket, an unlocked one, nowhere, or unknown; with the buckets written. */
export interface FeedDelivery {
  readonly state: 'locked' | 'unlocked' | 'unknown';
  readonly why: string;
  readonly buckets: readonly Resource[];
}

/**
 * Whether a feed's topic is received by a Cloud Storage subscription, without a filter and that
 * never expires (`expiration_policy { ttl = "" }`), writing into a bucket with a locked retention
 * policy. Pull, push and BigQuery subscriptions keep nothing immutable; a subscription filter
 * drops (acknowledges) the messages it does not match; without an expiration policy the provider
 * documents a default ttl of 31 days of inactivity, after which the subscription is deleted.
 */
export function feedDelivery(model: ResourceModel, feed: Resource): FeedDelivery {
  const { topics, why } = feedTopics(model, feed);
  if (topics.length === 0) return { state: 'unknown', why: `${why}: the subscriptions receiving it cannot be judged`, buckets: [] };
  const problems: string[] = [];
  const pending: string[] = [];
  const locked: string[] = [];
  const buckets: Resource[] = [];
  for (const topic of topics) {
    const { subscriptions, open } = topicSubscriptions(model, topic);
    if (subscriptions.length === 0) {
      if (open.length > 0) pending.push(`topic ${topic.address} has no subscription for sure, but the topic of ${open[0].address} is known only at deploy`);
      else problems.push(`topic ${topic.address} has no subscription: its messages are dropped after the topic's retention`);
      continue;
    }
    for (const sub of subscriptions) {
      const cfg = model.get(sub, 'cloud_storage_config');
      if (isUnresolved(cfg)) {
        pending.push(`${sub.address} cloud_storage_config is ${show(cfg)}`);
        continue;
      }
      if (cfg === undefined || asList(cfg).length === 0) {
        problems.push(`${sub.address} is not a Cloud Storage subscription (no cloud_storage_config): nothing it receives is kept immutable`);
        continue;
      }
      const filter = model.get(sub, 'filter');
      if (isUnresolved(filter)) {
        pending.push(`${sub.address} filter is ${show(filter)}`);
        continue;
      }
      if (typeof filter === 'string' && filter.trim() !== '') {
        problems.push(`${sub.address} has filter ${show(filter)}: messages it does not match are acknowledged and never written`);
        continue;
      }
      const ttl = model.get(sub, 'expiration_policy.ttl');
      if (isUnresolved(ttl)) {
        pending.push(`${sub.address} expiration_policy.ttl is ${show(ttl)}`);
        continue;
      }
      if (ttl !== '') {
        problems.push(
          ttl === undefined
            ? `${sub.address} has no expiration_policy: it is deleted after 31 days without activity (the default ttl), and a quiet month ends the history`
            : `${sub.address} expiration_policy.ttl is ${show(ttl)}: it is deleted after that long without activity`,
        );
        continue;
      }
      const found = subscriptionBuckets(model, sub);
      if (found.buckets.length === 0) {
        pending.push(`${sub.address}: ${found.why ?? 'cloud_storage_config.bucket is absent'}`);
        continue;
      }
      for (const b of found.buckets) {
        buckets.push(b);
        const lock = storageLock(model, b);
        if (isUnresolved(lock.locked)) pending.push(`${sub.address} writes into ${b.address}: ${lock.why}`);
        else if (lock.locked) locked.push(`${sub.address} writes into ${b.address} (${lock.why})`);
        else problems.push(`${sub.address} writes into ${b.address}, which is not locked: ${lock.why}`);
      }
    }
  }
  if (locked.length > 0) return { state: 'locked', why: locked.join('; '), buckets };
  if (pending.length > 0) return { state: 'unknown', why: pending.join('; '), buckets };
  return { state: 'unlocked', why: problems.join('; '), buckets };
}
