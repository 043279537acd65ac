/**
 * The AWS archive layouts of a forensic copy, and the Athena tables the query pack reads
 * (queries/aws/*.sql run byte for byte over them): `cloudtrail_logs` (CloudTrail), `vpc_flow_logs`
 * (the Parquet and text flow logs together) and `resolver_query_logs`.
 */
import { CLOUDTRAIL } from './cloudtrail';
import { SAGEMAKER_DATA_CAPTURE } from './data-capture';
import { VPC_FLOW_PARQUET, VPC_FLOW_TEXT } from './flow-logs';
import { GUARDDUTY_FINDINGS } from './guardduty';
import { EMPTY_RESOLVER_QUERY_LOGS, RESOLVER_QUERY_LOGS } from './resolver';
import type { QuestionId } from '../../constructs/core/questions';
import type { Layout } from '../layout';

export const AWS_LAYOUTS: readonly Layout[] = [CLOUDTRAIL, VPC_FLOW_PARQUET, VPC_FLOW_TEXT, RESOLVER_QUERY_LOGS, SAGEMAKER_DATA_CAPTURE, GUARDDUTY_FINDINGS];

/**
 * The Athena table an AWS query file reads (network-egress reads resolver_query_logs too, when
 * present; a question's alternative over data capture, `endpoint-volume-capture`, its table).
 */
export function awsTableOf(query: QuestionId | string): { table: string; layouts: readonly string[] } {
  if (query === 'network-egress') return { table: 'vpc_flow_logs', layouts: ['vpc_flow_parquet', 'vpc_flow_text'] };
  if (query.endsWith('-capture')) return { table: 'sagemaker_data_capture', layouts: ['sagemaker_data_capture'] };
  return { table: 'cloudtrail_logs', layouts: ['cloudtrail'] };
}

/** The SQL that joins the layouts' parts into the Athena tables, given the layouts present. */
export function awsTablesSql(present: ReadonlySet<string>): string {
  const parts = [present.has('vpc_flow_parquet') ? 'SELECT * FROM vpc_flow_logs_parquet' : '', present.has('vpc_flow_text') ? 'SELECT * FROM vpc_flow_logs_text' : ''].filter(Boolean);
  if (parts.length === 0) return '';
  return `CREATE OR REPLACE VIEW vpc_flow_logs AS ${parts.join(' UNION ALL BY NAME ')};\n${present.has('resolver_query_logs') ? '' : EMPTY_RESOLVER_QUERY_LOGS}`;
}
