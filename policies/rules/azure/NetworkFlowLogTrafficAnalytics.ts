import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, boolAt } from '../../facts/azure';

/** Traffic analytics processes a flow log into a Log Analytics workspace (NTANetAnalytics), where it can be queried. */
export const NetworkFlowLogTrafficAnalytics: Rule = {
  id: 'AZURE.Network.FlowLogTrafficAnalytics',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.flowLog],
  description: 'A flow log does not feed traffic analytics into a Log Analytics workspace.',
  rationale: 'Raw flow logs are hourly JSON blobs; traffic analytics enriches them (subnet, VM, public IP reputation) and makes them queryable beside sign-ins and Activity Log, which is how an investigator finds the exfiltration flow in time.',
  fix: 'Use FlowLogs (trafficAnalyticsEnabled defaults to true); or set traffic_analytics { enabled = true, workspace_id, workspace_region, workspace_resource_id, interval_in_minutes = 10 } on the azurerm_network_watcher_flow_log.',
  evidenceSource: 'network-flow',
  nist: 'Examination',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025'],
  check: (r, ctx) => {
    const enabled = boolAt(ctx.model, r, 'traffic_analytics.enabled');
    if (isUnresolved(enabled)) return unknown('traffic_analytics.enabled cannot be resolved before deploy');
    if (enabled !== true) return nonCompliant(`traffic_analytics.enabled is ${enabled ?? 'absent (no traffic_analytics block)'}`);
    return compliant('traffic_analytics.enabled is true');
  },
};
