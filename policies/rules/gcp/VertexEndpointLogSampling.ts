import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, asNumber } from '../../facts/gcp';

/** Endpoints that do not log at all are GCP.Vertex.EndpointRequestLogging's; this one judges partial sampling. */
export const VertexEndpointLogSampling: Rule = {
  id: 'GCP.Vertex.EndpointLogSampling',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_vertex_ai_endpoint'],
  description: 'A Vertex AI endpoint logs only a sample of its requests and responses.',
  rationale:
    'Extraction attacks are spread over many calls; a sample shows that they happened but not which inputs were ' +
    'sent, so the investigator cannot reconstruct what the attacker learned.',
  fix: "Use the kit's VertexAiAudit (samplingRate defaults to 1.0), or set predict_request_response_logging_config.sampling_rate = 1.0.",
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0024', 'AML.T0040'],
  thresholds: ['fullSamplingPercentage'],
  isApplicable: (endpoint, { model }) => {
    const enabled = asBool(model.get(endpoint, 'predict_request_response_logging_config.enabled'));
    const rate = asNumber(model.get(endpoint, 'predict_request_response_logging_config.sampling_rate'));
    return enabled !== false && enabled !== undefined && rate !== undefined && (isUnresolved(rate) || rate > 0);
  },
  check: (endpoint, { model, config }) => {
    const rate = asNumber(model.get(endpoint, 'predict_request_response_logging_config.sampling_rate'));
    if (isUnresolved(rate) || rate === undefined) return unknown('predict_request_response_logging_config.sampling_rate is a value known only at deploy');
    const floor = config.fullSamplingPercentage / 100;
    if (rate < floor) {
      return nonCompliant(`predict_request_response_logging_config.sampling_rate is ${rate}, below ${floor}: ${Math.round((1 - rate) * 100)} % of calls are not logged`);
    }
    return compliant(`predict_request_response_logging_config.sampling_rate is ${rate}`);
  },
};
