/**
 * The custody record: appended as JSON lines with a hash chain, checked by `custody verify`, and
 * written to an Object Lock store (moto_server) when one is given.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as S3 from '@aws-sdk/client-s3';
import { main } from '../../bin/cli';
import { appendCustodyRecord, canonicalJson, verifyCustodyLog } from '../../investigate/custody/record';
import { PEER_START_MS, Peer, awsEnv, setEnv, startMoto } from '../peers/peers';
import { expectOneLineError, runCli } from '../peers/run-cli';
import { lockBucket, testS3 } from '../peers/s3';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TOOL = { name: 'forensic-readiness', version: '9.9.9' };
const EVENT = { action: 'verify cloudtrail', caseId: 'IR-3', cloud: [], inputs: [{ name: 'path', value: 'copy', sha256: 'ab'.repeat(32) }], result: { valid: 24, invalid: 0 } };

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'custody-test-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const lines = (log: string) => fs.readFileSync(log, 'utf8').trim().split('\n');

describe('appendCustodyRecord', () => {
  test('appends one line per record; each names the hash of the line before it', async () => {
    const log = path.join(tmp, 'c.jsonl');
    const first = await appendCustodyRecord({ log, tool: TOOL }, EVENT);
    const second = await appendCustodyRecord({ log, tool: TOOL }, { ...EVENT, action: 'hold on', result: { held: 3 } });
    const [l1, l2] = lines(log);
    expect([first.sha256, second.sha256]).toEqual([sha256(l1), sha256(l2)]);
    expect(JSON.parse(l1)).toEqual({
      record: 'forensic-readiness-custody/1',
      seq: 1,
      action: 'verify cloudtrail',
      caseId: 'IR-3',
      who: { local: { user: os.userInfo().username, uid: os.userInfo().uid, host: os.hostname() }, cloud: [] },
      when: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      tool: TOOL,
      inputs: EVENT.inputs,
      result: EVENT.result,
      resultSha256: sha256(canonicalJson(EVENT.result)),
      previousSha256: null,
    });
    expect(JSON.parse(l2)).toMatchObject({ seq: 2, previousSha256: sha256(l1) });
    expect(verifyCustodyLog(log)).toEqual({ records: 2, problems: [] });
  });

  test('the result hash does not depend on the order of the result\'s keys', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  test('refuses to append to a log whose last line is not a custody record', async () => {
    const log = path.join(tmp, 'c.jsonl');
    fs.writeFileSync(log, 'not a record\n');
    await expect(appendCustodyRecord({ log, tool: TOOL }, EVENT)).rejects.toThrow(/its last line is not a custody record; not appending/);
    expect(fs.readFileSync(log, 'utf8')).toBe('not a record\n');
  });
});

describe('custody verify', () => {
  async function threeRecords(): Promise<string> {
    const log = path.join(tmp, 'c.jsonl');
    for (const held of [1, 2, 3]) await appendCustodyRecord({ log, tool: TOOL }, { ...EVENT, result: { held } });
    return log;
  }

  test('an intact log: exit 0', async () => {
    await threeRecords();
    expect(await runCli(['custody', 'verify', 'c.jsonl'], tmp)).toMatchObject({ code: 0, stdout: 'INTACT: 3 records, 0 problems\n' });
  });

  test('an edited result: its own hash and the next record\'s chain both break, exit 1', async () => {
    const log = await threeRecords();
    const l = lines(log);
    l[0] = l[0].replace('"held":1', '"held":100');
    fs.writeFileSync(log, `${l.join('\n')}\n`);
    const r = await runCli(['custody', 'verify', 'c.jsonl'], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      'c.jsonl line 1: resultSha256 does not match its result (the result was edited)',
      'c.jsonl line 2: previousSha256 does not match line 1 (an earlier record was edited or removed)',
      'BROKEN: 3 records, 2 problems',
    ]);
  });

  test('a removed record: the sequence and the chain break', async () => {
    const log = await threeRecords();
    const l = lines(log);
    fs.writeFileSync(log, `${[l[0], l[2]].join('\n')}\n`);
    const r = await runCli(['custody', 'verify', 'c.jsonl', '--format', 'json'], tmp);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      log: 'c.jsonl',
      intact: false,
      records: 2,
      problems: ['line 2: seq 3, expected 2 (a record removed or reordered)', 'line 2: previousSha256 does not match line 1 (an earlier record was edited or removed)'],
    });
  });

  test('the synchronous main() refuses a custody command in one line, pointing to runCli', () => {
    let stderr = '';
    expect(main(['custody', 'verify', 'c.jsonl'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: tmp })).toBe(2);
    expect(stderr).toBe('forensic-readiness: internal error: custody verify runs asynchronously; call runCli, not main\n');
  });

  test('bad input: a missing log, no LOG, a wrong verb', async () => {
    expectOneLineError(await runCli(['custody', 'verify', 'missing.jsonl'], tmp), /cannot read the custody log .*missing\.jsonl/);
    expectOneLineError(await runCli(['custody', 'verify'], tmp), /custody verify needs one LOG/);
    expectOneLineError(await runCli(['custody', 'check', 'x'], tmp), /custody needs verify, got "check"/);
  });
});

describe('the custody store (moto_server)', () => {
  let moto: Peer;
  let restore: () => void;
  let s3: S3.S3Client;
  beforeAll(async () => {
    moto = await startMoto();
    restore = setEnv(awsEnv(moto));
    s3 = testS3();
    await lockBucket(s3, 'custody-records');
  }, PEER_START_MS);
  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });

  test('each record is also written as one object, SEQ-HASH.json, under an Object Lock COMPLIANCE date', async () => {
    const log = path.join(tmp, 'c.jsonl');
    const store = { kind: 's3' as const, text: 's3://custody-records/ir-3', bucket: 'custody-records', prefix: 'ir-3' };
    const retention = { retainUntil: new Date('2099-06-30T00:00:00Z') };
    const r = await appendCustodyRecord({ log, tool: TOOL, store, retention }, EVENT);
    const key = `ir-3/00000001-${r.sha256}.json`;
    expect(r.stored).toBe(`s3://custody-records/${key}`);
    const got = await s3.send(new S3.GetObjectCommand({ Bucket: 'custody-records', Key: key }));
    expect(await got.Body!.transformToString()).toBe(`${lines(log)[0]}\n`);
    expect({ mode: got.ObjectLockMode, until: got.ObjectLockRetainUntilDate?.toISOString() }).toEqual({ mode: 'COMPLIANCE', until: '2099-06-30T00:00:00.000Z' });
  });

  test('the CLI takes --custody-store with a lock, and refuses it without one or off S3', async () => {
    fs.mkdirSync(path.join(tmp, 'data'));
    fs.writeFileSync(path.join(tmp, 'data', 'a.txt'), 'a');
    const ok = await runCli(['manifest', 'create', 'data', '--out', 'm.jsonl', '--custody-store', 's3://custody-records/cli/', '--retain-days', '1'], tmp);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/stored at s3:\/\/custody-records\/cli\/00000001-[0-9a-f]{64}\.json/) });
    expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm2.jsonl', '--custody-store', 's3://custody-records/cli/'], tmp), /--custody-store needs --retain-days N or --retain-until DATE/);
    expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm2.jsonl', '--custody-store', 'records/'], tmp), /--custody-store "records\/" must be a cloud URL/);
    expect(fs.existsSync(path.join(tmp, 'm2.jsonl'))).toBe(false);
  });
});
