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
import { jsonFields, jsonLinesSql, readableTime, untimedLinesSql } from '../sql';
import { sinkConflictsSql, sinkEntriesSql, sinkFilePath } from './sink';

const PATH = sinkFilePath('cloudaudit\\.googleapis\\.com/(activity|data_access|system_event|policy)');

/**
 * An entry the view reads: its protoPayload an AuditLog by its `@type`, or (no `@type`, which
 * Cloud Logging always writes, so an edited or foreign entry) by where it was written: a
 * protoPayload object in an audit log's sink file (the layout reads no other). Not dropped for the
 * missing field; its logName still says which log it is of (review R9a 4).
 */
const AUDIT_ENTRY = `((j->>'$.protoPayload."@type"') = 'type.googleapis.com/google.cloud.audit.AuditLog'
  OR ((j->'$.protoPayload."@type"') IS NULL AND json_type(j->'$.protoPayload') = 'OBJECT'))`;

/** A record's time (the records whose timestamp is not a readable time are in untimed_gcp_audit). */
const TIME = "j->>'$.timestamp'";

/** The fields gcp_audit_logs reads of an entry, its JSON parsed once (sql.ts jsonFields): text (v), JSON (o). */
const TEXT = jsonFields('j', ['$.timestamp', '$.insertId', '$.logName', '$.protoPayload.authenticationInfo.principalEmail', '$.protoPayload.authenticationInfo.serviceAccountKeyName',
  '$.protoPayload.requestMetadata.callerIp', '$.protoPayload.requestMetadata.callerSuppliedUserAgent', '$.protoPayload.serviceName', '$.protoPayload.methodName',
  '$.protoPayload.resourceName', '$.protoPayload.status.code', '$.protoPayload.status.message'], 'v');
const JSON_FIELDS = jsonFields('j', ['$.protoPayload.authenticationInfo.serviceAccountDelegationInfo', '$.protoPayload.authorizationInfo', '$.protoPayload.request',
  '$.protoPayload.response', '$.protoPayload.serviceData'], 'o', 'json_extract');
const v = (p: string): string => TEXT.field(p);
const o = (p: string): string => JSON_FIELDS.field(p);

export const GCP_AUDIT: Layout = {
  id: 'gcp_audit',
  cloud: 'gcp',
  title: 'Cloud Audit Logs in a Cloud Storage sink',
  at: (path) => PATH.test(path),
  matches: (relativePath, head) => PATH.test(relativePath) && firstLineHas(head, ['protoPayload', 'insertId']) && head.includes('google.cloud.audit.AuditLog'),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('gcp_audit', files, root, unreadable)}
${untimedLinesSql('gcp_audit', 'timestamp', TIME, 'UTC')}
${sinkConflictsSql('gcp_audit', AUDIT_ENTRY)}
CREATE OR REPLACE VIEW skipped_gcp_audit AS
SELECT file, rawFile, rawLine, 'an audit entry' AS what,
  CASE WHEN json_type(j->'$.protoPayload') IS DISTINCT FROM 'OBJECT' THEN 'no protoPayload' ELSE concat('protoPayload @type ', CAST(to_json(j->>'$.protoPayload."@type"') AS VARCHAR)) END AS problem
FROM lines_gcp_audit
WHERE json_type(j) = 'OBJECT' AND (${readableTime(TIME, 'UTC')}) IS NOT NULL AND NOT coalesce(${AUDIT_ENTRY}, false);
CREATE OR REPLACE VIEW gcp_audit_logs AS
${sinkEntriesSql('gcp_audit', AUDIT_ENTRY)},
fields AS (SELECT rawFile, rawLine, ${TEXT.list} AS v, ${JSON_FIELDS.list} AS o FROM ranked WHERE copy = 1)
SELECT
  ${readableTime(v('$.timestamp'), 'UTC')} AS time,
  ${v('$.insertId')} AS insertId,
  url_decode(regexp_extract(${v('$.logName')}, '/logs/(.+)$', 1)) AS logId,
  regexp_extract(${v('$.logName')}, '^[a-zA-Z]+/([^/]+)/', 1) AS project,
  ${v('$.protoPayload.authenticationInfo.principalEmail')} AS principalEmail,
  ${v('$.protoPayload.authenticationInfo.serviceAccountKeyName')} AS serviceAccountKeyName,
  ${o('$.protoPayload.authenticationInfo.serviceAccountDelegationInfo')} AS delegationInfo,
  ${v('$.protoPayload.requestMetadata.callerIp')} AS callerIp,
  ${v('$.protoPayload.requestMetadata.callerSuppliedUserAgent')} AS userAgent,
  ${v('$.protoPayload.serviceName')} AS serviceName,
  ${v('$.protoPayload.methodName')} AS methodName,
  ${v('$.protoPayload.resourceName')} AS resourceName,
  TRY_CAST(${v('$.protoPayload.status.code')} AS INTEGER) AS statusCode,
  ${v('$.protoPayload.status.message')} AS statusMessage,
  ${o('$.protoPayload.authorizationInfo')} AS authorizationInfo,
  ${o('$.protoPayload.request')} AS request,
  ${o('$.protoPayload.response')} AS response,
  ${o('$.protoPayload.serviceData')} AS serviceData,
  rawFile,
  rawLine
FROM fields
WHERE (${readableTime(v('$.timestamp'), 'UTC')}) IS NOT NULL;

CREATE OR REPLACE VIEW events_gcp_audit AS
SELECT
  time, 'gcp' AS cloud, project AS account, principalEmail AS principal, serviceAccountKeyName AS credentialId,
  callerIp AS sourceIp, userAgent, methodName AS action, resourceName AS target,
  CASE WHEN statusCode IS NULL OR statusCode = 0 THEN 'success' ELSE 'failure' END AS outcome,
  rawFile, rawLine
FROM gcp_audit_logs;
`,
};
