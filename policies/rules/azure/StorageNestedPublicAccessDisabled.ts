import { Rule } from '../../engine/types';
import { T, isEvidenceStore, judgeBool } from '../../facts/azure';

/** No container of an evidence store can be made anonymously readable; azurerm 4.55 defaults allow_nested_items_to_be_public to true. */
export const StorageNestedPublicAccessDisabled: Rule = {
  id: 'AZURE.Storage.NestedPublicAccessDisabled',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'An evidence storage account lets its containers opt into anonymous public read access.',
  rationale: 'Evidence exposed anonymously can be read by anyone, including the attacker under investigation, who learns what was recorded; anonymous reads also leave no identity in the logs.',
  fix: 'Use EvidenceStorage; or set allow_nested_items_to_be_public = false on the azurerm_storage_account.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1530', 'T1619'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => judgeBool(ctx.model, r, 'allow_nested_items_to_be_public', false, true),
};
