-- Question: endpoint-volume. How many invocations did each principal make per hour, and which hours stand out?
-- Cloud: GCP. Engine: DuckDB, offline, over a forensic copy of the sink bucket.
-- Views: gcp_audit_logs (layout gcp_audit).
-- Parameters: $endpointName, $from, $to
--   endpointName: the endpoint ID (numeric) or its full resource name.
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, principal, hour, count, outlier. One row per principal and hour with predict
--   calls (a denied call, status code other than 0 or an authorizationInfo entry granted false,
--   invoked nothing and is not counted; principal-activity lists it); outlier is true when the hour's count is more than three times the mean of all rows of the
--   answer (and at least 10), as on AWS.
-- Caveat: from Data Access logs of aiplatform.googleapis.com. The request-response rows
--   (gcp_vertex_requests) give the volume without the caller where audit logs are off.
WITH hourly AS (
  SELECT
    l.principalEmail AS principal,
    strftime(date_trunc('hour', l.time), '%Y-%m-%dT%H:00:00Z') AS hour,
    count(*) AS n
  FROM gcp_audit_logs AS l
  WHERE l.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ))
    AND l.time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND l.logId = 'cloudaudit.googleapis.com/data_access'
    AND l.serviceName = 'aiplatform.googleapis.com'
    AND regexp_matches(l.methodName, '^google\.cloud\.aiplatform\.v1(beta1)?\.PredictionService\.')
    AND (l.resourceName = $endpointName OR ends_with(l.resourceName, '/endpoints/' || $endpointName))
    -- A denied call (a status code other than 0, or a permission not granted) is no invocation.
    AND NOT ((l.statusCode IS NOT NULL AND l.statusCode <> 0)
      OR coalesce(list_contains(CAST(json_extract_string(l.authorizationInfo, '$[*].granted') AS VARCHAR[]), 'false'), false))
  GROUP BY 1, 2
)
SELECT
  'gcp' AS cloud,
  h.principal AS principal,
  h.hour AS hour,
  h.n AS count,
  h.n >= 10 AND h.n > 3 * avg(h.n) OVER () AS outlier
FROM hourly AS h
ORDER BY 3, 2
