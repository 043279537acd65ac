import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, show, subnetLogConfig, subnetTakesFlowLogs } from '../../facts/gcp';

/**
 * A log_config block switches VPC flow logs on (the provider sends enable = true with it).
 * Inside it, an absent aggregation_interval or metadata means the documented defaults,
 * INTERVAL_5_SEC and INCLUDE_ALL_METADATA, which pass.
 */
export const NetworkSubnetFlowLogs: Rule = {
  id: 'GCP.Network.SubnetFlowLogs',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_compute_subnetwork'],
  description: 'A subnetwork has no VPC flow logs, or logs them at an interval above 5 s or without all metadata.',
  rationale:
    'Flow logs are the record of what left the network: which workload talked to which address, how much. Long ' +
    'intervals merge short exfiltration flows, and without metadata the records lack the VM, VPC and location names.',
  fix:
    "Use the kit's FlowLogs (subnets get 5 s, all metadata, sampling 1.0), or add log_config { aggregation_interval = \"INTERVAL_5_SEC\", " +
    'metadata = "INCLUDE_ALL_METADATA", flow_sampling = 1.0 } to the google_compute_subnetwork.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  isApplicable: subnetTakesFlowLogs,
  check: (subnet, { model }) => {
    const enabled = asBool(model.get(subnet, 'enable_flow_logs'));
    if (isUnresolved(enabled)) return unknown('enable_flow_logs is a value known only at deploy');
    if (enabled === false) return nonCompliant('enable_flow_logs is false');
    const cfg = subnetLogConfig(model, subnet);
    if (isUnresolved(cfg)) return unknown('log_config is a value known only at deploy');
    if (!cfg) {
      return nonCompliant(
        enabled === true
          ? 'log_config is absent: enable_flow_logs true alone does not pin the interval, metadata and sampling'
          : 'log_config is absent: VPC flow logs are off',
      );
    }
    const interval = cfg.aggregation_interval ?? 'INTERVAL_5_SEC';
    if (isUnresolved(interval)) return unknown('log_config.aggregation_interval is a value known only at deploy');
    if (interval !== 'INTERVAL_5_SEC') return nonCompliant(`log_config.aggregation_interval is ${show(interval)}, not "INTERVAL_5_SEC"`);
    const metadata = cfg.metadata ?? 'INCLUDE_ALL_METADATA';
    if (isUnresolved(metadata)) return unknown('log_config.metadata is a value known only at deploy');
    if (metadata !== 'INCLUDE_ALL_METADATA') return nonCompliant(`log_config.metadata is ${show(metadata)}, not "INCLUDE_ALL_METADATA"`);
    return compliant('log_config has aggregation_interval INTERVAL_5_SEC and metadata INCLUDE_ALL_METADATA');
  },
};
