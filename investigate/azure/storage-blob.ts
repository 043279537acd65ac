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
import { jsonFields, jsonLinesSql, readableTime, untimedLinesSql } from '../sql';

const PATH = /(^|\/)insights-logs-storage(read|write|delete)\/resourceId=\/SUBSCRIPTIONS\/[^/]+\/RESOURCEGROUPS\/[^/]+\/PROVIDERS\/MICROSOFT\.STORAGE\/STORAGEACCOUNTS\/[^/]+\/BLOBSERVICES\/DEFAULT\/y=\d{4}\/m=\d{2}\/d=\d{2}\/h=\d{2}\/m=00\/PT1H\.json$/i;

/** A record's time (the records whose time is not a readable time are in untimed_azure_storage_blob). */
const TIME = "j->>'$.time'";

/** The fields azure_storage_blob_logs reads of a record, its JSON parsed once (sql.ts jsonFields). */
const FIELDS = jsonFields('j', ['$.time', '$.category', '$.operationName', '$.statusCode', '$.statusText', '$.callerIpAddress', '$.identity.type', '$.identity.tokenHash',
  '$.identity.requester.objectId', '$.identity.requester.upn', '$.identity.requester.appId', '$.properties.accountName', '$.properties.userAgentHeader',
  '$.properties.objectKey', '$.uri', '$.resourceId'], 'v');
const v = (p: string): string => FIELDS.field(p);

export const AZURE_STORAGE_BLOB: Layout = {
  id: 'azure_storage_blob',
  cloud: 'azure',
  title: 'Azure Blob Storage resource logs (StorageRead / StorageWrite / StorageDelete) archived in storage',
  at: (path) => PATH.test(path),
  matches: (relativePath, head) => PATH.test(relativePath) && head.trimStart().startsWith('{') && /"category"\s*:\s*"Storage(Read|Write|Delete)"/.test(head),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('azure_storage_blob', files, root, unreadable)}
${untimedLinesSql('azure_storage_blob', 'time', TIME, 'UTC')}
CREATE OR REPLACE VIEW azure_storage_blob_logs AS
SELECT
  ${readableTime(v('$.time'), 'UTC')} AS time,
  ${v('$.category')} AS category,
  ${v('$.operationName')} AS operationName,
  TRY_CAST(${v('$.statusCode')} AS INTEGER) AS statusCode,
  ${v('$.statusText')} AS statusText,
  ${v('$.callerIpAddress')} AS callerIpAddress,
  coalesce(regexp_extract(${v('$.callerIpAddress')}, '^(.+):[0-9]+$', 1), ${v('$.callerIpAddress')}) AS sourceIp,
  ${v('$.identity.type')} AS authenticationType,
  ${v('$.identity.tokenHash')} AS authenticationHash,
  ${v('$.identity.requester.objectId')} AS requesterObjectId,
  ${v('$.identity.requester.upn')} AS requesterUpn,
  ${v('$.identity.requester.appId')} AS requesterAppId,
  ${v('$.properties.accountName')} AS accountName,
  ${v('$.properties.userAgentHeader')} AS userAgent,
  coalesce(ltrim(trim(${v('$.properties.objectKey')}, '"'), '/'),
    ${v('$.properties.accountName')} || coalesce(TRY(url_decode(regexp_extract(${v('$.uri')}, '^https?://[^/]+(/[^?]*)', 1))), regexp_extract(${v('$.uri')}, '^https?://[^/]+(/[^?]*)', 1))) AS object,
  ${v('$.uri')} AS uri,
  ${v('$.resourceId')} AS resourceId,
  lower(regexp_extract(${v('$.resourceId')}, '/subscriptions/([^/]+)', 1, 'i')) AS subscription,
  rawFile,
  rawLine
FROM (SELECT rawFile, rawLine, ${FIELDS.list} AS v FROM lines_azure_storage_blob)
WHERE (${v('$.category')}) IN ('StorageRead', 'StorageWrite', 'StorageDelete') AND (${readableTime(v('$.time'), 'UTC')}) IS NOT NULL;

CREATE OR REPLACE VIEW events_azure_storage_blob AS
SELECT
  time, 'azure' AS cloud, subscription AS account, coalesce(requesterObjectId, requesterUpn, requesterAppId) AS principal,
  authenticationHash AS credentialId, sourceIp, userAgent, operationName AS action, object AS target,
  CASE WHEN statusText = 'Success' THEN 'success' WHEN statusText IS NULL THEN NULL ELSE 'failure' END AS outcome,
  rawFile, rawLine
FROM azure_storage_blob_logs;
`,
};
