import { VertexEndpointLogSampling } from '../../../../policies/rules/gcp/VertexEndpointLogSampling';
import { DEFAULT_RULE_CONFIG } from '../../../../policies/engine/types';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const endpoint = (logging: unknown) =>
  tf({ google_vertex_ai_endpoint: { e: { name: 'e', display_name: 'e', location: 'us-central1', predict_request_response_logging_config: logging } } });
const E = 'google_vertex_ai_endpoint.e';
const dest = { output_uri: 'bq://p.d' };

describe('GCP.Vertex.EndpointLogSampling', () => {
  it('passes sampling_rate 1', () => {
    expect(judge(VertexEndpointLogSampling, endpoint({ enabled: true, sampling_rate: 1, bigquery_destination: dest }), E).verdict).toBe('COMPLIANT');
  });

  it('warns on sampling_rate 0.1', () => {
    const j = judge(VertexEndpointLogSampling, endpoint([{ enabled: true, sampling_rate: 0.1, bigquery_destination: [dest] }]), E);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/0.1, below 1: 90 % of calls are not logged/);
  });

  it('uses the configured full-sampling threshold', () => {
    const j = judge(VertexEndpointLogSampling, endpoint({ enabled: true, sampling_rate: 0.5 }), E, { ...DEFAULT_RULE_CONFIG, fullSamplingPercentage: 50 });
    expect(j.verdict).toBe('COMPLIANT');
  });

  it('does not apply when logging is off or samples nothing (EndpointRequestLogging judges it)', () => {
    expect(judge(VertexEndpointLogSampling, endpoint(undefined), E).verdict).toBe('NOT_APPLICABLE');
    expect(judge(VertexEndpointLogSampling, endpoint({ enabled: false, sampling_rate: 0.5 }), E).verdict).toBe('NOT_APPLICABLE');
    expect(judge(VertexEndpointLogSampling, endpoint({ enabled: true, sampling_rate: 0 }), E).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when sampling_rate is a variable', () => {
    expect(judge(VertexEndpointLogSampling, endpoint({ enabled: true, sampling_rate: '${var.rate}' }), E).verdict).toBe('UNKNOWN');
  });
});
