import { NetworkEgressLogged } from '../../../../policies/rules/gcp/NetworkEgressLogged';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const N = 'google_compute_network.vpc';
const NET = '${google_compute_network.vpc.id}';
const logged = { log_config: { metadata: 'INCLUDE_ALL_METADATA' } };
const catchAll = { network: NET, direction: 'EGRESS', priority: 65534, destination_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'all' }], ...logged };

/** A custom-mode network with one flow-logged subnetwork and the given firewall rules. */
function model(firewalls: Record<string, any>, subnetLog: Record<string, any> | null = { aggregation_interval: 'INTERVAL_5_SEC' }) {
  return tf({
    google_compute_network: { vpc: { name: 'vpc', auto_create_subnetworks: false } },
    google_compute_subnetwork: { s: { name: 's', network: NET, ip_cidr_range: '10.0.0.0/24', ...(subnetLog ? { log_config: subnetLog } : {}) } },
    ...(Object.keys(firewalls).length > 0 ? { google_compute_firewall: firewalls } : {}),
  });
}

describe('GCP.Network.EgressLogged', () => {
  it('passes a logged allow-all egress rule to 0.0.0.0/0', () => {
    const j = judge(NetworkEgressLogged, model({ egress: catchAll }), N);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/google_compute_firewall.egress logs every egress decision/);
  });

  it('passes a deny rule for tcp and udp without ports, logged by enable_logging, without destination_ranges (every destination)', () => {
    const deny = { network: 'vpc', direction: 'EGRESS', deny: [{ protocol: 'tcp' }, { protocol: '17' }], enable_logging: true };
    expect(judge(NetworkEgressLogged, model({ deny }), N).verdict).toBe('COMPLIANT');
  });

  it('warns when the network has no egress rule (only the implied one, which cannot log)', () => {
    const j = judge(NetworkEgressLogged, model({ ingress: { network: NET, source_ranges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }], ...logged } }), N);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/implied allow-egress rule is never logged$/);
  });

  it('warns when the catch-all egress rule is not logged', () => {
    const { log_config: _drop, ...unlogged } = catchAll;
    expect(judge(NetworkEgressLogged, model({ egress: unlogged }), N).reason).toMatch(/google_compute_firewall.egress is not logged/);
  });

  it('warns when the egress rule covers only some destinations, instances or ports', () => {
    expect(judge(NetworkEgressLogged, model({ egress: { ...catchAll, destination_ranges: ['10.0.0.0/8'] } }), N).reason).toMatch(/matches only destination_ranges \["10.0.0.0\/8"\]/);
    expect(judge(NetworkEgressLogged, model({ egress: { ...catchAll, target_tags: ['ml'] } }), N).reason).toMatch(/applies only to target_tags \["ml"\]/);
    expect(judge(NetworkEgressLogged, model({ egress: { ...catchAll, allow: [{ protocol: 'tcp', ports: ['443'] }] } }), N).reason).toMatch(/does not match every protocol/);
  });

  it('ignores a disabled catch-all rule', () => {
    expect(judge(NetworkEgressLogged, model({ egress: { ...catchAll, disabled: true } }), N).verdict).toBe('NON_COMPLIANT');
  });

  it('is not applicable to a network without flow-logged subnetworks', () => {
    expect(judge(NetworkEgressLogged, model({}, null), N).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the logging of the catch-all rule is a variable', () => {
    const j = judge(NetworkEgressLogged, model({ egress: { ...catchAll, log_config: '${var.log}' } }), N);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/log_config is a value known only at deploy/);
  });

  it('is UNKNOWN when the direction is a variable', () => {
    expect(judge(NetworkEgressLogged, model({ egress: { ...catchAll, direction: '${var.direction}' } }), N).verdict).toBe('UNKNOWN');
  });
});
