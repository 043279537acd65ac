/**
 * `pull` against real peers: moto_server for S3 (versions, metadata) and Azurite for blobs,
 * both started here.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as S3 from '@aws-sdk/client-s3';
import { BlobServiceClient } from '@azure/storage-blob';
import { startGcsStub } from '../peers/gcs-stub';
import { PEER_START_MS, Peer, awsEnv, azuriteConnectionString, freePort, setEnv, startAzurite, startMoto, startPeers } from '../peers/peers';
import { expectOneLineError, runCli } from '../peers/run-cli';
import { lockBucket, put, testS3 } from '../peers/s3';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const SIDECAR_KEYS = ['metadata', 'versionId', 'isLatest', 'etag', 'checksums', 'size', 'lastModified'];

let moto: Peer;
let azurite: Peer;
let restore: () => void;
let s3: S3.S3Client;
let tmp: string;
/** Version ids of digest.json.gz, oldest first. */
const versions: string[] = [];

beforeAll(async () => {
  [moto, azurite] = await startPeers(startMoto, startAzurite);
  restore = setEnv({ ...awsEnv(moto), AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(azurite) });
  s3 = testS3();
  await lockBucket(s3, 'trail-evidence');
  versions.push(await put(s3, 'trail-evidence', 'AWSLogs/digest.json.gz', 'first', { signature: 'aa11', 'signature-algorithm': 'SHA256withRSA' }));
  versions.push(await put(s3, 'trail-evidence', 'AWSLogs/digest.json.gz', 'second version', { signature: 'bb22', 'signature-algorithm': 'SHA256withRSA' }));
  await put(s3, 'trail-evidence', 'AWSLogs/log.json.gz', 'log');
  await put(s3, 'trail-evidence', 'other/outside.txt', 'not under the prefix');
}, PEER_START_MS);

afterAll(async () => {
  restore?.();
  await Promise.all([moto?.stop(), azurite?.stop()]);
});

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pull-test-'));
});
afterEach(() => {
  if (!tmp) return;
  // The copy is read-only by design; make it removable again.
  for (const f of fs.readdirSync(tmp, { recursive: true }) as string[]) fs.chmodSync(path.join(tmp, f), 0o755);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('pull from S3 (moto_server)', () => {
  test('writes the current objects read-only at their keys, each with a sidecar of exactly the documented shape', async () => {
    const r = await runCli(['pull', 's3://trail-evidence/AWSLogs/', 'copy', '--case', 'IR-7'], tmp);
    expect(r).toMatchObject({ code: 0, stderr: expect.not.stringMatching(/forensic-readiness:/) });
    const file = path.join(tmp, 'copy', 'AWSLogs', 'digest.json.gz');
    expect(fs.readFileSync(file, 'utf8')).toBe('second version');
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    expect(fs.statSync(`${file}.metadata.json`).mode & 0o777).toBe(0o444);
    const sidecar = JSON.parse(fs.readFileSync(`${file}.metadata.json`, 'utf8'));
    expect(Object.keys(sidecar)).toEqual(SIDECAR_KEYS);
    expect(sidecar).toEqual({
      metadata: { signature: 'bb22', 'signature-algorithm': 'SHA256withRSA' },
      versionId: versions[1],
      isLatest: true,
      etag: `"${createHash('md5').update('second version').digest('hex')}"`,
      checksums: expect.objectContaining({ sha256: createHash('sha256').update('second version').digest('base64') }),
      size: 14,
      lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    // Only what is under the prefix.
    expect(fs.existsSync(path.join(tmp, 'copy', 'other'))).toBe(false);
    expect((fs.readdirSync(path.join(tmp, 'copy', 'AWSLogs')) as string[]).sort()).toEqual(['digest.json.gz', 'digest.json.gz.metadata.json', 'log.json.gz', 'log.json.gz.metadata.json']);
  });

  test('with --versions writes every version at KEY.versions/VERSION_ID', async () => {
    const r = await runCli(['pull', 's3://trail-evidence/AWSLogs/digest', 'copy', '--versions'], tmp);
    expect(r.code).toBe(0);
    const dir = path.join(tmp, 'copy', 'AWSLogs', 'digest.json.gz.versions');
    expect(fs.readFileSync(path.join(dir, versions[0]), 'utf8')).toBe('first');
    expect(fs.readFileSync(path.join(dir, versions[1]), 'utf8')).toBe('second version');
    expect(JSON.parse(fs.readFileSync(path.join(dir, `${versions[0]}.metadata.json`), 'utf8'))).toMatchObject({ metadata: { signature: 'aa11' }, versionId: versions[0], size: 5 });
    expect(fs.existsSync(path.join(tmp, 'copy', 'AWSLogs', 'digest.json.gz'))).toBe(false);
  });

  test('writes a manifest of the copy (hashes of the bytes) and a custody record naming the case and the AWS identity', async () => {
    const r = await runCli(['pull', 's3://trail-evidence/AWSLogs/', 'copy', '--case', 'IR-7', '--custody-log', 'custody.jsonl'], tmp);
    expect(r.code).toBe(0);
    const lines = fs.readFileSync(path.join(tmp, 'copy.manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ manifest: 'forensic-readiness-manifest/1', source: 's3://trail-evidence/AWSLogs/', versions: false, objects: 2, tool: { name: 'forensic-readiness' } });
    expect(lines.slice(1).map((e) => [e.key, e.sha256, e.size])).toEqual([
      ['AWSLogs/digest.json.gz', sha256('second version'), 14],
      ['AWSLogs/log.json.gz', sha256('log'), 3],
    ]);
    const records = fs.readFileSync(path.join(tmp, 'custody.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: 'pull',
      caseId: 'IR-7',
      who: { local: { user: os.userInfo().username }, cloud: [{ cloud: 'aws', arn: expect.stringMatching(/^arn:aws:sts::\d{12}:/) }] },
      inputs: [{ name: 'source', value: 's3://trail-evidence/AWSLogs/' }, { name: 'versions', value: 'false' }],
      result: { objects: 2, manifestSha256: sha256(fs.readFileSync(path.join(tmp, 'copy.manifest.jsonl'), 'utf8')) },
      previousSha256: null,
    });
  });

  test('the manifest of the copy equals a manifest created from the bucket', async () => {
    expect((await runCli(['pull', 's3://trail-evidence/AWSLogs/', 'copy'], tmp)).code).toBe(0);
    expect((await runCli(['manifest', 'create', 's3://trail-evidence/AWSLogs/', '--out', 'bucket.jsonl'], tmp)).code).toBe(0);
    expect((await runCli(['manifest', 'create', 'copy', '--out', 'local.jsonl'], tmp)).code).toBe(0);
    const d = await runCli(['manifest', 'diff', 'copy.manifest.jsonl', 'bucket.jsonl'], tmp);
    expect(d).toMatchObject({ code: 0, stdout: expect.stringContaining('EQUAL: 0 added, 0 removed, 0 changed, 2 unchanged') });
    // The local manifest of the copy reads the sidecars (not listed as objects) and matches too.
    expect((await runCli(['manifest', 'diff', 'bucket.jsonl', 'local.jsonl'], tmp)).code).toBe(0);
  });

  test('a manifest --versions of a copy pulled with --versions reads KEY.versions/V back as version V of KEY', async () => {
    expect((await runCli(['pull', 's3://trail-evidence/AWSLogs/', 'copy', '--versions'], tmp)).code).toBe(0);
    expect((await runCli(['manifest', 'create', 'copy', '--versions', '--out', 'local.jsonl'], tmp)).code).toBe(0);
    const [, ...entries] = fs.readFileSync(path.join(tmp, 'local.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.filter((e) => e.key === 'AWSLogs/digest.json.gz').map((e) => [e.versionId, e.sha256]).sort()).toEqual(
      [
        [versions[0], sha256('first')],
        [versions[1], sha256('second version')],
      ].sort(),
    );
    expect((await runCli(['manifest', 'diff', 'copy.manifest.jsonl', 'local.jsonl'], tmp)).stdout).toMatch(/^EQUAL: 0 added, 0 removed, 0 changed, 3 unchanged/);
  });

  test('a poisoned version in a copy pulled --versions is changed against an unversioned baseline, whatever its version id; a key whose latest is a delete marker is not added', async () => {
    await lockBucket(s3, 'poison-versions');
    // The review's case: the clean version's id must sort after the poisoned one's (the copy's
    // files are listed in version-id order). A key whose ids came the other way is deleted
    // (its latest becomes a delete marker) and another key tried.
    let key = '';
    for (let i = 0; i < 40 && !key; i++) {
      const k = `set/model-${i}.bin`;
      const clean = await put(s3, 'poison-versions', k, 'clean weights');
      expect((await runCli(['manifest', 'create', 's3://poison-versions/set/', '--out', `base-${i}.jsonl`], tmp)).code).toBe(0);
      const poisoned = await put(s3, 'poison-versions', k, 'poisoned weights');
      if (poisoned < clean) {
        key = k;
        fs.renameSync(path.join(tmp, `base-${i}.jsonl`), path.join(tmp, 'base.jsonl'));
      } else await s3.send(new S3.DeleteObjectCommand({ Bucket: 'poison-versions', Key: k }));
    }
    expect(key).not.toBe('');
    expect((await runCli(['pull', 's3://poison-versions/set/', 'copy', '--versions'], tmp)).code).toBe(0);
    expect((await runCli(['manifest', 'create', 'copy', '--versions', '--out', 'cur.jsonl'], tmp)).code).toBe(0);
    const [, ...entries] = fs.readFileSync(path.join(tmp, 'cur.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // One latest version per key at most: the poisoned one of the key; none of a deleted key.
    expect(entries.filter((e) => e.isLatest).map((e) => [e.key, e.sha256])).toEqual([[key, sha256('poisoned weights')]]);
    const r = await runCli(['manifest', 'diff', 'base.jsonl', 'cur.jsonl', '--format', 'json'], tmp);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ equal: false, added: [], removed: [], unchanged: 0 });
    expect(out.changed).toEqual([expect.objectContaining({ key, baseline: { size: 13, sha256: sha256('clean weights') }, current: { size: 16, sha256: sha256('poisoned weights') } })]);
    // The pull's own manifest (of the store) says the same.
    expect((await runCli(['manifest', 'diff', 'base.jsonl', 'copy.manifest.jsonl'], tmp)).code).toBe(1);
  });

  test('refuses to overwrite a file already in DIR, and leaves it as it was', async () => {
    const existing = path.join(tmp, 'copy', 'AWSLogs', 'digest.json.gz');
    fs.mkdirSync(path.dirname(existing), { recursive: true });
    fs.writeFileSync(existing, 'the investigator\'s own file');
    const r = await runCli(['pull', 's3://trail-evidence/AWSLogs/', 'copy'], tmp);
    expectOneLineError(r, /digest\.json\.gz: already exists; pull never overwrites a file/);
    expect(fs.readFileSync(existing, 'utf8')).toBe('the investigator\'s own file');
    expect(fs.existsSync(`${existing}.metadata.json`)).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'forensic-readiness-custody.jsonl'))).toBe(false);
  });

  test('refuses an object key that would be written outside DIR', async () => {
    await s3.send(new S3.PutObjectCommand({ Bucket: 'trail-evidence', Key: 'escape/../../outside.txt', Body: 'x' }));
    const r = await runCli(['pull', 's3://trail-evidence/escape/', 'copy'], tmp);
    expectOneLineError(r, /object key "escape\/\.\.\/\.\.\/outside\.txt" cannot be written under DIR safely/);
    expect(fs.existsSync(path.join(tmp, 'outside.txt'))).toBe(false);
  });
});

describe('pull from Azure Blob (Azurite)', () => {
  test('--versions refuses a store that lists blobs with no version id (Azurite implements no blob versions)', async () => {
    const container = BlobServiceClient.fromConnectionString(azuriteConnectionString(azurite)).getContainerClient('unversioned');
    await container.create();
    await container.getBlockBlobClient('a.txt').upload('a', 1);
    expectOneLineError(await runCli(['pull', `${azurite.url}/unversioned`, 'copy', '--versions'], tmp), /--versions: .*\/unversioned listed "a\.txt" with no version id/);
    expect(fs.existsSync(path.join(tmp, 'copy', 'a.txt'))).toBe(false);
  });

  test('writes each blob read-only with its metadata, ETag and Content-MD5 in the sidecar', async () => {
    const container = BlobServiceClient.fromConnectionString(azuriteConnectionString(azurite)).getContainerClient('evidence');
    await container.create();
    await container.getBlockBlobClient('logs/a.json').upload('{"a":1}', 7, { metadata: { signature: 'cc33' } });
    const r = await runCli(['pull', `${azurite.url}/evidence/logs`, 'copy', '--case', 'IR-8'], tmp);
    expect(r.code).toBe(0);
    const file = path.join(tmp, 'copy', 'logs', 'a.json');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}');
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    const sidecar = JSON.parse(fs.readFileSync(`${file}.metadata.json`, 'utf8'));
    expect(Object.keys(sidecar)).toEqual(SIDECAR_KEYS);
    expect(sidecar).toMatchObject({ metadata: { signature: 'cc33' }, etag: expect.any(String), checksums: { contentMD5: createHash('md5').update('{"a":1}').digest('base64') }, size: 7 });
    const record = JSON.parse(fs.readFileSync(path.join(tmp, 'forensic-readiness-custody.jsonl'), 'utf8'));
    expect(record.who.cloud).toEqual([{ cloud: 'azure', account: 'devstoreaccount1', credential: 'shared key (AZURE_STORAGE_CONNECTION_STRING)' }]);
  });
});

// No GCS emulator is available: a local HTTP stub answers the JSON API calls. This proves the
// requests pull sends and the sidecar it writes (generation, not versionId), not GCS's behaviour.
describe('pull from gs:// (unit test against a local HTTP stub of the JSON API, not an emulator)', () => {
  test('lists every generation, reads each by its generation, and writes generation in the sidecar', async () => {
    const stub = await startGcsStub('gcs-evidence', [
      { name: 'logs/a.json', generation: '1700000000000001', body: 'old', metadata: { signature: 'dd44' } },
      { name: 'logs/a.json', generation: '1700000000000002', body: 'new' },
    ]);
    const back = setEnv({ STORAGE_EMULATOR_HOST: stub.host, GOOGLE_OAUTH_ACCESS_TOKEN: 'test-token' });
    try {
      const r = await runCli(['pull', 'gs://gcs-evidence/logs/', 'copy', '--versions'], tmp);
      expect(r.code).toBe(0);
      const dir = path.join(tmp, 'copy', 'logs', 'a.json.versions');
      expect(fs.readFileSync(path.join(dir, '1700000000000001'), 'utf8')).toBe('old');
      const sidecar = JSON.parse(fs.readFileSync(path.join(dir, '1700000000000001.metadata.json'), 'utf8'));
      // isLatest is what the listing said (the stub sets no timeDeleted, so every generation is live).
      expect(Object.keys(sidecar)).toEqual(['metadata', 'generation', 'isLatest', 'etag', 'checksums', 'size', 'lastModified']);
      expect(sidecar).toEqual({ metadata: { signature: 'dd44' }, generation: '1700000000000001', isLatest: true, etag: 'etag-1700000000000001', checksums: { md5Hash: 'bWQ1', crc32c: 'Y3Jj' }, size: 3, lastModified: '2026-12-01T00:00:00.000Z' });
      expect(stub.requests.every((q) => q.auth === 'Bearer test-token')).toBe(true);
      // An emulator's token is not sent to Google's tokeninfo: the principal is unknown, and why.
      const record = JSON.parse(fs.readFileSync(path.join(tmp, 'forensic-readiness-custody.jsonl'), 'utf8'));
      expect(record.who.cloud).toEqual([{ cloud: 'gcp', credential: 'OAuth access token (GOOGLE_OAUTH_ACCESS_TOKEN)', principal: 'unknown', why: 'STORAGE_EMULATOR_HOST is set: the token is for an emulator, so tokeninfo was not asked' }]);
      expect(stub.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
        'GET /storage/v1/b/gcs-evidence/o?prefix=logs%2F&versions=true',
        'GET /storage/v1/b/gcs-evidence/o/logs%2Fa.json?generation=1700000000000001',
        'GET /storage/v1/b/gcs-evidence/o/logs%2Fa.json?alt=media&generation=1700000000000001',
        'GET /storage/v1/b/gcs-evidence/o/logs%2Fa.json?generation=1700000000000002',
        'GET /storage/v1/b/gcs-evidence/o/logs%2Fa.json?alt=media&generation=1700000000000002',
      ]);
    } finally {
      back();
      await stub.stop();
    }
  });
});

describe('pull: bad input is one line, exit 2', () => {
  test('an unknown URL scheme', async () => {
    expectOneLineError(await runCli(['pull', 'ftp://host/x', 'copy'], tmp), /SOURCE "ftp:\/\/host\/x": unknown scheme ftp:\/\//);
  });

  test('a local folder as SOURCE', async () => {
    expectOneLineError(await runCli(['pull', 'some/folder', 'copy'], tmp), /SOURCE "some\/folder" must be s3:\/\/BUCKET\/PREFIX/);
  });

  test('DIR that is a file', async () => {
    fs.writeFileSync(path.join(tmp, 'afile'), '');
    expectOneLineError(await runCli(['pull', 's3://trail-evidence/AWSLogs/', 'afile'], tmp), /DIR afile: exists and is not a folder/);
  });

  test('an unreachable endpoint', async () => {
    const port = await freePort();
    const back = setEnv({ AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` });
    try {
      expectOneLineError(await runCli(['pull', 's3://trail-evidence/AWSLogs/', 'copy'], tmp), /cannot list s3:\/\/trail-evidence\/AWSLogs\/: .*ECONNREFUSED/);
      expect(fs.existsSync(path.join(tmp, 'copy'))).toBe(false);
    } finally {
      back();
    }
  });

  test('a bucket that does not exist', async () => {
    expectOneLineError(await runCli(['pull', 's3://no-such-evidence/x', 'copy'], tmp), /cannot list s3:\/\/no-such-evidence\/x: NoSuchBucket/);
  });

  test('a gs:// source without an access token', async () => {
    const back = setEnv({ GOOGLE_OAUTH_ACCESS_TOKEN: undefined });
    try {
      expectOneLineError(await runCli(['pull', 'gs://some-bucket/x', 'copy'], tmp), /gs:\/\/ needs an OAuth access token in GOOGLE_OAUTH_ACCESS_TOKEN/);
    } finally {
      back();
    }
  });
});
