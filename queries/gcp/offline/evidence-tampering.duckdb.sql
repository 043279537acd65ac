-- Question: evidence-tampering. Did anyone stop or narrow logging, or change an evidence store?
-- Cloud: GCP. Engine: DuckDB, offline, over a forensic copy of the sink bucket.
-- Views: gcp_audit_logs (layout gcp_audit).
-- Parameters: $from, $to
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, principal, sourceIp, action, target, outcome.
--   The operations of queries/gcp/evidence-tampering.sql: sinks, exclusions, log buckets and views,
--   links, Logging settings and log deletion; audit-config changes (SetIamPolicy with
--   auditConfigDeltas); bucket updates, deletes and IAM changes; flow logs switched off on a subnet;
--   KMS key versions destroyed or changed. Denied attempts too: those IAM denied (Admin Activity,
--   their status code) and those VPC Service Controls or an organization policy denied (the Policy
--   Denied audit log, cloudaudit.googleapis.com/policy, every entry a denial: outcome its status
--   code, or 'denied by policy' when it names none).
-- Caveat: Admin Activity, always written; Policy Denied, written unless excluded; a sink's copy holds only what the sink routed before it was changed.
SELECT
  'gcp' AS cloud,
  strftime(l.time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time,
  l.principalEmail AS principal,
  l.callerIp AS sourceIp,
  l.serviceName || ':' || l.methodName AS action,
  l.resourceName AS target,
  CASE WHEN l.logId = 'cloudaudit.googleapis.com/policy' AND (l.statusCode IS NULL OR l.statusCode = 0) THEN 'denied by policy'
    WHEN l.statusCode IS NULL OR l.statusCode = 0 THEN 'OK' ELSE 'code ' || CAST(l.statusCode AS VARCHAR) || ': ' || coalesce(l.statusMessage, '') END AS outcome
FROM gcp_audit_logs AS l
WHERE l.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ))
  AND l.time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  AND l.logId IN ('cloudaudit.googleapis.com/activity', 'cloudaudit.googleapis.com/policy')
  AND (
    (l.serviceName = 'logging.googleapis.com'
      AND regexp_matches(l.methodName, '^google\.logging\.v2\.(ConfigServiceV2\.(DeleteSink|UpdateSink|CreateExclusion|UpdateExclusion|DeleteExclusion|UpdateBucket|UpdateBucketAsync|DeleteBucket|DeleteView|UpdateView|DeleteLink|UpdateSettings|UpdateCmekSettings)|LoggingServiceV2\.DeleteLog)$'))
    OR (l.methodName = 'SetIamPolicy'
      AND json_array_length(l.serviceData, '$.policyDelta.auditConfigDeltas') > 0)
    OR (l.serviceName = 'storage.googleapis.com'
      AND ((starts_with(l.methodName, 'storage.buckets.') AND l.methodName != 'storage.buckets.create')
        OR l.methodName = 'storage.setIamPermissions'))
    OR (l.serviceName = 'compute.googleapis.com'
      AND ends_with(l.methodName, 'compute.subnetworks.patch')
      AND (l.request->>'$.logConfig.enable' = 'false' OR l.request->>'$.enableFlowLogs' = 'false'))
    OR (l.serviceName = 'cloudkms.googleapis.com'
      AND regexp_matches(l.methodName, 'KeyManagementService\.(DestroyCryptoKeyVersion|UpdateCryptoKeyVersion|UpdateCryptoKeyPrimaryVersion)$'))
  )
ORDER BY l.time, 5
