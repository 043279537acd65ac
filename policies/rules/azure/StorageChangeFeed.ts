import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, boolAt, isEvidenceStore, numAt } from '../../facts/azure';

/**
 * The change feed records every create, modify and delete of a blob in order. Decision: when
 * change_feed_retention_in_days is set it must reach the retention floor, because the feed is the
 * store's own history of changes; absent means the provider sends no limit, which Azure keeps forever.
 */
export const StorageChangeFeed: Rule = {
  id: 'AZURE.Storage.ChangeFeed',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'An evidence storage account has no blob change feed, or keeps it for less than the retention floor.',
  rationale: 'The change feed is an ordered, durable record of every change to the evidence blobs; it tells an investigator whether and when anything in the store was written, overwritten or deleted.',
  fix: 'Use EvidenceStorage (change feed on; changeFeedRetention at least the floor); or set blob_properties { change_feed_enabled = true } and leave change_feed_retention_in_days unset (forever) or at least the floor.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => {
    const enabled = boolAt(ctx.model, r, 'blob_properties.change_feed_enabled');
    if (isUnresolved(enabled)) return unknown('blob_properties.change_feed_enabled cannot be resolved before deploy');
    if (enabled !== true) return nonCompliant(`blob_properties.change_feed_enabled is ${enabled ?? 'absent (provider default false)'}; it must be true`);
    const days = numAt(ctx.model, r, 'blob_properties.change_feed_retention_in_days');
    if (isUnresolved(days)) return unknown('blob_properties.change_feed_retention_in_days cannot be resolved before deploy');
    if (days === undefined) return compliant('change feed enabled, change_feed_retention_in_days absent (kept forever)');
    const floor = ctx.config.retentionFloorDays;
    return days >= floor
      ? compliant(`change feed enabled, change_feed_retention_in_days ${days} >= ${floor}`)
      : nonCompliant(`blob_properties.change_feed_retention_in_days is ${days}, below the floor of ${floor} days`);
  },
};
