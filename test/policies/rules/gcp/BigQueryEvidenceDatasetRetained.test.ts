import { BigQueryEvidenceDatasetRetained } from '../../../../policies/rules/gcp/BigQueryEvidenceDatasetRetained';
import { judge } from '../../helpers';
import { plan, tf } from './_gcp';

const D = 'google_bigquery_dataset.logs';
const resources = (dataset: Record<string, any>) => ({
  google_bigquery_dataset: { logs: { dataset_id: 'endpoint_logs', project: 'ml-prod', lifecycle: { prevent_destroy: true }, ...dataset } },
  google_vertex_ai_endpoint: {
    e: { name: 'e', display_name: 'e', location: 'l', predict_request_response_logging_config: { enabled: true, sampling_rate: 1, bigquery_destination: { output_uri: 'bq://ml-prod.endpoint_logs' } } },
  },
});

describe('GCP.BigQuery.EvidenceDatasetRetained', () => {
  it('passes a request-log dataset with prevent_destroy and no expiration', () => {
    expect(judge(BigQueryEvidenceDatasetRetained, tf(resources({})), D).verdict).toBe('COMPLIANT');
  });

  it('passes a table expiration at the floor', () => {
    expect(judge(BigQueryEvidenceDatasetRetained, tf(resources({ default_table_expiration_ms: 365 * 86_400_000 })), D).verdict).toBe('COMPLIANT');
  });

  it('warns on delete_contents_on_destroy true', () => {
    expect(judge(BigQueryEvidenceDatasetRetained, tf(resources({ delete_contents_on_destroy: true })), D).reason).toMatch(/delete_contents_on_destroy is true/);
  });

  it('warns on a table expiration below the floor', () => {
    const j = judge(BigQueryEvidenceDatasetRetained, tf(resources({ default_table_expiration_ms: 3_600_000 })), D);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/default_table_expiration_ms is 3600000/);
  });

  it('warns on a partition expiration below the floor', () => {
    expect(judge(BigQueryEvidenceDatasetRetained, tf(resources({ default_partition_expiration_ms: '86400000' })), D).reason).toMatch(/default_partition_expiration_ms/);
  });

  it('warns on time travel below 7 days; passes it at 168 hours and unset (the default); UNKNOWN from a variable', () => {
    const j = judge(BigQueryEvidenceDatasetRetained, tf(resources({ max_time_travel_hours: '48' })), D);
    expect([j.verdict, j.reason]).toEqual(['NON_COMPLIANT', 'max_time_travel_hours is "48": a changed or deleted table can be recovered for less than the 7 days (168 hours) BigQuery can keep']);
    expect(judge(BigQueryEvidenceDatasetRetained, tf(resources({ max_time_travel_hours: '168' })), D).reason).toMatch(/time travel 168 hours$/);
    expect(judge(BigQueryEvidenceDatasetRetained, tf(resources({})), D).reason).toMatch(/time travel 168 hours \(the default\)$/);
    expect(judge(BigQueryEvidenceDatasetRetained, tf(resources({ max_time_travel_hours: '${var.hours}' })), D).verdict).toBe('UNKNOWN');
  });

  it('warns without lifecycle prevent_destroy', () => {
    expect(judge(BigQueryEvidenceDatasetRetained, tf(resources({ lifecycle: undefined })), D).reason).toMatch(/prevent_destroy is not true/);
  });

  it('applies to a dataset a log sink writes into', () => {
    const m = tf({
      google_bigquery_dataset: { logs: { dataset_id: 'audit' } },
      google_logging_project_sink: { s: { name: 's', destination: 'bigquery.googleapis.com/projects/p/datasets/${google_bigquery_dataset.logs.dataset_id}' } },
    });
    expect(judge(BigQueryEvidenceDatasetRetained, m, D).verdict).toBe('NON_COMPLIANT');
  });

  it('does not apply to a dataset that holds no logs', () => {
    expect(judge(BigQueryEvidenceDatasetRetained, tf({ google_bigquery_dataset: { logs: { dataset_id: 'features' } } }), D).verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when the expiration is a variable', () => {
    expect(judge(BigQueryEvidenceDatasetRetained, tf(resources({ default_table_expiration_ms: '${var.expiry}' })), D).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN in a plan, which does not record lifecycle', () => {
    expect(judge(BigQueryEvidenceDatasetRetained, plan(resources({})), D).verdict).toBe('UNKNOWN');
  });
});
