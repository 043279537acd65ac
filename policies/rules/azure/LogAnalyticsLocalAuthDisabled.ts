import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, boolAt } from '../../facts/azure';

/**
 * A Log Analytics workspace accepts only Entra ID authentication. azurerm 4.55 has
 * local_authentication_enabled (default true) and the deprecated local_authentication_disabled;
 * either form is read.
 */
export const LogAnalyticsLocalAuthDisabled: Rule = {
  id: 'AZURE.LogAnalytics.LocalAuthDisabled',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.logAnalyticsWorkspace],
  description: 'A Log Analytics workspace accepts its shared workspace keys (local authentication).',
  rationale: 'Anyone holding a workspace key can send records into the workspace without an identity, so forged or flooding records could be mixed into the evidence; Entra-only ingestion ties every record to a principal.',
  fix: 'Use LogAnalytics; or set local_authentication_enabled = false on the azurerm_log_analytics_workspace.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002'],
  atlas: ['AML.T0055'],
  check: (r, ctx) => {
    const enabled = boolAt(ctx.model, r, 'local_authentication_enabled');
    const disabled = boolAt(ctx.model, r, 'local_authentication_disabled');
    if (isUnresolved(enabled) || isUnresolved(disabled)) return unknown('local_authentication_enabled / local_authentication_disabled cannot be resolved before deploy');
    if (enabled === false) return compliant('local_authentication_enabled is false');
    if (disabled === true && enabled === undefined) return compliant('local_authentication_disabled is true (deprecated form)');
    if (enabled === true) return nonCompliant('local_authentication_enabled is true');
    if (disabled === false) return nonCompliant('local_authentication_disabled is false');
    return nonCompliant('local_authentication_enabled is absent (provider default true)');
  },
};
