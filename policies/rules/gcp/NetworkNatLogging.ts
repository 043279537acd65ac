import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, show } from '../../facts/gcp';

/**
 * Cloud NAT logs translations (which private address used which public address and port) and
 * errors. Only filter ALL records both; TRANSLATIONS_ONLY drops the dropped-packet records and
 * ERRORS_ONLY drops the translations an investigator needs.
 */
export const NetworkNatLogging: Rule = {
  id: 'GCP.Network.NatLogging',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_compute_router_nat'],
  description: 'A Cloud NAT gateway does not log all of its translations and errors (log_config enable true, filter ALL).',
  rationale:
    'Outbound traffic of private workloads leaves through NAT under a shared public address; only NAT logs tie ' +
    "a destination's view of that address back to the workload that made the connection.",
  fix: "Use the kit's FlowLogs (natEnabled, or routerNats it is given), or set log_config { enable = true, filter = \"ALL\" } on the google_compute_router_nat.",
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (nat, { model }) => {
    const block = model.get(nat, 'log_config');
    if (isUnresolved(block)) return unknown('log_config is a value known only at deploy');
    if (block === undefined || (Array.isArray(block) && block.length === 0)) return nonCompliant('log_config is absent: NAT logging is off');
    const enable = asBool(model.get(nat, 'log_config.enable'));
    if (isUnresolved(enable)) return unknown('log_config.enable is a value known only at deploy');
    if (enable !== true) return nonCompliant(`log_config.enable is ${show(enable)}`);
    const filter = model.get(nat, 'log_config.filter');
    if (isUnresolved(filter)) return unknown('log_config.filter is a value known only at deploy');
    if (filter !== 'ALL') return nonCompliant(`log_config.filter is ${show(filter)}, not "ALL"`);
    return compliant('log_config.enable is true and log_config.filter is ALL');
  },
};
