import { Rule } from '../../engine/types';
import { T, isEvidenceStore, judgeBool } from '../../facts/azure';

/**
 * Shared Key authorization is off on an evidence store, so every request is made by an Entra identity.
 * azurerm 4.55 defaults shared_access_key_enabled to true. With it off, the azurerm provider must use
 * Entra ID for data-plane calls (`storage_use_azuread = true` in the provider block).
 */
export const StorageSharedKeyDisabled: Rule = {
  id: 'AZURE.Storage.SharedKeyDisabled',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'An evidence storage account accepts Shared Key (account key and SAS) authorization.',
  rationale: 'An account key grants full control to whoever holds it and its requests carry no identity, so the store logs would not say who read or changed the evidence; Entra-only access ties every request to a principal.',
  fix: 'Use EvidenceStorage; or set shared_access_key_enabled = false on the azurerm_storage_account (and storage_use_azuread = true in the azurerm provider block).',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1530', 'T1098.001', 'T1078.004'],
  atlas: ['AML.T0055'],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => judgeBool(ctx.model, r, 'shared_access_key_enabled', false, true),
};
