/**
 * Every record of the copy is answered or named: a time DuckDB reads outside every window, a
 * JSON-lines line with no time, a line the line reader cannot hold, a gzip file with bytes after
 * its data, a GCP or Azure file a question cannot read; and what the questions select is what they
 * say (a session's ARN in the timeline, a location's bucket whole, an event delivered the next day).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { writeFlowParquet } from '../../investigate/parquet';
import { MAX_DOCUMENT } from '../../investigate/sql';
import { writeAwsDrillCopy } from '../incidents/aws-extra';
import { EXFILTRATION as X } from '../incidents/generator';
import { investigateJson, writeUnder } from './cli-json';

const ACCT = '111122223333';
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-records-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const json = (...argv: string[]) => investigateJson(dir, ...argv);

const write = (key: string, content: Buffer | string): string => writeUnder(dir, key, content);
const ctKey = (copy: string, day: string, stamp: string): string => {
  const [y, m, d] = day.split('-');
  return `${copy}/AWSLogs/${ACCT}/CloudTrail/us-east-1/${y}/${m}/${d}/${ACCT}_CloudTrail_us-east-1_${y}${m}${d}T${stamp}Z_AbCdEfGhIjKlMnOp.json.gz`;
};
const ROLE = `arn:aws:iam::${ACCT}:role/ml-analyst`;
const rec = (o: Record<string, unknown>): Record<string, unknown> => ({
  eventVersion: '1.09',
  userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/ml-analyst/s`, accountId: ACCT, accessKeyId: 'ASIAEXFIL0000000001', sessionContext: { sessionIssuer: { type: 'Role', arn: ROLE, accountId: ACCT } } },
  eventTime: '2026-11-30T13:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.23',
  requestParameters: { bucketName: 'acme-ml-model-artifacts', key: 'fraud-scoring/v7/model.tar.gz' }, eventType: 'AwsApiCall', recipientAccountId: ACCT,
  ...o,
});
const writeCt = (key: string, records: Record<string, unknown>[]): string => write(key, zlib.gzipSync(JSON.stringify({ Records: records })));
const captureKey = (copy: string): string => `${copy}/data-capture/fraud-scoring-prod/primary/2026/11/30/13/capture.jsonl`;
const capture = (t: unknown, id: string): string => JSON.stringify({
  captureData: { endpointInput: { observedContentType: 'application/json', mode: 'INPUT', data: '{}', encoding: 'JSON' }, endpointOutput: { observedContentType: 'application/json', mode: 'OUTPUT', data: '{}', encoding: 'JSON' } },
  eventMetadata: { eventId: id, inferenceId: id, ...(t === undefined ? {} : { inferenceTime: t }) },
  eventVersion: '0',
});
const BLOB = (container: string, h: string): string => `insights-logs-storageread/resourceId=/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/${container}/BLOBSERVICES/DEFAULT/y=2026/m=11/d=30/h=${h}/m=00/PT1H.json`;
const blobRead = (t: string, object: string, who = 'insider-oid'): string => JSON.stringify({
  time: t, resourceId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/acmetrain/blobServices/default',
  category: 'StorageRead', operationName: 'GetBlob', statusCode: 200, statusText: 'Success', callerIpAddress: '198.51.100.7:5555',
  identity: { type: 'OAuth', requester: { objectId: who } }, uri: `https://acmetrain.blob.core.windows.net/${object}`, properties: { accountName: 'acmetrain', userAgentHeader: 'ua', objectKey: `/acmetrain/${object}` },
});

describe('a time outside every window is named, a real one before 1970 answered', () => {
  test('CloudTrail: infinity and the year 10000 named as untimed, 1969 answered with no window', async () => {
    const key = writeCt(ctKey('times', '2026-11-30', '1300'), [
      rec({ eventTime: '2026-11-30T13:00:00Z' }),
      rec({ eventTime: 'infinity' }),
      rec({ eventTime: '1969-12-31T23:00:00Z' }),
      rec({ eventTime: '10000-01-01T00:00:00Z' }),
    ]);
    const named = `${key}: records 2, 4 have no readable time (eventTime "10000-01-01T00:00:00Z", eventTime "infinity"); they are skipped, the rest of the file read`;
    const t = await json('investigate', 'timeline', '--logs', 'times');
    expect([t.code, t.json.rows.map((r) => r.time), t.json.warnings]).toEqual([1, ['1969-12-31T23:00:00Z', '2026-11-30T13:00:00Z'], [named]]);
    const p = await json('investigate', 'principal-activity', '--logs', 'times', '--param', `principal=${ROLE}`);
    expect([p.code, p.json.rows.map((r) => r.time), p.json.warnings]).toEqual([1, ['1969-12-31T23:00:00Z', '2026-11-30T13:00:00Z'], [named]]);
  });
});

describe('a JSON-lines line with no readable time is named (every JSON-lines layout)', () => {
  test('data capture: missing, null, infinity, a bare array and a bare string: each line named, the good ones counted', async () => {
    const key = write(captureKey('jsonl-times'), [
      capture('2026-11-30T13:00:01Z', 'ok1'), capture('2026-11-30T13:00:02Z', 'ok2'), capture(undefined, 'none'), capture(null, 'null'), '[1,2,3]', '"just a string"', capture('infinity', 'inf'),
    ].join('\n') + '\n');
    const named = `${key}: lines 3, 4, 5, 6, 7 have no readable time (eventMetadata.inferenceTime "infinity", no eventMetadata.inferenceTime, not a JSON object); they are skipped, the rest of the file read`;
    const t = await json('investigate', 'timeline', '--logs', 'jsonl-times');
    expect([t.code, t.json.rows.map((r) => r.rawLine), t.json.warnings]).toEqual([1, [1, 2], [named]]);
    const v = await json('investigate', 'endpoint-volume', '--logs', 'jsonl-times', '--param', 'endpoint=fraud-scoring-prod');
    expect(v.json.rows).toEqual([{ cloud: 'aws', principal: null, hour: '2026-11-30T13:00:00Z', count: 2, outlier: false }]);
    expect(v.json.warnings).toContain(named);
  });

  test('Azure blob logs: a record whose time is not a time costs only itself, the question answered (exit 0)', async () => {
    const key = write(`az-time/${BLOB('acmetrain', '13')}`, [blobRead('2026-11-30T13:05:00.0000000Z', 'training/set-7/a.parquet'), blobRead('not-a-time', 'training/set-7/b.parquet')].join('\n') + '\n');
    const r = await json('investigate', 'data-reads', '--logs', 'az-time', '--param', 'location=acmetrain/training/');
    expect([r.code, r.json.rows.map((row) => row.object), r.json.warnings]).toEqual([1, ['acmetrain/training/set-7/a.parquet'], [
      `${key}: line 2 has no readable time (time "not-a-time"); it is skipped, the rest of the file read`,
    ]]);
  });
});

describe('a bad line costs only that line', () => {
  const good = [1, 2, 3].map((i) => capture(`2026-11-30T13:00:0${i}Z`, `ok${i}`));
  test.each([
    ['a raw 0x01 byte', Buffer.from([good[0], '{"bad": "x\u0001y"}', good[1], good[2]].join('\n') + '\n')],
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from(`${good[0]}\n{"bad": "`), Buffer.from([0xff, 0xfe]), Buffer.from(`"}\n${good[1]}\n${good[2]}\n`)])],
  ])('%s: line 2 named, lines 1, 3 and 4 answered with their numbers', async (why, content) => {
    const copy = `badline-${why.length}`;
    const key = write(captureKey(copy), content);
    const r = await json('investigate', 'timeline', '--logs', copy);
    expect([r.code, r.json.rows.map((row) => row.rawLine), r.json.warnings]).toEqual([1, [1, 3, 4], [`${key}: line 2 cannot be read as JSON text (${why}); skipped, the rest of the file read`]]);
  });
});

test('a gzip file with bytes after its data: skipped, and the warning says so', async () => {
  const doc = zlib.gzipSync(JSON.stringify({ Records: [rec({})] }));
  const key = write(ctKey('gzip-tail', '2026-11-30', '1300'), Buffer.concat([doc, Buffer.from('GARBAGE-NOT-GZIP')]));
  const r = await json('investigate', 'timeline', '--logs', 'gzip-tail');
  expect([r.code, r.err]).toEqual([2, `forensic-readiness: warning: ${key}: bytes after the gzip data (from byte ${doc.length}, not another gzip member); skipped\nforensic-readiness: nothing readable among the inputs (gzip-tail); no answer\n`]);
});

test('GCP / Azure: a file the question cannot read is set aside and the question asked again (as on AWS)', async () => {
  const flows = (mac: string, tuple: string): string => JSON.stringify({ records: [{
    time: '2026-11-30T13:00:00Z', flowLogVersion: 4, flowLogResourceID: '/SUBSCRIPTIONS/S/RESOURCEGROUPS/NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NW/FLOWLOGS/FL',
    targetResourceID: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet', macAddress: mac,
    flowRecords: { flows: [{ aclID: 'acl', flowGroups: [{ rule: 'r', flowTuples: [tuple] }] }] },
  }] });
  const blob = (mac: string): string => `az-flows/insights-logs-flowlogflowevent/flowLogResourceID=/SUBSCRIPTIONS/S/RESOURCEGROUPS/NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NW/FLOWLOGS/FL/y=2026/m=11/d=30/h=13/m=00/macAddress=${mac}/PT1H.json`;
  write(blob('00224871C2A1'), flows('00224871C2A1', `${Date.parse('2026-11-30T13:00:00Z')},10.0.0.4,203.0.113.9,44321,443,6,O,B,NX,1,100,1,100`));
  const bad = write(blob('00224871C2A2'), flows('00224871C2A2', 'not-a-time,10.0.0.4,203.0.113.10,44321,443,6,O,B,NX,1,100,1,100'));
  const r = await json('investigate', 'network-egress', '--logs', 'az-flows', '--param', 'address=10.0.0.4');
  expect([r.code, r.json.rows.map((row) => row.destinationAddress)]).toEqual([1, ['203.0.113.9']]);
  expect(r.json.warnings).toEqual([expect.stringMatching(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not readable as Azure virtual network flow logs \\(version 4\\) in storage \\(.*\\); skipped$`))]);
});

test('Azure blob logs: a URI path that does not percent-decode to UTF-8 is the object as written, the file read', async () => {
  const line = JSON.parse(blobRead('2026-11-30T13:06:00.0000000Z', 'training/%ff', 'anyone'));
  delete line.properties.objectKey;
  write(`az-uri/${BLOB('acmetrain', '13')}`, [blobRead('2026-11-30T13:05:00.0000000Z', 'training/set-7/a.parquet'), JSON.stringify(line)].join('\n') + '\n');
  const r = await json('investigate', 'data-reads', '--logs', 'az-uri', '--param', 'location=acmetrain/training/');
  expect([r.code, r.json.rows.map((row) => [row.principal, row.object]), r.json.warnings]).toEqual([0, [['insider-oid', 'acmetrain/training/set-7/a.parquet'], ['anyone', 'acmetrain/training/%ff']], []]);
});

describe('a location is a whole bucket, then a key prefix in it', () => {
  beforeAll(() => {
    writeCt(ctKey('loc', '2026-11-30', '1300'), [
      rec({ eventTime: '2026-11-30T13:00:00Z', requestParameters: { bucketName: 'acme-training', key: 'set-7/a.parquet' } }),
      rec({ eventTime: '2026-11-30T13:01:00Z', requestParameters: { bucketName: 'acme-training-scratch', key: 'tmp/b.parquet' } }),
      rec({ eventTime: '2026-11-30T13:02:00Z', requestParameters: { bucketName: 'attacker-bucket', key: 'acme-training/set-7/c.parquet' } }),
      rec({ eventTime: '2026-11-30T13:03:00Z', eventName: 'PutObject', requestParameters: { bucketName: 'acme-training-scratch', key: 'tmp/w.parquet' } }),
      rec({ eventTime: '2026-11-30T13:04:00Z', eventName: 'PutObject', requestParameters: { bucketName: 'acme-training', key: 'set-8/w.parquet' } }),
    ]);
    write(`loc-az/${BLOB('acmetrain', '13')}`, [blobRead('2026-11-30T13:05:00.0000000Z', 'training/a.parquet'), blobRead('2026-11-30T13:06:00.0000000Z', 'training-scratch/b.parquet')].join('\n') + '\n');
  });

  test.each([
    ['data-reads', 's3://acme-training', ['s3://acme-training/set-7/a.parquet']],
    ['data-reads', 'acme-training/set', ['s3://acme-training/set-7/a.parquet']],
    ['data-writes', 'acme-training', ['s3://acme-training/set-8/w.parquet']],
  ])('AWS %s location=%s', async (question, location, objects) => {
    const r = await json('investigate', question, '--logs', 'loc', '--param', `location=${location}`);
    expect([r.code, r.json.rows.map((row) => row.object)]).toEqual([0, objects]);
  });

  test.each([
    ['acme-training', ['job-whole-bucket', 'job-set-7', 'job-channel']],
    ['s3://acme-training/set-7/a.parquet', ['job-whole-bucket', 'job-set-7']],
    ['s3://acme-train', ['job-prefix-bucket']],
  ])('AWS ml-jobs-using-data location=%s: that bucket whole, never one whose name starts alike, in either direction', async (location, jobs) => {
    const job = (t: string, name: string, input: string, extra: Record<string, unknown> = {}) => rec({
      eventTime: t, eventSource: 'sagemaker.amazonaws.com', eventName: 'CreateTrainingJob',
      requestParameters: { trainingJobName: name, inputDataConfig: [{ channelName: 'train', dataSource: { s3DataSource: { s3DataType: 'S3Prefix', s3Uri: input } } }], ...extra },
    });
    writeCt(ctKey('loc-jobs', '2026-11-30', '1300'), [
      job('2026-11-30T13:00:00Z', 'job-whole-bucket', 's3://acme-training'),
      job('2026-11-30T13:01:00Z', 'job-set-7', 's3://acme-training/set-7/'),
      job('2026-11-30T13:02:00Z', 'job-scratch', 's3://acme-training-scratch/tmp/'),
      job('2026-11-30T13:03:00Z', 'job-prefix-bucket', 's3://acme-train'),
      job('2026-11-30T13:04:00Z', 'job-channel', 's3://other/x/', { outputDataConfig: { s3OutputPath: 's3://acme-training' } }),
      job('2026-11-30T13:05:00Z', 'job-channel-scratch', 's3://other/y/', { outputDataConfig: { s3OutputPath: 's3://acme-training-scratch/out/' } }),
    ]);
    const r = await json('investigate', 'ml-jobs-using-data', '--logs', 'loc-jobs', '--param', `location=${location}`);
    expect([r.code, r.json.rows.map((row) => row.job)]).toEqual([0, jobs]);
  });

  test.each([
    ['acme-training', ['job-bucket', 'job-set-7']],
    // A job that names the bucket alone reads the folder too (the other way round, as on AWS).
    ['gs://acme-training/set-7/', ['job-bucket', 'job-set-7']],
    ['bq://acme-prod.features', ['job-dataset', 'job-table-2']],
    ['bq://acme-prod.features.t', ['job-dataset']],
  ])('GCP ml-jobs-using-data location=%s: a bucket, a dataset or a table itself, never one whose name starts alike', async (location, jobs) => {
    const job = (t: string, name: string, uri: string): string => vertexJobRecord(t, name, 'CreateCustomJob', { customJob: { displayName: name, jobSpec: { workerPoolSpecs: [{ containerSpec: { args: [`--data=${uri}`] } }] } } }, 'customJobs');
    write('loc-gcp-jobs/cloudaudit.googleapis.com/activity/2026/11/30/13:00:00_13:59:59_S0.json', [
      job('2026-11-30T13:00:00Z', 'job-bucket', 'gs://acme-training'),
      job('2026-11-30T13:01:00Z', 'job-set-7', 'gs://acme-training/set-7/a.csv'),
      job('2026-11-30T13:02:00Z', 'job-scratch', 'gs://acme-training-scratch/tmp/'),
      job('2026-11-30T13:03:00Z', 'job-dataset', 'bq://acme-prod.features.t'),
      job('2026-11-30T13:04:00Z', 'job-dataset-2', 'bq://acme-prod.features2.t'),
      job('2026-11-30T13:05:00Z', 'job-table-2', 'bq://acme-prod.features.t2'),
    ].join('\n') + '\n');
    const r = await json('investigate', 'ml-jobs-using-data', '--logs', 'loc-gcp-jobs', '--param', `location=${location}`);
    expect([r.code, r.json.rows.map((row) => String(row.job).split('/').pop())]).toEqual([0, jobs]);
  });

  test.each([
    ['gs://b/path/file.csv', ['job-folder-slash', 'job-folder', 'job-bucket', 'job-bucket-slash', 'job-file']],
    ['b/path/file.csv', ['job-folder-slash', 'job-folder', 'job-bucket', 'job-bucket-slash', 'job-file']],
    ['gs://b/path/', ['job-folder-slash', 'job-folder', 'job-bucket', 'job-bucket-slash', 'job-file', 'job-sub']],
    ['gs://b', ['job-folder-slash', 'job-folder', 'job-bucket', 'job-bucket-slash', 'job-pa', 'job-file', 'job-sub']],
    ['gs://b-copy/path/file.csv', ['job-copy', 'job-copy-path']],
  ])('GCP ml-jobs-using-data location=%s: a job that names a folder or the bucket the location lies in is found too (never gs://b/pa for gs://b/path/..., never gs://b-copy for gs://b)', async (location, jobs) => {
    const job = (t: string, name: string, uri: string): string => vertexJobRecord(t, name, 'CreateCustomJob', { customJob: { displayName: name, jobSpec: { workerPoolSpecs: [{ containerSpec: { args: [`--data=${uri}`] } }] } } }, 'customJobs');
    write('rev-gcp-jobs/cloudaudit.googleapis.com/activity/2026/11/30/13:00:00_13:59:59_S0.json', [
      job('2026-11-30T13:00:00Z', 'job-folder-slash', 'gs://b/path/'),
      job('2026-11-30T13:01:00Z', 'job-folder', 'gs://b/path'),
      job('2026-11-30T13:02:00Z', 'job-bucket', 'gs://b'),
      job('2026-11-30T13:03:00Z', 'job-bucket-slash', 'gs://b/'),
      job('2026-11-30T13:04:00Z', 'job-pa', 'gs://b/pa'),
      job('2026-11-30T13:05:00Z', 'job-file', 'gs://b/path/file.csv'),
      job('2026-11-30T13:06:00Z', 'job-sub', 'gs://b/path/sub/'),
      job('2026-11-30T13:07:00Z', 'job-copy', 'gs://b-copy'),
      job('2026-11-30T13:08:00Z', 'job-copy-path', 'gs://b-copy/path/'),
    ].join('\n') + '\n');
    const r = await json('investigate', 'ml-jobs-using-data', '--logs', 'rev-gcp-jobs', '--param', `location=${location}`);
    expect([r.code, r.json.rows.map((row) => String(row.job).split('/').pop())]).toEqual([0, jobs]);
  });

  test.each([
    ['bq://acme-prod.features.t', ['job-project', 'job-dataset', 'job-table']],
    ['bq://acme-prod.features', ['job-project', 'job-dataset', 'job-table', 'job-other-table']],
    ['bq://acme-prod.features2.t', ['job-project', 'job-dataset-2']],
  ])('GCP ml-jobs-using-data location=%s: a job that names the dataset or the project a table lies in is found too (never bq://P.feat for bq://P.features.t)', async (location, jobs) => {
    const job = (t: string, name: string, uri: string): string => vertexJobRecord(t, name, 'CreateBatchPredictionJob', { batchPredictionJob: { displayName: name, inputConfig: { instancesFormat: 'bigquery', bigquerySource: { inputUri: uri } } } }, 'batchPredictionJobs');
    write('rev-bq-jobs/cloudaudit.googleapis.com/activity/2026/11/30/13:00:00_13:59:59_S0.json', [
      job('2026-11-30T13:00:00Z', 'job-project', 'bq://acme-prod'),
      job('2026-11-30T13:01:00Z', 'job-dataset', 'bq://acme-prod.features'),
      job('2026-11-30T13:02:00Z', 'job-table', 'bq://acme-prod.features.t'),
      job('2026-11-30T13:03:00Z', 'job-feat', 'bq://acme-prod.feat'),
      job('2026-11-30T13:04:00Z', 'job-dataset-2', 'bq://acme-prod.features2'),
      job('2026-11-30T13:05:00Z', 'job-other-table', 'bq://acme-prod.features.t2'),
      job('2026-11-30T13:06:00Z', 'job-other-project', 'bq://acme-prod-2.features'),
    ].join('\n') + '\n');
    const r = await json('investigate', 'ml-jobs-using-data', '--logs', 'rev-bq-jobs', '--param', `location=${location}`);
    expect([r.code, r.json.rows.map((row) => String(row.job).split('/').pop())]).toEqual([0, jobs]);
  });

  test('Azure data-reads: account/container is that container, not another whose name starts alike', async () => {
    const r = await json('investigate', 'data-reads', '--logs', 'loc-az', '--param', 'location=acmetrain/training');
    expect([r.code, r.json.rows.map((row) => row.object)]).toEqual([0, ['acmetrain/training/a.parquet']]);
  });

  test.each([
    ['s3://acme-training/set-7/', ['s3://acme-training/set-7/a.parquet']],
    ['s3://acme-training', ['s3://acme-training/set-7/a.parquet', 's3://acme-training/set-8/w.parquet']],
    ['acmetrain/training', ['acmetrain/training/a.parquet']],
  ])('the timeline location=%s: the same semantics', async (location, targets) => {
    const r = await json('investigate', 'timeline', '--logs', 'loc', 'loc-az', '--param', `location=${location}`);
    expect([r.code, r.json.rows.map((row) => row.target)]).toEqual([0, targets]);
  });
});

describe('an event delivered in the next day\'s folder is answered', () => {
  beforeAll(() => {
    writeCt(ctKey('dayedge', '2026-11-30', '2350'), [rec({ eventTime: '2026-11-30T23:47:00Z' })]);
    writeCt(ctKey('dayedge', '2026-12-01', '0003'), [rec({ eventTime: '2026-11-30T23:58:00Z' })]);
  });
  const W = ['--from', '2026-11-30T20:00:00Z', '--to', '2026-11-30T23:59:59Z'];

  test.each([
    ['data-reads', 'location=s3://acme-ml-model-artifacts/fraud-scoring/'],
    ['principal-activity', `principal=${ROLE}`],
  ])('%s: both events, no warning', async (question, param) => {
    const r = await json('investigate', question, '--logs', 'dayedge', '--param', param, ...W);
    expect([r.code, r.json.rows.map((row) => row.time), r.json.warnings]).toEqual([0, ['2026-11-30T23:47:00Z', '2026-11-30T23:58:00Z'], []]);
  });

  test('delivered more than a day late: the record is named, the answer said to lack it', async () => {
    fs.cpSync(path.join(dir, 'dayedge'), path.join(dir, 'late'), { recursive: true });
    const key = writeCt(ctKey('late', '2026-12-03', '0100'), [rec({ eventTime: '2026-11-30T23:50:00Z' })]);
    const r = await json('investigate', 'principal-activity', '--logs', 'late', '--param', `principal=${ROLE}`, ...W);
    expect([r.code, r.json.rows.map((row) => row.time), r.json.warnings]).toEqual([1, ['2026-11-30T23:47:00Z', '2026-11-30T23:58:00Z'], [
      `aws: 1 CloudTrail record of the window is in a file of a day principal-activity does not read (${key}; it reads the days from --from's to the day after --to's, as in Athena, a file's day being the day it was delivered): the answer may lack it; the timeline reads every file`,
    ]]);
  });
});

test("the timeline's principal= a session's ARN: that session's events, as principal-activity gives them", async () => {
  await writeAwsDrillCopy(path.join(dir, 'drill'));
  const p = await json('investigate', 'principal-activity', '--logs', 'drill', '--param', `principal=${X.attacker.session}`);
  const t = await json('investigate', 'timeline', '--logs', 'drill', '--param', `principal=${X.attacker.session}`);
  expect(p.json.rows.length).toBeGreaterThan(0);
  expect([t.code, t.json.rows.filter((e) => e.cloud === 'aws' && e.rawFile && String(e.rawFile).includes('/CloudTrail/')).map((e) => [e.time, e.action])])
    .toEqual([0, p.json.rows.map((r) => [r.time, r.action])]);
}, 60_000);

describe('flow logs, Resolver query logs and data capture: the key day (hour) on each side of the window is read, the record\'s own time decides', () => {
  const ENI = 'eni-0edge0000000000001';
  const VPC = 'vpc-0a1b2c3d4e5f60718';
  const flowKey = (copy: string, day: string, stamp: string): string => {
    const [y, m, d] = day.split('-');
    return `${copy}/AWSLogs/${ACCT}/vpcflowlogs/us-east-1/${y}/${m}/${d}/${ACCT}_vpcflowlogs_us-east-1_fl-0edge00000000000001_${y}${m}${d}T${stamp}Z_0a1b2c3d.log.gz`;
  };
  const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status instance-id subnet-id flow-direction';
  const flow = (t: string, dst: string): string => {
    const s = Date.parse(t) / 1000;
    return `5 ${ACCT} ${ENI} 10.20.7.9 ${dst} 50000 443 6 12 3400 ${s} ${s + 59} ACCEPT OK - subnet-0ml00000000000001 egress`;
  };
  const writeFlows = (key: string, times: readonly string[], dst = '192.0.2.77'): string => write(key, zlib.gzipSync(`${HEADER}\n${times.map((t) => flow(t, dst)).join('\n')}\n`));
  const dnsKey = (copy: string, day: string, stamp: string): string => {
    const [y, m, d] = day.split('-');
    return `${copy}/AWSLogs/${ACCT}/vpcdnsquerylogs/${VPC}/${y}/${m}/${d}/${VPC}_vpcdnsquerylogs_${ACCT}_us-east-1_${y}${m}${d}T${stamp}Z_rslvr${stamp}0000001.log.gz`;
  };
  const query = (t: string, name: string, address: string): string => JSON.stringify({
    version: '1.100000', account_id: ACCT, region: 'us-east-1', vpc_id: VPC, query_timestamp: t, query_name: name, query_type: 'A', query_class: 'IN', rcode: 'NOERROR',
    answers: [{ Rdata: address, Type: 'A', Class: 'IN' }], srcaddr: '10.20.7.9', srcport: '5353', transport: 'UDP', srcids: { instance: 'i-0edge000000000001' },
  });
  const writeDns = (key: string, lines: readonly string[]): string => write(key, zlib.gzipSync(`${lines.join('\n')}\n`));
  // The window: 2026-11-30 from 00:05 to 23:59:59 (its own key day 2026/11/30 only).
  const W = ['--from', '2026-11-30T00:05:00Z', '--to', '2026-11-30T23:59:59Z'];
  const egress = (copy: string) => json('investigate', 'network-egress', '--logs', copy, '--param', `address=${ENI}`, ...W);

  beforeAll(() => {
    // The day before: 00:01 is before the window, 00:06 in it.
    writeFlows(flowKey('edge-net', '2026-11-29', '2355'), ['2026-11-30T00:01:00Z', '2026-11-30T00:06:00Z']);
    writeFlows(flowKey('edge-net', '2026-11-30', '1200'), ['2026-11-30T12:00:00Z']);
    // The day after: 23:58 is in the window, 00:01 of 2026-12-01 after it.
    writeFlows(flowKey('edge-net', '2026-12-01', '0005'), ['2026-11-30T23:58:00Z', '2026-12-01T00:01:00Z']);
    // The only name of 192.0.2.77 is in the next day's file; 198.51.100.9's only name is of 2026-12-01 (after the window).
    writeDns(dnsKey('edge-net', '2026-12-01', '0005'), [query('2026-11-30T23:57:00Z', 'edge.example.', '192.0.2.77'), query('2026-12-01T00:02:00Z', 'after.example.', '198.51.100.9')]);
    writeFlows(flowKey('edge-net', '2026-11-30', '1300'), ['2026-11-30T13:00:00Z'], '198.51.100.9');
    // The window's own day has a query log too (of another address): no day of it lacks one.
    writeDns(dnsKey('edge-net', '2026-11-30', '0800'), [query('2026-11-30T08:00:00Z', 'other.example.', '203.0.113.50')]);
  });

  test('network-egress: the flows of 00:06 (the day before\'s file), 12:00 and 23:58 (the next day\'s file), each once; the name from the next day\'s query log; none outside the window', async () => {
    const r = await egress('edge-net');
    expect([r.code, r.json.rows, r.json.warnings]).toEqual([0, [
      { cloud: 'aws', source: ENI, sourceAddress: '10.20.7.9', destinationAddress: '192.0.2.77', destinationPort: 443, protocol: 6, dnsName: 'edge.example.', firstSeen: '2026-11-30T00:06:00Z', lastSeen: '2026-11-30T23:58:59Z', flows: 3 },
      { cloud: 'aws', source: ENI, sourceAddress: '10.20.7.9', destinationAddress: '198.51.100.9', destinationPort: 443, protocol: 6, dnsName: null, firstSeen: '2026-11-30T13:00:00Z', lastSeen: '2026-11-30T13:00:59Z', flows: 1 },
    ], []]);
  });

  test('network-egress: a name resolved before the window is not the name of a flow in it (the Resolver answers\' lower bound)', async () => {
    writeFlows(flowKey('early-dns', '2026-11-30', '1200'), ['2026-11-30T12:00:00Z'], '192.0.2.88');
    writeDns(dnsKey('early-dns', '2026-11-30', '0005'), [query('2026-11-30T00:01:00Z', 'early.example.', '192.0.2.88'), query('2026-11-30T00:04:59Z', 'early2.example.', '192.0.2.88')]);
    const r = await egress('early-dns');
    expect([r.code, r.json.rows.map((row) => [row.destinationAddress, row.dnsName, row.flows]), r.json.warnings]).toEqual([0, [['192.0.2.88', null, 1]], []]);
    writeDns(dnsKey('early-dns', '2026-11-30', '0010'), [query('2026-11-30T00:05:00Z', 'in-window.example.', '192.0.2.88')]);
    const again = await egress('early-dns');
    expect(again.json.rows.map((row) => [row.destinationAddress, row.dnsName])).toEqual([['192.0.2.88', 'in-window.example.']]);
  });

  test('network-egress: flow and query log records of the window in a file of a day it does not read are named', async () => {
    fs.cpSync(path.join(dir, 'edge-net'), path.join(dir, 'late-net'), { recursive: true });
    const lateFlow = writeFlows(flowKey('late-net', '2026-12-02', '0100'), ['2026-11-30T23:50:00Z']);
    const earlyFlow = writeFlows(flowKey('late-net', '2026-11-28', '2300'), ['2026-11-30T00:10:00Z']);
    const lateDns = writeDns(dnsKey('late-net', '2026-12-03', '0100'), [query('2026-11-30T23:49:00Z', 'late.example.', '192.0.2.99')]);
    const r = await egress('late-net');
    expect([r.code, r.json.rows.map((row) => [row.destinationAddress, row.flows]), r.json.warnings]).toEqual([1, [['192.0.2.77', 3], ['198.51.100.9', 1]], [
      `aws: 2 VPC flow log records of the window are in 2 files of a day network-egress does not read (${earlyFlow}, ${lateFlow}; it reads the days from the day before --from's to the day after --to's, as in Athena, a file's day being the day it was delivered): the answer may lack them; the timeline reads every file`,
      `aws: 1 Route 53 Resolver query log record of the window is in a file of a day network-egress does not read (${lateDns}; it reads the days from the day before --from's to the day after --to's, as in Athena, a file's day being the day it was delivered): the answer may lack it; the timeline reads every file`,
    ]]);
  });

  test('network-egress over Parquet flow logs (hive partitions): the same records, once each; one delivered two days late named', async () => {
    const pq = (day: string, hour: string, stamp: string): string => {
      const [y, m, d] = day.split('-');
      return `edge-pq/AWSLogs/aws-account-id=${ACCT}/aws-service=vpcflowlogs/aws-region=us-east-1/year=${y}/month=${m}/day=${d}/hour=${hour}/${ACCT}_vpcflowlogs_us-east-1_fl-0edge00000000000001_${y}${m}${d}T${stamp}Z_0a1b2c3d.log.parquet`;
    };
    const rows = (times: readonly string[]) => times.map((t) => ({
      version: 5, account_id: ACCT, interface_id: ENI, srcaddr: '10.20.7.9', dstaddr: '192.0.2.77', srcport: 50000, dstport: 443, protocol: 6, packets: 12, bytes: 3400,
      start: Date.parse(t) / 1000, end: Date.parse(t) / 1000 + 59, action: 'ACCEPT', log_status: 'OK', subnet_id: 'subnet-0ml00000000000001', flow_direction: 'egress',
    }));
    const put = async (key: string, times: readonly string[]): Promise<string> => {
      fs.mkdirSync(path.dirname(path.join(dir, key)), { recursive: true });
      await writeFlowParquet(path.join(dir, key), rows(times));
      return key;
    };
    await put(pq('2026-11-29', '23', '2355'), ['2026-11-30T00:01:00Z', '2026-11-30T00:06:00Z']);
    await put(pq('2026-11-30', '12', '1205'), ['2026-11-30T12:00:00Z']);
    await put(pq('2026-12-01', '00', '0005'), ['2026-11-30T23:58:00Z', '2026-12-01T00:01:00Z']);
    const late = await put(pq('2026-12-03', '01', '0100'), ['2026-11-30T23:50:00Z']);
    const r = await egress('edge-pq');
    expect([r.code, r.json.rows.map((row) => [row.destinationAddress, row.firstSeen, row.lastSeen, row.flows]), r.json.warnings]).toEqual([1, [['192.0.2.77', '2026-11-30T00:06:00Z', '2026-11-30T23:58:59Z', 3]], [
      NO_RESOLVER,
      `aws: 1 VPC flow log record of the window is in a file of a day network-egress does not read (${late}; it reads the days from the day before --from's to the day after --to's, as in Athena, a file's day being the day it was delivered): the answer may lack it; the timeline reads every file`,
    ]]);
  });

  const NO_RESOLVER = 'aws: network-egress reads resolver_query_logs for the dnsName of each row, and no file of it (resolver_query_logs) is among the inputs: the dnsName of each row is empty for want of that evidence, not because none was recorded';

  test('network-egress without any Resolver query log: the flows answered, the empty names said to be evidence left out, exit 1', async () => {
    writeFlows(flowKey('no-dns', '2026-11-30', '1200'), ['2026-11-30T12:00:00Z'], '192.0.2.88');
    const r = await egress('no-dns');
    expect([r.code, r.json.rows.map((row) => [row.destinationAddress, row.dnsName, row.flows]), r.json.warnings]).toEqual([1, [['192.0.2.88', null, 1]], [NO_RESOLVER]]);
    expect(r.err.trimEnd().split('\n').pop()).toBe('forensic-readiness: network-egress was not answered in full: it stands without evidence of the inputs that could not be read (1 warning above)');
  });

  test('network-egress: a day of the window the flow logs hold but the Resolver query logs do not is named, exit 1', async () => {
    const two = ['--from', '2026-11-30T00:00:00Z', '--to', '2026-12-02T00:00:00Z'];
    writeFlows(flowKey('dns-gap', '2026-11-30', '1200'), ['2026-11-30T12:00:00Z'], '192.0.2.88');
    writeFlows(flowKey('dns-gap', '2026-12-01', '1200'), ['2026-12-01T12:00:00Z'], '192.0.2.89');
    writeDns(dnsKey('dns-gap', '2026-11-30', '1159'), [query('2026-11-30T11:59:00Z', 'a.example.', '192.0.2.88')]);
    const r = await json('investigate', 'network-egress', '--logs', 'dns-gap', '--param', `address=${ENI}`, ...two);
    expect([r.code, r.json.rows.map((row) => [row.destinationAddress, row.dnsName]), r.json.warnings]).toEqual([1, [['192.0.2.88', 'a.example.'], ['192.0.2.89', null]], [
      'aws: network-egress reads resolver_query_logs by day for the dnsName of each row, and no file of it (resolver_query_logs) is of 1 day of the window (2026/12/01): a day nothing was logged on, or one not in the copy; the dnsName of each row stands without it',
    ]]);
    // With that day's query log in the copy: answered in full.
    writeDns(dnsKey('dns-gap', '2026-12-01', '1159'), [query('2026-12-01T11:59:00Z', 'b.example.', '192.0.2.89')]);
    const full = await json('investigate', 'network-egress', '--logs', 'dns-gap', '--param', `address=${ENI}`, ...two);
    expect([full.code, full.json.rows.map((row) => [row.destinationAddress, row.dnsName]), full.json.warnings]).toEqual([0, [['192.0.2.88', 'a.example.'], ['192.0.2.89', 'b.example.']], []]);
  });

  const capKey = (copy: string, hour: string): string => `${copy}/data-capture/fraud-scoring-prod/primary/2026/11/30/${hour}/capture-${hour}.jsonl`;
  const captureVolume = async (copy: string) => {
    const r = await json('investigate', 'endpoint-volume', '--logs', copy, '--param', 'endpoint=fraud-scoring-prod', '--from', '2026-11-30T13:05:00Z', '--to', '2026-11-30T13:59:59Z');
    return { ...r, warnings: r.json.warnings.filter((w) => !w.includes('reads cloudtrail_logs')) };
  };

  test('endpoint-volume from data capture: the hour before\'s and the hour after\'s files are read, each record counted once by its own time', async () => {
    write(capKey('edge-cap', '12'), [capture('2026-11-30T13:01:00Z', 'before-window'), capture('2026-11-30T13:06:00Z', 'in-12')].join('\n') + '\n');
    write(capKey('edge-cap', '13'), [capture('2026-11-30T13:30:00Z', 'in-13')].join('\n') + '\n');
    write(capKey('edge-cap', '14'), [capture('2026-11-30T13:58:00Z', 'in-14'), capture('2026-11-30T14:00:30Z', 'after-window')].join('\n') + '\n');
    const r = await captureVolume('edge-cap');
    expect([r.json.rows, r.warnings]).toEqual([[{ cloud: 'aws', principal: null, hour: '2026-11-30T13:00:00Z', count: 3, outlier: false }], []]);
  });

  test('endpoint-volume from data capture: a record of the window in a file of an hour it does not read is named', async () => {
    fs.cpSync(path.join(dir, 'edge-cap'), path.join(dir, 'late-cap'), { recursive: true });
    const late = write(capKey('late-cap', '16'), `${capture('2026-11-30T13:40:00Z', 'late')}\n`);
    const r = await captureVolume('late-cap');
    expect([r.json.rows.map((row) => row.count), r.warnings]).toEqual([[3], [
      `aws: 1 SageMaker data capture record of the window is in a file of an hour endpoint-volume-capture does not read (${late}; it reads the hours from the hour before --from's to the hour after --to's, as in Athena, a file's hour being the hour of its key): the answer may lack it; the timeline reads every file`,
    ]]);
  });
});

/** One Admin Activity record of a Vertex AI job created in project acme-prod (JobService.<method>), as Cloud Audit Logs writes it. */
function vertexJobRecord(t: string, name: string, method: string, request: Record<string, unknown>, collection: string): string {
  return JSON.stringify({
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog', serviceName: 'aiplatform.googleapis.com', methodName: `google.cloud.aiplatform.v1.JobService.${method}`,
      authenticationInfo: { principalEmail: 'trainer@acme-prod.iam.gserviceaccount.com' }, resourceName: 'projects/acme-prod/locations/us-central1',
      request,
      response: { name: `projects/acme-prod/locations/us-central1/${collection}/${name}` },
    },
    insertId: name, timestamp: t, logName: 'projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity', resource: { type: 'audited_resource', labels: { project_id: 'acme-prod' } }, severity: 'NOTICE',
  });
}

describe('a CloudTrail file is read as CloudTrail writes it, or named (the answer then not in full)', () => {
  const notInFull = (q: string) => `forensic-readiness: ${q} was not answered in full: it stands without evidence of the inputs that could not be read (1 warning above)`;
  const lastLine = (err: string) => err.trimEnd().split('\n').pop();
  const MALLORY = `arn:aws:iam::${ACCT}:user/mallory`;
  const stop = (o: Record<string, unknown> = {}) => rec({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventID: 'stop-1', eventTime: '2026-11-30T13:30:00Z', userIdentity: { type: 'IAMUser', arn: MALLORY }, requestParameters: { name: 'org-trail' }, ...o });
  const beside = (copy: string) => writeCt(ctKey(copy, '2026-11-30', '1300'), [rec({ eventID: 'good-1' })]);

  test.each([
    ['"eventTime" twice (the first in the window, the last outside it)', '.json.gz', '"eventTime":"2026-11-30T13:30:00Z"', '"eventTime":"2026-11-30T13:30:00Z","eventTime":"2026-11-30T23:59:00Z"', 'eventTime'],
    ['"eventTime" twice, in a file not gzip', '.json', '"eventTime":"2026-11-30T13:30:00Z"', '"eventTime":"2026-11-30T13:30:00Z","eventTime":"2026-11-30T23:59:00Z"', 'eventTime'],
    ['"arn" twice in its userIdentity', '.json.gz', `"arn":"${MALLORY}"`, `"arn":"${MALLORY}","arn":"arn:aws:iam::${ACCT}:user/alice"`, 'arn'],
  ])('a record with the key %s: its file named and skipped, exit 1 (DuckDB reads the first, JSON.parse the last)', async (_what, ext, once, twice, name) => {
    const copy = `dupkey-${name}-${ext.length}`;
    beside(copy);
    const text = JSON.stringify({ Records: [stop()] });
    expect(text.includes(once)).toBe(true);
    const body = Buffer.from(text.replace(once, twice));
    const key = write(ctKey(copy, '2026-11-30', '1335').replace(/\.json\.gz$/, ext), ext === '.json' ? body : zlib.gzipSync(body));
    const r = await json('investigate', 'evidence-tampering', '--logs', copy, '--from', '2026-11-30T13:00:00Z', '--to', '2026-11-30T14:00:00Z');
    expect([r.code, r.json.rows, r.json.warnings, lastLine(r.err)]).toEqual([1, [], [
      `${key}: the key ${JSON.stringify(name)} is repeated within one object, which CloudTrail never writes (readers differ on which value stands: DuckDB reads the first, JSON.parse the last); skipped`,
    ], notInFull('evidence-tampering')]);
  });

  test('an eventTime not in the form CloudTrail writes (YYYY-MM-DDTHH:MM:SSZ) is named, never read as another time', async () => {
    const key = writeCt(ctKey('ct-forms', '2026-11-30', '1300'), [
      rec({ eventTime: '2026-11-30T13:00:00Z' }),
      rec({ eventTime: '26-11-30T12:30:00Z' }),
      rec({ eventTime: '2026-11-30' }),
      rec({ eventTime: '2026-11-30T12:00:00.5+00:00' }),
    ]);
    const named = `${key}: records 2, 3, 4 have no readable time (eventTime "2026-11-30", eventTime "2026-11-30T12:00:00.5+00:00", eventTime "26-11-30T12:30:00Z"); they are skipped, the rest of the file read`;
    const p = await json('investigate', 'principal-activity', '--logs', 'ct-forms', '--param', `principal=${ROLE}`, '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z');
    expect([p.code, p.json.rows.map((row) => row.time), p.json.warnings, lastLine(p.err)]).toEqual([1, ['2026-11-30T13:00:00Z'], [named], notInFull('principal-activity')]);
    const t = await json('investigate', 'timeline', '--logs', 'ct-forms');
    expect([t.code, t.json.rows.map((row) => row.time), t.json.warnings]).toEqual([1, ['2026-11-30T13:00:00Z'], [named]]);
  });

  const big = (n: number) => JSON.stringify({ Records: Array.from({ length: n }, (_, i) => rec({ eventID: `e-${i}`, requestParameters: { bucketName: 'b', key: `k/${i}/${crypto.randomBytes(150).toString('hex')}` } })) });
  const trailer = (gz: Buffer, at: number) => {
    const b = Buffer.from(gz);
    b[b.length - at] ^= 0xff;
    return b;
  };
  test.each([
    ['a wrong CRC-32, a small file', () => trailer(zlib.gzipSync(big(1)), 8), 'corrupt gzip (its CRC-32 does not match its data)'],
    ['a wrong CRC-32, a file larger than its head', () => trailer(zlib.gzipSync(big(200)), 8), 'corrupt gzip (its CRC-32 does not match its data)'],
    ['a wrong length (ISIZE), a small file', () => trailer(zlib.gzipSync(big(1)), 3), 'corrupt gzip (its length, ISIZE, does not match its data)'],
    ['a wrong length (ISIZE), a file larger than its head', () => trailer(zlib.gzipSync(big(200)), 3), 'corrupt gzip (its length, ISIZE, does not match its data)'],
    ['its 8-byte trailer cut off, a small file', () => zlib.gzipSync(big(1)).subarray(0, -8), 'truncated gzip (the stream ends early)'],
    ['its 8-byte trailer cut off, a file larger than its head', () => zlib.gzipSync(big(200)).subarray(0, -8), 'truncated gzip (the stream ends early)'],
    ['bytes after its gzip data, past its head', () => Buffer.concat([zlib.gzipSync(big(200)), Buffer.from('GARBAGE-NOT-GZIP')]), 'bytes after the gzip data (not another gzip member)'],
    ['zero bytes after its gzip data (zlib passes over them), a small file', () => Buffer.concat([zlib.gzipSync(big(1)), Buffer.alloc(10)]), (gz: Buffer) => `bytes after the gzip data (from byte ${gz.length - 10}, not another gzip member)`],
    ['zero bytes after its gzip data (zlib passes over them), a file larger than its head', () => Buffer.concat([zlib.gzipSync(big(200)), Buffer.alloc(10)]), (gz: Buffer) => `bytes after the gzip data (from byte ${gz.length - 10}, not another gzip member)`],
  ])('a CloudTrail .json.gz with %s: named and skipped, exit 1 (as a Resolver .log.gz)', async (what, content, why: string | ((gz: Buffer) => string)) => {
    const copy = `ct-gzip-${what.replace(/[^a-z0-9]+/gi, '-')}`;
    beside(copy);
    const gz = content();
    if (what.includes('larger')) expect(gz.length).toBeGreaterThan(16384);
    const key = write(ctKey(copy, '2026-11-30', '1335'), gz);
    const r = await json('investigate', 'timeline', '--logs', copy);
    expect([r.code, r.json.rows.map((row) => row.rawFile), r.json.warnings, lastLine(r.err)]).toEqual([1, [ctKey(copy, '2026-11-30', '1300').slice(copy.length + 1)], [`${key}: ${typeof why === 'string' ? why : why(gz)}; skipped`], 'forensic-readiness: timeline was not answered in full: it stands without evidence of the inputs that could not be read (1 warning above)']);
  });

  test('a CloudTrail file of more than 16 MiB uncompressed is read (DuckDB reads up to 64 MiB of one document)', async () => {
    const pad = 'p'.repeat(1048576);
    const records = Array.from({ length: 17 }, (_, i) => rec({ eventID: `big-${i}`, requestParameters: { bucketName: 'b', key: `${i}/${pad}` } }));
    const text = JSON.stringify({ Records: records });
    expect(text.length).toBeGreaterThan(16 * 1048576);
    const large = write(ctKey('ct-large', '2026-11-30', '1300'), zlib.gzipSync(text, { level: 1 }));
    const r = await json('investigate', 'timeline', '--logs', 'ct-large');
    expect([r.code, r.json.rows.length, r.json.rows[0].rawFile, r.json.warnings]).toEqual([0, 17, large.slice('ct-large/'.length), []]);
  });

  test('the Athena table over CloudTrail (queries/aws/offline) reads documents as large as the views do', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'queries', 'aws', 'offline', 'cloudtrail.duckdb.sql'), 'utf8')).toContain(`maximum_object_size = ${MAX_DOCUMENT})`);
  });

  test('a CloudTrail file of more than 64 MiB uncompressed is named, not read (exit 1)', async () => {
    // Past the bound: gzip members of 1 MiB of spaces each (a file of ~70 KiB), named before DuckDB reads it.
    beside('ct-huge');
    const spaces = zlib.gzipSync(Buffer.alloc(1048576, ' '));
    const huge = write(ctKey('ct-huge', '2026-11-30', '1335'), Buffer.concat([zlib.gzipSync('{"Records": ['), ...Array.from({ length: 65 }, () => spaces), zlib.gzipSync(']}')]));
    const h = await json('investigate', 'timeline', '--logs', 'ct-huge');
    expect([h.code, h.json.rows.length, h.json.warnings]).toEqual([1, 1, [`${huge}: more than 64 MiB of JSON text uncompressed, the most the kit reads as one document; skipped`]]);
  });
});
