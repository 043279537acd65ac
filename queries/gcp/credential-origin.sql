-- Question: credential-origin. How did this principal get its credentials?
-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function over the linked dataset.
-- Table: `{{dataset}}._AllLogs` (see endpoint-callers.sql).
-- Parameters, in order: principal STRING, from_time TIMESTAMP, to_time TIMESTAMP
--   principal: the service account whose credentials are traced, as its e-mail (or its unique ID,
--   which some iamcredentials entries write in resource_name instead of the e-mail).
--   from_time / to_time: the catalog's from / to (reserved words in BigQuery); to is exclusive.
-- Answer columns: cloud, time, principal, action, sourcePrincipal, credentialId, sourceIp, userAgent.
--   Each row is one step that issued credentials for the principal: a key created or uploaded for it
--   (google.iam.admin.v1.CreateServiceAccountKey / UploadServiceAccountKey, Admin Activity), or a
--   short-lived credential minted by impersonating it (GenerateAccessToken, GenerateIdToken, SignJwt,
--   SignBlob on iamcredentials.googleapis.com). sourcePrincipal is who did it; credentialId is the
--   key the step created (response.name, where the response is logged), null for tokens.
-- Caveat: key creation is Admin Activity, always written. The iamcredentials methods are Data Access
--   (ADMIN_READ) logs, written only when Data Access logs are enabled for iam.googleapis.com (they
--   cannot be enabled for iamcredentials alone). Google sign-ins are not in Cloud Audit Logs of a
--   project; follow sourcePrincipal back with this same question to walk the chain.
SELECT
  'gcp' AS cloud,
  l.timestamp AS time,
  principal AS principal,
  CONCAT(l.proto_payload.audit_log.service_name, ':', l.proto_payload.audit_log.method_name) AS action,
  l.proto_payload.audit_log.authentication_info.principal_email AS sourcePrincipal,
  JSON_VALUE(l.proto_payload.audit_log.response, '$.name') AS credentialId,
  l.proto_payload.audit_log.request_metadata.caller_ip AS sourceIp,
  l.proto_payload.audit_log.request_metadata.caller_supplied_user_agent AS userAgent
FROM `{{dataset}}._AllLogs` AS l
WHERE l.timestamp >= from_time
  AND l.timestamp < to_time
  AND (l.proto_payload.audit_log.status.code IS NULL OR l.proto_payload.audit_log.status.code = 0)
  AND (
    (l.log_id = 'cloudaudit.googleapis.com/activity'
      AND l.proto_payload.audit_log.service_name = 'iam.googleapis.com'
      AND l.proto_payload.audit_log.method_name IN ('google.iam.admin.v1.CreateServiceAccountKey', 'google.iam.admin.v1.UploadServiceAccountKey'))
    OR (l.log_id = 'cloudaudit.googleapis.com/data_access'
      AND l.proto_payload.audit_log.service_name = 'iamcredentials.googleapis.com'
      AND l.proto_payload.audit_log.method_name IN ('GenerateAccessToken', 'GenerateIdToken', 'SignJwt', 'SignBlob'))
  )
  AND (
    ENDS_WITH(l.proto_payload.audit_log.resource_name, CONCAT('/serviceAccounts/', principal))
    OR ENDS_WITH(JSON_VALUE(l.proto_payload.audit_log.request, '$.name'), CONCAT('/serviceAccounts/', principal))
  )
ORDER BY 2, 4
