import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, gcpIndex } from '../../facts/gcp';

/** A network's DNS queries are logged only through a server policy whose networks block names it. */
export const DnsNetworkLogging: Rule = {
  id: 'GCP.Dns.NetworkLogging',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_compute_network'],
  description: 'A VPC network is not attached to a Cloud DNS policy with logging enabled.',
  rationale:
    'Without a logging DNS policy on the network, no query of any workload in it is recorded, and the names a ' +
    'compromised job resolved cannot be recovered afterwards.',
  fix:
    "Use the kit's FlowLogs (dnsLoggingEnabled) on the network, or add a google_dns_policy with enable_logging = true and " +
    'networks { network_url = google_compute_network.<name>.id }.',
  evidenceSource: 'dns',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (network, { model }) => {
    const index = gcpIndex(model);
    const policies = index.dnsPoliciesByNetwork.get(network) ?? [];
    if (policies.length === 0) {
      const open = index.dnsPoliciesOpen.find((p) => asBool(model.get(p, 'enable_logging')) !== false);
      if (open) return unknown(`no google_dns_policy names this network for sure; the networks of ${open.address} are known only at deploy`);
      return nonCompliant('no google_dns_policy in the input names this network in its networks block');
    }
    const logging = policies.find((p) => asBool(model.get(p, 'enable_logging')) === true);
    if (logging) return compliant(`${logging.address} has enable_logging true and names this network`);
    const pending = policies.find((p) => isUnresolved(asBool(model.get(p, 'enable_logging'))));
    if (pending) return unknown(`${pending.address} enable_logging is a value known only at deploy`);
    return nonCompliant(`attached DNS policies do not log: ${policies.map((p) => p.address).join(', ')} (enable_logging not true)`);
  },
};
