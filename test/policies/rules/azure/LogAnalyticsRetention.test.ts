import { LogAnalyticsRetention as rule } from '../../../../policies/rules/azure/LogAnalyticsRetention';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const W = 'azurerm_log_analytics_workspace.law';
const run = (body: Record<string, unknown>, floor = 90) =>
  judge(rule, model({ resource: { azurerm_log_analytics_workspace: { law: { name: 'law', sku: 'PerGB2018', ...body } } } }), W, {
    retentionFloorDays: 365,
    interactiveRetentionFloorDays: floor,
    fullSamplingPercentage: 100,
  });

describe('AZURE.LogAnalytics.Retention', () => {
  test('compliant: 90 days', () => expect(run({ retention_in_days: 90 }).verdict).toBe('COMPLIANT'));

  test('compliant: a numeric string', () => expect(run({ retention_in_days: '730' }).verdict).toBe('COMPLIANT'));

  test('non-compliant: 30 days', () => {
    const j = run({ retention_in_days: 30 });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe('retention_in_days is 30, below the floor of 90 days');
  });

  test('non-compliant: absent (Azure default 30)', () => expect(run({}).reason).toMatch(/absent \(Azure default 30\)/));

  test('the floor is interactiveRetentionFloorDays', () => expect(run({ retention_in_days: 90 }, 180).verdict).toBe('NON_COMPLIANT'));

  test('unknown: a variable', () => expect(run({ retention_in_days: '${var.days}' }).verdict).toBe('UNKNOWN'));

  describe('a table of the workspace (azurerm_log_analytics_workspace_table retention_in_days overrides the workspace\'s)', () => {
    const A = 'azurerm_log_analytics_workspace_table.activity';
    const tableRun = (workspace: Record<string, unknown>, body: Record<string, unknown>, floor = 90) =>
      judge(
        rule,
        model({
          resource: {
            azurerm_log_analytics_workspace: { law: { name: 'law', sku: 'PerGB2018', ...workspace } },
            azurerm_log_analytics_workspace_table: { activity: { name: 'AzureActivity', workspace_id: '${azurerm_log_analytics_workspace.law.id}', plan: 'Analytics', ...body } },
          },
        }),
        A,
        { retentionFloorDays: 365, interactiveRetentionFloorDays: floor, fullSamplingPercentage: 100 },
      );

    test('compliant: the table keeps 90 days', () => expect(tableRun({ retention_in_days: 90 }, { retention_in_days: 90, total_retention_in_days: 365 }).verdict).toBe('COMPLIANT'));

    test('non-compliant: 4 days under a 90-day workspace, naming the table and the workspace', () => {
      const j = tableRun({ retention_in_days: 90 }, { retention_in_days: 4, total_retention_in_days: 365 });
      expect(j.verdict).toBe('NON_COMPLIANT');
      expect(j.reason).toMatch(/AzureActivity/);
      expect(j.reason).toMatch(/azurerm_log_analytics_workspace\.law/);
      expect(j.reason).toMatch(/retention_in_days is 4, below the floor of 90 days/);
    });

    test('absent: the workspace\'s retention applies', () => {
      expect(tableRun({ retention_in_days: 90 }, {}).verdict).toBe('COMPLIANT');
      const j = tableRun({ retention_in_days: 30 }, {});
      expect(j.verdict).toBe('NON_COMPLIANT');
      expect(j.reason).toMatch(/azurerm_log_analytics_workspace\.law retention_in_days 30/);
    });

    test('plan Basic: interactive retention fixed at 8 days', () => expect(tableRun({ retention_in_days: 90 }, { plan: 'Basic' }).verdict).toBe('NON_COMPLIANT'));

    test('unknown: a variable', () => {
      const j = tableRun({ retention_in_days: 90 }, { retention_in_days: '${var.days}' });
      expect(j.verdict).toBe('UNKNOWN');
      expect(j.reason).toMatch(/AzureActivity/);
    });

    test('unknown: absent, and the workspace\'s retention is a variable', () => expect(tableRun({ retention_in_days: '${var.days}' }, {}).verdict).toBe('UNKNOWN'));
  });
});
