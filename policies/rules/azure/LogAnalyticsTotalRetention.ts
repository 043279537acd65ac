import { isUnresolved } from '../../engine/model';
import { Resource, Rule, RuleContext, compliant, nonCompliant, unknown } from '../../engine/types';
import { LOG_ANALYTICS_DEFAULT_RETENTION_DAYS } from './LogAnalyticsRetention';
import { T, numAt, show, tablesOf } from '../../facts/azure';

/**
 * Log Analytics keeps data past interactive retention (long-term retention) per table:
 * azurerm_log_analytics_workspace_table total_retention_in_days (up to 4,383 days). azurerm 4.55 has
 * no workspace-level total retention, so a table judges its own value (absent: its
 * retention_in_days, else the workspace's), and a workspace passes when its own retention reaches
 * the floor or at least one of its declared tables does. Undeclared tables keep the workspace retention.
 */
export const LogAnalyticsTotalRetention: Rule = {
  id: 'AZURE.LogAnalytics.TotalRetention',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.logAnalyticsWorkspace, T.logAnalyticsTable],
  description: 'Log Analytics data is deleted before the retention floor: neither the workspace nor its tables keep it that long (total retention).',
  rationale: 'An investigation may reach back a year or more; long-term retention keeps records searchable (restore or search jobs) at low cost after interactive retention ends, instead of deleting them.',
  fix: 'Use LogAnalytics (totalRetention, tables); or add azurerm_log_analytics_workspace_table resources (AzureActivity, SigninLogs, AuditLogs, StorageBlobLogs, ...) with total_retention_in_days at least the floor.',
  evidenceSource: 'control-plane-audit',
  nist: 'Examination',
  attack: ['T1562.008', 'T1685.002'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  check: (r, ctx) => (r.type === T.logAnalyticsTable ? judgeTable(r, ctx) : judgeWorkspace(r, ctx)),
};

function tableTotal(table: Resource, ctx: RuleContext): { days: ReturnType<typeof numAt>; from: string } {
  const m = ctx.model;
  const total = numAt(m, table, 'total_retention_in_days');
  if (total !== undefined) return { days: total, from: 'total_retention_in_days' };
  const own = numAt(m, table, 'retention_in_days');
  if (own !== undefined) return { days: own, from: 'retention_in_days (no total_retention_in_days)' };
  const workspace = m.target(table.properties.workspace_id, table);
  if (!workspace) return { days: undefined, from: 'workspace_id (workspace not in the input)' };
  const ws = numAt(m, workspace, 'retention_in_days');
  return { days: ws ?? LOG_ANALYTICS_DEFAULT_RETENTION_DAYS, from: `${workspace.address} retention_in_days` };
}

function judgeTable(table: Resource, ctx: RuleContext) {
  const floor = ctx.config.retentionFloorDays;
  const { days, from } = tableTotal(table, ctx);
  if (isUnresolved(days) || days === undefined) return unknown(`total retention of ${table.address} cannot be resolved before deploy (${from})`);
  return days >= floor ? compliant(`${from} ${days} (floor ${floor})`) : nonCompliant(`${from} ${days}, below the floor of ${floor} days`);
}

function judgeWorkspace(workspace: Resource, ctx: RuleContext) {
  const floor = ctx.config.retentionFloorDays;
  const own = numAt(ctx.model, workspace, 'retention_in_days');
  if (isUnresolved(own)) return unknown('retention_in_days cannot be resolved before deploy');
  if (own !== undefined && own >= floor) return compliant(`retention_in_days ${own} (floor ${floor}): every table keeps data that long`);
  const tables = tablesOf(ctx.model, workspace).map((t) => ({ t, ...tableTotal(t, ctx) }));
  const long = tables.filter(({ days }) => typeof days === 'number' && days >= floor);
  if (long.length > 0) {
    return compliant(`${long.map(({ t, days }) => `${t.address} ${show(days)}`).join(', ')} days total retention; undeclared tables keep ${show(own ?? LOG_ANALYTICS_DEFAULT_RETENTION_DAYS)} days`);
  }
  if (tables.some(({ days }) => isUnresolved(days))) return unknown('the total retention of some tables of this workspace cannot be resolved before deploy');
  return nonCompliant(`retention_in_days is ${own ?? `absent (Azure default ${LOG_ANALYTICS_DEFAULT_RETENTION_DAYS})`} and no azurerm_log_analytics_workspace_table of it keeps data ${floor} days`);
}
