-- Question: credential-origin. How did this principal get its credentials?
-- Cloud: AWS. Engine: Athena (engine version 3).
-- Table: cloudtrail_logs (see endpoint-callers.sql).
-- Parameters, in order: principal (a role or user ARN); from (ISO 8601); to (ISO 8601, exclusive).
-- Answer columns: cloud, time, principal, action, sourcePrincipal, credentialId, sourceIp, userAgent.
--   Each row is one step that issued credentials for the principal: a role assumption (by whom,
--   which temporary key it returned), a session or federation token, an access key created.
-- Caveat: these are management events, recorded by every trail; follow sourcePrincipal back with
--   this same question to walk the chain.
WITH params AS (
  SELECT
    CAST(? AS varchar) AS principal,
    from_iso8601_timestamp(CAST(? AS varchar)) AS from_time,
    from_iso8601_timestamp(CAST(? AS varchar)) AS to_time
)
SELECT
  'aws' AS "cloud",
  t.eventtime AS "time",
  p.principal AS "principal",
  t.eventname AS "action",
  t.useridentity.arn AS "sourcePrincipal",
  coalesce(
    json_extract_scalar(t.responseelements, '$.credentials.accessKeyId'),
    json_extract_scalar(t.responseelements, '$.accessKey.accessKeyId')
  ) AS "credentialId",
  t.sourceipaddress AS "sourceIp",
  t.useragent AS "userAgent"
FROM cloudtrail_logs t
CROSS JOIN params p
-- The key's day is the day CloudTrail delivered the file, never before its events and most often
-- within minutes: the partitions of --from's day through the day after --to's hold the window's
-- events (one delivered later is not read: the offline run names such records), eventTime decides.
WHERE t."timestamp" BETWEEN date_format(p.from_time, '%Y/%m/%d') AND date_format(least(p.to_time + INTERVAL '1' DAY, from_iso8601_timestamp('9999-12-31T23:59:59Z')), '%Y/%m/%d')
  AND from_iso8601_timestamp(t.eventtime) >= p.from_time
  AND from_iso8601_timestamp(t.eventtime) < p.to_time
  AND t.errorcode IS NULL
  AND (
    (t.eventsource = 'sts.amazonaws.com'
      AND t.eventname IN ('AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity')
      AND json_extract_scalar(t.requestparameters, '$.roleArn') = p.principal)
    OR (t.eventsource = 'sts.amazonaws.com'
      AND t.eventname IN ('GetSessionToken', 'GetFederationToken')
      AND t.useridentity.arn = p.principal)
    OR (t.eventsource = 'iam.amazonaws.com'
      AND t.eventname = 'CreateAccessKey'
      AND p.principal = concat('arn:aws:iam::', t.recipientaccountid, ':user/', json_extract_scalar(t.requestparameters, '$.userName')))
  )
ORDER BY 2, 4
