import { BigQueryEvidenceDatasetCmek } from '../../../../policies/rules/gcp/BigQueryEvidenceDatasetCmek';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const D = 'google_bigquery_dataset.logs';
const endpoint = {
  display_name: 'm',
  location: 'us-central1',
  predict_request_response_logging_config: { enabled: true, sampling_rate: 1, bigquery_destination: { output_uri: 'bq://p.${google_bigquery_dataset.logs.dataset_id}' } },
};
const model = (dataset: Record<string, any>) =>
  tf({ google_bigquery_dataset: { logs: { dataset_id: 'request_logs', ...dataset } }, google_vertex_ai_endpoint: { e: endpoint }, google_kms_crypto_key: { k: { name: 'k', key_ring: 'r' } } });

describe('GCP.BigQuery.EvidenceDatasetCmek', () => {
  it('passes a request-log dataset whose default key references a crypto key of the input', () => {
    const j = judge(BigQueryEvidenceDatasetCmek, model({ default_encryption_configuration: { kms_key_name: '${google_kms_crypto_key.k.id}' } }), D);
    expect(j.verdict).toBe('COMPLIANT');
  });

  it('passes a literal key (block list form)', () => {
    expect(judge(BigQueryEvidenceDatasetCmek, model({ default_encryption_configuration: [{ kms_key_name: 'projects/p/locations/us/keyRings/r/cryptoKeys/k' }] }), D).verdict).toBe('COMPLIANT');
  });

  it('warns on a request-log dataset without a default key', () => {
    const j = judge(BigQueryEvidenceDatasetCmek, model({}), D);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/default_encryption_configuration.kms_key_name is absent/);
  });

  it('is not applicable to a dataset that holds no evidence', () => {
    expect(judge(BigQueryEvidenceDatasetCmek, tf({ google_bigquery_dataset: { logs: { dataset_id: 'sales' } } }), D).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the key is a variable', () => {
    expect(judge(BigQueryEvidenceDatasetCmek, model({ default_encryption_configuration: { kms_key_name: '${var.key}' } }), D).verdict).toBe('UNKNOWN');
  });
});
