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
import { AuditTrail, EvidenceBucket } from '../../constructs/aws';
import { InvestigationPack } from '../../constructs/aws/investigation-pack';
import { question, QuestionId, QUESTIONS } from '../../constructs/core/questions';
import { EXFILTRATION as X, ExfiltrationTruth, writeSageMakerExfiltration } from '../incidents/generator';

const ROOT = path.join(__dirname, '..', '..');
const queryFileText = (id: QuestionId): string => fs.readFileSync(path.join(ROOT, 'queries', 'aws', `${id}.sql`), 'utf8');

/** The QueryStatement of each prepared statement of a synthesized InvestigationPack, by question id. */
const deployed: Record<string, string> = (() => {
  const stack = new Stack(new App(), 'Pack', { env: { account: '111122223333', region: 'us-east-1' } });
  new InvestigationPack(stack, 'Pack', { trail: new AuditTrail(stack, 'Trail', { destination: new EvidenceBucket(stack, 'Evidence') }) });
  const statements = Object.values(Template.fromStack(stack).findResources('AWS::Athena::PreparedStatement'));
  return Object.fromEntries(statements.map((s) => [s.Properties.StatementName.replace(/_/g, '-'), s.Properties.QueryStatement]));
})();
const queryText = (id: QuestionId): string => {
  const text = deployed[id];
  if (text === undefined) throw new Error(`the InvestigationPack deploys no statement for ${id}`);
  return text;
};
const AWS_QUERIES = fs.readdirSync(path.join(ROOT, 'queries', 'aws')).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '') as QuestionId);

let dir: string;
let truth: ExfiltrationTruth;
let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-ct-'));
  truth = writeSageMakerExfiltration(dir, 7);
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  const glob = path.join(dir, 'AWSLogs', '*', 'CloudTrail', '*', '*', '*', '*', '*.json.gz').split(path.sep).join('/');
  const bridge = fs.readFileSync(path.join(ROOT, 'queries', 'aws', 'offline', 'cloudtrail.duckdb.sql'), 'utf8').replaceAll('{{cloudtrail_files}}', `'${glob.replace(/'/g, "''")}'`);
  await db.run(bridge);
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a query file as it is, binding the parameters in order; rows with bigints as numbers. */
async function ask(id: QuestionId, params: readonly string[]): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
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
    expect(reader.getRowObjectsJS()).toEqual([{ n: BigInt(truth.records), accounts: BigInt(1), first: '2026/11/30' }]);
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
    const q = question(id);
    const text = queryText(id);
    expect(text).toBe(queryFileText(id));
    expect(text.startsWith(`-- Question: ${id}.`)).toBe(true);
    expect(text.replace(/^--.*$/gm, '').match(/\?/g)?.length ?? 0).toBe(q.parameters.length);
    expect(text).toContain(`-- Parameters, in order: `);
    const params = q.parameters.map((p) => (p.name === 'from' ? DAY[0] : p.name === 'to' ? DAY[1] : 'x'));
    expect((await ask(id, params)).columns).toEqual([...q.columns]);
  });

  test('the catalog names every question once, and AWS answers at least the exfiltration questions', () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
    expect(AWS_QUERIES.sort()).toEqual(['credential-origin', 'data-reads', 'endpoint-callers', 'evidence-tampering']);
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
