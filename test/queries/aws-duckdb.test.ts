/**
 * The AWS query pack answers its questions on a simulated incident: the Athena SQL under
 * queries/aws/ runs byte for byte in DuckDB over a CloudTrail archive laid out as CloudTrail
 * writes it into S3, on top of queries/aws/offline/cloudtrail.duckdb.sql (the Athena table's
 * columns and the few Presto functions DuckDB names differently, as macros; no query is
 * rewritten). Each question returns exactly the planted answer and nothing from the noise. The
 * text DuckDB executes is the QueryStatement of the InvestigationPack's prepared statement in the
 * synthesized template, which equals the file byte for byte.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AuditTrail, DnsQueryLogs, EvidenceBucket } from '../../constructs/aws';
import { InvestigationPack } from '../../constructs/aws/investigation-pack';
import { question, QuestionId, QUESTIONS } from '../../constructs/core/questions';
import { COMPROMISED_PACKAGE_AWS as P, CompromisedPackageAwsTruth, EXFILTRATION as X, ExfiltrationTruth, writeCompromisedPackageAws, writeSageMakerExfiltration } from '../incidents/generator';

const ROOT = path.join(__dirname, '..', '..');
const queryFileText = (name: string): string => fs.readFileSync(path.join(ROOT, 'queries', 'aws', `${name}.sql`), 'utf8');

/** The QueryStatement of each prepared statement of a synthesized InvestigationPack, by question id. */
const deployed: Record<string, string> = (() => {
  const stack = new Stack(new App(), 'Pack', { env: { account: '111122223333', region: 'us-east-1' } });
  const evidence = new EvidenceBucket(stack, 'Evidence');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const dnsQueryLogs = new DnsQueryLogs(stack, 'Dns', { vpcs: [vpc], destination: evidence });
  new InvestigationPack(stack, 'Pack', { trail: new AuditTrail(stack, 'Trail', { destination: evidence }), flowLogsBucket: evidence.bucket, dnsQueryLogs, dataCapture: { bucket: evidence.bucket, prefix: X.captureRoot }, captureEndpoints: [X.endpoint, X.otherEndpoint], captureVariants: [X.variant, 'AllTraffic'] });
  const statements = Object.values(Template.fromStack(stack).findResources('AWS::Athena::PreparedStatement'));
  return Object.fromEntries(statements.map((s) => [s.Properties.StatementName.replace(/_/g, '-'), s.Properties.QueryStatement]));
})();
const queryText = (name: string): string => {
  const text = deployed[name];
  if (text === undefined) throw new Error(`the InvestigationPack deploys no statement for ${name}`);
  return text;
};
const AWS_QUERIES = fs.readdirSync(path.join(ROOT, 'queries', 'aws')).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, ''));
/** The question a query file answers: its own name, or the question that lists it as an alternative. */
const questionOf = (name: string): QuestionId => QUESTIONS.find((q) => q.id === name || (q.clouds.aws.alternatives ?? []).some((a) => a.query === name))?.id ?? (name as QuestionId);

let dir: string;
let truth: ExfiltrationTruth;
let pkg: CompromisedPackageAwsTruth;
let instance: DuckDBInstance;
let db: DuckDBConnection;

const FLOW_COLUMNS: Record<string, string> = {
  version: 'INTEGER', account_id: 'VARCHAR', interface_id: 'VARCHAR', srcaddr: 'VARCHAR', dstaddr: 'VARCHAR', srcport: 'INTEGER', dstport: 'INTEGER',
  protocol: 'BIGINT', packets: 'BIGINT', bytes: 'BIGINT', start: 'BIGINT', end: 'BIGINT', action: 'VARCHAR', log_status: 'VARCHAR', vpc_id: 'VARCHAR',
  subnet_id: 'VARCHAR', instance_id: 'VARCHAR', tcp_flags: 'INTEGER', type: 'VARCHAR', pkt_srcaddr: 'VARCHAR', pkt_dstaddr: 'VARCHAR', region: 'VARCHAR',
  az_id: 'VARCHAR', sublocation_type: 'VARCHAR', sublocation_id: 'VARCHAR', pkt_src_aws_service: 'VARCHAR', pkt_dst_aws_service: 'VARCHAR',
  flow_direction: 'VARCHAR', traffic_path: 'INTEGER',
};
const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const posix = (...parts: string[]): string => path.join(...parts).split(path.sep).join('/');

/** Writes flow log rows as the service does: one Parquet file, the flow log fields as typed columns. */
async function writeFlowParquet(file: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const json = `${file}.rows.json`;
  fs.writeFileSync(json, rows.map((r) => JSON.stringify(r)).join('\n'));
  const columns = `{${Object.entries(FLOW_COLUMNS).map(([k, v]) => `"${k}": '${v}'`).join(', ')}}`;
  await db.run(`COPY (SELECT * FROM read_json(${sqlString(posix(json))}, format = 'newline_delimited', columns = ${columns})) TO ${sqlString(posix(file))} (FORMAT PARQUET)`);
  fs.rmSync(json);
}

/** The offline definitions of the AWS tables, loaded as an investigator would over a copy. */
function offline(file: string, placeholder: string, glob: string): string {
  return fs.readFileSync(path.join(ROOT, 'queries', 'aws', 'offline', file), 'utf8').replaceAll(placeholder, sqlString(glob));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-ct-'));
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  truth = writeSageMakerExfiltration(dir, 7);
  pkg = await writeCompromisedPackageAws(dir, writeFlowParquet, 11);
  await db.run(fs.readFileSync(path.join(ROOT, 'queries', 'aws', 'offline', 'functions.duckdb.sql'), 'utf8'));
  await db.run(offline('cloudtrail.duckdb.sql', '{{cloudtrail_files}}', posix(dir, 'AWSLogs', '*', 'CloudTrail', '*', '*', '*', '*', '*.json.gz')));
  await db.run(offline('vpc-flow-logs.duckdb.sql', '{{flow_log_files}}', posix(dir, 'AWSLogs', '*', '*', '*', '*', '*', '*', '*', '*.log.parquet')));
  await db.run(offline('resolver-query-logs.duckdb.sql', '{{resolver_files}}', posix(dir, 'AWSLogs', '*', 'vpcdnsquerylogs', '*', '*', '*', '*', '*.log.gz')));
  await db.run(offline('sagemaker-data-capture.duckdb.sql', '{{capture_files}}', posix(dir, X.captureRoot, '*', '*', '*', '*', '*', '*', '*.jsonl')));
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a query file as it is, binding the parameters in order; rows with bigints as numbers. */
async function ask(id: string, params: readonly string[]): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const prepared = await db.prepare(queryText(id));
  params.forEach((p, i) => prepared.bindVarchar(i + 1, p));
  const reader = await prepared.runAndReadAll();
  const rows = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  return { columns: reader.columnNames(), rows };
}

const DAY = ['2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'] as const;

describe('the simulated archive', () => {
  test('is laid out as CloudTrail writes it, one gzipped Records file per five minutes', () => {
    expect(truth.files.length).toBeGreaterThan(100);
    for (const f of truth.files) expect(f).toMatch(/^AWSLogs\/111122223333\/CloudTrail\/us-east-1\/2026\/(11\/30|12\/01)\/111122223333_CloudTrail_us-east-1_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/);
  });

  test('the view reads every record, with the Athena partition columns from the keys', async () => {
    const reader = await db.runAndReadAll('SELECT count(*) AS n, count(DISTINCT account) AS accounts, min("timestamp") AS first FROM cloudtrail_logs');
    // The exfiltration's records and the package incident's (two CreateTrainingJob, its S3 data events).
    expect(reader.getRowObjectsJS()).toEqual([{ n: BigInt(truth.records + pkg.cloudTrailRecords), accounts: BigInt(1), first: '2026/11/30' }]);
  });

  test('the same seed writes the same archive', () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-ct-'));
    try {
      const second = writeSageMakerExfiltration(again, 7);
      expect(second).toEqual(truth);
      expect(fs.readFileSync(path.join(again, second.files[10]))).toEqual(fs.readFileSync(path.join(dir, truth.files[10])));
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });
});

describe('every AWS query matches its catalog entry', () => {
  test.each(AWS_QUERIES)('%s: a catalog question, its parameters bound in order, its answer columns exactly', async (id) => {
    const q = question(questionOf(id));
    const text = queryText(id);
    expect(text).toBe(queryFileText(id));
    expect(text.startsWith(`-- Question: ${q.id}.`)).toBe(true);
    expect(text.replace(/^--.*$/gm, '').match(/\?/g)?.length ?? 0).toBe(q.parameters.length);
    expect(text).toContain(`-- Parameters, in order: `);
    const params = q.parameters.map((p) => (p.name === 'from' ? DAY[0] : p.name === 'to' ? DAY[1] : 'x'));
    expect((await ask(id, params)).columns).toEqual([...q.columns]);
  });

  test('the catalog names every question once, and AWS answers at least the exfiltration questions', () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
    expect(AWS_QUERIES.sort()).toEqual(['credential-origin', 'data-reads', 'data-writes', 'endpoint-callers', 'endpoint-volume', 'endpoint-volume-capture', 'evidence-tampering', 'ml-jobs-using-data', 'network-egress', 'principal-activity']);
    // Every question of the catalog has an AWS query, and every alternative names a shipped file.
    expect(QUESTIONS.filter((q) => !AWS_QUERIES.includes(q.id)).map((q) => q.id)).toEqual([]);
    expect(QUESTIONS.flatMap((q) => (q.clouds.aws.alternatives ?? []).map((a) => a.query)).filter((a) => !AWS_QUERIES.includes(a))).toEqual([]);
  });
});

describe('the SageMaker exfiltration, answered', () => {
  test('endpoint-callers: the attacker session (high volume, outside address) and the application, nothing else', async () => {
    const { rows } = await ask('endpoint-callers', [X.endpoint, ...DAY]);
    expect(rows).toEqual([
      { cloud: 'aws', principal: X.attacker.role, credentialId: X.attacker.accessKeyId, sourceIp: X.attacker.sourceIp, userAgent: X.attacker.userAgent, firstSeen: truth.attackerFirst, lastSeen: truth.attackerLast, count: truth.attackerInvocations },
      { cloud: 'aws', principal: X.app.role, credentialId: X.app.accessKeyId, sourceIp: X.app.sourceIp, userAgent: X.app.userAgent, firstSeen: truth.appFirst, lastSeen: truth.appLast, count: truth.appInvocations },
    ]);
    expect(truth.attackerInvocations).toBeGreaterThan(5 * truth.appInvocations);
  });

  test('endpoint-callers honours the window: the hour of the attack holds the attacker and the application only for that hour', async () => {
    const { rows } = await ask('endpoint-callers', [X.endpoint, '2026-11-30T13:00:00Z', '2026-11-30T14:00:00Z']);
    expect(rows.map((r) => r.principal)).toEqual([X.attacker.role, X.app.role]);
    expect(rows[0].count).toBe(truth.attackerInvocations);
    expect(rows[1].count).toBeLessThanOrEqual(6);
  });

  test('credential-origin: the analyst role was assumed by the CI user from an unusual address, returning the key that invoked', async () => {
    const { rows } = await ask('credential-origin', [X.attacker.role, ...DAY]);
    expect(rows).toEqual([
      { cloud: 'aws', time: truth.assumeRoleTime, principal: X.attacker.role, action: 'AssumeRole', sourcePrincipal: X.attacker.user, credentialId: X.attacker.accessKeyId, sourceIp: X.attacker.signInIp, userAgent: 'aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux' },
    ]);
  });

  test('data-reads: the model artefact was read once, by the attacker session', async () => {
    const { rows } = await ask('data-reads', [`${X.modelBucket}/fraud-scoring/`, ...DAY]);
    expect(rows).toEqual([
      { cloud: 'aws', time: truth.modelReadTime, principal: X.attacker.role, credentialId: X.attacker.accessKeyId, sourceIp: X.attacker.sourceIp, action: 'GetObject', object: `s3://${X.modelBucket}/${X.modelKey}`, outcome: 'Success' },
    ]);
  });

  test('data-reads takes the location literally: a prefix with LIKE wildcards matches nothing', async () => {
    expect((await ask('data-reads', ['acme-ml-model-artifacts/%', ...DAY])).rows).toEqual([]);
  });

  test('evidence-tampering: the denied StopLogging of the trail, and nothing from the noise', async () => {
    const { rows } = await ask('evidence-tampering', [...DAY]);
    expect(rows).toEqual([{ cloud: 'aws', time: truth.stopLoggingTime, principal: X.attacker.role, sourceIp: X.attacker.sourceIp, action: 'cloudtrail:StopLogging', target: X.trailArn, outcome: 'AccessDenied' }]);
  });
});

describe('the SageMaker exfiltration, volume', () => {
  test('endpoint-volume: one row per principal and hour; only the attacker hour stands out', async () => {
    const { rows } = await ask('endpoint-volume', [X.endpoint, ...DAY]);
    const outliers = rows.filter((r) => r.outlier === true);
    expect(outliers).toEqual([{ cloud: 'aws', principal: X.attacker.role, hour: '2026-11-30T13:00:00Z', count: truth.attackerInvocations, outlier: true }]);
    const app = rows.filter((r) => r.principal === X.app.role);
    expect(app).toHaveLength(24);
    expect(app.reduce((n, r) => n + (r.count as number), 0)).toBe(truth.appInvocations);
    expect(rows.map((r) => r.principal).filter((p) => p !== X.app.role && p !== X.attacker.role)).toEqual([]);
  });
});

describe('the compromised ML package, on AWS', () => {
  test('ml-jobs-using-data: the training job that read the features, not the other job', async () => {
    const { rows } = await ask('ml-jobs-using-data', ['s3://acme-churn-features/', ...DAY]);
    expect(rows).toEqual([{ cloud: 'aws', time: pkg.jobCreated, job: P.job, principal: P.pipelineRole, action: 'CreateTrainingJob', dataLocation: P.dataLocation }]);
  });

  test('network-egress: the exfiltration address with the name the job resolved, then S3; no private, rejected or other-interface traffic', async () => {
    const { rows } = await ask('network-egress', [P.trainingEni, ...DAY]);
    expect(rows).toEqual([
      { cloud: 'aws', source: P.trainingEni, sourceAddress: P.trainingAddress, destinationAddress: P.exfilAddress, destinationPort: 443, protocol: 6, dnsName: P.exfilName, firstSeen: pkg.exfilFirst, lastSeen: pkg.exfilLast, flows: pkg.exfilFlows },
      { cloud: 'aws', source: P.trainingEni, sourceAddress: P.trainingAddress, destinationAddress: P.s3Address, destinationPort: 443, protocol: 6, dnsName: P.s3Name, firstSeen: pkg.s3First, lastSeen: pkg.s3Last, flows: pkg.s3Flows },
    ]);
  });

  test('network-egress by instance id gives the same answer; another interface gives its own', async () => {
    const byInstance = await ask('network-egress', [P.trainingInstance, ...DAY]);
    expect(byInstance.rows.map((r) => r.destinationAddress)).toEqual([P.exfilAddress, P.s3Address]);
    const other = await ask('network-egress', [P.otherEni, ...DAY]);
    expect(other.rows.map((r) => [r.destinationAddress, r.dnsName])).toEqual([['198.51.100.14', 'api.partner.example.']]);
  });
});

describe('principal-activity, answered', () => {
  const endpointArn = `arn:aws:sagemaker:${X.region}:${X.account}:endpoint/${X.endpoint}`;

  test('the attacker role: every invocation of the session, the model read and the denied StopLogging, in time order, nothing else', async () => {
    const { rows } = await ask('principal-activity', [X.attacker.role, ...DAY]);
    const who = { cloud: 'aws', principal: X.attacker.role, credentialId: X.attacker.accessKeyId, sourceIp: X.attacker.sourceIp, userAgent: X.attacker.userAgent };
    expect(rows).toEqual([
      ...truth.attackerInvokeTimes.map((time) => ({ ...who, time, action: 'sagemaker:InvokeEndpoint', target: endpointArn, outcome: 'Success' })),
      { ...who, time: truth.modelReadTime, action: 's3:GetObject', target: `arn:aws:s3:::${X.modelBucket}/${X.modelKey}`, outcome: 'Success' },
      { ...who, time: truth.stopLoggingTime, action: 'cloudtrail:StopLogging', target: X.trailArn, outcome: 'AccessDenied' },
    ]);
  });

  test("the session's own ARN gives the same calls; the IAM user did one thing: assume the role, from the unusual address", async () => {
    expect((await ask('principal-activity', [X.attacker.session, ...DAY])).rows).toHaveLength(truth.attackerInvocations + 2);
    const { rows } = await ask('principal-activity', [X.attacker.user, ...DAY]);
    expect(rows).toEqual([
      { cloud: 'aws', time: truth.assumeRoleTime, principal: X.attacker.user, credentialId: X.attacker.userKey, sourceIp: X.attacker.signInIp, userAgent: 'aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux', action: 'sts:AssumeRole', target: X.attacker.role, outcome: 'Success' },
    ]);
  });

  test('honours the window: the hour before the attack holds nothing of the attacker', async () => {
    expect((await ask('principal-activity', [X.attacker.role, '2026-11-30T12:00:00Z', '2026-11-30T13:00:00Z'])).rows).toEqual([]);
  });

  test("the training job's execution role: the package's reads and writes from inside the job, through the VPC endpoint", async () => {
    const { rows } = await ask('principal-activity', [P.execRole, ...DAY]);
    const obj = (key: string, bucket: string = P.dataBucket): string => `arn:aws:s3:::${bucket}/${key}`;
    expect(rows.map((r) => [r.time, r.action, r.target, r.outcome])).toEqual([
      ['2026-11-30T09:05:31Z', 's3:GetObject', obj('features/part-00003.parquet'), 'Success'],
      [P.overwriteTime, 's3:PutObject', obj(P.overwrittenKey), 'Success'],
      ['2026-11-30T09:14:09Z', 's3:CopyObject', obj(P.copiedKey), 'Success'],
      ['2026-11-30T09:14:15Z', 's3:DeleteObject', obj(P.deletedKey), 'Success'],
      ['2026-11-30T09:14:20Z', 's3:DeleteObject', obj('features/_SUCCESS'), 'AccessDenied'],
      // A DeleteObjects names its objects by prefix only: the target is the bucket.
      ['2026-11-30T09:14:31Z', 's3:DeleteObjects', P.dataBucket, 'Success'],
      ['2026-11-30T09:49:50Z', 's3:PutObject', obj(`churn/${P.job}/output/model.tar.gz`, 'acme-ml-model-artifacts'), 'Success'],
    ]);
    expect(new Set(rows.map((r) => JSON.stringify([r.principal, r.credentialId, r.sourceIp, r.userAgent])))).toEqual(new Set([JSON.stringify([P.execRole, P.execAccessKeyId, P.trainingAddress, P.execUserAgent])]));
  });
});

describe('data-writes, answered on the compromised package', () => {
  const location = `${P.dataBucket}/features/`;

  test("the feature pipeline's writes, then the package's overwrite, copy, deletes (one denied) and batch delete; no look-alike prefix or bucket, no read, no other bucket", async () => {
    const { rows } = await ask('data-writes', [location, ...DAY]);
    const feature = { cloud: 'aws', principal: P.featureRole, credentialId: 'ASIAFEATUREFEATURE01', sourceIp: '10.20.8.31' };
    const pkgWrite = { cloud: 'aws', principal: P.execRole, credentialId: P.execAccessKeyId, sourceIp: P.trainingAddress };
    const s3 = (key: string): string => `s3://${P.dataBucket}/${key}`;
    expect(rows).toEqual([
      { ...feature, time: '2026-11-30T06:10:05Z', action: 'PutObject', object: s3('features/part-00028.parquet'), outcome: 'Success' },
      { ...feature, time: '2026-11-30T06:10:41Z', action: 'PutObject', object: s3('features/part-00029.parquet'), outcome: 'Success' },
      { ...pkgWrite, time: P.overwriteTime, action: 'PutObject', object: s3(P.overwrittenKey), outcome: 'Success' },
      { ...pkgWrite, time: '2026-11-30T09:14:09Z', action: 'CopyObject', object: s3(P.copiedKey), outcome: 'Success' },
      { ...pkgWrite, time: '2026-11-30T09:14:15Z', action: 'DeleteObject', object: s3(P.deletedKey), outcome: 'Success' },
      { ...pkgWrite, time: '2026-11-30T09:14:20Z', action: 'DeleteObject', object: s3('features/_SUCCESS'), outcome: 'AccessDenied' },
      { ...pkgWrite, time: '2026-11-30T09:14:31Z', action: 'DeleteObjects', object: s3(''), outcome: 'Success' },
    ]);
  });

  test('the overwritten key is one the package read first: the overwrite shows as a write to a key read before', async () => {
    const reads = await ask('data-reads', [location, ...DAY]);
    const writes = await ask('data-writes', [location, ...DAY]);
    const readByPackage = reads.rows.filter((r) => r.principal === P.execRole).map((r) => r.object);
    expect(writes.rows.filter((r) => r.action === 'PutObject' && readByPackage.includes(r.object)).map((r) => r.object)).toEqual([`s3://${P.dataBucket}/${P.overwrittenKey}`]);
  });

  test('honours the window and the location: the next day holds one write, an exact key only itself', async () => {
    expect((await ask('data-writes', [location, '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'])).rows.map((r) => r.object)).toEqual([`s3://${P.dataBucket}/features/part-00030.parquet`]);
    expect((await ask('data-writes', [`${P.dataBucket}/${P.copiedKey}`, ...DAY])).rows.map((r) => [r.action, r.object])).toEqual([
      ['CopyObject', `s3://${P.dataBucket}/${P.copiedKey}`],
      // The batch delete on the bucket may have removed it: CloudTrail does not say which keys.
      ['DeleteObjects', `s3://${P.dataBucket}/`],
    ]);
    expect((await ask('data-writes', [`${P.dataBucket}-backup/features/`, ...DAY])).rows.map((r) => r.object)).toEqual([`s3://${P.dataBucket}-backup/features/part-00003.parquet`]);
  });
});

describe('endpoint-volume from data capture', () => {
  const hourOf = (t: string): string => `${t.slice(0, 13)}:00:00Z`;
  const perHour = (times: readonly string[]): Map<string, number> => times.reduce((m, t) => m.set(hourOf(t), (m.get(hourOf(t)) ?? 0) + 1), new Map<string, number>());

  test('the capture files are laid out as SageMaker writes them: <prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/<mm-ss-mmm-uuid>.jsonl', () => {
    expect(truth.captureFiles.length).toBeGreaterThan(24);
    for (const f of truth.captureFiles) expect(f).toMatch(/^sagemaker-data-capture\/(fraud-scoring-prod\/primary|churn-model-staging\/AllTraffic)\/2026\/11\/30\/\d{2}\/\d{2}-\d{2}-\d{3}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jsonl$/);
  });

  test('every captured request per hour, no caller; only the attack hour stands out', async () => {
    const { rows } = await ask('endpoint-volume-capture', [X.endpoint, ...DAY]);
    const expected = perHour([...truth.appInvokeTimes, ...truth.attackerInvokeTimes]);
    expect(rows).toEqual([...expected.entries()].sort().map(([hour, count]) => ({ cloud: 'aws', principal: null, hour, count, outlier: hour === '2026-11-30T13:00:00Z' })));
    expect(rows).toHaveLength(24);
  });

  test('the capture and CloudTrail agree on the attack hour: its count is the sum of the callers CloudTrail names', async () => {
    const capture = await ask('endpoint-volume-capture', [X.endpoint, '2026-11-30T13:00:00Z', '2026-11-30T14:00:00Z']);
    const trail = await ask('endpoint-volume', [X.endpoint, '2026-11-30T13:00:00Z', '2026-11-30T14:00:00Z']);
    expect(capture.rows.map((r) => r.count)).toEqual([trail.rows.reduce((n, r) => n + (r.count as number), 0)]);
    expect(capture.rows[0].count).toBe(truth.attackerInvocations + (perHour(truth.appInvokeTimes).get('2026-11-30T13:00:00Z') ?? 0));
  });

  test("another endpoint's capture is its own: the batch endpoint, none of the attack", async () => {
    const { rows } = await ask('endpoint-volume-capture', [X.otherEndpoint, ...DAY]);
    expect(rows.reduce((n, r) => n + (r.count as number), 0)).toBe(60);
    expect(rows.filter((r) => r.outlier === true)).toEqual([]);
  });
});
