-- Question: credential-origin. How did this principal get its credentials?
-- Cloud: GCP. Engine: DuckDB, offline, over a forensic copy of the sink bucket.
-- Views: gcp_audit_logs (layout gcp_audit).
-- Parameters: $principal, $from, $to
--   principal: the service account whose credentials are traced, as its e-mail.
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, principal, action, sourcePrincipal, credentialId, sourceIp, userAgent.
--   Each row is one step that issued credentials for the principal: a key created or uploaded for it
--   (Admin Activity), or a short-lived credential minted by impersonating it (GenerateAccessToken,
--   GenerateIdToken, SignJwt, SignBlob, Data Access of iamcredentials.googleapis.com). sourcePrincipal
--   is who did it; credentialId is the key the step created (response.name), null for tokens.
-- Caveat: the iamcredentials entries are written only when Data Access logs are enabled for IAM.
SELECT
  'gcp' AS cloud,
  strftime(l.time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time,
  $principal AS principal,
  l.serviceName || ':' || l.methodName AS action,
  l.principalEmail AS sourcePrincipal,
  l.response->>'$.name' AS credentialId,
  l.callerIp AS sourceIp,
  l.userAgent AS userAgent
FROM gcp_audit_logs AS l
WHERE l.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ))
  AND l.time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  AND (l.statusCode IS NULL OR l.statusCode = 0)
  AND (
    (l.logId = 'cloudaudit.googleapis.com/activity'
      AND l.serviceName = 'iam.googleapis.com'
      AND l.methodName IN ('google.iam.admin.v1.CreateServiceAccountKey', 'google.iam.admin.v1.UploadServiceAccountKey'))
    OR (l.logId = 'cloudaudit.googleapis.com/data_access'
      AND l.serviceName = 'iamcredentials.googleapis.com'
      AND l.methodName IN ('GenerateAccessToken', 'GenerateIdToken', 'SignJwt', 'SignBlob'))
  )
  AND (ends_with(l.resourceName, '/serviceAccounts/' || $principal)
    OR ends_with(l.request->>'$.name', '/serviceAccounts/' || $principal))
ORDER BY l.time, 4
