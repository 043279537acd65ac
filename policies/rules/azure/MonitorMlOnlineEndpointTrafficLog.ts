import { Rule } from '../../engine/types';
import { T, judgeCategories, settingTarget } from '../../facts/azure';

/**
 * A diagnostic setting on an Azure ML online endpoint (target_resource_id ends in
 * `/onlineEndpoints/<name>`: azurerm has no endpoint resource, so the id is a string) enables
 * AmlOnlineEndpointTrafficLog, or the allLogs group, into a retained destination. Because no
 * template holds the endpoint itself, an endpoint with no setting at all cannot be seen here: the
 * coverage matrix shows Azure ML inference as missing instead.
 */
export const MonitorMlOnlineEndpointTrafficLog: Rule = {
  id: 'AZURE.Monitor.MlOnlineEndpointTrafficLog',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.diagnosticSetting],
  description: 'A diagnostic setting on an Azure ML online endpoint does not send AmlOnlineEndpointTrafficLog to a Log Analytics workspace or storage account.',
  rationale: 'The traffic log is the only record of each scoring request: the deployment it reached, when, the authentication type, the result and the duration. Without it an investigator cannot say whether a model was probed or extracted through the endpoint.',
  fix: 'Use MachineLearningAudit with onlineEndpoints; or add enabled_log { category = "AmlOnlineEndpointTrafficLog" } (or category_group = "allLogs") and storage_account_id or log_analytics_workspace_id to the azurerm_monitor_diagnostic_setting whose target_resource_id is the endpoint.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0040', 'AML.T0024', 'AML.T0034'],
  isApplicable: (r, ctx) => settingTarget(ctx.model, r).kind === 'ml-online-endpoint',
  check: (r, ctx) =>
    judgeCategories(ctx.model, [r], { what: `online endpoint setting ${r.address}`, required: ['AmlOnlineEndpointTrafficLog'], coveringGroups: ['allLogs'] }),
};
