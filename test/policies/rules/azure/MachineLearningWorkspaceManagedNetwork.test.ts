import { MachineLearningWorkspaceManagedNetwork as rule } from '../../../../policies/rules/azure/MachineLearningWorkspaceManagedNetwork';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (body: Record<string, unknown>) =>
  judge(rule, model({ resource: { azurerm_machine_learning_workspace: { ml: { name: 'mlw', ...body } } } }), 'azurerm_machine_learning_workspace.ml');

describe('AZURE.MachineLearning.WorkspaceManagedNetwork', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));
  test('compliant: AllowOnlyApprovedOutbound', () => expect(run({ managed_network: { isolation_mode: 'AllowOnlyApprovedOutbound' } }).verdict).toBe('COMPLIANT'));
  test('compliant: AllowInternetOutbound (block as a list)', () => expect(run({ managed_network: [{ isolation_mode: 'AllowInternetOutbound' }] }).verdict).toBe('COMPLIANT'));
  test('non-compliant: Disabled', () => expect(run({ managed_network: { isolation_mode: 'Disabled' } }).verdict).toBe('NON_COMPLIANT'));
  test('non-compliant: no managed_network block', () => expect(run({}).reason).toMatch(/absent \(Disabled\)/));
  test('unknown: a variable', () => expect(run({ managed_network: { isolation_mode: '${var.mode}' } }).verdict).toBe('UNKNOWN'));
});
