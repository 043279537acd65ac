import { UNRESOLVED, isUnresolved } from '../../engine/model';
import { Rule, notApplicable } from '../../engine/types';
import { T, boolAt, evidenceWriters, immutabilityOf, isEvidenceStore, judgeImmutability, show } from '../../facts/azure';

/**
 * Azure Monitor writes diagnostic logs as append blobs (PT1H.json, appended through the hour). Under
 * a time-based immutability policy an append is a modification unless protected append writes are
 * allowed, so Microsoft's diagnostic-settings documentation requires them for immutable destinations.
 * Applies to evidence stores that a diagnostic setting writes into, and judges the containers Azure
 * Monitor appends to (`insights-activity-logs`, `insights-logs-*` but the block-blob flow logs): a
 * container-level policy takes precedence over the account-level default, so each declared container
 * is judged by its own policy, every other one (including those a category group creates) by the
 * account policy.
 */
export const StorageImmutabilityAppendWrites: Rule = {
  id: 'AZURE.Storage.ImmutabilityAppendWrites',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.storageAccount],
  description: 'A container that Azure Monitor appends logs to, in an immutable evidence storage account, is governed by an immutability policy that does not allow protected append writes.',
  rationale: 'Azure Monitor appends to hourly append blobs; an immutability policy that forbids appends makes those writes fail, so the logs the store was built to protect never arrive.',
  fix: 'Use EvidenceStorage (it allows protected append writes); or set immutability_policy.allow_protected_append_writes = true on the azurerm_storage_account, and protected_append_writes_enabled (or protected_append_writes_all_enabled) = true on each azurerm_storage_container_immutability_policy of an insights-* container, while the policy is still unlocked.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002'],
  atlas: [],
  isApplicable: (r, ctx) =>
    isEvidenceStore(ctx.model, r) && evidenceWriters(ctx.model, r).some((w) => w.type === T.diagnosticSetting || w.type === T.aadDiagnosticSetting),
  check: (r, ctx) => {
    const state = immutabilityOf(ctx.model, r);
    const accountOff = !state.account || state.account.state === 'Disabled';
    if (accountOff && state.containers.every((c) => c.policies.length === 0)) {
      return notApplicable('no immutability policy to allow appends on (AZURE.Storage.ImmutabilityPolicy reports the missing policy)');
    }
    return judgeImmutability(ctx.model, r, {
      appendOnly: true,
      // Without an account-level policy nothing blocks appends to the containers it would govern.
      noAccountPolicy: { ok: true, text: 'no immutability_policy block (nothing blocks appends)' },
      accountPolicy({ state: s, appendWrites }) {
        if (s === 'Disabled') return { ok: true, text: 'immutability_policy.state "Disabled" (nothing blocks appends)' };
        return { ok: isUnresolved(appendWrites) ? appendWrites : appendWrites === true, text: `immutability_policy.allow_protected_append_writes ${show(appendWrites)}` };
      },
      containerPolicy(p) {
        const append = boolAt(ctx.model, p, 'protected_append_writes_enabled');
        const all = boolAt(ctx.model, p, 'protected_append_writes_all_enabled');
        const text = `${p.address} protected_append_writes_enabled ${show(append)}, protected_append_writes_all_enabled ${show(all)}`;
        if (append === true || all === true) return { ok: true, text };
        return { ok: isUnresolved(append) || isUnresolved(all) ? UNRESOLVED : false, text };
      },
    });
  },
};
