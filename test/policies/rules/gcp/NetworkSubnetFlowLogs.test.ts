import { NetworkSubnetFlowLogs } from '../../../../policies/rules/gcp/NetworkSubnetFlowLogs';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const subnet = (extra: Record<string, any>) =>
  tf({ google_compute_subnetwork: { s: { name: 's', ip_cidr_range: '10.0.0.0/24', network: 'vpc', ...extra } } });
const S = 'google_compute_subnetwork.s';

describe('GCP.Network.SubnetFlowLogs', () => {
  it('passes 5-second aggregation with all metadata', () => {
    const m = subnet({ log_config: { aggregation_interval: 'INTERVAL_5_SEC', metadata: 'INCLUDE_ALL_METADATA', flow_sampling: 1 } });
    expect(judge(NetworkSubnetFlowLogs, m, S).verdict).toBe('COMPLIANT');
  });

  it('passes a log_config array that leaves interval and metadata to the documented defaults', () => {
    expect(judge(NetworkSubnetFlowLogs, subnet({ log_config: [{ flow_sampling: 1 }] }), S).verdict).toBe('COMPLIANT');
  });

  it('fails without log_config', () => {
    const j = judge(NetworkSubnetFlowLogs, subnet({}), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/log_config is absent/);
  });

  it('fails enable_flow_logs true without log_config', () => {
    const j = judge(NetworkSubnetFlowLogs, subnet({ enable_flow_logs: true }), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/does not pin/);
  });

  it('fails a 10-minute aggregation interval', () => {
    const j = judge(NetworkSubnetFlowLogs, subnet({ log_config: { aggregation_interval: 'INTERVAL_10_MIN' } }), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/"INTERVAL_10_MIN"/);
  });

  it('fails EXCLUDE_ALL_METADATA', () => {
    expect(judge(NetworkSubnetFlowLogs, subnet({ log_config: { metadata: 'EXCLUDE_ALL_METADATA' } }), S).reason).toMatch(/EXCLUDE_ALL_METADATA/);
  });

  it('fails CUSTOM_METADATA', () => {
    const m = subnet({ log_config: { metadata: 'CUSTOM_METADATA', metadata_fields: ['src_instance'] } });
    expect(judge(NetworkSubnetFlowLogs, m, S).verdict).toBe('NON_COMPLIANT');
  });

  it('fails enable_flow_logs false', () => {
    const m = subnet({ enable_flow_logs: false, log_config: { metadata: 'INCLUDE_ALL_METADATA' } });
    expect(judge(NetworkSubnetFlowLogs, m, S).reason).toMatch(/enable_flow_logs is false/);
  });

  it('does not apply to proxy-only subnets', () => {
    for (const purpose of ['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY']) {
      expect(judge(NetworkSubnetFlowLogs, subnet({ purpose, role: 'ACTIVE' }), S).verdict).toBe('NOT_APPLICABLE');
    }
  });

  it('judges Private Service Connect subnets, which the provider does not exempt', () => {
    expect(judge(NetworkSubnetFlowLogs, subnet({ purpose: 'PRIVATE_SERVICE_CONNECT' }), S).verdict).toBe('NON_COMPLIANT');
  });

  it('is UNKNOWN when the aggregation interval is a variable', () => {
    expect(judge(NetworkSubnetFlowLogs, subnet({ log_config: { aggregation_interval: '${var.interval}' } }), S).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when the purpose is a variable and no log_config can be judged', () => {
    expect(judge(NetworkSubnetFlowLogs, subnet({ purpose: '${var.purpose}', log_config: '${var.log}' }), S).verdict).toBe('UNKNOWN');
  });
});
