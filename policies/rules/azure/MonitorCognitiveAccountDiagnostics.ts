import { Rule } from '../../engine/types';
import { COGNITIVE_ACCOUNT_REQUIRED_CATEGORIES } from '../../../constructs/core/catalogs';
import { T, judgeResourceDiagnostics } from '../../facts/azure';

/**
 * Every Azure OpenAI / AI Services (cognitive) account has a diagnostic setting sending Audit and
 * RequestResponse, or the allLogs group, to a retained destination. Both land in AzureDiagnostics.
 */
export const MonitorCognitiveAccountDiagnostics: Rule = {
  id: 'AZURE.Monitor.CognitiveAccountDiagnostics',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.cognitiveAccount],
  description: 'An Azure OpenAI / AI Services (cognitive) account has no diagnostic setting sending its Audit and RequestResponse logs to a Log Analytics workspace or storage account.',
  rationale: 'The Activity Log records who changed the account, not who called the model. RequestResponse records each inference call (operation, caller IP, result, duration) and Audit the key and data-plane audit events: without them an investigator cannot tell who used a deployment, from where, or how often.',
  fix: 'Use CognitiveAccountAudit; or add an azurerm_monitor_diagnostic_setting with target_resource_id = azurerm_cognitive_account.x.id, enabled_log { category = "Audit" } and { category = "RequestResponse" } (or category_group = "allLogs") and storage_account_id or log_analytics_workspace_id.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004', 'T1496'],
  atlas: ['AML.T0040', 'AML.T0024'],
  check: (r, ctx) =>
    judgeResourceDiagnostics(ctx.model, r, { what: `cognitive account ${r.address}`, required: COGNITIVE_ACCOUNT_REQUIRED_CATEGORIES, coveringGroups: ['allLogs'] }),
};
