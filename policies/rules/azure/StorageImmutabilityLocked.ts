import { isUnresolved } from '../../engine/model';
import { Rule } from '../../engine/types';
import { T, boolAt, isEvidenceStore, judgeImmutability, show } from '../../facts/azure';

/**
 * The immutability policy of an evidence store is locked. An Unlocked policy is the kit's reversible
 * soak mode (Immutability.SOAK): usable for a trial, but a privileged principal can shorten or delete
 * it. A container-level policy takes precedence over the account-level default, so an unlocked
 * container policy fires even when the account policy is locked. Azure creates account-level
 * policies only as Disabled or Unlocked; locking is a second deploy, so containers that only the
 * account policy covers (those a category group makes Azure Monitor create) are UNKNOWN while it is
 * Unlocked, never a pass.
 */
export const StorageImmutabilityLocked: Rule = {
  id: 'AZURE.Storage.ImmutabilityLocked',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.storageAccount],
  description: 'The immutability policy of an evidence storage account is not locked (soak mode), or there is none.',
  rationale: 'An unlocked policy can be shortened or removed by anyone with the right role, so an attacker holding that role can also destroy the evidence and its protection; only a locked policy lets an investigator show the logs were not altered.',
  fix: 'Use EvidenceStorage with immutability: Immutability.LOCKED (and accountPolicyLocked: true on the second deploy); or set immutability_policy.state = "Locked" on the azurerm_storage_account (after creating it Unlocked), or locked = true on every azurerm_storage_container_immutability_policy.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) =>
    judgeImmutability(ctx.model, r, {
      accountPolicy({ state }) {
        return {
          ok: isUnresolved(state) ? state : state === 'Locked',
          text: `immutability_policy.state ${show(state)}${state === 'Unlocked' ? ' (soak: reversible)' : ''}`,
          // Azure creates an account-level policy Unlocked only; locking it is the documented second deploy.
          pending: state === 'Unlocked',
        };
      },
      containerPolicy(p) {
        const locked = boolAt(ctx.model, p, 'locked');
        return { ok: isUnresolved(locked) ? locked : locked === true, text: `${p.address} locked ${show(locked)}` };
      },
    }),
};
