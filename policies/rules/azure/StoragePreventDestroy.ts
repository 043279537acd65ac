import { Rule } from '../../engine/types';
import { T, evidenceStoreOf, isEvidenceStore, judgePreventDestroy } from '../../facts/azure';

/**
 * `lifecycle { prevent_destroy = true }` on an evidence store and on everything that holds or guards
 * its evidence: its containers, their immutability policies and the management locks that cover it.
 * Terraform's JSON plan output does not carry lifecycle arguments, so on a plan the verdict is UNKNOWN.
 */
export const StoragePreventDestroy: Rule = {
  id: 'AZURE.Storage.PreventDestroy',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount, T.storageContainer, T.containerPolicy, T.managementLock],
  description: 'An evidence storage account, one of its containers or container immutability policies, or a management lock that protects it can be destroyed by Terraform (lifecycle.prevent_destroy is not true).',
  rationale: 'A renamed construct, a changed ForceNew attribute or a careless destroy would replace the account or a container and take its logs with it (an unlocked container holds deletable evidence), or silently remove the policy or lock that protects them; prevent_destroy makes Terraform refuse such a plan.',
  fix: 'Use EvidenceStorage (it sets prevent_destroy on the account, its containers, their policies and its lock); or add lifecycle { prevent_destroy = true } to the azurerm_storage_account, each azurerm_storage_container, azurerm_storage_container_immutability_policy and azurerm_management_lock (cdktf: lifecycle: { preventDestroy: true }).',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  isApplicable: (r, ctx) => (r.type === T.storageAccount ? isEvidenceStore(ctx.model, r) : evidenceStoreOf(ctx.model, r) !== undefined),
  check: (r, ctx) => judgePreventDestroy(ctx.model, r),
};
