import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Immutability, WARNINGS } from '../../constructs/core';
import { AssetInventoryFeeds, AuditLogs, EvidenceBucket, ForensicKey, GcpParent, InvestigationPack, LogSink, warn } from '../../constructs/gcp';
import { ExampleMlWorkload } from './example-ml-workload';

/** Node context keys the stack reads when a prop is not given (cdktf.json `context`, or `new App({ context })`). */
export const GCP_CONTEXT_KEYS = {
  projectId: 'gcp:projectId',
  region: 'gcp:region',
  organizationId: 'gcp:organizationId',
  folderId: 'gcp:folderId',
} as const;

/** The offline default project id: obviously fake, so that nobody deploys it by accident. */
export const PLACEHOLDER_PROJECT_ID = 'replace-me-project-id';
export const DEFAULT_REGION = 'us-central1';

export interface GcpForensicReadinessStackProps {
  /** The project. @default - context `gcp:projectId`, else 'replace-me-project-id' (synth warns) */
  readonly projectId?: string;
  /** The region of the key, buckets, log bucket and workload. @default - context `gcp:region`, else 'us-central1' */
  readonly region?: string;
  /** Set audit config and sink at this organization (include children). @default - context `gcp:organizationId`, else none */
  readonly organizationId?: string;
  /** Set audit config and sink at this folder, when no organization is given. @default - context `gcp:folderId`, else none */
  readonly folderId?: string;
  /** Lock mode of every evidence store. @default Immutability.LOCKED */
  readonly immutability?: Immutability;
  /** Include the example ML workload. @default true */
  readonly exampleWorkloadEnabled?: boolean;
  /** Include a Workbench instance in the example workload (a VM that bills while it runs). @default true */
  readonly workbenchEnabled?: boolean;
}

/**
 * The GCP reference stack: one project's evidence foundation (CMEK key, locked evidence bucket,
 * Data Access audit logs for every service, a sink of audit, flow, firewall, NAT and DNS logs into
 * a locked CMEK log bucket and the evidence bucket), configuration history (Cloud Asset Inventory
 * feeds of resources and IAM policies, through a CMEK Pub/Sub topic into the evidence bucket), the
 * investigation pack (the log bucket linked to BigQuery, one table function per question) and an
 * example ML workload in the same stack.
 *
 * The workload is a construct here, not a second stack: it uses the foundation's key and log
 * bucket, and cross-stack references in CDKTF become remote-state look-ups that need a shared
 * backend and an ordered deploy. One stack is one `cdktf deploy`.
 */
export class GcpForensicReadinessStack extends TerraformStack {
  public readonly projectId: string;
  public readonly region: string;
  public readonly key: ForensicKey;
  public readonly evidenceBucket: EvidenceBucket;
  public readonly auditLogs: AuditLogs;
  public readonly logSink: LogSink;
  /** Configuration history: Cloud Asset Inventory feeds at the same parent as the audit config and sink. */
  public readonly assetFeeds: AssetInventoryFeeds;
  /** The investigation questions as BigQuery table functions over the log bucket's linked dataset. */
  public readonly investigationPack: InvestigationPack;
  public readonly workload?: ExampleMlWorkload;

  constructor(scope: Construct, id: string, props: GcpForensicReadinessStackProps = {}) {
    super(scope, id);
    const ctx = (key: string): string | undefined => {
      const v = this.node.tryGetContext(key);
      return v === undefined || v === null || v === '' ? undefined : String(v);
    };
    this.projectId = props.projectId ?? ctx(GCP_CONTEXT_KEYS.projectId) ?? PLACEHOLDER_PROJECT_ID;
    this.region = props.region ?? ctx(GCP_CONTEXT_KEYS.region) ?? DEFAULT_REGION;
    const organizationId = props.organizationId ?? ctx(GCP_CONTEXT_KEYS.organizationId);
    const folderId = props.folderId ?? ctx(GCP_CONTEXT_KEYS.folderId);
    const immutability = props.immutability ?? Immutability.LOCKED;

    if (this.projectId === PLACEHOLDER_PROJECT_ID) {
      warn(
        this,
        WARNINGS.PLACEHOLDER_IDS,
        `${id}: project id is the placeholder '${PLACEHOLDER_PROJECT_ID}'; set the projectId prop or the '${GCP_CONTEXT_KEYS.projectId}' context before deploying (and '${GCP_CONTEXT_KEYS.organizationId}' or '${GCP_CONTEXT_KEYS.folderId}' for organization-wide evidence).`,
      );
    }

    new GoogleProvider(this, 'google', { project: this.projectId, region: this.region });

    this.key = new ForensicKey(this, 'Key', { location: this.region, project: this.projectId });
    this.evidenceBucket = new EvidenceBucket(this, 'EvidenceBucket', {
      bucketName: `${this.projectId}-evidence`,
      location: this.region,
      project: this.projectId,
      encryptionKey: this.key,
      immutability,
    });

    const parent = organizationId
      ? GcpParent.organization(organizationId)
      : folderId
        ? GcpParent.folder(folderId)
        : GcpParent.project(this.projectId);
    this.auditLogs = new AuditLogs(this, 'AuditLogs', { parent });
    this.logSink = new LogSink(this, 'LogSink', {
      parent,
      logBucket: { project: this.projectId, location: this.region, encryptionKey: this.key, immutability },
      destination: this.evidenceBucket,
    });
    this.assetFeeds = new AssetInventoryFeeds(this, 'AssetFeeds', {
      parent,
      project: this.projectId,
      region: this.region,
      encryptionKey: this.key,
      destination: this.evidenceBucket,
    });
    this.investigationPack = new InvestigationPack(this, 'InvestigationPack', { logSink: this.logSink });

    if (props.exampleWorkloadEnabled ?? true) {
      this.workload = new ExampleMlWorkload(this, 'MlWorkload', {
        projectId: this.projectId,
        region: this.region,
        encryptionKey: this.key,
        accessLogsBucket: this.evidenceBucket.accessLogBucket!,
        immutability,
        workbenchEnabled: props.workbenchEnabled ?? true,
      });
    }
  }
}
