import { Rule } from '../../engine/types';
import { T, isEvidenceStore, judgeBool } from '../../facts/azure';

/** Blob versioning keeps every prior version of an evidence blob (and is required by version-level immutability). */
export const StorageBlobVersioning: Rule = {
  id: 'AZURE.Storage.BlobVersioning',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'An evidence storage account does not have blob versioning enabled.',
  rationale: 'With versioning every overwrite or delete keeps the previous version, so an investigator can recover what a blob held before it was tampered with and show when it changed.',
  fix: 'Use EvidenceStorage (versioning on by default); or set blob_properties { versioning_enabled = true } on the azurerm_storage_account.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => judgeBool(ctx.model, r, 'blob_properties.versioning_enabled', true, false),
};
