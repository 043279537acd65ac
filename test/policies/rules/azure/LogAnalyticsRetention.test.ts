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
});
