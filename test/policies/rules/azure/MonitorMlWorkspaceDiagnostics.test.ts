import { MonitorMlWorkspaceDiagnostics as rule } from '../../../../policies/rules/azure/MonitorMlWorkspaceDiagnostics';
import { ML_WORKSPACE_CATEGORIES } from '../../../../policies/facts/azure/categories';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const M = 'azurerm_machine_learning_workspace.ml';
const setting = (overrides: Record<string, unknown> = {}) => ({
  name: 'ml-logs',
  target_resource_id: '${azurerm_machine_learning_workspace.ml.id}',
  log_analytics_workspace_id: 'law',
  enabled_log: [{ category_group: 'allLogs' }],
  ...overrides,
});
const doc = (settings: Record<string, Record<string, unknown>> = { ml: setting() }) => ({
  resource: {
    azurerm_machine_learning_workspace: { ml: { name: 'mlw' } },
    ...(Object.keys(settings).length > 0 ? { azurerm_monitor_diagnostic_setting: settings } : {}),
  },
});

describe('AZURE.Monitor.MlWorkspaceDiagnostics', () => {
  test('compliant: category_group allLogs to Log Analytics', () => expect(judge(rule, model(doc()), M).verdict).toBe('COMPLIANT'));

  test('compliant: every documented category listed', () => {
    expect(judge(rule, model(doc({ ml: setting({ enabled_log: ML_WORKSPACE_CATEGORIES.map((category) => ({ category })) }) })), M).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: audit group only (not every category)', () => {
    const j = judge(rule, model(doc({ ml: setting({ enabled_log: [{ category_group: 'audit' }] }) })), M);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/AmlComputeJobEvent/);
  });

  test('non-compliant: DataStoreChangeEvent missing', () => {
    const cats = ML_WORKSPACE_CATEGORIES.filter((c) => c !== 'DataStoreChangeEvent').map((category) => ({ category }));
    expect(judge(rule, model(doc({ ml: setting({ enabled_log: cats }) })), M).reason).toMatch(/missing DataStoreChangeEvent \(or category_group allLogs\)/);
  });

  test('non-compliant: no diagnostic setting', () => {
    expect(judge(rule, model(doc({})), M).reason).toMatch(/no diagnostic setting records ML workspace/);
  });

  test('non-compliant: no retained destination', () => {
    expect(judge(rule, model(doc({ ml: setting({ log_analytics_workspace_id: undefined, partner_solution_id: 'p' }) })), M).verdict).toBe('NON_COMPLIANT');
  });

  test('unknown: the category group is a variable', () => {
    expect(judge(rule, model(doc({ ml: setting({ enabled_log: [{ category_group: '${var.group}' }] }) })), M).verdict).toBe('UNKNOWN');
  });
});
