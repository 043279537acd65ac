import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, asNumber, referencesType, requestLogDestination, show } from '../../facts/gcp';

/**
 * Data Access logs say who called predict, but not with what or what came back; request-response
 * logging writes both into BigQuery. A sampling rate of 0 or an absent one logs nothing. A
 * destination that names no dataset of the inputs (another project's) cannot be judged here:
 * UNKNOWN; one of the inputs is judged by the dataset rules, as a log dataset.
 */
export const VertexEndpointRequestLogging: Rule = {
  id: 'GCP.Vertex.EndpointRequestLogging',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_vertex_ai_endpoint'],
  description: 'A Vertex AI endpoint does not log its requests and responses to BigQuery.',
  rationale:
    'Model extraction and inversion show up as the inputs a caller sent and the outputs they got; without ' +
    'request-response logs an investigator can count calls but not say what was taken.',
  fix:
    "Use the kit's VertexAiAudit (endpoints log every request by default), or set predict_request_response_logging_config { enabled = true, " +
    'sampling_rate = 1.0, bigquery_destination { output_uri = "bq://<project>.<dataset>" } } on the endpoint.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0024', 'AML.T0040'],
  check: (endpoint, { model }) => {
    const block = model.get(endpoint, 'predict_request_response_logging_config');
    if (isUnresolved(block)) return unknown('predict_request_response_logging_config is a value known only at deploy');
    if (block === undefined || (Array.isArray(block) && block.length === 0)) {
      return nonCompliant('predict_request_response_logging_config is absent: requests and responses are not logged');
    }
    const enabled = asBool(model.get(endpoint, 'predict_request_response_logging_config.enabled'));
    if (isUnresolved(enabled)) return unknown('predict_request_response_logging_config.enabled is a value known only at deploy');
    if (enabled !== true) return nonCompliant(`predict_request_response_logging_config.enabled is ${show(enabled)}`);
    const raw = model.get(endpoint, 'predict_request_response_logging_config.sampling_rate');
    const rate = asNumber(raw);
    if (isUnresolved(rate)) return unknown('predict_request_response_logging_config.sampling_rate is a value known only at deploy');
    if (rate === undefined || rate <= 0) {
      return nonCompliant(`predict_request_response_logging_config.sampling_rate is ${show(raw)}: no request is logged`);
    }
    const uri = model.get(endpoint, 'predict_request_response_logging_config.bigquery_destination.output_uri');
    if (isUnresolved(uri)) {
      // A reference to a dataset in the input is still a destination, even if its text is known only at deploy.
      if (referencesType(model, endpoint, 'predict_request_response_logging_config.bigquery_destination.output_uri', 'google_bigquery_dataset')) {
        return compliant(`request-response logging is enabled with sampling_rate ${rate} into a BigQuery dataset of the input`);
      }
      return unknown('predict_request_response_logging_config.bigquery_destination.output_uri is a value known only at deploy');
    }
    if (typeof uri !== 'string' || !uri.startsWith('bq://')) {
      return nonCompliant(`predict_request_response_logging_config.bigquery_destination.output_uri is ${show(uri)}, not a bq:// URI`);
    }
    const datasets = requestLogDestination(model, endpoint);
    if (datasets.length === 0) {
      return unknown(
        `predict_request_response_logging_config.bigquery_destination.output_uri is ${JSON.stringify(uri)}, which names no BigQuery dataset of the inputs: ` +
          'its protections (CMEK, delete_contents_on_destroy, prevent_destroy) cannot be checked here',
      );
    }
    return compliant(`request-response logging is enabled with sampling_rate ${rate} into ${uri} (${datasets.map((d) => d.address).join(', ')})`);
  },
};
