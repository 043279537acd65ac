/**
 * Cloud DNS query logs routed by a Cloud Logging sink into Cloud Storage:
 * `dns.googleapis.com/dns_queries/YYYY/MM/DD/HH:00:00_HH:59:59_S<n>.json`, one LogEntry per line
 * with queryName, queryType, responseCode, rdata, sourceIP and vmInstanceName in `jsonPayload`
 * (https://cloud.google.com/dns/docs/monitoring#dns-log-record-format). Deduplicated on insertId
 * and timestamp like every sink file.
 */
import type { Layout } from '../layout';
import { firstLineHas } from '../json-lines';
import { jsonLinesSql, readableTime, untimedLinesSql } from '../sql';
import { sinkConflictsSql, sinkEntriesSql, sinkFilePath } from './sink';

const PATH = sinkFilePath('dns\\.googleapis\\.com/dns_queries');

/** A record's time (the records whose timestamp is not a readable time are in untimed_gcp_dns). */
const TIME = "j->>'$.timestamp'";

export const GCP_DNS: Layout = {
  id: 'gcp_dns',
  cloud: 'gcp',
  title: 'Cloud DNS query logs in a Cloud Storage sink',
  at: (path) => PATH.test(path),
  matches: (relativePath, head) => PATH.test(relativePath) && firstLineHas(head, ['jsonPayload', 'queryName', 'insertId']),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('gcp_dns', files, root, unreadable)}
${untimedLinesSql('gcp_dns', 'timestamp', TIME, 'UTC')}
${sinkConflictsSql('gcp_dns', `(j->>'$.jsonPayload.queryName') IS NOT NULL`)}
CREATE OR REPLACE VIEW gcp_dns_queries AS
${sinkEntriesSql('gcp_dns', `(j->>'$.jsonPayload.queryName') IS NOT NULL`)}
SELECT
  ${readableTime(TIME, 'UTC')} AS time,
  j->>'$.insertId' AS insertId,
  regexp_extract(j->>'$.logName', '^[a-zA-Z]+/([^/]+)/', 1) AS project,
  j->>'$.jsonPayload.sourceIP' AS sourceIp,
  j->>'$.jsonPayload.vmInstanceName' AS vmInstanceName,
  j->>'$.jsonPayload.queryName' AS queryName,
  j->>'$.jsonPayload.queryType' AS queryType,
  j->>'$.jsonPayload.responseCode' AS responseCode,
  j->>'$.jsonPayload.rdata' AS rdata,
  rawFile,
  rawLine
FROM ranked
WHERE copy = 1 AND (${readableTime(TIME, 'UTC')}) IS NOT NULL;

CREATE OR REPLACE VIEW events_gcp_dns AS
SELECT
  time, 'gcp' AS cloud, project AS account, vmInstanceName AS principal, NULL::VARCHAR AS credentialId, sourceIp,
  NULL::VARCHAR AS userAgent, 'dns:' || queryType AS action, queryName AS target,
  CASE WHEN responseCode = 'NOERROR' THEN 'success' ELSE 'failure' END AS outcome, rawFile, rawLine
FROM gcp_dns_queries;
`,
};
