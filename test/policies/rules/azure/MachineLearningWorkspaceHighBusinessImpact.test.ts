import { MachineLearningWorkspaceHighBusinessImpact as rule } from '../../../../policies/rules/azure/MachineLearningWorkspaceHighBusinessImpact';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (body: Record<string, unknown>) =>
  judge(rule, model({ resource: { azurerm_machine_learning_workspace: { ml: { name: 'mlw', ...body } } } }), 'azurerm_machine_learning_workspace.ml');

describe('AZURE.MachineLearning.WorkspaceHighBusinessImpact', () => {
  test('is an error', () => expect(rule.severity).toBe('error'));
  test('compliant: high_business_impact true', () => expect(run({ high_business_impact: true }).verdict).toBe('COMPLIANT'));
  test('non-compliant: false', () => expect(run({ high_business_impact: false }).verdict).toBe('NON_COMPLIANT'));
  test('non-compliant: absent', () => expect(run({}).reason).toMatch(/absent \(provider default false\)/));
  test('unknown: a variable', () => expect(run({ high_business_impact: '${var.hbi}' }).verdict).toBe('UNKNOWN'));
});
