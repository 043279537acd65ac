-- Question: data-writes. Who wrote, overwrote or deleted objects in this location?
-- Cloud: Azure. Engine: DuckDB, offline, over a forensic copy of the insights-logs-storage* containers.
-- Views: azure_storage_blob_logs (layout azure_storage_blob, categories StorageWrite and StorageDelete).
-- Parameters: $location, $from, $to
--   location: account/container/prefix (no scheme, no host), matched literally as a prefix, case-sensitive;
--   an account or account/container alone is that whole account or container (a '/' is added: never
--   another whose name starts alike).
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, principal, credentialId, sourceIp, action, object, outcome.
--   object is account/container/blob; principal the requester's object id (else UPN, else application
--   id); credentialId the authentication type and hash (OAuth, SAS or AccountKey : the token or key
--   hash); sourceIp the caller address without its port; the operations of queries/azure/data-writes.kql
--   (a Copy Blob logs CopyBlob, CopyBlobSource and CopyBlobDestination: the destination's two are here).
-- Caveat: a request made with an account key or a SAS has no requester identity (principal NULL).
SELECT
  'azure' AS cloud,
  strftime(b.time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time,
  coalesce(b.requesterObjectId, b.requesterUpn, b.requesterAppId) AS principal,
  b.authenticationType || ':' || coalesce(b.authenticationHash, '') AS credentialId,
  b.sourceIp AS sourceIp,
  b.operationName AS action,
  b.object AS object,
  b.statusText AS outcome
FROM azure_storage_blob_logs AS b
WHERE b.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
  AND b.operationName IN ('PutBlob', 'PutBlock', 'PutBlockList', 'PutBlockFromURL', 'PutBlobFromURL', 'AppendBlock',
    'AppendBlockFromURL', 'PutPage', 'PutPageFromURL', 'CopyBlob', 'CopyBlobDestination', 'CopyBlobFromURL', 'DeleteBlob', 'UndeleteBlob',
    'SetBlobTier', 'SetBlobMetadata', 'SetBlobProperties', 'SetBlobTags', 'SetBlobExpiry', 'SnapshotBlob',
    'SetBlobImmutabilityPolicy', 'DeleteBlobImmutabilityPolicy', 'SetBlobLegalHold',
    'CreatePathFile', 'AppendFile', 'FlushFile', 'RenamePathFile', 'DeletePath')
  AND starts_with(b.object, CASE WHEN ends_with($location, '/') OR length($location) - length(replace($location, '/', '')) >= 2 THEN $location ELSE $location || '/' END)
ORDER BY b.time, 3, 7
