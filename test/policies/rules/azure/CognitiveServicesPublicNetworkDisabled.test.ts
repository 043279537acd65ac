import { CognitiveServicesPublicNetworkDisabled as rule } from '../../../../policies/rules/azure/CognitiveServicesPublicNetworkDisabled';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (body: Record<string, unknown>) =>
  judge(rule, model({ resource: { azurerm_cognitive_account: { ai: { name: 'ai-forensic', kind: 'OpenAI', sku_name: 'S0', ...body } } } }), 'azurerm_cognitive_account.ai');

describe('AZURE.CognitiveServices.PublicNetworkDisabled', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));
  test('compliant: public_network_access_enabled false', () => expect(run({ public_network_access_enabled: false }).verdict).toBe('COMPLIANT'));
  test('non-compliant: public_network_access_enabled true', () => {
    const j = run({ public_network_access_enabled: true });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/public_network_access_enabled is true; it must be false/);
  });
  test('non-compliant: absent (provider default true)', () => expect(run({}).reason).toMatch(/absent \(provider default true\)/));
  test('not applicable: judged on cognitive accounts only', () => expect(rule.appliesTo).toEqual(['azurerm_cognitive_account']));
  test('unknown: a variable', () => expect(run({ public_network_access_enabled: '${var.flag}' }).verdict).toBe('UNKNOWN'));
});
