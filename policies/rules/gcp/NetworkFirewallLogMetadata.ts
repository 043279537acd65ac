import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, asList, firewallEnforced, show } from '../../facts/gcp';

/**
 * A warning, not an error: without metadata a firewall log record still holds the connection
 * (addresses, ports, protocol), the rule and the disposition, but not the VM, VPC and location
 * names that tie it to a workload. Rules that do not log at all are GCP.Network.FirewallLogging's.
 */
export const NetworkFirewallLogMetadata: Rule = {
  id: 'GCP.Network.FirewallLogMetadata',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_compute_firewall'],
  description: 'A logged VPC firewall rule does not include all metadata in its log records.',
  rationale:
    'Metadata names the instance, network and region on each side of a connection; without it an investigator ' +
    'must map addresses back to workloads by hand, and addresses get reused.',
  fix: "Use the kit's FlowLogs (all metadata on its firewall rules), or set log_config.metadata = \"INCLUDE_ALL_METADATA\" on the google_compute_firewall.",
  evidenceSource: 'network-flow',
  nist: 'Analysis',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  isApplicable: (rule, ctx) => {
    if (!firewallEnforced(rule, ctx)) return false;
    const block = ctx.model.get(rule, 'log_config');
    return isUnresolved(block) || asList(block).length > 0 || asBool(ctx.model.get(rule, 'enable_logging')) === true;
  },
  check: (rule, { model }) => {
    const block = model.get(rule, 'log_config');
    if (isUnresolved(block)) return unknown('log_config is a value known only at deploy');
    if (asList(block).length === 0) return nonCompliant('enable_logging is true without log_config: metadata is not set to INCLUDE_ALL_METADATA');
    const metadata = model.get(rule, 'log_config.metadata');
    if (isUnresolved(metadata)) return unknown('log_config.metadata is a value known only at deploy');
    if (metadata !== 'INCLUDE_ALL_METADATA') return nonCompliant(`log_config.metadata is ${show(metadata)}, not "INCLUDE_ALL_METADATA"`);
    return compliant('log_config.metadata is INCLUDE_ALL_METADATA');
  },
};
