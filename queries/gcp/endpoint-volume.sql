-- Question: endpoint-volume. How many invocations did each principal make per hour, and which hours stand out?
-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function over the linked dataset.
-- Table: `{{dataset}}._AllLogs` (see endpoint-callers.sql).
-- Parameters, in order: endpointName STRING, from_time TIMESTAMP, to_time TIMESTAMP
--   endpointName: the endpoint ID (numeric), its full resource name, or a publisher model, as in endpoint-callers.
--   from_time / to_time: the catalog's from / to (reserved words in BigQuery); to is exclusive.
-- Answer columns: cloud, principal, hour, count, outlier.
--   One row per principal and hour with at least one call. outlier is true for an hour whose count is
--   over three times the median hourly count of all principals in the window (a new principal at high
--   volume stands out against the others), the same rule as the Azure query.
-- Caveat: the same predict calls as endpoint-callers: Data Access (DATA_READ) audit logs of
--   aiplatform.googleapis.com, written only when Data Access logs are enabled for Vertex AI. A caller
--   Google does not name (principal_email redacted) is counted under a null principal.
WITH hourly AS (
  SELECT
    l.proto_payload.audit_log.authentication_info.principal_email AS principal,
    TIMESTAMP_TRUNC(l.timestamp, HOUR) AS hour,
    COUNT(*) AS count
  FROM `{{dataset}}._AllLogs` AS l
  WHERE l.timestamp >= from_time
    AND l.timestamp < to_time
    AND l.log_id = 'cloudaudit.googleapis.com/data_access'
    AND l.proto_payload.audit_log.service_name = 'aiplatform.googleapis.com'
    AND REGEXP_CONTAINS(l.proto_payload.audit_log.method_name, r'^google\.cloud\.aiplatform\.v1(beta1)?\.PredictionService\.(Predict|RawPredict|StreamRawPredict|DirectPredict|DirectRawPredict|ServerStreamingPredict|StreamingPredict|StreamingRawPredict|Explain|GenerateContent|StreamGenerateContent)$')
    AND (
      l.proto_payload.audit_log.resource_name = endpointName
      OR ENDS_WITH(l.proto_payload.audit_log.resource_name, CONCAT('/endpoints/', endpointName))
      OR ENDS_WITH(l.proto_payload.audit_log.resource_name, CONCAT('/', endpointName))
    )
  GROUP BY 1, 2
),
typical AS (
  SELECT APPROX_QUANTILES(h.count, 2)[OFFSET(1)] AS median FROM hourly AS h
)
SELECT
  'gcp' AS cloud,
  h.principal AS principal,
  h.hour AS hour,
  h.count AS count,
  h.count > 3 * t.median AS outlier
FROM hourly AS h
CROSS JOIN typical AS t
ORDER BY 3, 2
