/**
 * Route 53 Resolver query logs delivered to S3:
 * `AWSLogs/ACCOUNT/vpcdnsquerylogs/VPC/YYYY/MM/DD/*.log.gz`, one JSON object a line (version,
 * account_id, region, vpc_id, query_timestamp, query_name, query_type, query_class, rcode, answers
 * [{Rdata, Type, Class}], srcaddr, srcport, transport, srcids {instance | resolver_endpoint}).
 * View `resolver_query_logs`: the Athena table's columns (as queries/aws/offline/resolver-query-logs
 * .duckdb.sql), read line by line so a malformed line costs only itself. Events: one per query,
 * action `dns-query`, principal the instance that asked (else its address), target the name,
 * outcome NOERROR success, any other rcode failure.
 */
import { jsonLinesSql, readableTime, untimedLinesSql, utc } from '../sql';
import type { Layout } from '../layout';

/** A query's time, and the test that it is a readable one (the others are in untimed_resolver_query_logs). */
const TIME = "j ->> '$.query_timestamp'";
const TIMED = `(${readableTime(TIME)}) IS NOT NULL`;
const PATH = /(^|\/)AWSLogs\/[0-9]{12}\/vpcdnsquerylogs\/vpc-[0-9a-f]+\/[0-9]{4}\/[0-9]{2}\/[0-9]{2}\/[^/]+\.log(\.gz)?$/;

export const RESOLVER_QUERY_LOGS: Layout = {
  id: 'resolver_query_logs',
  cloud: 'aws',
  title: 'Route 53 Resolver query logs',
  at: (path) => PATH.test(path),
  matches: (rel, head) => PATH.test(rel) && /^\s*\{/.test(head) && head.includes('"query_name"'),
  jsonLines: true,
  viewSql(files, root, unreadable) {
    return `${jsonLinesSql('resolver_query_logs', files, root, unreadable)}
${untimedLinesSql('resolver_query_logs', 'query_timestamp', TIME)}
CREATE OR REPLACE VIEW resolver_query_logs AS
SELECT
  j ->> '$.version' AS version, j ->> '$.account_id' AS account_id, j ->> '$.region' AS region, j ->> '$.vpc_id' AS vpc_id,
  j ->> '$.query_timestamp' AS query_timestamp, j ->> '$.query_name' AS query_name, j ->> '$.query_type' AS query_type,
  j ->> '$.query_class' AS query_class, j ->> '$.rcode' AS rcode,
  CAST(list_transform(CAST(coalesce(j -> '$.answers', '[]') AS JSON[]), a -> struct_pack(rdata := a ->> '$.Rdata', type := a ->> '$.Type', class := a ->> '$.Class')) AS STRUCT(rdata VARCHAR, type VARCHAR, class VARCHAR)[]) AS answers,
  j ->> '$.srcaddr' AS srcaddr, j ->> '$.srcport' AS srcport, j ->> '$.transport' AS transport,
  struct_pack(instance := j ->> '$.srcids.instance') AS srcids,
  regexp_extract(file, '/AWSLogs/([0-9]{12})/vpcdnsquerylogs/', 1) AS account,
  regexp_extract(file, '/vpcdnsquerylogs/(vpc-[0-9a-f]+)/', 1) AS vpc,
  regexp_extract(file, '/vpcdnsquerylogs/vpc-[0-9a-f]+/([0-9]{4}/[0-9]{2}/[0-9]{2})/', 1) AS "date",
  file AS "$path"
FROM lines_resolver_query_logs WHERE ${TIMED};
CREATE OR REPLACE VIEW events_resolver_query_logs AS
SELECT
  ${utc("j ->> '$.query_timestamp'")} AS time,
  'aws' AS cloud,
  j ->> '$.account_id' AS account,
  coalesce(j ->> '$.srcids.instance', j ->> '$.srcids.resolver_endpoint', j ->> '$.srcaddr') AS principal,
  CAST(NULL AS VARCHAR) AS credentialId,
  j ->> '$.srcaddr' AS sourceIp,
  CAST(NULL AS VARCHAR) AS userAgent,
  'dns-query' AS action,
  j ->> '$.query_name' AS target,
  CASE WHEN j ->> '$.rcode' = 'NOERROR' THEN 'success' ELSE 'failure' END AS outcome,
  rawFile,
  rawLine
FROM lines_resolver_query_logs WHERE ${TIMED};
`;
  },
};

/** An empty resolver_query_logs, for a copy with flow logs and no query logs (dnsName is then NULL). */
export const EMPTY_RESOLVER_QUERY_LOGS = `
CREATE OR REPLACE VIEW resolver_query_logs AS
SELECT CAST(NULL AS VARCHAR) AS query_timestamp, CAST(NULL AS VARCHAR) AS query_name, CAST([] AS STRUCT(rdata VARCHAR, type VARCHAR, class VARCHAR)[]) AS answers, CAST(NULL AS VARCHAR) AS srcaddr, CAST(NULL AS VARCHAR) AS "date", CAST(NULL AS VARCHAR) AS "$path"
WHERE false;
`;
