import { MachineLearningComputeLocalAuthDisabled as rule } from '../../../../policies/rules/azure/MachineLearningComputeLocalAuthDisabled';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (type: string, body: Record<string, unknown>) => judge(rule, model({ resource: { [type]: { c: { name: 'c', ...body } } } }), `${type}.c`);

describe('AZURE.MachineLearning.ComputeLocalAuthDisabled', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));
  test('compliant: cluster with local_auth_enabled false', () => expect(run('azurerm_machine_learning_compute_cluster', { local_auth_enabled: false }).verdict).toBe('COMPLIANT'));
  test('compliant: instance with local_auth_enabled false', () => expect(run('azurerm_machine_learning_compute_instance', { local_auth_enabled: false }).verdict).toBe('COMPLIANT'));
  test('non-compliant: true', () => expect(run('azurerm_machine_learning_compute_cluster', { local_auth_enabled: true }).verdict).toBe('NON_COMPLIANT'));
  test('non-compliant: absent (provider default true)', () => expect(run('azurerm_machine_learning_compute_instance', {}).reason).toMatch(/provider default true/));
  test('unknown: a variable', () => expect(run('azurerm_machine_learning_compute_cluster', { local_auth_enabled: '${var.a}' }).verdict).toBe('UNKNOWN'));
});
