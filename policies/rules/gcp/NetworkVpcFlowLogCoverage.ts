import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, networkFlowLogs } from '../../facts/gcp';

/**
 * GCP has no network-wide flow log switch: flow logs are a property of each subnet. An auto-mode
 * network (auto_create_subnetworks true, the provider default) gets one subnet per region that the
 * template never declares, created without flow logs, so no subnetwork rule can see them.
 */
export const NetworkVpcFlowLogCoverage: Rule = {
  id: 'GCP.Network.VpcFlowLogCoverage',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_compute_network'],
  description: 'A VPC network is in auto subnet mode, or none of its subnetworks in the input has flow logs.',
  rationale:
    'Subnets created by auto mode carry no flow logs, so traffic from workloads placed in them leaves no network ' +
    'record; an investigator then cannot tell what a compromised pipeline sent out.',
  fix:
    "Use the kit's FlowLogs (it creates a custom-mode network with logged subnets), or set auto_create_subnetworks = false and declare " +
    'each google_compute_subnetwork with a log_config block.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (network, { model }) => {
    const auto = asBool(model.get(network, 'auto_create_subnetworks'));
    if (isUnresolved(auto)) return unknown('auto_create_subnetworks is a value known only at deploy');
    if (auto !== false) {
      return nonCompliant(
        `auto_create_subnetworks is ${auto === undefined ? 'absent (provider default true)' : 'true'}: auto-mode subnets have no flow logs`,
      );
    }
    const { subnets, logged, unresolved } = networkFlowLogs(model, network);
    if (subnets.length === 0) return unknown('no subnetwork of this network that takes flow logs is in the input');
    if (logged.length === 0) {
      if (unresolved) return unknown('a subnetwork log_config or enable_flow_logs is a value known only at deploy or is no bool');
      return nonCompliant(`none of its ${subnets.length} subnetwork(s) has a log_config: ${subnets.map((s) => s.address).join(', ')}`);
    }
    return compliant(`${logged.length} of ${subnets.length} subnetwork(s) have flow logs: ${logged.map((s) => s.address).join(', ')}`);
  },
};
