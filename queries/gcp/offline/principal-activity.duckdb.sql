-- Question: principal-activity. What did this principal do in the window?
-- Cloud: GCP. Engine: DuckDB, offline, over a forensic copy of the sink bucket.
-- Views: gcp_audit_logs (layout gcp_audit).
-- Parameters: $principal, $from, $to
--   principal: a user or service-account e-mail, as the audit log writes it (principalEmail).
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, principal, credentialId, sourceIp, userAgent, action, target, outcome.
--   Calls the principal made itself, and calls made as a service account it impersonated (the
--   delegation chain names it). action is <service>:<method>; outcome is OK or the google.rpc code
--   and message of the failure, as in queries/gcp/principal-activity.sql.
-- Caveat: reads and data writes appear only where Data Access logs are enabled for the service.
SELECT
  'gcp' AS cloud,
  strftime(l.time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time,
  l.principalEmail AS principal,
  l.serviceAccountKeyName AS credentialId,
  l.callerIp AS sourceIp,
  l.userAgent AS userAgent,
  l.serviceName || ':' || l.methodName AS action,
  l.resourceName AS target,
  CASE WHEN l.statusCode IS NULL OR l.statusCode = 0 THEN 'OK' ELSE 'code ' || CAST(l.statusCode AS VARCHAR) || ': ' || coalesce(l.statusMessage, '') END AS outcome
FROM gcp_audit_logs AS l
WHERE l.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ))
  AND l.time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  AND starts_with(l.logId, 'cloudaudit.googleapis.com/')
  AND (l.principalEmail = $principal
    OR list_contains(CAST(json_extract_string(l.delegationInfo, '$[*].firstPartyPrincipal.principalEmail') AS VARCHAR[]), $principal))
ORDER BY l.time, 7, l.rawFile, l.rawLine
