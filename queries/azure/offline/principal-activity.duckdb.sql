-- Question: principal-activity. What did this principal do in the window?
-- Cloud: Azure. Engine: DuckDB, offline, over a forensic copy of the insights-* containers.
-- Views: azure_activity_logs (layout azure_activity), azure_storage_blob_logs (layout
--   azure_storage_blob), azure_ml_events (layout azure_ml, AmlOnlineEndpointTrafficLog).
-- Parameters: $principal, $from, $to
--   principal: an Entra object id, a user principal name or an application id, each case-insensitive
--   (a GUID is the same id in either case).
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, principal, credentialId, sourceIp, userAgent, action, target, outcome.
--   credentialId is the token's uti claim on the Activity log (the uniqueTokenIdentifier of the
--   sign-in that issued it, see credential-origin), the token or key hash on blob logs, the AuthType
--   on the endpoint. The Activity log writes a row per status of one operation (Start, Success...).
-- Caveat: the Activity log records no user agent and the endpoint traffic log no client address
--   (NULL). Requests made with an account key or a SAS carry no identity and are not attributed here.
WITH rows AS (
  SELECT a.time, a.tokenId AS credentialId, a.callerIpAddress AS sourceIp, NULL::VARCHAR AS userAgent,
    a.operationName AS action, a.resourceId AS target, a.resultType AS outcome
  FROM azure_activity_logs AS a
  WHERE a.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND (lower(a.caller) = lower($principal) OR lower(a.objectId) = lower($principal) OR lower(a.appId) = lower($principal))
  UNION ALL
  SELECT b.time, b.authenticationHash, b.sourceIp, b.userAgent, 'storage:' || b.operationName,
    split_part(b.uri, '?', 1), b.statusText
  FROM azure_storage_blob_logs AS b
  WHERE b.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND (lower(b.requesterObjectId) = lower($principal) OR lower(b.requesterUpn) = lower($principal) OR lower(b.requesterAppId) = lower($principal))
  UNION ALL
  SELECT e.time, e.authType, NULL, e.userAgent, 'endpoint:' || e.method || ' ' || e.path,
    e.endpointName || '/' || e.deploymentName, CAST(e.responseCode AS VARCHAR)
  FROM azure_ml_events AS e
  WHERE e.logTable = 'AmlOnlineEndpointTrafficLog'
    AND e.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND lower(e.identityData) = lower($principal)
)
SELECT 'azure' AS cloud, strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time, $principal AS principal, credentialId, sourceIp, userAgent, action, target, outcome
FROM rows
ORDER BY rows.time, action
