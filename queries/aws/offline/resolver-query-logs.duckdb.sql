-- The Athena table resolver_query_logs over a forensic copy of Route 53 Resolver query logs
-- delivered to S3 (gzipped JSON lines), in DuckDB (load functions.duckdb.sql first).
-- {{resolver_files}} is replaced by a quoted glob of the copy's query log files:
--   <copy>/AWSLogs/<account>/vpcdnsquerylogs/<vpc-id>/<yyyy>/<mm>/<dd>/*.log.gz
-- Struct fields are lower-cased as the JSON SerDe reads them (answers[].Rdata is answers[].rdata).
CREATE OR REPLACE VIEW resolver_query_logs AS
SELECT
  version, account_id, region, vpc_id, query_timestamp, query_name, query_type, query_class, rcode,
  CAST(list_transform(coalesce(answers, []), a -> struct_pack(rdata := a.Rdata, type := a.Type, class := a.Class)) AS STRUCT(rdata VARCHAR, type VARCHAR, class VARCHAR)[]) AS answers,
  srcaddr, srcport, transport,
  struct_pack(instance := srcids.instance) AS srcids,
  regexp_extract(filename, '/AWSLogs/([0-9]{12})/vpcdnsquerylogs/', 1) AS account,
  regexp_extract(filename, '/vpcdnsquerylogs/(vpc-[0-9a-f]+)/', 1) AS vpc,
  regexp_extract(filename, '/vpcdnsquerylogs/vpc-[0-9a-f]+/([0-9]{4}/[0-9]{2}/[0-9]{2})/', 1) AS "date",
  filename AS "$path"
FROM read_json({{resolver_files}}, format = 'newline_delimited', filename = true,
  columns = {version: 'VARCHAR', account_id: 'VARCHAR', region: 'VARCHAR', vpc_id: 'VARCHAR', query_timestamp: 'VARCHAR', query_name: 'VARCHAR', query_type: 'VARCHAR', query_class: 'VARCHAR', rcode: 'VARCHAR', answers: 'STRUCT(Rdata VARCHAR, Type VARCHAR, Class VARCHAR)[]', srcaddr: 'VARCHAR', srcport: 'VARCHAR', transport: 'VARCHAR', srcids: 'STRUCT(instance VARCHAR)'});
