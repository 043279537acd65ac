import { MonitorEntraSignInLogs as rule } from '../../../../policies/rules/azure/MonitorEntraSignInLogs';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const SIGN_INS = ['SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs', 'AuditLogs'];
const setting = (overrides: Record<string, unknown> = {}) => ({
  name: 'entra',
  log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}',
  enabled_log: SIGN_INS.map((category) => ({ category, retention_policy: {} })),
  ...overrides,
});
const doc = (settings: Record<string, Record<string, unknown>>) => ({ resource: { azurerm_monitor_aad_diagnostic_setting: settings } });
const E = 'azurerm_monitor_aad_diagnostic_setting.entra';

describe('AZURE.Monitor.EntraSignInLogs', () => {
  test('compliant: every sign-in category and AuditLogs', () => {
    expect(judge(rule, model(doc({ entra: setting() })), E).verdict).toBe('COMPLIANT');
  });

  test('compliant: a single enabled_log block written as an object, rest in a second setting', () => {
    const d = doc({ entra: setting({ enabled_log: { category: 'SignInLogs' } }), more: setting({ name: 'entra-more', enabled_log: SIGN_INS.slice(1).map((category) => ({ category })) }) });
    expect(judge(rule, model(d), E).verdict).toBe('COMPLIANT');
  });

  test('compliant: legacy log blocks with enabled true', () => {
    expect(judge(rule, model(doc({ entra: setting({ enabled_log: undefined, log: SIGN_INS.map((category) => ({ category, enabled: true })) }) })), E).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: ManagedIdentitySignInLogs missing', () => {
    const j = judge(rule, model(doc({ entra: setting({ enabled_log: SIGN_INS.filter((c) => c !== 'ManagedIdentitySignInLogs').map((category) => ({ category })) }) })), E);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/missing ManagedIdentitySignInLogs/);
  });

  test('non-compliant: Event Hub only', () => {
    const j = judge(rule, model(doc({ entra: setting({ log_analytics_workspace_id: undefined, eventhub_authorization_rule_id: 'r' }) })), E);
    expect(j.verdict).toBe('NON_COMPLIANT');
  });

  test('unknown: a category is a variable', () => {
    const j = judge(rule, model(doc({ entra: setting({ enabled_log: [...SIGN_INS.slice(1).map((category) => ({ category })), { category: '${var.c}' }] }) })), E);
    expect(j.verdict).toBe('UNKNOWN');
  });

  test('always applicable to an Entra diagnostic setting', () => expect(rule.isApplicable).toBeUndefined());
});
