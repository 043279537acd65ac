-- Question: network-egress. What left the network from the workload, to which addresses and names?
-- Cloud: AWS. Engine: Athena (engine version 3).
-- Tables: vpc_flow_logs, the VPC flow logs of the InvestigationPack (Parquet, hive-compatible
--   hourly partitions: aws_account_id, aws_region, year, month, day, hour); resolver_query_logs, the
--   Route 53 Resolver query logs (partitions account, vpc and "date" as yyyy/MM/dd).
-- Parameters, in order: source (a network interface, instance or subnet id); from (ISO 8601);
--   to (ISO 8601, exclusive).
-- Answer columns: cloud, source, sourceAddress, destinationAddress, destinationPort, protocol,
--   dnsName, firstSeen, lastSeen, flows. One row per destination the source sent accepted traffic
--   to outside private address space (RFC 1918, carrier-grade NAT, link-local, loopback, IPv6 ULA
--   and link-local), with the name the same address resolved it to in the window, when recorded.
-- Caveat: flow logs record aggregated flows per interface (the kit aggregates over 60 s) and only
--   addresses, ports and byte counts, never payloads; a destination reached by a name resolved
--   outside the VPC's resolver (DNS over HTTPS, a hard-coded address) has no dnsName.
WITH params AS (
  SELECT
    CAST(? AS varchar) AS source,
    from_iso8601_timestamp(CAST(? AS varchar)) AS from_time,
    from_iso8601_timestamp(CAST(? AS varchar)) AS to_time
),
egress AS (
  SELECT f.srcaddr, f.dstaddr, f.dstport, f.protocol, f.start, f."end"
  FROM vpc_flow_logs f
  CROSS JOIN params p
  -- A key's day is the day the file was delivered (flow logs every 5 minutes), not the day of
  -- each record in it: the partitions of the day before --from's through the day after --to's hold
  -- the window's records (one delivered further off is not read: the offline run names such
  -- records), the record's start decides, so each record of the window is counted once.
  WHERE concat(f.year, '/', f.month, '/', f.day) BETWEEN date_format(greatest(p.from_time - INTERVAL '1' DAY, from_iso8601_timestamp('0001-01-01T00:00:00Z')), '%Y/%m/%d') AND date_format(least(p.to_time + INTERVAL '1' DAY, from_iso8601_timestamp('9999-12-31T23:59:59Z')), '%Y/%m/%d')
    AND (f.interface_id = p.source OR f.instance_id = p.source OR f.subnet_id = p.source)
    AND f.flow_direction = 'egress'
    AND f.action = 'ACCEPT'
    AND from_unixtime(f.start) >= p.from_time
    AND from_unixtime(f.start) < p.to_time
    AND NOT regexp_like(f.dstaddr, '^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.|169\.254\.|127\.|100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.|[fF][cCdD][0-9a-fA-F]{2}:|[fF][eE][89aAbB][0-9a-fA-F]:)')
),
answers AS (
  SELECT q.srcaddr, element_at(q.answers, s.i).rdata AS rdata, min(q.query_name) AS query_name
  FROM resolver_query_logs q
  CROSS JOIN UNNEST(sequence(1, greatest(cardinality(q.answers), 1))) AS s (i)
  CROSS JOIN params p
  -- As for the flows: the day before --from's through the day after --to's, the query's own time
  -- in the window decides.
  WHERE q."date" BETWEEN date_format(greatest(p.from_time - INTERVAL '1' DAY, from_iso8601_timestamp('0001-01-01T00:00:00Z')), '%Y/%m/%d') AND date_format(least(p.to_time + INTERVAL '1' DAY, from_iso8601_timestamp('9999-12-31T23:59:59Z')), '%Y/%m/%d')
    AND from_iso8601_timestamp(q.query_timestamp) >= p.from_time
    AND from_iso8601_timestamp(q.query_timestamp) < p.to_time
  GROUP BY 1, 2
)
SELECT
  'aws' AS "cloud",
  p.source AS "source",
  e.srcaddr AS "sourceAddress",
  e.dstaddr AS "destinationAddress",
  e.dstport AS "destinationPort",
  e.protocol AS "protocol",
  a.query_name AS "dnsName",
  date_format(from_unixtime(min(e.start)), '%Y-%m-%dT%H:%i:%sZ') AS "firstSeen",
  date_format(from_unixtime(max(e."end")), '%Y-%m-%dT%H:%i:%sZ') AS "lastSeen",
  count(*) AS "flows"
FROM egress e
CROSS JOIN params p
LEFT JOIN answers a ON a.srcaddr = e.srcaddr AND a.rdata = e.dstaddr
GROUP BY 2, 3, 4, 5, 6, 7
ORDER BY 10 DESC, 4, 5
