-- Question: endpoint-volume. How many invocations did each principal make per hour, and which hours stand out?
-- Cloud: Azure. Engine: DuckDB, offline, over a forensic copy of the insights-logs-* containers.
-- Views: azure_ml_events (layout azure_ml, category AmlOnlineEndpointTrafficLog).
-- Parameters: $endpointName, $from, $to
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, principal, hour, count, outlier.
--   outlier is true for an hour whose count is over three times the median hourly count of all
--   principals in the window, as in queries/azure/endpoint-volume.kql.
-- Caveat: principal is IdentityData, NULL for key-authenticated requests (those are counted together).
WITH hourly AS (
  SELECT nullif(e.identityData, '') AS principal, date_trunc('hour', e.time) AS h, count(*) AS n
  FROM azure_ml_events AS e
  WHERE e.logTable = 'AmlOnlineEndpointTrafficLog'
    AND e.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND e.endpointName = $endpointName
  GROUP BY 1, 2
)
SELECT
  'azure' AS cloud,
  principal,
  strftime(h, '%Y-%m-%dT%H:00:00Z') AS hour,
  n AS count,
  n > 3 * (SELECT median(n) FROM hourly) AS outlier
FROM hourly
ORDER BY 3, 2
