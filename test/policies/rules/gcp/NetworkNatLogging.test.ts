import { NetworkNatLogging } from '../../../../policies/rules/gcp/NetworkNatLogging';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const nat = (extra: Record<string, any>) =>
  tf({ google_compute_router_nat: { n: { name: 'n', router: 'r', region: 'us-central1', nat_ip_allocate_option: 'AUTO_ONLY', source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES', ...extra } } });
const N = 'google_compute_router_nat.n';

describe('GCP.Network.NatLogging', () => {
  it('passes enable true with filter ALL', () => {
    expect(judge(NetworkNatLogging, nat({ log_config: { enable: true, filter: 'ALL' } }), N).verdict).toBe('COMPLIANT');
  });

  it('passes log_config written as an array', () => {
    expect(judge(NetworkNatLogging, nat({ log_config: [{ enable: true, filter: 'ALL' }] }), N).verdict).toBe('COMPLIANT');
  });

  it('fails without log_config', () => {
    expect(judge(NetworkNatLogging, nat({}), N).reason).toMatch(/log_config is absent/);
  });

  it('fails enable false', () => {
    expect(judge(NetworkNatLogging, nat({ log_config: { enable: false, filter: 'ALL' } }), N).reason).toMatch(/enable is false/);
  });

  it('fails filter ERRORS_ONLY', () => {
    const j = judge(NetworkNatLogging, nat({ log_config: { enable: true, filter: 'ERRORS_ONLY' } }), N);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/"ERRORS_ONLY", not "ALL"/);
  });

  it('fails filter TRANSLATIONS_ONLY', () => {
    expect(judge(NetworkNatLogging, nat({ log_config: { enable: true, filter: 'TRANSLATIONS_ONLY' } }), N).verdict).toBe('NON_COMPLIANT');
  });

  it('is UNKNOWN when filter is a variable', () => {
    expect(judge(NetworkNatLogging, nat({ log_config: { enable: true, filter: '${var.filter}' } }), N).verdict).toBe('UNKNOWN');
  });
});
