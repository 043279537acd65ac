import { MonitorKeyVaultAuditLogs as rule } from '../../../../policies/rules/azure/MonitorKeyVaultAuditLogs';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const K = 'azurerm_key_vault.kv';
const run = (enabledLog: unknown, extra: Record<string, unknown> = {}) =>
  judge(
    rule,
    model({
      resource: {
        azurerm_key_vault: { kv: { name: 'kv-ml' } },
        azurerm_monitor_diagnostic_setting: { kv: { name: 'kv', target_resource_id: '${azurerm_key_vault.kv.id}', log_analytics_workspace_id: 'law', enabled_log: enabledLog, ...extra } },
      },
    }),
    K,
  );

describe('AZURE.Monitor.KeyVaultAuditLogs', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));
  test('compliant: AuditEvent', () => expect(run([{ category: 'AuditEvent' }]).verdict).toBe('COMPLIANT'));
  test('compliant: category_group audit', () => expect(run([{ category_group: 'audit' }]).verdict).toBe('COMPLIANT'));
  test('non-compliant: only AzurePolicyEvaluationDetails', () => expect(run([{ category: 'AzurePolicyEvaluationDetails' }]).reason).toMatch(/missing AuditEvent/));
  test('non-compliant: Event Hub only', () => expect(run([{ category: 'AuditEvent' }], { log_analytics_workspace_id: undefined, eventhub_name: 'h' }).verdict).toBe('NON_COMPLIANT'));
  test('non-compliant: no setting', () => {
    expect(judge(rule, model({ resource: { azurerm_key_vault: { kv: { name: 'kv-ml' } } } }), K).verdict).toBe('NON_COMPLIANT');
  });
  test('unknown: a variable category', () => expect(run([{ category: '${var.c}' }]).verdict).toBe('UNKNOWN'));
});
