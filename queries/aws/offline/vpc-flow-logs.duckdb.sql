-- The Athena table vpc_flow_logs over a forensic copy of VPC flow logs delivered to S3 as Parquet
-- with hive-compatible hourly partitions, in DuckDB (load functions.duckdb.sql first).
-- {{flow_log_files}} is replaced by a quoted glob of the copy's flow log files:
--   <copy>/AWSLogs/aws-account-id=<account>/aws-service=vpcflowlogs/aws-region=<region>/year=<yyyy>/month=<mm>/day=<dd>/hour=<hh>/*.log.parquet
-- The Parquet columns are the flow log fields with underscores (interface_id, pkt_dstaddr, ...),
-- as the service writes them; the partition columns are named as in the InvestigationPack's table.
CREATE OR REPLACE VIEW vpc_flow_logs AS
SELECT
  * EXCLUDE ("aws-account-id", "aws-service", "aws-region", year, month, day, hour, filename),
  "aws-account-id" AS aws_account_id,
  "aws-region" AS aws_region,
  CAST(year AS VARCHAR) AS year,
  lpad(CAST(month AS VARCHAR), 2, '0') AS month,
  lpad(CAST(day AS VARCHAR), 2, '0') AS day,
  lpad(CAST(hour AS VARCHAR), 2, '0') AS hour,
  -- Athena's pseudo-column: the object a row was read from.
  filename AS "$path"
FROM read_parquet({{flow_log_files}}, hive_partitioning = true, hive_types_autocast = false, filename = true);
