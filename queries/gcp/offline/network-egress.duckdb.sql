-- Question: network-egress. What left the network from the workload, to which addresses and names?
-- Cloud: GCP. Engine: DuckDB, offline, over a forensic copy of the sink bucket.
-- Views: gcp_vpc_flows (layout gcp_vpc_flows), gcp_dns_queries (layout gcp_dns).
-- Parameters: $source, $from, $to
--   source: the VM name, the subnetwork name or the internal IP address the workload ran on.
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, source, sourceAddress, destinationAddress, destinationPort, protocol, dnsName, firstSeen, lastSeen, flows.
--   Flows reported by the source side whose destination is in no VPC network (no dest_vpc), one row
--   per source address, destination address, port and IANA protocol number; dnsName lists (comma
--   separated) the names the source address looked up whose answer (rdata) holds the destination
--   address, from the day before the window on; firstSeen / lastSeen are the entry times of the first
--   and last flow record, as in queries/gcp/network-egress.sql.
-- Caveat: VPC Flow Logs are sampled and aggregated per interval: flows counts records, not connections.
WITH flow AS (
  SELECT f.time, f.srcIp, f.destIp, f.destPort, f.protocol
  FROM gcp_vpc_flows AS f
  WHERE f.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ))
    AND f.time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND f.reporter = 'SRC'
    AND f.destVpc IS NULL
    AND $source IN (f.srcVm, f.srcSubnetwork, f.srcIp)
),
egress AS (
  SELECT srcIp, destIp, destPort, protocol, min(time) AS firstSeen, max(time) AS lastSeen, count(*) AS n
  FROM flow
  GROUP BY 1, 2, 3, 4
),
answer AS (
  SELECT DISTINCT d.sourceIp AS asker, d.queryName, d.rdata
  FROM gcp_dns_queries AS d
  WHERE d.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) - INTERVAL 1 DAY
    AND d.time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
)
SELECT
  'gcp' AS cloud,
  $source AS source,
  e.srcIp AS sourceAddress,
  e.destIp AS destinationAddress,
  e.destPort AS destinationPort,
  e.protocol AS protocol,
  nullif((
    SELECT string_agg(DISTINCT a.queryName, ',' ORDER BY a.queryName)
    FROM answer AS a
    WHERE a.asker = e.srcIp
      AND regexp_matches(a.rdata, '(^|[^0-9.])' || replace(e.destIp, '.', '\.') || '($|[^0-9.])')
  ), '') AS dnsName,
  strftime(e.firstSeen, '%Y-%m-%dT%H:%M:%S.%gZ') AS firstSeen,
  strftime(e.lastSeen, '%Y-%m-%dT%H:%M:%S.%gZ') AS lastSeen,
  e.n AS flows
FROM egress AS e
ORDER BY 10 DESC, 3, 4, 5
