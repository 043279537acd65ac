/**
 * Review R9a of the GCP side: each a fail-open defect reproduced on a sink copy, now closed.
 * Each test writes the few sink entries it needs and asks the engine as the CLI does.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { investigate } from '../../investigate/engine';

const AUDIT = 'type.googleapis.com/google.cloud.audit.AuditLog';
const DATA_ACCESS = 'cloudaudit.googleapis.com/data_access/2026/11/30/13:00:00_13:59:59_S0.json';

interface Entry { readonly id: string; readonly ts: string; readonly who: string; readonly object: string; readonly type?: string | null; readonly log?: string; readonly extra?: Record<string, unknown>; readonly auth?: unknown }

/** A Cloud Storage object read as Cloud Audit Logs write it (Data Access). */
function read(e: Entry): string {
  const proto: Record<string, unknown> = {
    status: {}, authenticationInfo: { principalEmail: e.who }, requestMetadata: { callerIp: '10.128.0.20', callerSuppliedUserAgent: 'ua' },
    serviceName: 'storage.googleapis.com', methodName: 'storage.objects.get', resourceName: `projects/_/buckets/acme-churn-scores/objects/${e.object}`,
    ...(e.auth === undefined ? { authorizationInfo: [{ resource: `projects/_/buckets/acme-churn-scores/objects/${e.object}`, permission: 'storage.objects.get', granted: true }] } : e.auth === null ? {} : { authorizationInfo: e.auth }),
    ...(e.extra ?? {}),
  };
  if (e.type !== null) proto['@type'] = e.type ?? AUDIT;
  return JSON.stringify({ protoPayload: proto, insertId: e.id, timestamp: e.ts, logName: `projects/acme-ml/logs/${encodeURIComponent(e.log ?? 'cloudaudit.googleapis.com/data_access')}` });
}

let dir = '';
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-gcp-r9a-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, lines: readonly string[]): void {
  fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), `${lines.join('\n')}\n`);
}

const dataReads = (from?: string, to?: string) =>
  investigate({ question: 'data-reads', logs: [dir], params: [['location', 'gs://acme-churn-scores/R9A/']], cwd: dir, ...(from ? { from } : {}), ...(to ? { to } : {}) });

describe('R9a 2: a timestamp with a UTC offset is read as the instant it names', () => {
  test('15:20:00+02:00 is 13:20Z: inside 13:00–14:00, shown as 13:20Z; nanoseconds still truncated, a lowercase z still unreadable', async () => {
    write(DATA_ACCESS, [
      read({ id: 'off1', ts: '2026-11-30T15:20:00+02:00', who: 'offset@acme.example', object: 'R9A/offset' }),
      read({ id: 'neg1', ts: '2026-11-30T12:50:00.5-00:30', who: 'negative@acme.example', object: 'R9A/negative' }),
      read({ id: 'nano1', ts: '2026-11-30T13:30:00.123456789Z', who: 'nanos@acme.example', object: 'R9A/nanos' }),
      read({ id: 'lower1', ts: '2026-11-30T13:40:00z', who: 'lower@acme.example', object: 'R9A/lower' }),
    ]);
    const a = await dataReads('2026-11-30T13:00:00Z', '2026-11-30T14:00:00Z');
    expect(a.rows.map((r) => [r.time, r.principal])).toEqual([
      ['2026-11-30T13:20:00.000Z', 'offset@acme.example'],
      ['2026-11-30T13:20:00.500Z', 'negative@acme.example'],
      ['2026-11-30T13:30:00.123Z', 'nanos@acme.example'],
    ]);
    expect(a.leftOut).toEqual([`${DATA_ACCESS}: line 4 has no readable time (timestamp "2026-11-30T13:40:00z"); it is skipped, the rest of the file read`]);
    // Outside the window it names, the offset entry is not read: 15:00–16:00 Z holds none of these.
    expect((await dataReads('2026-11-30T15:00:00Z', '2026-11-30T16:00:00Z')).rows).toEqual([]);
  });
});

describe('R9a 5: the insertId conflict key is the instant, not how the timestamp is written', () => {
  test('conf1 at 13:10:00Z and at 13:10:00.000Z, other principals: both kept, named, not in full', async () => {
    write(DATA_ACCESS, [
      read({ id: 'conf1', ts: '2026-11-30T13:10:00Z', who: 'attacker@evil.example', object: 'R9A/conflict' }),
      read({ id: 'conf1', ts: '2026-11-30T13:10:00.000Z', who: 'innocent@acme.example', object: 'R9A/conflict' }),
      // One entry written twice, identical: merged, no warning; the same instant with an offset and other content: a conflict too.
      read({ id: 'dup1', ts: '2026-11-30T13:15:00Z', who: 'dup@acme.example', object: 'R9A/dup' }),
      read({ id: 'dup1', ts: '2026-11-30T13:15:00Z', who: 'dup@acme.example', object: 'R9A/dup' }),
      read({ id: 'conf2', ts: '2026-11-30T13:20:00Z', who: 'a@acme.example', object: 'R9A/c2' }),
      read({ id: 'conf2', ts: '2026-11-30T15:20:00+02:00', who: 'b@acme.example', object: 'R9A/c2' }),
    ]);
    const a = await dataReads();
    expect(a.rows.map((r) => [r.time, r.principal])).toEqual([
      ['2026-11-30T13:10:00.000Z', 'attacker@evil.example'],
      ['2026-11-30T13:10:00.000Z', 'innocent@acme.example'],
      ['2026-11-30T13:15:00.000Z', 'dup@acme.example'],
      ['2026-11-30T13:20:00.000Z', 'a@acme.example'],
      ['2026-11-30T13:20:00.000Z', 'b@acme.example'],
    ]);
    const why = "a sink's duplicates are identical, so one is not what Cloud Logging wrote (tampered with or corrupt); all kept";
    expect(a.leftOut).toEqual([
      `gcp: insertId "conf1" at 2026-11-30T13:10:00.000Z = 2026-11-30T13:10:00Z is in 2 entries that differ (${DATA_ACCESS} line 1, ${DATA_ACCESS} line 2): ${why}`,
      `gcp: insertId "conf2" at 2026-11-30T13:20:00Z = 2026-11-30T15:20:00+02:00 is in 2 entries that differ (${DATA_ACCESS} line 5, ${DATA_ACCESS} line 6): ${why}`,
    ]);
  });
});

describe('R9a 4: an audit entry without protoPayload."@type" is read, by its log', () => {
  test('notype1 in a data_access file, logName cloudaudit.googleapis.com/data_access: a read, in the timeline too; one whose logName is another log is read as of that log (not a data_access read)', async () => {
    write(DATA_ACCESS, [
      read({ id: 'typed1', ts: '2026-11-30T13:10:00Z', who: 'typed@acme.example', object: 'R9A/typed' }),
      read({ id: 'notype1', ts: '2026-11-30T13:20:00Z', who: 'notype@acme.example', object: 'R9A/notype', type: null }),
      read({ id: 'notype2', ts: '2026-11-30T13:30:00Z', who: 'other@acme.example', object: 'R9A/other', type: null, log: 'storage.googleapis.com/other' }),
    ]);
    const a = await dataReads();
    expect(a.rows.map((r) => [r.time, r.principal, r.object])).toEqual([
      ['2026-11-30T13:10:00.000Z', 'typed@acme.example', 'gs://acme-churn-scores/R9A/typed'],
      ['2026-11-30T13:20:00.000Z', 'notype@acme.example', 'gs://acme-churn-scores/R9A/notype'],
    ]);
    expect(a.leftOut).toEqual([]);
    const t = await investigate({ question: 'timeline', logs: [dir], params: [], cwd: dir });
    expect(t.rows.map((r) => [r.time, r.principal, r.action])).toEqual([
      ['2026-11-30T13:10:00Z', 'typed@acme.example', 'storage.objects.get'],
      ['2026-11-30T13:20:00Z', 'notype@acme.example', 'storage.objects.get'],
      ['2026-11-30T13:30:00Z', 'other@acme.example', 'storage.objects.get'],
    ]);
    expect(t.leftOut).toEqual([]);
  });
});

describe('R9a 9: evidence-tampering reads the Policy Denied audit log too', () => {
  test('a DeleteSink VPC Service Controls denied (cloudaudit.googleapis.com/policy) is a row beside the Admin Activity one, with its outcome', async () => {
    const sink = (id: string, ts: string, log: string, status: Record<string, unknown>): string => JSON.stringify({
      protoPayload: { '@type': AUDIT, status, authenticationInfo: { principalEmail: 'train-runner@acme-ml-prod.iam.gserviceaccount.com' }, requestMetadata: { callerIp: '198.51.100.99' },
        serviceName: 'logging.googleapis.com', methodName: 'google.logging.v2.ConfigServiceV2.DeleteSink', resourceName: 'projects/acme-ml-prod/sinks/forensic-evidence',
        authorizationInfo: [{ resource: 'projects/acme-ml-prod/sinks/forensic-evidence', permission: 'logging.sinks.delete', granted: false }] },
      insertId: id, timestamp: ts, logName: `projects/acme-ml-prod/logs/${encodeURIComponent(log)}` });
    write('cloudaudit.googleapis.com/activity/2026/11/30/10:00:00_10:59:59_S0.json', [sink('a1', '2026-11-30T10:05:00Z', 'cloudaudit.googleapis.com/activity', { code: 7, message: 'PERMISSION_DENIED' })]);
    write('cloudaudit.googleapis.com/policy/2026/11/30/10:00:00_10:59:59_S0.json', [
      sink('p1', '2026-11-30T10:45:00Z', 'cloudaudit.googleapis.com/policy', { code: 7, message: "Request is prohibited by organization's policy." }),
      sink('p2', '2026-11-30T10:50:00Z', 'cloudaudit.googleapis.com/policy', {}),
    ]);
    const a = await investigate({ question: 'evidence-tampering', logs: [dir], params: [], cwd: dir });
    expect(a.rows.map((r) => [r.time, r.action, r.outcome])).toEqual([
      ['2026-11-30T10:05:00.000Z', 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink', 'code 7: PERMISSION_DENIED'],
      ['2026-11-30T10:45:00.000Z', 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink', "code 7: Request is prohibited by organization's policy."],
      ['2026-11-30T10:50:00.000Z', 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink', 'denied by policy'],
    ]);
    expect(a.leftOut).toEqual([]);
  });
});

describe('R9a 12: a denied Predict call is no invocation (endpoint-callers, endpoint-volume)', () => {
  test('60 Predict calls denied (status 7, granted false) from outsider@gmail.com: not a caller, not an hour; the granted calls are', async () => {
    const ENDPOINT = 'projects/123456789012/locations/us-central1/endpoints/7000001';
    const predict = (id: string, ts: string, who: string, status: Record<string, unknown>, granted: boolean | null): string => JSON.stringify({
      protoPayload: { '@type': AUDIT, status, authenticationInfo: { principalEmail: who }, requestMetadata: { callerIp: '203.0.113.7', callerSuppliedUserAgent: 'curl/8' },
        serviceName: 'aiplatform.googleapis.com', methodName: 'google.cloud.aiplatform.v1.PredictionService.Predict', resourceName: ENDPOINT,
        ...(granted === null ? {} : { authorizationInfo: [{ resource: ENDPOINT, permission: 'aiplatform.endpoints.predict', granted }] }) },
      insertId: id, timestamp: ts, logName: 'projects/acme-ml-prod/logs/cloudaudit.googleapis.com%2Fdata_access' });
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) lines.push(predict(`d${i}`, `2026-11-30T13:${String(i).padStart(2, '0')}:00Z`, 'outsider@gmail.com', { code: 7, message: 'Permission denied' }, false));
    // Granted false without a status code, and a status code without authorizationInfo: denied too.
    lines.push(predict('g1', '2026-11-30T13:00:30Z', 'sneaky@gmail.com', {}, false));
    lines.push(predict('s1', '2026-11-30T13:00:40Z', 'sneaky@gmail.com', { code: 7 }, null));
    lines.push(predict('ok1', '2026-11-30T13:01:30Z', 'api@acme-ml-prod.iam.gserviceaccount.com', {}, true));
    lines.push(predict('ok2', '2026-11-30T13:02:30Z', 'api@acme-ml-prod.iam.gserviceaccount.com', {}, null));
    write(DATA_ACCESS, lines);
    const ask = (question: string) => investigate({ question, logs: [dir], params: [['endpointName', '7000001']], cwd: dir });
    const callers = await ask('endpoint-callers');
    expect(callers.rows.map((r) => [r.principal, r.firstSeen, r.lastSeen, Number(r.count)])).toEqual([['api@acme-ml-prod.iam.gserviceaccount.com', '2026-11-30T13:01:30.000Z', '2026-11-30T13:02:30.000Z', 2]]);
    expect(callers.leftOut).toEqual([]);
    const volume = await ask('endpoint-volume');
    expect(volume.rows.map((r) => [r.principal, r.hour, Number(r.count), r.outlier])).toEqual([['api@acme-ml-prod.iam.gserviceaccount.com', '2026-11-30T13:00:00Z', 2, false]]);
    expect(volume.leftOut).toEqual([]);
  });
});

describe('R9a 6: a read or write without authorizationInfo is still one, by its method', () => {
  test('storage.objects.get and .delete entries without authorizationInfo: in data-reads and data-writes; a list call is neither', async () => {
    const call = (id: string, ts: string, method: string, object: string, auth: unknown): string => JSON.stringify({
      protoPayload: { '@type': AUDIT, status: {}, authenticationInfo: { principalEmail: 'noauth@acme.example' }, requestMetadata: { callerIp: '10.128.0.20' },
        serviceName: 'storage.googleapis.com', methodName: method, resourceName: `projects/_/buckets/acme-churn-scores/objects/${object}`, ...(auth === undefined ? {} : { authorizationInfo: auth }) },
      insertId: id, timestamp: ts, logName: 'projects/acme-ml-prod/logs/cloudaudit.googleapis.com%2Fdata_access' });
    write(DATA_ACCESS, [
      call('r1', '2026-11-30T13:10:00Z', 'storage.objects.get', 'R9A/a', undefined),
      call('r2', '2026-11-30T13:11:00Z', 'storage.objects.get', 'R9A/b', []),
      call('w1', '2026-11-30T13:12:00Z', 'storage.objects.delete', 'R9A/c', undefined),
      call('w2', '2026-11-30T13:13:00Z', 'storage.objects.create', 'R9A/d', undefined),
      call('l1', '2026-11-30T13:14:00Z', 'storage.objects.list', 'R9A/e', undefined),
      // authorizationInfo present decides: a get that needed no storage.objects.get permission is not a read.
      call('r3', '2026-11-30T13:15:00Z', 'storage.objects.get', 'R9A/f', [{ permission: 'storage.objects.list', granted: true }]),
    ]);
    const reads = await dataReads();
    expect(reads.rows.map((r) => [r.time, r.action, r.object])).toEqual([
      ['2026-11-30T13:10:00.000Z', 'storage.objects.get', 'gs://acme-churn-scores/R9A/a'],
      ['2026-11-30T13:11:00.000Z', 'storage.objects.get', 'gs://acme-churn-scores/R9A/b'],
    ]);
    const writes = await investigate({ question: 'data-writes', logs: [dir], params: [['location', 'gs://acme-churn-scores/R9A/']], cwd: dir });
    expect(writes.rows.map((r) => [r.time, r.action, r.object])).toEqual([
      ['2026-11-30T13:12:00.000Z', 'storage.objects.delete', 'gs://acme-churn-scores/R9A/c'],
      ['2026-11-30T13:13:00.000Z', 'storage.objects.create', 'gs://acme-churn-scores/R9A/d'],
    ]);
    expect([reads.leftOut, writes.leftOut]).toEqual([[], []]);
  });
});

describe('R9a 4: an entry of an audit log file that is no audit entry is named, not dropped', () => {
  test('another protoPayload @type, and no protoPayload: each named with its line, exit 1; the audit entries read', async () => {
    const other = (id: string, payload: Record<string, unknown>): string => JSON.stringify({ ...payload, insertId: id, timestamp: '2026-11-30T13:30:00Z', logName: 'projects/acme-ml-prod/logs/cloudaudit.googleapis.com%2Fdata_access' });
    write(DATA_ACCESS, [
      read({ id: 'typed1', ts: '2026-11-30T13:10:00Z', who: 'typed@acme.example', object: 'R9A/typed' }),
      read({ id: 'wrong1', ts: '2026-11-30T13:20:00Z', who: 'wrong@acme.example', object: 'R9A/wrong', type: 'type.googleapis.com/google.cloud.audit.AuditLogX' }),
      other('nopayload1', { jsonPayload: { principalEmail: 'x@acme.example' } }),
    ]);
    const a = await dataReads();
    expect(a.rows.map((r) => r.principal)).toEqual(['typed@acme.example']);
    expect(a.leftOut).toEqual([`${DATA_ACCESS}: lines 2, 3 are not an audit entry (no protoPayload, protoPayload @type "type.googleapis.com/google.cloud.audit.AuditLogX"); they are skipped, the rest of the file read`]);
  });
});
