/**
 * Network Watcher virtual network flow logs in storage:
 * `insights-logs-flowlogflowevent/flowLogResourceID=/…/y=YYYY/m=MM/d=DD/h=HH/m=00/macAddress=<MAC>/PT1H.json`
 * (both path shapes Microsoft documents: `/SUBSCRIPTIONS/<SUB>/RESOURCEGROUPS/NETWORKWATCHERRG/PROVIDERS/
 * MICROSOFT.NETWORK/NETWORKWATCHERS/<NW>/FLOWLOGS/<NAME>` and `/<SUB>_NETWORKWATCHERRG/<NW>_<NAME>`),
 * each blob ONE `{"records": [...]}` object; each record's flowRecords.flows[].flowGroups[].flowTuples
 * are version 4 tuples: time (epoch ms), source and destination address, source and destination
 * port, protocol (IANA number), direction (I/O), state (B begin, C continuing, E end, D denied),
 * encryption, then packets and bytes source to destination and destination to source
 * (https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview#log-format).
 * One row per tuple; rawLine is the record's 1-based index in `records`.
 */
import type { Layout } from '../layout';
import { fileList, relativeTo } from '../sql';

const PATH = /(^|\/)insights-logs-flowlogflowevent\/flowLogResourceID=\/.+\/y=\d{4}\/m=\d{2}\/d=\d{2}\/h=\d{2}\/m=00\/macAddress=[0-9A-Fa-f:-]+\/PT1H\.json$/i;

export const AZURE_VNET_FLOWS: Layout = {
  id: 'azure_vnet_flows',
  cloud: 'azure',
  title: 'Azure virtual network flow logs (version 4) in storage',
  at: (path) => PATH.test(path),
  matches: (relativePath, head) => PATH.test(relativePath) && /^\s*\{\s*"records"\s*:/.test(head) && head.includes('"flowLogVersion"'),
  viewSql: (files, root) => `
CREATE OR REPLACE VIEW azure_vnet_flows AS
WITH blobs AS (
  SELECT ${relativeTo('filename', root)} AS rawFile, CAST(content AS JSON) AS b
  FROM read_text(${fileList(files)})
  WHERE json_valid(content)
),
records AS (
  SELECT rawFile, generate_subscripts(l, 1) AS rawLine, unnest(l) AS r
  FROM (SELECT rawFile, CAST(b->'$.records' AS JSON[]) AS l FROM blobs)
),
flows AS (SELECT rawFile, rawLine, r, unnest(CAST(r->'$.flowRecords.flows' AS JSON[])) AS f FROM records),
groups AS (SELECT rawFile, rawLine, r, f, unnest(CAST(f->'$.flowGroups' AS JSON[])) AS g FROM flows),
tuples AS (SELECT rawFile, rawLine, r, f, g, string_split(unnest(CAST(g->'$.flowTuples' AS VARCHAR[])), ',') AS t FROM groups)
SELECT
  make_timestamp_ms(CAST(t[1] AS BIGINT)) AS time,
  upper(replace(r->>'$.macAddress', '-', '')) AS macAddress,
  r->>'$.flowLogResourceID' AS flowLogResourceId,
  r->>'$.targetResourceID' AS targetResourceId,
  lower(regexp_extract(r->>'$.targetResourceID', '/subscriptions/([^/]+)', 1, 'i')) AS subscription,
  f->>'$.aclID' AS aclId,
  g->>'$.rule' AS rule,
  t[2] AS srcIp,
  t[3] AS destIp,
  TRY_CAST(t[4] AS INTEGER) AS srcPort,
  TRY_CAST(t[5] AS INTEGER) AS destPort,
  TRY_CAST(t[6] AS INTEGER) AS protocol,
  t[7] AS direction,
  t[8] AS state,
  t[9] AS encryption,
  TRY_CAST(t[10] AS BIGINT) AS packetsOut,
  TRY_CAST(t[11] AS BIGINT) AS bytesOut,
  TRY_CAST(t[12] AS BIGINT) AS packetsIn,
  TRY_CAST(t[13] AS BIGINT) AS bytesIn,
  rawFile,
  rawLine
FROM tuples;

CREATE OR REPLACE VIEW events_azure_vnet_flows AS
SELECT
  time, 'azure' AS cloud, subscription AS account, macAddress AS principal, NULL::VARCHAR AS credentialId, srcIp AS sourceIp,
  NULL::VARCHAR AS userAgent, 'flow:' || direction || state AS action, destIp || ':' || CAST(destPort AS VARCHAR) AS target,
  CASE WHEN state = 'D' THEN 'failure' ELSE 'success' END AS outcome, rawFile, rawLine
FROM azure_vnet_flows;
`,
};
