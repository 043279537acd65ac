/**
 * VPC flow logs as the service delivers them to S3, in both file formats:
 * - Parquet with hive-compatible partitions (`AWSLogs/aws-account-id=ACCOUNT/aws-service=vpcflowlogs/
 *   aws-region=REGION/year=YYYY/month=MM/day=DD/hour=HH/*.log.parquet`), columns the flow log fields
 *   with underscores; view `vpc_flow_logs_parquet` is queries/aws/offline/vpc-flow-logs.duckdb.sql.
 * - plain text (`AWSLogs/ACCOUNT/vpcflowlogs/REGION/YYYY/MM/DD/[HH/]*.log.gz`): a header line naming
 *   the fields (hyphenated: `account-id interface-id ...`), then one record a line, fields separated
 *   by spaces, `-` where a field has no value; view `vpc_flow_logs_text`, the same columns.
 * `vpc_flow_logs` (the Athena table the network-egress query reads) is the union of the two
 * (aws/index.ts). Events: one per flow record, action `vpc-flow`, principal the network interface,
 * sourceIp the source address, target `DESTINATION:PORT`, outcome ACCEPT success / REJECT failure.
 */
import * as fs from 'fs';
import * as zlib from 'zlib';
import { readOfflineSql } from '../queries';
import { fileList, relativeTo, sqlString } from '../sql';
import type { Layout } from '../layout';

/** The flow log fields the kit's views carry (Parquet column names) and their types. */
export const FLOW_FIELDS: Readonly<Record<string, string>> = {
  version: 'INTEGER', account_id: 'VARCHAR', interface_id: 'VARCHAR', srcaddr: 'VARCHAR', dstaddr: 'VARCHAR', srcport: 'INTEGER', dstport: 'INTEGER',
  protocol: 'BIGINT', packets: 'BIGINT', bytes: 'BIGINT', start: 'BIGINT', end: 'BIGINT', action: 'VARCHAR', log_status: 'VARCHAR', vpc_id: 'VARCHAR',
  subnet_id: 'VARCHAR', instance_id: 'VARCHAR', tcp_flags: 'INTEGER', type: 'VARCHAR', pkt_srcaddr: 'VARCHAR', pkt_dstaddr: 'VARCHAR', region: 'VARCHAR',
  az_id: 'VARCHAR', sublocation_type: 'VARCHAR', sublocation_id: 'VARCHAR', pkt_src_aws_service: 'VARCHAR', pkt_dst_aws_service: 'VARCHAR',
  flow_direction: 'VARCHAR', traffic_path: 'INTEGER', reject_reason: 'VARCHAR',
};

const flowEvents = (from: string, root: string, line: string): string => `
SELECT
  timezone('UTC', to_timestamp(start)) AS time,
  'aws' AS cloud,
  account_id AS account,
  interface_id AS principal,
  CAST(NULL AS VARCHAR) AS credentialId,
  srcaddr AS sourceIp,
  CAST(NULL AS VARCHAR) AS userAgent,
  'vpc-flow' AS action,
  concat(dstaddr, ':', CAST(dstport AS VARCHAR)) AS target,
  CASE action WHEN 'ACCEPT' THEN 'success' WHEN 'REJECT' THEN 'failure' END AS outcome,
  ${relativeTo('filename', root)} AS rawFile,
  CAST(${line} AS BIGINT) AS rawLine
FROM ${from}`;

const PARQUET_PATH = /(^|\/)AWSLogs\/aws-account-id=[0-9]{12}\/aws-service=vpcflowlogs\/aws-region=[a-z0-9-]+\/year=[0-9]{4}\/month=[0-9]{1,2}\/day=[0-9]{1,2}\/(hour=[0-9]{1,2}\/)?[^/]+\.parquet$/;

export const VPC_FLOW_PARQUET: Layout = {
  id: 'vpc_flow_parquet',
  cloud: 'aws',
  title: 'VPC flow logs (Parquet)',
  at: (path) => PARQUET_PATH.test(path),
  matches: (rel, head) => PARQUET_PATH.test(rel) && head.startsWith('PAR1'),
  viewSql(files, root) {
    const list = fileList(files);
    const table = readOfflineSql('aws', 'vpc-flow-logs.duckdb.sql').replaceAll('{{flow_log_files}}', list).replace('CREATE OR REPLACE VIEW vpc_flow_logs AS', 'CREATE OR REPLACE VIEW vpc_flow_logs_parquet AS');
    return `${table}
CREATE OR REPLACE VIEW events_vpc_flow_parquet AS
${flowEvents(`read_parquet(${list}, filename = true, file_row_number = true, hive_partitioning = false)`, root, 'file_row_number + 1')};
`;
  },
};

const TEXT_PATH = /(^|\/)AWSLogs\/[0-9]{12}\/vpcflowlogs\/[a-z0-9-]+\/[0-9]{4}\/[0-9]{2}\/[0-9]{2}\/([0-9]{2}\/)?[^/]+\.log(\.gz)?$/;

/** The header line of a plain-text flow log file (its first line), read from its first bytes. */
function headerOf(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    let text = buf.subarray(0, n);
    if (text[0] === 0x1f && text[1] === 0x8b) text = zlib.gunzipSync(text, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    return text.toString('utf8').split(/\r?\n/)[0].trim();
  } finally {
    fs.closeSync(fd);
  }
}

export const VPC_FLOW_TEXT: Layout = {
  id: 'vpc_flow_text',
  cloud: 'aws',
  title: 'VPC flow logs (text)',
  at: (path) => TEXT_PATH.test(path),
  matches: (rel, head) => TEXT_PATH.test(rel) && /^[a-z-]+( [a-z-]+)+\r?\n/.test(head) && /(^| )(srcaddr|interface-id)( |$)/.test(head.split('\n')[0]),
  viewSql(files, root) {
    // Files of one flow log share a header; files of flow logs with other fields are read apart.
    const groups = new Map<string, string[]>();
    for (const f of files) {
      const header = headerOf(f);
      groups.set(header, [...(groups.get(header) ?? []), f]);
    }
    const parts = [...groups].map(([header, group]) => {
      const names = header.split(/\s+/);
      const columns = `{${names.map((n) => `${sqlString(n)}: 'VARCHAR'`).join(', ')}}`;
      const present = new Set(names.map((n) => n.replace(/-/g, '_')));
      const fields = Object.entries(FLOW_FIELDS).map(([name, type]) => (present.has(name) ? `CAST("${name.replace(/_/g, '-')}" AS ${type}) AS "${name}"` : `CAST(NULL AS ${type}) AS "${name}"`));
      return `SELECT ${fields.join(', ')},
  regexp_extract(filename, '/AWSLogs/([0-9]{12})/vpcflowlogs/', 1) AS aws_account_id,
  regexp_extract(filename, '/vpcflowlogs/([a-z0-9-]+)/', 1) AS aws_region,
  regexp_extract(filename, '/vpcflowlogs/[a-z0-9-]+/([0-9]{4})/', 1) AS year,
  regexp_extract(filename, '/vpcflowlogs/[a-z0-9-]+/[0-9]{4}/([0-9]{2})/', 1) AS month,
  regexp_extract(filename, '/vpcflowlogs/[a-z0-9-]+/[0-9]{4}/[0-9]{2}/([0-9]{2})/', 1) AS day,
  nullif(regexp_extract(filename, '/vpcflowlogs/[a-z0-9-]+/[0-9]{4}/[0-9]{2}/[0-9]{2}/([0-9]{2})/', 1), '') AS hour,
  filename,
  ordinality - min(ordinality) OVER (PARTITION BY filename) + 2 AS line_no
FROM read_csv(${fileList(group)}, delim = ' ', header = true, quote = '', escape = '', nullstr = '-', auto_detect = false, columns = ${columns}, filename = true) WITH ORDINALITY`;
    });
    return `
CREATE OR REPLACE VIEW vpc_flow_lines_text AS
${parts.join('\nUNION ALL\n')};
CREATE OR REPLACE VIEW vpc_flow_logs_text AS SELECT * EXCLUDE (filename, line_no), filename AS "$path" FROM vpc_flow_lines_text;
CREATE OR REPLACE VIEW events_vpc_flow_text AS
${flowEvents('vpc_flow_lines_text', root, 'line_no')};
`;
  },
};
