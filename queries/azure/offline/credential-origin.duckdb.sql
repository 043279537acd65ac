-- Question: credential-origin. How did this principal get its credentials (sign-in, role assumption, token exchange, key creation)?
-- Cloud: Azure. Engine: DuckDB, offline, over a forensic copy of the insights-* containers.
-- Views: azure_signin_logs (layout azure_signin), azure_activity_logs (layout azure_activity).
-- Parameters: $principal, $from, $to
--   principal: an Entra object id, a user principal name, a service principal name or an application id,
--   each case-insensitive (a GUID is the same id in either case).
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, time, principal, action, sourcePrincipal, credentialId, sourceIp, userAgent.
--   Each row is one successful step that gave the principal a credential, as in
--   queries/azure/credential-origin.kql: UserSignIn (sourcePrincipal the client application),
--   ServicePrincipalSignIn / ManagedIdentitySignIn (sourcePrincipal the federated credential, key id or
--   thumbprint it presented), credentialId the uniqueTokenIdentifier of the issued token; a storage key
--   or SAS listing (sourcePrincipal the storage account; credentialId NULL: the log does not say which key).
-- Caveat: sign-ins are archived only where the Entra ID diagnostic setting exists; failed sign-ins
--   (resultType other than 0, or properties.status.errorCode other than 0) are left out here and
--   kept in the timeline.
SELECT 'azure' AS cloud, strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time, $principal AS principal, action, sourcePrincipal, credentialId, sourceIp, userAgent
FROM (
  SELECT s.time,
    CASE s.category WHEN 'ServicePrincipalSignInLogs' THEN 'ServicePrincipalSignIn' WHEN 'ManagedIdentitySignInLogs' THEN 'ManagedIdentitySignIn' ELSE 'UserSignIn' END AS action,
    CASE WHEN s.category IN ('ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs')
      THEN coalesce(s.federatedCredentialId, s.credentialKeyId, s.credentialThumbprint) ELSE s.appId END AS sourcePrincipal,
    s.uniqueTokenIdentifier AS credentialId, s.ipAddress AS sourceIp, s.userAgent AS userAgent
  FROM azure_signin_logs AS s
  WHERE s.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND s.succeeded
    AND (lower(s.userPrincipalName) = lower($principal) OR lower(s.userId) = lower($principal) OR lower(s.servicePrincipalId) = lower($principal)
      OR (s.servicePrincipalId IS NOT NULL AND lower(s.appId) = lower($principal)) OR lower(s.servicePrincipalName) = lower($principal))
  UNION ALL
  SELECT a.time, a.operationName, a.resourceId, NULL, a.callerIpAddress, NULL
  FROM azure_activity_logs AS a
  WHERE a.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND (lower(a.caller) = lower($principal) OR lower(a.objectId) = lower($principal))
    AND lower(a.operationName) IN ('microsoft.storage/storageaccounts/listkeys/action', 'microsoft.storage/storageaccounts/regeneratekey/action',
      'microsoft.storage/storageaccounts/listaccountsas/action', 'microsoft.storage/storageaccounts/listservicesas/action')
    AND a.resultType IN ('Success', 'Succeeded')
) AS steps
ORDER BY steps.time, action
