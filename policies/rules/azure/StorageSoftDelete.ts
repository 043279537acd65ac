import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { RETENTION_BOUNDS } from '../../../constructs/core/retention';
import { T, blockAt, boolAt, isEvidenceStore, numAt } from '../../facts/azure';

/** Azure keeps soft-deleted blobs and containers 1 to 365 days; absent days default to 7 in azurerm 4.55. */
const SERVICE_MAX_DAYS = RETENTION_BOUNDS.azureSoftDelete.maxDays;
const PROVIDER_DEFAULT_DAYS = 7;
/** The two soft-delete blocks and their `days` paths, written once (not path strings built per account). */
const POLICIES = ['blob_properties.delete_retention_policy', 'blob_properties.container_delete_retention_policy'].map((path) => [path, `${path}.days`] as const);

/**
 * Blob soft delete (`blob_properties.delete_retention_policy`) and container soft delete
 * (`blob_properties.container_delete_retention_policy`) are both on, each keeps deleted data for at
 * least the retention floor capped at the service maximum (365 days), and soft-deleted versions
 * cannot be purged early (`permanent_delete_enabled` not true).
 */
export const StorageSoftDelete: Rule = {
  id: 'AZURE.Storage.SoftDelete',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'An evidence storage account lacks blob or container soft delete, keeps soft-deleted data for less than the retention floor (capped at 365 days), or allows soft-deleted blobs to be purged.',
  rationale: 'Soft delete keeps a deleted blob or container recoverable for its retention days, the last line of recovery where immutability does not reach (containers, blobs written before a policy applied); a deletion noticed after the default 7 days is beyond recovery.',
  fix: 'Use EvidenceStorage (softDeleteRetention, default 365 days); or set blob_properties { delete_retention_policy { days = 365 } container_delete_retention_policy { days = 365 } } and leave permanent_delete_enabled unset or false.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => {
    const m = ctx.model;
    const want = Math.min(ctx.config.retentionFloorDays, SERVICE_MAX_DAYS);
    const found: string[] = [];
    const short: string[] = [];
    for (const [path, daysPath] of POLICIES) {
      const value = blockAt(m, r, path);
      if (isUnresolved(value)) return unknown(`${path} cannot be resolved before deploy`);
      if (value === undefined) return nonCompliant(`${path} is absent: soft delete is off`);
      const days = numAt(m, r, daysPath);
      if (isUnresolved(days)) return unknown(`${path}.days cannot be resolved before deploy`);
      const text = `${path}.days ${days ?? `${PROVIDER_DEFAULT_DAYS} (default)`}`;
      if ((days ?? PROVIDER_DEFAULT_DAYS) < want) short.push(text);
      found.push(text);
    }
    const purge = boolAt(m, r, 'blob_properties.delete_retention_policy.permanent_delete_enabled');
    if (isUnresolved(purge)) return unknown('blob_properties.delete_retention_policy.permanent_delete_enabled cannot be resolved before deploy');
    if (purge === true) return nonCompliant('blob_properties.delete_retention_policy.permanent_delete_enabled is true: soft-deleted versions can be purged early');
    if (short.length > 0) return nonCompliant(`${short.join(', ')}: below ${want} days (the retention floor, capped at the service maximum of ${SERVICE_MAX_DAYS})`);
    return compliant(`${found.join(', ')} (at least ${want})`);
  },
};
