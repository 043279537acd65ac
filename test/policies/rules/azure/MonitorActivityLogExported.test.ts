import { MonitorActivityLogExported as rule } from '../../../../policies/rules/azure/MonitorActivityLogExported';
import { judge } from '../../helpers';
import { activityExport, model } from './_fixtures';

const W = 'azurerm_machine_learning_workspace.ws';
const workspace = { name: 'ws', location: 'westeurope', resource_group_name: 'rg', application_insights_id: 'ai', key_vault_id: 'kv', storage_account_id: 'sa', identity: { type: 'SystemAssigned' } };
const doc = (settings: Record<string, Record<string, unknown>> = {}) => ({
  resource: { azurerm_machine_learning_workspace: { ws: workspace }, ...(Object.keys(settings).length ? { azurerm_monitor_diagnostic_setting: settings } : {}) },
});

describe('AZURE.Monitor.ActivityLogExported', () => {
  test('compliant: a subscription setting sends the Activity Log to storage', () => {
    const j = judge(rule, model(doc({ activity: activityExport() })), W);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/azurerm_monitor_diagnostic_setting.activity/);
  });

  test('compliant: the subscription named through data.azurerm_subscription', () => {
    expect(judge(rule, model(doc({ activity: activityExport({ target_resource_id: '${data.azurerm_subscription.current.id}' }) })), W).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: no Activity Log export anywhere in the inputs', () => {
    const j = judge(rule, model(doc()), W);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no diagnostic setting in the inputs exports the subscription Activity Log/);
  });

  test('non-compliant: the subscription setting has no retained destination', () => {
    const s = activityExport({ storage_account_id: undefined, eventhub_authorization_rule_id: 'eh' });
    const j = judge(rule, model(doc({ activity: s })), W);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/send to no Log Analytics workspace or storage account/);
  });

  test('non-compliant: only resource-level settings (the workspace logs are not the Activity Log)', () => {
    const s = activityExport({ target_resource_id: '${azurerm_machine_learning_workspace.ws.id}', enabled_log: [{ category_group: 'allLogs' }] });
    expect(judge(rule, model(doc({ ws: s })), W).verdict).toBe('NON_COMPLIANT');
  });

  test('unknown: a setting whose target is only known at deploy may be the subscription', () => {
    const j = judge(rule, model(doc({ scoped: activityExport({ target_resource_id: '${var.scope}' }) })), W);
    expect(j.verdict).toBe('UNKNOWN');
  });

  test('applies to ML workspaces only', () => {
    expect(rule.appliesTo).toEqual(['azurerm_machine_learning_workspace']);
  });
});
