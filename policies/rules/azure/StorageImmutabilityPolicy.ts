import { UNRESOLVED, isUnresolved } from '../../engine/model';
import { Rule } from '../../engine/types';
import { T, isEvidenceStore, judgeImmutability, show, asNumber, valueAt } from '../../facts/azure';

/**
 * An evidence store keeps what is written for at least the retention floor: every container that
 * receives evidence is covered by a time-based immutability policy of at least the floor. A
 * container-level policy takes precedence over the account-level default (`immutability_policy`,
 * state Unlocked or Locked), so a short container policy fires even when the account policy passes;
 * the account policy governs every other container, including those a category group (`allLogs`)
 * makes Azure Monitor create, whose names come from the resource type's known log categories.
 * Whether the policy is locked is AZURE.Storage.ImmutabilityLocked. azurerm 4.55 marks
 * `immutability_policy` ForceNew, so an account-level policy cannot be added to an existing account in place.
 */
export const StorageImmutabilityPolicy: Rule = {
  id: 'AZURE.Storage.ImmutabilityPolicy',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'A container of an evidence storage account that receives evidence is not covered by a time-based immutability policy of at least the retention floor (its own container policy, which takes precedence, or else the account-level policy).',
  rationale: 'Without a time-based immutability policy anyone holding write access (or an attacker with it) can overwrite or delete logs before an investigation reads them; the policy makes every blob non-erasable and non-modifiable for the retention period.',
  fix: 'Use EvidenceStorage (retention at least the floor); or set immutability_policy { state = "Unlocked" then "Locked", period_since_creation_in_days >= floor, allow_protected_append_writes = true } on the azurerm_storage_account, or an azurerm_storage_container_immutability_policy with immutability_period_in_days >= floor on every container (including insights-activity-logs / insights-logs-* that Azure Monitor writes into).',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => {
    const floor = ctx.config.retentionFloorDays;
    return judgeImmutability(ctx.model, r, {
      accountPolicy({ state, days }) {
        const text = `immutability_policy.state ${show(state)}, period_since_creation_in_days ${show(days)}`;
        if (state === 'Disabled') return { ok: false, text };
        if (isUnresolved(state) || isUnresolved(days)) return { ok: UNRESOLVED, text };
        if (state !== 'Locked' && state !== 'Unlocked') return { ok: false, text };
        if (days === undefined || days < floor) return { ok: false, text: `${text} (below the floor of ${floor} days)` };
        return { ok: true, text: `${text} (floor ${floor} days)` };
      },
      containerPolicy(p) {
        const days = asNumber(valueAt(ctx.model, p, 'immutability_period_in_days'));
        const text = `${p.address} immutability_period_in_days ${show(days)}`;
        if (isUnresolved(days)) return { ok: days, text };
        if (days === undefined || days < floor) return { ok: false, text: `${text} (below the floor of ${floor} days)` };
        return { ok: true, text };
      },
    });
  },
};
