-- Question: endpoint-callers. Who invoked the model endpoint, with which credentials, from where?
-- Cloud: AWS. Engine: Athena (engine version 3).
-- Table: cloudtrail_logs, the CloudTrail table of the InvestigationPack (partition projection on
--   account, region and "timestamp" as yyyy/MM/dd).
-- Parameters, in order: endpointName; from (ISO 8601); to (ISO 8601, exclusive).
-- Answer columns: cloud, principal, credentialId, sourceIp, userAgent, firstSeen, lastSeen, count.
-- Caveat: answered where recorded. CloudTrail records the invoke calls only as data events on
--   AWS::SageMaker::Endpoint, and AWS documents which of them it logs inconsistently; the volume
--   and timing also come from data capture and the endpoint's invocation metrics.
WITH params AS (
  SELECT
    CAST(? AS varchar) AS endpoint_name,
    from_iso8601_timestamp(CAST(? AS varchar)) AS from_time,
    from_iso8601_timestamp(CAST(? AS varchar)) AS to_time
)
SELECT
  'aws' AS "cloud",
  coalesce(t.useridentity.sessioncontext.sessionissuer.arn, t.useridentity.arn) AS "principal",
  t.useridentity.accesskeyid AS "credentialId",
  t.sourceipaddress AS "sourceIp",
  t.useragent AS "userAgent",
  min(t.eventtime) AS "firstSeen",
  max(t.eventtime) AS "lastSeen",
  count(*) AS "count"
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
GROUP BY 2, 3, 4, 5
ORDER BY 8 DESC, 2, 3, 4, 5
