/**
 * `hold on|off`: S3 Object Lock legal holds against moto_server (status read back per version),
 * the Batch Operations files past the threshold, and the refusals. The Azure container legal hold
 * is a management-API call that no emulator implements (Azurite has no management plane): its
 * request is checked against a local HTTP stub, as a unit test of the request's shape only.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as S3 from '@aws-sdk/client-s3';
import { DEFAULT_BATCH_THRESHOLD, HOLD } from '../../bin/commands/hold';
import { azureHoldRequest, batchKey, sendAzureHold } from '../../investigate/custody/hold';
import { startGcsStub } from '../peers/gcs-stub';
import { PEER_START_MS, Peer, awsEnv, setEnv, startMoto } from '../peers/peers';
import { expectOneLineError, runCli } from '../peers/run-cli';
import { lockBucket, put, testS3 } from '../peers/s3';

let moto: Peer;
let restore: () => void;
let s3: S3.S3Client;
let tmp: string;
const held: { key: string; versionId: string }[] = [];

async function legalHold(key: string, versionId: string): Promise<string | undefined> {
  try {
    const r = await s3.send(new S3.GetObjectLegalHoldCommand({ Bucket: 'case-evidence', Key: key, VersionId: versionId }));
    return r.LegalHold?.Status;
  } catch (err) {
    // No hold was ever set on this version.
    if ((err as { name?: string }).name === 'NoSuchObjectLockConfiguration') return undefined;
    throw err;
  }
}

beforeAll(async () => {
  moto = await startMoto();
  restore = setEnv(awsEnv(moto));
  s3 = testS3();
  await lockBucket(s3, 'case-evidence');
  for (const [key, body] of [
    ['models/weights.bin', 'v1'],
    ['models/weights.bin', 'v2'],
    ['models/card with space,comma.md', 'card'],
  ]) {
    held.push({ key, versionId: await put(s3, 'case-evidence', key, body) });
  }
  await put(s3, 'case-evidence', 'elsewhere/not-held.txt', 'x');
  await s3.send(new S3.CreateBucketCommand({ Bucket: 'no-lock' }));
  await put(s3, 'no-lock', 'a.txt', 'a');
}, PEER_START_MS);

afterAll(async () => {
  restore?.();
  await moto?.stop();
});

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hold-test-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('hold on S3 (moto_server)', () => {
  test('hold on sets the legal hold on every version under the prefix, and hold off clears it, each recorded with the case', async () => {
    const on = await runCli(['hold', 'on', 's3://case-evidence/models/', '--case', 'IR-9', '--custody-log', 'c.jsonl'], tmp);
    expect(on).toMatchObject({ code: 0, stdout: expect.stringContaining('legal hold ON on 3 versions under s3://case-evidence/models/ (case IR-9)') });
    expect(await Promise.all(held.map((h) => legalHold(h.key, h.versionId)))).toEqual(['ON', 'ON', 'ON']);
    const outside = await s3.send(new S3.ListObjectVersionsCommand({ Bucket: 'case-evidence', Prefix: 'elsewhere/' }));
    expect(await legalHold('elsewhere/not-held.txt', outside.Versions![0].VersionId!)).toBeUndefined();

    const off = await runCli(['hold', 'off', 's3://case-evidence/models/', '--case', 'IR-9', '--custody-log', 'c.jsonl'], tmp);
    expect(off.code).toBe(0);
    expect(await Promise.all(held.map((h) => legalHold(h.key, h.versionId)))).toEqual(['OFF', 'OFF', 'OFF']);

    const records = fs.readFileSync(path.join(tmp, 'c.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.action, r.caseId, r.result.mode, r.result.held])).toEqual([
      ['hold on', 'IR-9', 'direct', 3],
      ['hold off', 'IR-9', 'direct', 3],
    ]);
    expect(records[0].inputs).toEqual([{ name: 'target', value: 's3://case-evidence/models/' }]);
  });

  test('past --batch-threshold writes a Batch Operations manifest and job definition and sets no hold', async () => {
    const r = await runCli(['hold', 'on', 's3://case-evidence/models/', '--case', 'IR-10', '--batch-threshold', '2', '--batch-out', 'batch'], tmp);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('3 versions under s3://case-evidence/models/ exceed --batch-threshold 2: no hold set yet') });
    const csv = fs.readFileSync(path.join(tmp, 'batch', 'hold-on-IR-10-case-evidence.manifest.csv'), 'utf8');
    expect(csv.trim().split('\n').sort()).toEqual(held.map((h) => `case-evidence,${batchKey(h.key)},${h.versionId}`).sort());
    expect(csv).toContain('models/card%20with%20space%2Ccomma.md');
    const job = JSON.parse(fs.readFileSync(path.join(tmp, 'batch', 'hold-on-IR-10-case-evidence.job.json'), 'utf8'));
    expect(job).toMatchObject({
      AccountId: expect.stringMatching(/^\d{12}$/),
      ConfirmationRequired: true,
      Operation: { S3PutObjectLegalHold: { LegalHold: { Status: 'ON' } } },
      Manifest: { Spec: { Format: 'S3BatchOperations_CSV_20180820', Fields: ['Bucket', 'Key', 'VersionId'] } },
      Report: { Format: 'Report_CSV_20180820', Enabled: true, ReportScope: 'AllTasks' },
      RoleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//),
    });
    // The threshold run changed no version's hold (whatever the earlier test left is untouched).
    const before = await Promise.all(held.map((h) => legalHold(h.key, h.versionId)));
    expect(before).not.toContain('ON');
    // A second run never overwrites the files of the first.
    expectOneLineError(await runCli(['hold', 'on', 's3://case-evidence/models/', '--case', 'IR-10', '--batch-threshold', '2', '--batch-out', 'batch'], tmp), /hold-on-IR-10-case-evidence\.manifest\.csv: already exists/);
  });
});

describe('hold: refusals are one line, exit 2', () => {
  test('without a case id, nothing is held', async () => {
    expectOneLineError(await runCli(['hold', 'on', 's3://case-evidence/models/'], tmp), /hold on needs --case ID/);
    expect(fs.existsSync(path.join(tmp, 'forensic-readiness-custody.jsonl'))).toBe(false);
  });

  test('a bucket without Object Lock', async () => {
    expectOneLineError(await runCli(['hold', 'on', 's3://no-lock/', '--case', 'IR-11'], tmp), /cannot set the legal hold ON on s3:\/\/no-lock\/a\.txt .*is Object Lock enabled on the bucket\?/);
    // Nothing was held, so nothing is recorded (a hold that fails part way records what it changed).
    expect(fs.existsSync(path.join(tmp, 'forensic-readiness-custody.jsonl'))).toBe(false);
  });

  test('a local folder, a wrong verb, an unknown scheme', async () => {
    expectOneLineError(await runCli(['hold', 'on', 'some/folder', '--case', 'IR-11'], tmp), /TARGET "some\/folder" must be a cloud URL/);
    expectOneLineError(await runCli(['hold', 'maybe', 's3://case-evidence/', '--case', 'IR-11'], tmp), /hold needs on or off, got "maybe"/);
    expectOneLineError(await runCli(['hold', 'on', 'ftp://x/y', '--case', 'IR-11'], tmp), /unknown scheme ftp:\/\//);
    expectOneLineError(await runCli(['hold', 'on', 's3://case-evidence/', '--case', 'IR-11', '--batch-threshold', 'lots'], tmp), /--batch-threshold must be a whole number/);
  });

  test('an Azure container without the management coordinates, or with a case id that cannot be a hold tag', async () => {
    const url = 'https://evidenceacct.blob.core.windows.net/training';
    expectOneLineError(await runCli(['hold', 'on', url, '--case', 'IR12'], tmp), /needs --subscription ID and --resource-group NAME/);
    expectOneLineError(await runCli(['hold', 'on', url, '--case', 'IR-12', '--subscription', 's', '--resource-group', 'rg'], tmp), /an Azure legal hold tag must be 3 to 23 letters and digits/);
    expectOneLineError(await runCli(['hold', 'on', `${url}/some/prefix`, '--case', 'IR12', '--subscription', 's', '--resource-group', 'rg'], tmp), /an Azure legal hold is on a whole container/);
  });
});

// Unit test of the request's shape only: a local HTTP stub stands in for management.azure.com,
// which no emulator provides. It proves what the command sends, not that Azure accepts it.
describe('Azure container legal hold request (unit test against a local HTTP stub, not an emulator)', () => {
  test('POSTs setLegalHold / clearLegalHold with the case id as the tag and a bearer token', async () => {
    const seen: { method?: string; url?: string; auth?: string; body: string }[] = [];
    const stub = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ hasLegalHold: req.url!.includes('/setLegalHold'), tags: JSON.parse(body).tags }));
      });
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', () => r()));
    const endpoint = `http://127.0.0.1:${(stub.address() as { port: number }).port}`;
    try {
      const coords = { endpoint, subscription: '00000000-0000-0000-0000-000000000001', resourceGroup: 'rg-evidence', account: 'evidenceacct', container: 'training' };
      const on = await sendAzureHold(azureHoldRequest({ ...coords, state: 'on', caseId: 'IR2026X' }), 'token-1');
      const off = await sendAzureHold(azureHoldRequest({ ...coords, state: 'off', caseId: 'IR2026X' }), 'token-1');
      expect([on, off]).toEqual([
        { hasLegalHold: true, tags: ['ir2026x'] },
        { hasLegalHold: false, tags: ['ir2026x'] },
      ]);
      const base = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-evidence/providers/Microsoft.Storage/storageAccounts/evidenceacct/blobServices/default/containers/training';
      expect(seen).toEqual([
        { method: 'POST', url: `${base}/setLegalHold?api-version=2024-01-01`, auth: 'Bearer token-1', body: '{"tags":["ir2026x"]}' },
        { method: 'POST', url: `${base}/clearLegalHold?api-version=2024-01-01`, auth: 'Bearer token-1', body: '{"tags":["ir2026x"]}' },
      ]);
    } finally {
      await new Promise((r) => stub.close(r));
    }
  });
});

// No GCS emulator is available: the stub proves the PATCH requests sent, not that GCS holds anything.
describe('GCS temporary holds (unit test against a local HTTP stub of the JSON API, not an emulator)', () => {
  test('PATCHes temporaryHold on every generation under the prefix, and records the case', async () => {
    const stub = await startGcsStub(
      'gcs-evidence',
      [
        { name: 'm/w.bin', generation: '11', body: 'a' },
        { name: 'm/w.bin', generation: '12', body: 'b' },
      ],
      { tokens: { 'test-token': { sub: '42', email: 'ir@example-project.iam.gserviceaccount.com', azp: 'c', aud: 'c', scope: 'https://www.googleapis.com/auth/devstorage.full_control' } } },
    );
    const back = setEnv({ STORAGE_EMULATOR_HOST: stub.host, GOOGLE_OAUTH_ACCESS_TOKEN: 'test-token', FR_GOOGLE_TOKENINFO_URL: stub.tokeninfo });
    try {
      const r = await runCli(['hold', 'on', 'gs://gcs-evidence/m/', '--case', 'IR-13'], tmp);
      expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('temporary hold ON on 2 generations under gs://gcs-evidence/m/ (case IR-13)') });
      expect(stub.requests.filter((q) => q.method === 'PATCH').map((q) => [q.url, q.body])).toEqual([
        ['/storage/v1/b/gcs-evidence/o/m%2Fw.bin?generation=11', '{"temporaryHold":true}'],
        ['/storage/v1/b/gcs-evidence/o/m%2Fw.bin?generation=12', '{"temporaryHold":true}'],
      ]);
      const record = JSON.parse(fs.readFileSync(path.join(tmp, 'forensic-readiness-custody.jsonl'), 'utf8'));
      expect(record).toMatchObject({ action: 'hold on', caseId: 'IR-13', result: { held: 2 } });
      // Who held it: the token's identity as Google's tokeninfo endpoint (here the stub's) gives it.
      expect(record.who.cloud).toEqual([{ cloud: 'gcp', credential: 'OAuth access token (GOOGLE_OAUTH_ACCESS_TOKEN)', principal: { email: 'ir@example-project.iam.gserviceaccount.com', sub: '42', azp: 'c', aud: 'c', scope: 'https://www.googleapis.com/auth/devstorage.full_control' } }]);
    } finally {
      back();
      await stub.stop();
    }
  });
});

test('the default --batch-threshold is 10,000 versions, as the help and docs/custody.md say', () => {
  expect(DEFAULT_BATCH_THRESHOLD).toBe(10_000);
  expect(HOLD.help).toContain('(default: 10000)');
  expect(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'custody.md'), 'utf8')).toContain('`--batch-threshold` versions (default 10,000)');
});
