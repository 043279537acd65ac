import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, blockAt, boolAt, isEvidenceStore, numAt } from './_shared';

/**
 * Blob soft delete (`blob_properties.delete_retention_policy`) and container soft delete
 * (`blob_properties.container_delete_retention_policy`) are both on, and soft-deleted versions cannot
 * be purged early (`permanent_delete_enabled` not true). Each block's days default to 7 in azurerm 4.55.
 */
export const StorageSoftDelete: Rule = {
  id: 'AZURE.Storage.SoftDelete',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'An evidence storage account lacks blob or container soft delete, or allows soft-deleted blobs to be purged.',
  rationale: 'Soft delete keeps a deleted blob or container recoverable for its retention days, the last line of recovery where immutability does not reach (containers, blobs written before a policy applied).',
  fix: 'Use EvidenceStorage (softDeleteRetention); or set blob_properties { delete_retention_policy { days = 365 } container_delete_retention_policy { days = 365 } } and leave permanent_delete_enabled unset or false.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => {
    const m = ctx.model;
    const found: string[] = [];
    for (const block of ['delete_retention_policy', 'container_delete_retention_policy']) {
      const path = `blob_properties.${block}`;
      const value = blockAt(m, r, path);
      if (isUnresolved(value)) return unknown(`${path} cannot be resolved before deploy`);
      if (value === undefined) return nonCompliant(`${path} is absent: soft delete is off`);
      const days = numAt(m, r, `${path}.days`);
      if (isUnresolved(days)) return unknown(`${path}.days cannot be resolved before deploy`);
      found.push(`${path}.days ${days ?? '7 (default)'}`);
    }
    const purge = boolAt(m, r, 'blob_properties.delete_retention_policy.permanent_delete_enabled');
    if (isUnresolved(purge)) return unknown('blob_properties.delete_retention_policy.permanent_delete_enabled cannot be resolved before deploy');
    if (purge === true) return nonCompliant('blob_properties.delete_retention_policy.permanent_delete_enabled is true: soft-deleted versions can be purged early');
    return compliant(found.join(', '));
  },
};
