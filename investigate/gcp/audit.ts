/**
 * Cloud Audit Logs routed by a Cloud Logging sink into Cloud Storage: hourly files under the log
 * id as a folder, `cloudaudit.googleapis.com/<activity|data_access|system_event|policy>/YYYY/MM/DD/
 * HH:00:00_HH:59:59_S<n>.json`, one LogEntry JSON per line with `protoPayload` an AuditLog
 * (https://cloud.google.com/logging/docs/export/storage#gcs-organization,
 * https://cloud.google.com/logging/docs/reference/audit/auditlog/rest/Shared.Types/AuditLog).
 * Sink output is not deduplicated: the view keeps one entry per insertId and timestamp, which
 * the LogEntry reference names as what makes two entries duplicates.
 */
import type { Layout } from '../layout';
import { firstLineHas } from '../json-lines';
import { jsonLinesSql, readableTime, untimedLinesSql } from '../sql';
import { sinkEntriesSql, sinkFilePath } from './sink';

const PATH = sinkFilePath('cloudaudit\\.googleapis\\.com/(activity|data_access|system_event|policy)');

/** A record's time (the records whose timestamp is not a readable time are in untimed_gcp_audit). */
const TIME = "j->>'$.timestamp'";

export const GCP_AUDIT: Layout = {
  id: 'gcp_audit',
  cloud: 'gcp',
  title: 'Cloud Audit Logs in a Cloud Storage sink',
  matches: (relativePath, head) => PATH.test(relativePath) && firstLineHas(head, ['protoPayload', 'insertId']) && head.includes('google.cloud.audit.AuditLog'),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('gcp_audit', files, root, unreadable)}
${untimedLinesSql('gcp_audit', 'timestamp', TIME, 'TIMESTAMP')}
CREATE OR REPLACE VIEW gcp_audit_logs AS
${sinkEntriesSql('gcp_audit', `(j->>'$.protoPayload."@type"') = 'type.googleapis.com/google.cloud.audit.AuditLog'`)}
SELECT
  ${readableTime(TIME, 'TIMESTAMP')} AS time,
  j->>'$.insertId' AS insertId,
  url_decode(regexp_extract(j->>'$.logName', '/logs/(.+)$', 1)) AS logId,
  regexp_extract(j->>'$.logName', '^[a-zA-Z]+/([^/]+)/', 1) AS project,
  j->>'$.protoPayload.authenticationInfo.principalEmail' AS principalEmail,
  j->>'$.protoPayload.authenticationInfo.serviceAccountKeyName' AS serviceAccountKeyName,
  j->'$.protoPayload.authenticationInfo.serviceAccountDelegationInfo' AS delegationInfo,
  j->>'$.protoPayload.requestMetadata.callerIp' AS callerIp,
  j->>'$.protoPayload.requestMetadata.callerSuppliedUserAgent' AS userAgent,
  j->>'$.protoPayload.serviceName' AS serviceName,
  j->>'$.protoPayload.methodName' AS methodName,
  j->>'$.protoPayload.resourceName' AS resourceName,
  TRY_CAST(j->>'$.protoPayload.status.code' AS INTEGER) AS statusCode,
  j->>'$.protoPayload.status.message' AS statusMessage,
  j->'$.protoPayload.authorizationInfo' AS authorizationInfo,
  j->'$.protoPayload.request' AS request,
  j->'$.protoPayload.response' AS response,
  j->'$.protoPayload.serviceData' AS serviceData,
  rawFile,
  rawLine
FROM ranked
WHERE copy = 1 AND (${readableTime(TIME, 'TIMESTAMP')}) IS NOT NULL;

CREATE OR REPLACE VIEW events_gcp_audit AS
SELECT
  time, 'gcp' AS cloud, project AS account, principalEmail AS principal, serviceAccountKeyName AS credentialId,
  callerIp AS sourceIp, userAgent, methodName AS action, resourceName AS target,
  CASE WHEN statusCode IS NULL OR statusCode = 0 THEN 'success' ELSE 'failure' END AS outcome,
  rawFile, rawLine
FROM gcp_audit_logs;
`,
};
