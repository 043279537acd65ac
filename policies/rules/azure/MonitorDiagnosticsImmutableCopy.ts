import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { LINKS, T, azureIndex, enabledLogs, retainedDestinations, settingTarget, valueAt } from '../../facts/azure';

/** Destinations that forward or query, but keep no unalterable copy. */
const OTHER_DESTINATIONS = ['log_analytics_workspace_id', 'eventhub_authorization_rule_id', 'partner_solution_id'] as const;

/** A single `${type.name.attr}` reference to a resource or data source (the attribute then holds its id). */
const RESOURCE_REFERENCE = /^\$\{(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*\.[^{}]+\}$/;

/**
 * A diagnostic setting that exports evidence (the Activity Log, Entra ID, resource logs of an ML
 * workspace, online endpoint or registry, of an AI Services account, of a Key Vault or of a blob service) also writes it into a
 * storage account: the copy an immutability policy can keep unaltered. Whether that account is
 * immutable is AZURE.Storage.ImmutabilityPolicy; flow logs always write to storage.
 */
export const MonitorDiagnosticsImmutableCopy: Rule = {
  id: 'AZURE.Monitor.DiagnosticsImmutableCopy',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.diagnosticSetting, T.aadDiagnosticSetting],
  description: 'A diagnostic setting that exports evidence (Activity Log, Entra ID, ML, AI Services, Key Vault or blob access logs) has no storage_account_id, so no immutable copy of it is kept.',
  rationale: 'A Log Analytics workspace owner can purge records and an Event Hub only forwards them; the copy in an immutable storage account is what lets an investigator show the logs were not altered or removed after the fact.',
  fix: 'Use the kit constructs (ActivityLogs, EntraIdLogs, MachineLearningAudit, CognitiveAccountAudit, StorageAccessLogs take destination: EvidenceStorage); or set storage_account_id on the azurerm_monitor_diagnostic_setting / azurerm_monitor_aad_diagnostic_setting to an immutable evidence storage account, besides log_analytics_workspace_id.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1485'],
  atlas: [],
  isApplicable: (r, ctx) => {
    const sel = enabledLogs(ctx.model, r);
    if (sel.categories.size === 0 && sel.groups.size === 0 && !sel.unresolved) return false;
    if (r.type === T.aadDiagnosticSetting) return true;
    const target = settingTarget(ctx.model, r);
    return target.unresolved || (target.kind !== undefined && target.kind !== 'other');
  },
  check: (r, ctx) => {
    const raw = r.properties.storage_account_id;
    if (raw === undefined || raw === null || raw === '') {
      const others = OTHER_DESTINATIONS.filter((k) => typeof r.properties[k] === 'string' && r.properties[k] !== '');
      const has = others.length > 0 ? `only ${others.join(', ')}` : 'no destination';
      const open = settingTarget(ctx.model, r).unresolved;
      const text = `storage_account_id is absent (${has}): no immutable copy of these logs is kept`;
      return open ? unknown(`${text}, if target_resource_id (only known at deploy) names an evidence source`) : nonCompliant(text);
    }
    if (typeof raw !== 'string') return unknown('storage_account_id cannot be resolved before deploy');
    // An account outside the inputs (a literal id naming none, a data source, another configuration's output): whether it keeps an immutable copy is judged nowhere here.
    const end = azureIndex(ctx.model).linksOf(r.type === T.aadDiagnosticSetting ? LINKS.aadStorage : LINKS.diagnosticStorage).byFrom.get(r);
    if (!end?.target && (!raw.includes('${') || raw.includes('${data.'))) {
      return unknown(`storage_account_id ${raw} names no storage account of the inputs: whether it keeps an immutable copy of these logs cannot be checked here; check the template that defines it too`);
    }
    // A literal id, or a reference to a storage account of this input, another stack's output or a data source.
    if (!raw.includes('${') || RESOURCE_REFERENCE.test(raw)) return compliant(`storage_account_id is ${raw} (${retainedDestinations(r).join(', ')})`);
    const v = valueAt(ctx.model, r, 'storage_account_id');
    if (isUnresolved(v) || typeof v !== 'string' || v === '') return unknown('storage_account_id cannot be resolved before deploy');
    return compliant(`storage_account_id is ${v}`);
  },
};
