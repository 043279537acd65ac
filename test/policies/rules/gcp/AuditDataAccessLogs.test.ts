import { AuditDataAccessLogs } from '../../../../policies/rules/gcp/AuditDataAccessLogs';
import { runRules } from '../../../../policies/engine/runner';
import { judge, tfModel } from '../../helpers';
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

/** A policy_data JSON as the IAM API writes a policy (bindings, auditConfigs). */
const policyJson = (auditConfigs?: unknown) =>
  JSON.stringify({ bindings: [{ role: 'roles/viewer', members: ['user:a@example.com'] }], ...(auditConfigs === undefined ? {} : { auditConfigs }) });
const ALL_JSON = [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }];
const withPolicy = (policy_data: string, extra: Record<string, Record<string, any>> = {}, data?: Record<string, any>) =>
  tfModel({ resource: { google_project_iam_policy: { p: { project: 'ml-prod', policy_data } }, ...extra }, ...(data ? { data: { google_iam_policy: data } } : {}) });
const POLICY = 'google_project_iam_policy.p';

describe('GCP.Audit.DataAccessLogs: authoritative IAM policies (google_*_iam_policy)', () => {
  it('passes a policy_data JSON whose auditConfigs log ADMIN_READ, DATA_READ and DATA_WRITE', () => {
    const j = judge(AuditDataAccessLogs, withPolicy(policyJson([{ service: 'allServices', auditLogConfigs: ALL_JSON }])), POLICY);
    expect(j.verdict).toBe('COMPLIANT');
  });

  it('passes a data.google_iam_policy reference whose audit_config logs all three', () => {
    const m = withPolicy('${data.google_iam_policy.admin.policy_data}', {}, {
      admin: { binding: [{ role: 'roles/viewer', members: ['user:a@example.com'] }], audit_config: [{ service: 'allServices', audit_log_configs: ALL }] },
    });
    expect(judge(AuditDataAccessLogs, m, POLICY).verdict).toBe('COMPLIANT');
  });

  it('fails a policy_data without auditConfigs: it replaces the whole policy and switches Data Access logs off', () => {
    const j = judge(AuditDataAccessLogs, withPolicy(policyJson()), POLICY);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/google_project_iam_policy\.p/);
    expect(j.reason).toMatch(/no auditConfigs/);
    expect(j.reason).toMatch(/off/);
  });

  it('fails a data.google_iam_policy without audit_config', () => {
    const m = withPolicy('${data.google_iam_policy.admin.policy_data}', {}, { admin: { binding: [{ role: 'roles/viewer', members: ['user:a@example.com'] }] } });
    expect(judge(AuditDataAccessLogs, m, POLICY).verdict).toBe('NON_COMPLIANT');
  });

  it('fails folder and organization policies without auditConfigs', () => {
    const m = tf({
      google_folder_iam_policy: { f: { folder: 'folders/9', policy_data: policyJson() } },
      google_organization_iam_policy: { o: { org_id: '1', policy_data: policyJson([]) } },
    });
    expect(judge(AuditDataAccessLogs, m, 'google_folder_iam_policy.f').verdict).toBe('NON_COMPLIANT');
    expect(judge(AuditDataAccessLogs, m, 'google_organization_iam_policy.o').verdict).toBe('NON_COMPLIANT');
  });

  it('fails auditConfigs that miss a log type', () => {
    const j = judge(AuditDataAccessLogs, withPolicy(policyJson([{ service: 'allServices', auditLogConfigs: ALL_JSON.slice(0, 2) }])), POLICY);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/DATA_WRITE/);
  });

  it('fails auditConfigs that exempt a member', () => {
    const logs = [...ALL_JSON.slice(0, 2), { logType: 'DATA_WRITE', exemptedMembers: ['user:x@example.com'] }];
    const j = judge(AuditDataAccessLogs, withPolicy(policyJson([{ service: 'allServices', auditLogConfigs: logs }])), POLICY);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/user:x@example.com/);
  });

  it('fails a policy and an audit config of the same project on both sides: they fight', () => {
    const m = withPolicy(policyJson([{ service: 'allServices', auditLogConfigs: ALL_JSON }]), {
      google_project_iam_audit_config: { a: { project: 'ml-prod', service: 'allServices', audit_log_config: ALL } },
    });
    const p = judge(AuditDataAccessLogs, m, POLICY);
    expect(p.verdict).toBe('NON_COMPLIANT');
    expect(p.reason).toMatch(/google_project_iam_audit_config\.a/);
    expect(p.reason).toMatch(/fight/);
    const a = judge(AuditDataAccessLogs, m, 'google_project_iam_audit_config.a');
    expect(a.verdict).toBe('NON_COMPLIANT');
    expect(a.reason).toMatch(/google_project_iam_policy\.p/);
  });

  it('does not let a policy of another project fight an audit config', () => {
    const m = tfModel({
      resource: {
        google_project_iam_policy: { p: { project: 'other', policy_data: policyJson([{ service: 'allServices', auditLogConfigs: ALL_JSON }]) } },
        google_project_iam_audit_config: { a: { project: 'ml-prod', service: 'allServices', audit_log_config: ALL } },
      },
    });
    expect(judge(AuditDataAccessLogs, m, 'google_project_iam_audit_config.a').verdict).toBe('COMPLIANT');
    expect(judge(AuditDataAccessLogs, m, POLICY).verdict).toBe('COMPLIANT');
  });

  it('is UNKNOWN when policy_data is a variable', () => {
    expect(judge(AuditDataAccessLogs, withPolicy('${var.policy}'), POLICY).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when policy_data is a function call (jsonencode)', () => {
    expect(judge(AuditDataAccessLogs, withPolicy('${jsonencode(local.policy)}'), POLICY).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when the data.google_iam_policy is not in the input', () => {
    expect(judge(AuditDataAccessLogs, withPolicy('${data.google_iam_policy.missing.policy_data}'), POLICY).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when a log_type of the data.google_iam_policy is a variable', () => {
    const m = withPolicy('${data.google_iam_policy.admin.policy_data}', {}, {
      admin: { audit_config: [{ service: 'allServices', audit_log_configs: [...ALL.slice(0, 2), { log_type: '${var.t}' }] }] },
    });
    expect(judge(AuditDataAccessLogs, m, POLICY).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when policy_data is not JSON', () => {
    expect(judge(AuditDataAccessLogs, withPolicy('not json'), POLICY).verdict).toBe('UNKNOWN');
  });

  it('fails the stack in a run: the fail-open reproduced (a policy without auditConfigs alone)', () => {
    const run = runRules(withPolicy(policyJson()), [AuditDataAccessLogs]);
    expect(run.evaluations.map((e) => [e.resource.address, e.verdict])).toEqual([[POLICY, 'NON_COMPLIANT']]);
  });
});

describe('GCP.Audit.DataAccessLogs: an IAM policy that may be of the same parent', () => {
  const m = (audit_log_config: unknown) =>
    tfModel({
      resource: {
        google_project_iam_policy: { p: { project: '${var.p}', policy_data: JSON.stringify({ auditConfigs: [{ service: 'allServices', auditLogConfigs: ALL_JSON }] }) } },
        google_project_iam_audit_config: { a: { project: 'ml-prod', service: 'allServices', audit_log_config } },
      },
    });

  it('makes an otherwise compliant audit config UNKNOWN, and the policy too', () => {
    expect(judge(AuditDataAccessLogs, m(ALL), 'google_project_iam_audit_config.a').verdict).toBe('UNKNOWN');
    expect(judge(AuditDataAccessLogs, m(ALL), POLICY).verdict).toBe('UNKNOWN');
  });

  it('keeps the NON_COMPLIANT of an audit config that misses a log type', () => {
    expect(judge(AuditDataAccessLogs, m(ALL.slice(0, 2)), 'google_project_iam_audit_config.a').verdict).toBe('NON_COMPLIANT');
  });
});
