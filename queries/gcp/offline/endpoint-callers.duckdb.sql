-- Question: endpoint-callers. Who invoked the model endpoint, with which credentials, from where?
-- Cloud: GCP. Engine: DuckDB, offline, over a forensic copy of the sink bucket.
-- Views: gcp_audit_logs (layout gcp_audit, deduplicated on insertId and timestamp).
-- Parameters: $endpointName, $from, $to
--   endpointName: the endpoint ID (numeric), its full resource name, or a publisher model path.
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, principal, credentialId, sourceIp, userAgent, firstSeen, lastSeen, count.
--   The same answer as queries/gcp/endpoint-callers.sql: Vertex AI predict calls (Data Access logs of
--   aiplatform.googleapis.com) grouped by caller, key, address and user agent. A denied call (status
--   code other than 0, or an authorizationInfo entry granted false) invoked nothing and is not
--   counted (principal-activity lists it, with its outcome).
-- Caveat: written only when Data Access logs are enabled for Vertex AI.
SELECT
  'gcp' AS cloud,
  l.principalEmail AS principal,
  l.serviceAccountKeyName AS credentialId,
  l.callerIp AS sourceIp,
  l.userAgent AS userAgent,
  strftime(min(l.time), '%Y-%m-%dT%H:%M:%S.%gZ') AS firstSeen,
  strftime(max(l.time), '%Y-%m-%dT%H:%M:%S.%gZ') AS lastSeen,
  count(*) AS count
FROM gcp_audit_logs AS l
WHERE l.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ))
  AND l.time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  AND l.logId = 'cloudaudit.googleapis.com/data_access'
  AND l.serviceName = 'aiplatform.googleapis.com'
  AND regexp_matches(l.methodName, '^google\.cloud\.aiplatform\.v1(beta1)?\.PredictionService\.(Predict|RawPredict|StreamRawPredict|DirectPredict|DirectRawPredict|ServerStreamingPredict|StreamingPredict|StreamingRawPredict|Explain|GenerateContent|StreamGenerateContent)$')
  AND (l.resourceName = $endpointName
    OR ends_with(l.resourceName, '/endpoints/' || $endpointName)
    OR ends_with(l.resourceName, '/' || $endpointName))
  -- A denied call (a status code other than 0, or a permission not granted) is no invocation.
  AND NOT ((l.statusCode IS NOT NULL AND l.statusCode <> 0)
    OR coalesce(list_contains(CAST(json_extract_string(l.authorizationInfo, '$[*].granted') AS VARCHAR[]), 'false'), false))
GROUP BY 2, 3, 4, 5
ORDER BY 8 DESC, 2, 3, 4, 5
