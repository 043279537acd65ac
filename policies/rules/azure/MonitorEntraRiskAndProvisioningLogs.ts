import type { EntraIdLogCategory } from '../../../constructs/core/catalogs';
import { Rule } from '../../engine/types';
import { T, judgeCategories } from '../../facts/azure';

/**
 * Entra ID categories an investigator values beyond sign-ins (Microsoft Entra diagnostic settings log
 * options; Identity Protection export; the Microsoft Sentinel Entra ID connector's list, which names
 * ADFSSignInLogs: AD FS sign-ins that Entra Connect Health for AD FS reports). Risk categories need
 * Entra ID P2, MicrosoftGraphActivityLogs P1 or P2, AD FS sign-ins Connect Health (P1); a tenant
 * without the licence or without AD FS cannot fill them, hence a warning.
 */
export const ENTRA_RISK_AND_PROVISIONING_CATEGORIES = [
  'ProvisioningLogs',
  'ADFSSignInLogs',
  'RiskyUsers',
  'UserRiskEvents',
  'RiskyServicePrincipals',
  'ServicePrincipalRiskEvents',
  'MicrosoftGraphActivityLogs',
] as const satisfies readonly EntraIdLogCategory[];

/** The tenant's Entra ID diagnostic settings also export provisioning, risk and Microsoft Graph activity logs. */
export const MonitorEntraRiskAndProvisioningLogs: Rule = {
  id: 'AZURE.Monitor.EntraRiskAndProvisioningLogs',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.aadDiagnosticSetting],
  description: 'The Entra ID diagnostic settings do not export provisioning, AD FS sign-in, identity-risk or Microsoft Graph activity logs.',
  rationale: 'Risk detections flag leaked credentials and anomalous tokens for users and service principals, provisioning logs show identities created by sync, AD FS sign-ins show federated logins that never reach the Entra sign-in screen, and Graph activity logs show what a stolen token did against the directory; none can be recovered after Entra ages them out.',
  fix: 'Use EntraIdLogs; or add enabled_log blocks for ProvisioningLogs, ADFSSignInLogs, RiskyUsers, UserRiskEvents, RiskyServicePrincipals, ServicePrincipalRiskEvents and MicrosoftGraphActivityLogs to an azurerm_monitor_aad_diagnostic_setting (licence permitting).',
  evidenceSource: 'identity-sign-in',
  nist: 'Collection',
  attack: ['T1078.004', 'T1098.001', 'T1136.003'],
  atlas: ['AML.T0012'],
  check: (_r, ctx) =>
    judgeCategories(ctx.model, ctx.model.ofType(T.aadDiagnosticSetting), {
      what: 'Entra ID',
      required: ENTRA_RISK_AND_PROVISIONING_CATEGORIES,
      coveringGroups: [],
    }),
};
