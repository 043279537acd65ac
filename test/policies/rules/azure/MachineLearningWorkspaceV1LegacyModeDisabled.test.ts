import { MachineLearningWorkspaceV1LegacyModeDisabled as rule } from '../../../../policies/rules/azure/MachineLearningWorkspaceV1LegacyModeDisabled';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (body: Record<string, unknown>) =>
  judge(rule, model({ resource: { azurerm_machine_learning_workspace: { ml: { name: 'mlw', ...body } } } }), 'azurerm_machine_learning_workspace.ml');

describe('AZURE.MachineLearning.WorkspaceV1LegacyModeDisabled', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));
  test('compliant: absent (provider default false)', () => expect(run({}).verdict).toBe('COMPLIANT'));
  test('compliant: false', () => expect(run({ v1_legacy_mode_enabled: false }).verdict).toBe('COMPLIANT'));
  test('non-compliant: true', () => expect(run({ v1_legacy_mode_enabled: true }).verdict).toBe('NON_COMPLIANT'));
  test('unknown: a variable', () => expect(run({ v1_legacy_mode_enabled: '${var.v1}' }).verdict).toBe('UNKNOWN'));
});
