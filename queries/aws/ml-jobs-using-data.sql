-- Question: ml-jobs-using-data. Which training jobs, pipelines or runs read this location in the window?
-- Cloud: AWS. Engine: Athena (engine version 3).
-- Table: cloudtrail_logs (see endpoint-callers.sql).
-- Parameters, in order: location (an s3:// URI or its prefix); from (ISO 8601); to (ISO 8601, exclusive).
-- Answer columns: cloud, time, job, principal, action, dataLocation. One row per job created in
--   the window whose first input reads under the location (or whose first input the location is
--   under), or whose request names a URI under the location in any other channel (dataLocation is
--   then the location asked for).
-- Caveat: CreateTrainingJob, CreateProcessingJob and CreateTransformJob are management events and
--   carry their input locations; a job that reads data its code names itself (not an input
--   channel) shows only in the S3 data events of that bucket (data-reads).
WITH given AS (
  SELECT
    CAST(? AS varchar) AS location,
    from_iso8601_timestamp(CAST(? AS varchar)) AS from_time,
    from_iso8601_timestamp(CAST(? AS varchar)) AS to_time
),
-- A bucket alone (s3://B) is that whole bucket, never another whose name starts alike (s3://B-copy):
-- it is compared as s3://B/. What follows the bucket is a key prefix, as S3Prefix reads it.
params AS (
  SELECT
    CASE WHEN strpos(substr(location, 6), '/') = 0 THEN concat(location, '/') ELSE location END AS location,
    from_time,
    to_time
  FROM given
),
jobs AS (
  SELECT
    t.eventtime,
    t.eventname,
    coalesce(t.useridentity.sessioncontext.sessionissuer.arn, t.useridentity.arn) AS principal,
    coalesce(
      json_extract_scalar(t.requestparameters, '$.trainingJobName'),
      json_extract_scalar(t.requestparameters, '$.processingJobName'),
      json_extract_scalar(t.requestparameters, '$.transformJobName')
    ) AS job,
    coalesce(
      json_extract_scalar(t.requestparameters, '$.inputDataConfig[0].dataSource.s3DataSource.s3Uri'),
      json_extract_scalar(t.requestparameters, '$.processingInputs[0].s3Input.s3Uri'),
      json_extract_scalar(t.requestparameters, '$.transformInput.dataSource.s3DataSource.s3Uri')
    ) AS first_input,
    t.requestparameters
  FROM cloudtrail_logs t
  CROSS JOIN params p
  -- The key's day is the day CloudTrail delivered the file, never before its events and most often
  -- within minutes: the partitions of --from's day through the day after --to's hold the window's
  -- events (one delivered later is not read: the offline run names such records), eventTime decides.
  WHERE t."timestamp" BETWEEN date_format(p.from_time, '%Y/%m/%d') AND date_format(least(p.to_time + INTERVAL '1' DAY, from_iso8601_timestamp('9999-12-31T23:59:59Z')), '%Y/%m/%d')
    AND t.eventsource = 'sagemaker.amazonaws.com'
    AND t.eventname IN ('CreateTrainingJob', 'CreateProcessingJob', 'CreateTransformJob')
    AND t.errorcode IS NULL
    AND from_iso8601_timestamp(t.eventtime) >= p.from_time
    AND from_iso8601_timestamp(t.eventtime) < p.to_time
)
SELECT
  'aws' AS "cloud",
  j.eventtime AS "time",
  j.job AS "job",
  j.principal AS "principal",
  j.eventname AS "action",
  CASE WHEN starts_with(concat(j.first_input, '/'), p.location) OR starts_with(p.location, j.input_prefix) THEN j.first_input ELSE p.location END AS "dataLocation"
FROM (
  -- The first input as a prefix: a bucket alone, as the location is, reads only that bucket.
  SELECT jobs.*, CASE WHEN strpos(substr(first_input, 6), '/') = 0 THEN concat(first_input, '/') ELSE first_input END AS input_prefix
  FROM jobs
) j
CROSS JOIN params p
WHERE starts_with(concat(j.first_input, '/'), p.location)
  OR starts_with(p.location, j.input_prefix)
  OR strpos(j.requestparameters, concat('"', p.location)) > 0
  OR strpos(j.requestparameters, concat('"', regexp_replace(p.location, '/$', ''), '"')) > 0
ORDER BY 2, 3
