/**
 * The child process of the `investigate` bench section (bin/bench.ts), one measurement a run:
 *
 *   gen DIR RECORDS           write RECORDS CloudTrail records in the real layout under DIR
 *                             (AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/*.json.gz, 2,000 a file)
 *   kit DIR QUESTION          answer QUESTION (endpoint-callers, or the timeline of one role that
 *                             has 500 records whatever the size) with the investigate engine
 *   duckdb DIR QUESTION       the same answer from DuckDB reading the same files alone: the shipped
 *                             view and query for endpoint-callers, the same events view and selection for the timeline
 *
 * Prints one JSON line: wall ms of the work (process start-up left out of both), rows, peak RSS MB.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as zlib from 'zlib';
import { investigate } from '../investigate/engine';
import { CLOUDTRAIL } from '../investigate/aws/cloudtrail';
import { readOfflineSql } from '../investigate/queries';

const ENDPOINT = 'fraud-scoring-prod';
const ACCOUNT = '111122223333';
/** 500 records of the archive, whatever its size, are this role's: the timeline's answer does not grow with the input. */
const INTRUDER = 'arn:aws:iam::111122223333:role/intruder';
const FROM = '2026-11-01T00:00:00Z';
const TO = '2026-12-01T00:00:00Z';

function gen(dir: string, records: number): void {
  const perFile = 2000;
  const start = Date.parse(FROM);
  const span = Date.parse(TO) - start;
  const roles = ['fraud-api-task-role', 'ml-analyst', 'etl-batch', 'ci-deploy', 'notebook-user'];
  const names = [['sagemaker.amazonaws.com', 'InvokeEndpoint'], ['s3.amazonaws.com', 'GetObject'], ['sts.amazonaws.com', 'AssumeRole'], ['ec2.amazonaws.com', 'DescribeInstances'], ['s3.amazonaws.com', 'PutObject']];
  let n = 0;
  for (let f = 0; n < records; f++) {
    const t0 = start + Math.floor((f * perFile / records) * span);
    const day = new Date(t0).toISOString().slice(0, 10).split('-');
    const recs: unknown[] = [];
    for (let i = 0; i < perFile && n < records; i++, n++) {
      const [source, name] = names[n % names.length];
      const role = n % Math.max(1, Math.floor(records / 500)) === 0 ? 'intruder' : roles[(n * 7) % roles.length];
      recs.push({
        eventVersion: '1.09',
        userIdentity: { type: 'AssumedRole', principalId: `AROA${role.toUpperCase()}:s`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/s`, accountId: ACCOUNT, accessKeyId: `ASIA${String(n % 997).padStart(16, '0')}`, sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, accountId: ACCOUNT, userName: role }, attributes: { creationDate: '2026-11-01T00:00:00Z', mfaAuthenticated: 'false' } } },
        eventTime: new Date(t0 + i * 150).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventSource: source, eventName: name, awsRegion: 'us-east-1', sourceIPAddress: `10.0.${n % 250}.${(n * 3) % 250}`, userAgent: 'Boto3/1.35.2',
        requestParameters: source === 'sagemaker.amazonaws.com' ? { endpointName: n % 2 ? ENDPOINT : 'other-endpoint' } : source === 's3.amazonaws.com' ? { bucketName: 'acme-data', key: `k/${n}` } : { roleArn: `arn:aws:iam::${ACCOUNT}:role/${role}` },
        responseElements: null, requestID: `r-${n}`, eventID: `e-${n}`, readOnly: true, eventType: 'AwsApiCall', recipientAccountId: ACCOUNT, eventCategory: source === 'ec2.amazonaws.com' ? 'Management' : 'Data',
      });
    }
    const stamp = new Date(t0).toISOString().replace(/[-:]/g, '').slice(0, 13);
    const rel = path.join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', ...day, `${ACCOUNT}_CloudTrail_us-east-1_${stamp}Z_${String(f).padStart(16, '0')}.json.gz`);
    fs.mkdirSync(path.dirname(rel), { recursive: true });
    fs.writeFileSync(rel, zlib.gzipSync(JSON.stringify({ Records: recs }), { level: 1 }));
  }
}

async function kit(dir: string, question: string): Promise<number> {
  const params: [string, string][] = question === 'timeline' ? [['principal', INTRUDER]] : [['endpoint', ENDPOINT]];
  const a = await investigate({ question, logs: [dir], params, from: FROM, to: TO, cwd: dir });
  return a.rows.length;
}

async function duckdb(dir: string, question: string): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const glob = `'${path.join(dir, 'AWSLogs', '*', 'CloudTrail', '*', '*', '*', '*', '*.json.gz').split(path.sep).join('/')}'`;
  await db.run(readOfflineSql('aws', 'functions.duckdb.sql'));
  if (question === 'endpoint-callers') {
    await db.run(readOfflineSql('aws', 'cloudtrail.duckdb.sql').replaceAll('{{cloudtrail_files}}', glob));
    const p = await db.prepare(fs.readFileSync(path.join(__dirname, '..', 'queries', 'aws', 'endpoint-callers.sql'), 'utf8'));
    [ENDPOINT, FROM, TO].forEach((v, i) => p.bindVarchar(i + 1, v));
    return (await p.runAndReadAll()).getRowObjectsJS().length;
  }
  // The timeline's work without the kit: the same events view (investigate/aws/cloudtrail.ts) over
  // the same files by glob, the same selection, one statement.
  await db.run(CLOUDTRAIL.viewSql([], dir).replace(/read_json\(\[\]/g, `read_json(${glob}`));
  const r = await db.runAndReadAll(`SELECT * FROM events_cloudtrail
WHERE time >= TIMESTAMP '${FROM.replace(/Z$/, '')}' AND time < TIMESTAMP '${TO.replace(/Z$/, '')}' AND (principal = '${INTRUDER}' OR credentialId = '${INTRUDER}')
ORDER BY time, cloud, rawFile, rawLine`);
  return r.getRowObjectsJS().length;
}

async function main(): Promise<void> {
  const [mode, dir, arg] = process.argv.slice(2);
  const t0 = performance.now();
  let rows = 0;
  if (mode === 'gen') gen(dir, Number(arg));
  else if (mode === 'kit') rows = await kit(dir, arg);
  else if (mode === 'duckdb') rows = await duckdb(dir, arg);
  else throw new Error(`unknown mode ${mode}`);
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ms, rows, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`bench-investigate: ${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exitCode = 2;
});
