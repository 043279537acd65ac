import { AuditDataAccessLogs } from '../../../../policies/rules/gcp/AuditDataAccessLogs';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const ALL = [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }];
const project = (audit_log_config: unknown) =>
  tf({ google_project_iam_audit_config: { a: { project: 'ml-prod', service: 'allServices', audit_log_config } } });

describe('GCP.Audit.DataAccessLogs', () => {
  it('passes ADMIN_READ, DATA_READ and DATA_WRITE with no exemptions', () => {
    expect(judge(AuditDataAccessLogs, project(ALL), 'google_project_iam_audit_config.a').verdict).toBe('COMPLIANT');
  });

  it('passes empty exempted_members lists on folder and organization configs', () => {
    const blocks = ALL.map((b) => ({ ...b, exempted_members: [] }));
    const m = tf({
      google_folder_iam_audit_config: { f: { folder: 'folders/1', service: 'allServices', audit_log_config: blocks } },
      google_organization_iam_audit_config: { o: { org_id: '1', service: 'allServices', audit_log_config: blocks } },
    });
    expect(judge(AuditDataAccessLogs, m, 'google_folder_iam_audit_config.f').verdict).toBe('COMPLIANT');
    expect(judge(AuditDataAccessLogs, m, 'google_organization_iam_audit_config.o').verdict).toBe('COMPLIANT');
  });

  it('fails when DATA_READ is missing', () => {
    const j = judge(AuditDataAccessLogs, project([{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_WRITE' }]), 'google_project_iam_audit_config.a');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/missing DATA_READ \(found ADMIN_READ, DATA_WRITE\)/);
  });

  it('fails a single audit_log_config written as an object', () => {
    const j = judge(AuditDataAccessLogs, project({ log_type: 'DATA_READ' }), 'google_project_iam_audit_config.a');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/missing ADMIN_READ, DATA_WRITE/);
  });

  it('fails without any audit_log_config', () => {
    const j = judge(AuditDataAccessLogs, project(undefined), 'google_project_iam_audit_config.a');
    expect(j.reason).toMatch(/found none/);
  });

  it('fails when a log type exempts a member', () => {
    const blocks = [...ALL.slice(0, 2), { log_type: 'DATA_WRITE', exempted_members: ['serviceAccount:etl@p.iam.gserviceaccount.com'] }];
    const j = judge(AuditDataAccessLogs, project(blocks), 'google_project_iam_audit_config.a');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/"DATA_WRITE" exempts "serviceAccount:etl@p.iam.gserviceaccount.com"/);
  });

  it('is UNKNOWN when a log_type is a variable', () => {
    const j = judge(AuditDataAccessLogs, project([...ALL.slice(0, 2), { log_type: '${var.t}' }]), 'google_project_iam_audit_config.a');
    expect(j.verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when exempted_members comes from a variable', () => {
    const j = judge(AuditDataAccessLogs, project([...ALL.slice(0, 2), { log_type: 'DATA_WRITE', exempted_members: '${var.exempt}' }]), 'google_project_iam_audit_config.a');
    expect(j.verdict).toBe('UNKNOWN');
  });
});
