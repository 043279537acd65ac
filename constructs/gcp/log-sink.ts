import { DataGoogleLoggingProjectCmekSettings } from '@cdktf/provider-google/lib/data-google-logging-project-cmek-settings';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { LoggingFolderSink } from '@cdktf/provider-google/lib/logging-folder-sink';
import { LoggingOrganizationSink } from '@cdktf/provider-google/lib/logging-organization-sink';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { Construct } from 'constructs';
import { propCheck } from '../cdktf/props';
import { DEFAULT_RETENTION_DAYS, Immutability, PropKeys, Retention, RETENTION_BOUNDS, soakWarning, WARNINGS } from '../core';
import { inform, warn } from './annotations';
import { EvidenceBucket } from './evidence-bucket';
import { grantKeyUse, IEncryptionKey } from './forensic-key';
import { checkKeyRef, lockNoticeOf, PROJECT_ID } from './names';
import { checkParent, GcpParent } from './parent';

const SINK_NAME = { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/, expected: 'letters, digits, underscores, hyphens and periods, at most 96 characters' };
const LOG_BUCKET_ID = { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, expected: 'letters, digits, underscores, hyphens and periods, at most 100 characters, not starting with _' };

/**
 * The logs the kit routes, by log id (URL-encoded as in `logName`), from the Cloud Audit Logs,
 * VPC, Cloud NAT and Cloud DNS documentation: Admin Activity, Data Access, System Event, Policy
 * Denied and Access Transparency audit logs; VPC flow logs; firewall rule logs; Cloud NAT logs;
 * Cloud DNS query logs.
 */
export const FORENSIC_LOG_IDS = [
  'cloudaudit.googleapis.com%2Factivity',
  'cloudaudit.googleapis.com%2Fdata_access',
  'cloudaudit.googleapis.com%2Fsystem_event',
  'cloudaudit.googleapis.com%2Fpolicy',
  'cloudaudit.googleapis.com%2Faccess_transparency',
  'compute.googleapis.com%2Fvpc_flows',
  'compute.googleapis.com%2Ffirewall',
  'compute.googleapis.com%2Fnat_flows',
  'dns.googleapis.com%2Fdns_queries',
] as const;

/**
 * The kit's sink filter. `logName:"/logs/<id>"` matches the log at every level
 * (`projects/`, `folders/`, `organizations/`), so one filter serves all three kinds of sink.
 */
export const FORENSIC_LOG_FILTER = FORENSIC_LOG_IDS.map((id) => `logName:"/logs/${id}"`).join(' OR ');

/** The settings of the Cloud Logging bucket a LogSink creates. */
export interface LogBucketOptions {
  /** The project that holds the log bucket. @default - the sink's project; required at folder and organization level */
  readonly project?: string;
  /** The log bucket id. @default 'forensic-evidence' */
  readonly bucketId?: string;
  /** The log bucket location; with CMEK it must be the key's region. @default 'global' */
  readonly location?: string;
  /** How long log entries are kept (1 to 3650 days; under 365 warns; a number token passes). @default Retention.days(365) */
  readonly retention?: Retention;
  /** Whether the log bucket is locked: Immutability.LOCKED or .SOAK (warns); anything else is refused. @default Immutability.LOCKED - retention can never be reduced, the bucket never deleted while it holds entries */
  readonly immutability?: Immutability;
  /** A CMEK key for the log bucket. @default - Google-managed encryption */
  readonly encryptionKey?: IEncryptionKey;
  /** Log Analytics (SQL over the bucket; cannot be switched off once on); false warns. @default true */
  readonly logAnalyticsEnabled?: boolean;
}

/** The props LogBucketOptions declares: unknown keys are refused (a compile error if this drifts from the interface). */
const LOG_BUCKET_OPTIONS_KEYS = { project: true, bucketId: true, location: true, retention: true, immutability: true, encryptionKey: true, logAnalyticsEnabled: true } as const satisfies PropKeys<LogBucketOptions>;

/** The props of a LogSink: where it is created, its name and filter, and where it routes (a log bucket it creates, a GCS evidence bucket, or both). */
export interface LogSinkProps {
  /** Where the sink is created. @default GcpParent.project() - the provider's project */
  readonly parent?: GcpParent;
  /** The sink name; the GCS sink gets `-gcs` appended. @default 'forensic-readiness' */
  readonly sinkName?: string;
  /** The Logging query of the entries routed. @default FORENSIC_LOG_FILTER - replacing it warns */
  readonly filter?: string;
  /** Route logs of every child folder and project (folder and organization sinks). @default true */
  readonly includeChildren?: boolean;
  /** Route into a Cloud Logging bucket the construct creates. @default true */
  readonly logBucketEnabled?: boolean;
  /** Settings of that log bucket. @default - see LogBucketOptions */
  readonly logBucket?: LogBucketOptions;
  /** Also route into a GCS evidence bucket (a second sink). @default - no GCS copy */
  readonly destination?: EvidenceBucket;
}

/** The props LogSinkProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const LOG_SINK_PROPS_KEYS = { parent: true, sinkName: true, filter: true, includeChildren: true, logBucketEnabled: true, logBucket: true, destination: true } as const satisfies PropKeys<LogSinkProps>;

/** The log sink resource of a project, a folder or an organization. */
export type SinkResource = LoggingProjectSink | LoggingFolderSink | LoggingOrganizationSink;

/**
 * Routes audit, flow, firewall, NAT and DNS logs from a project, folder or organization into
 * locked storage: a locked Cloud Logging bucket (365 days, Log Analytics) and/or a GCS
 * EvidenceBucket. The sink's writer identity gets the least role on its destination:
 * roles/logging.bucketWriter on the log bucket's project, conditioned on that bucket (not needed,
 * and not possible, for a project sink into a log bucket of the same project: such a sink has no
 * writer identity), roles/storage.objectCreator on the GCS bucket.
 *
 * A locked log bucket can never have its retention reduced and cannot be deleted while it holds
 * entries; the names you choose here stay taken. Cloud Logging has no signed digests of entries:
 * integrity rests on the lock.
 */
export class LogSink extends Construct {
  /** The sink into the log bucket (id 'Resource'), when logBucketEnabled. */
  public readonly logBucketSink?: SinkResource;
  /** The sink into the GCS evidence bucket, when a destination is given. */
  public readonly storageSink?: SinkResource;
  /** The Cloud Logging bucket this construct created (prevent_destroy), when logBucketEnabled. */
  public readonly logBucket?: LoggingProjectBucketConfig;
  /** The bucketWriter grant of the log-bucket sink's writer identity, when one is needed. */
  public readonly bucketWriterGrant?: ProjectIamMember;

  constructor(scope: Construct, id: string, props: LogSinkProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    props = check.props<LogSinkProps>('props', props, LOG_SINK_PROPS_KEYS, 'LogSinkProps');
    const parent = checkParent(check, props.parent);
    const sinkName = check.string('sinkName', props.sinkName ?? 'forensic-readiness', SINK_NAME);
    const filterExpected = 'a non-empty Logging query (an empty filter routes every log entry)';
    const filter = check.string('filter', props.filter ?? FORENSIC_LOG_FILTER, { expected: filterExpected });
    if (!check.isToken(filter) && filter.trim() === '') check.fail('filter', filter, filterExpected);
    const logBucketEnabled = check.bool('logBucketEnabled', props.logBucketEnabled, true);
    const opts = props.logBucket === undefined ? {} : check.props<LogBucketOptions>('logBucket', props.logBucket, LOG_BUCKET_OPTIONS_KEYS, 'LogBucketOptions');
    if (props.destination !== undefined && !(props.destination instanceof EvidenceBucket)) {
      check.fail('destination', props.destination, 'an EvidenceBucket of this app');
    }
    if (!logBucketEnabled && !props.destination) {
      check.fail('destination', undefined, 'an EvidenceBucket when logBucketEnabled is false (a sink needs somewhere to land)');
    }
    if (!logBucketEnabled && props.logBucket) check.fail('logBucket', 'options', 'unset when logBucketEnabled is false');
    if (parent.kind === 'project' && props.includeChildren !== undefined) {
      check.fail('includeChildren', props.includeChildren, 'unset for a project sink (projects have no children)');
    }
    const includeChildren = check.bool('includeChildren', props.includeChildren, true);

    if (logBucketEnabled) {
      const retention = check.retention('logBucket.retention', opts.retention, RETENTION_BOUNDS.cloudLoggingBucket, Retention.default());
      const immutability = check.immutability('logBucket.immutability', opts.immutability);
      const bucketId = check.string('logBucket.bucketId', opts.bucketId ?? 'forensic-evidence', LOG_BUCKET_ID);
      const location = check.string('logBucket.location', opts.location ?? 'global', { pattern: /^[a-z0-9-]{2,40}$/, expected: 'global or a Cloud Logging region such as us-central1' });
      const logBucketKey = checkKeyRef(check, 'logBucket.encryptionKey', opts.encryptionKey);
      const analytics = check.bool('logBucket.logAnalyticsEnabled', opts.logAnalyticsEnabled, true);
      const givenProject = check.optionalString('logBucket.project', opts.project, PROJECT_ID);
      if (parent.kind !== 'project' && givenProject === undefined) {
        check.fail('logBucket.project', undefined, `a project id to hold the log bucket of a ${parent.kind} sink`);
      }
      const explicitProject = givenProject ?? parent.id;
      const bucketProject = explicitProject ?? new DataGoogleProject(this, 'Project', {}).projectId;

      let cmekGrant: KmsCryptoKeyIamMember | undefined;
      if (logBucketKey) {
        // The project's Logging service agent encrypts the bucket; it needs the key first.
        const cmek = new DataGoogleLoggingProjectCmekSettings(this, 'LoggingServiceAgent', { project: bucketProject });
        cmekGrant = grantKeyUse(this, logBucketKey.id, `serviceAccount:${cmek.serviceAccountId}`, 'KeyAccess');
      }
      this.logBucket = new LoggingProjectBucketConfig(this, 'LogBucket', {
        project: bucketProject,
        location,
        bucketId,
        description: 'Forensic readiness kit: audit, flow, firewall, NAT and DNS logs, locked.',
        retentionDays: retention.days,
        locked: immutability.isLocked,
        enableAnalytics: analytics,
        cmekSettings: logBucketKey ? { kmsKeyName: logBucketKey.id } : undefined,
        lifecycle: { preventDestroy: true },
        dependsOn: cmekGrant ? [cmekGrant] : undefined,
      });
      this.logBucketSink = this.sink('Resource', parent, sinkName, `logging.googleapis.com/${this.logBucket.id}`, filter, includeChildren);

      const sameProject = parent.kind === 'project' && (givenProject === undefined || givenProject === parent.id);
      if (!sameProject) {
        this.bucketWriterGrant = new ProjectIamMember(this, 'BucketWriter', {
          project: bucketProject,
          role: 'roles/logging.bucketWriter',
          member: this.logBucketSink.writerIdentity,
          condition: {
            title: 'forensic-log-bucket-writer',
            description: `Lets sink ${sinkName} write into log bucket ${bucketId} only.`,
            expression: `resource.name.endsWith('${this.logBucket.id}')`,
          },
        });
      }

      if (immutability.isLocked) {
        inform(this, lockNoticeOf(check, `Cloud Logging bucket ${bucketId} (${where})`, retention.days));
      } else {
        warn(this, WARNINGS.SOAK_MODE, soakWarning(`Cloud Logging bucket ${bucketId} (${where}, unlocked)`));
      }
      if (!check.isToken(retention.days) && retention.days < DEFAULT_RETENTION_DAYS) {
        warn(this, WARNINGS.SHORT_RETENTION, `${where}: log bucket retention of ${retention.days} days is under the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
      }
      if (!analytics) {
        warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: Log Analytics is off on log bucket ${bucketId}; the logs cannot be queried with SQL (the kit's investigation views) until it is switched on.`);
      }
    }

    if (props.destination) {
      this.storageSink = this.sink('StorageSink', parent, `${sinkName}-gcs`, props.destination.sinkDestination, filter, includeChildren);
      props.destination.grantAppend(this.storageSink.writerIdentity, `SinkWriter-${where.replace(/[^A-Za-z0-9]+/g, '-')}`);
    }

    // Judged on the filter the sinks were given (read once above), never on a second read of props.
    if (filter !== FORENSIC_LOG_FILTER) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: a custom sink filter replaces the kit's; check that it still routes ${FORENSIC_LOG_IDS.join(', ')}.`);
    }
    if (parent.kind !== 'project' && !includeChildren) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: includeChildren is false, so logs of projects under ${parent} are not routed; a new project escapes this sink.`);
    }
  }

  private sink(id: string, parent: GcpParent, name: string, destination: string, filter: string, includeChildren: boolean): SinkResource {
    const description = 'Forensic readiness kit: routes evidence logs into locked storage.';
    switch (parent.kind) {
      case 'folder':
        return new LoggingFolderSink(this, id, { folder: parent.id!, name, destination, filter, includeChildren, description });
      case 'organization':
        return new LoggingOrganizationSink(this, id, { orgId: parent.id!, name, destination, filter, includeChildren, description });
      default:
        // A unique writer identity is what can be granted on a destination in another project.
        return new LoggingProjectSink(this, id, { project: parent.id, name, destination, filter, uniqueWriterIdentity: true, description });
    }
  }
}
