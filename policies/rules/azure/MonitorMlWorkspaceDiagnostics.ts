import { Rule } from '../../engine/types';
import { ML_WORKSPACE_CATEGORIES, T, judgeResourceDiagnostics } from '../../facts/azure';

/**
 * Every Azure ML workspace has a diagnostic setting sending all its logs to a retained destination:
 * `category_group allLogs` (which also picks up categories Microsoft adds later) or every category of
 * ML_WORKSPACE_CATEGORIES (Azure Monitor supported-logs reference, in _categories.ts).
 */
export const MonitorMlWorkspaceDiagnostics: Rule = {
  id: 'AZURE.Monitor.MlWorkspaceDiagnostics',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.mlWorkspace],
  description: 'An Azure Machine Learning workspace has no diagnostic setting sending all its log categories to a Log Analytics workspace or storage account.',
  rationale: 'Workspace logs record who read or changed which dataset, datastore, model, environment and pipeline, and which job ran on which compute; they are how an investigator ties poisoned data or a tampered model to a run and an identity.',
  fix: 'Use MachineLearningAudit; or add an azurerm_monitor_diagnostic_setting with target_resource_id = azurerm_machine_learning_workspace.x.id, enabled_log { category_group = "allLogs" } and log_analytics_workspace_id or storage_account_id.',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1078.004', 'T1530'],
  atlas: ['AML.T0020', 'AML.T0018', 'AML.T0010', 'AML.T0007', 'AML.T0035', 'AML.T0044'],
  check: (r, ctx) =>
    judgeResourceDiagnostics(ctx.model, r, { what: `ML workspace ${r.address}`, required: ML_WORKSPACE_CATEGORIES, coveringGroups: ['allLogs'] }),
};
