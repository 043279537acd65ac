-- Question: network-egress. What left the network from the workload, to which addresses and names?
-- Cloud: Azure. Engine: DuckDB, offline, over a forensic copy of the insights-logs-flowlogflowevent container.
-- Views: azure_vnet_flows (layout azure_vnet_flows, one row per version 4 flow tuple).
-- Parameters: $source, $from, $to
--   source: the network interface's MAC address (as the blob path names it), its private address,
--   or the flow log's target (a virtual network, subnet or NIC resource id, or its last segment).
--   from / to: ISO 8601 (2026-11-30T00:00:00Z); to is exclusive. Times in the answer are ISO 8601 UTC with milliseconds.
-- Answer columns: cloud, source, sourceAddress, destinationAddress, destinationPort, protocol, dnsName, firstSeen, lastSeen, flows.
--   Outbound tuples (direction O) to addresses outside private space (RFC 1918, carrier-grade NAT,
--   link-local, loopback, IPv6 ULA and link-local), one row per source address, destination, port
--   and protocol; flows counts flows begun (state B) and denied (state D), as traffic analytics
--   counts allowed and denied flows; firstSeen / lastSeen are the first and last tuple times.
-- Caveat: flow logs record aggregated flows, not packets; dnsName is always NULL: VNet DNS queries
--   are not recorded by the kit (see docs/limits.md).
WITH flow AS (
  SELECT f.*
  FROM azure_vnet_flows AS f
  WHERE f.time >= timezone('UTC', CAST($from AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($to AS TIMESTAMPTZ))
    AND f.direction = 'O'
    AND (f.macAddress = upper(replace(replace($source, '-', ''), ':', ''))
      OR f.srcIp = $source
      OR lower(f.targetResourceId) = lower($source)
      OR ends_with(lower(f.targetResourceId), '/' || lower($source)))
    AND NOT regexp_matches(f.destIp, '^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.|100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.|169\.254\.|127\.)')
    AND NOT regexp_matches(lower(f.destIp), '^(f[cd][0-9a-f]{2}:|fe80:|::1$)')
)
SELECT
  'azure' AS cloud,
  $source AS source,
  srcIp AS sourceAddress,
  destIp AS destinationAddress,
  destPort AS destinationPort,
  protocol,
  NULL::VARCHAR AS dnsName,
  strftime(min(time), '%Y-%m-%dT%H:%M:%S.%gZ') AS firstSeen,
  strftime(max(time), '%Y-%m-%dT%H:%M:%S.%gZ') AS lastSeen,
  count(*) FILTER (WHERE state IN ('B', 'D')) AS flows
FROM flow
GROUP BY srcIp, destIp, destPort, protocol
ORDER BY 10 DESC, 4, 5
