/**
 * Blob service resource logs archived by a diagnostic setting into a storage account:
 * `insights-logs-storageread|storagewrite|storagedelete/resourceId=/SUBSCRIPTIONS/<SUB>/RESOURCEGROUPS/<RG>/
 * PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/<ACCOUNT>/BLOBSERVICES/DEFAULT/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json`,
 * one record per line in the resource-log schema of Azure Storage (operationName, statusText,
 * callerIpAddress with its port, identity.type / tokenHash / requester.objectId / upn / appId,
 * properties.objectKey and userAgentHeader, uri; without objectKey the object is the account and the URI's path,
 * percent-decoded, as written when it does not decode to UTF-8 (%ff));
 * https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage-reference#resource-logs,
 * https://learn.microsoft.com/azure/azure-monitor/essentials/resource-logs#send-to-azure-storage).
 */
import type { Layout } from '../layout';
import { jsonLinesSql, readableTime, untimedLinesSql } from '../sql';

const PATH = /(^|\/)insights-logs-storage(read|write|delete)\/resourceId=\/SUBSCRIPTIONS\/[^/]+\/RESOURCEGROUPS\/[^/]+\/PROVIDERS\/MICROSOFT\.STORAGE\/STORAGEACCOUNTS\/[^/]+\/BLOBSERVICES\/DEFAULT\/y=\d{4}\/m=\d{2}\/d=\d{2}\/h=\d{2}\/m=00\/PT1H\.json$/i;

/** A record's time (the records whose time is not a readable time are in untimed_azure_storage_blob). */
const TIME = "j->>'$.time'";

export const AZURE_STORAGE_BLOB: Layout = {
  id: 'azure_storage_blob',
  cloud: 'azure',
  title: 'Azure Blob Storage resource logs (StorageRead / StorageWrite / StorageDelete) archived in storage',
  matches: (relativePath, head) => PATH.test(relativePath) && head.trimStart().startsWith('{') && /"category"\s*:\s*"Storage(Read|Write|Delete)"/.test(head),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('azure_storage_blob', files, root, unreadable)}
${untimedLinesSql('azure_storage_blob', 'time', TIME, 'TIMESTAMP')}
CREATE OR REPLACE VIEW azure_storage_blob_logs AS
SELECT
  ${readableTime(TIME, 'TIMESTAMP')} AS time,
  j->>'$.category' AS category,
  j->>'$.operationName' AS operationName,
  TRY_CAST(j->>'$.statusCode' AS INTEGER) AS statusCode,
  j->>'$.statusText' AS statusText,
  j->>'$.callerIpAddress' AS callerIpAddress,
  coalesce(regexp_extract(j->>'$.callerIpAddress', '^(.+):[0-9]+$', 1), j->>'$.callerIpAddress') AS sourceIp,
  j->>'$.identity.type' AS authenticationType,
  j->>'$.identity.tokenHash' AS authenticationHash,
  j->>'$.identity.requester.objectId' AS requesterObjectId,
  j->>'$.identity.requester.upn' AS requesterUpn,
  j->>'$.identity.requester.appId' AS requesterAppId,
  j->>'$.properties.accountName' AS accountName,
  j->>'$.properties.userAgentHeader' AS userAgent,
  coalesce(ltrim(trim(j->>'$.properties.objectKey', '"'), '/'),
    j->>'$.properties.accountName' || coalesce(TRY(url_decode(regexp_extract(j->>'$.uri', '^https?://[^/]+(/[^?]*)', 1))), regexp_extract(j->>'$.uri', '^https?://[^/]+(/[^?]*)', 1))) AS object,
  j->>'$.uri' AS uri,
  j->>'$.resourceId' AS resourceId,
  lower(regexp_extract(j->>'$.resourceId', '/subscriptions/([^/]+)', 1, 'i')) AS subscription,
  rawFile,
  rawLine
FROM (SELECT rawFile, rawLine, j FROM lines_azure_storage_blob)
WHERE (j->>'$.category') IN ('StorageRead', 'StorageWrite', 'StorageDelete') AND (${readableTime(TIME, 'TIMESTAMP')}) IS NOT NULL;

CREATE OR REPLACE VIEW events_azure_storage_blob AS
SELECT
  time, 'azure' AS cloud, subscription AS account, coalesce(requesterObjectId, requesterUpn, requesterAppId) AS principal,
  authenticationHash AS credentialId, sourceIp, userAgent, operationName AS action, object AS target,
  CASE WHEN statusText = 'Success' THEN 'success' WHEN statusText IS NULL THEN NULL ELSE 'failure' END AS outcome,
  rawFile, rawLine
FROM azure_storage_blob_logs;
`,
};
