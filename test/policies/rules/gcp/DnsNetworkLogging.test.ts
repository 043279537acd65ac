import { DnsNetworkLogging } from '../../../../policies/rules/gcp/DnsNetworkLogging';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const N = 'google_compute_network.vpc';
const network = { name: 'ml-vpc', auto_create_subnetworks: false };

describe('GCP.Dns.NetworkLogging', () => {
  it('passes a network named by a logging DNS policy (reference)', () => {
    const m = tf({
      google_compute_network: { vpc: network },
      google_dns_policy: { p: { name: 'p', enable_logging: true, networks: [{ network_url: '${google_compute_network.vpc.id}' }] } },
    });
    const j = judge(DnsNetworkLogging, m, N);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/google_dns_policy.p/);
  });

  it('passes a network named by URL in a single networks block', () => {
    const m = tf({
      google_compute_network: { vpc: network },
      google_dns_policy: { p: { name: 'p', enable_logging: true, networks: { network_url: 'https://www.googleapis.com/compute/v1/projects/p/global/networks/ml-vpc' } } },
    });
    expect(judge(DnsNetworkLogging, m, N).verdict).toBe('COMPLIANT');
  });

  it('fails a network with no DNS policy', () => {
    const j = judge(DnsNetworkLogging, tf({ google_compute_network: { vpc: network } }), N);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no google_dns_policy/);
  });

  it('fails a network whose DNS policy does not log', () => {
    const m = tf({
      google_compute_network: { vpc: network },
      google_dns_policy: { p: { name: 'p', enable_inbound_forwarding: true, networks: [{ network_url: '${google_compute_network.vpc.self_link}' }] } },
    });
    expect(judge(DnsNetworkLogging, m, N).reason).toMatch(/do not log: google_dns_policy.p/);
  });

  it('fails a network when the logging policy names another network', () => {
    const m = tf({
      google_compute_network: { vpc: network, other: { name: 'other' } },
      google_dns_policy: { p: { name: 'p', enable_logging: true, networks: [{ network_url: '${google_compute_network.other.id}' }] } },
    });
    expect(judge(DnsNetworkLogging, m, N).verdict).toBe('NON_COMPLIANT');
  });

  it('is UNKNOWN when the attached policy enable_logging is a variable', () => {
    const m = tf({
      google_compute_network: { vpc: network },
      google_dns_policy: { p: { name: 'p', enable_logging: '${var.log}', networks: [{ network_url: '${google_compute_network.vpc.id}' }] } },
    });
    expect(judge(DnsNetworkLogging, m, N).verdict).toBe('UNKNOWN');
  });
});
