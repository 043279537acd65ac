-- Question: principal-activity. What did this principal do in the window?
-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function over the linked dataset.
-- Table: `{{dataset}}._AllLogs` (see endpoint-callers.sql).
-- Parameters, in order: principal STRING, from_time TIMESTAMP, to_time TIMESTAMP
--   principal: a user or service-account e-mail, as the audit log writes it (principal_email).
--   from_time / to_time: the catalog's from / to (reserved words in BigQuery); to is exclusive.
-- Answer columns: cloud, time, principal, credentialId, sourceIp, userAgent, action, target, outcome.
--   Calls the principal made itself, and calls made as a service account it impersonated (the
--   delegation chain names it): principal is then the impersonated account. action is
--   <service>:<method>; outcome is OK or the google.rpc code and message of the failure.
-- Caveat: Admin Activity logs are always written; reads and data writes appear only where Data Access
--   logs are enabled for the service. Only audit logs (cloudaudit.googleapis.com/*) are read.
SELECT
  'gcp' AS cloud,
  l.timestamp AS time,
  l.proto_payload.audit_log.authentication_info.principal_email AS principal,
  l.proto_payload.audit_log.authentication_info.service_account_key_name AS credentialId,
  l.proto_payload.audit_log.request_metadata.caller_ip AS sourceIp,
  l.proto_payload.audit_log.request_metadata.caller_supplied_user_agent AS userAgent,
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
  AND STARTS_WITH(l.log_id, 'cloudaudit.googleapis.com/')
  AND (
    l.proto_payload.audit_log.authentication_info.principal_email = principal
    OR EXISTS (
      SELECT 1
      FROM UNNEST(l.proto_payload.audit_log.authentication_info.service_account_delegation_info) AS d
      WHERE d.first_party_principal.principal_email = principal
    )
  )
ORDER BY 2, 7
