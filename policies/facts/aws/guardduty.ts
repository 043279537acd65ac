import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { rawAt, rawList } from './refs';

/**
 * The Status of the first of `names` in a detector's Features: 'ENABLED', 'DISABLED' (or another
 * value as written), undefined when no such feature is listed, 'unknown' when unresolvable.
 */
export function featureStatus(model: ResourceModel, detector: Resource, names: readonly string[]): string | undefined | 'unknown' {
  const features = rawList(model, detector, rawAt(model, detector, 'Features'));
  if (isUnresolved(features)) return 'unknown';
  let found: string | undefined | 'unknown';
  for (const f of features) {
    const v = model.resolve(f, detector) as Record<string, unknown>;
    if (isUnresolved(v) || isUnresolved(v?.Name)) return 'unknown';
    if (!v || typeof v !== 'object' || !names.includes(v.Name as string)) continue;
    if (isUnresolved(v.Status)) return 'unknown';
    if (v.Status === 'ENABLED') return 'ENABLED';
    found = String(v.Status);
  }
  return found;
}
