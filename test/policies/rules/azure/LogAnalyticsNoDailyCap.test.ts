import { LogAnalyticsNoDailyCap as rule } from '../../../../policies/rules/azure/LogAnalyticsNoDailyCap';
import { runRules } from '../../../../policies/engine/runner';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (body: Record<string, unknown>) =>
  judge(rule, model({ resource: { azurerm_log_analytics_workspace: { law: { name: 'law', ...body } } } }), 'azurerm_log_analytics_workspace.law');

describe('AZURE.LogAnalytics.NoDailyCap', () => {
  test('is an error', () => expect(rule.severity).toBe('error'));
  test('compliant: daily_quota_gb absent (provider default -1, no cap)', () => {
    const j = run({});
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/absent/);
  });
  test('compliant: daily_quota_gb -1 (no cap), also written as a string', () => {
    expect(run({ daily_quota_gb: -1 }).verdict).toBe('COMPLIANT');
    expect(run({ daily_quota_gb: '-1' }).verdict).toBe('COMPLIANT');
  });
  test('non-compliant: a daily cap, naming it', () => {
    const j = run({ daily_quota_gb: 5 });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/daily_quota_gb is 5/);
    expect(j.reason).toMatch(/stops ingestion/);
  });
  test('non-compliant: a cap of 0 or a fraction', () => {
    expect(run({ daily_quota_gb: 0 }).verdict).toBe('NON_COMPLIANT');
    expect(run({ daily_quota_gb: 0.5 }).verdict).toBe('NON_COMPLIANT');
  });
  test('non-compliant: a value that is not a number', () => expect(run({ daily_quota_gb: 'ten' }).verdict).not.toBe('COMPLIANT'));
  test('unknown: a variable', () => expect(run({ daily_quota_gb: '${var.quota}' }).verdict).toBe('UNKNOWN'));
  test('not applicable: judges only Log Analytics workspaces', () => {
    const m = model({ resource: { azurerm_resource_group: { rg: { name: 'rg', location: 'westeurope' } }, azurerm_log_analytics_workspace: { law: { name: 'law', daily_quota_gb: 1 } } } });
    expect(runRules(m, [rule]).evaluations.map((e) => [e.resource.address, e.verdict])).toEqual([['azurerm_log_analytics_workspace.law', 'NON_COMPLIANT']]);
  });
});
