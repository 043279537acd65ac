import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { FEED_TYPES, feedDelivery } from '../../facts/gcp';

/**
 * A feed publishes to a Pub/Sub topic, which keeps messages at most 31 days and can be drained by
 * its owner: the changes are evidence only once a Cloud Storage subscription, without a filter,
 * has written them into a bucket with a locked retention policy (as GCP.Logging.SinkLockedDestination
 * judges sinks). A topic, subscription or bucket the input does not hold cannot be judged: UNKNOWN.
 */
export const PubSubAssetFeedLockedDestination: Rule = {
  id: 'GCP.PubSub.AssetFeedLockedDestination',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...FEED_TYPES],
  description: "A Cloud Asset Inventory feed's topic has no unfiltered Cloud Storage subscription writing into a bucket with a locked retention policy.",
  rationale:
    'Pub/Sub keeps feed messages for days, not for an investigation, and whoever administers the topic can delete them; ' +
    'configuration history that never reaches locked storage can be lost or erased before anyone asks for it.',
  fix:
    "Use the kit's AssetInventoryFeeds (destination: an EvidenceBucket), or add a google_pubsub_subscription on the feed's topic with " +
    'cloud_storage_config { bucket = google_storage_bucket.<locked>.name } and no filter.',
  evidenceSource: 'configuration-history',
  nist: 'Collection',
  attack: ['T1485', 'T1562.008', 'T1685.002'],
  atlas: [],
  check: (feed, { model }) => {
    const delivery = feedDelivery(model, feed);
    switch (delivery.state) {
      case 'locked':
        return compliant(delivery.why);
      case 'unknown':
        return unknown(delivery.why);
      default:
        return nonCompliant(delivery.why);
    }
  },
};
