/**
 * The AWS drills: on the generator's two AWS incidents, laid out as the services write them into
 * S3 (test/incidents/generator.ts and aws-extra.ts), `forensic-readiness investigate` answers
 * every AWS question of the catalog the kit has a query for, through the CLI entry in JSON, with
 * exactly the planted rows and nothing from the noise.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { awsDrillCases, AwsDrillCase, AwsDrillTruth, writeAwsDrillCopy } from '../incidents/aws-extra';
import { DRILL_SESSION, runDrills } from '../../investigate/drills';
import { openInvestigation } from '../../investigate/engine';
import { cliIn, expectCliAnswer, expectHeldAsInPlace } from './duckdb-copy';

let dir: string;
let truth: AwsDrillTruth;
let cases: AwsDrillCase[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-drill-aws-'));
  truth = await writeAwsDrillCopy(dir);
  cases = awsDrillCases(dir, truth);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (argv: readonly string[]) => cliIn(dir, argv);

/** In the order of the drill cases; endpoint-volume-capture is endpoint-volume's alternative, asked with it. */
const QUESTIONS = ['endpoint-callers', 'endpoint-volume', 'principal-activity', 'credential-origin', 'data-reads', 'evidence-tampering', 'ml-jobs-using-data', 'data-writes', 'network-egress'];
const ALTERNATIVES = ['endpoint-volume-capture'];

test('every AWS query file of the kit has a drill (a new query needs its planted answer here)', () => {
  const files = fs.readdirSync(path.join(__dirname, '..', '..', 'queries', 'aws')).filter((f) => /^[a-z-]+\.sql$/.test(f)).map((f) => f.replace(/\.sql$/, ''));
  expect(files.sort()).toEqual([...QUESTIONS, ...ALTERNATIVES].sort());
  expect(awsDrillCases(dir, truth).map((c) => c.question).sort()).toEqual([...QUESTIONS].sort());
});

test.each(QUESTIONS)('%s: exactly the planted rows, in JSON through the CLI', async (id) => {
  await expectCliAnswer(dir, cases.find((x) => x.question === id)!);
}, 30_000);

test('endpoint-volume: the attacker hour is the only outlier, and the counts add up to the planted invocations', () => {
  const all = cases.find((c) => c.question === 'endpoint-volume')!.expected;
  const trail = all.filter((r) => r.principal !== null);
  const capture = all.filter((r) => r.principal === null);
  expect(trail.filter((r) => r.outlier)).toEqual([{ cloud: 'aws', principal: 'arn:aws:iam::111122223333:role/ml-analyst', hour: '2026-11-30T13:00:00Z', count: truth.exfiltration.attackerInvocations, outlier: true }]);
  expect(trail.reduce((n, r) => n + (r.count as number), 0)).toBe(truth.exfiltration.attackerInvocations + truth.exfiltration.appInvocations);
  // Data capture sees the same requests without callers: the same total, the attack hour the only outlier.
  expect(capture.filter((r) => r.outlier).map((r) => r.hour)).toEqual(['2026-11-30T13:00:00Z']);
  expect(capture.reduce((n, r) => n + (r.count as number), 0)).toBe(truth.exfiltration.attackerInvocations + truth.exfiltration.appInvocations);
});

test('the parameters are named after what they select and echoed as the catalog names them: an endpoint ARN is its name', async () => {
  const { out } = await cli(['investigate', 'endpoint-callers', '--logs', '.', '--param', 'endpoint=arn:aws:sagemaker:us-east-1:111122223333:endpoint/fraud-scoring-prod', '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z', '--format', 'json']);
  const json = JSON.parse(out);
  expect(json.parameters).toEqual({ endpointName: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/fraud-scoring-prod', from: '2026-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z' });
  expect(json.rows).toEqual(cases[0].expected);
});

test('the drill runner of npm start judges every case answered on the fresh copy', async () => {
  const outcomes = await runDrills(dir, 'aws', cases);
  expect(outcomes.map((o) => [o.question, o.outcome])).toEqual(cases.map((c) => [c.question, 'answered']));
  expect(outcomes.map((o) => o.question).sort()).toEqual([...QUESTIONS].sort());
  // A case whose planted answer differs is judged wrong, not answered.
  const [wrong] = await runDrills(dir, 'aws', [{ ...cases[0], expected: cases[0].expected.slice(1) }]);
  expect(wrong.outcome).toBe('wrong');
  expect(wrong.summary).toMatch(/^2 rows, first: principal=arn:aws:iam::111122223333:role\/ml-analyst/);
}, 60_000);

test('held as the drills hold it (the most-read views read once into tables, one thread), every case returns the rows the copy read in place returns', async () => {
  await expectHeldAsInPlace(dir, cases);
}, 60_000);

test('a CloudTrail file DuckDB cannot read: the table is not held, and the questions over it fail as they do in place', async () => {
  const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-drill-aws-bad-'));
  try {
    const ct = path.join(bad, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '11', '30');
    fs.mkdirSync(ct, { recursive: true });
    fs.writeFileSync(path.join(ct, '111122223333_CloudTrail_us-east-1_20261130T0100Z_goodAAAAAAAAAAAA.json.gz'), zlib.gzipSync(JSON.stringify({ Records: [{ eventTime: '2026-11-30T01:00:00Z', eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', userIdentity: { arn: 'arn:aws:iam::111122223333:user/a' } }] })));
    // Records that are not an array: DuckDB opens the view over it and fails only on reading the records.
    fs.writeFileSync(path.join(ct, '111122223333_CloudTrail_us-east-1_20261130T0101Z_notarrayAAAAAAAA.json.gz'), zlib.gzipSync(JSON.stringify({ Records: { eventTime: '2026-11-30T01:01:00Z' } })));
    const req = { question: 'evidence-tampering', params: [], from: '2026-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z' };
    const failure = async (options?: Parameters<typeof openInvestigation>[2]): Promise<string> => {
      const copy = await openInvestigation([bad], bad, options);
      try {
        await copy.ask(req);
        return 'answered';
      } catch (err) {
        return String((err as Error).message).split('\n')[0];
      } finally {
        copy.close();
      }
    };
    const inPlace = await failure();
    expect(inPlace).not.toBe('answered');
    expect(await failure(DRILL_SESSION)).toBe(inPlace);
    const [outcome] = await runDrills(bad, 'aws', [{ scenario: 'model-exfiltration-sagemaker', ...req, expected: [] }]);
    expect(outcome.outcome).toBe('failed');
  } finally {
    fs.rmSync(bad, { recursive: true, force: true });
  }
}, 60_000);
