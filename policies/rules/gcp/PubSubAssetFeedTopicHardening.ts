import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { ASSET_FEED_RETENTION_DAYS } from '../../../constructs/core/asset-feeds';
import { kmsKeyAt, show, topicFeeds } from '../../facts/gcp';

/**
 * The topic of a Cloud Asset Inventory feed holds every resource configuration and IAM policy
 * change until the Cloud Storage subscription has written it: it should be encrypted with a
 * customer-managed key (Cloud KMS audits every use) and keep messages the Pub/Sub maximum of 31
 * days, so an outage of the delivery into the evidence bucket (a removed grant, a full quota)
 * can be replayed with a seek instead of losing the changes.
 */
export const PubSubAssetFeedTopicHardening: Rule = {
  id: 'GCP.PubSub.AssetFeedTopicHardening',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_pubsub_topic'],
  description: 'The Pub/Sub topic of a Cloud Asset Inventory feed is not encrypted with a customer-managed key, or keeps messages less than 31 days.',
  rationale:
    'Until written into locked storage, configuration history lives only in the topic: Google-managed encryption leaves no key-use audit trail, ' +
    'and a short message retention turns any delivery outage into a gap in the history.',
  fix: "Use the kit's AssetInventoryFeeds (encryptionKey, messageRetention 31 days), or set kms_key_name = google_kms_crypto_key.<key>.id and message_retention_duration = \"2678400s\".",
  evidenceSource: 'configuration-history',
  nist: 'Collection',
  attack: ['T1485', 'T1530'],
  atlas: [],
  isApplicable: (topic, { model }) => topicFeeds(model, topic).length > 0,
  check: (topic, { model }) => {
    const key = kmsKeyAt(model, topic, 'kms_key_name');
    if (key.state === 'unknown') return unknown(`kms_key_name: ${key.why}`);
    if (key.state === 'none') return nonCompliant(`kms_key_name: ${key.why}`);
    const raw = model.get(topic, 'message_retention_duration');
    if (isUnresolved(raw)) return unknown(`message_retention_duration is ${show(raw)}, known only at deploy`);
    if (raw === undefined) return nonCompliant('message_retention_duration is absent: the topic keeps no message itself, only the subscriptions\' backlog does');
    const m = typeof raw === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(raw) : null;
    if (!m) return unknown(`message_retention_duration is ${show(raw)}, not a duration in seconds`);
    const days = Number(m[1]) / 86_400;
    if (days < ASSET_FEED_RETENTION_DAYS) return nonCompliant(`message_retention_duration is ${show(raw)} (${days.toFixed(1)} days), under ${ASSET_FEED_RETENTION_DAYS} days`);
    return compliant(`kms_key_name: ${key.why}; message_retention_duration is ${show(raw)}`);
  },
};
