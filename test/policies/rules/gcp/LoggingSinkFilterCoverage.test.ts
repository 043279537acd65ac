import { FORENSIC_LOG_FILTER } from '../../../../constructs/gcp/log-sink';
import { LoggingSinkFilterCoverage } from '../../../../policies/rules/gcp/LoggingSinkFilterCoverage';
import { judge } from '../../helpers';
import { goodBucket, tf, YEAR_SECONDS } from './_gcp';

const S = 'google_logging_project_sink.s';
const INTO = 'storage.googleapis.com/${google_storage_bucket.ev.name}';
/** A project sink of ml-prod into the locked evidence bucket. */
const sink = (extra: Record<string, any> = {}) => ({ name: 's', project: 'ml-prod', destination: INTO, ...extra });
const model = (sinks: Record<string, any>, more: Record<string, Record<string, any>> = {}) =>
  tf({ google_storage_bucket: { ev: goodBucket() }, google_logging_project_sink: sinks, ...more });

describe('GCP.Logging.SinkFilterCoverage', () => {
  it("passes the kit's FORENSIC_LOG_FILTER", () => {
    const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ filter: FORENSIC_LOG_FILTER }) }), S);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/routes every audit log entry into locked storage/);
  });

  it('passes a sink without filter (every entry) and with an empty one', () => {
    expect(judge(LoggingSinkFilterCoverage, model({ s: sink() }), S).reason).toMatch(/no filter/);
    expect(judge(LoggingSinkFilterCoverage, model({ s: sink({ filter: '  ' }) }), S).verdict).toBe('COMPLIANT');
  });

  it('passes an exclusion that leaves audit logs alone (NOT log_id, or payloads audit entries lack)', () => {
    const exclusions = [
      { name: 'containers', filter: 'resource.type="k8s_container" AND NOT logName:"cloudaudit.googleapis.com"' },
      { name: 'health', filter: 'jsonPayload.message:"health check"' },
      { name: 'off', filter: 'logName:"cloudaudit"', disabled: true },
    ];
    expect(judge(LoggingSinkFilterCoverage, model({ s: sink({ exclusions }) }), S).verdict).toBe('COMPLIANT');
  });

  it('passes a flow-log-only sink when another sink of the same project routes the audit logs into locked storage', () => {
    const m = model({ s: sink({ filter: 'logName:"/logs/compute.googleapis.com%2Fvpc_flows"' }), audit: sink({ name: 'audit', project: 'projects/ml-prod', filter: 'logName:"cloudaudit.googleapis.com"' }) });
    const j = judge(LoggingSinkFilterCoverage, m, S);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/through another sink of project ml-prod/);
  });

  it('passes a restricted project sink when an organization sink with include_children routes the audit logs', () => {
    const m = model(
      { s: sink({ filter: 'severity>=ERROR' }) },
      { google_logging_organization_sink: { org: { name: 'org', org_id: '1', include_children: true, destination: INTO, filter: 'logName:"cloudaudit"' } } },
    );
    expect(judge(LoggingSinkFilterCoverage, m, S).verdict).toBe('COMPLIANT');
  });

  it('fails a filter restricted by severity', () => {
    const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ filter: 'logName:"cloudaudit.googleapis.com" AND severity>=WARNING' }) }), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/activity, data_access, system_event, policy audit logs: filter .* routes only the entries where severity match; no other sink of project ml-prod/);
  });

  it('fails a filter that names no audit log', () => {
    const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ filter: 'logName:"/logs/compute.googleapis.com%2Fvpc_flows"' }) }), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/audit logs: filter .* matches none of their entries/);
  });

  it('fails a filter that leaves out one audit log, naming only that one', () => {
    const filter = ['activity', 'data_access', 'system_event'].map((t) => `log_id("cloudaudit.googleapis.com/${t}")`).join(' OR ');
    const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ filter }) }), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/^policy audit log: filter .* matches none of their entries/);
  });

  it('fails a filter restricted to some resource types', () => {
    const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ filter: 'logName:"cloudaudit" AND resource.type=("gcs_bucket" OR "aiplatform.googleapis.com/Endpoint")' }) }), S);
    expect(j.reason).toMatch(/only the entries where resource.type match/);
  });

  it('fails an exclusion that drops an audit log outright (exclusions written as a block list)', () => {
    const m = model({ s: sink({ exclusions: [{ name: 'reads', filter: 'log_id("cloudaudit.googleapis.com/data_access")' }] }) });
    const j = judge(LoggingSinkFilterCoverage, m, S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/^data_access audit log: exclusion reads drops all of their entries/);
  });

  it('fails an exclusion that drops audit entries by severity (exclusions written as one block)', () => {
    const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ exclusions: { name: 'quiet', filter: 'severity<WARNING' } }) }), S);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/exclusion quiet drops the entries where severity match/);
  });

  it('fails an exclusion that names the audit logs and narrows them', () => {
    const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ exclusions: [{ name: 'vm', filter: 'logName:"cloudaudit" AND resource.type="gce_instance"' }] }) }), S);
    expect(j.reason).toMatch(/exclusion vm drops the entries where resource.type match/);
  });

  it('is not applicable to a sink into an unlocked bucket or a disabled sink', () => {
    const open = tf({
      google_storage_bucket: { ev: goodBucket({ retention_policy: { is_locked: false, retention_period: YEAR_SECONDS } }) },
      google_logging_project_sink: { s: sink({ filter: 'severity>=ERROR' }) },
    });
    expect(judge(LoggingSinkFilterCoverage, open, S).verdict).toBe('NOT_APPLICABLE');
    expect(judge(LoggingSinkFilterCoverage, model({ s: sink({ disabled: true, filter: 'severity>=ERROR' }) }), S).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the filter is a variable', () => {
    const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ filter: '${var.filter}' }) }), S);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/filter is a value known only at deploy/);
  });

  it('is UNKNOWN when the filter cannot be parsed', () => {
    expect(judge(LoggingSinkFilterCoverage, model({ s: sink({ filter: '(logName:"cloudaudit"' }) }), S).reason).toMatch(/cannot be read \(missing "\)"\)/);
  });

  it('is UNKNOWN when an exclusion narrows on a field audit entries share with other logs', () => {
    const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ exclusions: [{ name: 'containers', filter: 'resource.type="k8s_container"' }] }) }), S);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/exclusion containers may drop entries, depending on resource.type/);
  });

  it('fails an exclusion that samples the entries, or names a resource type audit entries are written under: it certainly drops some', () => {
    const cases: [string, RegExp][] = [
      ['sample(insertId, 0.99)', /exclusion x drops the entries where sample\(\) match/],
      ['resource.type="gcs_bucket" OR resource.type="audited_resource"', /exclusion x drops the entries where resource.type match/],
      ['(resource.type="k8s_container" AND sample(insertId, 0.5)) OR resource.type="bigquery_project"', /exclusion x drops the entries where/],
    ];
    for (const [filter, reason] of cases) {
      const j = judge(LoggingSinkFilterCoverage, model({ s: sink({ exclusions: [{ name: 'x', filter }] }) }), S);
      expect([filter, j.verdict]).toEqual([filter, 'NON_COMPLIANT']);
      expect(j.reason).toMatch(reason);
    }
  });

  it('a sample of no entries drops none; of every entry, all; a sample beside a type no audit entry has, or NOT a type, stays UNKNOWN', () => {
    expect(judge(LoggingSinkFilterCoverage, model({ s: sink({ exclusions: [{ name: 'x', filter: 'sample(insertId, 0)' }] }) }), S).verdict).toBe('COMPLIANT');
    const all = judge(LoggingSinkFilterCoverage, model({ s: sink({ exclusions: [{ name: 'x', filter: 'sample(insertId, 1)' }] }) }), S);
    expect([all.verdict, all.reason]).toEqual(['NON_COMPLIANT', expect.stringMatching(/exclusion x drops all of their entries/)]);
    for (const filter of ['resource.type="k8s_container" AND sample(insertId, 0.5)', 'NOT resource.type="gcs_bucket"', 'resource.type="gcs_bucket" AND resource.type="gce_instance"', 'sample(insertId, "half")']) {
      expect([filter, judge(LoggingSinkFilterCoverage, model({ s: sink({ exclusions: [{ name: 'x', filter }] }) }), S).verdict]).toEqual([filter, 'UNKNOWN']);
    }
  });

  it('is UNKNOWN when only a sink of a scope that may be the same one routes the missing logs', () => {
    const m = model({ s: sink({ filter: 'severity>=ERROR' }), other: sink({ name: 'o', project: '${data.google_project.p.project_id}' }) });
    expect(judge(LoggingSinkFilterCoverage, m, S).verdict).toBe('UNKNOWN');
  });

  it('does not count a sink of another project', () => {
    const m = model({ s: sink({ filter: 'severity>=ERROR' }), other: sink({ name: 'o', project: 'other' }) });
    expect(judge(LoggingSinkFilterCoverage, m, S).verdict).toBe('NON_COMPLIANT');
  });
});
