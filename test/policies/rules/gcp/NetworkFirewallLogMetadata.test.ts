import { NetworkFirewallLogMetadata } from '../../../../policies/rules/gcp/NetworkFirewallLogMetadata';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const fw = (extra: Record<string, any>) =>
  tf({ google_compute_firewall: { f: { name: 'f', network: 'vpc', deny: [{ protocol: 'all' }], direction: 'EGRESS', ...extra } } });
const F = 'google_compute_firewall.f';

describe('GCP.Network.FirewallLogMetadata', () => {
  it('passes INCLUDE_ALL_METADATA', () => {
    expect(judge(NetworkFirewallLogMetadata, fw({ log_config: { metadata: 'INCLUDE_ALL_METADATA' } }), F).verdict).toBe('COMPLIANT');
  });

  it('warns on EXCLUDE_ALL_METADATA', () => {
    const j = judge(NetworkFirewallLogMetadata, fw({ log_config: [{ metadata: 'EXCLUDE_ALL_METADATA' }] }), F);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/"EXCLUDE_ALL_METADATA"/);
  });

  it('warns on the deprecated enable_logging true, which leaves metadata unset', () => {
    expect(judge(NetworkFirewallLogMetadata, fw({ enable_logging: true }), F).verdict).toBe('NON_COMPLIANT');
  });

  it('does not apply to a rule that does not log (FirewallLogging judges it)', () => {
    expect(judge(NetworkFirewallLogMetadata, fw({}), F).verdict).toBe('NOT_APPLICABLE');
  });

  it('does not apply to a disabled rule', () => {
    expect(judge(NetworkFirewallLogMetadata, fw({ disabled: true, log_config: { metadata: 'EXCLUDE_ALL_METADATA' } }), F).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when metadata is a variable', () => {
    expect(judge(NetworkFirewallLogMetadata, fw({ log_config: { metadata: '${var.m}' } }), F).verdict).toBe('UNKNOWN');
  });
});
