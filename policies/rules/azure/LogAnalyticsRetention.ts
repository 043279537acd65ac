import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, numAt } from '../../facts/azure';
import { LOG_ANALYTICS_DEFAULT_RETENTION_DAYS } from '../../facts/azure/stores';

/** Azure's interactive retention of a workspace when retention_in_days is not set (one definition: facts/azure/stores.ts). */
export { LOG_ANALYTICS_DEFAULT_RETENTION_DAYS };

/** A Log Analytics workspace keeps data queryable (interactive retention) for at least the configured floor. */
export const LogAnalyticsRetention: Rule = {
  id: 'AZURE.LogAnalytics.Retention',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.logAnalyticsWorkspace],
  description: 'A Log Analytics workspace keeps data for interactive query for less than the configured floor (default 90 days).',
  rationale: 'Intrusions are found weeks after they start; logs that have aged out of interactive retention cannot be queried when the investigation begins, and Azure deletes them unless total retention keeps them longer.',
  fix: 'Use LogAnalytics (retention: Retention.days(90) or more); or set retention_in_days (30 to 730) to at least the floor on the azurerm_log_analytics_workspace.',
  evidenceSource: 'control-plane-audit',
  nist: 'Examination',
  attack: ['T1562.008', 'T1685.002', 'T1078.004'],
  atlas: [],
  thresholds: ['interactiveRetentionFloorDays'],
  check: (r, ctx) => {
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
