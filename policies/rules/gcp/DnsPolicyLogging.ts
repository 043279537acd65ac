import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, show } from '../../facts/gcp';

/** Cloud DNS logs queries only for networks bound to a DNS server policy with enable_logging. */
export const DnsPolicyLogging: Rule = {
  id: 'GCP.Dns.PolicyLogging',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_dns_policy'],
  description: 'A Cloud DNS server policy does not log the queries of its networks.',
  rationale:
    'DNS queries show which names a workload resolved: exfiltration endpoints, command-and-control domains, the ' +
    'package mirror a poisoned library came from. Without logging they leave no trace.',
  fix: "Use the kit's FlowLogs (dnsLoggingEnabled defaults to true), or set enable_logging = true on the google_dns_policy.",
  evidenceSource: 'dns',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (policy, { model }) => {
    const value = asBool(model.get(policy, 'enable_logging'));
    if (isUnresolved(value)) return unknown('enable_logging is a value known only at deploy');
    if (value !== true) return nonCompliant(`enable_logging is ${show(value)} (no logging when not set)`);
    return compliant('enable_logging is true');
  },
};
