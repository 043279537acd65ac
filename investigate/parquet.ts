/**
 * Writes rows as a Parquet file of flow log columns, as the VPC flow logs service does (DuckDB's
 * COPY, through a JSON-lines file beside the target that is removed after). For the drills and the
 * tests, which generate forensic copies; never used on an evidence copy.
 */
import * as fs from 'fs';
import { FLOW_FIELDS } from './aws/flow-logs';
import { sqlString } from './sql';

export async function writeFlowParquet(file: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const json = `${file}.rows.json`;
  fs.writeFileSync(json, rows.map((r) => JSON.stringify(r)).join('\n'));
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    const fields = Object.fromEntries(Object.entries(FLOW_FIELDS).filter(([k]) => k !== 'reject_reason'));
    const columns = `{${Object.entries(fields).map(([k, v]) => `"${k}": '${v}'`).join(', ')}}`;
    await db.run(`COPY (SELECT * FROM read_json(${sqlString(json.split('\\').join('/'))}, format = 'newline_delimited', columns = ${columns})) TO ${sqlString(file.split('\\').join('/'))} (FORMAT PARQUET)`);
  } finally {
    db.closeSync();
    instance.closeSync();
    fs.rmSync(json, { force: true });
  }
}
