import { PubSubAssetFeedLockedDestination } from '../../../../policies/rules/gcp/PubSubAssetFeedLockedDestination';
import { judge } from '../../helpers';
import { goodBucket, tf, YEAR_SECONDS } from './_gcp';

const FEED = 'google_cloud_asset_project_feed.f';
const feed = (topicValue = '${google_pubsub_topic.t.id}') => ({
  f: { project: 'ml-prod', feed_id: 'f', content_type: 'RESOURCE', asset_types: ['storage.googleapis.com/Bucket'], feed_output_config: { pubsub_destination: { topic: topicValue } } },
});
const topic = { t: { name: 'feed', project: 'ml-prod', kms_key_name: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k' } };
const gcsSub = (extra: Record<string, unknown> = {}) => ({ name: 'feed-gcs', topic: '${google_pubsub_topic.t.id}', expiration_policy: { ttl: '' }, cloud_storage_config: { bucket: '${google_storage_bucket.ev.name}' }, ...extra });

describe('GCP.PubSub.AssetFeedLockedDestination', () => {
  it('passes a feed whose topic a Cloud Storage subscription writes into a locked bucket (references)', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic, google_pubsub_subscription: { s: gcsSub() }, google_storage_bucket: { ev: goodBucket() } });
    const j = judge(PubSubAssetFeedLockedDestination, m, FEED);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/google_pubsub_subscription.s writes into google_storage_bucket.ev .*is_locked is true/);
  });

  it('passes literal names: topic projects/ml-prod/topics/feed, subscription topic "feed", bucket by name', () => {
    const m = tf({
      google_cloud_asset_project_feed: feed('projects/ml-prod/topics/feed'),
      google_pubsub_topic: topic,
      google_pubsub_subscription: { s: gcsSub({ topic: 'feed', cloud_storage_config: { bucket: 'evidence-logs' } }) },
      google_storage_bucket: { ev: goodBucket() },
    });
    expect(judge(PubSubAssetFeedLockedDestination, m, FEED).verdict).toBe('COMPLIANT');
  });

  it('fails when the bucket retention policy is not locked', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic, google_pubsub_subscription: { s: gcsSub() }, google_storage_bucket: { ev: goodBucket({ retention_policy: { is_locked: false, retention_period: YEAR_SECONDS } }) } });
    const j = judge(PubSubAssetFeedLockedDestination, m, FEED);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/writes into google_storage_bucket.ev, which is not locked: .*is_locked is false/);
  });

  it('fails when the bucket has no retention policy', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic, google_pubsub_subscription: { s: gcsSub() }, google_storage_bucket: { ev: { name: 'plain' } } });
    expect(judge(PubSubAssetFeedLockedDestination, m, FEED).reason).toMatch(/has no retention_policy/);
  });

  it('fails when the topic has no subscription', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic });
    const j = judge(PubSubAssetFeedLockedDestination, m, FEED);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/topic google_pubsub_topic.t has no subscription/);
  });

  it('fails when the only subscription is a pull subscription', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic, google_pubsub_subscription: { s: { name: 'pull', topic: '${google_pubsub_topic.t.id}' } } });
    expect(judge(PubSubAssetFeedLockedDestination, m, FEED).reason).toMatch(/is not a Cloud Storage subscription/);
  });

  it('fails when the Cloud Storage subscription has a filter', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic, google_pubsub_subscription: { s: gcsSub({ filter: 'attributes.kind = "x"' }) }, google_storage_bucket: { ev: goodBucket() } });
    expect(judge(PubSubAssetFeedLockedDestination, m, FEED).reason).toMatch(/has filter .* acknowledged and never written/);
  });

  it('fails when the Cloud Storage subscription has no expiration policy (deleted after 31 idle days)', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic, google_pubsub_subscription: { s: gcsSub({ expiration_policy: undefined }) }, google_storage_bucket: { ev: goodBucket() } });
    const j = judge(PubSubAssetFeedLockedDestination, m, FEED);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/has no expiration_policy: it is deleted after 31 days without activity/);
  });

  it('fails when the Cloud Storage subscription expires after a ttl', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic, google_pubsub_subscription: { s: gcsSub({ expiration_policy: { ttl: '86400s' } }) }, google_storage_bucket: { ev: goodBucket() } });
    expect(judge(PubSubAssetFeedLockedDestination, m, FEED).reason).toMatch(/expiration_policy.ttl is "86400s"/);
  });

  it('is UNKNOWN when the topic is a variable', () => {
    const m = tf({ google_cloud_asset_project_feed: feed('${var.topic}'), google_pubsub_topic: topic, google_pubsub_subscription: { s: gcsSub() }, google_storage_bucket: { ev: goodBucket() } });
    const j = judge(PubSubAssetFeedLockedDestination, m, FEED);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/known only at deploy/);
  });

  it('is UNKNOWN when the topic is not in the input', () => {
    const m = tf({ google_cloud_asset_project_feed: feed('projects/central/topics/elsewhere') });
    expect(judge(PubSubAssetFeedLockedDestination, m, FEED).reason).toMatch(/topic projects\/central\/topics\/elsewhere is not in the input/);
  });

  it('is UNKNOWN when the bucket is named by a variable', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic, google_pubsub_subscription: { s: gcsSub({ cloud_storage_config: { bucket: '${var.bucket}' } }) } });
    expect(judge(PubSubAssetFeedLockedDestination, m, FEED).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when the bucket lock is a variable', () => {
    const m = tf({ google_cloud_asset_project_feed: feed(), google_pubsub_topic: topic, google_pubsub_subscription: { s: gcsSub() }, google_storage_bucket: { ev: goodBucket({ retention_policy: { is_locked: '${var.locked}', retention_period: YEAR_SECONDS } }) } });
    expect(judge(PubSubAssetFeedLockedDestination, m, FEED).verdict).toBe('UNKNOWN');
  });
});
