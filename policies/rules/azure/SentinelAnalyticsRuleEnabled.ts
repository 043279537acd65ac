import { isUnresolved } from '../../engine/model';
import { Rule, unknown } from '../../engine/types';
import { AZURE_EVIDENCE_TABLES } from '../../../constructs/core/catalogs';
import { judgeBool, strAt } from '../../facts/azure';

/** The evidence tables a query names (a table name as a whole word, outside // comments). */
function evidenceTablesOf(query: string): string[] {
  const code = query.replace(/\/\/.*$/gm, '');
  return AZURE_EVIDENCE_TABLES.filter((t) => new RegExp(`(^|[^\\w'"])${t}([^\\w'"]|$)`, 'm').test(code));
}

/**
 * A Sentinel analytics rule over the kit's evidence tables is a detection the investigation relies on
 * to start at all; created disabled it looks deployed and detects nothing. Rules over other tables
 * are not judged. azurerm 4.55 defaults `enabled` to true on scheduled and NRT rules.
 */
export const SentinelAnalyticsRuleEnabled: Rule = {
  id: 'AZURE.Sentinel.AnalyticsRuleEnabled',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: ['azurerm_sentinel_alert_rule_scheduled', 'azurerm_sentinel_alert_rule_nrt'],
  description: 'A Microsoft Sentinel analytics rule over the evidence tables is disabled.',
  rationale:
    'A disabled rule raises no alert: endpoint abuse or the deletion of a diagnostic setting goes unnoticed until someone looks, ' +
    'and the logs that would answer the investigation may have expired or been narrowed by then.',
  fix: "Leave the kit's InvestigationPack sentinel.rulesEnabled at its default (true), or set enabled = true on the azurerm_sentinel_alert_rule_scheduled / _nrt.",
  evidenceSource: 'control-plane-audit',
  nist: 'Analysis',
  attack: ['T1562.008', 'T1685.002', 'T1078.004'],
  atlas: ['AML.T0024'],
  isApplicable: (r, { model }) => {
    const query = strAt(model, r, 'query');
    return isUnresolved(query) || (typeof query === 'string' && evidenceTablesOf(query).length > 0);
  },
  check: (r, { model }) => {
    const query = strAt(model, r, 'query');
    if (isUnresolved(query)) return unknown('query cannot be resolved before deploy: whether the rule reads evidence tables is not known');
    const verdict = judgeBool(model, r, 'enabled', true, true);
    return { ...verdict, reason: `${verdict.reason} (the rule reads ${evidenceTablesOf(query!).join(', ')})` };
  },
};
