import { DnsPolicyLogging } from '../../../../policies/rules/gcp/DnsPolicyLogging';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const policy = (extra: Record<string, any>) => tf({ google_dns_policy: { p: { name: 'p', networks: [{ network_url: 'x' }], ...extra } } });
const P = 'google_dns_policy.p';

describe('GCP.Dns.PolicyLogging', () => {
  it('passes enable_logging true', () => {
    expect(judge(DnsPolicyLogging, policy({ enable_logging: true }), P).verdict).toBe('COMPLIANT');
  });

  it('fails enable_logging false', () => {
    expect(judge(DnsPolicyLogging, policy({ enable_logging: false }), P).verdict).toBe('NON_COMPLIANT');
  });

  it('fails enable_logging absent (no logging when not set)', () => {
    expect(judge(DnsPolicyLogging, policy({}), P).reason).toMatch(/enable_logging is absent/);
  });

  it('is UNKNOWN when enable_logging is a variable', () => {
    expect(judge(DnsPolicyLogging, policy({ enable_logging: '${var.dns_logging}' }), P).verdict).toBe('UNKNOWN');
  });
});
