import { MonitorActivityLogCategories as rule } from '../../../../policies/rules/azure/MonitorActivityLogCategories';
import { judge } from '../../helpers';
import { ACTIVITY, SUB, activityExport, model } from './_fixtures';

const doc = (settings: Record<string, Record<string, unknown>>) => ({ resource: { azurerm_monitor_diagnostic_setting: settings } });
const A = 'azurerm_monitor_diagnostic_setting.activity';

describe('AZURE.Monitor.ActivityLogCategories', () => {
  test('compliant: every category, to storage', () => {
    expect(judge(rule, model(doc({ activity: activityExport({ storage_account_id: '/subscriptions/x/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/s' }) })), A).verdict).toBe('COMPLIANT');
  });

  test('compliant: target ${data.azurerm_subscription.x.id}, to Log Analytics', () => {
    const s = activityExport({ target_resource_id: '${data.azurerm_subscription.current.id}', storage_account_id: undefined, log_analytics_workspace_id: 'law' });
    expect(judge(rule, model(doc({ activity: s })), A).verdict).toBe('COMPLIANT');
  });

  test('compliant: category_group allLogs', () => {
    expect(judge(rule, model(doc({ activity: activityExport({ enabled_log: [{ category_group: 'allLogs' }] }) })), A).verdict).toBe('COMPLIANT');
  });

  test('compliant: legacy log blocks that are enabled', () => {
    const s = activityExport({ enabled_log: undefined, log: ACTIVITY.map((category) => ({ category, enabled: true })) });
    expect(judge(rule, model(doc({ activity: s })), A).verdict).toBe('COMPLIANT');
  });

  test('compliant: categories split over two settings (of two names) on the same subscription', () => {
    const d = doc({
      activity: activityExport({ enabled_log: ACTIVITY.slice(0, 4).map((category) => ({ category })) }),
      rest: activityExport({ name: 'activity-log-rest', enabled_log: ACTIVITY.slice(4).map((category) => ({ category })) }),
    });
    expect(judge(rule, model(d), A).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: Security and Policy missing', () => {
    const s = activityExport({ enabled_log: ACTIVITY.filter((c) => c !== 'Security' && c !== 'Policy').map((category) => ({ category })) });
    const j = judge(rule, model(doc({ activity: s })), A);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/missing Security, Policy/);
  });

  test('non-compliant: a legacy log block that is disabled does not count', () => {
    const s = activityExport({ enabled_log: undefined, log: ACTIVITY.map((category) => ({ category, enabled: category !== 'Administrative' })) });
    expect(judge(rule, model(doc({ activity: s })), A).reason).toMatch(/missing Administrative/);
  });

  test('non-compliant: Event Hub only', () => {
    const s = activityExport({ storage_account_id: undefined, eventhub_authorization_rule_id: 'rule' });
    expect(judge(rule, model(doc({ activity: s })), A).verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: a resource diagnostic setting', () => {
    const s = activityExport({ target_resource_id: `${SUB}/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv` });
    expect(judge(rule, model(doc({ activity: s })), A).verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: a category is a variable', () => {
    const s = activityExport({ enabled_log: [...ACTIVITY.slice(1).map((category) => ({ category })), { category: '${var.c}' }] });
    expect(judge(rule, model(doc({ activity: s })), A).verdict).toBe('UNKNOWN');
  });

  describe('two diagnostic settings of one name on the subscription (one setting per name: each replaces the other)', () => {
    test('non-compliant: the second, of the same name, exports only Administrative, and may be the one applied last', () => {
      const settings = { activity: activityExport(), again: activityExport({ enabled_log: [{ category: 'Administrative' }] }) };
      expect(judge(rule, model(doc(settings)), A)).toEqual({
        verdict: 'NON_COMPLIANT',
        reason:
          'diagnostic settings azurerm_monitor_diagnostic_setting.activity, azurerm_monitor_diagnostic_setting.again have one name ("activity-log") and one target: each replaces the other, so only the last applied takes effect, and each is judged as if alone: the subscription Activity Log: enabled_log is missing Security, ServiceHealth, Alert, Recommendation, Policy, Autoscale, ResourceHealth (or category_group allLogs) in azurerm_monitor_diagnostic_setting.again',
      });
    });

    test('compliant: settings of different names add up', () => {
      const settings = { activity: activityExport({ enabled_log: ACTIVITY.slice(1).map((category) => ({ category })) }), again: activityExport({ name: 'admin', enabled_log: [{ category: ACTIVITY[0] }] }) };
      expect(judge(rule, model(doc(settings)), A).verdict).toBe('COMPLIANT');
    });

    test('compliant: both of one name export every category, each named', () => {
      const settings = { activity: activityExport(), again: activityExport({ enabled_log: [{ category_group: 'allLogs' }] }) };
      expect(judge(rule, model(doc(settings)), A)).toEqual({
        verdict: 'COMPLIANT',
        reason:
          'diagnostic settings azurerm_monitor_diagnostic_setting.activity, azurerm_monitor_diagnostic_setting.again have one name ("activity-log") and one target: each replaces the other, so only the last applied takes effect, and each is judged as if alone: the subscription Activity Log: every required category is enabled in azurerm_monitor_diagnostic_setting.activity; the subscription Activity Log: enabled_log category_group allLogs in azurerm_monitor_diagnostic_setting.again',
      });
    });
  });
});
