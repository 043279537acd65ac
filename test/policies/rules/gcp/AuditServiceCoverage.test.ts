import { AuditServiceCoverage } from '../../../../policies/rules/gcp/AuditServiceCoverage';
import { runRules } from '../../../../policies/engine/runner';
import { judge, tfModel } from '../../helpers';
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

describe('GCP.Audit.ServiceCoverage on a google_project (Data Access logs are off by default)', () => {
  const P = 'google_project.p';
  const DATA = [{ log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }];
  const project = (extra: Record<string, unknown> = {}) => ({ p: { name: 'ML prod', project_id: 'ml-prod', ...extra } });
  const audit = (body: Record<string, unknown>) => ({ project: '${google_project.p.project_id}', service: 'allServices', audit_log_config: DATA, ...body });
  const run = (resources: Record<string, Record<string, any>>) => judge(AuditServiceCoverage, tf({ google_project: project(), ...resources }), P);

  it('fails a project no audit config is for', () => {
    const j = judge(AuditServiceCoverage, tf({ google_project: project() }), P);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe(
      'no audit config of the input logs DATA_READ and DATA_WRITE for allServices or aiplatform.googleapis.com, storage.googleapis.com in project ml-prod: Data Access logs are off by default',
    );
  });

  it('passes an allServices config of the project (by reference) logging DATA_READ and DATA_WRITE', () => {
    const j = run({ google_project_iam_audit_config: { a: audit({ project: '${google_project.p.id}' }) } });
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/aiplatform.googleapis.com by google_project_iam_audit_config.a/);
  });

  it('passes configs for aiplatform and storage of the project by its literal id', () => {
    const j = run({
      google_project_iam_audit_config: { ai: audit({ project: 'projects/ml-prod', service: 'aiplatform.googleapis.com' }), gcs: audit({ project: 'ml-prod', service: 'storage.googleapis.com' }) },
    });
    expect(j.verdict).toBe('COMPLIANT');
  });

  it('fails when the only config logs ADMIN_READ and DATA_READ, not DATA_WRITE', () => {
    const j = run({ google_project_iam_audit_config: { a: audit({ audit_log_config: [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }] }) } });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/google_project_iam_audit_config.a \(allServices\) does not log both/);
  });

  it('fails when only aiplatform.googleapis.com is logged, naming storage.googleapis.com', () => {
    const j = run({ google_project_iam_audit_config: { ai: audit({ service: 'aiplatform.googleapis.com' }) } });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/for allServices or storage.googleapis.com in project ml-prod/);
  });

  it('fails when the allServices config is for another project', () => {
    expect(run({ google_project_iam_audit_config: { a: audit({ project: 'other' }) } }).verdict).toBe('NON_COMPLIANT');
  });

  it('is UNKNOWN when the config project is a variable', () => {
    const j = run({ google_project_iam_audit_config: { a: audit({ project: '${var.project}' }) } });
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/google_project_iam_audit_config.a: may or may not apply to project ml-prod/);
  });

  it('is UNKNOWN when the config service is a variable', () => {
    expect(run({ google_project_iam_audit_config: { a: audit({ service: '${var.service}' }) } }).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when audit_log_config comes from a dynamic block', () => {
    const a = audit({ audit_log_config: undefined, dynamic: { audit_log_config: { for_each: '${var.types}', content: { log_type: '${audit_log_config.value}' } } } });
    expect(run({ google_project_iam_audit_config: { a } }).verdict).toBe('UNKNOWN');
  });

  it('passes a folder config of its folder_id, and is UNKNOWN for another folder (it may be a parent)', () => {
    const folder = (id: string) => ({ f: { folder: `folders/${id}`, service: 'allServices', audit_log_config: DATA } });
    const m = (id: string) => tf({ google_project: project({ folder_id: '123' }), google_folder_iam_audit_config: folder(id) });
    expect(judge(AuditServiceCoverage, m('123'), P).verdict).toBe('COMPLIANT');
    expect(judge(AuditServiceCoverage, m('456'), P).verdict).toBe('UNKNOWN');
    const direct = tf({ google_project: project({ org_id: '1' }), google_folder_iam_audit_config: folder('123') });
    expect(judge(AuditServiceCoverage, direct, P).verdict).toBe('NON_COMPLIANT');
  });

  it('passes an organization config of its org_id, not one of another organization', () => {
    const m = (org: string) => tf({ google_project: project({ org_id: '1' }), google_organization_iam_audit_config: { o: { org_id: org, service: 'allServices', audit_log_config: DATA } } });
    expect(judge(AuditServiceCoverage, m('1'), P).verdict).toBe('COMPLIANT');
    expect(judge(AuditServiceCoverage, m('2'), P).verdict).toBe('NON_COMPLIANT');
  });

  it('does not apply without a google_project: only the audit configs are judged', () => {
    const m = tf({ google_project_iam_audit_config: { a: audit({ project: 'ml-prod' }) } });
    const judged = runRules(m, [AuditServiceCoverage]).evaluations.map((e) => e.resource.type);
    expect(judged).toEqual(['google_project_iam_audit_config']);
  });
});

describe('GCP.Audit.ServiceCoverage: authoritative IAM policies (google_*_iam_policy)', () => {
  const DATA_JSON = [{ logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }];
  const policyJson = (auditConfigs?: unknown) => JSON.stringify({ bindings: [], ...(auditConfigs === undefined ? {} : { auditConfigs }) });
  const policy = (policy_data: string, project = 'ml-prod') => ({ p: { project, policy_data } });
  const POLICY = 'google_project_iam_policy.p';
  const P = 'google_project.p';
  const gp = { p: { name: 'ML prod', project_id: 'ml-prod' } };

  it('passes a policy whose auditConfigs are for allServices', () => {
    const m = tf({ google_project_iam_policy: policy(policyJson([{ service: 'allServices', auditLogConfigs: DATA_JSON }])) });
    expect(judge(AuditServiceCoverage, m, POLICY).verdict).toBe('COMPLIANT');
  });

  it('passes a policy whose auditConfigs cover aiplatform and storage', () => {
    const configs = ['aiplatform.googleapis.com', 'storage.googleapis.com'].map((service) => ({ service, auditLogConfigs: DATA_JSON }));
    expect(judge(AuditServiceCoverage, tf({ google_project_iam_policy: policy(policyJson(configs)) }), POLICY).verdict).toBe('COMPLIANT');
  });

  it('fails a policy without auditConfigs, naming it: the project\'s audit configs are replaced by none', () => {
    const j = judge(AuditServiceCoverage, tf({ google_project_iam_policy: policy(policyJson()) }), POLICY);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/google_project_iam_policy\.p/);
  });

  it('fails a policy whose auditConfigs leave aiplatform out', () => {
    const j = judge(AuditServiceCoverage, tf({ google_project_iam_policy: policy(policyJson([{ service: 'storage.googleapis.com', auditLogConfigs: DATA_JSON }])) }), POLICY);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/aiplatform.googleapis.com/);
  });

  it('fails an audit config and a policy of the same project: they fight', () => {
    const m = tf({
      google_project_iam_policy: policy(policyJson([{ service: 'allServices', auditLogConfigs: DATA_JSON }])),
      google_project_iam_audit_config: { a: cfg('allServices') },
    });
    expect(judge(AuditServiceCoverage, m, POLICY).reason).toMatch(/fight/);
    expect(judge(AuditServiceCoverage, m, POLICY).verdict).toBe('NON_COMPLIANT');
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.a').verdict).toBe('NON_COMPLIANT');
  });

  it('is UNKNOWN when policy_data is a variable, or a service in it is', () => {
    expect(judge(AuditServiceCoverage, tf({ google_project_iam_policy: policy('${var.policy}') }), POLICY).verdict).toBe('UNKNOWN');
    const m = tfModel({
      resource: { google_project_iam_policy: policy('${data.google_iam_policy.x.policy_data}') },
      data: { google_iam_policy: { x: { audit_config: [{ service: '${var.service}', audit_log_configs: [{ log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }] }] } } },
    });
    expect(judge(AuditServiceCoverage, m, POLICY).verdict).toBe('UNKNOWN');
  });

  it('passes a google_project whose own policy carries allServices Data Access configs', () => {
    const m = tf({ google_project: gp, google_project_iam_policy: policy(policyJson([{ service: 'allServices', auditLogConfigs: DATA_JSON }])) });
    const j = judge(AuditServiceCoverage, m, P);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/google_project_iam_policy\.p/);
  });

  it('fails a google_project whose policy carries no auditConfigs, though an audit config of it logs allServices', () => {
    const m = tf({
      google_project: gp,
      google_project_iam_policy: policy(policyJson()),
      google_project_iam_audit_config: { a: { project: 'ml-prod', service: 'allServices', audit_log_config: [{ log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }] } },
    });
    const j = judge(AuditServiceCoverage, m, P);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/google_project_iam_policy\.p/);
  });

  it('is UNKNOWN for a google_project whose policy_data is known only at deploy', () => {
    const m = tf({ google_project: gp, google_project_iam_policy: policy('${var.policy}') });
    expect(judge(AuditServiceCoverage, m, P).verdict).toBe('UNKNOWN');
  });

  it('is not swayed by a policy of another project', () => {
    const m = tf({ google_project: gp, google_project_iam_policy: policy(policyJson(), 'other'), google_project_iam_audit_config: { a: { project: 'ml-prod', service: 'allServices', audit_log_config: [{ log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }] } } });
    expect(judge(AuditServiceCoverage, m, P).verdict).toBe('COMPLIANT');
  });
});

describe('GCP.Audit.ServiceCoverage: an IAM policy that may be of the same parent', () => {
  const maybePolicy = { p: { project: '${var.p}', policy_data: JSON.stringify({ bindings: [] }) } };

  it('keeps the NON_COMPLIANT of an audit config of its own, not the UNKNOWN of the possible fight', () => {
    const m = tf({ google_project_iam_policy: maybePolicy, google_project_iam_audit_config: { iam: cfg('iam.googleapis.com') } });
    expect(judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.iam').verdict).toBe('NON_COMPLIANT');
  });

  it('makes a covering audit config UNKNOWN: the policy may fight it', () => {
    const m = tf({ google_project_iam_policy: maybePolicy, google_project_iam_audit_config: { all: cfg('allServices') } });
    const j = judge(AuditServiceCoverage, m, 'google_project_iam_audit_config.all');
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/google_project_iam_policy\.p may set the audit configs/);
  });
});
