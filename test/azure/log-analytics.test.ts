import { Testing } from 'cdktf';
import { Retention, WARNINGS } from '../../constructs/core';
import { EVIDENCE_TABLES, LogAnalytics, LogAnalyticsProps } from '../../constructs/azure';
import { only, resources, synth, warningIds } from './helpers';

const base: LogAnalyticsProps = { resourceGroupName: 'rg', location: 'westeurope', workspaceName: 'forensic-logs' };

function build(props: Partial<LogAnalyticsProps> = {}) {
  let la!: LogAnalytics;
  const s = synth((stack) => {
    la = new LogAnalytics(stack, 'LogAnalytics', { ...base, ...props });
  });
  return { s, la, workspace: only(s, 'azurerm_log_analytics_workspace') };
}

describe('LogAnalytics', () => {
  test('defaults: 90 days interactive, Entra ID only, kept on destroy, 365 days total on every evidence table', () => {
    const { s, workspace } = build();
    expect(workspace).toMatchObject({
      name: 'forensic-logs',
      sku: 'PerGB2018',
      retention_in_days: 90,
      local_authentication_enabled: false,
      lifecycle: { prevent_destroy: true },
    });
    // No daily cap (it drops evidence once reached) and no 30-day purge.
    expect(workspace).not.toHaveProperty('daily_quota_gb');
    expect(workspace).not.toHaveProperty('immediate_data_purge_on_30_days_enabled');
    expect(workspace).not.toHaveProperty('local_authentication_disabled');
    const tables = resources(s, 'azurerm_log_analytics_workspace_table');
    expect(tables.map((t) => t.name).sort()).toEqual([...EVIDENCE_TABLES].sort());
    for (const t of tables) expect(t).toMatchObject({ plan: 'Analytics', retention_in_days: 90, total_retention_in_days: 365 });
    expect(Testing.toHaveResource(s.text, 'azurerm_sentinel_log_analytics_workspace_onboarding')).toBe(false);
    expect(warningIds(s.stack)).toEqual([]);
  });

  test('retention override sets the workspace and table interactive retention', () => {
    const { s, workspace } = build({ retention: Retention.days(180) });
    expect(workspace.retention_in_days).toBe(180);
    expect(resources(s, 'azurerm_log_analytics_workspace_table').every((t) => t.retention_in_days === 180)).toBe(true);
  });

  test('totalRetention override accepts the long-term values of the table API', () => {
    const { s } = build({ totalRetention: Retention.days(2556) });
    expect(resources(s, 'azurerm_log_analytics_workspace_table').every((t) => t.total_retention_in_days === 2556)).toBe(true);
  });

  test('tables override lists exactly the tables kept', () => {
    const { s } = build({ tables: ['AzureActivity', 'StorageBlobLogs'] });
    expect(resources(s, 'azurerm_log_analytics_workspace_table').map((t) => t.name)).toEqual(['AzureActivity', 'StorageBlobLogs']);
  });

  test('sentinelEnabled onboards Microsoft Sentinel on the workspace', () => {
    const { s } = build({ sentinelEnabled: true });
    expect(only(s, 'azurerm_sentinel_log_analytics_workspace_onboarding').workspace_id).toMatch(/^\$\{azurerm_log_analytics_workspace\..+\.id\}$/);
  });

  test('retention under 90 days and total retention under 365 days warn', () => {
    const { s } = build({ retention: Retention.days(30), totalRetention: Retention.days(180) });
    expect(warningIds(s.stack).filter((id) => id === WARNINGS.SHORT_RETENTION)).toHaveLength(2);
  });

  test('fails when retention is outside 30 to 730 days', () => {
    expect(() => build({ retention: Retention.days(7) })).toThrow(/retention must be 30 to 730 days/);
    expect(() => build({ retention: Retention.days(731) })).toThrow(/retention/);
  });
  test('fails when totalRetention above 730 days is not a value the table API takes', () => {
    expect(() => build({ totalRetention: Retention.days(1000) })).toThrow(/totalRetention must be 30 to 730 days or one of 1095, .*, 4383 days \(Log Analytics total retention\), got "1000 days"/);
  });
  test('fails when totalRetention is shorter than the interactive retention', () => {
    expect(() => build({ retention: Retention.days(365), totalRetention: Retention.days(180) })).toThrow(/totalRetention must be at least the interactive retention/);
  });
  test('fails when workspaceName is not a workspace name', () => {
    expect(() => build({ workspaceName: '-bad' })).toThrow(/workspaceName/);
  });
  test('fails when tables has duplicates or a bad name', () => {
    expect(() => build({ tables: ['AzureActivity', 'AzureActivity'] })).toThrow(/tables/);
    expect(() => build({ tables: ['Azure Activity'] })).toThrow(/tables/);
  });
});
