-- Question: evidence-tampering. Did anyone stop or narrow logging, or change an evidence store?
-- Cloud: Azure. Engine: DuckDB, offline, over a forensic copy of the insights-activity-logs container.
-- Views: azure_activity_logs (layout azure_activity).
-- Parameters: $from, $to
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, principal, sourceIp, action, target, outcome.
--   The operations of queries/azure/evidence-tampering.kql (diagnostic settings, data collection
--   rules, log profiles; storage accounts, containers, immutability policies and legal holds,
--   lifecycle policies, key regeneration; Log Analytics workspaces, tables, exports, purges; flow
--   logs; role assignments and locks on evidence scopes; Key Vault), one row per operation
--   (correlationId) on each resource with its last recorded status (one ARM deployment gives all
--   its operations one correlationId; a record without a correlationId is a row of its own);
--   outcome is resultType (resultSignature).
--   Denied and failed attempts included: an attempt is evidence of intent.
-- Caveat: a diagnostic setting's deletion stops the archive it fed: look for it first.
WITH ops AS (
  SELECT a.*, lower(a.operationName) AS op, lower(coalesce(a.scope, a.resourceId)) AS sc
  FROM azure_activity_logs AS a
  WHERE a.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
),
hit AS (
  SELECT * FROM ops
  WHERE op IN (
    'microsoft.insights/diagnosticsettings/write', 'microsoft.insights/diagnosticsettings/delete',
    'microsoft.insights/datacollectionrules/write', 'microsoft.insights/datacollectionrules/delete',
    'microsoft.insights/datacollectionruleassociations/write', 'microsoft.insights/datacollectionruleassociations/delete',
    'microsoft.insights/logprofiles/write', 'microsoft.insights/logprofiles/delete',
    'microsoft.storage/storageaccounts/write', 'microsoft.storage/storageaccounts/delete',
    'microsoft.storage/storageaccounts/regeneratekey/action',
    'microsoft.storage/storageaccounts/managementpolicies/write', 'microsoft.storage/storageaccounts/managementpolicies/delete',
    'microsoft.storage/storageaccounts/blobservices/write',
    'microsoft.storage/storageaccounts/blobservices/containers/write', 'microsoft.storage/storageaccounts/blobservices/containers/delete',
    'microsoft.storage/storageaccounts/blobservices/containers/immutabilitypolicies/write',
    'microsoft.storage/storageaccounts/blobservices/containers/immutabilitypolicies/delete',
    'microsoft.storage/storageaccounts/blobservices/containers/immutabilitypolicies/lock/action',
    'microsoft.storage/storageaccounts/blobservices/containers/immutabilitypolicies/extend/action',
    'microsoft.storage/storageaccounts/blobservices/containers/setlegalhold/action',
    'microsoft.storage/storageaccounts/blobservices/containers/clearlegalhold/action',
    'microsoft.operationalinsights/workspaces/write', 'microsoft.operationalinsights/workspaces/delete',
    'microsoft.operationalinsights/workspaces/tables/write', 'microsoft.operationalinsights/workspaces/tables/delete',
    'microsoft.operationalinsights/workspaces/dataexports/write', 'microsoft.operationalinsights/workspaces/dataexports/delete',
    'microsoft.operationalinsights/workspaces/linkedstorageaccounts/write', 'microsoft.operationalinsights/workspaces/linkedstorageaccounts/delete',
    'microsoft.operationalinsights/workspaces/purge/action',
    'microsoft.network/networkwatchers/flowlogs/write', 'microsoft.network/networkwatchers/flowlogs/delete',
    'microsoft.keyvault/vaults/write', 'microsoft.keyvault/vaults/delete',
    'microsoft.keyvault/vaults/keys/write', 'microsoft.keyvault/vaults/accesspolicies/write')
    OR ends_with(op, '/providers/microsoft.insights/diagnosticsettings/write')
    OR ends_with(op, '/providers/microsoft.insights/diagnosticsettings/delete')
    OR (op IN ('microsoft.authorization/roleassignments/write', 'microsoft.authorization/roleassignments/delete',
        'microsoft.authorization/locks/write', 'microsoft.authorization/locks/delete')
      AND (contains(sc, '/providers/microsoft.storage/storageaccounts/')
        OR contains(sc, '/providers/microsoft.operationalinsights/workspaces/')
        OR contains(sc, '/providers/microsoft.keyvault/vaults/')
        OR NOT contains(sc, '/providers/')))
),
latest AS (
  SELECT *, row_number() OVER (PARTITION BY correlationId, op, lower(resourceId),
    CASE WHEN correlationId IS NULL THEN rawFile END, CASE WHEN correlationId IS NULL THEN rawLine END
    ORDER BY time DESC, rawFile DESC, rawLine DESC) AS k FROM hit
)
SELECT
  'azure' AS cloud,
  strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time,
  caller AS principal,
  callerIpAddress AS sourceIp,
  operationName AS action,
  resourceId AS target,
  resultType || coalesce(' (' || nullif(resultSignature, '') || ')', '') AS outcome
FROM latest
WHERE k = 1
ORDER BY latest.time, action
