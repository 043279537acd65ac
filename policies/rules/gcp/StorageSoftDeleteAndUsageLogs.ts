import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asNumber, gcpIndex, isEvidenceBucket, referencesType, SECONDS_PER_DAY, show } from '../../facts/gcp';

/** The shortest soft delete retention GCS accepts besides 0 (off); the provider default is 7 days too. */
export const SOFT_DELETE_MIN_DAYS = 7;

/**
 * Two safeguards of an evidence bucket. Soft delete keeps deleted objects recoverable once their
 * retention has run out (soft_delete_policy.retention_duration_seconds: absent is the provider
 * default of 604800 s, 0 switches it off). Usage logs (logging.log_bucket) record every request,
 * including anonymous ones and failures; a bucket that receives other buckets' usage logs is not
 * asked to log its own (GCS usage logs are best effort; Data Access audit logs remain the record).
 */
export const StorageSoftDeleteAndUsageLogs: Rule = {
  id: 'GCP.Storage.SoftDeleteAndUsageLogs',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_storage_bucket'],
  description: 'An evidence bucket keeps soft-deleted objects for less than 7 days (or not at all), or writes no usage logs (logging.log_bucket).',
  rationale:
    'Soft delete is the last way back for evidence deleted after its retention lapsed or through a lock mistake; usage logs show ' +
    'each request to the evidence, including denied and anonymous ones, beside the Data Access audit logs.',
  fix:
    "Use the kit's EvidenceBucket (soft delete 90 days, usage logs into its own locked log bucket), or leave soft_delete_policy " +
    'unset or set retention_duration_seconds >= 604800, and set logging { log_bucket = google_storage_bucket.<log bucket>.name }.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1530'],
  atlas: [],
  isApplicable: isEvidenceBucket,
  check: (bucket, { model }) => {
    const raw = model.get(bucket, 'soft_delete_policy.retention_duration_seconds');
    const seconds = asNumber(raw);
    if (isUnresolved(seconds)) return unknown('soft_delete_policy.retention_duration_seconds is a value known only at deploy');
    const minimum = SOFT_DELETE_MIN_DAYS * SECONDS_PER_DAY;
    if (seconds !== undefined && seconds < minimum) {
      return nonCompliant(
        `soft_delete_policy.retention_duration_seconds is ${show(raw)}${seconds === 0 ? ' (soft delete off)' : ''}, below ${minimum} s (${SOFT_DELETE_MIN_DAYS} days)`,
      );
    }
    const softDelete = seconds === undefined ? 'soft delete is the provider default of 7 days' : `soft_delete_policy.retention_duration_seconds is ${seconds}`;
    const index = gcpIndex(model);
    if (index.usageLogBuckets.has(bucket)) return compliant(`${softDelete}; it receives usage logs of other buckets`);
    const target = model.get(bucket, 'logging.log_bucket');
    if (isUnresolved(target)) {
      if (referencesType(model, bucket, 'logging.log_bucket', 'google_storage_bucket')) return compliant(`${softDelete}; logging.log_bucket references a bucket of the input`);
      return unknown('logging.log_bucket is a value known only at deploy');
    }
    if (typeof target !== 'string' || target.trim() === '') {
      // A bucket that may receive other buckets' usage logs is not asked to log its own: only the deploy says whether it does.
      const may = index.mayReceiveUsageLogs.get(bucket);
      if (may) return unknown(`logging.log_bucket is ${show(target)}, and ${may}: whether it receives usage logs is known only at deploy`);
      const unplaced = (index.unplacedUsageLogs.get(model.configurationOf(bucket)) ?? []).find((b) => b !== bucket);
      if (unplaced) return unknown(`logging.log_bucket is ${show(target)}, and bucket ${unplaced.address} writes its usage logs into a bucket known only at deploy, which may be this one`);
      return nonCompliant(`logging.log_bucket is ${show(target)}: no usage logs are written`);
    }
    return compliant(`${softDelete}; usage logs go to ${target}`);
  },
};
