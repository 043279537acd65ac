/**
 * Cloud DNS query logs routed by a Cloud Logging sink into Cloud Storage:
 * `dns.googleapis.com/dns_queries/YYYY/MM/DD/HH:00:00_HH:59:59_S<n>.json`, one LogEntry per line
 * with queryName, queryType, responseCode, rdata, sourceIP and vmInstanceName in `jsonPayload`
 * (https://cloud.google.com/dns/docs/monitoring#dns-log-record-format). Deduplicated on insertId
 * and timestamp like every sink file.
 */
import type { Layout } from '../layout';
import { firstLineHas } from '../json-lines';
import { jsonLinesSql } from '../sql';

const PATH = /(^|\/)dns\.googleapis\.com\/dns_queries\/\d{4}\/\d{2}\/\d{2}\/\d{2}:\d{2}:\d{2}_\d{2}:\d{2}:\d{2}_S\d+\.json$/;

export const GCP_DNS: Layout = {
  id: 'gcp_dns',
  cloud: 'gcp',
  title: 'Cloud DNS query logs in a Cloud Storage sink',
  matches: (relativePath, head) => PATH.test(relativePath) && firstLineHas(head, ['jsonPayload', 'queryName', 'insertId']),
  viewSql: (files, root) => `${jsonLinesSql('gcp_dns', files, root)}
CREATE OR REPLACE VIEW gcp_dns_queries AS
WITH entries AS (SELECT rawFile, rawLine, j FROM lines_gcp_dns),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY j->>'$.insertId', j->>'$.timestamp' ORDER BY rawFile, rawLine) AS copy
  FROM entries
  WHERE (j->>'$.jsonPayload.queryName') IS NOT NULL
)
SELECT
  CAST(j->>'$.timestamp' AS TIMESTAMP) AS time,
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
WHERE copy = 1;

CREATE OR REPLACE VIEW events_gcp_dns AS
SELECT
  time, 'gcp' AS cloud, project AS account, vmInstanceName AS principal, NULL::VARCHAR AS credentialId, sourceIp,
  NULL::VARCHAR AS userAgent, 'dns:' || queryType AS action, queryName AS target,
  CASE WHEN responseCode = 'NOERROR' THEN 'success' ELSE 'failure' END AS outcome, rawFile, rawLine
FROM gcp_dns_queries;
`,
};
