import { PubSubAssetFeedTopicHardening } from '../../../../policies/rules/gcp/PubSubAssetFeedTopicHardening';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const TOPIC = 'google_pubsub_topic.t';
const feed = { f: { project: 'ml-prod', feed_id: 'f', content_type: 'RESOURCE', asset_types: ['storage.googleapis.com/Bucket'], feed_output_config: { pubsub_destination: { topic: '${google_pubsub_topic.t.id}' } } } };
const topic = (extra: Record<string, unknown> = {}) => ({ t: { name: 'feed', kms_key_name: '${google_kms_crypto_key.k.id}', message_retention_duration: '2678400s', ...extra } });
const key = { k: { name: 'k', key_ring: 'projects/p/locations/us-central1/keyRings/r' } };

describe('GCP.PubSub.AssetFeedTopicHardening', () => {
  it('passes a feed topic with a customer-managed key that keeps messages 31 days', () => {
    const j = judge(PubSubAssetFeedTopicHardening, tf({ google_cloud_asset_project_feed: feed, google_pubsub_topic: topic(), google_kms_crypto_key: key }), TOPIC);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/references a google_kms_crypto_key of the input; message_retention_duration is "2678400s"/);
  });

  it('passes a literal key name', () => {
    const m = tf({ google_cloud_asset_project_feed: feed, google_pubsub_topic: topic({ kms_key_name: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k' }) });
    expect(judge(PubSubAssetFeedTopicHardening, m, TOPIC).verdict).toBe('COMPLIANT');
  });

  it('fails a feed topic with Google-managed encryption', () => {
    const j = judge(PubSubAssetFeedTopicHardening, tf({ google_cloud_asset_project_feed: feed, google_pubsub_topic: topic({ kms_key_name: undefined }) }), TOPIC);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/kms_key_name: kms_key_name is absent: Google-managed encryption/);
  });

  it('fails a feed topic that keeps messages 7 days', () => {
    const j = judge(PubSubAssetFeedTopicHardening, tf({ google_cloud_asset_project_feed: feed, google_pubsub_topic: topic({ message_retention_duration: '604800s' }), google_kms_crypto_key: key }), TOPIC);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/"604800s" \(7.0 days\), under 31 days/);
  });

  it('fails a feed topic without message retention', () => {
    const j = judge(PubSubAssetFeedTopicHardening, tf({ google_cloud_asset_project_feed: feed, google_pubsub_topic: topic({ message_retention_duration: undefined }), google_kms_crypto_key: key }), TOPIC);
    expect(j.reason).toMatch(/message_retention_duration is absent/);
  });

  it('does not judge a topic no feed publishes to', () => {
    expect(judge(PubSubAssetFeedTopicHardening, tf({ google_pubsub_topic: topic({ kms_key_name: undefined }) }), TOPIC).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the key is a variable', () => {
    const j = judge(PubSubAssetFeedTopicHardening, tf({ google_cloud_asset_project_feed: feed, google_pubsub_topic: topic({ kms_key_name: '${var.key}' }) }), TOPIC);
    expect(j.verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when the retention is a variable', () => {
    const j = judge(PubSubAssetFeedTopicHardening, tf({ google_cloud_asset_project_feed: feed, google_pubsub_topic: topic({ message_retention_duration: '${var.retention}' }), google_kms_crypto_key: key }), TOPIC);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/known only at deploy/);
  });
});
