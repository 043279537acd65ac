-- Question: ml-jobs-using-data. Which training jobs, pipelines or runs read this location in the window?
-- Cloud: Azure. Engine: DuckDB, offline, over a forensic copy of the insights-logs-* containers.
-- Views: azure_ml_events (layout azure_ml: the tables AmlDataSetEvent, from the categories
--   DataSetChangeEvent and DataSetReadEvent, AmlRunStatusChangedEvent and AmlComputeJobEvent, by
--   logTable), azure_storage_blob_logs (layout azure_storage_blob).
-- Parameters: $location, $from, $to
--   location: a registered data asset's name or id, or account/container/prefix of the storage it reads.
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, job, principal, action, dataLocation.
--   As queries/azure/ml-jobs-using-data.kql: dataset:<operation> rows (AmlDataSetEvent accesses of
--   the asset, job NULL); storage:<operation> rows (reads under location by a non-user identity:
--   OAuth without a UPN, as compute clusters use; job NULL); candidate-run:<last status> and
--   candidate-job:<last event> rows for the runs (job = RunId) and compute jobs (job = JobName)
--   whose events in the window span such an access (time = the first access spanned).
-- Caveat: none of the Azure ML logs records the storage a job reads: a candidate overlapped the
--   access in time; nothing in the logs says it read the data.
WITH accesses AS (
  SELECT e.time, NULL::VARCHAR AS job, e.identity AS principal, 'dataset:' || e.operationName AS action, e.datasetName AS dataLocation
  FROM azure_ml_events AS e
  WHERE e.logTable = 'AmlDataSetEvent' AND e.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND (e.datasetName = $location OR e.datasetId = $location)
  UNION ALL
  SELECT b.time, NULL, coalesce(b.requesterObjectId, b.requesterAppId), 'storage:' || b.operationName, b.object
  FROM azure_storage_blob_logs AS b
  WHERE b.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND b.operationName IN ('GetBlob', 'QueryBlobContents', 'CopyBlobSource', 'ReadFile')
    AND b.authenticationType = 'OAuth' AND b.requesterUpn IS NULL
    AND starts_with(b.object, CASE WHEN ends_with($location, '/') OR length($location) - length(replace($location, '/', '')) >= 2 THEN $location ELSE $location || '/' END)
),
runs AS (
  SELECT e.runId AS job, min(e.time) AS startTime, max(e.time) AS endTime, arg_max(e.identity, e.time) AS principal,
    'candidate-run:' || arg_max(e.status, e.time) AS action
  FROM azure_ml_events AS e
  WHERE e.logTable = 'AmlRunStatusChangedEvent' AND e.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  GROUP BY e.runId
  UNION ALL
  SELECT e.jobName, min(e.time), max(e.time), NULL, 'candidate-job:' || arg_max(e.eventType, e.time)
  FROM azure_ml_events AS e
  WHERE e.logTable = 'AmlComputeJobEvent' AND e.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  GROUP BY e.jobName
),
candidates AS (
  SELECT min(a.time) AS time, r.job, r.principal, r.action, min(a.dataLocation) AS dataLocation
  FROM runs AS r
  JOIN accesses AS a ON a.time BETWEEN r.startTime AND r.endTime
  GROUP BY r.job, r.principal, r.action
)
SELECT 'azure' AS cloud, strftime(u.time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time, u.job, u.principal, u.action, u.dataLocation
FROM (SELECT * FROM accesses UNION ALL SELECT time, job, principal, action, dataLocation FROM candidates) AS u
ORDER BY u.time, coalesce(u.job, ''), u.action
