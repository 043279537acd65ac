/**
 * The GCP drill: every catalog question GCP records, asked offline in DuckDB over a generated copy
 * of the sink bucket (the compromised ML package's GCP half), returns exactly the planted answer
 * and nothing from the noise; the copy's bytes and mtimes are unchanged afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { QUESTIONS, QuestionId, question } from '../../constructs/core/questions';
import { GCP_LAYOUTS } from '../../investigate/gcp';
import { COMPROMISED_PACKAGE_GCP as P, CompromisedPackageGcpTruth, writeCompromisedPackageGcp } from '../incidents/gcp';
import { ROOT, ask, createViews, namedParameters, offlineQuery, snapshot } from './duckdb-copy';

let dir: string;
let truth: CompromisedPackageGcpTruth;
let before: ReturnType<typeof snapshot>;
let instance: DuckDBInstance;
let db: DuckDBConnection;

const DAY = { from: '2026-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z' };
const KEY = `//iam.googleapis.com/${P.stolenKey}`;
const GCP_QUESTIONS = QUESTIONS.filter((q) => q.clouds.gcp.status !== 'not-recorded').map((q) => q.id);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-gcp-drill-'));
  truth = writeCompromisedPackageGcp(dir, 13);
  before = snapshot(dir);
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await createViews(db, dir, truth.files, GCP_LAYOUTS);
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });
});

const gcp = (id: QuestionId, params: Record<string, string>, window = DAY) => ask(db, 'gcp', id, { ...params, ...window });

describe('the GCP offline questions match the catalog', () => {
  test('one file per question GCP records, and no other', () => {
    const files = fs.readdirSync(path.join(ROOT, 'queries', 'gcp', 'offline')).map((f) => f.replace(/\.duckdb\.sql$/, ''));
    expect(files.sort()).toEqual([...GCP_QUESTIONS].sort());
  });

  test.each(GCP_QUESTIONS)('%s: header, the catalog parameter names, the answer columns in order, nothing outside the window', async (id) => {
    const text = offlineQuery('gcp', id);
    const q = question(id);
    expect(text.startsWith(`-- Question: ${id}.`)).toBe(true);
    expect(text).toMatch(/^-- Views: /m);
    expect(text).toContain(`-- Parameters: ${q.parameters.map((p) => `$${p.name}`).join(', ')}`);
    expect(text).toContain(`-- Answer columns: ${q.columns.join(', ')}.`);
    expect(namedParameters(text).sort()).toEqual(q.parameters.map((p) => p.name).sort());
    // The day before the incident: every question runs and answers nothing.
    const params = Object.fromEntries(q.parameters.map((p) => [p.name, p.name === 'from' ? '2026-11-29T00:00:00Z' : p.name === 'to' ? DAY.from : P.trainer]));
    const { columns, rows } = await ask(db, 'gcp', id, params);
    expect(columns).toEqual([...q.columns]);
    expect(rows).toEqual([]);
  });
});

describe('the compromised package on GCP, answered', () => {
  test('endpoint-callers: the stolen key from outside at volume, then the application; not the other endpoint', async () => {
    const { rows } = await gcp('endpoint-callers', { endpointName: P.endpointId });
    expect(rows).toEqual([
      { cloud: 'gcp', principal: P.app, credentialId: null, sourceIp: P.appIp, userAgent: P.appUserAgent, firstSeen: truth.appFirst, lastSeen: truth.appLast, count: truth.appPredicts },
      { cloud: 'gcp', principal: P.trainer, credentialId: KEY, sourceIp: P.attackerIp, userAgent: P.attackerUserAgent, firstSeen: truth.attackerFirst, lastSeen: truth.attackerLast, count: truth.attackerPredicts },
    ]);
    expect((await gcp('endpoint-callers', { endpointName: P.endpoint })).rows).toEqual(rows);
  });

  test('endpoint-callers honours the window: 09:30 to 10:00 holds the attacker and that half hour of the application', async () => {
    const { rows } = await gcp('endpoint-callers', { endpointName: P.endpointId }, { from: '2026-11-30T09:30:00Z', to: '2026-11-30T10:00:00Z' });
    const app = truth.appPredictTimes.filter((t) => t >= '2026-11-30T09:30:00Z' && t < '2026-11-30T10:00:00Z');
    expect(rows.map((r) => [r.principal, r.count, r.firstSeen, r.lastSeen])).toEqual([
      [P.trainer, truth.attackerPredicts, truth.attackerFirst, truth.attackerLast],
      ...(app.length > 0 ? [[P.app, app.length, app[0], app[app.length - 1]]] : []),
    ]);
  });

  test('endpoint-volume: one row per principal and hour; only the attacker hour stands out', async () => {
    const { rows } = await gcp('endpoint-volume', { endpointName: P.endpointId });
    expect(Object.fromEntries(rows.map((r) => [`${r.principal}|${r.hour}`, r.count]))).toEqual(truth.predictsByHour);
    expect(rows.filter((r) => r.outlier === true)).toEqual([{ cloud: 'gcp', principal: P.trainer, hour: '2026-11-30T09:00:00Z', count: truth.predictsByHour[`${P.trainer}|2026-11-30T09:00:00Z`], outlier: true }]);
  });

  test('credential-origin: the pipeline impersonated the training account, which then created itself a key', async () => {
    const { rows } = await gcp('credential-origin', { principal: P.trainer });
    expect(rows).toEqual([
      { cloud: 'gcp', time: truth.tokenTime, principal: P.trainer, action: 'iamcredentials.googleapis.com:GenerateAccessToken', sourcePrincipal: P.pipeline, credentialId: null, sourceIp: P.pipelineIp, userAgent: P.pipelineUserAgent },
      { cloud: 'gcp', time: truth.keyCreated, principal: P.trainer, action: 'iam.googleapis.com:google.iam.admin.v1.CreateServiceAccountKey', sourcePrincipal: P.trainer, credentialId: P.stolenKey, sourceIp: P.trainingAddress, userAgent: P.trainerUserAgent },
    ]);
  });

  test('data-writes: the overwrite of a feature file with the stolen key, not the other bucket', async () => {
    const { rows } = await gcp('data-writes', { location: `gs://${P.featuresBucket}/features/` });
    expect(rows).toEqual([{ cloud: 'gcp', time: truth.overwrite.time, principal: P.trainer, credentialId: KEY, sourceIp: P.attackerIp, action: 'storage.objects.create', object: truth.overwrite.object, outcome: 'OK' }]);
  });

  test('data-reads: the job read the five feature files; the bucket listing is not a read', async () => {
    const { rows } = await gcp('data-reads', { location: P.featuresBucket });
    expect(rows).toEqual(truth.featureReads.map((r) => ({ cloud: 'gcp', time: r.time, principal: P.trainer, credentialId: null, sourceIp: P.trainingAddress, action: 'storage.objects.get', object: r.object, outcome: 'OK' })));
  });

  test('data-reads takes the location literally: a LIKE wildcard matches nothing', async () => {
    expect((await gcp('data-reads', { location: 'acme-churn-features-gcp/feat%' })).rows).toEqual([]);
  });

  test('ml-jobs-using-data: the CustomJob that named the features, not the other job', async () => {
    const { rows } = await gcp('ml-jobs-using-data', { location: 'gs://acme-churn-features-gcp/' });
    expect(rows).toEqual([{ cloud: 'gcp', time: truth.jobCreated, job: P.job, principal: P.trainer, action: 'google.cloud.aiplatform.v1.JobService.CreateCustomJob', dataLocation: P.dataLocation }]);
    expect((await gcp('ml-jobs-using-data', { location: 'acme-fraud-features-gcp' })).rows.map((r) => [r.time, r.job])).toEqual([[truth.otherJobCreated, P.otherJob]]);
  });

  test('evidence-tampering: the denied DeleteSink only (a bucket created is not tampering)', async () => {
    const { rows } = await gcp('evidence-tampering', {});
    expect(rows).toEqual([{ cloud: 'gcp', time: truth.deleteSinkTime, principal: P.trainer, sourceIp: P.attackerIp, action: 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink', target: P.sink, outcome: 'code 7: PERMISSION_DENIED' }]);
  });

  test('principal-activity: the attack window of the training account, every call in order', async () => {
    const { rows } = await gcp('principal-activity', { principal: P.trainer }, { from: '2026-11-30T09:10:00Z', to: '2026-11-30T11:00:00Z' });
    expect(rows[0]).toEqual({ cloud: 'gcp', time: truth.keyCreated, principal: P.trainer, credentialId: null, sourceIp: P.trainingAddress, userAgent: P.trainerUserAgent, action: 'iam.googleapis.com:google.iam.admin.v1.CreateServiceAccountKey', target: `projects/-/serviceAccounts/${P.trainer}`, outcome: 'OK' });
    expect(rows.slice(1, -2).every((r) => r.action === 'aiplatform.googleapis.com:google.cloud.aiplatform.v1.PredictionService.Predict' && r.credentialId === KEY && r.sourceIp === P.attackerIp)).toBe(true);
    expect(rows.length).toBe(1 + truth.attackerPredicts + 2);
    expect(rows.slice(-2).map((r) => [r.time, r.action, r.outcome])).toEqual([
      [truth.overwrite.time, 'storage.googleapis.com:storage.objects.create', 'OK'],
      [truth.deleteSinkTime, 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink', 'code 7: PERMISSION_DENIED'],
    ]);
  });

  test('principal-activity of the pipeline includes the job it created as the impersonated account', async () => {
    const { rows } = await gcp('principal-activity', { principal: P.pipeline }, { from: '2026-11-30T08:59:00Z', to: '2026-11-30T09:01:00Z' });
    expect(rows.map((r) => [r.time, r.principal, r.action])).toEqual([
      [truth.tokenTime, P.pipeline, 'iamcredentials.googleapis.com:GenerateAccessToken'],
      [truth.jobCreated, P.trainer, 'aiplatform.googleapis.com:google.cloud.aiplatform.v1.JobService.CreateCustomJob'],
    ]);
  });

  test('network-egress: the exfiltration address with the name the VM resolved; no internal, destination-reported or other-VM flow', async () => {
    const expected = [{ cloud: 'gcp', source: P.trainingAddress, sourceAddress: P.trainingAddress, destinationAddress: P.exfilAddress, destinationPort: 443, protocol: 6, dnsName: P.exfilName, firstSeen: truth.exfilFirst, lastSeen: truth.exfilLast, flows: truth.exfilFlows }];
    expect((await gcp('network-egress', { source: P.trainingAddress })).rows).toEqual(expected);
    expect((await gcp('network-egress', { source: P.trainingVm })).rows).toEqual([{ ...expected[0], source: P.trainingVm }]);
    expect((await gcp('network-egress', { source: P.otherVm })).rows.map((r) => [r.destinationAddress, r.dnsName])).toEqual([['198.51.100.14', 'api.partner.example.']]);
  });
});

describe('the evidence copy', () => {
  test('after every question, its files have the same bytes and mtimes, and no file was added', () => {
    expect(snapshot(dir)).toEqual(before);
  });
});
