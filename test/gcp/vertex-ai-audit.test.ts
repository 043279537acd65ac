import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { VertexAiDataset } from '@cdktf/provider-google/lib/vertex-ai-dataset';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { WorkbenchInstance } from '@cdktf/provider-google/lib/workbench-instance';
import { WARNINGS } from '../../constructs/core';
import { VertexAiAudit, VertexAiAuditProps, WorkbenchOptions } from '../../constructs/gcp';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { GCP_RULES } from '../../policies/rules/gcp';
import { expectAcknowledgeableWarning, expectNoCorruptTokens, labelTests, newStack, numberVariable, onlyResource, refusal, resourcesOf, stringVariable, synth, synthFile, warningsOf } from './helpers';

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

describe('VertexAiAudit request-response logging, as the rules judge it', () => {
  function verdict(override?: string) {
    const stack = newStack();
    const vertex = new VertexAiAudit(stack, 'Vertex', { region: 'us-central1', project: 'acme-prod' });
    const endpoint = vertex.addEndpoint('Ep', { endpointId: '1234567890', displayName: 'scoring' });
    if (override) endpoint.addOverride('predict_request_response_logging_config.bigquery_destination.output_uri', override);
    const result = runRules(buildModel([loadDocument(JSON.parse(synth(stack).text), 'cdk.tf.json')]), GCP_RULES);
    const id = 'GCP.Vertex.EndpointRequestLogging';
    return {
      verdicts: result.evaluations.filter((e) => e.ruleId === id).map((e) => e.verdict),
      findings: result.findings.filter((f) => f.ruleId === id).map((f) => f.message),
    };
  }

  test("the kit's destination is its own dataset: COMPLIANT", () => {
    expect(verdict()).toEqual({ verdicts: ['COMPLIANT'], findings: [] });
  });

  test('a destination overridden to another project\'s dataset is UNKNOWN, not passed', () => {
    expect(verdict('bq://other-proj.x.y')).toEqual({ verdicts: ['UNKNOWN'], findings: [expect.stringMatching(/bq:\/\/other-proj\.x\.y.*names no BigQuery dataset of the inputs.*cannot be checked here/)] });
  });
});

describe('VertexAiAudit props', () => {
  const vertex = (props: unknown) => () => new VertexAiAudit(newStack(), 'V', props as VertexAiAuditProps);
  const region = 'us-central1';
  const audit = () => new VertexAiAudit(newStack(), 'V', { region });
  const FRACTION = /^a fraction greater than 0 and at most 1$/;

  test('fails when props are missing or not an object', () => {
    refusal(vertex(undefined), 'props', /^VertexAiAuditProps$/);
    refusal(vertex('us-central1'), 'props', /^VertexAiAuditProps$/);
  });

  test.each([
    ['missing', undefined],
    ['a zone', 'us-central1-a'],
    ['in upper case', 'US-CENTRAL1'],
    ['a multi-region', 'us'],
  ])('fails when region is %s', (_case, value) => {
    refusal(vertex({ region: value }), 'region', /^a region such as us-central1$/);
  });

  test.each([
    ['0', 0],
    ['1.1', 1.1],
    ['NaN', NaN],
    ['-Infinity', -Infinity],
    ['the string "1"', '1'],
  ])('fails when samplingRate is %s', (_case, samplingRate) => {
    refusal(vertex({ region, samplingRate }), 'samplingRate', FRACTION);
  });

  test.each([
    ['with a hyphen', 'request-logs'],
    ['empty', ''],
    ['with a dot', 'a.b'],
  ])('fails when requestLogDatasetId is %s', (_case, requestLogDatasetId) => {
    refusal(vertex({ region, requestLogDatasetId }), 'requestLogDatasetId', /^letters, digits and underscores$/);
  });

  test('fails when project, encryptionKey or auditLogsEnabled is malformed', () => {
    refusal(vertex({ region, project: 'ML' }), 'project', /^a project id/);
    refusal(vertex({ region, encryptionKey: { id: 'vertex-key' } }), 'encryptionKey.id', /^a key name projects\//);
    refusal(vertex({ region, auditLogsEnabled: 'no' }), 'auditLogsEnabled', /^true or false$/);
  });

  labelTests((stack, tags) => {
    const v = new VertexAiAudit(stack, 'V', { region, tags } as VertexAiAuditProps);
    v.addEndpoint('Endpoint', { endpointId: '1', displayName: 'e' });
    v.addDataset('Data', { displayName: 'd' });
    v.addWorkbenchInstance('Notebook', workbench);
  }, 3);

  test.each([
    ['with a leading zero', '0123'],
    ['not numeric', 'fraud'],
    ['11 digits long', '12345678901'],
    ['a number, not a string', 42],
  ])('fails when an endpointId is %s', (_case, endpointId) => {
    refusal(() => audit().addEndpoint('E', { endpointId, displayName: 'e' } as never), 'endpointId', /^a numeric endpoint id without leading zero, at most 10 digits$/);
  });

  test('fails when an endpoint displayName or network is empty, or the options are not an object', () => {
    refusal(() => audit().addEndpoint('E', { endpointId: '1', displayName: '' }), 'displayName', /^a display name$/);
    refusal(() => audit().addEndpoint('E', { endpointId: '1', displayName: 'e', network: '' }), 'network', /^a network name projects\/\{number\}\/global\/networks\/\{name\}$/);
    refusal(() => audit().addEndpoint('E', undefined as never), 'options', /^VertexEndpointOptions$/);
  });

  test('fails when a dataset displayName is missing or its schema URI is not gs://', () => {
    refusal(() => audit().addDataset('D', {} as never), 'displayName', /^a display name$/);
    refusal(() => audit().addDataset('D', { displayName: 'd', metadataSchemaUri: 'https://example.com/schema.yaml' }), 'metadataSchemaUri', /^a gs:\/\/ URI of a dataset metadata schema$/);
  });

  test.each([
    ['name', 'in upper case', 'Notebook', /^an RFC 1035 name/],
    ['name', 'ending with a hyphen', 'nb-', /^an RFC 1035 name/],
    ['zone', 'a region', 'us-central1', /^a zone of us-central1 \(the key's region\), such as us-central1-a$/],
    ['zone', 'outside the region', 'europe-west4-a', /^a zone of us-central1 \(the key's region\)$/],
    ['zone', 'of a region that only starts alike', 'us-central10-a', /^a zone of us-central1 \(the key's region\)$/],
    ['network', 'empty', '', /^a VPC network id or self link$/],
    ['subnet', 'missing', undefined, /^a subnet id or self link$/],
    ['machineType', 'with a space', 'e2 standard', /^a machine type such as e2-standard-4$/],
    ['serviceAccountEmail', 'not an email', 'notebook-sa', /^a service account email$/],
    ['rootAccessEnabled', 'not a boolean', 'yes', /^true or false$/],
    ['fileDownloadsEnabled', 'not a boolean', 1, /^true or false$/],
    ['proxyAccessEnabled', 'not a boolean', 'off', /^true or false$/],
  ])('fails when a Workbench %s is %s', (prop, _case, value, expected) => {
    refusal(() => audit().addWorkbenchInstance('W', { ...workbench, [prop]: value } as WorkbenchOptions), prop, expected);
  });

  test('samplingRate under 1 warns partial-sampling, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new VertexAiAudit(stack, 'V', { region, samplingRate: 0.5 }), WARNINGS.PARTIAL_SAMPLING, /samples 50% of predictions/);
  });

  test('auditLogsEnabled: false warns weakened-default, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new VertexAiAudit(stack, 'V', { region, auditLogsEnabled: false }), WARNINGS.WEAKENED_DEFAULT, /no Data Access audit logs for aiplatform\.googleapis\.com and storage\.googleapis\.com/);
  });

  test('auditLogsEnabled (the default) raises no audit-exemption warning for its two services: that acknowledgement is the construct\'s own', () => {
    const stack = newStack();
    new VertexAiAudit(stack, 'V', { region });
    expect(warningsOf(stack)).toEqual([]);
  });

  test.each([
    ['rootAccessEnabled: true', { rootAccessEnabled: true }, /root access is on/],
    ['fileDownloadsEnabled: true', { fileDownloadsEnabled: true }, /file downloads from JupyterLab are on/],
    ['proxyAccessEnabled: false', { proxyAccessEnabled: false }, /the IAM-authenticated JupyterLab proxy is off/],
  ])('a Workbench with %s warns weakened-default, and the warning can be acknowledged', (_case, options, text) => {
    expectAcknowledgeableWarning((stack) => new VertexAiAudit(stack, 'V', { region }).addWorkbenchInstance('W', { ...workbench, ...options }), WARNINGS.WEAKENED_DEFAULT, text);
  });

  test('TerraformVariable tokens reach cdk.tf.json unchanged: sampling rate, region, dataset, endpoint and Workbench fields as written; no warning', () => {
    const stack = newStack();
    const v = new VertexAiAudit(stack, 'V', {
      region: stringVariable(stack, 'region'),
      project: stringVariable(stack, 'project'),
      samplingRate: numberVariable(stack, 'sampling'),
      requestLogDatasetId: stringVariable(stack, 'dataset'),
      tags: { team: stringVariable(stack, 'team') },
    });
    v.addEndpoint('Endpoint', { endpointId: stringVariable(stack, 'endpoint'), displayName: stringVariable(stack, 'display') });
    v.addWorkbenchInstance('Notebook', { ...workbench, name: stringVariable(stack, 'notebook'), zone: stringVariable(stack, 'zone') });
    const { text, json } = synthFile(stack);
    expect(onlyResource(json, 'google_bigquery_dataset')).toMatchObject({ dataset_id: '${var.dataset}', location: '${var.region}', project: '${var.project}', labels: expect.objectContaining({ team: '${var.team}' }) });
    expect(onlyResource(json, 'google_vertex_ai_endpoint')).toMatchObject({
      name: '${var.endpoint}',
      display_name: '${var.display}',
      region: '${var.region}',
      predict_request_response_logging_config: { enabled: true, sampling_rate: '${var.sampling}' },
    });
    expect(onlyResource(json, 'google_workbench_instance')).toMatchObject({ name: '${var.notebook}', location: '${var.zone}' });
    expect(onlyResource(json, 'google_kms_key_ring')).toMatchObject({ location: '${var.region}', project: '${var.project}' });
    expectNoCorruptTokens(text);
    expect(warningsOf(stack)).toEqual([]);
  });
});
