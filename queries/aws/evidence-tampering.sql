-- Question: evidence-tampering. Did anyone stop or narrow logging, or change an evidence store?
-- Cloud: AWS. Engine: Athena (engine version 3).
-- Table: cloudtrail_logs (see endpoint-callers.sql).
-- Parameters, in order: from (ISO 8601); to (ISO 8601, exclusive).
-- Answer columns: cloud, time, principal, sourceIp, action, target, outcome.
--   Denied attempts are listed too (outcome is the error code): an attempt is evidence of intent.
-- Caveat: all management events, recorded by every trail; a trail that was stopped records its own
--   StopLogging, and nothing after it until StartLogging.
WITH params AS (
  SELECT
    from_iso8601_timestamp(CAST(? AS varchar)) AS from_time,
    from_iso8601_timestamp(CAST(? AS varchar)) AS to_time
)
SELECT
  'aws' AS "cloud",
  t.eventtime AS "time",
  coalesce(t.useridentity.sessioncontext.sessionissuer.arn, t.useridentity.arn) AS "principal",
  t.sourceipaddress AS "sourceIp",
  concat(split_part(t.eventsource, '.', 1), ':', t.eventname) AS "action",
  coalesce(
    json_extract_scalar(t.requestparameters, '$.name'),
    json_extract_scalar(t.requestparameters, '$.trailName'),
    json_extract_scalar(t.requestparameters, '$.bucketName'),
    json_extract_scalar(t.requestparameters, '$.logGroupName'),
    json_extract_scalar(t.requestparameters, '$.detectorId'),
    json_extract_scalar(t.requestparameters, '$.keyId'),
    json_extract_scalar(t.requestparameters, '$.resolverQueryLogConfigId'),
    json_extract_scalar(t.requestparameters, '$.endpointName'),
    json_extract_scalar(t.requestparameters, '$.configurationRecorderName')
  ) AS "target",
  coalesce(t.errorcode, 'Success') AS "outcome"
FROM cloudtrail_logs t
CROSS JOIN params p
-- The key's day is the day CloudTrail delivered the file, never before its events and most often
-- within minutes: the partitions of --from's day through the day after --to's hold the window's
-- events (one delivered later is not read: the offline run names such records), eventTime decides.
WHERE t."timestamp" BETWEEN date_format(p.from_time, '%Y/%m/%d') AND date_format(least(p.to_time + INTERVAL '1' DAY, from_iso8601_timestamp('9999-12-31T23:59:59Z')), '%Y/%m/%d')
  AND from_iso8601_timestamp(t.eventtime) >= p.from_time
  AND from_iso8601_timestamp(t.eventtime) < p.to_time
  AND (
    (t.eventsource = 'cloudtrail.amazonaws.com' AND t.eventname IN ('StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors', 'DeleteEventDataStore'))
    OR (t.eventsource = 's3.amazonaws.com' AND t.eventname IN ('PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketLifecycle', 'DeleteBucketLifecycle', 'PutBucketVersioning', 'PutObjectLockConfiguration', 'PutBucketLogging', 'PutBucketReplication', 'DeleteBucketReplication', 'DeleteBucket'))
    OR (t.eventsource = 'logs.amazonaws.com' AND t.eventname IN ('DeleteLogGroup', 'DeleteLogStream', 'PutRetentionPolicy', 'DeleteRetentionPolicy', 'DisassociateKmsKey'))
    OR (t.eventsource = 'ec2.amazonaws.com' AND t.eventname = 'DeleteFlowLogs')
    OR (t.eventsource = 'route53resolver.amazonaws.com' AND t.eventname IN ('DeleteResolverQueryLogConfig', 'DisassociateResolverQueryLogConfig'))
    OR (t.eventsource = 'guardduty.amazonaws.com' AND t.eventname IN ('DeleteDetector', 'UpdateDetector', 'DeletePublishingDestination'))
    OR (t.eventsource = 'kms.amazonaws.com' AND t.eventname IN ('ScheduleKeyDeletion', 'DisableKey', 'PutKeyPolicy'))
    OR (t.eventsource = 'config.amazonaws.com' AND t.eventname IN ('StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel'))
    OR (t.eventsource = 'sagemaker.amazonaws.com' AND t.eventname IN ('UpdateEndpoint', 'DeleteEndpoint'))
  )
ORDER BY 2, 5
