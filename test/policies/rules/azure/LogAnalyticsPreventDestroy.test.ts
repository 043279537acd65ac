import { LogAnalyticsPreventDestroy as rule } from '../../../../policies/rules/azure/LogAnalyticsPreventDestroy';
import { judge } from '../../helpers';
import { SUB, model } from './_fixtures';

const W = 'azurerm_log_analytics_workspace.law';
const workspace = (overrides: Record<string, unknown> = {}) => ({ name: 'law', retention_in_days: 90, lifecycle: { prevent_destroy: true }, ...overrides });
const writer = { name: 'activity', target_resource_id: SUB, log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}', enabled_log: [{ category: 'Administrative' }] };
const run = (ws: Record<string, unknown>, extra: Record<string, Record<string, unknown>> = { azurerm_monitor_diagnostic_setting: { activity: writer } }) =>
  judge(rule, model({ resource: { azurerm_log_analytics_workspace: { law: ws }, ...extra } }), W);

describe('AZURE.LogAnalytics.PreventDestroy', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant: a workspace a diagnostic setting writes into has prevent_destroy', () => {
    expect(run(workspace())).toEqual({ verdict: 'COMPLIANT', reason: 'lifecycle.prevent_destroy is true' });
  });

  test('non-compliant: no lifecycle', () => {
    expect(run(workspace({ lifecycle: undefined }))).toEqual({ verdict: 'NON_COMPLIANT', reason: 'lifecycle.prevent_destroy is absent' });
  });

  test('non-compliant: prevent_destroy false on a workspace that traffic analytics writes into (list form)', () => {
    const flow = { azurerm_network_watcher_flow_log: { f: { name: 'f', traffic_analytics: [{ enabled: true, workspace_resource_id: '${azurerm_log_analytics_workspace.law.id}' }] } } };
    expect(run(workspace({ lifecycle: [{ prevent_destroy: false }] }), flow).reason).toBe('lifecycle.prevent_destroy is false');
  });

  test('non-compliant: a workspace tagged as an evidence store, with nothing writing into it yet', () => {
    expect(run(workspace({ lifecycle: undefined, tags: { 'forensic-evidence-store': 'true' } }), {}).verdict).toBe('NON_COMPLIANT');
  });

  test('non-compliant: the Entra ID setting writes into it', () => {
    const aad = { azurerm_monitor_aad_diagnostic_setting: { e: { name: 'e', log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}', enabled_log: [{ category: 'SignInLogs' }] } } };
    expect(run(workspace({ lifecycle: undefined }), aad).verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: a workspace nothing writes evidence into', () => {
    expect(run(workspace({ lifecycle: undefined }), {}).verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: prevent_destroy is a variable', () => {
    expect(run(workspace({ lifecycle: { prevent_destroy: '${var.keep}' } })).verdict).toBe('UNKNOWN');
  });
});
