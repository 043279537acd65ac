/**
 * The custody record: appended as JSON lines with a hash chain, checked by `custody verify`, and
 * written to an Object Lock store (moto_server) when one is given.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as S3 from '@aws-sdk/client-s3';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { main } from '../../bin/cli';
import { writeRecordToStore } from '../../investigate/custody/custody-store';
import { azureIdentityOfToken, azurePrincipalOfToken, azureTokenIdentity, decodeJwtPayloadUnverified } from '../../investigate/custody/identity';
import { appendCustodyRecord, canonicalJson, verifyCustodyLog } from '../../investigate/custody/record';
import { parseLocation } from '../../investigate/custody/sources';
import { startGcsStub } from '../peers/gcs-stub';
import { PEER_START_MS, Peer, awsEnv, azuriteConnectionString, setEnv, startAzurite, startMoto } from '../peers/peers';
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

  test.each([
    ['null', () => 'null'],
    ['an array', () => '[]'],
    ['a string', () => '"x"'],
    ['a number', () => '42'],
    ['a record without result', (line: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(line)).filter(([k]) => k !== 'result')))],
  ])('a line that is %s is tampering: exit 1 naming the line, never an internal error', async (_what, forge) => {
    const log = await threeRecords();
    const l = lines(log);
    l[1] = forge(l[1]);
    fs.writeFileSync(log, `${l.join('\n')}\n`);
    for (const format of ['text', 'json']) {
      const r = await runCli(['custody', 'verify', 'c.jsonl', '--format', format], tmp);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      if (format === 'text') {
        expect(r.stdout).toMatch(/^c\.jsonl line 2: /);
        expect(r.stdout).toMatch(/\nBROKEN: 3 records, \d+ problems?\n$/);
      } else expect(JSON.parse(r.stdout)).toMatchObject({ intact: false, records: 3, problems: expect.arrayContaining([expect.stringMatching(/^line 2: /)]) });
    }
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
      verdict: 'BROKEN',
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

/** A local folder of one file and a CLI run that records a manifest of it with these options. */
async function recordOne(tmp: string, out: string, ...options: string[]) {
  fs.mkdirSync(path.join(tmp, 'data'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'data', 'a.txt'), 'a');
  return runCli(['manifest', 'create', 'data', '--out', out, '--custody-log', 'c.jsonl', ...options], tmp);
}

// One moto_server for both S3 suites of this file: each start costs seconds.
describe('on S3 (moto_server)', () => {
  let moto: Peer;
  let restore: () => void;
  let s3: S3.S3Client;
  beforeAll(async () => {
    moto = await startMoto();
    restore = setEnv(awsEnv(moto));
    s3 = testS3();
    await lockBucket(s3, 'custody-records');
    await lockBucket(s3, 'custody-verify');
  }, PEER_START_MS);
  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });

  describe('the custody store (moto_server)', () => {
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
      expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm2.jsonl', '--custody-store', 's3://custody-records/cli/'], tmp), /--custody-store s3:\/\/… needs --retain-days N or --retain-until DATE/);
      expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm2.jsonl', '--custody-store', 's3://custody-records/cli/', '--retain-days', '1', '--allow-mutable-store'], tmp), /--allow-mutable-store is for an Azure or gs:\/\/ --custody-store/);
      expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm2.jsonl', '--custody-store', 'ftp://records/x/'], tmp), /--custody-store "ftp:\/\/records\/x\/": unknown scheme ftp:\/\//);
      expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm2.jsonl', '--custody-store', 'https://example.com/records/'], tmp), /--custody-store "https:\/\/example\.com\/records\/" is not an Azure blob container URL/);
      expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm2.jsonl', '--custody-store', 'records/'], tmp), /--custody-store "records\/" must be a cloud URL/);
      // A lock that locks nothing is refused, never ignored.
      expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm2.jsonl', '--retain-days', '1'], tmp), /--retain-days \/ --retain-until lock what goes to s3:\/\/, and nothing here does: no --custody-store is given/);
      expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm2.jsonl', '--custody-store', 'gs://records/x/', '--retain-days', '1'], tmp), /the --custody-store gs:\/\/records\/x\/ is kept by its own immutability policy or retention/);
      expect(fs.existsSync(path.join(tmp, 'm2.jsonl'))).toBe(false);
    });
  });

  describe('custody verify --custody-store against S3 (moto_server)', () => {
    async function threeStored(prefix: string): Promise<string[]> {
      for (const n of [1, 2, 3]) expect((await recordOne(tmp, `m${n}.jsonl`, '--custody-store', `s3://custody-verify/${prefix}/`, '--retain-days', '1')).code).toBe(0);
      return lines(path.join(tmp, 'c.jsonl'));
    }

    test('every record in the store equals its line of the log: exit 0, and each record names the store and its lock', async () => {
      const l = await threeStored('same');
      expect(JSON.parse(l[0]).store).toEqual({ url: 's3://custody-verify/same/', lock: expect.stringMatching(/^S3 Object Lock COMPLIANCE until \d{4}-/) });
      const r = await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', 's3://custody-verify/same'], tmp);
      expect(r).toMatchObject({ code: 0, stdout: 'INTACT: 3 records, 0 problems; store s3://custody-verify/same/: 3 objects, 3 equal to the log, 0 records written without it\n' });
    });

    test('the last line edited (which no later line protects) differs from the store: exit 1', async () => {
      const l = await threeStored('edited');
      const key = `edited/00000003-${sha256(l[2])}.json`;
      l[2] = l[2].replace('"caseId":null', '"caseId":"OTHER"');
      fs.writeFileSync(path.join(tmp, 'c.jsonl'), `${l.join('\n')}\n`);
      expect(verifyCustodyLog(path.join(tmp, 'c.jsonl')).problems).toEqual([]);
      const r = await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', 's3://custody-verify/edited/', '--format', 'json'], tmp);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ intact: false, problems: [], store: { url: 's3://custody-verify/edited/', objects: 3, matched: 2, problems: [`store ${key}: differs from line 3 of the local log`] } });
    });

    test('a record removed from the end of the log is named from the store; a second version of a record object is named', async () => {
      const l = await threeStored('cut');
      fs.writeFileSync(path.join(tmp, 'c.jsonl'), `${l.slice(0, 2).join('\n')}\n`);
      const first = `cut/00000001-${sha256(l[0])}.json`;
      // Object Lock keeps the locked version; a new version can still be put on top of it.
      await s3.send(new S3.PutObjectCommand({ Bucket: 'custody-verify', Key: first, Body: 'forged\n', ChecksumAlgorithm: 'SHA256' }));
      const r = await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', 's3://custody-verify/cut/'], tmp);
      expect(r.code).toBe(1);
      expect(r.stdout.trim().split('\n')).toEqual([
        `store ${first}: 2 versions; a record is written once`,
        `store ${first}: the SHA-256 of its content is not the one in its name (edited)`,
        `store ${first}: differs from line 1 of the local log`,
        `store cut/00000003-${sha256(l[2])}.json: record 3 is missing from the local log (it has 2 records)`,
        'BROKEN: 2 records, 4 problems; store s3://custody-verify/cut/: 4 objects, 2 equal to the log, 0 records written without it',
      ]);
    });

    test('records whose Object Lock has ended can be deleted like any: UNPROVEN, exit 1, never INTACT', async () => {
      const log = path.join(tmp, 'c.jsonl');
      const store = parseLocation('s3://custody-verify/expired/', '--custody-store', tmp);
      for (const held of [1, 2]) await appendCustodyRecord({ log, tool: TOOL, store, retention: { retainUntil: new Date(Date.now() + 1500) } }, { ...EVENT, result: { held } });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const r = await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', 's3://custody-verify/expired/'], tmp);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^UNPROVEN: 2 records, 0 problems; store s3:\/\/custody-verify\/expired\/: 2 objects, 2 equal to the log, 0 records written without it; a record's lock has ended \(it says "S3 Object Lock COMPLIANCE until [^"]+"\): a deletion of the newest records, from the store and from the log, cannot be detected\n$/);
    });

    test('bad input: a store URL of an unknown form, a bucket that does not exist', async () => {
      await threeStored('bad');
      expectOneLineError(await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', 'gopher://x/y'], tmp), /--custody-store "gopher:\/\/x\/y": unknown scheme gopher:\/\//);
      expectOneLineError(await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', 'local/folder'], tmp), /--custody-store "local\/folder" must be a cloud URL/);
      expectOneLineError(await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', 's3://no-such-custody/x/'], tmp), /cannot list s3:\/\/no-such-custody\/x\/: NoSuchBucket/);
    });
  });

});

describe('the custody store on Azure (Azurite)', () => {
  let azurite: Peer;
  let restore: () => void;
  let container: ContainerClient;
  let url: string;
  beforeAll(async () => {
    azurite = await startAzurite();
    restore = setEnv({ AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(azurite) });
    container = BlobServiceClient.fromConnectionString(azuriteConnectionString(azurite)).getContainerClient('custody');
    await container.create();
    url = `${azurite.url}/custody`;
  }, PEER_START_MS);
  afterAll(async () => {
    restore?.();
    await azurite?.stop();
  });

  // Azurite reports no container ever immutable (it implements no immutability policies and no
  // legal holds), so only the refusal and the --allow-mutable-store path can be run here.
  test('a container that reports no immutability policy is refused before anything is done', async () => {
    const r = await recordOne(tmp, 'm.jsonl', '--custody-store', `${url}/ir-5/`);
    expectOneLineError(r, /--custody-store .*\/custody\/ir-5\/: container custody reports no immutability policy and no legal hold, so the records written there could be deleted; .*--allow-mutable-store/);
    expect([fs.existsSync(path.join(tmp, 'm.jsonl')), fs.existsSync(path.join(tmp, 'c.jsonl'))]).toEqual([false, false]);
  });

  test('with --allow-mutable-store: a warning, and the blob SEQ-SHA256.json holds the line of the log byte for byte', async () => {
    const r = await recordOne(tmp, 'm.jsonl', '--custody-store', `${url}/ir-5/`, '--allow-mutable-store', '--case', 'IR-5');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`forensic-readiness: warning: --allow-mutable-store: container custody reports no immutability policy and no legal hold; the records written to ${url}/ir-5/ can be deleted or replaced\n`);
    const [line] = lines(path.join(tmp, 'c.jsonl'));
    const name = `ir-5/00000001-${sha256(line)}.json`;
    expect(r.stdout).toContain(`stored at ${url}/${name}`);
    expect((await container.getBlobClient(name).downloadToBuffer()).equals(Buffer.from(`${line}\n`))).toBe(true);
    const record = JSON.parse(line);
    expect(record.store).toEqual({ url: `${url}/ir-5/`, lock: 'none (--allow-mutable-store)' });
    // The identity that wrote the record: a shared key names the account, no principal.
    expect(record.who.cloud).toEqual([{ cloud: 'local', credential: 'local file system' }, { cloud: 'azure', account: 'devstoreaccount1', credential: 'shared key (AZURE_STORAGE_CONNECTION_STRING)' }]);
    // Equal to the log, but in a store that does not keep it: never INTACT (see the test of a deleted record below).
    expect(await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', `${url}/ir-5`], tmp)).toMatchObject({ code: 1, stdout: expect.stringMatching(/^UNPROVEN: 1 record, 0 problems; store .*: 1 object, 1 equal to the log/) });
  });

  test('a record is written only as a new blob (If-None-Match: *): the same name twice is refused', async () => {
    const store = parseLocation(`${url}/once/`, '--custody-store', tmp);
    await writeRecordToStore('{"seq":1}', 1, 'ab'.repeat(32), store, undefined);
    await expect(writeRecordToStore('{"seq":1,"other":true}', 1, 'ab'.repeat(32), store, undefined)).rejects.toThrow(/cannot write .*once\/00000001-(ab){32}\.json: .*(BlobAlreadyExists|HTTP 409)/);
    expect((await container.getBlobClient(`once/00000001-${'ab'.repeat(32)}.json`).downloadToBuffer()).toString()).toBe('{"seq":1}\n');
  });

  test('custody verify names a blob that is not a record, and a log line edited after it was stored', async () => {
    expect((await recordOne(tmp, 'm.jsonl', '--custody-store', `${url}/ir-6/`, '--allow-mutable-store')).code).toBe(0);
    await container.getBlockBlobClient('ir-6/notes.txt').upload('hello', 5);
    const [line] = lines(path.join(tmp, 'c.jsonl'));
    fs.writeFileSync(path.join(tmp, 'c.jsonl'), `${line.replace('"caseId":null', '"caseId":"X"')}\n`);
    const r = await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', `${url}/ir-6/`], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      'store ir-6/notes.txt: not a custody record (its name is not SEQ-SHA256.json)',
      `store ir-6/00000001-${sha256(line)}.json: differs from line 1 of the local log`,
      expect.stringMatching(/^BROKEN: 1 record, 2 problems; store .*\/custody\/ir-6\/: 2 objects, 0 equal to the log, 0 records written without it; the store is not locked \(its records say lock "none \(--allow-mutable-store\)"\): a deletion of the newest records, from it and from the log, cannot be detected$/),
    ]);
  });

  test('a mutable store (--allow-mutable-store) whose newest record was deleted, with the log\'s last line: never INTACT, exit 1 with the caveat', async () => {
    for (const n of [1, 2, 3]) expect((await recordOne(tmp, `m${n}.jsonl`, '--custody-store', `${url}/ir-9/`, '--allow-mutable-store')).code).toBe(0);
    const l = lines(path.join(tmp, 'c.jsonl'));
    // The review's case: the last record deleted from the store, and the last line from the log.
    await container.getBlobClient(`ir-9/00000003-${sha256(l[2])}.json`).delete();
    fs.writeFileSync(path.join(tmp, 'c.jsonl'), `${l.slice(0, 2).join('\n')}\n`);
    const r = await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', `${url}/ir-9/`], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/INTACT/);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^UNPROVEN: 2 records, 0 problems; store .*\/custody\/ir-9\/: 2 objects, 2 equal to the log, 0 records written without it; .*not locked.*: a deletion of the newest records.*cannot be detected$/),
    ]);
    const json = JSON.parse((await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', `${url}/ir-9/`, '--format', 'json'], tmp)).stdout);
    expect(json).toMatchObject({ intact: false, verdict: 'UNPROVEN', problems: [], store: { matched: 2, unproven: expect.stringMatching(/cannot be detected/) } });
    // The untouched log says the same: nothing in a mutable store proves its newest record is the last.
    fs.writeFileSync(path.join(tmp, 'c.jsonl'), `${l.join('\n')}\n`);
    await container.getBlockBlobClient(`ir-9/00000003-${sha256(l[2])}.json`).upload(`${l[2]}\n`, Buffer.byteLength(`${l[2]}\n`));
    expect(await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', `${url}/ir-9/`], tmp)).toMatchObject({ code: 1, stdout: expect.stringMatching(/^UNPROVEN: 3 records, 0 problems/) });
  });

  test('a container that does not exist: one line, exit 2, nothing done', async () => {
    expectOneLineError(await recordOne(tmp, 'm.jsonl', '--custody-store', `${azurite.url}/no-such-container/x/`, '--allow-mutable-store'), /--custody-store .*\/no-such-container\/x\/: container no-such-container does not exist in account devstoreaccount1/);
    expect(fs.existsSync(path.join(tmp, 'm.jsonl'))).toBe(false);
    expectOneLineError(await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', `${azurite.url}/`], tmp), /--custody-store .* names no container/);
  });
});

// No GCS emulator is available: a local HTTP stub of the JSON API answers. These tests prove the
// requests sent (ifGenerationMatch=0, the record's bytes) and what is made of the answers, not what
// GCS keeps; the stub refuses a second upload of a live name with 412 as the API documents.
describe('the custody store on gs:// (unit tests against a local HTTP stub of the JSON API, not an emulator)', () => {
  const TOKENINFO = { azp: 'client-1.apps.googleusercontent.com', aud: 'client-1.apps.googleusercontent.com', sub: '1234567890', scope: 'https://www.googleapis.com/auth/devstorage.read_write', exp: '1900000000', expires_in: '3599', email: 'ir@example-project.iam.gserviceaccount.com', email_verified: 'true', access_type: 'online' };
  async function withStub<T>(options: Parameters<typeof startGcsStub>[2], run: (stub: Awaited<ReturnType<typeof startGcsStub>>) => Promise<T>): Promise<T> {
    const stub = await startGcsStub('gcs-custody', [], options);
    const back = setEnv({ STORAGE_EMULATOR_HOST: stub.host, GOOGLE_OAUTH_ACCESS_TOKEN: 'test-token', FR_GOOGLE_TOKENINFO_URL: stub.tokeninfo });
    try {
      return await run(stub);
    } finally {
      back();
      await stub.stop();
    }
  }

  test('uploads the record with ifGenerationMatch=0 into a bucket with a retention policy, and records the token\'s identity from tokeninfo', () =>
    withStub({ retentionPolicy: { retentionPeriod: '315360000', isLocked: true }, tokens: { 'test-token': TOKENINFO } }, async (stub) => {
      const r = await recordOne(tmp, 'm.jsonl', '--custody-store', 'gs://gcs-custody/ir-7', '--case', 'IR-7');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const [line] = lines(path.join(tmp, 'c.jsonl'));
      const upload = stub.requests.find((q) => q.method === 'POST' && q.url.startsWith('/upload/'))!;
      expect(upload.url).toBe(`/upload/storage/v1/b/gcs-custody/o?uploadType=media&name=ir-7%2F00000001-${sha256(line)}.json&ifGenerationMatch=0`);
      expect(upload.body).toBe(`${line}\n`);
      const record = JSON.parse(line);
      expect(record.store).toEqual({ url: 'gs://gcs-custody/ir-7/', lock: 'GCS retention policy 315360000 s, locked' });
      expect(record.who.cloud[1]).toEqual({ cloud: 'gcp', credential: 'OAuth access token (GOOGLE_OAUTH_ACCESS_TOKEN)', principal: { email: TOKENINFO.email, sub: TOKENINFO.sub, azp: TOKENINFO.azp, aud: TOKENINFO.aud, scope: TOKENINFO.scope } });
      // The token goes to tokeninfo in a form body, never in a URL.
      const info = stub.requests.find((q) => q.url.startsWith('/tokeninfo'))!;
      expect({ method: info.method, url: info.url, body: info.body }).toEqual({ method: 'POST', url: '/tokeninfo', body: 'access_token=test-token' });
      expect(stub.requests.every((q) => !q.url.includes('test-token'))).toBe(true);
      expect(await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', 'gs://gcs-custody/ir-7/'], tmp)).toMatchObject({ code: 0 });
      // A record missing from the store, though its record says it went there: exit 1.
      stub.objects.splice(0, stub.objects.length);
      const v = await runCli(['custody', 'verify', 'c.jsonl', '--custody-store', 'gs://gcs-custody/ir-7/'], tmp);
      expect(v).toMatchObject({ code: 1, stdout: expect.stringContaining('line 1: not in the store, though its record says it was written there\n') });
    }));

  test('a token tokeninfo does not know: the principal is "unknown" with why, and the command goes on', () =>
    withStub({ retentionPolicy: { retentionPeriod: '60' }, tokens: {} }, async () => {
      expect((await recordOne(tmp, 'm.jsonl', '--custody-store', 'gs://gcs-custody/ir-8/')).code).toBe(0);
      const record = JSON.parse(lines(path.join(tmp, 'c.jsonl'))[0]);
      expect(record.store.lock).toBe('GCS retention policy 60 s, not locked');
      expect(record.who.cloud[1]).toEqual({ cloud: 'gcp', credential: 'OAuth access token (GOOGLE_OAUTH_ACCESS_TOKEN)', principal: 'unknown', why: 'tokeninfo: HTTP 400: Invalid Value' });
    }));

  test('a bucket without a retention policy is refused (or, with --allow-mutable-store, a warning); a missing bucket is one line', () =>
    withStub({}, async () => {
      expectOneLineError(await recordOne(tmp, 'm.jsonl', '--custody-store', 'gs://gcs-custody/ir-9/'), /--custody-store gs:\/\/gcs-custody\/ir-9\/: bucket gcs-custody has no retention policy, so the records written there could be deleted/);
      expect(fs.existsSync(path.join(tmp, 'm.jsonl'))).toBe(false);
      expectOneLineError(await recordOne(tmp, 'm.jsonl', '--custody-store', 'gs://no-such-custody/ir-9/'), /--custody-store gs:\/\/no-such-custody\/ir-9\/: bucket no-such-custody does not exist/);
      const r = await recordOne(tmp, 'm.jsonl', '--custody-store', 'gs://gcs-custody/ir-9/', '--allow-mutable-store');
      expect(r).toMatchObject({ code: 0, stderr: expect.stringMatching(/^forensic-readiness: warning: --allow-mutable-store: bucket gcs-custody has no retention policy; the records written to gs:\/\/gcs-custody\/ir-9\/ can be deleted or replaced\n$/) });
    }));

  test('a store that refuses the record: one line, exit 2, and the local log is left exactly as it was (the record is in neither)', () =>
    withStub({ retentionPolicy: { retentionPeriod: '60' }, refuseUploads: 403 }, async () => {
      const log = path.join(tmp, 'c.jsonl');
      await appendCustodyRecord({ log, tool: TOOL }, EVENT);
      const before = fs.readFileSync(log);
      const r = await recordOne(tmp, 'm.jsonl', '--custody-store', 'gs://gcs-custody/ir-10/');
      expectOneLineError(r, /the custody record of manifest create was written neither to gs:\/\/gcs-custody\/ir-10\/ nor to .*c\.jsonl \(the manifest create itself was done\): cannot write gs:\/\/gcs-custody\/ir-10\/00000002-[0-9a-f]{64}\.json: HTTP 403: The stub refuses uploads\./);
      expect(fs.readFileSync(log).equals(before)).toBe(true);
      expect(fs.existsSync(`${log}.lock`)).toBe(false);
    }));
});

describe('the Azure principal of a token (fake tokens; decoded, never verified)', () => {
  const jwt = (payload: object) => `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.not-a-signature`;

  test('a v1 user token gives oid, appid, upn and tid; a v2 application token gives azp as appid', () => {
    expect(azurePrincipalOfToken(jwt({ oid: 'o-1', appid: 'a-1', upn: 'ana@contoso.example', tid: 't-1', ver: '1.0' }))).toEqual({ oid: 'o-1', appid: 'a-1', upn: 'ana@contoso.example', tid: 't-1' });
    expect(azurePrincipalOfToken(jwt({ oid: 'o-2', azp: 'a-2', tid: 't-2', ver: '2.0' }))).toEqual({ oid: 'o-2', appid: 'a-2', upn: null, tid: 't-2' });
    expect(decodeJwtPayloadUnverified(jwt({ x: 1 }))).toEqual({ x: 1 });
  });

  test('the identity of a token credential says the claims are not verified; no token, or not a JWT, is "unknown" with why', async () => {
    const token = jwt({ oid: 'o-3', appid: 'a-3', tid: 't-3' });
    const scopes: string[] = [];
    expect(await azureTokenIdentity('evidenceacct', 'DefaultAzureCredential', { getToken: async (scope) => (scopes.push(scope), { token }) })).toEqual({
      cloud: 'azure',
      account: 'evidenceacct',
      credential: 'DefaultAzureCredential',
      principal: { oid: 'o-3', appid: 'a-3', upn: null, tid: 't-3' },
      claims: 'decoded, not verified',
    });
    expect(scopes).toEqual(['https://storage.azure.com/.default']);
    expect(await azureTokenIdentity('evidenceacct', 'DefaultAzureCredential', { getToken: async () => { throw new Error('no az login'); } })).toMatchObject({ principal: 'unknown', why: expect.stringContaining('no az login') });
    expect(azureIdentityOfToken('evidenceacct', 'DefaultAzureCredential (management API)', 'opaque-token')).toMatchObject({ principal: 'unknown', why: 'the access token is not a JWT (three dot-separated parts)' });
  });
});
