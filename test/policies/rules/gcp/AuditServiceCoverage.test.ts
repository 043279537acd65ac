import { AuditServiceCoverage } from '../../../../policies/rules/gcp/AuditServiceCoverage';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const cfg = (service: string, project = 'ml-prod') => ({ project, service, audit_log_config: [{ log_type: 'DATA_READ' }] });

describe('GCP.Audit.ServiceCoverage', () => {
  it('passes an allServices config', () => {
    const m = tf({ google_project_iam_audit_config: { all: cfg('allServices') } });
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.all').verdict).toBe('COMPLIANT');
  });

  it('passes a per-service config beside an allServices config of the same project', () => {
    const m = tf({ google_project_iam_audit_config: { all: cfg('allServices'), bq: cfg('bigquery.googleapis.com') } });
    const j = judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.bq');
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/google_project_iam_audit_config.all/);
  });

  it('passes configs covering aiplatform and storage when allServices is absent', () => {
    const m = tf({ google_project_iam_audit_config: { ai: cfg('aiplatform.googleapis.com'), gcs: cfg('storage.googleapis.com') } });
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.ai').verdict).toBe('COMPLIANT');
  });

  it('passes a project config under an organization allServices config', () => {
    const m = tf({
      google_project_iam_audit_config: { gcs: cfg('storage.googleapis.com') },
      google_organization_iam_audit_config: { org: { org_id: '1', service: 'allServices', audit_log_config: [] } },
    });
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.gcs').reason).toMatch(/organization level/);
  });

  it('fails when aiplatform.googleapis.com is not audited', () => {
    const m = tf({ google_project_iam_audit_config: { gcs: cfg('storage.googleapis.com') } });
    const j = judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.gcs');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/aiplatform.googleapis.com is not audited/);
  });

  it('fails when neither service is audited', () => {
    const m = tf({ google_folder_iam_audit_config: { f: { folder: 'folders/9', service: 'iam.googleapis.com', audit_log_config: [] } } });
    const j = judge(AuditServiceCoverage, m, 'google_folder_iam_audit_config.f');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/aiplatform.googleapis.com, storage.googleapis.com are not audited/);
  });

  it('does not count an allServices config of another project', () => {
    const m = tf({ google_project_iam_audit_config: { other: cfg('allServices', 'other'), gcs: cfg('storage.googleapis.com') } });
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.gcs').verdict).toBe('NON_COMPLIANT');
  });

  it('is UNKNOWN when a service of the scope is a variable', () => {
    const m = tf({ google_project_iam_audit_config: { v: cfg('${var.service}'), gcs: cfg('storage.googleapis.com') } });
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.gcs').verdict).toBe('UNKNOWN');
  });

  it('matches a project written bare and with projects/ as one scope', () => {
    const m = tf({ google_project_iam_audit_config: { all: cfg('allServices', 'projects/ml-prod'), gcs: cfg('storage.googleapis.com', 'ml-prod') } });
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.gcs').verdict).toBe('COMPLIANT');
  });

  it('matches configs naming the project through the same data source', () => {
    const p = '${data.google_project.current.project_id}';
    const m = tf({ google_project_iam_audit_config: { ai: cfg('aiplatform.googleapis.com', p), gcs: cfg('storage.googleapis.com', p) } });
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.ai').verdict).toBe('COMPLIANT');
  });

  it('is UNKNOWN when the coverage comes only from a data-source scope that may be the literal project', () => {
    const m = tf({ google_project_iam_audit_config: { all: cfg('allServices', '${data.google_project.current.project_id}'), gcs: cfg('storage.googleapis.com') } });
    const j = judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.gcs');
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/google_project_iam_audit_config.all, for project \$\{data.google_project.current.project_id\}, a data source the engine does not load, may cover project ml-prod/);
  });

  it('is UNKNOWN when a project number may be the same project as the project id', () => {
    const m = tf({ google_project_iam_audit_config: { ai: cfg('aiplatform.googleapis.com', '123456789012'), gcs: cfg('storage.googleapis.com') } });
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.gcs').reason).toMatch(/aiplatform.googleapis.com only by google_project_iam_audit_config.ai, for project 123456789012, which may or may not be project ml-prod/);
  });

  it('fails on what no scope that may be the same covers, naming what another scope may cover', () => {
    const m = tf({ google_project_iam_audit_config: { ai: cfg('aiplatform.googleapis.com', '${var.project}'), iam: cfg('iam.googleapis.com') } });
    const j = judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.iam');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/storage.googleapis.com is not audited \(aiplatform.googleapis.com only by google_project_iam_audit_config.ai/);
  });
});
