import { LogAnalyticsLocalAuthDisabled as rule } from '../../../../policies/rules/azure/LogAnalyticsLocalAuthDisabled';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (body: Record<string, unknown>) =>
  judge(rule, model({ resource: { azurerm_log_analytics_workspace: { law: { name: 'law', ...body } } } }), 'azurerm_log_analytics_workspace.law');

describe('AZURE.LogAnalytics.LocalAuthDisabled', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));
  test('compliant: local_authentication_enabled false', () => expect(run({ local_authentication_enabled: false }).verdict).toBe('COMPLIANT'));
  test('compliant: deprecated local_authentication_disabled true', () => expect(run({ local_authentication_disabled: true }).verdict).toBe('COMPLIANT'));
  test('non-compliant: local_authentication_enabled true', () => expect(run({ local_authentication_enabled: true }).verdict).toBe('NON_COMPLIANT'));
  test('non-compliant: local_authentication_disabled false', () => expect(run({ local_authentication_disabled: false }).verdict).toBe('NON_COMPLIANT'));
  test('non-compliant: absent (provider default: local auth on)', () => expect(run({}).reason).toMatch(/absent \(provider default true\)/));
  test('unknown: a variable', () => expect(run({ local_authentication_enabled: '${var.x}' }).verdict).toBe('UNKNOWN'));
});
