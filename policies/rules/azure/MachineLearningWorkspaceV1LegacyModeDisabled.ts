import { Rule } from '../../engine/types';
import { T, judgeBool } from '../../facts/azure';

/**
 * An Azure ML workspace is not in v1 legacy mode. Under the deprecated v1 API most operations
 * (experiments, runs, datasets) went to the workspace directly; the v2 API routes them through Azure
 * Resource Manager, where writes are recorded in the Activity Log. azurerm 4.55 default: false.
 */
export const MachineLearningWorkspaceV1LegacyModeDisabled: Rule = {
  id: 'AZURE.MachineLearning.WorkspaceV1LegacyModeDisabled',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.mlWorkspace],
  description: 'An Azure Machine Learning workspace runs in v1 legacy mode.',
  rationale: 'In v1 legacy mode job, dataset and model operations bypass Azure Resource Manager, so they are missing from the Activity Log an investigator uses to reconstruct who changed the ML pipeline.',
  fix: 'Use HardenedMlWorkspace; or leave v1_legacy_mode_enabled unset or false on the azurerm_machine_learning_workspace.',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0018', 'AML.T0020'],
  check: (r, ctx) => judgeBool(ctx.model, r, 'v1_legacy_mode_enabled', false, false),
};
