-- Question: endpoint-volume. How many invocations did each principal make per hour, and which hours stand out?
-- Cloud: AWS. Engine: Athena (engine version 3). Answered from SageMaker data capture.
-- Table: sagemaker_data_capture, the endpoints' data capture of the InvestigationPack (JSON
--   lines; partition projection on endpoint, variant and "datehour" as yyyy/MM/dd/HH).
-- Parameters, in order: endpointName; from (ISO 8601); to (ISO 8601, exclusive).
-- Answer columns: cloud, principal, hour, count, outlier. One row per hour with captured requests,
--   all variants of the endpoint together; principal is NULL: a capture record names no caller.
--   outlier is true when the hour's count is more than three times the mean of all rows of the
--   answer (and at least 10), as in endpoint-volume.sql.
-- Caveat: data capture keeps the sampled share of requests (the kit sets 100 %) and stops
--   capturing while the endpoint's disk is nearly full; it records every request it keeps,
--   whether or not CloudTrail records the invoke call. Join the hours with endpoint-volume.sql
--   (CloudTrail) for the callers, and with the endpoint's Invocations metric for the total.
WITH params AS (
  SELECT
    CAST(? AS varchar) AS endpoint_name,
    from_iso8601_timestamp(CAST(? AS varchar)) AS from_time,
    from_iso8601_timestamp(CAST(? AS varchar)) AS to_time
),
hourly AS (
  SELECT
    date_format(date_trunc('hour', from_iso8601_timestamp(c.eventmetadata.inferencetime)), '%Y-%m-%dT%H:00:00Z') AS hour,
    count(*) AS invocations
  FROM sagemaker_data_capture c
  CROSS JOIN params p
  WHERE c.endpoint = p.endpoint_name
    -- A key's hour is not the hour of each record in its file: the partitions of the hour before
    -- --from's through the hour after --to's hold the window's records (one further off is not
    -- read: the offline run names such records), inferenceTime decides, each counted once.
    AND c.datehour BETWEEN date_format(greatest(p.from_time - INTERVAL '1' HOUR, from_iso8601_timestamp('0001-01-01T00:00:00Z')), '%Y/%m/%d/%H') AND date_format(least(p.to_time + INTERVAL '1' HOUR, from_iso8601_timestamp('9999-12-31T23:59:59Z')), '%Y/%m/%d/%H')
    AND from_iso8601_timestamp(c.eventmetadata.inferencetime) >= p.from_time
    AND from_iso8601_timestamp(c.eventmetadata.inferencetime) < p.to_time
  GROUP BY 1
)
SELECT
  'aws' AS "cloud",
  CAST(NULL AS varchar) AS "principal",
  h.hour AS "hour",
  h.invocations AS "count",
  h.invocations >= 10 AND h.invocations > 3 * avg(h.invocations) OVER () AS "outlier"
FROM hourly h
ORDER BY 3
