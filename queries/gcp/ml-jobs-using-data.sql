-- Question: ml-jobs-using-data. Which training jobs, pipelines or runs read this location in the window?
-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function over the linked dataset.
-- Table: `{{dataset}}._AllLogs` (see endpoint-callers.sql).
-- Parameters, in order: location STRING, from_time TIMESTAMP, to_time TIMESTAMP
--   location: the data location, gs://bucket/prefix or bq://project.dataset (bucket/prefix alone means gs://).
--   from_time / to_time: the catalog's from / to (reserved words in BigQuery); to is exclusive.
-- Answer columns: cloud, time, job, principal, action, dataLocation.
--   One row per Vertex AI job or pipeline created in the window whose creation request names a URI
--   under the location, or the bucket or a folder (the project or dataset) the location lies in (CustomJob,
--   HyperparameterTuningJob, NasJob, BatchPredictionJob, TrainingPipeline, PipelineJob; v1 and v1beta1). job is the created resource (response.name) where the response is
--   logged, else the parent the request named; dataLocation is the URI found in the request.
-- Caveat: job creation is Admin Activity, always written. A job is found only if its request names the
--   data (input config, arguments, pipeline parameters); code that reads a path it builds itself is
--   not seen here: ask data-reads for the location and look for the job's service account.
SELECT
  'gcp' AS cloud,
  l.timestamp AS time,
  COALESCE(JSON_VALUE(l.proto_payload.audit_log.response, '$.name'), l.proto_payload.audit_log.resource_name) AS job,
  l.proto_payload.audit_log.authentication_info.principal_email AS principal,
  l.proto_payload.audit_log.method_name AS action,
  uri AS dataLocation
FROM `{{dataset}}._AllLogs` AS l
CROSS JOIN UNNEST(REGEXP_EXTRACT_ALL(TO_JSON_STRING(l.proto_payload.audit_log.request), r'(?:gs|bq)://[^"\\,\s]+')) AS uri
CROSS JOIN (SELECT IF(REGEXP_CONTAINS(location, r'^[a-z]+://'), location, CONCAT('gs://', location)) AS asked) AS loc
WHERE l.timestamp >= from_time
  AND l.timestamp < to_time
  AND l.log_id = 'cloudaudit.googleapis.com/activity'
  AND l.proto_payload.audit_log.service_name = 'aiplatform.googleapis.com'
  AND REGEXP_CONTAINS(l.proto_payload.audit_log.method_name, r'^google\.cloud\.aiplatform\.v1(beta1)?\.(JobService\.Create(CustomJob|HyperparameterTuningJob|NasJob|BatchPredictionJob)|PipelineService\.Create(TrainingPipeline|PipelineJob))$')
  -- A bucket alone is that whole bucket (gs://B/..., never gs://B-copy), a dataset that dataset
  -- (bq://P.D.T, never bq://P.D2), a table itself; what follows a bucket is a key prefix.
  AND (uri = loc.asked OR STARTS_WITH(uri, CASE
    WHEN REGEXP_CONTAINS(loc.asked, r'^gs://[^/]+$') THEN CONCAT(loc.asked, '/')
    WHEN REGEXP_CONTAINS(loc.asked, r'^bq://[^.]+(\.[^.]+)?$') THEN CONCAT(loc.asked, '.')
    WHEN STARTS_WITH(loc.asked, 'bq://') THEN NULL
    ELSE loc.asked END)
    -- And the other way: a job that names the bucket or a folder the location lies in (gs://B,
    -- gs://B/dir or gs://B/dir/ for gs://B/dir/file.csv), a folder whole (gs://B/di is not gs://B/dir);
    -- or the project or dataset a table lies in (bq://P, bq://P.D for bq://P.D.T; never bq://P.D2).
    OR (STARTS_WITH(uri, 'gs://') AND STARTS_WITH(loc.asked, IF(ENDS_WITH(uri, '/'), uri, CONCAT(uri, '/'))))
    OR (REGEXP_CONTAINS(uri, r'^bq://[^.]+(\.[^.]+)?$') AND STARTS_WITH(loc.asked, CONCAT(uri, '.'))))
ORDER BY 2, 3, 6
