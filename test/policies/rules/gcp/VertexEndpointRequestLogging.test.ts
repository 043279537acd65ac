import { VertexEndpointRequestLogging } from '../../../../policies/rules/gcp/VertexEndpointRequestLogging';
import { judge, tfModel } from '../../helpers';
import { tf } from './_gcp';

const endpoint = (logging: unknown, extra: Record<string, any> = {}) =>
  tf({
    google_bigquery_dataset: { logs: { dataset_id: 'endpoint_logs', project: 'ml-prod' } },
    google_vertex_ai_endpoint: { e: { name: 'e', display_name: 'e', location: 'us-central1', predict_request_response_logging_config: logging, ...extra } },
  });
const E = 'google_vertex_ai_endpoint.e';
const full = { enabled: true, sampling_rate: 1, bigquery_destination: { output_uri: 'bq://ml-prod.endpoint_logs' } };

describe('GCP.Vertex.EndpointRequestLogging', () => {
  it('passes enabled logging at sampling 1 into a bq:// destination', () => {
    expect(judge(VertexEndpointRequestLogging, endpoint(full), E).verdict).toBe('COMPLIANT');
  });

  it('passes a destination built from a dataset of the input (arrays for blocks)', () => {
    const cfg = [{ enabled: true, sampling_rate: 0.5, bigquery_destination: [{ output_uri: 'bq://${google_bigquery_dataset.logs.project}.${google_bigquery_dataset.logs.dataset_id}' }] }];
    const j = judge(VertexEndpointRequestLogging, endpoint(cfg), E);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/into bq:\/\/ml-prod.endpoint_logs/);
  });

  it('passes a destination that references a dataset whose project is known only at apply', () => {
    const m = tf({
      google_bigquery_dataset: { logs: { dataset_id: 'endpoint_logs' } },
      google_vertex_ai_endpoint: {
        e: { name: 'e', display_name: 'e', location: 'l', predict_request_response_logging_config: { enabled: true, sampling_rate: 1, bigquery_destination: { output_uri: 'bq://${google_bigquery_dataset.logs.project}.${google_bigquery_dataset.logs.dataset_id}' } } },
      },
    });
    const j = judge(VertexEndpointRequestLogging, m, E);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/dataset of the input/);
  });

  it('fails without predict_request_response_logging_config', () => {
    expect(judge(VertexEndpointRequestLogging, endpoint(undefined), E).reason).toMatch(/is absent/);
  });

  it('fails enabled false', () => {
    expect(judge(VertexEndpointRequestLogging, endpoint({ ...full, enabled: false }), E).reason).toMatch(/enabled is false/);
  });

  it('fails sampling_rate 0', () => {
    const j = judge(VertexEndpointRequestLogging, endpoint({ ...full, sampling_rate: 0 }), E);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/sampling_rate is 0/);
  });

  it('fails sampling_rate absent', () => {
    expect(judge(VertexEndpointRequestLogging, endpoint({ enabled: true, bigquery_destination: full.bigquery_destination }), E).reason).toMatch(/sampling_rate is absent/);
  });

  it('fails without a BigQuery output_uri', () => {
    const j = judge(VertexEndpointRequestLogging, endpoint({ enabled: true, sampling_rate: 1 }), E);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/output_uri is absent/);
  });

  it('is UNKNOWN when sampling_rate is a variable', () => {
    expect(judge(VertexEndpointRequestLogging, endpoint({ ...full, sampling_rate: '${var.rate}' }), E).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when output_uri is a variable', () => {
    expect(judge(VertexEndpointRequestLogging, endpoint({ ...full, bigquery_destination: { output_uri: '${var.uri}' } }), E).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when a literal output_uri names no BigQuery dataset of the inputs', () => {
    const j = judge(VertexEndpointRequestLogging, endpoint({ ...full, bigquery_destination: { output_uri: 'bq://other-proj.x.y' } }), E);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/bq:\/\/other-proj\.x\.y.*names no BigQuery dataset of the inputs.*cannot be checked here/);
  });

  it('is UNKNOWN when output_uri names an input dataset id in another project', () => {
    const j = judge(VertexEndpointRequestLogging, endpoint({ ...full, bigquery_destination: { output_uri: 'bq://other-proj.endpoint_logs' } }), E);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/names no BigQuery dataset of the inputs/);
  });

  it('passes a literal output_uri naming an input dataset with a table', () => {
    const j = judge(VertexEndpointRequestLogging, endpoint({ ...full, bigquery_destination: { output_uri: 'bq://ml-prod.endpoint_logs.requests' } }), E);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/google_bigquery_dataset\.logs/);
  });

  it('is UNKNOWN when output_uri is a variable whose default names no dataset of the inputs', () => {
    const m = tfModel({
      variable: { uri: { default: 'bq://other-proj.x.y' } },
      resource: {
        google_bigquery_dataset: { logs: { dataset_id: 'endpoint_logs', project: 'ml-prod' } },
        google_vertex_ai_endpoint: { e: { name: 'e', display_name: 'e', location: 'l', predict_request_response_logging_config: { ...full, bigquery_destination: { output_uri: '${var.uri}' } } } },
      },
    });
    expect(judge(VertexEndpointRequestLogging, m, E).verdict).toBe('UNKNOWN');
  });
});
