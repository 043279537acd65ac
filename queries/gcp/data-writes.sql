-- Question: data-writes. Who wrote, overwrote or deleted objects in this location?
-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function over the linked dataset.
-- Table: `{{dataset}}._AllLogs` (see endpoint-callers.sql).
-- Parameters, in order: location STRING, from_time TIMESTAMP, to_time TIMESTAMP
--   location: bucket/prefix, with or without gs:// (a bucket alone matches every object in it).
--   from_time / to_time: the catalog's from / to (reserved words in BigQuery); to is exclusive.
-- Answer columns: cloud, time, principal, credentialId, sourceIp, action, object, outcome.
--   A write is any object call that needed storage.objects.create, .delete or .update (the
--   permissions in authorization_info), so creates, overwrites, composes, rewrites and deletes are
--   all listed; denied attempts too (outcome is the google.rpc code).
-- Caveat: object writes are Data Access (DATA_WRITE) audit logs of storage.googleapis.com, written only
--   when Data Access logs are enabled for Cloud Storage. Deletes made by Object Lifecycle Management
--   are not audit-logged at all.
SELECT
  'gcp' AS cloud,
  l.timestamp AS time,
  l.proto_payload.audit_log.authentication_info.principal_email AS principal,
  l.proto_payload.audit_log.authentication_info.service_account_key_name AS credentialId,
  l.proto_payload.audit_log.request_metadata.caller_ip AS sourceIp,
  l.proto_payload.audit_log.method_name AS action,
  CONCAT('gs://', REGEXP_REPLACE(l.proto_payload.audit_log.resource_name, r'^projects/_/buckets/([^/]+)/objects/', r'\1/')) AS object,
  IF(
    l.proto_payload.audit_log.status.code IS NULL OR l.proto_payload.audit_log.status.code = 0,
    'OK',
    CONCAT('code ', CAST(l.proto_payload.audit_log.status.code AS STRING), ': ', IFNULL(l.proto_payload.audit_log.status.message, ''))
  ) AS outcome
FROM `{{dataset}}._AllLogs` AS l
WHERE l.timestamp >= from_time
  AND l.timestamp < to_time
  AND l.log_id = 'cloudaudit.googleapis.com/data_access'
  AND l.proto_payload.audit_log.service_name = 'storage.googleapis.com'
  AND STARTS_WITH(
    l.proto_payload.audit_log.resource_name,
    CONCAT('projects/_/buckets/', REGEXP_REPLACE(location, r'^(gs://)?([^/]+)/?', r'\2/objects/'))
  )
  AND EXISTS (
    SELECT 1
    FROM UNNEST(l.proto_payload.audit_log.authorization_info) AS a
    WHERE a.permission IN ('storage.objects.create', 'storage.objects.delete', 'storage.objects.update')
  )
ORDER BY 2, 3, 7
