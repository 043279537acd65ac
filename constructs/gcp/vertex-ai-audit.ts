import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { DataGoogleBigqueryDefaultServiceAccount } from '@cdktf/provider-google/lib/data-google-bigquery-default-service-account';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { VertexAiDataset } from '@cdktf/provider-google/lib/vertex-ai-dataset';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { WorkbenchInstance } from '@cdktf/provider-google/lib/workbench-instance';
import { Construct } from 'constructs';
import { propCheck } from '../cdktf/props';
import { acknowledgeKitWarning, PropCheck, PropKeys, WARNINGS } from '../core';
import { gcpLabels, warn } from './annotations';
import { AuditLogs } from './audit-logs';
import { ForensicKey, grantKeyUse, IEncryptionKey } from './forensic-key';
import { checkFraction, checkKeyRef, checkLabels, PROJECT_ID, REGION, RFC1035 } from './names';
import { GcpParent } from './parent';

/** The props of VertexAiAudit: the region and project, the CMEK key, the sampling and BigQuery dataset of request-response logging, and the Data Access audit logs. */
export interface VertexAiAuditProps {
  /** The region of the endpoints, datasets, request-log dataset and key, such as us-central1. */
  readonly region: string;
  /** The project. @default - the provider's project */
  readonly project?: string;
  /** The CMEK key of endpoints, datasets, Workbench disks and the request-log dataset; must be in `region`. @default - a new ForensicKey in `region` */
  readonly encryptionKey?: IEncryptionKey;
  /** Fraction of predictions logged with request and response, in (0, 1]. @default 1.0 - every prediction; less warns */
  readonly samplingRate?: number;
  /** The BigQuery dataset id of the request-response logs. @default 'forensic_vertex_request_logs' */
  readonly requestLogDatasetId?: string;
  /** Turn on Data Access audit logs for aiplatform.googleapis.com and storage.googleapis.com; false warns. @default true */
  readonly auditLogsEnabled?: boolean;
  /** Extra labels. @default - the kit's labels only */
  readonly tags?: Record<string, string>;
}

/** The props VertexAiAuditProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const VERTEX_AI_AUDIT_PROPS_KEYS = { region: true, project: true, encryptionKey: true, samplingRate: true, requestLogDatasetId: true, auditLogsEnabled: true, tags: true } as const satisfies PropKeys<VertexAiAuditProps>;

/** The options of an endpoint that VertexAiAudit.addEndpoint creates. */
export interface VertexEndpointOptions {
  /** The endpoint's resource name: numeric, no leading zero, at most 10 digits (the provider requires one). */
  readonly endpointId: string;
  /** A display name. */
  readonly displayName: string;
  /** A VPC to peer the endpoint with (`projects/{number}/global/networks/{name}`). @default - public endpoint, IAM-authenticated */
  readonly network?: string;
}

/** The props VertexEndpointOptions declares: unknown keys are refused (a compile error if this drifts from the interface). */
const VERTEX_ENDPOINT_OPTIONS_KEYS = { endpointId: true, displayName: true, network: true } as const satisfies PropKeys<VertexEndpointOptions>;

/** The options of a dataset that VertexAiAudit.addDataset creates. */
export interface VertexDatasetOptions {
  /** A display name. */
  readonly displayName: string;
  /** The dataset metadata schema. @default 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml' */
  readonly metadataSchemaUri?: string;
}

/** The props VertexDatasetOptions declares: unknown keys are refused (a compile error if this drifts from the interface). */
const VERTEX_DATASET_OPTIONS_KEYS = { displayName: true, metadataSchemaUri: true } as const satisfies PropKeys<VertexDatasetOptions>;

/** The options of a Workbench instance that VertexAiAudit.addWorkbenchInstance creates. */
export interface WorkbenchOptions {
  /** The instance name (RFC 1035). */
  readonly name: string;
  /** The zone, inside `region`, such as us-central1-a. */
  readonly zone: string;
  /** The VPC network (id or self link); it should have flow logs (FlowLogs). */
  readonly network: string;
  /** The subnet (id or self link), with Private Google Access for a VM without public IP. */
  readonly subnet: string;
  /** The machine type. @default - the provider's default */
  readonly machineType?: string;
  /** The service account the VM runs as; a dedicated one keeps its actions attributable. @default - the Compute Engine default service account */
  readonly serviceAccountEmail?: string;
  /** Root access in JupyterLab (`notebook-disable-root` false). @default false - enabling warns */
  readonly rootAccessEnabled?: boolean;
  /** Downloading files from JupyterLab (`notebook-disable-downloads` false). @default false - enabling warns */
  readonly fileDownloadsEnabled?: boolean;
  /** Access through the Google-managed, IAM-authenticated JupyterLab proxy. @default true - see the class comment; false warns */
  readonly proxyAccessEnabled?: boolean;
}

/** The props WorkbenchOptions declares: unknown keys are refused (a compile error if this drifts from the interface). */
const WORKBENCH_OPTIONS_KEYS = { name: true, zone: true, network: true, subnet: true, machineType: true, serviceAccountEmail: true, rootAccessEnabled: true, fileDownloadsEnabled: true, proxyAccessEnabled: true } as const satisfies PropKeys<WorkbenchOptions>;

/**
 * Vertex AI evidence: Data Access audit logs for aiplatform.googleapis.com and storage.googleapis.com
 * (AuditLogs), endpoints that log every prediction request and response into a CMEK BigQuery dataset,
 * CMEK on endpoints and datasets, and Workbench instances without public IP, with shielded VM,
 * no root, no file downloads and CMEK disks.
 *
 * Honest limits: BigQuery has no lock like a GCS retention policy. The request-log dataset gets
 * `delete_contents_on_destroy` false, `prevent_destroy`, the longest time travel (7 days) and no
 * table expiry, but a principal with bigquery.tables.delete can still delete the log table;
 * grant that to nobody, and route the BigQuery Data Access audit logs (LogSink) so a deletion is
 * itself evidence. Request-response logging is subject to BigQuery quotas; when they are exceeded
 * Vertex AI keeps serving and drops log rows. The Workbench proxy stays on by default: it is
 * IAM-authenticated and audited, while the alternative (SSH port forwarding) is harder to attribute.
 */
export class VertexAiAudit extends Construct {
  /** The CMEK key of endpoints, datasets, Workbench disks and the request-log dataset: the one given, or a new ForensicKey in the region. */
  public readonly encryptionKey: IEncryptionKey;
  /** The BigQuery dataset of the request-response logs (CMEK, `delete_contents_on_destroy` false, prevent_destroy). */
  public readonly requestLogDataset: BigqueryDataset;
  /** The Data Access audit logs of aiplatform.googleapis.com and storage.googleapis.com; undefined when auditLogsEnabled is false. */
  public readonly auditLogs?: AuditLogs;
  /** `bq://project.dataset`: where endpoints write; the table `request_response_logging` is created by Vertex AI. */
  public readonly requestLogUri: string;
  private readonly project: DataGoogleProject;
  private readonly props: VertexAiAuditProps;
  private readonly samplingRate: number;
  private readonly agentGrants = new Map<string, KmsCryptoKeyIamMember>();
  private readonly check: PropCheck;

  constructor(scope: Construct, id: string, props: VertexAiAuditProps) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    this.check = check;
    props = check.props<VertexAiAuditProps>('props', props, VERTEX_AI_AUDIT_PROPS_KEYS, 'VertexAiAuditProps');
    this.samplingRate = checkFraction(check, 'samplingRate', props.samplingRate, 1.0);
    const region = check.string('region', props.region, REGION);
    const project = check.optionalString('project', props.project, PROJECT_ID);
    const datasetId = check.string('requestLogDatasetId', props.requestLogDatasetId ?? 'forensic_vertex_request_logs', { pattern: /^[A-Za-z0-9_]{1,1024}$/, expected: 'letters, digits and underscores' });
    const givenKey = checkKeyRef(check, 'encryptionKey', props.encryptionKey);
    const auditLogsEnabled = check.bool('auditLogsEnabled', props.auditLogsEnabled, true);
    checkLabels(check, 'tags', props.tags);
    this.props = { ...props, region, project };

    this.project = new DataGoogleProject(this, 'Project', { projectId: project });
    this.encryptionKey =
      givenKey ?? new ForensicKey(this, 'Key', { location: region, project, keyRingName: 'forensic-vertex-ai', keyName: 'vertex-ai', evidenceSource: 'ml-inference', tags: props.tags });

    if (auditLogsEnabled) {
      // Two services by design, not a narrowing: the allServices config is AuditLogs' job at
      // project, folder or organization level. The acknowledgement is recorded in the metadata.
      acknowledgeKitWarning(this, WARNINGS.AUDIT_EXEMPTION, 'VertexAiAudit adds per-service Data Access logs for Vertex AI and GCS; allServices is set by an AuditLogs construct.');
      this.auditLogs = new AuditLogs(this, 'AuditLogs', {
        parent: GcpParent.project(project),
        services: ['aiplatform.googleapis.com', 'storage.googleapis.com'],
      });
    }

    const bq = new DataGoogleBigqueryDefaultServiceAccount(this, 'BigQueryServiceAgent', { project: props.project });
    const bqGrant = this.keyGrant('BigQueryServiceAgent', bq.member);
    this.requestLogDataset = new BigqueryDataset(this, 'RequestLogs', {
      datasetId,
      project,
      location: region,
      description: 'Forensic readiness kit: Vertex AI prediction requests and responses.',
      defaultEncryptionConfiguration: { kmsKeyName: this.encryptionKey.id },
      // The provider has no deletion_protection on datasets: refuse to drop tables on destroy,
      // and refuse the destroy itself.
      deleteContentsOnDestroy: false,
      maxTimeTravelHours: '168',
      labels: gcpLabels('ml-inference', true, props.tags, check),
      lifecycle: { preventDestroy: true },
      dependsOn: [bqGrant],
    });
    this.requestLogUri = `bq://${this.project.projectId}.${this.requestLogDataset.datasetId}`;

    if (!check.isToken(this.samplingRate) && this.samplingRate < 1) {
      warn(this, WARNINGS.PARTIAL_SAMPLING, `${where}: Vertex AI request-response logging samples ${this.samplingRate * 100}% of predictions; extraction by many small queries can fall outside the sample.`);
    }
    if (!auditLogsEnabled) {
      warn(
        this,
        WARNINGS.WEAKENED_DEFAULT,
        `${where}: no Data Access audit logs for aiplatform.googleapis.com and storage.googleapis.com from this construct; who read training data or called an endpoint is recorded only if an AuditLogs construct covers them.`,
      );
    }
  }

  /** A Vertex AI endpoint with CMEK and request-response logging into the request-log dataset. */
  public addEndpoint(id: string, options: VertexEndpointOptions): VertexAiEndpoint {
    const check = this.check;
    options = check.props<VertexEndpointOptions>('options', options, VERTEX_ENDPOINT_OPTIONS_KEYS, 'VertexEndpointOptions');
    const endpointId = check.string('endpointId', options.endpointId, { pattern: /^[1-9][0-9]{0,9}$/, expected: 'a numeric endpoint id without leading zero, at most 10 digits' });
    const displayName = check.string('displayName', options.displayName, { expected: 'a display name' });
    const network = check.optionalString('network', options.network, { expected: 'a network name projects/{number}/global/networks/{name}' });
    const endpoint = new VertexAiEndpoint(this, id, {
      name: endpointId,
      displayName,
      location: this.props.region,
      region: this.props.region,
      project: this.props.project,
      network,
      encryptionSpec: { kmsKeyName: this.encryptionKey.id },
      labels: gcpLabels('ml-inference', false, this.props.tags, check),
      dependsOn: [this.vertexAgentGrant()],
    });
    this.enableRequestResponseLogging(endpoint);
    return endpoint;
  }

  /**
   * Switches request-response logging on for an endpoint of this app created elsewhere; set its
   * encryption_spec where it is created (it cannot change after creation).
   */
  public enableRequestResponseLogging(endpoint: VertexAiEndpoint): void {
    endpoint.putPredictRequestResponseLoggingConfig({
      enabled: true,
      samplingRate: this.samplingRate,
      bigqueryDestination: { outputUri: this.requestLogUri },
    });
  }

  /** A Vertex AI dataset with CMEK. */
  public addDataset(id: string, options: VertexDatasetOptions): VertexAiDataset {
    const check = this.check;
    options = check.props<VertexDatasetOptions>('options', options, VERTEX_DATASET_OPTIONS_KEYS, 'VertexDatasetOptions');
    return new VertexAiDataset(this, id, {
      displayName: check.string('displayName', options.displayName, { expected: 'a display name' }),
      metadataSchemaUri: check.string('metadataSchemaUri', options.metadataSchemaUri ?? 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml', {
        pattern: /^gs:\/\/\S+$/,
        expected: 'a gs:// URI of a dataset metadata schema',
      }),
      region: this.props.region,
      project: this.props.project,
      encryptionSpec: { kmsKeyName: this.encryptionKey.id },
      labels: gcpLabels('ml-training-lifecycle', false, this.props.tags, check),
      dependsOn: [this.vertexAgentGrant()],
    });
  }

  /** A Workbench instance: no public IP, shielded VM, no root, no downloads, CMEK boot and data disks. */
  public addWorkbenchInstance(id: string, options: WorkbenchOptions): WorkbenchInstance {
    const where = this.node.path;
    const check = this.check;
    options = check.props<WorkbenchOptions>('options', options, WORKBENCH_OPTIONS_KEYS, 'WorkbenchOptions');
    const name = check.string('name', options.name, RFC1035);
    const zone = check.string('zone', options.zone, { pattern: /^[a-z]+-[a-z]+[0-9]+-[a-z]$/, expected: `a zone of ${this.props.region} (the key's region), such as ${this.props.region}-a` });
    if (!check.isToken(zone) && !check.isToken(this.props.region) && !zone.startsWith(`${this.props.region}-`)) {
      check.fail('zone', zone, `a zone of ${this.props.region} (the key's region)`);
    }
    const network = check.string('network', options.network, { expected: 'a VPC network id or self link' });
    const subnet = check.string('subnet', options.subnet, { expected: 'a subnet id or self link' });
    const machineType = check.optionalString('machineType', options.machineType, { pattern: /^[a-z0-9-]+$/, expected: 'a machine type such as e2-standard-4' });
    const serviceAccountEmail = check.optionalString('serviceAccountEmail', options.serviceAccountEmail, { pattern: /^[^@\s]+@[^@\s]+$/, expected: 'a service account email' });
    const rootAccess = check.bool('rootAccessEnabled', options.rootAccessEnabled, false);
    const downloads = check.bool('fileDownloadsEnabled', options.fileDownloadsEnabled, false);
    const proxyAccess = check.bool('proxyAccessEnabled', options.proxyAccessEnabled, true);
    const cmek = { diskEncryption: 'CMEK', kmsKey: this.encryptionKey.id };
    // Compute Engine's service agent encrypts the VM's disks.
    const diskGrant = this.keyGrant('ComputeServiceAgent', `serviceAccount:service-${this.project.number}@compute-system.iam.gserviceaccount.com`);
    const instance = new WorkbenchInstance(this, id, {
      name,
      location: zone,
      project: this.props.project,
      disableProxyAccess: !proxyAccess,
      gceSetup: {
        machineType,
        disablePublicIp: true,
        enableIpForwarding: false,
        shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
        bootDisk: cmek,
        dataDisks: cmek,
        networkInterfaces: [{ network, subnet }],
        serviceAccounts: serviceAccountEmail ? [{ email: serviceAccountEmail }] : undefined,
        // Keys from the Workbench "Manage features through metadata" page.
        metadata: {
          'notebook-disable-root': String(!rootAccess),
          'notebook-disable-downloads': String(!downloads),
        },
      },
      labels: gcpLabels('ml-training-lifecycle', false, this.props.tags, where),
      dependsOn: [diskGrant],
    });
    if (rootAccess) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}/${id}: root access is on; a root user can alter local logs and tooling on the instance.`);
    }
    if (downloads) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}/${id}: file downloads from JupyterLab are on; data can leave without a GCS Data Access record.`);
    }
    if (!proxyAccess) {
      warn(
        this,
        WARNINGS.WEAKENED_DEFAULT,
        `${where}/${id}: the IAM-authenticated JupyterLab proxy is off; users reach the instance by SSH port forwarding, which is harder to attribute to a principal.`,
      );
    }
    return instance;
  }

  private vertexAgentGrant(): KmsCryptoKeyIamMember {
    return this.keyGrant('VertexAiServiceAgent', `serviceAccount:service-${this.project.number}@gcp-sa-aiplatform.iam.gserviceaccount.com`);
  }

  private keyGrant(id: string, member: string): KmsCryptoKeyIamMember {
    let grant = this.agentGrants.get(id);
    if (!grant) {
      grant = grantKeyUse(this, this.encryptionKey.id, member, `KeyAccess-${id}`);
      this.agentGrants.set(id, grant);
    }
    return grant;
  }
}
