import { FORENSIC_LOG_FILTER } from '../../../../constructs/gcp/log-sink';
import { LoggingNetworkLogsRouted as rule } from '../../../../policies/rules/gcp/LoggingNetworkLogsRouted';
import { judge } from '../../helpers';
import { goodBucket, plan, tf } from './_gcp';

const INTO = 'storage.googleapis.com/${google_storage_bucket.ev.name}';
const AUDIT_ONLY = 'logName:"/logs/cloudaudit.googleapis.com"';
/** A project sink of ml-prod into the locked evidence bucket. */
const sink = (extra: Record<string, any> = {}) => ({ name: 's', project: 'ml-prod', destination: INTO, ...extra });
/** The four network log producers of ml-prod, each with its logging on. */
const PRODUCERS = {
  google_compute_subnetwork: { sub: { name: 'sub', project: 'ml-prod', network: 'n', ip_cidr_range: '10.0.0.0/24', log_config: { aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 1, metadata: 'INCLUDE_ALL_METADATA' } } },
  google_compute_firewall: { fw: { name: 'fw', project: 'ml-prod', network: 'n', log_config: { metadata: 'INCLUDE_ALL_METADATA' } } },
  google_compute_router_nat: { nat: { name: 'nat', project: 'ml-prod', router: 'r', region: 'us-central1', log_config: { enable: true, filter: 'ALL' } } },
  google_dns_policy: { dns: { name: 'dns', project: 'ml-prod', enable_logging: true } },
};
const ADDRESSES = ['google_compute_subnetwork.sub', 'google_compute_firewall.fw', 'google_compute_router_nat.nat', 'google_dns_policy.dns'];
const model = (sinks: Record<string, any>, more: Record<string, Record<string, any>> = {}) =>
  tf({ google_storage_bucket: { ev: goodBucket() }, google_logging_project_sink: sinks, ...PRODUCERS, ...more });
const verdicts = (m: ReturnType<typeof tf>) => ADDRESSES.map((a) => [a, judge(rule, m, a).verdict]);

describe('GCP.Logging.NetworkLogsRouted', () => {
  it("compliant: the kit's FORENSIC_LOG_FILTER routes all four network logs into locked storage (Terraform JSON and plan)", () => {
    for (const m of [model({ s: sink({ filter: FORENSIC_LOG_FILTER }) }), plan({ google_storage_bucket: { ev: goodBucket() }, google_logging_project_sink: { s: sink({ filter: FORENSIC_LOG_FILTER }) }, ...PRODUCERS })]) {
      expect(verdicts(m)).toEqual(ADDRESSES.map((a) => [a, 'COMPLIANT']));
    }
    expect(judge(rule, model({ s: sink({ filter: FORENSIC_LOG_FILTER }) }), 'google_dns_policy.dns').reason).toBe(
      'google_logging_project_sink.s routes every dns.googleapis.com/dns_queries entry of project ml-prod into locked storage',
    );
  });

  it('compliant: a sink without a filter, and an organization sink with include_children', () => {
    expect(verdicts(model({ s: sink() }))).toEqual(ADDRESSES.map((a) => [a, 'COMPLIANT']));
    const org = { google_logging_organization_sink: { org: { name: 'org', org_id: '1', include_children: true, destination: INTO } } };
    expect(verdicts(model({ s: sink({ filter: AUDIT_ONLY }) }, org))).toEqual(ADDRESSES.map((a) => [a, 'COMPLIANT']));
  });

  it('non-compliant: the only sink into locked storage routes the audit logs alone (the reviewer\'s narrowed FORENSIC_LOG_FILTER)', () => {
    const m = model({ s: sink({ filter: AUDIT_ONLY }) });
    expect(verdicts(m)).toEqual(ADDRESSES.map((a) => [a, 'NON_COMPLIANT']));
    expect(judge(rule, m, 'google_compute_subnetwork.sub').reason).toBe(
      `no sink of project ml-prod into locked storage routes compute.googleapis.com/vpc_flows (google_logging_project_sink.s: filter ${JSON.stringify(AUDIT_ONLY)} matches none of their entries): its entries stay in _Default (30 days, unlocked)`,
    );
  });

  it('non-compliant: an exclusion drops the flow logs, and a sink into an unlocked bucket does not count', () => {
    const excluded = model({ s: sink({ exclusions: [{ name: 'noflows', filter: 'log_id("compute.googleapis.com/vpc_flows")' }] }) });
    const j = judge(rule, excluded, 'google_compute_subnetwork.sub');
    expect([j.verdict, j.reason]).toEqual(['NON_COMPLIANT', expect.stringMatching(/exclusion noflows drops all of their entries/)]);
    expect(judge(rule, excluded, 'google_dns_policy.dns').verdict).toBe('COMPLIANT');
    const unlocked = model({ s: sink() }, { google_storage_bucket: { ev: goodBucket({ retention_policy: { is_locked: false, retention_period: 86_400 } }) } });
    expect(verdicts(unlocked)).toEqual(ADDRESSES.map((a) => [a, 'NON_COMPLIANT']));
  });

  it('unknown: the filter is a variable, and a sink of a project known only at deploy', () => {
    expect(verdicts(model({ s: sink({ filter: '${var.filter}' }) }))).toEqual(ADDRESSES.map((a) => [a, 'UNKNOWN']));
    const j = judge(rule, model({ s: sink({ project: '${var.project}' }) }), 'google_compute_firewall.fw');
    expect([j.verdict, j.reason]).toEqual(['UNKNOWN', expect.stringMatching(/may route compute.googleapis.com\/firewall of project ml-prod/)]);
  });

  it('not applicable: logging off (or only known at deploy), and an input with no sink at all (routing decided elsewhere)', () => {
    const off = model(
      { s: sink({ filter: AUDIT_ONLY }) },
      {
        google_compute_subnetwork: { sub: { name: 'sub', project: 'ml-prod', network: 'n', ip_cidr_range: '10.0.0.0/24' } },
        google_compute_firewall: { fw: { name: 'fw', project: 'ml-prod', network: 'n' } },
        google_compute_router_nat: { nat: { name: 'nat', project: 'ml-prod', router: 'r', region: 'us-central1', log_config: { enable: '${var.on}', filter: 'ALL' } } },
        google_dns_policy: { dns: { name: 'dns', project: 'ml-prod', enable_logging: false } },
      },
    );
    expect(verdicts(off)).toEqual(ADDRESSES.map((a) => [a, 'NOT_APPLICABLE']));
    const noSink = tf({ ...PRODUCERS });
    expect(verdicts(noSink)).toEqual(ADDRESSES.map((a) => [a, 'NOT_APPLICABLE']));
  });
});
