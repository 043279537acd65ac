-- Question: data-writes. Who wrote, overwrote or deleted objects in this location?
-- Cloud: GCP. Engine: DuckDB, offline, over a forensic copy of the sink bucket.
-- Views: gcp_audit_logs (layout gcp_audit).
-- Parameters: $location, $from, $to
--   location: bucket/prefix, with or without gs:// (a bucket alone matches every object in it),
--   matched literally as a prefix.
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, principal, credentialId, sourceIp, action, object, outcome.
--   A write is any object call that needed storage.objects.create, .delete or .update (creates,
--   overwrites, composes, rewrites, deletes), denied attempts too; where an entry has no
--   authorizationInfo, one of those methods (storage.objects.create, .delete, .update, .patch,
--   .compose, .rewrite, .copy).
-- Caveat: Data Access audit logs of storage.googleapis.com, written only when Data Access logs are
--   enabled for Cloud Storage.
SELECT
  'gcp' AS cloud,
  strftime(l.time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time,
  l.principalEmail AS principal,
  l.serviceAccountKeyName AS credentialId,
  l.callerIp AS sourceIp,
  l.methodName AS action,
  'gs://' || regexp_replace(l.resourceName, '^projects/_/buckets/([^/]+)/objects/', '\1/') AS object,
  CASE WHEN l.statusCode IS NULL OR l.statusCode = 0 THEN 'OK' ELSE 'code ' || CAST(l.statusCode AS VARCHAR) || ': ' || coalesce(l.statusMessage, '') END AS outcome
FROM gcp_audit_logs AS l
WHERE l.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ))
  AND l.time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  AND l.logId = 'cloudaudit.googleapis.com/data_access'
  AND l.serviceName = 'storage.googleapis.com'
  AND starts_with(l.resourceName, 'projects/_/buckets/' || regexp_replace($location, '^(gs://)?([^/]+)/?', '\2/objects/'))
  AND (list_has_any(CAST(json_extract_string(l.authorizationInfo, '$[*].permission') AS VARCHAR[]), ['storage.objects.create', 'storage.objects.delete', 'storage.objects.update'])
    -- No authorizationInfo (absent or empty): the method says it.
    OR (coalesce(json_array_length(l.authorizationInfo), 0) = 0
      AND l.methodName IN ('storage.objects.create', 'storage.objects.delete', 'storage.objects.update', 'storage.objects.patch', 'storage.objects.compose', 'storage.objects.rewrite', 'storage.objects.copy')))
ORDER BY l.time, 3, 7
