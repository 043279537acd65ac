import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { FolderIamAuditConfig } from '@cdktf/provider-google/lib/folder-iam-audit-config';
import { OrganizationIamAuditConfig } from '@cdktf/provider-google/lib/organization-iam-audit-config';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { Construct } from 'constructs';
import { propCheck } from '../cdktf/props';
import { PropKeys, WARNINGS } from '../core';
import { GCP_AUDIT_LOG_TYPES } from '../core/catalogs';
import { requireMember, warn } from './annotations';
import { idPart } from './names';
import { checkParent, GcpParent } from './parent';

const SERVICE = { pattern: /^[a-z0-9][a-z0-9.-]*\.googleapis\.com$/, expected: `allServices or an API name such as aiplatform.googleapis.com` };

/** The three Data Access log types; Admin Activity (ADMIN_WRITE) is always on and cannot be configured (constructs/core/catalogs.ts). */
export const AUDIT_LOG_TYPES = GCP_AUDIT_LOG_TYPES;

/** The special service name that covers every service. */
export const ALL_SERVICES = 'allServices';

/** The props of AuditLogs: the project, folder or organization it configures, the services audited and the principals exempted. */
export interface AuditLogsProps {
  /** Where the audit config is set. @default GcpParent.project() - the provider's project */
  readonly parent?: GcpParent;
  /**
   * The services to audit, by API name (`aiplatform.googleapis.com`, `storage.googleapis.com`).
   * @default ['allServices'] - every service, the forensic choice; narrowing warns
   */
  readonly services?: readonly string[];
  /**
   * Principals whose access is not logged (`user:`, `serviceAccount:`, `group:`, `domain:`).
   * Every exemption is a blind spot an insider can hide in; synth warns.
   * @default - none
   */
  readonly exemptedMembers?: readonly string[];
}

/** The props AuditLogsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const AUDIT_LOGS_PROPS_KEYS = { parent: true, services: true, exemptedMembers: true } as const satisfies PropKeys<AuditLogsProps>;

/** The audit config resource of a project, a folder or an organization. */
export type AuditConfigResource = ProjectIamAuditConfig | FolderIamAuditConfig | OrganizationIamAuditConfig;

/**
 * Turns on Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) at a project, folder or
 * organization, for every service by default. Admin Activity, System Event and Policy Denied
 * audit logs are always written and need no config.
 *
 * Cost: Data Access logs of busy services (GCS reads of training data, BigQuery, Vertex AI
 * predictions) can reach many GB a day, billed as Cloud Logging ingestion above the free
 * allotment. `services` narrows the set (for example to `aiplatform.googleapis.com` and
 * `storage.googleapis.com`); every service left out is a question an investigator cannot answer.
 *
 * Each audit config is authoritative for its (parent, service) pair: do not manage the same pair
 * elsewhere, or the two will overwrite each other on every apply.
 */
export class AuditLogs extends Construct {
  /** One audit config per service; the `allServices` one has the id 'Resource'. */
  public readonly configs: readonly AuditConfigResource[];
  /** The services audited: `allServices`, or the API names given. */
  public readonly services: readonly string[];

  constructor(scope: Construct, id: string, props: AuditLogsProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    props = check.props<AuditLogsProps>('props', props, AUDIT_LOGS_PROPS_KEYS, 'AuditLogsProps');
    const parent = checkParent(check, props.parent);
    const expected = `${ALL_SERVICES} or one or more API names such as storage.googleapis.com`;
    this.services = check.list<string>('services', props.services, { nonEmpty: true, expected }, [ALL_SERVICES]);
    if (check.isToken(this.services)) check.fail('services', this.services, 'a list written out (each service becomes an audit config of its own)');
    for (const s of this.services) {
      if (s !== ALL_SERVICES) check.string('services', s, SERVICE);
    }
    if (new Set(this.services).size !== this.services.length) check.fail('services', this.services, 'a list without duplicates');
    const exempted = check.list<string>('exemptedMembers', props.exemptedMembers, { unique: true, expected: 'a list of IAM members' }, []);
    if (check.isToken(exempted)) check.fail('exemptedMembers', exempted, 'a list written out (each exemption is a blind spot the kit names)');
    exempted.forEach((m) => requireMember('exemptedMembers', m, check));
    // One audit config per service: the construct id is the service name (a token: its position).
    const childIds = this.services.map((service, i) => (service === ALL_SERVICES ? 'Resource' : idPart(check, service, i)));
    check.uniqueIds('services', childIds);

    const auditLogConfig = AUDIT_LOG_TYPES.map((logType) => ({
      logType,
      exemptedMembers: exempted.length > 0 ? [...exempted] : undefined,
    }));
    // google_project_iam_audit_config needs a project id; read the provider's when none is given.
    const projectId = parent.kind === 'project' ? (parent.id ?? new DataGoogleProject(this, 'Project', {}).projectId) : undefined;
    this.configs = this.services.map((service, i) => {
      const childId = childIds[i];
      const common = { service, auditLogConfig };
      switch (parent.kind) {
        case 'folder':
          return new FolderIamAuditConfig(this, childId, { ...common, folder: `folders/${parent.id}` });
        case 'organization':
          return new OrganizationIamAuditConfig(this, childId, { ...common, orgId: parent.id! });
        default:
          return new ProjectIamAuditConfig(this, childId, { ...common, project: projectId! });
      }
    });

    if (!this.services.includes(ALL_SERVICES)) {
      warn(
        this,
        WARNINGS.AUDIT_EXEMPTION,
        `${where}: Data Access audit logs cover only ${this.services.join(', ')} at ${parent}; reads and writes through any other service leave no Data Access record.`,
      );
    }
    if (exempted.length > 0) {
      warn(this, WARNINGS.AUDIT_EXEMPTION, `${where}: ${exempted.join(', ')} exempted from Data Access audit logs at ${parent}; what they read or write is not recorded.`);
    }
  }
}
