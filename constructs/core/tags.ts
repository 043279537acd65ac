import { EvidenceSourceId } from './evidence-sources';
import { deepFreeze } from './freeze';

/**
 * Tag keys and values the kit puts on every resource it creates. Lower-case letters, digits and
 * hyphens only, so the same key is valid as an AWS tag, a GCP label and an Azure tag.
 */
export const TAG_KEYS = {
  /** Marks a resource that is part of the forensic readiness kit. */
  managedBy: 'forensic-readiness',
  /** The evidence source a resource records or stores. */
  evidenceSource: 'forensic-evidence-source',
  /** `true` on stores that hold evidence (deleting them destroys evidence). */
  evidenceStore: 'forensic-evidence-store',
} as const;
deepFreeze(TAG_KEYS);

/** The value of the managedBy tag. */
export const MANAGED_BY_VALUE = 'forensic-readiness-kit';

/** The tags of a resource that records or stores one evidence source. */
export function evidenceTags(source: EvidenceSourceId, store = false, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
    [TAG_KEYS.evidenceSource]: source,
    ...(store ? { [TAG_KEYS.evidenceStore]: 'true' } : {}),
    ...extra,
  };
}
