/**
 * Names the custody commands must not misread: a user's `X.metadata.json` beside `X` (an object,
 * not pull's sidecar), a key ending in "/" that holds bytes (an object, not a folder marker), a
 * store's `K.metadata.json` beside `K` (the name of K's sidecar in a copy), a file name that is
 * not UTF-8, and a custody log whose last line lost its newline. gs:// is the local stub of the
 * JSON API (test/peers/gcs-stub.ts), not an emulator: these prove what the commands make of the
 * listing, not GCS's behaviour.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectOneLineError, runCli } from '../peers/run-cli';


let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'custody-names-'));
});
afterEach(() => {
  expect(process.exitCode ?? 0).toBe(0);
  for (const f of fs.readdirSync(tmp, { recursive: true }) as string[]) if (fs.existsSync(path.join(tmp, f))) fs.chmodSync(path.join(tmp, f), 0o755);
  fs.rmSync(tmp, { recursive: true, force: true });
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
