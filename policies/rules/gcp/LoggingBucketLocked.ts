import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asNumber, LOGGING_BUCKET_TYPES, loggingLock, show } from '../../facts/gcp';
import { LOGGING_BUCKET_DEFAULT_RETENTION_DAYS } from '../../facts/gcp/stores';

/**
 * A Cloud Logging bucket keeps its logs for at least the floor and is locked. In google provider
 * 6.50 only google_logging_project_bucket_config has `locked`; folder, organization and
 * billing-account bucket configs always fail: lock them out of band (`gcloud logging buckets
 * update BUCKET --folder=F --location=L --locked`) and acknowledge this rule with that reason,
 * or route to a locked project bucket instead.
 */
export const LoggingBucketLocked: Rule = {
  id: 'GCP.Logging.BucketLocked',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...LOGGING_BUCKET_TYPES],
  description: 'A Cloud Logging bucket is not locked, or keeps logs for less than the retention floor.',
  rationale:
    'An unlocked logging bucket can have its retention cut to one day or be deleted with the logs in it; the ' +
    'default 30 days is shorter than most incidents take to discover.',
  fix:
    "Use the kit's LogSink (logBucket with immutability: Immutability.LOCKED and retention at or above the floor), or set " +
    'locked = true and retention_days >= the floor on google_logging_project_bucket_config.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  check: (bucket, { model, config }) => {
    const raw = model.get(bucket, 'retention_days');
    const days = asNumber(raw);
    if (isUnresolved(days)) return unknown('retention_days is a value known only at deploy');
    // Absent or 0 at creation means the service default.
    const effective = days === undefined || days === 0 ? LOGGING_BUCKET_DEFAULT_RETENTION_DAYS : days;
    if (effective < config.retentionFloorDays) {
      return nonCompliant(
        `retention_days is ${show(raw)}${effective !== days ? ' (service default 30)' : ''}, below the floor of ${config.retentionFloorDays} days`,
      );
    }
    const lock = loggingLock(model, bucket);
    if (isUnresolved(lock.locked)) return unknown(lock.why);
    if (!lock.locked) return nonCompliant(`${lock.why}: retention can be shortened and the bucket deleted`);
    return compliant(`locked is true and retention_days is ${effective}`);
  },
};
