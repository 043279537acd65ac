-- Question: principal-activity. What did this principal do in the window?
-- Cloud: AWS. Engine: Athena (engine version 3).
-- Table: cloudtrail_logs (see endpoint-callers.sql).
-- Parameters, in order: principal (a role or user ARN, or one session's assumed-role ARN); from
--   (ISO 8601); to (ISO 8601, exclusive).
-- Answer columns: cloud, time, principal, credentialId, sourceIp, userAgent, action, target, outcome.
--   One row per call the principal made: a role matches every session of it (principal is then
--   the role), a session's ARN only that session. action is <service>:<eventName>; target is the
--   first resource CloudTrail names, else the name, bucket, endpoint or role in the request;
--   outcome is the error code of a denied or failed call (an attempt is evidence too).
-- Caveat: management events are recorded by every trail; object reads and writes and endpoint
--   invocations only as the data events the trail selects. Calls another principal made for it
--   (AssumeRole of the role by a user) are the other principal's activity: see credential-origin.
WITH params AS (
  SELECT
    CAST(? AS varchar) AS principal,
    from_iso8601_timestamp(CAST(? AS varchar)) AS from_time,
    from_iso8601_timestamp(CAST(? AS varchar)) AS to_time
)
SELECT
  'aws' AS "cloud",
  t.eventtime AS "time",
  coalesce(t.useridentity.sessioncontext.sessionissuer.arn, t.useridentity.arn) AS "principal",
  t.useridentity.accesskeyid AS "credentialId",
  t.sourceipaddress AS "sourceIp",
  t.useragent AS "userAgent",
  concat(split_part(t.eventsource, '.', 1), ':', t.eventname) AS "action",
  coalesce(
    element_at(t.resources, 1).arn,
    json_extract_scalar(t.requestparameters, '$.name'),
    json_extract_scalar(t.requestparameters, '$.bucketName'),
    json_extract_scalar(t.requestparameters, '$.endpointName'),
    json_extract_scalar(t.requestparameters, '$.roleArn')
  ) AS "target",
  coalesce(t.errorcode, 'Success') AS "outcome"
FROM cloudtrail_logs t
CROSS JOIN params p
-- The key's day is the day CloudTrail delivered the file, never before its events and most often
-- within minutes: the partitions of --from's day through the day after --to's hold the window's
-- events (one delivered later is not read: the offline run names such records), eventTime decides.
WHERE t."timestamp" BETWEEN date_format(p.from_time, '%Y/%m/%d') AND date_format(least(p.to_time + INTERVAL '1' DAY, from_iso8601_timestamp('9999-12-31T23:59:59Z')), '%Y/%m/%d')
  AND (t.useridentity.arn = p.principal OR t.useridentity.sessioncontext.sessionissuer.arn = p.principal)
  AND from_iso8601_timestamp(t.eventtime) >= p.from_time
  AND from_iso8601_timestamp(t.eventtime) < p.to_time
ORDER BY 2, 7, 8
