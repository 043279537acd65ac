import { isUnresolved } from '../../engine/model';
import { Resource, RuleContext, Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, numAt, rawString, strAt } from '../../facts/azure';
import { LOG_ANALYTICS_DEFAULT_RETENTION_DAYS, tableRetention } from '../../facts/azure/stores';

/** Azure's interactive retention of a workspace when retention_in_days is not set (one definition: facts/azure/stores.ts). */
export { LOG_ANALYTICS_DEFAULT_RETENTION_DAYS };

/**
 * A Log Analytics workspace keeps data queryable (interactive retention) for at least the configured
 * floor, and so does each of its declared tables: a table's retention_in_days (or the Basic plan)
 * overrides the workspace's for that table.
 */
export const LogAnalyticsRetention: Rule = {
  id: 'AZURE.LogAnalytics.Retention',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.logAnalyticsWorkspace, T.logAnalyticsTable],
  description: 'A Log Analytics workspace, or a table of it, keeps data for interactive query for less than the configured floor (default 90 days).',
  rationale: 'Intrusions are found weeks after they start; logs that have aged out of interactive retention cannot be queried when the investigation begins, and Azure deletes them unless total retention keeps them longer.',
  fix: 'Use LogAnalytics (retention: Retention.days(90) or more) without overriding its tables; or set retention_in_days (30 to 730) to at least the floor on the azurerm_log_analytics_workspace, and on each azurerm_log_analytics_workspace_table set it at least that high (or leave it out) on the Analytics plan.',
  evidenceSource: 'control-plane-audit',
  nist: 'Examination',
  attack: ['T1562.008', 'T1685.002', 'T1078.004'],
  atlas: [],
  thresholds: ['interactiveRetentionFloorDays'],
  check: (r, ctx) => {
    if (r.type === T.logAnalyticsTable) return judgeTable(r, ctx);
    const days = numAt(ctx.model, r, 'retention_in_days');
    if (isUnresolved(days)) return unknown('retention_in_days cannot be resolved before deploy');
    const floor = ctx.config.interactiveRetentionFloorDays;
    const effective = days ?? LOG_ANALYTICS_DEFAULT_RETENTION_DAYS;
    const found = days === undefined ? `absent (Azure default ${LOG_ANALYTICS_DEFAULT_RETENTION_DAYS})` : String(days);
    return effective >= floor
      ? compliant(`retention_in_days is ${found} (floor ${floor})`)
      : nonCompliant(`retention_in_days is ${found}, below the floor of ${floor} days`);
  },
};

function judgeTable(table: Resource, ctx: RuleContext) {
  const floor = ctx.config.interactiveRetentionFloorDays;
  const { days, found, workspace } = tableRetention(ctx.model, table);
  const name = strAt(ctx.model, table, 'name');
  const of = `table ${typeof name === 'string' ? name : table.address} of ${workspace?.address ?? rawString(table, 'workspace_id') ?? 'its workspace'}: ${found}`;
  if (isUnresolved(days) || days === undefined) return unknown(`${of}, so its interactive retention cannot be resolved before deploy`);
  return days >= floor ? compliant(`${of} (floor ${floor})`) : nonCompliant(`${of}, below the floor of ${floor} days`);
}

