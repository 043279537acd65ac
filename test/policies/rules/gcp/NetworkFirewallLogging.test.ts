import { NetworkFirewallLogging } from '../../../../policies/rules/gcp/NetworkFirewallLogging';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const fw = (extra: Record<string, any>) =>
  tf({ google_compute_firewall: { f: { name: 'f', network: 'vpc', allow: [{ protocol: 'tcp', ports: ['22'] }], source_ranges: ['0.0.0.0/0'], ...extra } } });
const F = 'google_compute_firewall.f';

describe('GCP.Network.FirewallLogging', () => {
  it('passes a rule with log_config', () => {
    expect(judge(NetworkFirewallLogging, fw({ log_config: { metadata: 'INCLUDE_ALL_METADATA' } }), F).verdict).toBe('COMPLIANT');
  });

  it('passes a rule with log_config written as an array and EXCLUDE_ALL_METADATA (logging is on)', () => {
    expect(judge(NetworkFirewallLogging, fw({ log_config: [{ metadata: 'EXCLUDE_ALL_METADATA' }] }), F).verdict).toBe('COMPLIANT');
  });

  it('passes the deprecated enable_logging true', () => {
    expect(judge(NetworkFirewallLogging, fw({ enable_logging: true }), F).reason).toMatch(/deprecated/);
  });

  it('fails a rule without log_config', () => {
    const j = judge(NetworkFirewallLogging, fw({}), F);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/log_config is absent and enable_logging is absent/);
  });

  it('fails enable_logging false without log_config', () => {
    expect(judge(NetworkFirewallLogging, fw({ enable_logging: false }), F).reason).toMatch(/enable_logging is false/);
  });

  it('does not apply to a disabled rule', () => {
    expect(judge(NetworkFirewallLogging, fw({ disabled: true }), F).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when enable_logging is a variable and log_config is absent', () => {
    expect(judge(NetworkFirewallLogging, fw({ enable_logging: '${var.log}' }), F).verdict).toBe('UNKNOWN');
  });
});
