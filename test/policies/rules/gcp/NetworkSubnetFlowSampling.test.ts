import { NetworkSubnetFlowSampling } from '../../../../policies/rules/gcp/NetworkSubnetFlowSampling';
import { DEFAULT_RULE_CONFIG } from '../../../../policies/engine/types';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const subnet = (extra: Record<string, any>) =>
  tf({ google_compute_subnetwork: { s: { name: 's', ip_cidr_range: '10.0.0.0/24', network: 'vpc', ...extra } } });
const S = 'google_compute_subnetwork.s';

describe('GCP.Network.SubnetFlowSampling', () => {
  it('passes flow_sampling 1.0 without a filter', () => {
    expect(judge(NetworkSubnetFlowSampling, subnet({ log_config: { flow_sampling: 1.0 } }), S).verdict).toBe('COMPLIANT');
  });

  it('passes the include-everything filter "true"', () => {
    expect(judge(NetworkSubnetFlowSampling, subnet({ log_config: [{ flow_sampling: 1, filter_expr: 'true' }] }), S).verdict).toBe('COMPLIANT');
  });

  it('warns on flow_sampling 0.5', () => {
    const j = judge(NetworkSubnetFlowSampling, subnet({ log_config: { flow_sampling: 0.5 } }), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/flow_sampling is 0.5, below 1/);
  });

  it('warns when flow_sampling is absent (provider default 0.5)', () => {
    const j = judge(NetworkSubnetFlowSampling, subnet({ log_config: { metadata: 'INCLUDE_ALL_METADATA' } }), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/provider default 0.5/);
  });

  it('warns on a filter expression that drops flows', () => {
    const j = judge(NetworkSubnetFlowSampling, subnet({ log_config: { flow_sampling: 1, filter_expr: "connection.dest_port == 443" } }), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/filter_expr/);
  });

  it('uses the configured full-sampling threshold', () => {
    const j = judge(NetworkSubnetFlowSampling, subnet({ log_config: { flow_sampling: 0.5 } }), S, { ...DEFAULT_RULE_CONFIG, fullSamplingPercentage: 50 });
    expect(j.verdict).toBe('COMPLIANT');
  });

  it('does not apply to a subnet without log_config (SubnetFlowLogs judges it)', () => {
    expect(judge(NetworkSubnetFlowSampling, subnet({}), S).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when flow_sampling is a variable', () => {
    expect(judge(NetworkSubnetFlowSampling, subnet({ log_config: { flow_sampling: '${var.sampling}' } }), S).verdict).toBe('UNKNOWN');
  });
});
