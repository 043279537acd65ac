import { MonitorMlOnlineEndpointTrafficLog as rule } from '../../../../policies/rules/azure/MonitorMlOnlineEndpointTrafficLog';
import { judge } from '../../helpers';
import { SUB, model } from './_fixtures';

const ENDPOINT = `${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw/onlineEndpoints/scoring`;
const S = 'azurerm_monitor_diagnostic_setting.ep';
const run = (overrides: Record<string, unknown> = {}) =>
  judge(
    rule,
    model({
      resource: {
        azurerm_monitor_diagnostic_setting: {
          ep: { name: 'ep', target_resource_id: ENDPOINT, storage_account_id: 'st', enabled_log: [{ category: 'AmlOnlineEndpointTrafficLog' }], ...overrides },
        },
      },
    }),
    S,
  );

describe('AZURE.Monitor.MlOnlineEndpointTrafficLog', () => {
  test('is an error', () => expect(rule.severity).toBe('error'));
  test('compliant: AmlOnlineEndpointTrafficLog into storage', () => expect(run().verdict).toBe('COMPLIANT'));
  test('compliant: category_group allLogs', () => expect(run({ enabled_log: [{ category_group: 'allLogs' }] }).verdict).toBe('COMPLIANT'));
  test('compliant: an endpoint under a workspace reference of the same input', () => {
    const m = model({
      resource: {
        azurerm_machine_learning_workspace: { ml: { name: 'mlw' } },
        azurerm_monitor_diagnostic_setting: {
          ep: { name: 'ep', target_resource_id: '${azurerm_machine_learning_workspace.ml.id}/onlineEndpoints/scoring', log_analytics_workspace_id: 'law', enabled_log: [{ category: 'AmlOnlineEndpointTrafficLog' }] },
        },
      },
    });
    expect(judge(rule, m, S).verdict).toBe('COMPLIANT');
  });
  test('non-compliant: console and event logs only', () => {
    const j = run({ enabled_log: [{ category: 'AmlOnlineEndpointConsoleLog' }, { category: 'AmlOnlineEndpointEventLog' }] });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/missing AmlOnlineEndpointTrafficLog \(or category_group allLogs\)/);
  });
  test('non-compliant: an Event Hub only retains nothing', () => {
    const j = run({ storage_account_id: undefined, eventhub_authorization_rule_id: 'rule', eventhub_name: 'h' });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/neither log_analytics_workspace_id nor storage_account_id/);
  });
  test('not applicable: a setting on the workspace itself', () => {
    expect(run({ target_resource_id: `${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw` }).verdict).toBe('NOT_APPLICABLE');
  });
  test('not applicable: a setting on a Key Vault', () => {
    expect(run({ target_resource_id: `${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv` }).verdict).toBe('NOT_APPLICABLE');
  });
  test('unknown: the category is a variable', () => expect(run({ enabled_log: [{ category: '${var.category}' }] }).verdict).toBe('UNKNOWN'));
});
