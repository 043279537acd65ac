import { SentinelAnalyticsRuleEnabled as rule } from '../../../../policies/rules/azure/SentinelAnalyticsRuleEnabled';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const TAMPERING = "AzureActivity | where TimeGenerated >= ago(1h) | where OperationNameValue has 'diagnosticsettings'";
const run = (body: Record<string, unknown>, type = 'azurerm_sentinel_alert_rule_scheduled') =>
  judge(rule, model({ resource: { [type]: { r: { name: 'r', display_name: 'r', severity: 'High', log_analytics_workspace_id: '/x', query: TAMPERING, ...body } } } }), `${type}.r`);

describe('AZURE.Sentinel.AnalyticsRuleEnabled', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant: a scheduled rule over AzureActivity, enabled', () => {
    expect(run({ enabled: true })).toEqual({ verdict: 'COMPLIANT', reason: 'enabled is true (the rule reads AzureActivity)' });
  });

  test('compliant: enabled absent (azurerm default true), an NRT rule over AmlOnlineEndpointTrafficLog', () => {
    expect(run({ query: 'AmlOnlineEndpointTrafficLog | summarize count() by IdentityData' }, 'azurerm_sentinel_alert_rule_nrt')).toEqual({
      verdict: 'COMPLIANT',
      reason: 'enabled is absent (provider default true) (the rule reads AmlOnlineEndpointTrafficLog)',
    });
  });

  test('non-compliant: a rule over an evidence table, disabled', () => {
    expect(run({ enabled: false })).toEqual({ verdict: 'NON_COMPLIANT', reason: 'enabled is false; it must be true (the rule reads AzureActivity)' });
  });

  test('non-compliant: disabled as the string Terraform accepts', () => {
    expect(run({ enabled: 'false' }).verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: a rule over a table the kit does not fill, or naming an evidence table only in a comment or a string', () => {
    expect(run({ enabled: false, query: 'SecurityEvent | where EventID == 4625' }).verdict).toBe('NOT_APPLICABLE');
    expect(run({ enabled: false, query: "// like AzureActivity\nSecurityEvent | where Account == 'AzureActivity'" }).verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: enabled is a variable', () => {
    expect(run({ enabled: '${var.enabled}' })).toEqual({ verdict: 'UNKNOWN', reason: 'enabled cannot be resolved before deploy (the rule reads AzureActivity)' });
  });

  test('unknown: the query is a variable, so whether it reads evidence is not known', () => {
    expect(run({ enabled: false, query: '${var.query}' }).verdict).toBe('UNKNOWN');
  });
});
