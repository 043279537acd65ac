-- Question: network-egress. What left the network from the workload, to which addresses and names?
-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function over the linked dataset.
-- Table: `{{dataset}}._AllLogs` (see endpoint-callers.sql): VPC Flow Logs (compute.googleapis.com/vpc_flows)
--   and Cloud DNS query logs (dns.googleapis.com/dns_queries).
-- Parameters, in order: source STRING, from_time TIMESTAMP, to_time TIMESTAMP
--   source: the VM name, the subnetwork name or the internal IP address the workload ran on.
--   from_time / to_time: the catalog's from / to (reserved words in BigQuery); to is exclusive.
-- Answer columns: cloud, source, sourceAddress, destinationAddress, destinationPort, protocol, dnsName, firstSeen, lastSeen, flows.
--   Flows reported by the source side whose destination is in no VPC network (no dest_vpc), one row per
--   source address, destination address, port and IANA protocol number. dnsName lists the names the
--   source address looked up whose answer (rdata) holds the destination address; firstSeen / lastSeen
--   are the log entry times of the first and last flow record. Lookups from the day before the window
--   count too: a name is often resolved before the flow it leads to.
-- Caveat: VPC Flow Logs are sampled and aggregated per interval (the kit sets 100 % sampling): flows is
--   a count of records, not of connections. Names come only from Cloud DNS logging on the VPC network,
--   and rdata is truncated to 260 bytes. Serverless workloads appear only through their VPC egress.
WITH flow AS (
  SELECT
    l.timestamp AS ts,
    JSON_VALUE(l.json_payload.connection.src_ip) AS src_ip,
    JSON_VALUE(l.json_payload.connection.dest_ip) AS dest_ip,
    SAFE_CAST(JSON_VALUE(l.json_payload.connection.dest_port) AS INT64) AS dest_port,
    SAFE_CAST(JSON_VALUE(l.json_payload.connection.protocol) AS INT64) AS ip_protocol
  FROM `{{dataset}}._AllLogs` AS l
  WHERE l.timestamp >= from_time
    AND l.timestamp < to_time
    AND l.log_id = 'compute.googleapis.com/vpc_flows'
    AND JSON_VALUE(l.json_payload.reporter) = 'SRC'
    AND JSON_VALUE(l.json_payload.dest_vpc.vpc_name) IS NULL
    AND source IN (
      JSON_VALUE(l.json_payload.src_instance.vm_name),
      JSON_VALUE(l.json_payload.src_vpc.subnetwork_name),
      JSON_VALUE(l.json_payload.connection.src_ip)
    )
),
egress AS (
  SELECT f.src_ip, f.dest_ip, f.dest_port, f.ip_protocol, MIN(f.ts) AS first_seen, MAX(f.ts) AS last_seen, COUNT(*) AS n
  FROM flow AS f
  GROUP BY 1, 2, 3, 4
),
dns_answer AS (
  SELECT DISTINCT
    JSON_VALUE(l.json_payload.sourceIP) AS asker,
    JSON_VALUE(l.json_payload.queryName) AS query_name,
    JSON_VALUE(l.json_payload.rdata) AS answer
  FROM `{{dataset}}._AllLogs` AS l
  WHERE l.timestamp >= TIMESTAMP_SUB(from_time, INTERVAL 1 DAY)
    AND l.timestamp < to_time
    AND l.log_id = 'dns.googleapis.com/dns_queries'
)
SELECT
  'gcp' AS cloud,
  source AS source,
  e.src_ip AS sourceAddress,
  e.dest_ip AS destinationAddress,
  e.dest_port AS destinationPort,
  e.ip_protocol AS protocol,
  NULLIF(ARRAY_TO_STRING(ARRAY(
    SELECT DISTINCT k.query_name
    FROM dns_answer AS k
    WHERE k.asker = e.src_ip
      AND REGEXP_CONTAINS(k.answer, CONCAT(r'(^|[^0-9.])', REPLACE(e.dest_ip, '.', r'\.'), r'($|[^0-9.])'))
    ORDER BY 1
  ), ','), '') AS dnsName,
  e.first_seen AS firstSeen,
  e.last_seen AS lastSeen,
  e.n AS flows
FROM egress AS e
ORDER BY 10 DESC, 3, 4, 5
