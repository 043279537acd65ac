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
});
