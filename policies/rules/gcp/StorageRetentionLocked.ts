import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, asNumber, evidenceBucketReason, isEvidenceBucket, SECONDS_PER_DAY, show } from '../../facts/gcp';

/**
 * An evidence bucket keeps every object for at least the floor and nobody can shorten that.
 * An unlocked policy is judged here too (not in a separate warning rule): a privileged principal,
 * or an attacker holding that privilege, can remove it, so it does not make the bucket evidence
 * storage. The kit's reversible SOAK mode therefore fails this rule by design; acknowledge it
 * with a suppression while trying the kit.
 */
export const StorageRetentionLocked: Rule = {
  id: 'GCP.Storage.RetentionLocked',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_storage_bucket'],
  description: 'An evidence bucket has no locked retention policy of at least the retention floor.',
  rationale:
    'Without a locked retention policy an attacker with storage admin rights can delete or overwrite the logs and ' +
    'exports that record their actions; only a locked policy lets an investigator show that no object was removed.',
  fix:
    "Use the kit's EvidenceBucket (immutability: Immutability.LOCKED, retention at or above the floor), or set " +
    'retention_policy { is_locked = true, retention_period = <floor days x 86400> } on the google_storage_bucket.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  isApplicable: isEvidenceBucket,
  check: (bucket, { model, config }) => {
    const why = evidenceBucketReason(model, bucket);
    const policy = model.get(bucket, 'retention_policy');
    if (isUnresolved(policy)) return unknown(`retention_policy is ${show(policy)}`);
    if (policy === undefined || (Array.isArray(policy) && policy.length === 0)) {
      return nonCompliant(`evidence bucket (${why}) has no retention_policy`);
    }
    const floor = config.retentionFloorDays * SECONDS_PER_DAY;
    const period = asNumber(model.get(bucket, 'retention_policy.retention_period'));
    if (isUnresolved(period)) return unknown('retention_policy.retention_period is a value known only at deploy');
    if (period === undefined || period < floor) {
      return nonCompliant(
        `retention_policy.retention_period is ${show(period)} s, below the floor of ${config.retentionFloorDays} days (${floor} s)`,
      );
    }
    const locked = asBool(model.get(bucket, 'retention_policy.is_locked'));
    if (isUnresolved(locked)) return unknown('retention_policy.is_locked is a value known only at deploy');
    if (locked !== true) {
      return nonCompliant(`retention_policy.is_locked is ${show(locked)}: the policy can be removed or shortened`);
    }
    return compliant(`retention_policy is locked with retention_period ${period} s (${Math.floor(period / SECONDS_PER_DAY)} days)`);
  },
};
