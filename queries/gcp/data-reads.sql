-- Question: data-reads. Who read objects in this location?
-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function over the linked dataset.
-- Table: `{{dataset}}._AllLogs` (see endpoint-callers.sql).
-- Parameters, in order: location STRING, from_time TIMESTAMP, to_time TIMESTAMP
--   location: bucket/prefix, with or without gs:// (a bucket alone matches every object in it).
--   from_time / to_time: the catalog's from / to (reserved words in BigQuery); to is exclusive.
-- Answer columns: cloud, time, principal, credentialId, sourceIp, action, object, outcome.
--   A read is an object call that needed storage.objects.get (object data or metadata; copies and
--   composes log their read of the source too); listing a bucket is not an object read.
-- Caveat: object reads are Data Access (DATA_READ) audit logs of storage.googleapis.com, written only
--   when Data Access logs are enabled for Cloud Storage; reads of public objects by anonymous users are
--   not attributable to a principal.
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
    WHERE a.permission = 'storage.objects.get'
  )
ORDER BY 2, 3, 7
