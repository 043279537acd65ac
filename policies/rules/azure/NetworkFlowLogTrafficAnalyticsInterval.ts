import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, boolAt, numAt } from '../../facts/azure';

/** Traffic analytics processes flows every 10 minutes, not the default 60 (azurerm 4.55 interval_in_minutes: 10 or 60). */
export const NetworkFlowLogTrafficAnalyticsInterval: Rule = {
  id: 'AZURE.Network.FlowLogTrafficAnalyticsInterval',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.flowLog],
  description: 'Traffic analytics of a flow log runs every 60 minutes instead of every 10.',
  rationale: 'A 60-minute interval delays network evidence by up to an hour and coarsens its timeline; at 10 minutes an investigator can line flows up with sign-ins and API calls.',
  fix: 'Use FlowLogs (trafficAnalyticsIntervalMinutes: 10); or set traffic_analytics.interval_in_minutes = 10 on the azurerm_network_watcher_flow_log.',
  evidenceSource: 'network-flow',
  nist: 'Examination',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025'],
  isApplicable: (r, ctx) => boolAt(ctx.model, r, 'traffic_analytics.enabled') === true,
  check: (r, ctx) => {
    const interval = numAt(ctx.model, r, 'traffic_analytics.interval_in_minutes');
    if (isUnresolved(interval)) return unknown('traffic_analytics.interval_in_minutes cannot be resolved before deploy');
    if (interval === 10) return compliant('traffic_analytics.interval_in_minutes is 10');
    return nonCompliant(`traffic_analytics.interval_in_minutes is ${interval ?? 'absent (provider default 60)'}; it should be 10`);
  },
};
