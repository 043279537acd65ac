import { NetworkVpcFlowLogCoverage } from '../../../../policies/rules/gcp/NetworkVpcFlowLogCoverage';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const N = 'google_compute_network.vpc';
const custom = { name: 'ml-vpc', auto_create_subnetworks: false };

describe('GCP.Network.VpcFlowLogCoverage', () => {
  it('passes a custom-mode network with a logged subnetwork', () => {
    const m = tf({
      google_compute_network: { vpc: custom },
      google_compute_subnetwork: { a: { name: 'a', network: '${google_compute_network.vpc.id}', log_config: { flow_sampling: 1 } } },
    });
    expect(judge(NetworkVpcFlowLogCoverage, m, N).verdict).toBe('COMPLIANT');
  });

  it('finds subnetworks that name the network literally', () => {
    const m = tf({
      google_compute_network: { vpc: custom },
      google_compute_subnetwork: { a: { name: 'a', network: 'projects/p/global/networks/ml-vpc', log_config: [{ flow_sampling: 1 }] } },
    });
    expect(judge(NetworkVpcFlowLogCoverage, m, N).verdict).toBe('COMPLIANT');
  });

  it('warns on an auto-mode network (provider default)', () => {
    const j = judge(NetworkVpcFlowLogCoverage, tf({ google_compute_network: { vpc: { name: 'v' } } }), N);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/provider default true/);
  });

  it('warns on auto_create_subnetworks true', () => {
    expect(judge(NetworkVpcFlowLogCoverage, tf({ google_compute_network: { vpc: { name: 'v', auto_create_subnetworks: true } } }), N).verdict).toBe('NON_COMPLIANT');
  });

  it('warns when no subnetwork of the network has flow logs', () => {
    const m = tf({
      google_compute_network: { vpc: custom },
      google_compute_subnetwork: {
        a: { name: 'a', network: '${google_compute_network.vpc.id}' },
        proxy: { name: 'p', network: '${google_compute_network.vpc.id}', purpose: 'REGIONAL_MANAGED_PROXY' },
      },
    });
    const j = judge(NetworkVpcFlowLogCoverage, m, N);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/none of its 1 subnetwork\(s\)/);
  });

  it('is UNKNOWN when no subnetwork of the network is in the input', () => {
    expect(judge(NetworkVpcFlowLogCoverage, tf({ google_compute_network: { vpc: custom } }), N).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when auto_create_subnetworks is a variable', () => {
    expect(judge(NetworkVpcFlowLogCoverage, tf({ google_compute_network: { vpc: { name: 'v', auto_create_subnetworks: '${var.auto}' } } }), N).verdict).toBe('UNKNOWN');
  });
});
