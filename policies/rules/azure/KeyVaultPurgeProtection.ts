import { Rule } from '../../engine/types';
import { T, judgeBool } from '../../facts/azure';

/**
 * Key Vault purge protection: a deleted vault, key, secret or certificate stays recoverable for its
 * soft-delete retention (7 to 90 days) and no one can purge it early. azurerm 4.55 defaults
 * purge_protection_enabled to false; once on it cannot be turned off.
 */
export const KeyVaultPurgeProtection: Rule = {
  id: 'AZURE.KeyVault.PurgeProtection',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.keyVault],
  description: 'A Key Vault has no purge protection, so a deleted vault, key or secret can be purged before its soft-delete retention ends.',
  rationale: 'The vault holds the keys that encrypt evidence and ML data and the secrets pipelines use; an attacker who deletes and purges a key makes the data it encrypts unreadable and removes what an investigator would inspect, while purge protection keeps every deleted object recoverable.',
  fix: 'Use HardenedMlWorkspace (its Key Vault has purge protection); or set purge_protection_enabled = true on the azurerm_key_vault (and keep soft_delete_retention_days at 90).',
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1485', 'T1486', 'T1490'],
  atlas: ['AML.T0055'],
  check: (r, ctx) => judgeBool(ctx.model, r, 'purge_protection_enabled', true, false),
};
