import { CognitiveServicesLocalAuthDisabled as rule } from '../../../../policies/rules/azure/CognitiveServicesLocalAuthDisabled';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (body: Record<string, unknown>) =>
  judge(rule, model({ resource: { azurerm_cognitive_account: { ai: { name: 'ai-forensic', kind: 'OpenAI', sku_name: 'S0', ...body } } } }), 'azurerm_cognitive_account.ai');

describe('AZURE.CognitiveServices.LocalAuthDisabled', () => {
  test('is an error', () => expect(rule.severity).toBe('error'));
  test('compliant: local_auth_enabled false', () => expect(run({ local_auth_enabled: false }).verdict).toBe('COMPLIANT'));
  test('non-compliant: local_auth_enabled true', () => {
    const j = run({ local_auth_enabled: true });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/local_auth_enabled is true; it must be false/);
  });
  test('non-compliant: absent (provider default true)', () => expect(run({}).reason).toMatch(/absent \(provider default true\)/));
  test('not applicable: judged on cognitive accounts only', () => expect(rule.appliesTo).toEqual(['azurerm_cognitive_account']));
  test('unknown: a variable', () => expect(run({ local_auth_enabled: '${var.flag}' }).verdict).toBe('UNKNOWN'));
});
