import type { EntraIdLogCategory } from '../../../constructs/core/catalogs';
import { Rule } from '../../engine/types';
import { T, judgeCategories } from '../../facts/azure';

/** Entra ID sign-in and audit categories (Microsoft Entra diagnostic settings log options). */
export const ENTRA_SIGN_IN_CATEGORIES = [
  'SignInLogs',
  'NonInteractiveUserSignInLogs',
  'ServicePrincipalSignInLogs',
  'ManagedIdentitySignInLogs',
  'AuditLogs',
] as const satisfies readonly EntraIdLogCategory[];

/**
 * The tenant's Entra ID diagnostic settings (azurerm_monitor_aad_diagnostic_setting, `enabled_log {
 * category }`; a legacy `log` block counts when enabled) send every sign-in category and the audit
 * log to a retained destination. All Entra settings of the input are judged together, as they are
 * tenant-wide. Entra keeps these logs 7 to 30 days by itself.
 */
export const MonitorEntraSignInLogs: Rule = {
  id: 'AZURE.Monitor.EntraSignInLogs',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.aadDiagnosticSetting],
  description: 'The Entra ID diagnostic settings miss a sign-in or audit category, or send to no retained destination.',
  rationale: 'Sign-in logs (interactive, non-interactive, service principal, managed identity) show which identity authenticated from where with which credential, and audit logs show new credentials and role grants; Entra keeps them 30 days at most, so only an export lets an investigator trace a stolen token or a backdoor credential.',
  fix: 'Use EntraIdLogs (all categories by default); or give an azurerm_monitor_aad_diagnostic_setting enabled_log blocks for SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs, ManagedIdentitySignInLogs and AuditLogs, and log_analytics_workspace_id or storage_account_id.',
  evidenceSource: 'identity-sign-in',
  nist: 'Collection',
  attack: ['T1078.004', 'T1098.001', 'T1136.003'],
  atlas: ['AML.T0012'],
  check: (_r, ctx) =>
    judgeCategories(ctx.model, ctx.model.ofType(T.aadDiagnosticSetting), {
      what: 'Entra ID',
      required: ENTRA_SIGN_IN_CATEGORIES,
      coveringGroups: [],
    }),
};
