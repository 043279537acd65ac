import { Rule } from '../../engine/types';
import { T, judgeBool } from '../../facts/azure';

/** Azure ML compute clusters and instances accept only Entra ID authentication; azurerm 4.55 defaults local_auth_enabled to true (ForceNew). */
export const MachineLearningComputeLocalAuthDisabled: Rule = {
  id: 'AZURE.MachineLearning.ComputeLocalAuthDisabled',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.mlComputeCluster, T.mlComputeInstance],
  description: 'An Azure Machine Learning compute cluster or instance allows local (key-based) authentication.',
  rationale: 'Local authentication lets callers use keys instead of Entra identities, so sign-in logs would not show who ran code on the training compute.',
  fix: 'Use HardenedMlWorkspace.addComputeCluster / addComputeInstance; or set local_auth_enabled = false on the azurerm_machine_learning_compute_cluster / _instance (at creation).',
  evidenceSource: 'identity-sign-in',
  nist: 'Collection',
  attack: ['T1078.004', 'T1098.001'],
  atlas: ['AML.T0012', 'AML.T0055'],
  check: (r, ctx) => judgeBool(ctx.model, r, 'local_auth_enabled', false, true),
};
