/**
 * Entra ID sign-in logs archived by the tenant's diagnostic setting:
 * `insights-logs-signinlogs|noninteractiveusersigninlogs|serviceprincipalsigninlogs|managedidentitysigninlogs/
 * tenantId=<TENANT>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json`, one record per line, the sign-in in
 * `properties` as the Microsoft Graph signIn resource names its fields (userPrincipalName, userId,
 * appId, ipAddress, userAgent, uniqueTokenIdentifier, servicePrincipalId, servicePrincipalName,
 * servicePrincipalCredentialKeyId, federatedCredentialId; resultType "0" is success;
 * https://learn.microsoft.com/entra/identity/monitoring-health/howto-archive-logs-to-storage-account,
 * https://learn.microsoft.com/graph/api/resources/signin).
 */
import type { Layout } from '../layout';
import { jsonLinesSql, readableUtcTime, untimedLinesSql } from '../sql';

const PATH = /(^|\/)insights-logs-(signinlogs|noninteractiveusersigninlogs|serviceprincipalsigninlogs|managedidentitysigninlogs)\/tenantId=[^/]+\/y=\d{4}\/m=\d{2}\/d=\d{2}\/h=\d{2}\/m=00\/PT1H\.json$/i;

/** A record's time (the records whose time is not a readable time are in untimed_azure_signin). */
const TIME = "j->>'$.time'";

export const AZURE_SIGNIN: Layout = {
  id: 'azure_signin',
  cloud: 'azure',
  title: 'Entra ID sign-in logs (users, service principals, managed identities) archived in storage',
  at: (path) => PATH.test(path),
  matches: (relativePath, head) => PATH.test(relativePath) && head.trimStart().startsWith('{') && /"category"\s*:\s*"[A-Za-z]*SignInLogs"/.test(head),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('azure_signin', files, root, unreadable)}
${untimedLinesSql('azure_signin', 'time', TIME, 'UTC')}
CREATE OR REPLACE VIEW azure_signin_logs AS
SELECT
  ${readableUtcTime(TIME)} AS time,
  j->>'$.category' AS category,
  j->>'$.tenantId' AS tenantId,
  CAST(j->>'$.resultType' AS VARCHAR) AS resultType,
  coalesce(j->>'$.properties.ipAddress', j->>'$.callerIpAddress') AS ipAddress,
  j->>'$.properties.userPrincipalName' AS userPrincipalName,
  j->>'$.properties.userId' AS userId,
  j->>'$.properties.appId' AS appId,
  j->>'$.properties.servicePrincipalId' AS servicePrincipalId,
  j->>'$.properties.servicePrincipalName' AS servicePrincipalName,
  nullif(j->>'$.properties.servicePrincipalCredentialKeyId', '') AS credentialKeyId,
  nullif(j->>'$.properties.servicePrincipalCredentialThumbprint', '') AS credentialThumbprint,
  nullif(j->>'$.properties.federatedCredentialId', '') AS federatedCredentialId,
  j->>'$.properties.userAgent' AS userAgent,
  j->>'$.properties.uniqueTokenIdentifier' AS uniqueTokenIdentifier,
  rawFile,
  rawLine
FROM (SELECT rawFile, rawLine, j FROM lines_azure_signin)
WHERE ends_with(j->>'$.category', 'SignInLogs') AND (${readableUtcTime(TIME)}) IS NOT NULL;

CREATE OR REPLACE VIEW events_azure_signin AS
SELECT
  time, 'azure' AS cloud, tenantId AS account, coalesce(userId, servicePrincipalId) AS principal,
  uniqueTokenIdentifier AS credentialId, ipAddress AS sourceIp, userAgent, category AS action, appId AS target,
  CASE WHEN resultType IN ('0', 'Success') THEN 'success' ELSE 'failure' END AS outcome,
  rawFile, rawLine
FROM azure_signin_logs;
`,
};
