import { Rule } from '../../engine/types';
import { T, activityLogSettings, isSubscriptionId, judgeCategories, rawString } from '../../facts/azure';

import { ACTIVITY_LOG_CATEGORIES } from '../../../constructs/core/catalogs';

/**
 * The subscription's Activity Log export (a diagnostic setting whose target_resource_id is the
 * subscription) sends every category to a Log Analytics workspace or storage account. Settings with
 * the same subscription target are judged together. `category_group allLogs` is accepted: the
 * subscription diagnostic-settings API takes categoryGroup, and Azure rejects a group it does not offer
 * at deploy, so acceptance cannot hide a gap. A template without any such setting is not judged here.
 */
export const MonitorActivityLogCategories: Rule = {
  id: 'AZURE.Monitor.ActivityLogCategories',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.diagnosticSetting],
  description: 'The subscription Activity Log export misses a category or sends to no retained destination.',
  rationale: 'The Activity Log is the control-plane record (who created, changed or deleted which resource, role assignment or policy); Azure keeps it only 90 days, so an export of every category is what an investigator has after that.',
  fix: 'Use ActivityLogs (all categories by default); or give the azurerm_monitor_diagnostic_setting on the subscription an enabled_log block for each of Administrative, Security, ServiceHealth, Alert, Recommendation, Policy, Autoscale and ResourceHealth, and log_analytics_workspace_id or storage_account_id.',
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1078.004', 'T1098.001', 'T1136.003', 'T1578.001', 'T1578.002', 'T1651', 'T1562.008', 'T1685.002'],
  atlas: ['AML.T0012'],
  isApplicable: (r) => isSubscriptionId(rawString(r, 'target_resource_id')),
  check: (r, ctx) =>
    judgeCategories(ctx.model, activityLogSettings(ctx.model, r), {
      what: 'the subscription Activity Log',
      required: ACTIVITY_LOG_CATEGORIES,
      coveringGroups: ['allLogs'],
    }),
};
