/**
 * VPC Flow Logs routed by a Cloud Logging sink into Cloud Storage:
 * `compute.googleapis.com/vpc_flows/YYYY/MM/DD/HH:00:00_HH:59:59_S<n>.json`, one LogEntry per line
 * with the flow record in `jsonPayload` (connection.src_ip / dest_ip / ports / protocol,
 * bytes_sent, reporter, src_instance, src_vpc, dest_vpc; https://cloud.google.com/vpc/docs/flow-logs#record_format).
 * Deduplicated on insertId and timestamp like every sink file.
 */
import type { Layout } from '../layout';
import { firstLineHas } from '../json-lines';
import { jsonLinesSql, readableTime, untimedLinesSql } from '../sql';
import { sinkConflictsSql, sinkEntriesSql, sinkFilePath } from './sink';

const PATH = sinkFilePath('compute\\.googleapis\\.com/vpc_flows');

/** A record's time (the records whose timestamp is not a readable time are in untimed_gcp_vpc_flows). */
const TIME = "j->>'$.timestamp'";

export const GCP_VPC_FLOWS: Layout = {
  id: 'gcp_vpc_flows',
  cloud: 'gcp',
  title: 'VPC Flow Logs in a Cloud Storage sink',
  at: (path) => PATH.test(path),
  matches: (relativePath, head) => PATH.test(relativePath) && firstLineHas(head, ['jsonPayload', 'connection', 'insertId']),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('gcp_vpc_flows', files, root, unreadable)}
${untimedLinesSql('gcp_vpc_flows', 'timestamp', TIME, 'UTC')}
${sinkConflictsSql('gcp_vpc_flows', `(j->'$.jsonPayload.connection') IS NOT NULL`)}
CREATE OR REPLACE VIEW gcp_vpc_flows AS
${sinkEntriesSql('gcp_vpc_flows', `(j->'$.jsonPayload.connection') IS NOT NULL`)}
SELECT
  ${readableTime(TIME, 'UTC')} AS time,
  j->>'$.insertId' AS insertId,
  regexp_extract(j->>'$.logName', '^[a-zA-Z]+/([^/]+)/', 1) AS project,
  j->>'$.jsonPayload.connection.src_ip' AS srcIp,
  TRY_CAST(j->>'$.jsonPayload.connection.src_port' AS INTEGER) AS srcPort,
  j->>'$.jsonPayload.connection.dest_ip' AS destIp,
  TRY_CAST(j->>'$.jsonPayload.connection.dest_port' AS INTEGER) AS destPort,
  TRY_CAST(j->>'$.jsonPayload.connection.protocol' AS INTEGER) AS protocol,
  TRY_CAST(j->>'$.jsonPayload.bytes_sent' AS BIGINT) AS bytesSent,
  j->>'$.jsonPayload.reporter' AS reporter,
  j->>'$.jsonPayload.src_instance.vm_name' AS srcVm,
  j->>'$.jsonPayload.src_vpc.vpc_name' AS srcVpc,
  j->>'$.jsonPayload.src_vpc.subnetwork_name' AS srcSubnetwork,
  j->>'$.jsonPayload.dest_vpc.vpc_name' AS destVpc,
  rawFile,
  rawLine
FROM ranked
WHERE copy = 1 AND (${readableTime(TIME, 'UTC')}) IS NOT NULL;

CREATE OR REPLACE VIEW events_gcp_vpc_flows AS
SELECT
  time, 'gcp' AS cloud, project AS account, srcVm AS principal, NULL::VARCHAR AS credentialId, srcIp AS sourceIp,
  NULL::VARCHAR AS userAgent, 'flow:' || reporter AS action, destIp || ':' || CAST(destPort AS VARCHAR) AS target,
  NULL::VARCHAR AS outcome, rawFile, rawLine
FROM gcp_vpc_flows;
`,
};
