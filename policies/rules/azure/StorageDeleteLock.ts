import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, isEvidenceStore, locksCovering, names, strAt } from '../../facts/azure';

/**
 * A CanNotDelete management lock (ReadOnly also blocks deletion) on the evidence account, its
 * resource group or its subscription. A lock stops a delete through Azure Resource Manager by anyone
 * who cannot remove locks (Microsoft.Authorization/locks/delete), a narrower role than Contributor.
 */
export const StorageDeleteLock: Rule = {
  id: 'AZURE.Storage.DeleteLock',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.storageAccount],
  description: 'No CanNotDelete management lock protects an evidence storage account, its resource group or its subscription.',
  rationale: 'Deleting the storage account takes every log in it at once, including soft-deleted data; a management lock makes that a two-step act by a lock administrator, which itself lands in the Activity Log.',
  fix: 'Use EvidenceStorage (adds the lock); or add an azurerm_management_lock { scope = azurerm_storage_account.x.id, lock_level = "CanNotDelete" }.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => {
    const { locks, unresolved } = locksCovering(ctx.model, r);
    let open = false;
    for (const lock of locks) {
      const level = strAt(ctx.model, lock, 'lock_level');
      if (isUnresolved(level)) open = true;
      else if (level === 'CanNotDelete' || level === 'ReadOnly') return compliant(`${lock.address} lock_level ${level}`);
    }
    if (open || unresolved.length > 0) {
      return unknown(`no lock is known to cover ${r.address}; the lock_level or scope of ${names([...locks, ...unresolved])} cannot be resolved before deploy`);
    }
    return nonCompliant(locks.length === 0 ? 'no azurerm_management_lock scopes the account, its resource group or subscription' : `${names(locks)} cover it but none has lock_level CanNotDelete`);
  },
};
