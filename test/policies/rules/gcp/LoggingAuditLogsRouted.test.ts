import { LoggingAuditLogsRouted } from '../../../../policies/rules/gcp/LoggingAuditLogsRouted';
import { judge } from '../../helpers';
import { goodBucket, tf, YEAR_SECONDS } from './_gcp';

const A = 'google_project_iam_audit_config.a';
const INTO = 'storage.googleapis.com/${google_storage_bucket.ev.name}';
const audit = (project: string) => ({ a: { project, service: 'allServices', audit_log_config: [{ log_type: 'DATA_READ' }] } });
const model = (resources: Record<string, Record<string, any>>, bucket: Record<string, any> = goodBucket()) =>
  tf({ google_storage_bucket: { ev: bucket }, google_project_iam_audit_config: audit('ml-prod'), ...resources });

describe('GCP.Logging.AuditLogsRouted', () => {
  it('passes when a sink of the same project writes into a locked bucket', () => {
    const j = judge(LoggingAuditLogsRouted, model({ google_logging_project_sink: { s: { name: 's', project: 'projects/ml-prod', destination: INTO } } }), A);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/google_logging_project_sink.s routes the logs of project ml-prod into locked storage/);
  });

  it('passes when the audit config and the sink name the project through the same data source', () => {
    const project = '${data.google_project.current.project_id}';
    const m = tf({
      google_storage_bucket: { ev: goodBucket() },
      google_project_iam_audit_config: audit(project),
      google_logging_project_sink: { s: { name: 's', project, destination: INTO } },
    });
    expect(judge(LoggingAuditLogsRouted, m, A).verdict).toBe('COMPLIANT');
  });

  it('passes a project under an organization sink that includes children', () => {
    const m = model({ google_logging_organization_sink: { o: { name: 'o', org_id: '1', include_children: true, destination: INTO } } });
    expect(judge(LoggingAuditLogsRouted, m, A).reason).toMatch(/organization sink google_logging_organization_sink.o includes children/);
  });

  it('passes an organization audit config with an organization sink of its own (include_children or not)', () => {
    const m = tf({
      google_storage_bucket: { ev: goodBucket() },
      google_organization_iam_audit_config: { o: { org_id: 'organizations/1', service: 'allServices', audit_log_config: [] } },
      google_logging_organization_sink: { o: { name: 'o', org_id: '1', destination: INTO } },
    });
    expect(judge(LoggingAuditLogsRouted, m, 'google_organization_iam_audit_config.o').verdict).toBe('COMPLIANT');
  });

  it('fails when the input has no sink at all', () => {
    const j = judge(LoggingAuditLogsRouted, model({}), A);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no enabled sink of project ml-prod in the input writes into locked storage: .*_Required \(400 days\) and _Default \(30 days\)/);
  });

  it('fails when the only sink is of another project', () => {
    expect(judge(LoggingAuditLogsRouted, model({ google_logging_project_sink: { s: { name: 's', project: 'other', destination: INTO } } }), A).verdict).toBe('NON_COMPLIANT');
  });

  it('fails when the sink of the project writes into an unlocked bucket, and says so', () => {
    const open = goodBucket({ retention_policy: [{ is_locked: false, retention_period: YEAR_SECONDS }] });
    const j = judge(LoggingAuditLogsRouted, model({ google_logging_project_sink: { s: { name: 's', project: 'ml-prod', destination: INTO } } }, open), A);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/\(google_logging_project_sink.s: destination .* is not locked/);
  });

  it('fails when the sink of the project is disabled', () => {
    const j = judge(LoggingAuditLogsRouted, model({ google_logging_project_sink: { s: { name: 's', project: 'ml-prod', disabled: true, destination: INTO } } }), A);
    expect(j.verdict).toBe('NON_COMPLIANT');
  });

  it('fails a folder audit config when only project sinks exist', () => {
    const m = tf({
      google_storage_bucket: { ev: goodBucket() },
      google_folder_iam_audit_config: { f: { folder: 'folders/7', service: 'allServices', audit_log_config: [] } },
      google_logging_project_sink: { s: { name: 's', project: 'ml-prod', destination: INTO } },
    });
    expect(judge(LoggingAuditLogsRouted, m, 'google_folder_iam_audit_config.f').reason).toMatch(/no enabled sink of folder 7/);
  });

  it('is UNKNOWN when the lock of the sink destination is a variable', () => {
    const pending = goodBucket({ retention_policy: { is_locked: '${var.lock}', retention_period: YEAR_SECONDS } });
    const j = judge(LoggingAuditLogsRouted, model({ google_logging_project_sink: { s: { name: 's', project: 'ml-prod', destination: INTO } } }, pending), A);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/is_locked is a value known only at deploy/);
  });

  it('is UNKNOWN when the only sink is of a scope that may be the same project (the provider default)', () => {
    const j = judge(LoggingAuditLogsRouted, model({ google_logging_project_sink: { s: { name: 's', destination: INTO } } }), A);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/the default project of provider google \(no project argument\), which may or may not be project ml-prod/);
  });

  it('is UNKNOWN for a project when a folder sink includes children (the input does not place the project)', () => {
    const m = model({ google_logging_folder_sink: { f: { name: 'f', folder: '7', include_children: true, destination: INTO } } });
    expect(judge(LoggingAuditLogsRouted, m, A).reason).toMatch(/does not say whether project ml-prod sits under it/);
  });

  it('is UNKNOWN when an organization sink may include children (a variable)', () => {
    const m = model({ google_logging_organization_sink: { o: { name: 'o', org_id: '1', include_children: '${var.children}', destination: INTO } } });
    expect(judge(LoggingAuditLogsRouted, m, A).verdict).toBe('UNKNOWN');
  });
});

describe('GCP.Logging.AuditLogsRouted: authoritative IAM policies set audit configs too', () => {
  const POLICY = 'google_project_iam_policy.p';
  const policyData = JSON.stringify({ auditConfigs: [{ service: 'allServices', auditLogConfigs: [{ logType: 'DATA_READ' }] }] });
  const m = (resources: Record<string, Record<string, any>>) =>
    tf({ google_storage_bucket: { ev: goodBucket() }, google_project_iam_policy: { p: { project: 'ml-prod', policy_data: policyData } }, ...resources });

  it('passes a policy whose project has a sink into locked storage', () => {
    const j = judge(LoggingAuditLogsRouted, m({ google_logging_project_sink: { s: { name: 's', project: 'ml-prod', destination: INTO } } }), POLICY);
    expect(j.verdict).toBe('COMPLIANT');
  });

  it('fails a policy whose project has no sink', () => {
    const j = judge(LoggingAuditLogsRouted, m({}), POLICY);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/project ml-prod/);
  });

  it('is UNKNOWN when the sink of the policy project is a variable', () => {
    const j = judge(LoggingAuditLogsRouted, m({ google_logging_project_sink: { s: { name: 's', project: '${var.p}', destination: INTO } } }), POLICY);
    expect(j.verdict).toBe('UNKNOWN');
  });
});
