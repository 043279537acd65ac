import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, strAt } from '../../facts/azure';

/**
 * An Azure ML workspace isolates its managed compute in a managed virtual network
 * (managed_network.isolation_mode AllowOnlyApprovedOutbound or AllowInternetOutbound). Without the
 * block the workspace runs with isolation mode Disabled.
 */
export const MachineLearningWorkspaceManagedNetwork: Rule = {
  id: 'AZURE.MachineLearning.WorkspaceManagedNetwork',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.mlWorkspace],
  description: 'An Azure Machine Learning workspace has managed network isolation Disabled.',
  rationale: 'With a managed network, compute instances, clusters and endpoints egress only by declared outbound rules (AllowOnlyApprovedOutbound makes each rule a record of what may leave); without it a compromised library can send data anywhere unrecorded.',
  fix: 'Use HardenedMlWorkspace (isolationMode); or set managed_network { isolation_mode = "AllowOnlyApprovedOutbound" } on the azurerm_machine_learning_workspace.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (r, ctx) => {
    const mode = strAt(ctx.model, r, 'managed_network.isolation_mode');
    if (isUnresolved(mode)) return unknown('managed_network.isolation_mode cannot be resolved before deploy');
    if (mode === undefined || mode === 'Disabled') return nonCompliant(`managed_network.isolation_mode is ${mode ?? 'absent (Disabled)'}`);
    return compliant(`managed_network.isolation_mode is ${mode}`);
  },
};
