-- Question: evidence-tampering. Did anyone stop or narrow logging, or change an evidence store?
-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function over the linked dataset.
-- Table: `{{dataset}}._AllLogs` (see endpoint-callers.sql).
-- Parameters, in order: from_time TIMESTAMP, to_time TIMESTAMP
--   from_time / to_time: the catalog's from / to (reserved words in BigQuery); to is exclusive.
-- Answer columns: cloud, time, principal, sourceIp, action, target, outcome.
--   Sinks, exclusions, log buckets, log views, the linked dataset, Logging settings and log deletion
--   (logging.googleapis.com); audit-config changes (SetIamPolicy whose policyDelta has
--   auditConfigDeltas); bucket updates, deletes and IAM changes (storage.googleapis.com: retention
--   policy, lock, lifecycle, versioning are bucket updates); flow logs switched off on a subnet;
--   KMS key versions destroyed or changed. Denied attempts are listed too: an attempt is evidence of intent.
-- Caveat: all Admin Activity, always written, and kept in the _Required bucket even if a sink or
--   exclusion is changed; the changes are listed for every bucket and key, the investigator picks the
--   evidence stores. Cloud DNS logging policy changes are not covered.
SELECT
  'gcp' AS cloud,
  l.timestamp AS time,
  l.proto_payload.audit_log.authentication_info.principal_email AS principal,
  l.proto_payload.audit_log.request_metadata.caller_ip AS sourceIp,
  CONCAT(l.proto_payload.audit_log.service_name, ':', l.proto_payload.audit_log.method_name) AS action,
  l.proto_payload.audit_log.resource_name AS target,
  IF(
    l.proto_payload.audit_log.status.code IS NULL OR l.proto_payload.audit_log.status.code = 0,
    'OK',
    CONCAT('code ', CAST(l.proto_payload.audit_log.status.code AS STRING), ': ', IFNULL(l.proto_payload.audit_log.status.message, ''))
  ) AS outcome
FROM `{{dataset}}._AllLogs` AS l
WHERE l.timestamp >= from_time
  AND l.timestamp < to_time
  AND l.log_id = 'cloudaudit.googleapis.com/activity'
  AND (
    (l.proto_payload.audit_log.service_name = 'logging.googleapis.com'
      AND REGEXP_CONTAINS(l.proto_payload.audit_log.method_name, r'^google\.logging\.v2\.(ConfigServiceV2\.(DeleteSink|UpdateSink|CreateExclusion|UpdateExclusion|DeleteExclusion|UpdateBucket|UpdateBucketAsync|DeleteBucket|DeleteView|UpdateView|DeleteLink|UpdateSettings|UpdateCmekSettings)|LoggingServiceV2\.DeleteLog)$'))
    OR (l.proto_payload.audit_log.method_name = 'SetIamPolicy'
      AND ARRAY_LENGTH(JSON_QUERY_ARRAY(l.proto_payload.audit_log.service_data.policyDelta.auditConfigDeltas)) > 0)
    OR (l.proto_payload.audit_log.service_name = 'storage.googleapis.com'
      AND ((STARTS_WITH(l.proto_payload.audit_log.method_name, 'storage.buckets.') AND l.proto_payload.audit_log.method_name != 'storage.buckets.create')
        OR l.proto_payload.audit_log.method_name = 'storage.setIamPermissions'))
    OR (l.proto_payload.audit_log.service_name = 'compute.googleapis.com'
      AND ENDS_WITH(l.proto_payload.audit_log.method_name, 'compute.subnetworks.patch')
      AND (JSON_VALUE(l.proto_payload.audit_log.request, '$.logConfig.enable') = 'false'
        OR JSON_VALUE(l.proto_payload.audit_log.request, '$.enableFlowLogs') = 'false'))
    OR (l.proto_payload.audit_log.service_name = 'cloudkms.googleapis.com'
      AND REGEXP_CONTAINS(l.proto_payload.audit_log.method_name, r'KeyManagementService\.(DestroyCryptoKeyVersion|UpdateCryptoKeyVersion|UpdateCryptoKeyPrimaryVersion)$'))
  )
ORDER BY 2, 5
