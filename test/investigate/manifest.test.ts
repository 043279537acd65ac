/**
 * `manifest create` over a local folder, S3 (moto_server) and Azure (Azurite), to a file or a
 * locked store; `manifest diff` text and JSON, and its exit codes.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as S3 from '@aws-sdk/client-s3';
import { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { startGcsStub } from '../peers/gcs-stub';
import { PEER_START_MS, Peer, awsEnv, azuriteConnectionString, setEnv, startAzurite, startMoto, startPeers } from '../peers/peers';
import { expectOneLineError, runCli } from '../peers/run-cli';
import { ManifestWriter, createManifest } from '../../investigate/custody/manifest';
import { ObjectStore, openStore, parseLocation } from '../../investigate/custody/sources';
import { toolInfo } from '../../policies/report/tool';
import { lockBucket, put, testS3 } from '../peers/s3';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const readLines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

let moto: Peer;
let azurite: Peer;
let restore: () => void;
let s3: S3.S3Client;
let container: ContainerClient;
let tmp: string;

beforeAll(async () => {
  [moto, azurite] = await startPeers(startMoto, startAzurite);
  restore = setEnv({ ...awsEnv(moto), AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(azurite) });
  s3 = testS3();
  await lockBucket(s3, 'training-data');
  await put(s3, 'training-data', 'set/a.csv', 'a,b\n1,2\n');
  await put(s3, 'training-data', 'set/b.csv', 'b\n');
  await lockBucket(s3, 'manifests');
  container = BlobServiceClient.fromConnectionString(azuriteConnectionString(azurite)).getContainerClient('training');
  await container.create();
  await container.getBlockBlobClient('set/a.csv').upload('a,b\n1,2\n', 8);
  // Content-MD5 is whatever a client set: here a wrong one, recorded but never taken for the hash.
  const b = container.getBlockBlobClient('set/b.csv');
  await b.upload('b\n', 2);
  await b.setHTTPHeaders({ blobContentMD5: createHash('md5').update('something else').digest() });
}, PEER_START_MS);

afterAll(async () => {
  restore?.();
  await Promise.all([moto?.stop(), azurite?.stop()]);
});

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-test-'));
});
afterEach(() => {
  if (!tmp) return;
  for (const f of fs.readdirSync(tmp, { recursive: true }) as string[]) fs.chmodSync(path.join(tmp, f), 0o755);
  fs.rmSync(tmp, { recursive: true, force: true });
});

function localSet(dir: string, files: Record<string, string>): void {
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(tmp, dir, name)), { recursive: true });
    fs.writeFileSync(path.join(tmp, dir, name), body);
  }
}

describe('manifest create', () => {
  test('of a local folder: a header counting the objects, then key, size and the SHA-256 of each, in key order', async () => {
    localSet('data', { 'z.txt': 'zed', 'sub/a.txt': 'alpha' });
    const r = await runCli(['manifest', 'create', 'data', '--out', 'm.jsonl', '--case', 'IR-1'], tmp);
    expect(r.code).toBe(0);
    const [header, ...entries] = readLines(path.join(tmp, 'm.jsonl'));
    expect(header).toEqual({ manifest: 'forensic-readiness-manifest/1', tool: { name: 'forensic-readiness', version: expect.stringMatching(/^\d+\.\d+\.\d+/) }, source: 'data', versions: false, created: expect.any(String), objects: 2 });
    expect(entries.map((e) => [e.key, e.size, e.sha256])).toEqual([
      ['sub/a.txt', 5, sha256('alpha')],
      ['z.txt', 3, sha256('zed')],
    ]);
    expect(fs.statSync(path.join(tmp, 'm.jsonl')).mode & 0o777).toBe(0o444);
    const record = readLines(path.join(tmp, 'forensic-readiness-custody.jsonl'))[0];
    expect(record).toMatchObject({ action: 'manifest create', caseId: 'IR-1', result: { manifestSha256: sha256(fs.readFileSync(path.join(tmp, 'm.jsonl'), 'utf8')), objects: 2 } });
    expect(r.stdout).toContain(`sha256 ${record.result.manifestSha256}`);
  });

  test('of S3 records the version id, ETag and S3\'s own SHA-256 beside the computed hash', async () => {
    expect((await runCli(['manifest', 'create', 's3://training-data/set/', '--out', 'm.jsonl'], tmp)).code).toBe(0);
    const [, a] = readLines(path.join(tmp, 'm.jsonl'));
    expect(a).toEqual({
      key: 'set/a.csv',
      versionId: expect.any(String),
      generation: null,
      isLatest: true,
      size: 8,
      sha256: sha256('a,b\n1,2\n'),
      etag: `"${createHash('md5').update('a,b\n1,2\n').digest('hex')}"`,
      lastModified: expect.any(String),
      checksums: expect.objectContaining({ sha256: createHash('sha256').update('a,b\n1,2\n').digest('base64') }),
    });
  });

  test('of Azure records the client-set Content-MD5 but hashes the bytes', async () => {
    expect((await runCli(['manifest', 'create', `${azurite.url}/training/set`, '--out', 'm.jsonl'], tmp)).code).toBe(0);
    const [, , b] = readLines(path.join(tmp, 'm.jsonl'));
    expect(b).toMatchObject({ key: 'set/b.csv', size: 2, sha256: sha256('b\n'), checksums: { contentMD5: createHash('md5').update('something else').digest('base64') } });
  });

  test('of S3 (with and without --versions) and of Azure: a key ending in "/" that holds bytes is listed with its hash; an empty folder marker is skipped', async () => {
    const body = 'content under a name ending in a slash\n';
    await put(s3, 'training-data', 'slash/empty/', '');
    await put(s3, 'training-data', 'slash/hidden/', body);
    await container.getBlockBlobClient('slash/empty/').upload('', 0);
    await container.getBlockBlobClient('slash/hidden/').upload(body, body.length);
    for (const [source, out] of [['s3://training-data/slash/', 's3.jsonl'], ['s3://training-data/slash/ --versions', 's3v.jsonl'], [`${azurite.url}/training/slash/`, 'az.jsonl']]) {
      expect((await runCli(['manifest', 'create', ...source.split(' '), '--out', out], tmp)).code).toBe(0);
      expect(readLines(path.join(tmp, out)).slice(1).map((e) => [e.key, e.size, e.sha256])).toEqual([['slash/hidden/', body.length, sha256(body)]]);
    }
  });

  test('to S3 writes the manifest under an Object Lock COMPLIANCE retain-until date', async () => {
    const r = await runCli(['manifest', 'create', 's3://training-data/set/', '--out', 's3://manifests/baseline.jsonl', '--retain-until', '2099-01-31'], tmp);
    expect(r.code).toBe(0);
    const head = await s3.send(new S3.HeadObjectCommand({ Bucket: 'manifests', Key: 'baseline.jsonl' }));
    expect({ mode: head.ObjectLockMode, until: head.ObjectLockRetainUntilDate?.toISOString() }).toEqual({ mode: 'COMPLIANCE', until: '2099-01-31T00:00:00.000Z' });
    const body = await (await s3.send(new S3.GetObjectCommand({ Bucket: 'manifests', Key: 'baseline.jsonl' }))).Body!.transformToString();
    const record = readLines(path.join(tmp, 'forensic-readiness-custody.jsonl'))[0];
    expect(record.result).toMatchObject({ manifest: 's3://manifests/baseline.jsonl', manifestSha256: sha256(body), retainUntil: '2099-01-31T00:00:00.000Z' });
  });

  // Azurite reports no container immutable (it has no immutability policies): the refusal and
  // --allow-mutable-store are what can be run here, not a write into a locked container.
  test('to an Azure container: refused when the container reports no immutability policy; with --allow-mutable-store, a warning and never over an existing blob', async () => {
    const out = `${azurite.url}/training/manifests/m.jsonl`;
    expectOneLineError(await runCli(['manifest', 'create', `${azurite.url}/training/set`, '--out', out], tmp), /--out .*\/training\/manifests\/m\.jsonl: container training reports no immutability policy and no legal hold, so the manifest written there could be deleted/);
    expect(await container.getBlobClient('manifests/m.jsonl').exists()).toBe(false);
    const r = await runCli(['manifest', 'create', `${azurite.url}/training/set`, '--out', out, '--allow-mutable-store'], tmp);
    expect(r).toMatchObject({ code: 0, stderr: expect.stringMatching(/^forensic-readiness: warning: --allow-mutable-store: container training reports no immutability policy and no legal hold; the manifest written to .* can be deleted or replaced\n$/) });
    const text = (await container.getBlobClient('manifests/m.jsonl').downloadToBuffer()).toString();
    expect(JSON.parse(text.split('\n')[0])).toMatchObject({ objects: 2 });
    expect(readLines(path.join(tmp, 'forensic-readiness-custody.jsonl'))[0].result).toMatchObject({ manifest: out, manifestSha256: sha256(text), lock: 'none (--allow-mutable-store)' });
    // The second write: the warning, then the one-line refusal (If-None-Match: *).
    const again = await runCli(['manifest', 'create', `${azurite.url}/training/set`, '--out', out, '--allow-mutable-store'], tmp);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^forensic-readiness: warning: --allow-mutable-store: /), expect.stringMatching(/^forensic-readiness: cannot write .*manifests\/m\.jsonl: .*(BlobAlreadyExists|ConditionNotMet|HTTP 409)/)]);
    expectOneLineError(await runCli(['manifest', 'create', `${azurite.url}/training/set`, '--out', `${azurite.url}/no-such-container/m.jsonl`, '--allow-mutable-store'], tmp), /--out .*: container no-such-container does not exist in account devstoreaccount1/);
  });

  // No GCS emulator is available: the stub proves the upload request (never over a live object:
  // ifGenerationMatch=0, which the stub enforces with 412 as the JSON API documents) and its body,
  // and the bucket's retention policy read before writing; not what GCS keeps.
  test('to gs:// checks the bucket\'s retention policy, uploads with ifGenerationMatch=0, and is refused over an existing object (unit test against a local HTTP stub, not an emulator)', async () => {
    const stub = await startGcsStub('gcs-manifests', [], { retentionPolicy: { retentionPeriod: '86400', isLocked: true } });
    const back = setEnv({ STORAGE_EMULATOR_HOST: stub.host, GOOGLE_OAUTH_ACCESS_TOKEN: 'test-token' });
    try {
      localSet('data', { 'a.txt': 'a' });
      expect((await runCli(['manifest', 'create', 'data', '--out', 'gs://gcs-manifests/set/baseline.jsonl'], tmp)).code).toBe(0);
      expect(stub.requests[0]).toMatchObject({ method: 'GET', url: '/storage/v1/b/gcs-manifests?fields=retentionPolicy', auth: 'Bearer test-token' });
      const upload = stub.requests.find((q) => q.method === 'POST')!;
      expect(upload.url).toBe('/upload/storage/v1/b/gcs-manifests/o?uploadType=media&name=set%2Fbaseline.jsonl&ifGenerationMatch=0');
      const record = readLines(path.join(tmp, 'forensic-readiness-custody.jsonl'))[0];
      expect(sha256(upload.body)).toBe(record.result.manifestSha256);
      expect(record.result.lock).toBe('GCS retention policy 86400 s, locked');
      expect(JSON.parse(upload.body.split('\n')[1])).toMatchObject({ key: 'a.txt', sha256: sha256('a') });
      // The manifest reads back from gs:// and diffs equal with a local one of the same folder.
      expect((await runCli(['manifest', 'create', 'data', '--out', 'local.jsonl'], tmp)).code).toBe(0);
      expect((await runCli(['manifest', 'diff', 'gs://gcs-manifests/set/baseline.jsonl', 'local.jsonl'], tmp)).stdout).toMatch(/^EQUAL: 0 added, 0 removed, 0 changed, 1 unchanged/);
      expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'gs://gcs-manifests/set/baseline.jsonl'], tmp), /cannot write gs:\/\/gcs-manifests\/set\/baseline\.jsonl: HTTP 412: At least one of the pre-conditions you specified did not hold/);
      expect(stub.objects.filter((o) => o.name === 'set/baseline.jsonl')).toHaveLength(1);
    } finally {
      back();
      await stub.stop();
    }
  });

  test('to gs:// is refused for a bucket without a retention policy (unit test against a local HTTP stub)', async () => {
    const stub = await startGcsStub('gcs-open', []);
    const back = setEnv({ STORAGE_EMULATOR_HOST: stub.host, GOOGLE_OAUTH_ACCESS_TOKEN: 'test-token' });
    try {
      localSet('data', { 'a.txt': 'a' });
      expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'gs://gcs-open/m.jsonl'], tmp), /--out gs:\/\/gcs-open\/m\.jsonl: bucket gcs-open has no retention policy, so the manifest written there could be deleted/);
      expect(stub.requests.filter((q) => q.method === 'POST')).toEqual([]);
    } finally {
      back();
      await stub.stop();
    }
  });

  test('a local file written while it is hashed is refused (createManifest throws before anything is written): the error names it and what changed', async () => {
    localSet('data', { 'a.txt': 'a', 'big.bin': 'x'.repeat(300_000) });
    const big = path.join(tmp, 'data', 'big.bin');
    const edits: Array<[(file: string) => void, RegExp]> = [
      [
        (file) => {
          const fd = fs.openSync(file, 'r+'); // the same size, its first byte changed
          fs.writeSync(fd, 'Y', 0);
          fs.closeSync(fd);
        },
        /^data big\.bin: it changed while it was hashed \(modified 2020-01-01T00:00:00\.000Z -> [^,]+, its change time moved\), so its SHA-256 may be of bytes it never held as a whole; no manifest is written/,
      ],
      [(file) => fs.appendFileSync(file, 'more'), /^data big\.bin: it changed while it was hashed \(size 300000 -> 300004, modified /],
      [(file) => (fs.rmSync(file), fs.writeFileSync(file, 'x'.repeat(300_000))), /^data big\.bin: it changed while it was hashed \(replaced by another file, /],
    ];
    for (const [edit, message] of edits) {
      // Its times in the past, so the write moves them whatever the clock's granularity.
      fs.utimesSync(big, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
      const local = openStore(parseLocation('data', 'SOURCE', tmp));
      // Once the store has the file open and stat'd, before its bytes are read: someone writes to it.
      const store: ObjectStore = { ...local, list: (v) => local.list(v), get: async (ref) => {
        const got = await local.get(ref);
        if (ref.key === 'big.bin') edit(big);
        return got;
      } };
      const writer = new ManifestWriter('data', false, toolInfo());
      await expect(createManifest(store, false, writer)).rejects.toThrow(message);
      writer.discard();
    }
    // Left alone, the same folder is manifested, through the command.
    expect((await runCli(['manifest', 'create', 'data', '--out', 'ok.jsonl'], tmp)).code).toBe(0);
  });

  test('refuses an --out file that exists, an S3 --out without a lock, and a missing --out', async () => {
    localSet('data', { 'a.txt': 'a' });
    fs.writeFileSync(path.join(tmp, 'taken.jsonl'), 'mine');
    expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'taken.jsonl'], tmp), /--out taken\.jsonl: already exists/);
    expect(fs.readFileSync(path.join(tmp, 'taken.jsonl'), 'utf8')).toBe('mine');
    expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 's3://manifests/x.jsonl'], tmp), /needs --retain-days N or --retain-until DATE/);
    expectOneLineError(await runCli(['manifest', 'create', 'data'], tmp), /manifest create needs --out DEST/);
    expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 's3://manifests/x.jsonl', '--retain-days', '0'], tmp), /--retain-days must be 1 to 36500 days, got "0"/);
    expectOneLineError(await runCli(['manifest', 'create', 'gopher://x/y', '--out', 'o.jsonl'], tmp), /unknown scheme gopher:\/\//);
    expectOneLineError(await runCli(['manifest', 'create', 'no-such-folder', '--out', 'o.jsonl'], tmp), /no-such-folder: no such folder/);
    expect(fs.existsSync(path.join(tmp, 'o.jsonl'))).toBe(false);
  });
});

describe('manifest diff', () => {
  beforeEach(async () => {
    localSet('baseline', { 'keep.txt': 'same', 'poisoned.txt': 'clean', 'gone.txt': 'bye' });
    localSet('current', { 'keep.txt': 'same', 'poisoned.txt': 'dirty', 'new.txt': 'hi' });
    expect((await runCli(['manifest', 'create', 'baseline', '--out', 'base.jsonl'], tmp)).code).toBe(0);
    expect((await runCli(['manifest', 'create', 'current', '--out', 'cur.jsonl'], tmp)).code).toBe(0);
  });

  test('names added, removed and changed objects and exits 1', async () => {
    const r = await runCli(['manifest', 'diff', 'base.jsonl', 'cur.jsonl'], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `added    new.txt: 2 bytes, sha256 ${sha256('hi')}`,
      `removed  gone.txt: was 3 bytes, sha256 ${sha256('bye')}`,
      `changed  poisoned.txt: 5 -> 5 bytes, sha256 ${sha256('clean')} -> ${sha256('dirty')}`,
      'DIFFERENT: 1 added, 1 removed, 1 changed, 1 unchanged (base.jsonl -> cur.jsonl)',
    ]);
  });

  test('--format json gives the same differences with both manifests\' hashes', async () => {
    const r = await runCli(['manifest', 'diff', 'base.jsonl', 'cur.jsonl', '--format', 'json'], tmp);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      equal: false,
      baseline: { manifest: 'base.jsonl', sha256: sha256(fs.readFileSync(path.join(tmp, 'base.jsonl'), 'utf8')), objects: 3 },
      current: { manifest: 'cur.jsonl', objects: 3 },
      unchanged: 1,
    });
    expect([out.added.map((e: { key: string }) => e.key), out.removed.map((e: { key: string }) => e.key), out.changed]).toEqual([
      ['new.txt'],
      ['gone.txt'],
      [{ key: 'poisoned.txt', versionId: null, generation: null, baseline: { size: 5, sha256: sha256('clean') }, current: { size: 5, sha256: sha256('dirty') } }],
    ]);
  });

  test('exits 0 for equal manifests, and records the diff with both inputs\' hashes', async () => {
    const r = await runCli(['manifest', 'diff', 'base.jsonl', 'base.jsonl', '--case', 'IR-2'], tmp);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^EQUAL: 0 added, 0 removed, 0 changed, 3 unchanged/) });
    const records = readLines(path.join(tmp, 'forensic-readiness-custody.jsonl'));
    const last = records[records.length - 1];
    const h = sha256(fs.readFileSync(path.join(tmp, 'base.jsonl'), 'utf8'));
    expect(last).toMatchObject({ action: 'manifest diff', caseId: 'IR-2', inputs: [{ name: 'baseline', sha256: h }, { name: 'current', sha256: h }], result: { equal: true } });
  });

  test('object keys are shown with their control characters escaped: a key cannot rewrite the lines before it', async () => {
    const evil = 'model.bin\r\u001b[2K\u001b[1A\u001b[2K\nEQUAL: 0 added\u202e';
    localSet('p', { [evil]: 'original', ok: '1' });
    localSet('q', { [evil]: 'poisoned', ok: '1' });
    expect((await runCli(['manifest', 'create', 'p', '--out', 'p.jsonl'], tmp)).code).toBe(0);
    expect((await runCli(['manifest', 'create', 'q', '--out', 'q.jsonl'], tmp)).code).toBe(0);
    const r = await runCli(['manifest', 'diff', 'p.jsonl', 'q.jsonl'], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `changed  model.bin\\r\\u001b[2K\\u001b[1A\\u001b[2K\\nEQUAL: 0 added\\u202e: 8 -> 8 bytes, sha256 ${sha256('original')} -> ${sha256('poisoned')}`,
      'DIFFERENT: 0 added, 0 removed, 1 changed, 1 unchanged (p.jsonl -> q.jsonl)',
    ]);
    // JSON keeps the key exactly.
    expect(JSON.parse((await runCli(['manifest', 'diff', 'p.jsonl', 'q.jsonl', '--format', 'json'], tmp)).stdout).changed[0].key).toBe(evil);
  });

  test('compares a local baseline with one in S3', async () => {
    expect((await runCli(['manifest', 'create', 's3://training-data/set/', '--out', 's3://manifests/diff-base.jsonl', '--retain-days', '1'], tmp)).code).toBe(0);
    localSet('copy', { 'set/a.csv': 'a,b\n1,2\n', 'set/b.csv': 'b\n' });
    expect((await runCli(['manifest', 'create', 'copy', '--out', 'copy.jsonl'], tmp)).code).toBe(0);
    expect((await runCli(['manifest', 'diff', 's3://manifests/diff-base.jsonl', 'copy.jsonl'], tmp)).code).toBe(0);
  });

  test('bad input: not a manifest, a truncated manifest, a missing file, a wrong --format', async () => {
    fs.writeFileSync(path.join(tmp, 'not.jsonl'), '{"hello": 1}\n');
    expectOneLineError(await runCli(['manifest', 'diff', 'not.jsonl', 'base.jsonl'], tmp), /not\.jsonl: not a manifest/);
    const lines = fs.readFileSync(path.join(tmp, 'base.jsonl'), 'utf8').trim().split('\n');
    fs.writeFileSync(path.join(tmp, 'short.jsonl'), `${lines.slice(0, -1).join('\n')}\n`);
    expectOneLineError(await runCli(['manifest', 'diff', 'base.jsonl', 'short.jsonl'], tmp), /short\.jsonl: its header counts 3 objects but it lists 2/);
    expectOneLineError(await runCli(['manifest', 'diff', 'base.jsonl', 'missing.jsonl'], tmp), /missing\.jsonl: no such file/);
    expectOneLineError(await runCli(['manifest', 'diff', 'base.jsonl', 'cur.jsonl', '--format', 'xml'], tmp), /--format for manifest diff must be text or json, got "xml"/);
    expectOneLineError(await runCli(['manifest', 'diff', 'base.jsonl'], tmp), /manifest diff needs BASELINE and CURRENT, got 1 argument/);
    expectOneLineError(await runCli(['manifest', 'compare', 'a', 'b'], tmp), /manifest needs create or diff, got "compare"/);
  });
});

describe('manifest diff reads multibyte keys across read boundaries', () => {
  // A manifest file is read in 64 KiB chunks: a key whose 2-byte 'é' straddles a chunk boundary must
  // decode as the same key, so a one-character rename (é -> è) is a difference, never EQUAL.
  function straddling(rename: boolean): string {
    const entry = (key: string) => JSON.stringify({ key, versionId: null, generation: null, isLatest: true, size: 1, sha256: sha256(key), etag: null, lastModified: null, checksums: {} });
    for (let pad = 0; pad < 400; pad++) {
      const header = JSON.stringify({ manifest: 'forensic-readiness-manifest/1', tool: { name: 'forensic-readiness', version: '0.0.0' }, source: `data${'y'.repeat(pad % 2)}`, versions: false, created: '2026-01-01T00:00:00.000Z', objects: 295 });
      const small = Array.from({ length: 294 }, (_, i) => entry(`p-${String(i).padStart(4, '0')}${'x'.repeat(Math.floor(pad / 2))}`));
      const before = Buffer.byteLength(`${header}\n${small.join('\n')}\n{"key":"zzz-`);
      // The 64 KiB boundary must fall between the two bytes of an 'é'.
      if (before > 65536 || (65536 - before) % 2 !== 1) continue;
      const n = Math.ceil((65536 - before) / 2) + 10;
      const key = `zzz-${'é'.repeat(n)}`;
      const last = rename ? `zzz-${'é'.repeat((65536 - before - 1) / 2)}è${'é'.repeat(n - (65536 - before - 1) / 2 - 1)}` : key;
      // The entry's sha256 stays that of the original key: only the key differs.
      const text = `${header}\n${small.join('\n')}\n${entry(key).replace(JSON.stringify(key), JSON.stringify(last))}\n`;
      expect(Buffer.from(text).subarray(65535, 65537)).toEqual(Buffer.from(rename ? 'è' : 'é'));
      return text;
    }
    throw new Error('no layout found');
  }

  test('a renamed key (é -> è) whose character straddles the 64 KiB boundary is added + removed, exit 1', async () => {
    fs.writeFileSync(path.join(tmp, 'base.jsonl'), straddling(false));
    fs.writeFileSync(path.join(tmp, 'cur.jsonl'), straddling(true));
    const r = await runCli(['manifest', 'diff', 'base.jsonl', 'cur.jsonl', '--format', 'json'], tmp);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect([out.added.length, out.removed.length, out.unchanged]).toEqual([1, 1, 294]);
    expect(out.removed[0].key).toMatch(/^zzz-é+$/);
    expect(out.added[0].key).toContain('è');
    // And the same file diffed against itself is EQUAL, with the key intact (no U+FFFD).
    const same = await runCli(['manifest', 'diff', 'base.jsonl', 'base.jsonl', '--format', 'json'], tmp);
    expect(same.code).toBe(0);
  });
});

describe('manifest diff of a versioned manifest', () => {
  const header = (versions: boolean, objects: number) => JSON.stringify({ manifest: 'forensic-readiness-manifest/1', tool: { name: 'forensic-readiness', version: '0.0.0' }, source: 's3://b/', versions, created: '2026-01-01T00:00:00.000Z', objects });
  const entry = (key: string, versionId: string | null, isLatest: boolean, body: string) => JSON.stringify({ key, versionId, generation: null, isLatest, size: body.length, sha256: sha256(body), etag: null, lastModified: null, checksums: {} });

  test('refuses (exit 2, one line naming the key) a manifest with two versions of one key marked latest, never picking one', async () => {
    fs.writeFileSync(path.join(tmp, 'base.jsonl'), `${header(false, 1)}\n${entry('model.bin', null, true, 'clean')}\n`);
    // The poisoned version sorts first: keeping the last would say unchanged.
    fs.writeFileSync(path.join(tmp, 'cur.jsonl'), `${header(true, 2)}\n${entry('model.bin', 'A', true, 'poisoned')}\n${entry('model.bin', 'B', true, 'clean')}\n`);
    expectOneLineError(await runCli(['manifest', 'diff', 'base.jsonl', 'cur.jsonl'], tmp), /cur\.jsonl: "model\.bin" has more than one version marked latest/);
    expectOneLineError(await runCli(['manifest', 'diff', 'cur.jsonl', 'base.jsonl', '--format', 'json'], tmp), /cur\.jsonl: "model\.bin" has more than one version marked latest/);
    expectOneLineError(await runCli(['manifest', 'diff', 'cur.jsonl', 'cur.jsonl'], tmp), /cur\.jsonl: "model\.bin" has more than one version marked latest/);
  });

  test('a key whose every version is non-current (its latest is a delete marker) is removed, not unchanged nor added', async () => {
    fs.writeFileSync(path.join(tmp, 'base.jsonl'), `${header(false, 1)}\n${entry('model.bin', null, true, 'clean')}\n`);
    fs.writeFileSync(path.join(tmp, 'cur.jsonl'), `${header(true, 1)}\n${entry('model.bin', 'A', false, 'clean')}\n`);
    const r = await runCli(['manifest', 'diff', 'base.jsonl', 'cur.jsonl', '--format', 'json'], tmp);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: [], removed: [{ key: 'model.bin' }], changed: [], unchanged: 0 });
    const back = await runCli(['manifest', 'diff', 'cur.jsonl', 'base.jsonl', '--format', 'json'], tmp);
    expect(JSON.parse(back.stdout)).toMatchObject({ added: [{ key: 'model.bin' }], removed: [] });
  });
});
