/**
 * Every GCP construct (and every add* method of VertexAiAudit) reads each prop exactly once: props
 * whose getters answer the real value on the first read and a weak one after (SOAK for LOCKED, one
 * day for a year, `severity>=ERROR` for the forensic filter) build exactly the Terraform and the
 * annotations the plain props build, and every getter was read once.
 */
import { TerraformStack } from 'cdktf';
import { Immutability, Retention } from '../../constructs/core';
import {
  AssetInventoryFeeds,
  AuditLogs,
  EvidenceBucket,
  FlowLogs,
  FORENSIC_LOG_FILTER,
  ForensicKey,
  GcpParent,
  InvestigationPack,
  LogSink,
  VertexAiAudit,
} from '../../constructs/gcp';
import { builtTf, describeTwoFaced, TwoFacedCase } from '../two-faced';

type Case = TwoFacedCase<TerraformStack>;

const evidence = (stack: TerraformStack) => new EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us-central1' });
const vertex = (stack: TerraformStack) => new VertexAiAudit(stack, 'Vertex', { region: 'us-central1', project: 'acme-prod' });

const CASES: Record<string, Case> = {
  EvidenceBucket: {
    props: () => ({
      bucketName: 'acme-evidence-2',
      location: 'us-central1',
      project: 'acme-prod',
      retention: Retention.days(400),
      immutability: Immutability.LOCKED,
      softDeleteRetention: Retention.days(90),
      serverAccessLogsEnabled: true,
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new EvidenceBucket(stack, 'Target', props),
    later: { retention: Retention.days(1), immutability: Immutability.SOAK, softDeleteRetention: Retention.days(7), serverAccessLogsEnabled: false, 'tags.team': 'x' },
  },
  LogSink: {
    props: () => ({
      parent: GcpParent.project('acme-prod'),
      sinkName: 'forensic-sink',
      filter: FORENSIC_LOG_FILTER,
      logBucketEnabled: true,
      logBucket: { location: 'us-central1', retention: Retention.days(400), immutability: Immutability.LOCKED, logAnalyticsEnabled: true },
    }),
    build: (stack, props) => new LogSink(stack, 'Target', props),
    later: { filter: 'severity>=ERROR', logBucketEnabled: false, 'logBucket.retention': Retention.days(1), 'logBucket.immutability': Immutability.SOAK, 'logBucket.logAnalyticsEnabled': false },
  },
  AssetInventoryFeeds: {
    props: (stack) => ({
      parent: GcpParent.project('acme-prod'),
      destination: evidence(stack),
      region: 'us-central1',
      contentTypes: ['RESOURCE', 'IAM_POLICY'],
      feedIdPrefix: 'forensic',
      messageRetention: Retention.days(7),
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new AssetInventoryFeeds(stack, 'Target', props),
    later: { 'contentTypes[1]': 'RESOURCE', messageRetention: Retention.days(1) },
  },
  AuditLogs: {
    props: () => ({ parent: GcpParent.project('acme-prod'), services: ['aiplatform.googleapis.com', 'storage.googleapis.com'], exemptedMembers: ['user:break-glass@example.com'] }),
    build: (stack, props) => new AuditLogs(stack, 'Target', props),
    later: { 'services[1]': 'aiplatform.googleapis.com', exemptedMembers: ['allUsers'] },
  },
  FlowLogs: {
    props: () => ({ project: 'acme-prod', networkName: 'forensic-vpc', subnets: [{ name: 'ml-subnet', region: 'us-central1', ipCidrRange: '10.10.0.0/20' }], flowSampling: 1, baselineFirewallRulesEnabled: true, dnsLoggingEnabled: true, natEnabled: true }),
    build: (stack, props) => new FlowLogs(stack, 'Target', props),
    later: { flowSampling: 0.1, dnsLoggingEnabled: false, baselineFirewallRulesEnabled: false, 'subnets[0].region': 'us-east1' },
  },
  ForensicKey: {
    props: () => ({ location: 'us-central1', project: 'acme-prod', keyRingName: 'ring', keyName: 'k', rotationDays: 30, tags: { team: 'ir' } }),
    build: (stack, props) => new ForensicKey(stack, 'Target', props),
    later: { rotationDays: 3650 },
  },
  InvestigationPack: {
    props: (stack) => ({
      logSink: new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), logBucket: { location: 'us-central1' } }),
      linkId: 'forensic_link',
      datasetId: 'forensic_views',
      questions: ['endpoint-callers', 'evidence-tampering'],
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new InvestigationPack(stack, 'Target', props),
    later: { 'questions[1]': 'endpoint-callers' },
  },
  VertexAiAudit: {
    props: () => ({ region: 'us-central1', project: 'acme-prod', samplingRate: 1, requestLogDatasetId: 'vertex_requests', auditLogsEnabled: true, tags: { team: 'ir' } }),
    build: (stack, props) => new VertexAiAudit(stack, 'Target', props),
    later: { samplingRate: 0.01, auditLogsEnabled: false },
  },
  'VertexAiAudit.addEndpoint': {
    props: () => ({ endpointId: '1234567890', displayName: 'fraud' }),
    build: (stack, props) => void vertex(stack).addEndpoint('Target', props),
    later: { endpointId: '999' },
  },
  'VertexAiAudit.addDataset': {
    props: () => ({ displayName: 'train', metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml' }),
    build: (stack, props) => void vertex(stack).addDataset('Target', props),
    later: { displayName: 'other' },
  },
  'VertexAiAudit.addWorkbenchInstance': {
    props: () => ({
      name: 'nb',
      zone: 'us-central1-a',
      network: 'projects/p/global/networks/vpc',
      subnet: 'projects/p/regions/us-central1/subnetworks/s',
      rootAccessEnabled: false,
      fileDownloadsEnabled: false,
      proxyAccessEnabled: false,
    }),
    build: (stack, props) => void vertex(stack).addWorkbenchInstance('Target', props),
    later: { rootAccessEnabled: true, fileDownloadsEnabled: true, proxyAccessEnabled: true, zone: 'europe-west4-a' },
  },
};

describeTwoFaced(CASES, builtTf);

test('the two-faced cases cover every GCP construct and add* method', () => {
  expect(Object.keys(CASES).sort()).toEqual(
    ['AssetInventoryFeeds', 'AuditLogs', 'EvidenceBucket', 'FlowLogs', 'ForensicKey', 'InvestigationPack', 'LogSink', 'VertexAiAudit', 'VertexAiAudit.addDataset', 'VertexAiAudit.addEndpoint', 'VertexAiAudit.addWorkbenchInstance'].sort(),
  );
});
