import { Rule } from '../../engine/types';
import { T, judgeBool } from './_shared';

/**
 * Azure ML compute nodes have no public IP, so their traffic stays in a VNet whose flow logs record
 * it. azurerm 4.55 defaults node_public_ip_enabled to true (ForceNew); false needs a subnet_resource_id
 * or a workspace managed network.
 */
export const MlComputeNodePublicIpDisabled: Rule = {
  id: 'AZURE.MachineLearning.ComputeNodePublicIpDisabled',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.mlComputeCluster, T.mlComputeInstance],
  description: 'An Azure Machine Learning compute cluster or instance gives its nodes public IP addresses.',
  rationale: 'Nodes with public IPs can be reached from and send to the internet outside the VNet whose flow logs the kit records, so exfiltration or command and control from training compute may leave no network evidence.',
  fix: 'Use HardenedMlWorkspace.addComputeCluster / addComputeInstance; or set node_public_ip_enabled = false (with subnet_resource_id, or a workspace managed network) on the azurerm_machine_learning_compute_cluster / _instance.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (r, ctx) => judgeBool(ctx.model, r, 'node_public_ip_enabled', false, true),
};
