/**
 * Entra ID sign-in logs archived by the tenant's diagnostic setting:
 * `insights-logs-signinlogs|noninteractiveusersigninlogs|serviceprincipalsigninlogs|managedidentitysigninlogs/
 * tenantId=<TENANT>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json`, one record per line, the sign-in in
 * `properties` as the Microsoft Graph signIn resource names its fields (userPrincipalName, userId,
 * appId, ipAddress, userAgent, uniqueTokenIdentifier, servicePrincipalId, servicePrincipalName,
 * servicePrincipalCredentialKeyId, federatedCredentialId, status.errorCode; resultType "0" and
 * status.errorCode 0 are success, a sign-in succeeded when every one it records says so;
 * https://learn.microsoft.com/entra/identity/monitoring-health/howto-archive-logs-to-storage-account,
 * https://learn.microsoft.com/graph/api/resources/signin,
 * https://learn.microsoft.com/graph/api/resources/signinstatus). A record with neither is named
 * (incomplete_azure_signin) and skipped.
 */
import type { Layout } from '../layout';
import { jsonLinesSql, readableTime, untimedLinesSql } from '../sql';

const PATH = /(^|\/)insights-logs-(signinlogs|noninteractiveusersigninlogs|serviceprincipalsigninlogs|managedidentitysigninlogs)\/tenantId=[^/]+\/y=\d{4}\/m=\d{2}\/d=\d{2}\/h=\d{2}\/m=00\/PT1H\.json$/i;

/** A record's time (the records whose time is not a readable time are in untimed_azure_signin). */
const TIME = "j->>'$.time'";

/** The top-level resultType ("0" is success) and the signIn's status.errorCode (0 is success). */
const RESULT = "CAST(j->>'$.resultType' AS VARCHAR)";
const ERROR_CODE = "(j->>'$.properties.status.errorCode')";
/**
 * Whether the sign-in succeeded: every result it records says so (resultType "0" or "Success",
 * status.errorCode 0), a failure in either a failure; NULL when it records neither (such a record
 * is named, incomplete_azure_signin, and skipped).
 */
const SUCCEEDED = `CASE WHEN ${RESULT} IS NULL AND ${ERROR_CODE} IS NULL THEN NULL
    ELSE coalesce(${RESULT} IN ('0', 'Success'), true) AND coalesce(trim(${ERROR_CODE}) = '0', true) END`;

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
  ${readableTime(TIME, 'UTC')} AS time,
  j->>'$.category' AS category,
  j->>'$.tenantId' AS tenantId,
  ${RESULT} AS resultType,
  ${ERROR_CODE} AS errorCode,
  ${SUCCEEDED} AS succeeded,
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
WHERE ends_with(j->>'$.category', 'SignInLogs') AND (${readableTime(TIME, 'UTC')}) IS NOT NULL AND (${SUCCEEDED}) IS NOT NULL;

CREATE OR REPLACE VIEW incomplete_azure_signin AS
SELECT file, rawFile, rawLine, 'no resultType or properties.status.errorCode' AS problem
FROM lines_azure_signin
WHERE json_type(j) = 'OBJECT' AND ends_with(j->>'$.category', 'SignInLogs') AND (${readableTime(TIME, 'UTC')}) IS NOT NULL AND (${SUCCEEDED}) IS NULL;

CREATE OR REPLACE VIEW events_azure_signin AS
SELECT
  time, 'azure' AS cloud, tenantId AS account, coalesce(userId, servicePrincipalId) AS principal,
  uniqueTokenIdentifier AS credentialId, ipAddress AS sourceIp, userAgent, category AS action, appId AS target,
  CASE WHEN succeeded THEN 'success' ELSE 'failure' END AS outcome,
  rawFile, rawLine
FROM azure_signin_logs;
`,
};
