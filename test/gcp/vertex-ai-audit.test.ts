import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { VertexAiDataset } from '@cdktf/provider-google/lib/vertex-ai-dataset';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { WorkbenchInstance } from '@cdktf/provider-google/lib/workbench-instance';
import { WARNINGS } from '../../constructs/core';
import { VertexAiAudit } from '../../constructs/gcp';
import { newStack, onlyResource, resourcesOf, synth, warningsOf } from './helpers';

const KEY_REF = /^\$\{google_kms_crypto_key\.Vertex_Key_[0-9A-F]+\.id\}$/;
const workbench = { name: 'nb', zone: 'us-central1-a', network: 'projects/p/global/networks/vpc', subnet: 'projects/p/regions/us-central1/subnetworks/s' };

function grantsByMember(json: ReturnType<typeof synth>['json']): string[] {
  return Object.values(resourcesOf(json, 'google_kms_crypto_key_iam_member')).map((g: any) => g.member);
}

describe('VertexAiAudit', () => {
  test('defaults: a key in the region, Data Access logs for Vertex AI and GCS, a CMEK request-log dataset that is never destroyed with its tables', () => {
    const stack = newStack();
    new VertexAiAudit(stack, 'Vertex', { region: 'us-central1' });
    const { json } = synth(stack);
    expect(onlyResource(json, 'google_kms_key_ring')).toMatchObject({ name: 'forensic-vertex-ai', location: 'us-central1', lifecycle: { prevent_destroy: true } });
    expect(Object.values(resourcesOf(json, 'google_project_iam_audit_config')).map((c: any) => c.service)).toEqual(['aiplatform.googleapis.com', 'storage.googleapis.com']);
    expect(onlyResource(json, 'google_bigquery_dataset')).toEqual({
      dataset_id: 'forensic_vertex_request_logs',
      location: 'us-central1',
      description: expect.any(String),
      default_encryption_configuration: { kms_key_name: expect.stringMatching(KEY_REF) },
      delete_contents_on_destroy: false,
      max_time_travel_hours: '168',
      labels: expect.objectContaining({ 'forensic-evidence-source': 'ml-inference', 'forensic-evidence-store': 'true' }),
      lifecycle: { prevent_destroy: true },
      depends_on: [expect.stringMatching(/^google_kms_crypto_key_iam_member\.Vertex_KeyAccess-BigQueryServiceAgent_/)],
    });
    // No table expiry: log rows never age out of the dataset by default.
    expect(JSON.stringify(resourcesOf(json, 'google_bigquery_dataset'))).not.toMatch(/expiration_ms/);
    expect(grantsByMember(json)).toEqual([expect.stringMatching(/^\$\{data\.google_bigquery_default_service_account\.Vertex_BigQueryServiceAgent_[0-9A-F]+\.member\}$/)]);
    expect(warningsOf(stack)).toEqual([]);
  });

  test('addEndpoint: CMEK and request-response logging of every prediction into the request-log dataset', () => {
    const stack = newStack();
    const vertex = new VertexAiAudit(stack, 'Vertex', { region: 'us-central1' });
    vertex.addEndpoint('Endpoint', { endpointId: '1234567890', displayName: 'fraud' });
    const { json } = synth(stack);
    const endpoint = onlyResource(json, 'google_vertex_ai_endpoint');
    expect(endpoint).toMatchObject({
      name: '1234567890',
      display_name: 'fraud',
      location: 'us-central1',
      region: 'us-central1',
      encryption_spec: { kms_key_name: expect.stringMatching(KEY_REF) },
      predict_request_response_logging_config: {
        enabled: true,
        sampling_rate: 1,
        bigquery_destination: {
          output_uri: expect.stringMatching(/^bq:\/\/\$\{data\.google_project\.Vertex_Project_[0-9A-F]+\.project_id\}\.\$\{google_bigquery_dataset\.Vertex_RequestLogs_[0-9A-F]+\.dataset_id\}$/),
        },
      },
    });
    expect(endpoint.depends_on).toEqual([expect.stringMatching(/KeyAccess-VertexAiServiceAgent/)]);
    expect(grantsByMember(json)).toContainEqual(expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\.Vertex_Project_[0-9A-F]+\.number\}@gcp-sa-aiplatform\.iam\.gserviceaccount\.com$/));
  });

  test('enableRequestResponseLogging switches logging on for an endpoint of the app', () => {
    const stack = newStack();
    const vertex = new VertexAiAudit(stack, 'Vertex', { region: 'us-central1' });
    const endpoint = new VertexAiEndpoint(stack, 'Own', { name: '42', displayName: 'own', location: 'us-central1' });
    vertex.enableRequestResponseLogging(endpoint);
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(VertexAiEndpoint, { name: '42', predict_request_response_logging_config: expect.objectContaining({ enabled: true, sampling_rate: 1 }) });
  });

  test('addDataset: CMEK and the tabular schema by default', () => {
    const stack = newStack();
    const vertex = new VertexAiAudit(stack, 'Vertex', { region: 'us-central1' });
    vertex.addDataset('Data', { displayName: 'train' });
    vertex.addDataset('Images', { displayName: 'img', metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml' });
    const { text, json } = synth(stack);
    expect(text).toHaveResourceWithProperties(VertexAiDataset, {
      display_name: 'train',
      region: 'us-central1',
      metadata_schema_uri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml',
      encryption_spec: { kms_key_name: expect.stringMatching(KEY_REF) },
    });
    expect(text).toHaveResourceWithProperties(VertexAiDataset, { display_name: 'img', metadata_schema_uri: expect.stringContaining('image_1.0.0') });
    // One grant for the Vertex AI agent, however many resources use it.
    expect(grantsByMember(json).filter((m) => m.includes('gcp-sa-aiplatform'))).toHaveLength(1);
  });

  test('addWorkbenchInstance: no public IP, shielded VM, no root, no downloads, CMEK boot and data disks, proxy on', () => {
    const stack = newStack();
    const vertex = new VertexAiAudit(stack, 'Vertex', { region: 'us-central1' });
    vertex.addWorkbenchInstance('Notebook', workbench);
    const { json } = synth(stack);
    const instance = onlyResource(json, 'google_workbench_instance');
    const cmek = { disk_encryption: 'CMEK', kms_key: expect.stringMatching(KEY_REF) };
    expect(instance).toMatchObject({
      name: 'nb',
      location: 'us-central1-a',
      disable_proxy_access: false,
      gce_setup: {
        disable_public_ip: true,
        enable_ip_forwarding: false,
        shielded_instance_config: { enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true },
        boot_disk: cmek,
        data_disks: cmek,
        network_interfaces: [{ network: workbench.network, subnet: workbench.subnet }],
        metadata: { 'notebook-disable-root': 'true', 'notebook-disable-downloads': 'true' },
      },
    });
    expect(instance.gce_setup.service_accounts).toBeUndefined();
    expect(grantsByMember(json)).toContainEqual(expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\.Vertex_Project_[0-9A-F]+\.number\}@compute-system\.iam\.gserviceaccount\.com$/));
    expect(warningsOf(stack)).toEqual([]);
  });

  test('Workbench root access and downloads can be enabled, each with a warning; proxy can be disabled; a service account can be set', () => {
    const stack = newStack();
    const vertex = new VertexAiAudit(stack, 'Vertex', { region: 'us-central1' });
    vertex.addWorkbenchInstance('Notebook', { ...workbench, rootAccessEnabled: true, fileDownloadsEnabled: true, proxyAccessEnabled: false, serviceAccountEmail: 'nb@p.iam.gserviceaccount.com', machineType: 'e2-standard-4' });
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(WorkbenchInstance, {
      disable_proxy_access: true,
      gce_setup: expect.objectContaining({
        machine_type: 'e2-standard-4',
        service_accounts: [{ email: 'nb@p.iam.gserviceaccount.com' }],
        metadata: { 'notebook-disable-root': 'false', 'notebook-disable-downloads': 'false' },
      }),
    });
    expect(warningsOf(stack)).toEqual([expect.stringContaining('root access is on'), expect.stringContaining('file downloads'), expect.stringContaining('JupyterLab proxy is off')]);
  });

  test('a partial samplingRate is applied and warns', () => {
    const stack = newStack();
    const vertex = new VertexAiAudit(stack, 'Vertex', { region: 'us-central1', samplingRate: 0.25 });
    vertex.addEndpoint('Endpoint', { endpointId: '1', displayName: 'e' });
    const { json } = synth(stack);
    expect(onlyResource(json, 'google_vertex_ai_endpoint').predict_request_response_logging_config.sampling_rate).toBe(0.25);
    expect(warningsOf(stack)).toEqual([expect.stringContaining(`[${WARNINGS.PARTIAL_SAMPLING}]`)]);
  });

  test('an encryptionKey, project and dataset id can be given; audit logs can be left to another construct', () => {
    const stack = newStack();
    const id = 'projects/acme/locations/us-central1/keyRings/r/cryptoKeys/k';
    new VertexAiAudit(stack, 'Vertex', { region: 'us-central1', project: 'acme-prod', encryptionKey: { id }, requestLogDatasetId: 'predictions', auditLogsEnabled: false });
    const { text, json } = synth(stack);
    expect(resourcesOf(json, 'google_kms_key_ring')).toEqual({});
    expect(resourcesOf(json, 'google_project_iam_audit_config')).toEqual({});
    expect(text).toHaveResourceWithProperties(BigqueryDataset, { dataset_id: 'predictions', project: 'acme-prod', default_encryption_configuration: { kms_key_name: id } });
  });

  test('fails when samplingRate is not in (0, 1]', () => {
    expect(() => new VertexAiAudit(newStack(), 'V', { region: 'us-central1', samplingRate: 0 })).toThrow(/samplingRate must be a fraction greater than 0 and at most 1, got 0/);
    expect(() => new VertexAiAudit(newStack(), 'V', { region: 'us-central1', samplingRate: 1.1 })).toThrow(/samplingRate/);
  });

  test('fails when region or requestLogDatasetId is malformed', () => {
    expect(() => new VertexAiAudit(newStack(), 'V', { region: 'us-central1-a' })).toThrow(/region/);
    expect(() => new VertexAiAudit(newStack(), 'V', { region: 'us-central1', requestLogDatasetId: 'has-dash' })).toThrow(/requestLogDatasetId/);
  });

  test('fails when an endpoint id is not numeric or has a leading zero', () => {
    const vertex = new VertexAiAudit(newStack(), 'V', { region: 'us-central1' });
    expect(() => vertex.addEndpoint('E', { endpointId: '0123', displayName: 'e' })).toThrow(/endpointId must be a numeric endpoint id/);
    expect(() => vertex.addEndpoint('F', { endpointId: 'fraud', displayName: 'e' })).toThrow(/endpointId/);
  });

  test('fails when a Workbench zone is outside the region, or its name is malformed', () => {
    const vertex = new VertexAiAudit(newStack(), 'V', { region: 'us-central1' });
    expect(() => vertex.addWorkbenchInstance('W', { ...workbench, zone: 'europe-west4-a' })).toThrow(/zone must be a zone of us-central1/);
    expect(() => vertex.addWorkbenchInstance('X', { ...workbench, name: 'Notebook' })).toThrow(/name must be an RFC 1035 name/);
  });
});
