import { isUnresolved, ResourceModel } from '../../engine/model';
import { compliant, nonCompliant, Resource, Rule, unknown } from '../../engine/types';
import { asBool, firewallLogged, NETWORK_LOG_IDS, networkRoutes, scopeOf, subnetLogConfig } from '../../facts/gcp';

/** The log a producer writes while its logging is on (true), or undefined when it is off or unknown. */
function logOf(model: ResourceModel, r: Resource): string | undefined {
  switch (r.type) {
    case 'google_compute_subnetwork': {
      const block = subnetLogConfig(model, r);
      return block !== undefined && !isUnresolved(block) ? NETWORK_LOG_IDS.vpcFlows : asBool(model.get(r, 'enable_flow_logs')) === true ? NETWORK_LOG_IDS.vpcFlows : undefined;
    }
    case 'google_compute_firewall':
      return firewallLogged(model, r) === true ? NETWORK_LOG_IDS.firewall : undefined;
    case 'google_compute_router_nat':
      return asBool(model.get(r, 'log_config.enable')) === true ? NETWORK_LOG_IDS.natFlows : undefined;
    default:
      return asBool(model.get(r, 'enable_logging')) === true ? NETWORK_LOG_IDS.dnsQueries : undefined;
  }
}

/**
 * A network log switched on in the input must reach locked storage, as the audit logs must
 * (GCP.Logging.SinkFilterCoverage): a sink of the producer's scope into locked storage, or an
 * organization sink with include_children, whose filter and exclusions let every entry of that
 * log through. Judged only when the input has a sink at all: an input without one leaves routing
 * to where it is decided (GCP.Logging.AuditLogsRouted judges a scope that audits without a sink).
 */
export const LoggingNetworkLogsRouted: Rule = {
  id: 'GCP.Logging.NetworkLogsRouted',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_compute_subnetwork', 'google_compute_firewall', 'google_compute_router_nat', 'google_dns_policy'],
  description: 'VPC flow, firewall, Cloud NAT or Cloud DNS query logs are switched on, but no sink of their scope into locked storage routes them (its filter or exclusions leave them out).',
  rationale:
    'Network logs a sink leaves out stay in the _Default bucket: 30 days, unlocked. The flows of an exfiltration and the names it ' +
    'resolved are gone before most incidents are found, or removed by whoever can edit the bucket.',
  fix:
    "Use the kit's LogSink (FORENSIC_LOG_FILTER routes compute.googleapis.com%2Fvpc_flows, %2Ffirewall, %2Fnat_flows and " +
    'dns.googleapis.com%2Fdns_queries), or add those log names to the filter of a sink of the scope into locked storage and keep them out of its exclusions.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1567', 'T1537'],
  atlas: ['AML.T0025'],
  isApplicable: (r, { model }) => networkRoutes(model).anySink && logOf(model, r) !== undefined,
  check: (r, { model }) => {
    const logId = logOf(model, r)!;
    const { facts, organization, gaps } = networkRoutes(model);
    const scope = scopeOf(model, r);
    const same = facts.same(scope);
    const inherited = scope.kind === 'project' || scope.kind === 'folder' ? organization : new Map<string, Resource>();
    const by = same.get(logId) ?? inherited.get(logId);
    if (by) return compliant(`${by.address} routes every ${logId} entry of ${scope.label} into locked storage`);
    const maybe = facts.maybe(scope);
    const pending = same.get(`?${logId}`) ?? inherited.get(`?${logId}`) ?? maybe.get(logId) ?? maybe.get(`?${logId}`);
    if (pending) return unknown(`${pending.address} may route ${logId} of ${scope.label}: ${gaps.get(pending)?.get(logId) ?? `its scope, ${scopeOf(model, pending).label}, may or may not be ${scope.label}`}`);
    const why = [...gaps].filter(([sink]) => sameScopeSink(model, sink, scope)).map(([sink, g]) => `${sink.address}: ${g.get(logId)}`);
    return nonCompliant(`no sink of ${scope.label} into locked storage routes ${logId}${why.length > 0 ? ` (${why.join('; ')})` : ''}: its entries stay in _Default (30 days, unlocked)`);
  },
};

function sameScopeSink(model: ResourceModel, sink: Resource, scope: ReturnType<typeof scopeOf>): boolean {
  const s = scopeOf(model, sink);
  return s.kind === scope.kind && s.key === scope.key;
}
