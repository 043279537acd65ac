import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, asList, firewallEnforced } from '../../facts/gcp';

/**
 * A log_config block switches firewall rules logging on (the provider sends enable = true with it);
 * the deprecated enable_logging = true does too, without pinning the metadata.
 */
export const NetworkFirewallLogging: Rule = {
  id: 'GCP.Network.FirewallLogging',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_compute_firewall'],
  description: 'A VPC firewall rule does not log the connections it allows or denies.',
  rationale:
    'Firewall rules logging records which rule allowed or blocked each connection; without it an investigator ' +
    'cannot show how an attacker reached a workload or which egress path let data out.',
  fix: "Use the kit's FlowLogs (firewallRules it creates or is given are logged), or add log_config { metadata = \"INCLUDE_ALL_METADATA\" } to the google_compute_firewall.",
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  isApplicable: firewallEnforced,
  check: (rule, { model }) => {
    const block = model.get(rule, 'log_config');
    if (isUnresolved(block)) return unknown('log_config is a value known only at deploy');
    if (asList(block).length > 0) return compliant('log_config is present: firewall rules logging is on');
    const legacy = asBool(model.get(rule, 'enable_logging'));
    if (isUnresolved(legacy)) return unknown('enable_logging is a value known only at deploy');
    if (legacy === true) return compliant('enable_logging is true (deprecated; prefer log_config)');
    return nonCompliant(`log_config is absent and enable_logging is ${legacy === false ? 'false' : 'absent'}: the rule is not logged`);
  },
};
