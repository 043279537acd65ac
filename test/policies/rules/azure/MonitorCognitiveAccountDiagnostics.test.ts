import { MonitorCognitiveAccountDiagnostics as rule } from '../../../../policies/rules/azure/MonitorCognitiveAccountDiagnostics';
import { judge } from '../../helpers';
import { SUB, model } from './_fixtures';

const A = 'azurerm_cognitive_account.ai';
const ACCOUNT = { name: 'ai-forensic', kind: 'AIServices', sku_name: 'S0', location: 'westeurope', resource_group_name: 'rg' };
const setting = (overrides: Record<string, unknown> = {}) => ({
  name: 'ai-logs',
  target_resource_id: '${azurerm_cognitive_account.ai.id}',
  storage_account_id: 'st',
  enabled_log: [{ category: 'Audit' }, { category: 'RequestResponse' }],
  ...overrides,
});
const doc = (settings: Record<string, Record<string, unknown>> = { ai: setting() }) => ({
  resource: {
    azurerm_cognitive_account: { ai: ACCOUNT },
    ...(Object.keys(settings).length > 0 ? { azurerm_monitor_diagnostic_setting: settings } : {}),
  },
});
const run = (settings?: Record<string, Record<string, unknown>>) => judge(rule, model(doc(settings)), A);

describe('AZURE.Monitor.CognitiveAccountDiagnostics', () => {
  test('is an error', () => expect(rule.severity).toBe('error'));
  test('compliant: Audit and RequestResponse into storage', () => expect(run().verdict).toBe('COMPLIANT'));
  test('compliant: category_group allLogs', () => expect(run({ ai: setting({ enabled_log: [{ category_group: 'allLogs' }] }) }).verdict).toBe('COMPLIANT'));
  test('compliant: the two categories split over two settings (of two names: one name is one setting)', () => {
    expect(run({ a: setting({ enabled_log: [{ category: 'Audit' }] }), b: setting({ name: 'ai-requests', enabled_log: [{ category: 'RequestResponse' }] }) }).verdict).toBe('COMPLIANT');
  });
  test('compliant: a setting naming the account by its literal id', () => {
    const id = `${SUB}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/ai-forensic`;
    expect(run({ ai: setting({ target_resource_id: id }) }).verdict).toBe('COMPLIANT');
  });
  test('non-compliant: RequestResponse missing', () => {
    const j = run({ ai: setting({ enabled_log: [{ category: 'Audit' }, { category: 'Trace' }] }) });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/missing RequestResponse \(or category_group allLogs\)/);
  });
  test('non-compliant: the audit group alone is not every required category', () => {
    expect(run({ ai: setting({ enabled_log: [{ category_group: 'audit' }] }) }).reason).toMatch(/missing Audit, RequestResponse/);
  });
  test('non-compliant: no diagnostic setting', () => expect(run({}).reason).toMatch(/no diagnostic setting records cognitive account azurerm_cognitive_account\.ai/));
  test('non-compliant: a partner destination only', () => expect(run({ ai: setting({ storage_account_id: undefined, partner_solution_id: 'p' }) }).verdict).toBe('NON_COMPLIANT'));
  test('not applicable: judged on cognitive accounts only', () => expect(rule.appliesTo).toEqual(['azurerm_cognitive_account']));
  test('unknown: the category is a variable', () => expect(run({ ai: setting({ enabled_log: [{ category: 'Audit' }, { category: '${var.c}' }] }) }).verdict).toBe('UNKNOWN'));
  test('unknown: no setting names it, one target is only known at deploy', () => {
    expect(run({ x: setting({ target_resource_id: '${var.target}' }) }).verdict).toBe('UNKNOWN');
  });
});
