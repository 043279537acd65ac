-- Question: ml-jobs-using-data. Which training jobs, pipelines or runs read this location in the window?
-- Cloud: GCP. Engine: DuckDB, offline, over a forensic copy of the sink bucket.
-- Views: gcp_audit_logs (layout gcp_audit).
-- Parameters: $location, $from, $to
--   location: gs://bucket/prefix or bq://project.dataset (bucket/prefix alone means gs://).
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, job, principal, action, dataLocation.
--   One row per Vertex AI job or pipeline created in the window whose creation request names a URI
--   under the location, or the bucket or a folder (the project or dataset) the location lies in; job is the created resource
--   (response.name), else the parent the request named; dataLocation the URI found in the request.
--   principal is who created it (for a job created through impersonation, the impersonated account;
--   the delegation chain is in principal-activity).
-- Caveat: Admin Activity, always written. A job that reads a path it builds itself is not found here.
SELECT
  'gcp' AS cloud,
  strftime(l.time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time,
  coalesce(l.response->>'$.name', l.resourceName) AS job,
  l.principalEmail AS principal,
  l.methodName AS action,
  uri AS dataLocation
FROM gcp_audit_logs AS l,
  unnest(regexp_extract_all(CAST(l.request AS VARCHAR), '(?:gs|bq)://[^"\\,\s]+')) AS u(uri),
  (SELECT CASE WHEN regexp_matches($location, '^[a-z]+://') THEN $location ELSE 'gs://' || $location END AS asked) AS loc
WHERE l.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ))
  AND l.time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  AND l.logId = 'cloudaudit.googleapis.com/activity'
  AND l.serviceName = 'aiplatform.googleapis.com'
  AND regexp_matches(l.methodName, '^google\.cloud\.aiplatform\.v1(beta1)?\.(JobService\.Create(CustomJob|HyperparameterTuningJob|NasJob|BatchPredictionJob)|PipelineService\.Create(TrainingPipeline|PipelineJob))$')
  -- A bucket alone is that whole bucket (gs://B/..., never gs://B-copy), a dataset that dataset
  -- (bq://P.D.T, never bq://P.D2), a table itself; what follows a bucket is a key prefix.
  AND (uri = loc.asked OR starts_with(uri, CASE
    WHEN regexp_matches(loc.asked, '^gs://[^/]+$') THEN loc.asked || '/'
    WHEN regexp_matches(loc.asked, '^bq://[^.]+(\.[^.]+)?$') THEN loc.asked || '.'
    WHEN regexp_matches(loc.asked, '^bq://') THEN NULL
    ELSE loc.asked END)
    -- And the other way: a job that names the bucket or a folder the location lies in (gs://B,
    -- gs://B/dir or gs://B/dir/ for gs://B/dir/file.csv), a folder whole (gs://B/di is not gs://B/dir);
    -- or the project or dataset a table lies in (bq://P, bq://P.D for bq://P.D.T; never bq://P.D2).
    OR (starts_with(uri, 'gs://') AND starts_with(loc.asked, CASE WHEN ends_with(uri, '/') THEN uri ELSE uri || '/' END))
    OR (regexp_matches(uri, '^bq://[^.]+(\.[^.]+)?$') AND starts_with(loc.asked, uri || '.')))
ORDER BY l.time, 3, 6
