/**
 * Vertex AI online prediction request-response logs, exported from their BigQuery table as JSON
 * lines (`bq extract --destination_format NEWLINE_DELIMITED_JSON`): one row per line with the
 * table's columns endpoint, deployed_model_id, logging_time, request_id, request_payload and
 * response_payload (https://cloud.google.com/vertex-ai/docs/predictions/online-prediction-logging#request-response).
 * The rows name no caller: they give volume and timing, and what was asked and answered.
 */
import type { Layout } from '../layout';
import { firstLineHas } from '../json-lines';
import { jsonLinesSql, readableTime, untimedLinesSql } from '../sql';

/** A record's time (the records whose logging_time is not a readable time are in untimed_gcp_vertex_requests). */
const TIME = "regexp_replace(j->>'$.logging_time', ' UTC$', '')";

export const GCP_VERTEX_REQUESTS: Layout = {
  id: 'gcp_vertex_requests',
  cloud: 'gcp',
  title: 'Vertex AI request-response logging rows (JSON lines export)',
  matches: (relativePath, head) => /\.json(l)?$/.test(relativePath) && firstLineHas(head, ['endpoint', 'deployed_model_id', 'logging_time', 'request_payload']),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('gcp_vertex_requests', files, root, unreadable)}
${untimedLinesSql('gcp_vertex_requests', 'logging_time', TIME, 'UTC')}
CREATE OR REPLACE VIEW gcp_vertex_requests AS
SELECT
  ${readableTime(TIME, 'UTC')} AS time,
  j->>'$.endpoint' AS endpoint,
  regexp_extract(j->>'$.endpoint', '^projects/([^/]+)/', 1) AS project,
  j->>'$.deployed_model_id' AS deployedModelId,
  j->>'$.request_id' AS requestId,
  CAST(j->'$.request_payload' AS VARCHAR) AS requestPayload,
  CAST(j->'$.response_payload' AS VARCHAR) AS responsePayload,
  rawFile,
  rawLine
FROM (SELECT rawFile, rawLine, j FROM lines_gcp_vertex_requests)
WHERE (j->>'$.deployed_model_id') IS NOT NULL AND (${readableTime(TIME, 'UTC')}) IS NOT NULL;

CREATE OR REPLACE VIEW events_gcp_vertex_requests AS
SELECT
  time, 'gcp' AS cloud, project AS account, NULL::VARCHAR AS principal, NULL::VARCHAR AS credentialId,
  NULL::VARCHAR AS sourceIp, NULL::VARCHAR AS userAgent, 'aiplatform:PredictionLog' AS action, endpoint AS target,
  NULL::VARCHAR AS outcome, rawFile, rawLine
FROM gcp_vertex_requests;
`,
};
