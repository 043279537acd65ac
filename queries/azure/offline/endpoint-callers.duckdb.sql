-- Question: endpoint-callers. Who invoked the model endpoint, with which credentials, from where?
-- Cloud: Azure. Engine: DuckDB, offline, over a forensic copy of the insights-logs-* containers.
-- Views: azure_ml_events (layout azure_ml, category AmlOnlineEndpointTrafficLog).
-- Parameters: $endpointName, $from, $to
--   endpointName: the online endpoint's name.
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, principal, credentialId, sourceIp, userAgent, firstSeen, lastSeen, count.
--   principal is IdentityData (the caller's Entra object id from the token), NULL for a request
--   authenticated with an endpoint key; credentialId is AuthType (Key, AMLToken, AADToken).
-- Caveat: the traffic log records no client address: sourceIp is always NULL (take the address from
--   the caller's sign-ins, credential-origin). Recorded only where the endpoint's diagnostic setting exists.
SELECT
  'azure' AS cloud,
  nullif(e.identityData, '') AS principal,
  e.authType AS credentialId,
  NULL::VARCHAR AS sourceIp,
  e.userAgent AS userAgent,
  strftime(min(e.time), '%Y-%m-%dT%H:%M:%S.%gZ') AS firstSeen,
  strftime(max(e.time), '%Y-%m-%dT%H:%M:%S.%gZ') AS lastSeen,
  count(*) AS count
FROM azure_ml_events AS e
WHERE e.logTable = 'AmlOnlineEndpointTrafficLog'
  AND e.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  AND e.endpointName = $endpointName
GROUP BY 2, 3, 5
ORDER BY 8 DESC, 2, 3, 5
