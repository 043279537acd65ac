import { MachineLearningWorkspacePublicNetworkDisabled as rule } from '../../../../policies/rules/azure/MachineLearningWorkspacePublicNetworkDisabled';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (body: Record<string, unknown>) =>
  judge(rule, model({ resource: { azurerm_machine_learning_workspace: { ml: { name: 'mlw', ...body } } } }), 'azurerm_machine_learning_workspace.ml');

describe('AZURE.MachineLearning.WorkspacePublicNetworkDisabled', () => {
  test('is an error', () => expect(rule.severity).toBe('error'));
  test('compliant: public_network_access_enabled false', () => expect(run({ public_network_access_enabled: false }).verdict).toBe('COMPLIANT'));
  test('non-compliant: true', () => expect(run({ public_network_access_enabled: true }).verdict).toBe('NON_COMPLIANT'));
  test('non-compliant: absent (provider default true)', () => expect(run({}).reason).toMatch(/provider default true/));
  test('unknown: a variable', () => expect(run({ public_network_access_enabled: '${var.p}' }).verdict).toBe('UNKNOWN'));
});
