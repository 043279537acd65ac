import { NetworkFlowLogTrafficAnalytics as rule } from '../../../../policies/rules/azure/NetworkFlowLogTrafficAnalytics';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const F = 'azurerm_network_watcher_flow_log.fl';
const run = (traffic: unknown) =>
  judge(rule, model({ resource: { azurerm_network_watcher_flow_log: { fl: { name: 'fl', enabled: true, ...(traffic === undefined ? {} : { traffic_analytics: traffic }) } } } }), F);
const ta = { enabled: true, workspace_id: 'guid', workspace_region: 'westeurope', workspace_resource_id: 'id', interval_in_minutes: 10 };

describe('AZURE.Network.FlowLogTrafficAnalytics', () => {
  test('compliant: traffic analytics enabled', () => expect(run(ta).verdict).toBe('COMPLIANT'));
  test('compliant: traffic analytics enabled (block as a list)', () => expect(run([ta]).verdict).toBe('COMPLIANT'));
  test('non-compliant: traffic analytics disabled', () => expect(run({ ...ta, enabled: false }).verdict).toBe('NON_COMPLIANT'));
  test('non-compliant: no traffic_analytics block', () => expect(run(undefined).reason).toMatch(/no traffic_analytics block/));
  test('unknown: enabled is a variable', () => expect(run({ ...ta, enabled: '${var.ta}' }).verdict).toBe('UNKNOWN'));
});
