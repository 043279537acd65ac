import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, numAt, show, valueAt } from '../../facts/azure';

/** azurerm's daily_quota_gb when no cap is set: -1, unlimited (also its default when absent). */
export const NO_DAILY_CAP = -1;

/**
 * A Log Analytics workspace has no daily ingestion cap. azurerm_log_analytics_workspace
 * daily_quota_gb: the workspace's daily ingestion quota in GB, -1 (unlimited) when absent.
 */
export const LogAnalyticsNoDailyCap: Rule = {
  id: 'AZURE.LogAnalytics.NoDailyCap',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.logAnalyticsWorkspace],
  description: 'A Log Analytics workspace has a daily ingestion cap (daily_quota_gb other than -1).',
  rationale:
    'Once the daily cap is reached the workspace stops ingesting until the next day: the records of that day are dropped, and an attacker ' +
    'who floods the workspace can reach the cap on purpose to blind it while acting.',
  fix: 'Use LogAnalytics (no daily cap); or remove daily_quota_gb (or set it to -1) on the azurerm_log_analytics_workspace, and control cost with data collection rules or table plans instead.',
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002'],
  atlas: [],
  check: (r, ctx) => {
    const quota = numAt(ctx.model, r, 'daily_quota_gb');
    if (isUnresolved(quota)) {
      const written = valueAt(ctx.model, r, 'daily_quota_gb');
      return isUnresolved(written) ? unknown('daily_quota_gb cannot be resolved before deploy') : nonCompliant(`daily_quota_gb is ${show(written)}, not a number: it is not -1 (no cap)`);
    }
    if (quota === undefined) return compliant(`daily_quota_gb is absent (provider default ${NO_DAILY_CAP}: no daily cap)`);
    if (quota === NO_DAILY_CAP) return compliant(`daily_quota_gb is ${NO_DAILY_CAP}: no daily cap`);
    return nonCompliant(`daily_quota_gb is ${quota}: a daily cap of ${quota} GB stops ingestion once reached, and the evidence of the rest of the day is dropped`);
  },
};
