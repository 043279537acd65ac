import { LogAnalyticsTotalRetention as rule } from '../../../../policies/rules/azure/LogAnalyticsTotalRetention';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const W = 'azurerm_log_analytics_workspace.law';
const doc = (workspace: Record<string, unknown>, tables: Record<string, Record<string, unknown>> = {}) => ({
  resource: {
    azurerm_log_analytics_workspace: { law: { name: 'law', ...workspace } },
    ...(Object.keys(tables).length > 0 ? { azurerm_log_analytics_workspace_table: tables } : {}),
  },
});
const table = (body: Record<string, unknown>) => ({ name: 'AzureActivity', workspace_id: '${azurerm_log_analytics_workspace.law.id}', ...body });

describe('AZURE.LogAnalytics.TotalRetention', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant table: total_retention_in_days 1095', () => {
    const j = judge(rule, model(doc({ retention_in_days: 90 }, { activity: table({ total_retention_in_days: 1095 }) })), 'azurerm_log_analytics_workspace_table.activity');
    expect(j.verdict).toBe('COMPLIANT');
  });

  test('non-compliant table: total_retention_in_days 180', () => {
    const j = judge(rule, model(doc({ retention_in_days: 90 }, { activity: table({ total_retention_in_days: 180 }) })), 'azurerm_log_analytics_workspace_table.activity');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/total_retention_in_days 180/);
  });

  test('non-compliant table: no total, falls back to the workspace retention', () => {
    const j = judge(rule, model(doc({ retention_in_days: 90 }, { activity: table({}) })), 'azurerm_log_analytics_workspace_table.activity');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/azurerm_log_analytics_workspace.law retention_in_days 90/);
  });

  test('compliant workspace: its own retention reaches the floor', () => {
    expect(judge(rule, model(doc({ retention_in_days: 365 })), W).verdict).toBe('COMPLIANT');
  });

  test('compliant workspace: a declared table keeps data past the floor', () => {
    const j = judge(rule, model(doc({ retention_in_days: 90 }, { activity: table({ total_retention_in_days: 730 }) })), W);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/undeclared tables keep 90 days/);
  });

  test('non-compliant workspace: 90 days and no table extends it', () => {
    const j = judge(rule, model(doc({ retention_in_days: 90 })), W);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/retention_in_days is 90/);
  });

  test('unknown table: total retention is a variable', () => {
    expect(judge(rule, model(doc({}, { activity: table({ total_retention_in_days: '${var.t}' }) })), 'azurerm_log_analytics_workspace_table.activity').verdict).toBe('UNKNOWN');
  });

  test('unknown workspace: retention is a variable', () => {
    expect(judge(rule, model(doc({ retention_in_days: '${var.r}' })), W).verdict).toBe('UNKNOWN');
  });
});
