import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { StorageBucket, StorageBucketConfig } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Construct } from 'constructs';
import { propCheck } from '../cdktf/props';
import { DEFAULT_RETENTION_DAYS, EvidenceSourceId, Immutability, PropCheck, PropKeys, Retention, RETENTION_BOUNDS, soakWarning, WARNINGS } from '../core';
import { gcpLabels, inform, requireMember, warn } from './annotations';
import { ForensicKey, grantKeyUse, IEncryptionKey } from './forensic-key';
import { checkEvidenceSource, checkKeyRef, checkLabels, GCS_LOCATION, gcpCheck, gcsBucketName, lockNoticeOf, LOG_BUCKET_SUFFIX, PROJECT_ID, secondsOf } from './names';

/** The kit's soft-delete period: 90 days, the GCS maximum. A shorter one warns. */
export const DEFAULT_SOFT_DELETE_DAYS = 90;

/** Anything with a GCS bucket name: a `StorageBucket`, an `EvidenceBucket`, or `{ name: 'my-bucket' }`. */
export interface IBucketRef {
  /** The bucket name. */
  readonly name: string;
}

/** The props of a GCP EvidenceBucket: its name and location, retention and lock, CMEK key, soft delete and usage logs. */
export interface EvidenceBucketProps {
  /**
   * The bucket name, globally unique, by the GCS rules: lower-case letters, digits, `-`, `_` and
   * `.`; 3 to 63 characters (222 with dots, 63 per part); not an IP address; not beginning with
   * `goog` nor containing `google` or a look-alike. When the construct creates the `-logs`
   * usage-log bucket, 5 characters are kept for that suffix (58, or 58 in the last dotted part).
   */
  readonly bucketName: string;
  /** The GCS location: a region (`us-central1`), a dual-region or a multi-region (`US`). */
  readonly location: string;
  /** The project of the bucket. @default - the provider's project */
  readonly project?: string;
  /** How long every object is kept unaltered (GCS retention policy, 1 to 36525 days; under 365 warns; a number token passes). @default Retention.days(365) */
  readonly retention?: Retention;
  /** Whether the retention policy is locked: Immutability.LOCKED or .SOAK (warns); anything else is refused. @default Immutability.LOCKED - retention_policy.is_locked true, irreversible */
  readonly immutability?: Immutability;
  /** The CMEK key. @default - a new ForensicKey (key ring named after the bucket, 90-day rotation, prevent_destroy) */
  readonly encryptionKey?: IEncryptionKey;
  /** How long deleted objects stay restorable (GCS soft delete, 7 to 90 days; under 90 warns). @default Retention.days(90) */
  readonly softDeleteRetention?: Retention;
  /** Record GCS usage logs (every request to the bucket) into a log bucket; false warns. @default true */
  readonly serverAccessLogsEnabled?: boolean;
  /** Where usage logs go. @default - a new bucket `<bucketName>-logs` with the same locked retention, CMEK and access rules */
  readonly serverAccessLogsBucket?: IBucketRef;
  /** The evidence source this bucket mainly holds, for labels. @default 'evidence-immutability' */
  readonly evidenceSource?: EvidenceSourceId;
  /** Extra labels. @default - the kit's labels only */
  readonly tags?: Record<string, string>;
}

/** The props EvidenceBucketProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const EVIDENCE_BUCKET_PROPS_KEYS = { bucketName: true, location: true, project: true, retention: true, immutability: true, encryptionKey: true, softDeleteRetention: true, serverAccessLogsEnabled: true, serverAccessLogsBucket: true, evidenceSource: true, tags: true } as const satisfies PropKeys<EvidenceBucketProps>;

/**
 * A GCS bucket that evidence can be written to and never altered: a retention policy (365 days,
 * locked), uniform bucket-level access, public access prevention enforced, CMEK with a rotating
 * key, soft delete, usage logs into a separate locked log bucket, `force_destroy` false and
 * `prevent_destroy`.
 *
 * Object Versioning is explicitly off: GCS refuses it on a bucket with a retention policy ("Object
 * Versioning cannot be enabled on a bucket that currently has a retention policy"), and it is not
 * needed: while an object is under retention it cannot be overwritten or deleted, so there is no
 * earlier version to keep.
 *
 * GCS has no signed digests of stored objects; integrity rests on the lock and on Data Access
 * audit logs of storage.googleapis.com (see AuditLogs).
 */
export class EvidenceBucket extends Construct implements IBucketRef {
  /** The GCS bucket that holds the evidence (retention policy, CMEK, prevent_destroy). */
  public readonly bucket: StorageBucket;
  /** The usage-log bucket, when this construct created it. */
  public readonly accessLogBucket?: StorageBucket;
  /** The CMEK key of the bucket and of the usage-log bucket it created: the one given, or a new ForensicKey. */
  public readonly encryptionKey: IEncryptionKey;
  /** How long every object is kept unaltered: the retention policy's period, on the usage-log bucket too. */
  public readonly retention: Retention;
  /** Whether the retention policies are locked (LOCKED) or not (SOAK). */
  public readonly immutability: Immutability;
  /** The key grant the GCS service agent needs before the bucket can be created. */
  public readonly keyGrant: KmsCryptoKeyIamMember;
  private readonly grants = new Map<string, StorageBucketIamMember>();

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    props = check.props<EvidenceBucketProps>('props', props, EVIDENCE_BUCKET_PROPS_KEYS, 'EvidenceBucketProps');
    this.retention = check.retention('retention', props.retention, RETENTION_BOUNDS.gcsRetentionPolicy, Retention.default());
    this.immutability = check.immutability('immutability', props.immutability);
    const softDelete = check.retention('softDeleteRetention', props.softDeleteRetention, RETENTION_BOUNDS.gcsSoftDelete, Retention.days(DEFAULT_SOFT_DELETE_DAYS));
    const accessLogsEnabled = check.bool('serverAccessLogsEnabled', props.serverAccessLogsEnabled, true);
    const logsBucketGiven = props.serverAccessLogsBucket === undefined ? undefined : check.object<{ name?: unknown }>('serverAccessLogsBucket', props.serverAccessLogsBucket, 'an IBucketRef ({ name })');
    // A created usage-log bucket is named `<bucketName>-logs`: the name keeps room for the suffix.
    const bucketName = check.string('bucketName', props.bucketName, gcsBucketName(accessLogsEnabled && !logsBucketGiven ? LOG_BUCKET_SUFFIX.length : 0));
    const location = check.string('location', props.location, GCS_LOCATION);
    const project = check.optionalString('project', props.project, PROJECT_ID);
    const givenKey = checkKeyRef(check, 'encryptionKey', props.encryptionKey);
    const source = checkEvidenceSource(check, props.evidenceSource, 'evidence-immutability');
    checkLabels(check, 'tags', props.tags);
    if (logsBucketGiven && !accessLogsEnabled) {
      check.fail('serverAccessLogsBucket', logsBucketGiven.name, 'unset when serverAccessLogsEnabled is false');
    }
    const logsBucketName = logsBucketGiven ? check.string('serverAccessLogsBucket.name', logsBucketGiven.name, gcsBucketName()) : undefined;

    // CMEK: the GCS service agent encrypts and decrypts on the bucket's behalf, so it needs the key
    // before the bucket exists; the data source names the agent without hard-coding a project number.
    const agent = new DataGoogleStorageProjectServiceAccount(this, 'StorageServiceAgent', { project });
    if (givenKey) {
      this.encryptionKey = givenKey;
      this.keyGrant = grantKeyUse(this, givenKey.id, agent.member, 'KeyAccess');
    } else {
      const key = new ForensicKey(this, 'Key', {
        location: kmsLocationOf(location),
        project,
        keyRingName: keyRingNameOf(check, bucketName),
        evidenceSource: source,
        tags: props.tags,
      });
      this.encryptionKey = key;
      this.keyGrant = key.grantEncryptDecrypt(agent.member, 'StorageServiceAgent');
    }

    const common = (name: string, source: EvidenceSourceId): StorageBucketConfig => ({
      name,
      location,
      project,
      retentionPolicy: { retentionPeriod: secondsOf(check, this.retention), isLocked: this.immutability.isLocked },
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      encryption: { defaultKmsKeyName: this.encryptionKey.id },
      softDeletePolicy: { retentionDurationSeconds: secondsOf(check, softDelete) },
      // GCS rejects versioning beside a retention policy; off is stated so nobody "fixes" it.
      versioning: { enabled: false },
      forceDestroy: false,
      labels: gcpLabels(source, true, props.tags, check),
      lifecycle: { preventDestroy: true },
      dependsOn: [this.keyGrant],
    });

    let logBucketName: string | undefined = logsBucketName;
    if (accessLogsEnabled && !logsBucketGiven) {
      // The log bucket is locked like the evidence bucket: usage logs are evidence of who read or
      // tried to alter the evidence, and GCS writes them as new hourly objects, never overwrites.
      // It records no usage logs of its own (that would be logs of logs, and a loop of cost).
      this.accessLogBucket = new StorageBucket(this, 'AccessLogs', common(`${bucketName}${LOG_BUCKET_SUFFIX}`, 'storage-data-access'));
      // Uniform bucket-level access: GCS delivers usage logs as this Google group.
      new StorageBucketIamMember(this, 'AccessLogsWriter', {
        bucket: this.accessLogBucket.name,
        role: 'roles/storage.objectCreator',
        member: 'group:cloud-storage-analytics@google.com',
      });
      logBucketName = this.accessLogBucket.name;
    }

    this.bucket = new StorageBucket(this, 'Resource', {
      ...common(bucketName, source),
      logging: logBucketName ? { logBucket: logBucketName, logObjectPrefix: bucketName } : undefined,
    });

    if (this.immutability.isLocked) {
      inform(this, lockNoticeOf(check, `GCS bucket ${bucketName} (${where})`, this.retention.days));
      if (this.accessLogBucket) inform(this, lockNoticeOf(check, `GCS usage-log bucket ${bucketName}${LOG_BUCKET_SUFFIX} (${where})`, this.retention.days));
    } else {
      warn(this, WARNINGS.SOAK_MODE, soakWarning(`GCS bucket ${bucketName} (${where}, unlocked retention policy)`));
    }
    if (!check.isToken(this.retention.days) && this.retention.days < DEFAULT_RETENTION_DAYS) {
      warn(
        this,
        WARNINGS.SHORT_RETENTION,
        `${where}: retention of ${this.retention.days} days is under the kit's floor of ${DEFAULT_RETENTION_DAYS} days; evidence may expire before an investigation or a legal hold request reaches it.`,
      );
    }
    if (!check.isToken(softDelete.days) && softDelete.days < DEFAULT_SOFT_DELETE_DAYS) {
      warn(
        this,
        WARNINGS.SHORT_RETENTION,
        `${where}: soft delete keeps deleted objects ${softDelete.days} days, under the kit's ${DEFAULT_SOFT_DELETE_DAYS}; an object deleted once its retention ran out is gone sooner.`,
      );
    }
    if (!accessLogsEnabled) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: GCS usage logs are off; only Data Access audit logs (if enabled) record who read this bucket.`);
    }
  }

  /** The bucket name. */
  public get name(): string {
    return this.bucket.name;
  }

  /** The destination string of a log sink that writes here. */
  public get sinkDestination(): string {
    return `storage.googleapis.com/${this.bucket.name}`;
  }

  /**
   * Lets a principal add new objects (roles/storage.objectCreator), and nothing else: no read, no
   * delete, no overwrite (overwriting needs delete, which the retention policy refuses anyway).
   * @param id the construct id of the grant; give one when the member is only known at deploy
   */
  public grantAppend(member: string, id?: string): StorageBucketIamMember {
    return this.grant('roles/storage.objectCreator', 'Append', member, id);
  }

  /** Lets an investigator list and read objects (roles/storage.objectViewer), and nothing else. */
  public grantReadEvidence(member: string, id?: string): StorageBucketIamMember {
    return this.grant('roles/storage.objectViewer', 'ReadEvidence', member, id);
  }

  private grant(role: string, intent: string, member: string, id?: string): StorageBucketIamMember {
    const check = propCheck(this);
    requireMember('member', member, check);
    const key = `${role} ${member}`;
    const existing = this.grants.get(key);
    if (existing) return existing;
    if (id === undefined && check.isToken(member)) check.fail('id', undefined, 'a construct id when the member is only known at deploy (a token)');
    if (id !== undefined) check.string('id', id, { expected: 'a construct id' });
    const grantId = id ?? `${intent}-${member.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const iam = new StorageBucketIamMember(this, grantId, { bucket: this.bucket.name, role, member });
    this.grants.set(key, iam);
    return iam;
  }
}

/**
 * The Cloud KMS location of a GCS location: regions and dual-regions are the same name in lower
 * case; the multi-regions EU and ASIA are `europe` and `asia` in Cloud KMS (US is `us`).
 */
export function kmsLocationOf(gcsLocation: string): string {
  if (gcpCheck('kmsLocationOf').isToken(gcsLocation)) return gcsLocation;
  const lower = gcsLocation.toLowerCase();
  return lower === 'eu' ? 'europe' : lower;
}

/**
 * The key ring of a bucket's own key is named after the bucket, as it always was; a dotted name
 * (key ring names take no dots) has its dots replaced by hyphens, cut to 63 characters.
 */
function keyRingNameOf(check: PropCheck, bucketName: string): string {
  if (check.isToken(bucketName) || !bucketName.includes('.')) return bucketName;
  return bucketName.replace(/\./g, '-').slice(0, 63);
}
