import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, blockAt, boolAt, show } from '../../facts/azure';

/**
 * Azure ML compute nodes have no public IP and no public SSH port, so their traffic stays in a VNet
 * whose flow logs record it. azurerm 4.55 defaults node_public_ip_enabled to true (ForceNew); false
 * needs a subnet_resource_id or a workspace managed network. Public SSH: a compute cluster's
 * ssh_public_access_enabled (azurerm 4.x default false), a compute instance's `ssh` block (the
 * provider then sets SshPublicAccess Enabled).
 */
export const MachineLearningComputeNodePublicIpDisabled: Rule = {
  id: 'AZURE.MachineLearning.ComputeNodePublicIpDisabled',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.mlComputeCluster, T.mlComputeInstance],
  description: 'An Azure Machine Learning compute cluster or instance gives its nodes public IP addresses or opens their SSH port to the internet.',
  rationale: 'Nodes with public IPs or public SSH can be reached from and send to the internet outside the VNet whose flow logs the kit records, so exfiltration, command and control or an interactive login on training compute may leave no network evidence.',
  fix: 'Use HardenedMlWorkspace.addComputeCluster / addComputeInstance; or set node_public_ip_enabled = false (with subnet_resource_id, or a workspace managed network), leave ssh_public_access_enabled false on an azurerm_machine_learning_compute_cluster and omit the ssh block of an azurerm_machine_learning_compute_instance.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (r, ctx) => {
    const m = ctx.model;
    const publicIp = boolAt(m, r, 'node_public_ip_enabled');
    const ssh = r.type === T.mlComputeCluster ? boolAt(m, r, 'ssh_public_access_enabled') : blockAt(m, r, 'ssh');
    const sshText = r.type === T.mlComputeCluster ? `ssh_public_access_enabled is ${ssh === undefined ? 'absent (provider default false)' : show(ssh)}` : `ssh block is ${ssh === undefined ? 'absent' : 'present'}`;
    const ipText = `node_public_ip_enabled is ${publicIp === undefined ? 'absent (provider default true)' : show(publicIp)}`;
    const wrong: string[] = [];
    if (publicIp === true || publicIp === undefined) wrong.push(`${ipText}; it must be false`);
    if (ssh === true || (r.type === T.mlComputeInstance && ssh !== undefined && !isUnresolved(ssh))) wrong.push(`${sshText}: the SSH port is public`);
    if (wrong.length > 0) return nonCompliant(wrong.join('; '));
    if (isUnresolved(publicIp) || isUnresolved(ssh)) return unknown(`${ipText} or ${sshText} cannot be resolved before deploy`);
    return compliant(`${ipText}, ${sshText}`);
  },
};
