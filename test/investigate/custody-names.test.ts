/**
 * Names the custody commands must not misread: a user's `X.metadata.json` beside `X` (an object,
 * not pull's sidecar), a key ending in "/" that holds bytes (an object, not a folder marker), a
 * store's `K.metadata.json` beside `K` (the name of K's sidecar in a copy), a file name that is
 * not UTF-8, and a custody log whose last line lost its newline. gs:// is the local stub of the
 * JSON API (test/peers/gcs-stub.ts), not an emulator: these prove what the commands make of the
 * listing, not GCS's behaviour.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GcsStub, StubObject, startGcsStub } from '../peers/gcs-stub';
import { setEnv } from '../peers/peers';
import { expectOneLineError, runCli } from '../peers/run-cli';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const readLines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'custody-names-'));
});
afterEach(() => {
  expect(process.exitCode ?? 0).toBe(0);
  for (const f of fs.readdirSync(tmp, { recursive: true }) as string[]) if (fs.existsSync(path.join(tmp, f))) fs.chmodSync(path.join(tmp, f), 0o755);
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function withStub<T>(objects: readonly StubObject[], run: (stub: GcsStub) => Promise<T>): Promise<T> {
  const stub = await startGcsStub('training-data', objects);
  const back = setEnv({ STORAGE_EMULATOR_HOST: stub.host, GOOGLE_OAUTH_ACCESS_TOKEN: 'test-token' });
  try {
    return await run(stub);
  } finally {
    back();
    await stub.stop();
  }
}

describe('manifest create of a local folder: X.metadata.json is pull\'s sidecar only when it is exactly what pull wrote', () => {
  test('a user\'s label file a.csv.metadata.json beside a.csv is an object: listed, hashed, lending a.csv nothing; a change to it is DIFFERENT (exit 1)', async () => {
    const data = path.join(tmp, 'data');
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(data, 'a.csv'), 'x,y\n1,2\n');
    // Sidecar-shaped in part (a versionId), but not what pull writes.
    fs.writeFileSync(path.join(data, 'a.csv.metadata.json'), '{"label":"cat","versionId":"v-forged"}');
    expect((await runCli(['manifest', 'create', 'data', '--out', 'base.jsonl', '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
    const [header, ...entries] = readLines(path.join(tmp, 'base.jsonl'));
    expect(header.objects).toBe(2);
    expect(entries.map((e) => [e.key, e.size, e.sha256, e.versionId])).toEqual([
      ['a.csv', 8, sha256('x,y\n1,2\n'), null],
      ['a.csv.metadata.json', 38, sha256('{"label":"cat","versionId":"v-forged"}'), null],
    ]);
    fs.writeFileSync(path.join(data, 'a.csv.metadata.json'), '{"label":"dog","versionId":"v-forged"}');
    expect((await runCli(['manifest', 'create', 'data', '--out', 'cur.jsonl', '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
    const r = await runCli(['manifest', 'diff', 'base.jsonl', 'cur.jsonl', '--custody-log', 'c.jsonl'], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n').pop()).toBe('DIFFERENT: 0 added, 0 removed, 1 changed, 1 unchanged (base.jsonl -> cur.jsonl)');
    expect(r.stdout).toContain('changed  a.csv.metadata.json: 38 -> 38 bytes');
  });

  test('a copy made by pull: its sidecars are left out and lend their version, so the copy\'s manifest equals the pull\'s (exit 0); a sidecar edited out of pull\'s shape becomes an object', async () => {
    await withStub([{ name: 'set-7/a.csv', generation: '11', body: 'x,y\n', metadata: { owner: 'ana' } }], async () => {
      expect((await runCli(['pull', 'gs://training-data/set-7/', 'copy', '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
    });
    expect((await runCli(['manifest', 'create', 'copy', '--out', 'm.jsonl', '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
    const [, entry, ...rest] = readLines(path.join(tmp, 'm.jsonl'));
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ key: 'set-7/a.csv', generation: '11', etag: 'etag-11', sha256: sha256('x,y\n') });
    // The store's keys carry the prefix; the copy's start below it: compared by the pull's manifest of the same copy.
    const pulled = readLines(path.join(tmp, 'copy.manifest.jsonl'));
    expect(pulled[1]).toMatchObject({ generation: '11', etag: 'etag-11', sha256: entry.sha256, size: entry.size });
    const sidecar = path.join(tmp, 'copy', 'set-7', 'a.csv.metadata.json');
    fs.chmodSync(sidecar, 0o644);
    fs.writeFileSync(sidecar, JSON.stringify(JSON.parse(fs.readFileSync(sidecar, 'utf8')))); // one line: not pull's bytes
    expect((await runCli(['manifest', 'create', 'copy', '--out', 'm2.jsonl', '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
    expect(readLines(path.join(tmp, 'm2.jsonl')).slice(1).map((e) => [e.key, e.generation])).toEqual([
      ['set-7/a.csv', null],
      ['set-7/a.csv.metadata.json', null],
    ]);
  });
});

describe('a key ending in "/" that holds bytes is an object, not a folder marker', () => {
  const objects: StubObject[] = [
    { name: 'set-7/a.csv', generation: '1', body: 'x,y\n1,2\n' },
    { name: 'set-7/empty/', generation: '2', body: '' },
    { name: 'set-7/hidden/', generation: '3', body: 'a non-empty object whose name ends with a slash\n' },
    { name: 'set-7/z.csv', generation: '4', body: 'p,q\n' },
  ];

  test('manifest create of the store lists it with its hash; the empty folder marker is skipped', async () => {
    await withStub(objects, async () => {
      expect((await runCli(['manifest', 'create', 'gs://training-data/set-7/', '--out', 'm.jsonl', '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
    });
    expect(readLines(path.join(tmp, 'm.jsonl')).slice(1).map((e) => [e.key, e.sha256])).toEqual([
      ['set-7/a.csv', sha256('x,y\n1,2\n')],
      ['set-7/hidden/', sha256('a non-empty object whose name ends with a slash\n')],
      ['set-7/z.csv', sha256('p,q\n')],
    ]);
  });

  test('pull stops at it: exit 2, one line naming it; no manifest, no custody record', async () => {
    await withStub(objects, async () => {
      const r = await runCli(['pull', 'gs://training-data/set-7/', 'copy', '--custody-log', 'c.jsonl'], tmp);
      expectOneLineError(r, /^forensic-readiness: /);
      expect(r.stderr).toBe(
        'forensic-readiness: gs://training-data/set-7/ "set-7/hidden/": an object whose key ends in "/" holds bytes (it is no empty folder marker), and no file can have that name; not pulled (manifest create of the store lists it with its hash)\n',
      );
    });
    expect(fs.existsSync(path.join(tmp, 'copy.manifest.jsonl'))).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'c.jsonl'))).toBe(false);
  });
});

describe('a store holding K and K.metadata.json', () => {
  const objects: StubObject[] = [
    { name: 'set-7/a.csv', generation: '1', body: 'x,y\n1,2\n' },
    { name: 'set-7/a.csv.metadata.json', generation: '2', body: '{"label":"cat"}' },
    { name: 'set-7/b.csv', generation: '3', body: 'p,q\n' },
  ];

  test('pull names the collision with the sidecar it wrote for K (exit 2, one line), never blaming the new folder', async () => {
    await withStub(objects, async () => {
      const r = await runCli(['pull', 'gs://training-data/set-7/', 'copy', '--custody-log', 'c.jsonl'], tmp);
      expectOneLineError(r, /^forensic-readiness: /);
      expect(r.stderr).toBe(
        `forensic-readiness: gs://training-data/set-7/ "set-7/a.csv.metadata.json": this object's name is that of the sidecar pull wrote for the object "set-7/a.csv" (${path.join(tmp, 'copy', 'set-7', 'a.csv.metadata.json')}); both cannot be copied; not pulled (pull --versions writes them apart: "set-7/a.csv".versions/V.metadata.json and "set-7/a.csv.metadata.json".versions/V)\n`,
      );
    });
  });

  test('pull --versions copies both; manifest create --versions of the copy lists both objects, each with its generation (in the copy\'s file order)', async () => {
    await withStub(objects, async () => {
      expect((await runCli(['pull', 'gs://training-data/set-7/', 'copy', '--versions', '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
    });
    expect((await runCli(['manifest', 'create', 'copy', '--versions', '--out', 'm.jsonl', '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
    expect(readLines(path.join(tmp, 'm.jsonl')).slice(1).map((e) => [e.key, e.generation, e.sha256])).toEqual([
      ['set-7/a.csv.metadata.json', '2', sha256('{"label":"cat"}')],
      ['set-7/a.csv', '1', sha256('x,y\n1,2\n')],
      ['set-7/b.csv', '3', sha256('p,q\n')],
    ]);
  });
});

test('manifest create of a folder holding a file name that is not UTF-8: exit 2, one line naming its bytes and why', async () => {
  const data = path.join(tmp, 'data');
  fs.mkdirSync(data);
  fs.writeFileSync(Buffer.concat([Buffer.from(`${data}/`), Buffer.from([0xff]), Buffer.from('.csv')]), 'one');
  const r = await runCli(['manifest', 'create', 'data', '--out', 'm.jsonl', '--custody-log', 'c.jsonl'], tmp);
  expectOneLineError(r, /^forensic-readiness: /);
  expect(r.stderr).toBe(`forensic-readiness: ${data}/\\xff.csv: a file name that is not UTF-8 (shown with its bytes as \\xNN); a manifest records names as UTF-8 text and cannot record this one faithfully; rename it to UTF-8 and run again\n`);
  expect(fs.existsSync(path.join(tmp, 'm.jsonl'))).toBe(false);
  expect(fs.existsSync(path.join(tmp, 'c.jsonl'))).toBe(false);
});

test('custody verify of a log whose last line lost its newline: BROKEN (exit 1), as the next append refuses it (exit 2)', async () => {
  fs.mkdirSync(path.join(tmp, 'data'));
  fs.writeFileSync(path.join(tmp, 'data', 'a.csv'), 'a\n');
  for (const out of ['m1.jsonl', 'm2.jsonl']) expect((await runCli(['manifest', 'create', 'data', '--out', out, '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
  const log = path.join(tmp, 'c.jsonl');
  fs.truncateSync(log, fs.statSync(log).size - 1);
  expect(await runCli(['custody', 'verify', 'c.jsonl'], tmp)).toEqual({
    code: 1,
    stdout: 'c.jsonl line 2: unfinished (no newline at its end: every record is written with one; cut short or edited); the log is not appended to\nBROKEN: 2 records, 1 problem\n',
    stderr: '',
  });
  const r = await runCli(['manifest', 'create', 'data', '--out', 'm3.jsonl', '--custody-log', 'c.jsonl'], tmp);
  expectOneLineError(r, /^forensic-readiness: /);
  expect(r.stderr).toBe(`forensic-readiness: custody log ${log}: its last line is unfinished; not appending (check it with custody verify)\n`);
});
