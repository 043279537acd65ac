import { Rule } from '../../engine/types';
import { T, judgeBool } from '../../facts/azure';

/**
 * An Azure ML workspace is flagged high business impact (HBI): the service reduces the diagnostic
 * data Microsoft collects from it and encrypts compute local scratch disks. ForceNew in azurerm 4.55,
 * so it must be set when the workspace is created.
 */
export const MachineLearningWorkspaceHighBusinessImpact: Rule = {
  id: 'AZURE.MachineLearning.WorkspaceHighBusinessImpact',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.mlWorkspace],
  description: 'An Azure Machine Learning workspace is not flagged high business impact.',
  rationale: 'Training data and models are the assets under investigation; the HBI flag limits what leaves the workspace in service diagnostics and keeps data on compute scratch disks encrypted, so copies outside the evidence trail are fewer.',
  fix: 'Use HardenedMlWorkspace; or set high_business_impact = true on the azurerm_machine_learning_workspace (at creation: changing it replaces the workspace).',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: ['AML.T0035', 'AML.T0020'],
  check: (r, ctx) => judgeBool(ctx.model, r, 'high_business_impact', true, false),
};
