/**
 * Whether a bucket keeps a locked copy of what a producer writes under a prefix: the replication
 * rules that copy those objects, each with the lock of its destination. One reading for every
 * producer that cannot write into an Object Lock bucket itself (AWS Config's delivery channel,
 * Firehose), so the same replication is judged the same way wherever it stands.
 */
import { ResourceModel, isUnresolved } from '../../engine/model';
import { EvidenceContext } from '../../engine/context';
import { Resource } from '../../engine/types';
import { bucketByArn, destinationLockState, rawAt, rawList, State } from './evidence';

/**
 * Whether a replication rule copies the objects under `prefix` (undefined: the prefix is
 * unresolvable): enabled, no tag filter (the producers' objects carry no tags, so a tag filter never
 * matches them), its prefix a start of theirs.
 */
function ruleCovers(model: ResourceModel, bucket: Resource, rule: Record<string, unknown>, prefix: string | undefined): boolean | 'unknown' {
  const status = model.resolve(rule.Status, bucket);
  if (isUnresolved(status)) return 'unknown';
  if (status !== 'Enabled') return false;
  const filter = model.resolve(rule.Filter, bucket) as Record<string, unknown> | undefined;
  if (isUnresolved(filter)) return 'unknown';
  if (filter?.TagFilter !== undefined || (filter?.And as Record<string, unknown> | undefined)?.Tags !== undefined) return false;
  const p = filter?.Prefix ?? (filter?.And as Record<string, unknown> | undefined)?.Prefix ?? model.resolve(rule.Prefix, bucket);
  if (isUnresolved(p)) return 'unknown';
  if (p === undefined || p === '') return true;
  if (typeof p !== 'string') return 'unknown';
  if (prefix === undefined) return 'unknown';
  return prefix.startsWith(p);
}

/**
 * For each replication rule of `bucket` that copies (or may copy) the objects under `prefix`, the
 * lock of its destination, at least `floorDays`; a rule whose coverage is unresolvable is UNKNOWN
 * even when its destination is locked. A single UNKNOWN state when the rules themselves are
 * unresolvable; an empty list when no rule copies the prefix.
 */
export function replicaLockStates(model: ResourceModel, bucket: Resource, prefix: string | undefined, floorDays: number, context?: EvidenceContext): readonly State[] {
  const rules = rawList(model, bucket, rawAt(model, bucket, 'ReplicationConfiguration.Rules'));
  if (isUnresolved(rules)) return [{ ok: 'unknown', reason: `${bucket.address}: ReplicationConfiguration.Rules is unresolvable before deploy` }];
  const states: State[] = [];
  for (const rule of rules) {
    if (!rule || typeof rule !== 'object') continue;
    const covers = ruleCovers(model, bucket, rule as Record<string, unknown>, prefix);
    if (covers === false) continue;
    const dest = bucketByArn(model, ((rule as Record<string, unknown>).Destination as Record<string, unknown> | undefined)?.Bucket, bucket);
    const s = destinationLockState(model, dest, `${bucket.address}: a replication rule's Destination.Bucket`, floorDays, context);
    states.push(covers === 'unknown' && s.ok === true ? { ok: 'unknown', reason: `${bucket.address}: whether a replication rule into a locked bucket covers the prefix ${prefix ?? '(unresolvable)'} is unresolvable before deploy` } : s);
  }
  return states;
}
