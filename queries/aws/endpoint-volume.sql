-- Question: endpoint-volume. How many invocations did each principal make per hour, and which hours stand out?
-- Cloud: AWS. Engine: Athena (engine version 3).
-- Table: cloudtrail_logs (see endpoint-callers.sql).
-- Parameters, in order: endpointName; from (ISO 8601); to (ISO 8601, exclusive).
-- Answer columns: cloud, principal, hour, count, outlier. One row per principal and hour with
--   invocations; outlier is true when the hour's count is more than three times the mean of all
--   rows of the answer (and at least 10).
-- Caveat: answered where CloudTrail records the invoke calls (data events on
--   AWS::SageMaker::Endpoint, documented inconsistently by AWS); the endpoint's data capture and
--   its Invocations metric give the volume per hour in every case, without the caller.
WITH params AS (
  SELECT
    CAST(? AS varchar) AS endpoint_name,
    from_iso8601_timestamp(CAST(? AS varchar)) AS from_time,
    from_iso8601_timestamp(CAST(? AS varchar)) AS to_time
),
hourly AS (
  SELECT
    coalesce(t.useridentity.sessioncontext.sessionissuer.arn, t.useridentity.arn) AS principal,
    date_format(date_trunc('hour', from_iso8601_timestamp(t.eventtime)), '%Y-%m-%dT%H:00:00Z') AS hour,
    count(*) AS invocations
  FROM cloudtrail_logs t
  CROSS JOIN params p
  -- The key's day is the day CloudTrail delivered the file, never before its events and most often
  -- within minutes: the partitions of --from's day through the day after --to's hold the window's
  -- events (one delivered later is not read: the offline run names such records), eventTime decides.
  WHERE t."timestamp" BETWEEN date_format(p.from_time, '%Y/%m/%d') AND date_format(least(p.to_time + INTERVAL '1' DAY, from_iso8601_timestamp('9999-12-31T23:59:59Z')), '%Y/%m/%d')
    AND t.eventsource = 'sagemaker.amazonaws.com'
    AND t.eventname IN ('InvokeEndpoint', 'InvokeEndpointAsync', 'InvokeEndpointWithResponseStream')
    AND json_extract_scalar(t.requestparameters, '$.endpointName') = p.endpoint_name
    AND from_iso8601_timestamp(t.eventtime) >= p.from_time
    AND from_iso8601_timestamp(t.eventtime) < p.to_time
  GROUP BY 1, 2
)
SELECT
  'aws' AS "cloud",
  h.principal AS "principal",
  h.hour AS "hour",
  h.invocations AS "count",
  h.invocations >= 10 AND h.invocations > 3 * avg(h.invocations) OVER () AS "outlier"
FROM hourly h
ORDER BY 3, 2
