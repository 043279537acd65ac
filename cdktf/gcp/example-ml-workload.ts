import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { WorkbenchInstance } from '@cdktf/provider-google/lib/workbench-instance';
import { Construct } from 'constructs';
import { Immutability } from '../../constructs/core';
import { EvidenceBucket, FlowLogs, IBucketRef, IEncryptionKey, VertexAiAudit } from '../../constructs/gcp';

export interface ExampleMlWorkloadProps {
  readonly projectId: string;
  readonly region: string;
  /** The CMEK key of the workload, in `region`. */
  readonly encryptionKey: IEncryptionKey;
  /** Where GCS usage logs of the training-data bucket go (the foundation's locked log bucket). */
  readonly accessLogsBucket: IBucketRef;
  readonly immutability: Immutability;
  /** Create the example Workbench instance (a VM that runs, and bills, until stopped). */
  readonly workbenchEnabled: boolean;
}

/**
 * An example ML workload made investigable by the kit: a VPC and subnet with flow logs, firewall,
 * DNS and NAT logging; a write-once training-data bucket; a Vertex AI endpoint that logs every
 * prediction; a CMEK dataset; a Workbench instance without public IP.
 *
 * The training-data bucket is an EvidenceBucket on purpose: training data written once and never
 * overwritten cannot be poisoned in place, every dataset version is a new prefix, and the last
 * known-good version is whatever was there before the suspect write. A team that must delete
 * training data on request (privacy law) should use a plain bucket with versioning instead and
 * accept that the rules of the kit flag it.
 */
export class ExampleMlWorkload extends Construct {
  public readonly network: FlowLogs;
  public readonly trainingData: EvidenceBucket;
  public readonly vertexAi: VertexAiAudit;
  public readonly endpoint: VertexAiEndpoint;
  public readonly workbench?: WorkbenchInstance;

  constructor(scope: Construct, id: string, props: ExampleMlWorkloadProps) {
    super(scope, id);
    this.network = new FlowLogs(this, 'Network', {
      networkName: 'ml-vpc',
      subnets: [{ name: 'ml-subnet', region: props.region, ipCidrRange: '10.10.0.0/20' }],
    });
    this.trainingData = new EvidenceBucket(this, 'TrainingData', {
      bucketName: `${props.projectId}-training-data`,
      location: props.region,
      encryptionKey: props.encryptionKey,
      immutability: props.immutability,
      serverAccessLogsBucket: props.accessLogsBucket,
      evidenceSource: 'ml-training-lifecycle',
    });
    this.vertexAi = new VertexAiAudit(this, 'VertexAi', {
      project: props.projectId,
      region: props.region,
      encryptionKey: props.encryptionKey,
    });
    this.endpoint = this.vertexAi.addEndpoint('Endpoint', { endpointId: '1000000001', displayName: 'example-model' });
    this.vertexAi.addDataset('Dataset', { displayName: 'example-training-dataset' });
    if (props.workbenchEnabled) {
      this.workbench = this.vertexAi.addWorkbenchInstance('Workbench', {
        name: 'ml-notebook',
        zone: `${props.region}-a`,
        network: this.network.network.id,
        subnet: this.network.subnetworks[0].id,
      });
    }
  }
}
