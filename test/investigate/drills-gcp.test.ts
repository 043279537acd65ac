/**
 * The GCP drill: every catalog question GCP records, asked offline in DuckDB over a generated copy
 * of the sink bucket (the compromised ML package's GCP half), returns exactly the planted answer
 * and nothing from the noise; the copy's bytes and mtimes are unchanged afterwards.
 */
import * as fs from 'fs';
import * as path from 'path';
import { QUESTIONS, QuestionId, question } from '../../constructs/core/questions';
import { GCP_LAYOUTS } from '../../investigate/gcp';
import { runDrills } from '../../investigate/drills';
import { COMPROMISED_PACKAGE_GCP as P, gcpDrillCases, writeGcpDrillCopy } from '../incidents/gcp';
import { ROOT, ask, expectCliAnswer, expectOfflineHeader, expectHeldAsInPlace, snapshot, useDrillCopy } from './duckdb-copy';

const copy = useDrillCopy('fr-gcp-drill-', writeGcpDrillCopy, GCP_LAYOUTS);

const DAY = { from: '2026-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z' };
const KEY = `//iam.googleapis.com/${P.stolenKey}`;
const GCP_QUESTIONS = QUESTIONS.filter((q) => q.clouds.gcp.status !== 'not-recorded').map((q) => q.id);

const gcp = (id: QuestionId, params: Record<string, string>, window = DAY) => ask(copy.db, 'gcp', id, { ...params, ...window });

describe('the drill of npm start: every GCP question, through the CLI, exactly the planted rows', () => {
  test('one drill case per question GCP records', () => {
    expect(gcpDrillCases(copy.truth).map((c) => c.question).sort()).toEqual([...GCP_QUESTIONS].sort());
  });

  test.each(GCP_QUESTIONS)('%s', async (id) => {
    await expectCliAnswer(copy.dir, gcpDrillCases(copy.truth).find((x) => x.question === id)!);
  }, 30_000);

  test('held as the drills hold it (the most-read views read once into tables, one thread), every case returns the rows the copy read in place returns', async () => {
    await expectHeldAsInPlace(copy.dir, gcpDrillCases(copy.truth));
  }, 60_000);

  test('the drill runner judges every case answered, and a case whose planted answer differs wrong', async () => {
    const cases = gcpDrillCases(copy.truth);
    const outcomes = await runDrills(copy.dir, 'gcp', cases);
    expect(outcomes.map((o) => [o.question, o.cloud, o.outcome])).toEqual(cases.map((c) => [c.question, 'gcp', 'answered']));
    const [wrong] = await runDrills(copy.dir, 'gcp', [{ ...cases[0], expected: cases[0].expected.slice(1) }]);
    expect(wrong.outcome).toBe('wrong');
    expect(wrong.summary).toBe(`2 rows, first: principal=${P.app}, sourceIp=${P.appIp}, userAgent=${P.appUserAgent}, firstSeen=${copy.truth.appFirst}`);
  }, 60_000);

  test('endpoint-volume: the counts add up to the planted calls, the attacker hour the only outlier', () => {
    const rows = gcpDrillCases(copy.truth).find((c) => c.question === 'endpoint-volume')!.expected;
    expect(rows.filter((r) => r.outlier).map((r) => [r.principal, r.hour, r.count])).toEqual([[P.trainer, '2026-11-30T09:00:00Z', copy.truth.attackerPredicts]]);
    expect(rows.reduce((n, r) => n + (r.count as number), 0)).toBe(copy.truth.attackerPredicts + copy.truth.appPredicts);
  });
});

describe('the GCP offline questions match the catalog', () => {
  test('one file per question GCP records, and no other', () => {
    const files = fs.readdirSync(path.join(ROOT, 'queries', 'gcp', 'offline')).map((f) => f.replace(/\.duckdb\.sql$/, ''));
    expect(files.sort()).toEqual([...GCP_QUESTIONS].sort());
  });

  test.each(GCP_QUESTIONS)('%s: header, the catalog parameter names, the answer columns in order, nothing outside the window', async (id) => {
    expectOfflineHeader('gcp', id);
    const q = question(id);
    // The day before the incident: every question runs and answers nothing.
    const params = Object.fromEntries(q.parameters.map((p) => [p.name, p.name === 'from' ? '2026-11-29T00:00:00Z' : p.name === 'to' ? DAY.from : P.trainer]));
    const { columns, rows } = await ask(copy.db, 'gcp', id, params);
    expect(columns).toEqual([...q.columns]);
    expect(rows).toEqual([]);
  });
});

describe('the compromised package on GCP, beyond the drill cases', () => {
  const caseOf = (id: QuestionId) => gcpDrillCases(copy.truth).find((c) => c.question === id)!;

  test('endpoint-callers: the endpoint by its full resource name answers as by its id; the other endpoint is not in it', async () => {
    expect((await gcp('endpoint-callers', { endpointName: P.endpoint })).rows).toEqual(caseOf('endpoint-callers').expected);
    expect((await gcp('endpoint-callers', { endpointName: P.otherEndpoint })).rows.map((r) => r.principal)).toEqual([P.pipeline]);
  });

  test('endpoint-callers honours the window: 09:30 to 10:00 holds the attacker and that half hour of the application', async () => {
    const { rows } = await gcp('endpoint-callers', { endpointName: P.endpointId }, { from: '2026-11-30T09:30:00Z', to: '2026-11-30T10:00:00Z' });
    const app = copy.truth.appPredictTimes.filter((t) => t >= '2026-11-30T09:30:00Z' && t < '2026-11-30T10:00:00Z');
    expect(rows.map((r) => [r.principal, r.count, r.firstSeen, r.lastSeen])).toEqual([
      [P.trainer, copy.truth.attackerPredicts, copy.truth.attackerFirst, copy.truth.attackerLast],
      ...(app.length > 0 ? [[P.app, app.length, app[0], app[app.length - 1]]] : []),
    ]);
  });

  test('data-reads takes the location literally: a LIKE wildcard matches nothing', async () => {
    expect((await gcp('data-reads', { location: 'acme-churn-features-gcp/feat%' })).rows).toEqual([]);
  });

  test('ml-jobs-using-data: the other job, by its own data', async () => {
    expect((await gcp('ml-jobs-using-data', { location: 'acme-fraud-features-gcp' })).rows.map((r) => [r.time, r.job])).toEqual([[copy.truth.otherJobCreated, P.otherJob]]);
  });

  test('principal-activity: the attack window holds every Predict with the stolen key from outside', () => {
    const rows = caseOf('principal-activity').expected;
    expect(rows.length).toBe(1 + copy.truth.attackerPredicts + 2);
    expect(rows.slice(1, -2).every((r) => r.credentialId === KEY && r.sourceIp === P.attackerIp)).toBe(true);
  });

  test('principal-activity of the pipeline includes the job it created as the impersonated account', async () => {
    const { rows } = await gcp('principal-activity', { principal: P.pipeline }, { from: '2026-11-30T08:59:00Z', to: '2026-11-30T09:01:00Z' });
    expect(rows.map((r) => [r.time, r.principal, r.action])).toEqual([
      [copy.truth.tokenTime, P.pipeline, 'iamcredentials.googleapis.com:GenerateAccessToken'],
      [copy.truth.jobCreated, P.trainer, 'aiplatform.googleapis.com:google.cloud.aiplatform.v1.JobService.CreateCustomJob'],
    ]);
  });

  test('network-egress: by VM name as by address; the other VM has its own flows and name', async () => {
    const [expected] = caseOf('network-egress').expected;
    expect((await gcp('network-egress', { source: P.trainingVm })).rows).toEqual([{ ...expected, source: P.trainingVm }]);
    expect((await gcp('network-egress', { source: P.otherVm })).rows.map((r) => [r.destinationAddress, r.dnsName])).toEqual([['198.51.100.14', 'api.partner.example.']]);
  });
});

describe('the evidence copy', () => {
  test('after every question, its files have the same bytes and mtimes, and no file was added', () => {
    expect(snapshot(copy.dir)).toEqual(copy.before);
  });
});
