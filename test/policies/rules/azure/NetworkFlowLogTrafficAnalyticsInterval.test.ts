import { NetworkFlowLogTrafficAnalyticsInterval as rule } from '../../../../policies/rules/azure/NetworkFlowLogTrafficAnalyticsInterval';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const F = 'azurerm_network_watcher_flow_log.fl';
const run = (traffic: Record<string, unknown>) =>
  judge(rule, model({ resource: { azurerm_network_watcher_flow_log: { fl: { name: 'fl', enabled: true, traffic_analytics: { enabled: true, workspace_id: 'g', ...traffic } } } } }), F);

describe('AZURE.Network.FlowLogTrafficAnalyticsInterval', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));
  test('compliant: 10 minutes', () => expect(run({ interval_in_minutes: 10 }).verdict).toBe('COMPLIANT'));
  test('non-compliant: 60 minutes', () => expect(run({ interval_in_minutes: 60 }).reason).toMatch(/interval_in_minutes is 60/));
  test('non-compliant: absent (provider default 60)', () => expect(run({}).reason).toMatch(/provider default 60/));
  test('not applicable: traffic analytics off (AZURE.Network.FlowLogTrafficAnalytics reports it)', () => {
    expect(run({ enabled: false }).verdict).toBe('NOT_APPLICABLE');
  });
  test('unknown: a variable', () => expect(run({ interval_in_minutes: '${var.i}' }).verdict).toBe('UNKNOWN'));
});
