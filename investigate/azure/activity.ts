/**
 * The subscription's Activity log archived by its diagnostic setting:
 * `insights-activity-logs/resourceId=/SUBSCRIPTIONS/<SUB>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json`, one
 * record per line in the storage schema of the Activity log (operationName, category, resultType
 * Start / Success / Failure, resultSignature, callerIpAddress, correlationId, identity.authorization
 * and identity.claims, properties;
 * https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema#schema-from-storage-account-and-event-hubs).
 * The caller is the token's upn claim, else its object id, else its application id. operationName,
 * category, resultType and resultSignature are read as strings or in the `{value, localizedValue}`
 * form (their value); a record without an operationName or a resultType is named
 * (incomplete_azure_activity) and skipped.
 */
import type { Layout } from '../layout';
import { jsonLinesSql, readableTime, untimedLinesSql } from '../sql';

const PATH = /(^|\/)insights-activity-logs\/resourceId=\/SUBSCRIPTIONS\/[^/]+\/y=\d{4}\/m=\d{2}\/d=\d{2}\/h=\d{2}\/m=00\/PT1H\.json$/i;
const CLAIM_OID = '"http://schemas.microsoft.com/identity/claims/objectidentifier"';
const CLAIM_UPN = '"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"';

/** A record's time (the records whose time is not a readable time are in untimed_azure_activity). */
const TIME = "j->>'$.time'";

/**
 * A field that is a string, or `{"value": ..., "localizedValue": ...}` (the Activity log's REST
 * form of operationName, category, resultType / status): its value.
 */
const value = (field: string): string => `CASE WHEN json_type(j->'$.${field}') = 'OBJECT' THEN j->>'$.${field}.value' ELSE j->>'$.${field}' END`;
const OPERATION = value('operationName');
const RESULT = value('resultType');

export const AZURE_ACTIVITY: Layout = {
  id: 'azure_activity',
  cloud: 'azure',
  title: 'Azure Activity log archived in storage',
  at: (path) => PATH.test(path),
  matches: (relativePath, head) => PATH.test(relativePath) && head.trimStart().startsWith('{') && head.includes('"operationName"') && head.includes('"resultType"'),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('azure_activity', files, root, unreadable)}
${untimedLinesSql('azure_activity', 'time', TIME, 'UTC')}
CREATE OR REPLACE VIEW azure_activity_logs AS
SELECT
  ${readableTime(TIME, 'UTC')} AS time,
  ${OPERATION} AS operationName,
  ${value('category')} AS category,
  ${RESULT} AS resultType,
  ${value('resultSignature')} AS resultSignature,
  j->>'$.callerIpAddress' AS callerIpAddress,
  j->>'$.correlationId' AS correlationId,
  j->>'$.resourceId' AS resourceId,
  lower(regexp_extract(j->>'$.resourceId', '/subscriptions/([^/]+)', 1, 'i')) AS subscription,
  coalesce(j->>'$.identity.claims.${CLAIM_UPN}', j->>'$.identity.claims.${CLAIM_OID}', j->>'$.identity.claims.appid') AS caller,
  j->>'$.identity.claims.${CLAIM_OID}' AS objectId,
  j->>'$.identity.claims.appid' AS appId,
  j->>'$.identity.claims.uti' AS tokenId,
  j->>'$.identity.authorization.scope' AS scope,
  j->'$.properties' AS properties,
  rawFile,
  rawLine
FROM (SELECT rawFile, rawLine, j FROM lines_azure_activity)
WHERE (${OPERATION}) IS NOT NULL AND (${RESULT}) IS NOT NULL AND (${readableTime(TIME, 'UTC')}) IS NOT NULL;

CREATE OR REPLACE VIEW incomplete_azure_activity AS
SELECT file, rawFile, rawLine,
  concat_ws(', ', CASE WHEN (${OPERATION}) IS NULL THEN 'no operationName' END, CASE WHEN (${RESULT}) IS NULL THEN 'no resultType' END) AS problem
FROM lines_azure_activity
WHERE json_type(j) = 'OBJECT' AND (${readableTime(TIME, 'UTC')}) IS NOT NULL AND ((${OPERATION}) IS NULL OR (${RESULT}) IS NULL);

CREATE OR REPLACE VIEW events_azure_activity AS
SELECT
  time, 'azure' AS cloud, subscription AS account, coalesce(objectId, caller) AS principal, tokenId AS credentialId,
  callerIpAddress AS sourceIp, NULL::VARCHAR AS userAgent, operationName AS action, resourceId AS target,
  CASE WHEN resultType IN ('Success', 'Succeeded') THEN 'success' WHEN resultType = 'Failure' THEN 'failure' END AS outcome,
  rawFile, rawLine
FROM azure_activity_logs;
`,
};
