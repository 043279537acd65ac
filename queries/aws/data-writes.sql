-- Question: data-writes. Who wrote, overwrote or deleted objects in this location?
-- Cloud: AWS. Engine: Athena (engine version 3).
-- Table: cloudtrail_logs (see endpoint-callers.sql).
-- Parameters, in order: location (bucket/prefix, no s3://); from (ISO 8601); to (ISO 8601, exclusive).
-- Answer columns: cloud, time, principal, credentialId, sourceIp, action, object, outcome.
--   One row per object write under the location: PutObject, CopyObject (object is the copy's
--   destination), CompleteMultipartUpload, DeleteObject; denied attempts too (outcome is the error
--   code). A DeleteObjects (multi-object delete, what the S3 console sends) on the location's
--   bucket is listed with object s3://<bucket>/ because CloudTrail does not record its keys: the
--   bucket's server access logs do.
-- Caveat: S3 object writes are data events: recorded only for buckets the trail selects.
--   CloudTrail does not say whether a PutObject replaced an existing object: an overwrite is a
--   write to a key written before (an earlier row, or an older version in the versioned bucket).
-- A location that is a bucket alone (no '/') is that whole bucket: a '/' is added, so that
--   acme-training never matches acme-training-scratch; bucket/prefix is a key prefix in the bucket.
WITH given AS (
  SELECT
    CAST(? AS varchar) AS location,
    from_iso8601_timestamp(CAST(? AS varchar)) AS from_time,
    from_iso8601_timestamp(CAST(? AS varchar)) AS to_time
), params AS (
  SELECT CASE WHEN strpos(location, '/') = 0 THEN concat(location, '/') ELSE location END AS location, from_time, to_time
  FROM given
)
SELECT
  'aws' AS "cloud",
  t.eventtime AS "time",
  coalesce(t.useridentity.sessioncontext.sessionissuer.arn, t.useridentity.arn) AS "principal",
  t.useridentity.accesskeyid AS "credentialId",
  t.sourceipaddress AS "sourceIp",
  t.eventname AS "action",
  concat('s3://', json_extract_scalar(t.requestparameters, '$.bucketName'), '/', coalesce(json_extract_scalar(t.requestparameters, '$.key'), '')) AS "object",
  coalesce(t.errorcode, 'Success') AS "outcome"
FROM cloudtrail_logs t
CROSS JOIN params p
-- The key's day is the day CloudTrail delivered the file, never before its events and most often
-- within minutes: the partitions of --from's day through the day after --to's hold the window's
-- events (one delivered later is not read: the offline run names such records), eventTime decides.
WHERE t."timestamp" BETWEEN date_format(p.from_time, '%Y/%m/%d') AND date_format(least(p.to_time + INTERVAL '1' DAY, from_iso8601_timestamp('9999-12-31T23:59:59Z')), '%Y/%m/%d')
  AND t.eventsource = 's3.amazonaws.com'
  AND (
    (t.eventname IN ('PutObject', 'CopyObject', 'CompleteMultipartUpload', 'DeleteObject')
      AND starts_with(concat(json_extract_scalar(t.requestparameters, '$.bucketName'), '/', json_extract_scalar(t.requestparameters, '$.key')), p.location))
    OR (t.eventname = 'DeleteObjects'
      AND json_extract_scalar(t.requestparameters, '$.bucketName') = split_part(p.location, '/', 1))
  )
  AND from_iso8601_timestamp(t.eventtime) >= p.from_time
  AND from_iso8601_timestamp(t.eventtime) < p.to_time
ORDER BY 2, 3, 7
