import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { rawAt, rawList } from './refs';

/**
 * The Status of `names` in a detector's Features: 'ENABLED' when one of them is, else the Status
 * written ('DISABLED' or another value), undefined when none is listed, 'unknown' when unresolvable.
 * A detector has one state per feature: a feature listed twice (two aws_guardduty_detector_feature
 * of one name, applied in no set order, each replacing the other) is as weak as its weaker entry.
 */
export function featureStatus(model: ResourceModel, detector: Resource, names: readonly string[]): string | undefined | 'unknown' {
  const features = rawList(model, detector, rawAt(model, detector, 'Features'));
  if (isUnresolved(features)) return 'unknown';
  // Per feature name, its weakest Status: a value other than ENABLED, then unknown, then ENABLED.
  const byName = new Map<string, string>();
  for (const f of features) {
    const v = model.resolve(f, detector) as Record<string, unknown>;
    if (isUnresolved(v) || isUnresolved(v?.Name)) return 'unknown';
    if (!v || typeof v !== 'object' || !names.includes(v.Name as string)) continue;
    const status = isUnresolved(v.Status) ? 'unknown' : String(v.Status);
    const prior = byName.get(v.Name as string);
    byName.set(v.Name as string, prior === undefined ? status : weaker(prior, status));
  }
  const states = [...byName.values()];
  if (states.includes('ENABLED')) return 'ENABLED';
  if (states.includes('unknown')) return 'unknown';
  return states[states.length - 1];
}

function weaker(a: string, b: string): string {
  if (a !== 'ENABLED' && a !== 'unknown') return a;
  if (b !== 'ENABLED' && b !== 'unknown') return b;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'ENABLED';
}
