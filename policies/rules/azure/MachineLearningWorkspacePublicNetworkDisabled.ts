import { Rule } from '../../engine/types';
import { T, judgeBool } from '../../facts/azure';

/** An Azure ML workspace is reachable only through private endpoints; azurerm 4.55 defaults public_network_access_enabled to true. */
export const MachineLearningWorkspacePublicNetworkDisabled: Rule = {
  id: 'AZURE.MachineLearning.WorkspacePublicNetworkDisabled',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.mlWorkspace],
  description: 'An Azure Machine Learning workspace accepts traffic from the public internet.',
  rationale: 'A workspace reachable from anywhere lets stolen credentials be used from any address and widens the paths to explain; with private access only, every call comes through a network the flow logs record.',
  fix: 'Use HardenedMlWorkspace; or set public_network_access_enabled = false on the azurerm_machine_learning_workspace and reach it through a private endpoint.',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1078.004', 'T1567', 'T1530'],
  atlas: ['AML.T0025', 'AML.T0012'],
  check: (r, ctx) => judgeBool(ctx.model, r, 'public_network_access_enabled', false, true),
};
