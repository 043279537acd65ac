import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { catchAllEgress, firewallEnforced, gcpIndex, networkFlowLogs } from '../../facts/gcp';

/**
 * VPC firewall rules logging cannot be switched on for the implied allow-egress and deny-ingress
 * rules (Cloud NGFW docs, "VPC firewall rules logging overview", unsupported rules), so egress
 * that no rule of the network matches leaves no firewall log. A logged EGRESS rule that applies to
 * every instance, every protocol (or both TCP and UDP: firewall logging records only TCP and UDP
 * connections) and 0.0.0.0/0 (absent destination_ranges match every destination), allow or deny,
 * at any priority, leaves no egress decision unlogged; rules above it are judged by
 * GCP.Network.FirewallLogging. Applies to networks with a flow-logged subnetwork in the input.
 * Network firewall policies and IPv6 (::/0) egress are not judged.
 */
export const NetworkEgressLogged: Rule = {
  id: 'GCP.Network.EgressLogged',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_compute_network'],
  description:
    'A VPC network with flow logs has no logged catch-all egress firewall rule (EGRESS, 0.0.0.0/0, every protocol, every instance), so egress that only the implied allow-egress rule matches is never logged.',
  rationale:
    'Flow logs are sampled and carry no verdict; the firewall log says which rule let a connection out. The implied allow-egress ' +
    'rule cannot log, so exfiltration that matches no explicit rule leaves no firewall record at all.',
  fix:
    "Use the kit's FlowLogs (it adds a logged allow-all-egress rule at priority 65534), or add a google_compute_firewall with " +
    'direction = "EGRESS", destination_ranges = ["0.0.0.0/0"], allow (or deny) { protocol = "all" }, no target_tags, and log_config { metadata = "INCLUDE_ALL_METADATA" }.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  isApplicable: (network, { model }) => networkFlowLogs(model, network).logged.length > 0,
  check: (network, ctx) => {
    const { model } = ctx;
    const pending: string[] = [];
    const misses: string[] = [];
    for (const rule of gcpIndex(model).firewallsByNetwork.get(network) ?? []) {
      if (!firewallEnforced(rule, ctx)) continue;
      const verdict = catchAllEgress(model, rule);
      if (verdict === true) return compliant(`${rule.address} logs every egress decision no higher-priority rule takes (EGRESS, 0.0.0.0/0, every protocol, every instance)`);
      if (isUnresolved(verdict.miss)) pending.push(`${rule.address}: ${verdict.why}`);
      else if (verdict.miss) misses.push(`${rule.address} ${verdict.why}`);
    }
    if (pending.length > 0) return unknown(pending.join('; '));
    return nonCompliant(
      'no enforced, logged EGRESS rule of this network covers every instance, every protocol and 0.0.0.0/0: egress that falls to ' +
        `the implied allow-egress rule is never logged${misses.length > 0 ? ` (${misses.slice(0, 3).join('; ')})` : ''}`,
    );
  },
};
