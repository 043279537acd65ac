/**
 * `forensic-readiness verify cloudtrail`: over the generator's signed trail (test/incidents/
 * cloudtrail-digests.ts), clean and tampered, each variant asserting exactly what verify reports;
 * the clean copy checked once by an independent implementation (Python `cryptography`); the bucket
 * read directly from a local moto_server.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { main, runCli } from '../../bin/cli';
import { investigate } from '../../investigate/engine';
import type { CloudTrailVerification, FileVerdict, PeriodVerdict } from '../../investigate/custody/cloudtrail-verify';
import { SignedTrail, SignedTrailOptions, tamper, writeSignedTrail } from '../incidents/cloudtrail-digests';
import { cloudTrailLogKey, writeCloudTrailLog, writeSageMakerExfiltration } from '../incidents/generator';

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-verify-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Fixture {
  readonly root: string;
  readonly keysFile: string;
  readonly trail: SignedTrail;
}
let n = 0;
function fixture(options: Omit<SignedTrailOptions, 'root' | 'keysFile'> = {}): Fixture {
  n += 1;
  const root = path.join(dir, `copy-${n}`);
  const keysFile = path.join(dir, `keys-${n}.json`);
  return { root, keysFile, trail: writeSignedTrail({ root, keysFile, ...options }) };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function verify(argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const code = main(['verify', 'cloudtrail', ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}
function verifyJson(f: Fixture, extra: string[] = []): { code: number; result: CloudTrailVerification } {
  const r = verify([f.root, '--public-keys', f.keysFile, '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  return { code: r.code, result: JSON.parse(r.stdout) as CloudTrailVerification };
}
const notValid = (r: CloudTrailVerification): FileVerdict[] => r.files.filter((f) => f.verdict !== 'valid');
const badPeriods = (r: CloudTrailVerification): PeriodVerdict[] => r.periods.filter((p) => p.verdict !== 'valid');
const hourly = (f: Fixture, region = f.trail.regions[0]) => f.trail.digests.filter((d) => !d.backfill && d.region === region);
/** A digest's hour with at least one log file, from `from` on. */
const withLogs = (f: Fixture, from: number) => hourly(f).filter((d) => d.hour >= from && d.logFiles.length > 0)[0];

describe('verify cloudtrail: the clean copy', () => {
  let clean: Fixture;
  beforeAll(() => {
    clean = fixture();
  });

  test('proves every digest, log file and hour valid, and exits 0', () => {
    const { code, result } = verifyJson(clean);
    expect(code).toBe(0);
    expect(result.verdict).toBe('valid');
    expect(result.summary).toEqual({
      digests: { valid: 30, invalid: 0, notProvable: 0 },
      backfillDigests: { valid: 0, invalid: 0, notProvable: 0 },
      logFiles: { valid: clean.trail.logFiles.length, invalid: 0, notProvable: 0 },
      periods: { valid: 30, invalid: 0, notProvable: 0 },
    });
    const digests = hourly(clean);
    expect(result.trails).toEqual([
      { id: '111122223333/us-east-1/organization-trail', account: '111122223333', region: 'us-east-1', trail: 'organization-trail', homeRegion: 'us-east-1', start: digests[0].start, end: digests[29].end, verdict: 'valid' },
    ]);
    expect(result.periods.map((p) => [p.start, p.end, p.digest])).toEqual(digests.map((d) => [d.start, d.end, d.key]));
    expect(clean.trail.logFiles.length).toBeGreaterThan(20);
  });

  test('an independent implementation (Python cryptography) agrees, and fails an edited copy', () => {
    const script = path.join(ROOT, 'test', 'investigate', 'verify_cloudtrail_digests.py');
    const ok = spawnSync('python3', [script, clean.root, clean.keysFile], { encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ digests: 30, logFiles: clean.trail.logFiles.length, problems: [] });

    const edited = fixture();
    const log = withLogs(edited, 0).logFiles[0];
    tamper.editLog(edited.root, log);
    const bad = spawnSync('python3', [script, edited.root, edited.keysFile], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).problems).toEqual([`${log}: hash`]);
  });

  test('the text output gives each trail its hours and the verdict line', () => {
    const r = verify([clean.root, '--public-keys', clean.keysFile]);
    const digests = hourly(clean);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      `CloudTrail digest verification of ${clean.root}, keys from ${clean.keysFile}`,
      '',
      `trail organization-trail (home us-east-1), account 111122223333, region us-east-1: ${digests[0].start} to ${digests[29].end}: valid`,
      `  valid        ${digests[0].start} to ${digests[29].end}  (30 hours)`,
      '',
      `valid: digests 30 valid, 0 invalid, 0 not provable; log files ${clean.trail.logFiles.length} valid, 0 invalid, 0 not provable; periods (digest hours and gaps) 30 valid, 0 invalid, 0 not provable`,
      '',
    ]);
  });

  test('--from/--to judge only the hours asked for, and an hour past the last digest is not provable', () => {
    const digests = hourly(clean);
    const { code, result } = verifyJson(clean, ['--from', digests[5].start, '--to', digests[9].end]);
    expect(code).toBe(0);
    expect(result.window).toEqual({ from: digests[5].start, to: digests[9].end });
    expect(result.periods.map((p) => p.digest)).toEqual(digests.slice(5, 10).map((d) => d.key));
    expect(result.files.filter((f) => f.kind === 'digest').map((f) => f.key)).toEqual(digests.slice(5, 10).map((d) => d.key).sort());

    const past = new Date(Date.parse(digests[29].end) + 2 * 3_600_000).toISOString().replace('.000Z', 'Z');
    const late = verifyJson(clean, ['--from', digests[28].start, '--to', past]);
    expect(late.code).toBe(1);
    expect(badPeriods(late.result)).toEqual([{ trail: '111122223333/us-east-1/organization-trail', start: digests[29].end, end: past, verdict: 'not provable', reason: 'no digest in the copy covers it' }]);
  });

  test('a copy under a prefix, of an organization trail, verifies from its root or from a folder inside it', () => {
    const f = fixture({ prefix: 'cloudtrail/', organization: 'o-a1b2c3d4e5', hours: 6 });
    const { code, result } = verifyJson(f);
    expect(code).toBe(0);
    expect(result.trails.map((t) => [t.id, t.organization])).toEqual([['o-a1b2c3d4e5/111122223333/us-east-1/organization-trail', 'o-a1b2c3d4e5']]);
    const inner = verify([path.join(f.root, 'cloudtrail'), '--public-keys', f.keysFile, '--format', 'json']);
    expect(inner.code).toBe(0);
    expect((JSON.parse(inner.stdout) as CloudTrailVerification).summary.logFiles.valid).toBe(f.trail.logFiles.length);
  });
});

describe('verify cloudtrail: each tampered variant, exactly', () => {
  const trailId = '111122223333/us-east-1/organization-trail';

  test('an edited log file is invalid, and so is its hour', () => {
    const f = fixture();
    const d = withLogs(f, 4);
    tamper.editLog(f.root, d.logFiles[0]);
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(result.verdict).toBe('invalid');
    expect(notValid(result)).toEqual([{ key: d.logFiles[0], kind: 'log', verdict: 'invalid', reason: expect.stringMatching(new RegExp(`^SHA-256 of its content [0-9a-f]{64} differs from [0-9a-f]{64} in ${d.key}$`)), digest: d.key }]);
    expect(badPeriods(result)).toEqual([{ trail: trailId, start: d.start, end: d.end, verdict: 'invalid', digest: d.key, reason: expect.stringContaining(`log file ${d.logFiles[0]}: SHA-256`) }]);
  });

  test('a deleted log file is invalid: named by its digest, absent from the copy', () => {
    const f = fixture();
    const d = withLogs(f, 6);
    tamper.remove(f.root, d.logFiles[0]);
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(notValid(result)).toEqual([{ key: d.logFiles[0], kind: 'log', verdict: 'invalid', reason: `named by ${d.key}, absent from the copy`, digest: d.key }]);
    expect(badPeriods(result).map((p) => [p.digest, p.verdict])).toEqual([[d.key, 'invalid']]);
  });

  test('an added log file is not provable: no digest names it; every hour stays valid', () => {
    const f = fixture();
    const d = hourly(f)[8];
    const added = tamper.addLog(f.root, '111122223333', 'us-east-1', Date.parse(d.start) + 20 * 60_000);
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(result.verdict).toBe('not provable');
    expect(notValid(result)).toEqual([{ key: added, kind: 'log', verdict: 'not provable', reason: 'no digest in the copy names it' }]);
    expect(badPeriods(result)).toEqual([]);
  });

  test('files where the trail delivers that CloudTrail did not name so are not provable, each named: a digest cannot account for them', () => {
    const f = fixture();
    const d = hourly(f)[8];
    const added = tamper.addLog(f.root, '111122223333', 'us-east-1', Date.parse(d.start) + 20 * 60_000);
    // The same log file under names investigate still reads as CloudTrail, and a copy of a digest under another name.
    const day = added.slice(0, added.lastIndexOf('/') + 1);
    const planted = [`${added.replace(/_[A-Za-z0-9]+\.json\.gz$/, '_planted-file.json.gz')}`, `${day}planted.json`];
    const at = (key: string) => path.join(f.root, ...key.split('/'));
    fs.copyFileSync(at(added), at(planted[0]));
    fs.renameSync(at(added), at(planted[1]));
    const digestCopy = d.key.replace(/\.json\.gz$/, '_dup.json.gz');
    fs.copyFileSync(at(d.key), at(digestCopy));
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(result.verdict).toBe('not provable');
    const stray = (key: string, kind: 'log' | 'digest') => ({ key, kind, verdict: 'not provable', reason: expect.stringMatching(new RegExp(`^not named as CloudTrail names its ${kind === 'log' ? 'log files' : 'digests'} \\(.+\\) where the trail delivers: no digest can account for it$`)) });
    expect(notValid(result)).toEqual([stray(digestCopy, 'digest'), stray(planted[0], 'log'), stray(planted[1], 'log')].sort((a, b) => a.key.localeCompare(b.key)));
    expect(result.summary.logFiles.notProvable).toBe(2);
    expect(result.summary.digests.notProvable).toBe(1);
    expect(badPeriods(result)).toEqual([]);
    // A day's folder outside the period asked for is not judged (the strays are all in 2026/11/30).
    expect(planted.every((k) => k.includes('/2026/11/30/')) && digestCopy.includes('/2026/11/30/')).toBe(true);
    const before = verifyJson(f, ['--to', '2026-11-30T00:00:00Z']);
    expect([before.code, notValid(before.result)]).toEqual([0, []]);
  });

  test('--from/--to: a log file named outside the period whose records are in it is judged, wherever its name or folder puts it', () => {
    const f = fixture();
    const digests = hourly(f);
    const [from, to] = [digests[5].start, digests[9].end];
    const inside = Date.parse(digests[7].start) + 17 * 60_000;
    const forged = (slot: number, eventTime: string, suffix: string) =>
      writeCloudTrailLog(f.root, cloudTrailLogKey('111122223333', 'us-east-1', slot, () => suffix.charCodeAt(0) / 256), [
        { eventVersion: '1.09', eventTime, eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: 'us-east-1' },
      ]).key;
    // Days before the period (another day folder), an hour after it (the period's last day folder), and a time no one can place.
    const at = new Date(inside).toISOString().replace('.000Z', 'Z');
    const early = forged(Date.parse('2026-11-15T09:05:00Z'), at, 'a');
    const late = forged(Date.parse(to) + 3_600_000, at, 'b');
    const untimed = forged(Date.parse('2026-11-16T09:05:00Z'), 'infinity', 'c');
    const outside = forged(Date.parse('2026-11-17T09:05:00Z'), '2026-11-17T09:01:00Z', 'd');
    const planted = `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/18/planted.json`;
    fs.mkdirSync(path.join(f.root, ...planted.split('/').slice(0, -1)), { recursive: true });
    fs.writeFileSync(path.join(f.root, ...planted.split('/')), JSON.stringify({ Records: [{ eventTime: at }] }));
    const { code, result } = verifyJson(f, ['--from', from, '--to', to]);
    expect(code).toBe(1);
    expect(result.verdict).toBe('not provable');
    const inPeriod = `1 of its 1 records have an eventTime in the period asked for (the first ${at}), though its name puts it outside`;
    expect(notValid(result)).toEqual(
      [
        { key: early, kind: 'log', verdict: 'not provable', reason: `no digest in the copy names it; ${inPeriod}` },
        { key: late, kind: 'log', verdict: 'not provable', reason: `no digest in the copy names it; ${inPeriod}` },
        { key: untimed, kind: 'log', verdict: 'not provable', reason: 'no digest in the copy names it; 1 of its 1 records have no eventTime CloudTrail writes (YYYY-MM-DDTHH:MM:SSZ), so it cannot be shown to lie outside the period asked for' },
        { key: planted, kind: 'log', verdict: 'not provable', reason: expect.stringMatching(new RegExp(`^not named as CloudTrail names its log files \\(.+\\) where the trail delivers: no digest can account for it; ${inPeriod.replace(/[()]/g, '\\$&')}$`)) },
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    // A file whose records all lie outside the period stays out of the claim, as do the periods.
    expect(result.files.some((x) => x.key === outside)).toBe(false);
    expect(badPeriods(result)).toEqual([]);
  });

  test('--from/--to: a log file named after the period whose record repeats eventTime (the first in it, the last after it), or writes one in another form, is not provable', async () => {
    const f = fixture();
    const digests = hourly(f);
    const [from, to] = [digests[5].start, digests[9].end];
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const inside = Date.parse(digests[7].start) + 17 * 60_000;
    const put = (slot: number, suffix: string, text: string) => {
      const key = cloudTrailLogKey('111122223333', 'us-east-1', slot, () => suffix.charCodeAt(0) / 256);
      fs.mkdirSync(path.join(f.root, ...key.split('/').slice(0, -1)), { recursive: true });
      fs.writeFileSync(path.join(f.root, ...key.split('/')), zlib.gzipSync(text));
      return key;
    };
    const record = '"eventVersion":"1.09","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"us-east-1","eventID":"forged-1"';
    // JSON.parse keeps the last eventTime (after the period), DuckDB and so investigate the first (in it).
    const twice = put(Date.parse(to) + 40 * 60_000, 'a', `{"Records":[{"eventTime":"${iso(inside)}",${record},"eventTime":"${iso(Date.parse(to) + 39 * 60_000)}"}]}`);
    // Milliseconds CloudTrail never writes: no time investigate reads either.
    const fraction = put(Date.parse(to) + 45 * 60_000, 'b', `{"Records":[{"eventTime":"${new Date(inside).toISOString()}",${record}}]}`);
    const { code, result } = verifyJson(f, ['--from', from, '--to', to]);
    expect([code, result.verdict]).toEqual([1, 'not provable']);
    expect(notValid(result)).toEqual([
      { key: twice, kind: 'log', verdict: 'not provable', reason: 'no digest in the copy names it; its records cannot be read (the key "eventTime" is repeated within one object: CloudTrail writes each key once, and readers differ on which value stands), so it cannot be shown to lie outside the period asked for' },
      { key: fraction, kind: 'log', verdict: 'not provable', reason: 'no digest in the copy names it; 1 of its 1 records have no eventTime CloudTrail writes (YYYY-MM-DDTHH:MM:SSZ), so it cannot be shown to lie outside the period asked for' },
    ].sort((a, b) => a.key.localeCompare(b.key)));
    expect(badPeriods(result)).toEqual([]);
    // investigate over the same copy and window does not read either file's record, and says so (exit 1 in the CLI).
    const answer = await investigate({ question: 'evidence-tampering', logs: [f.root], params: [], from, to, cwd: dir });
    expect(answer.rows.filter((r) => JSON.stringify(r).includes('forged-1') || String(r.rawFile).includes(twice))).toEqual([]);
    expect(answer.leftOut.filter((w) => w.includes(twice) || w.includes(fraction)).map((w) => w.replace(/^.*?(AWSLogs\/)/, '$1'))).toEqual([
      `${twice}: the key "eventTime" is repeated within one object, which CloudTrail never writes (readers differ on which value stands: DuckDB reads the first, JSON.parse the last); skipped`,
      `${fraction}: record 1 has no readable time (eventTime "${new Date(inside).toISOString()}"); it is skipped, the rest of the file read`,
    ].sort());
  });

  test('--from/--to: a log file CloudTrail delivered after the period with records in it is proven by the digest that names it', () => {
    // Hour 10's first log file also holds a record of 5 minutes before it: in the period that ends with hour 9.
    const f = fixture({ lateRecordAt: 10 });
    const digests = hourly(f);
    const [next, edge] = [digests[10], digests[10].logFiles[0]];
    const args = ['--from', digests[5].start, '--to', digests[9].end];
    const clean = verifyJson(f, args);
    expect(clean.code).toBe(0);
    expect(clean.result.files.find((x) => x.key === edge)).toEqual({ key: edge, kind: 'log', verdict: 'valid', digest: next.key });
    expect(clean.result.files.filter((x) => x.kind === 'digest').map((x) => x.key)).toEqual(digests.slice(5, 10).map((d) => d.key).sort());
    // Altered, it is invalid: its digest says what it held.
    tamper.editLog(f.root, edge);
    const edited = verifyJson(f, args);
    expect(edited.code).toBe(1);
    expect(notValid(edited.result)).toEqual([{ key: edge, kind: 'log', verdict: 'invalid', reason: expect.stringMatching(new RegExp(`^SHA-256 of its content [0-9a-f]{64} differs from [0-9a-f]{64} in ${next.key}$`)), digest: next.key }]);
  });

  test('the text output shows a key of the copy with its control characters escaped', () => {
    const f = fixture({ hours: 3 });
    const day = hourly(f)[1].key.replace('CloudTrail-Digest', 'CloudTrail').replace(/[^/]+$/, '');
    const key = `${day}x\r\u001b[2K\nvalid: all proven.json`;
    fs.writeFileSync(path.join(f.root, ...key.split('/')), '{}');
    const r = verify([f.root, '--public-keys', f.keysFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(r.stdout.split('\n').filter((l) => l.includes('x\\r\\u001b[2K\\nvalid: all proven.json'))).toEqual([expect.stringMatching(/^  NOT PROVABLE log file AWSLogs\/.*: not named as CloudTrail names its log files/)]);
  });

  test('a .metadata.json with no object beside it is no sidecar: judged as a file where the trail delivers (not provable), as investigate reads it', async () => {
    const f = fixture();
    const d = withLogs(f, 5);
    const day = d.logFiles[0].slice(0, d.logFiles[0].lastIndexOf('/') + 1);
    const orphan = `${day}evil.metadata.json`;
    const at = (key: string) => path.join(f.root, ...key.split('/'));
    const when = new Date(Date.parse(d.start) + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    fs.writeFileSync(at(orphan), JSON.stringify({ Records: [{ eventVersion: '1.09', eventTime: when, eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: 'us-east-1', eventID: 'evil-1', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', userName: 'mallory' } }] }));
    // A sidecar beside its object stays one (pull wrote it): not judged, not read by investigate.
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(result.verdict).toBe('not provable');
    expect(notValid(result)).toEqual([{ key: orphan, kind: 'log', verdict: 'not provable', reason: expect.stringMatching(/^not named as CloudTrail names its log files \(.+\) where the trail delivers: no digest can account for it$/) }]);
    // investigate reads the orphan as CloudTrail: the same file verify judged.
    const answer = await investigate({ question: 'evidence-tampering', logs: [f.root], params: [], cwd: dir });
    expect(answer.rows).toEqual([{ cloud: 'aws', time: when, principal: 'arn:aws:iam::111122223333:user/mallory', sourceIp: null, action: 'cloudtrail:StopLogging', target: null, outcome: 'Success' }]);
    expect([...answer.rawFiles.values()].filter((p) => p.endsWith('.metadata.json'))).toEqual([at(orphan)]);
    const sidecars = (fs.readdirSync(f.root, { recursive: true }) as string[]).filter((p) => p.endsWith('.metadata.json') && !p.endsWith('evil.metadata.json')).length;
    expect(answer.warnings[0]).toBe(`${f.root}: ${sidecars} sidecars <file>.metadata.json of forensic-readiness pull (each object's metadata, beside it; verify reads them), not evidence of a layout; skipped`);
  });

  test('a symbolic link where the trail delivers is not provable and never followed', () => {
    const f = fixture();
    const d = withLogs(f, 5);
    const outside = path.join(dir, `outside-${n}.json.gz`);
    fs.copyFileSync(path.join(f.root, ...d.logFiles[0].split('/')), outside);
    const link = d.logFiles[0].replace(/_([A-Za-z0-9]+)\.json\.gz$/, '_$1x.json.gz');
    fs.symlinkSync(outside, path.join(f.root, ...link.split('/')));
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(notValid(result)).toEqual([{ key: link, kind: 'log', verdict: 'not provable', reason: 'a symbolic link or other entry that is not a file: not an object of the bucket, not followed' }]);
  });

  test('bytes after the gzip data of a log file or a digest make it invalid: other tools read a member after zero padding', () => {
    const f = fixture();
    const d = withLogs(f, 3);
    const logFile = path.join(f.root, ...d.logFiles[0].split('/'));
    const extra = zlib.gzipSync(JSON.stringify({ Records: [{ eventName: 'StopLogging' }] }));
    fs.appendFileSync(logFile, Buffer.concat([Buffer.alloc(8), extra]));
    const other = hourly(f)[12];
    fs.appendFileSync(path.join(f.root, ...other.key.split('/')), Buffer.alloc(4));
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(result.verdict).toBe('invalid');
    const bad = notValid(result);
    expect(bad.find((x) => x.key === d.logFiles[0])).toEqual({ key: d.logFiles[0], kind: 'log', verdict: 'invalid', reason: `${8 + extra.length} bytes after the end of its gzip data: not the file CloudTrail wrote`, digest: d.key });
    expect(bad.find((x) => x.key === other.key)).toEqual({ key: other.key, kind: 'digest', verdict: 'invalid', reason: '4 bytes after the end of its gzip data: not the file CloudTrail wrote' });
    // The same log file whole again: valid (the check is not of the content).
    fs.truncateSync(logFile, fs.statSync(logFile).size - 8 - extra.length);
    expect(notValid(verifyJson(f).result).find((x) => x.key === d.logFiles[0])).toBeUndefined();
  });

  test('a broken chain: the digest its successor does not name is invalid, the log file it dropped not provable', () => {
    const f = fixture({ resignedAt: 10 });
    const digests = hourly(f);
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    const dropped = digests[10].logFiles.slice(-1);
    expect(notValid(result)).toEqual(
      [
        { key: digests[10].key, kind: 'digest', verdict: 'invalid', reason: expect.stringMatching(new RegExp(`^not the digest that ${digests[11].key} names as its previous: previousDigestHashValue [0-9a-f]{64}, its SHA-256 [0-9a-f]{64}$`)) },
        ...dropped.map((key) => ({ key, kind: 'log', verdict: 'not provable', reason: 'no digest in the copy names it' })),
        ...digests[10].logFiles.slice(0, -1).map((key) => ({ key, kind: 'log', verdict: 'not provable', reason: `named only by ${digests[10].key}, which is invalid`, digest: digests[10].key })),
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(badPeriods(result).map((p) => [p.start, p.end, p.verdict])).toEqual([[digests[10].start, digests[10].end, 'invalid']]);
  });

  test('a digest signed by the wrong key is invalid, its log files not provable', () => {
    const f = fixture({ wrongKeyAt: 5 });
    const d = hourly(f)[5];
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(notValid(result)).toEqual(
      [
        { key: d.key, kind: 'digest', verdict: 'invalid', reason: `the signature does not verify with key ${f.trail.fingerprints['us-east-1']}` },
        ...d.logFiles.map((key) => ({ key, kind: 'log', verdict: 'not provable', reason: `named only by ${d.key}, which is invalid`, digest: d.key })),
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(badPeriods(result)).toEqual([{ trail: trailId, start: d.start, end: d.end, verdict: 'invalid', digest: d.key, reason: `the signature does not verify with key ${f.trail.fingerprints['us-east-1']}` }]);
  });

  test('a moved digest is invalid, and its original place is named missing by its successor', () => {
    const f = fixture();
    const digests = hourly(f);
    const d = digests[12];
    const movedTo = d.key.replace(/\/(\d{2})\/(\d{12}_CloudTrail-Digest_)/, '/28/$2');
    expect(movedTo).not.toBe(d.key);
    tamper.move(f.root, d.key, movedTo);
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(notValid(result)).toEqual(
      [
        { key: movedTo, kind: 'digest', verdict: 'invalid', reason: `moved: it names s3://${f.trail.bucket}/${d.key}` },
        { key: d.key, kind: 'digest', verdict: 'invalid', reason: `named as its previous digest by ${digests[13].key}, absent from the copy (a copy of it is at ${movedTo})` },
        ...d.logFiles.map((key) => ({ key, kind: 'log', verdict: 'not provable', reason: `named only by ${movedTo}, which is invalid`, digest: movedTo })),
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(badPeriods(result)).toEqual([{ trail: trailId, start: d.start, end: d.end, verdict: 'invalid', digest: movedTo, reason: `moved: it names s3://${f.trail.bucket}/${d.key}` }]);
  });

  test('a gap across midnight: the hours without digests are not provable, the missing digest named, their log files unproven', () => {
    const f = fixture();
    const digests = hourly(f);
    // Hours 2 to 4 run from 22:13 to 01:13 (the fixture starts at 20:13): across midnight and the day folder.
    expect([digests[2].start.slice(11, 13), digests[4].end.slice(8, 10)]).toEqual(['22', '30']);
    for (const d of digests.slice(2, 5)) tamper.remove(f.root, d.key);
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(badPeriods(result)).toEqual([{ trail: trailId, start: digests[1].end, end: digests[5].start, verdict: 'not provable', reason: `digest ${digests[4].key}, which ${digests[5].key} names as its previous, is missing` }]);
    expect(notValid(result)).toEqual(
      [
        { key: digests[4].key, kind: 'digest', verdict: 'invalid', reason: `named as its previous digest by ${digests[5].key}, absent from the copy` },
        ...digests.slice(2, 5).flatMap((d) => d.logFiles).map((key) => ({ key, kind: 'log', verdict: 'not provable', reason: 'no digest in the copy names it' })),
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
  });

  test('digests deleted from the start: the period then starts later, unless --from says where it starts', () => {
    const f = fixture({ hours: 8 });
    const digests = hourly(f);
    for (const d of digests.slice(0, 3)) tamper.remove(f.root, d.key);
    const without = verifyJson(f);
    expect(without.code).toBe(1); // their log files are still there, and no digest names them
    expect(without.result.trails[0].start).toBe(digests[3].start);
    expect(badPeriods(without.result)).toEqual([]);
    expect(notValid(without.result).map((x) => [x.kind, x.verdict])).toEqual(digests.slice(0, 3).flatMap((d) => d.logFiles).map(() => ['log', 'not provable']));

    const withFrom = verifyJson(f, ['--from', digests[0].start]);
    expect(withFrom.code).toBe(1);
    expect(badPeriods(withFrom.result)).toEqual([{ trail: trailId, start: digests[0].start, end: digests[3].start, verdict: 'not provable', reason: `digest ${digests[2].key}, which ${digests[3].key} names as its previous, is missing` }]);
    expect(notValid(withFrom.result).filter((x) => x.kind === 'digest')).toEqual([{ key: digests[2].key, kind: 'digest', verdict: 'invalid', reason: `named as its previous digest by ${digests[3].key}, absent from the copy` }]);
  });

  test('two regions: each its own chain and key; a keys file without one region leaves that region not provable', () => {
    const f = fixture({ regions: ['us-east-1', 'eu-west-1'], hours: 8 });
    const both = verifyJson(f);
    expect(both.code).toBe(0);
    expect(both.result.trails.map((t) => [t.id, t.verdict])).toEqual([
      ['111122223333/eu-west-1/organization-trail', 'valid'],
      ['111122223333/us-east-1/organization-trail', 'valid'],
    ]);
    expect(both.result.summary.digests.valid).toBe(16);

    const keys = JSON.parse(fs.readFileSync(f.keysFile, 'utf8')) as unknown[];
    const usOnly = path.join(dir, 'keys-us-only.json');
    fs.writeFileSync(usOnly, JSON.stringify(keys[0]));
    const r = verify([f.root, '--public-keys', usOnly, '--format', 'json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as CloudTrailVerification;
    expect(result.trails.map((t) => [t.region, t.verdict])).toEqual([['eu-west-1', 'not provable'], ['us-east-1', 'valid']]);
    const eu = hourly(f, 'eu-west-1');
    expect(notValid(result).filter((x) => x.kind === 'digest')).toEqual(
      eu.map((d) => ({ key: d.key, kind: 'digest', verdict: 'not provable', reason: `no public key with fingerprint ${f.trail.fingerprints['eu-west-1']} in the keys file (list-public-keys of its region, covering ${d.end})` })),
    );
    expect(notValid(result).filter((x) => x.kind === 'log').length).toBe(eu.flatMap((d) => d.logFiles).length);
  });

  test('logging off and on again: the chain restarts and the hours between are not provable', () => {
    const f = fixture({ loggingOff: { at: 10, hours: 3 } });
    const digests = hourly(f);
    expect(digests.map((d) => d.hour)).not.toContain(8);
    const restart = digests.find((d) => d.hour === 10)!;
    const before = digests.find((d) => d.hour === 6)!;
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(notValid(result)).toEqual([]);
    expect(badPeriods(result)).toEqual([{ trail: trailId, start: before.end, end: restart.start, verdict: 'not provable', reason: `the chain restarts at ${restart.key} (it has no previous digest): logging or log file validation was off` }]);
  });

  test('a backfill digest is verified with the key valid when it was made, and proves the late log file it names', () => {
    const f = fixture({ backfillAt: 3 });
    const backfill = f.trail.digests.find((d) => d.backfill)!;
    expect(backfill.key).toMatch(/_backfill\.json\.gz$/);
    const { code, result } = verifyJson(f);
    expect(code).toBe(0);
    expect(result.summary.backfillDigests).toEqual({ valid: 1, invalid: 0, notProvable: 0 });
    expect(result.files.filter((x) => x.key === backfill.logFiles[0])).toEqual([{ key: backfill.logFiles[0], kind: 'log', verdict: 'valid', digest: backfill.key }]);
  });

  test('a digest without its sidecar is not provable, never valid', () => {
    const f = fixture();
    const d = withLogs(f, 3);
    tamper.removeSidecar(f.root, d.key);
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(notValid(result).filter((x) => x.kind === 'digest')).toEqual([{ key: d.key, kind: 'digest', verdict: 'not provable', reason: 'no signature: the digest has no .metadata.json sidecar (copy it with forensic-readiness pull)' }]);
    expect(notValid(result).filter((x) => x.kind === 'log').map((x) => x.verdict)).toEqual(d.logFiles.map(() => 'not provable'));
    expect(badPeriods(result).map((p) => [p.digest, p.verdict])).toEqual([[d.key, 'not provable']]);
  });

  test('a key used outside its validity is invalid', () => {
    const f = fixture({ hours: 6 });
    const digests = hourly(f);
    const keys = JSON.parse(fs.readFileSync(f.keysFile, 'utf8')) as { PublicKeyList: { ValidityEndTime: string }[] };
    keys.PublicKeyList[0].ValidityEndTime = digests[3].end;
    fs.writeFileSync(f.keysFile, JSON.stringify(keys));
    const { code, result } = verifyJson(f);
    expect(code).toBe(1);
    expect(notValid(result).filter((x) => x.kind === 'digest').map((x) => [x.key, x.reason])).toEqual(
      digests.slice(4).map((d) => [d.key, expect.stringMatching(new RegExp(`^signed with key ${f.trail.fingerprints['us-east-1']}, which was valid .* to ${digests[3].end}, not at ${d.end}$`))]),
    );
  });
});

describe('verify cloudtrail: bad input is one line and exit 2', () => {
  let f: Fixture;
  beforeAll(() => {
    f = fixture({ hours: 3 });
  });
  const expectInputError = (argv: string[], message: string | RegExp) => {
    const r = verify(argv);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.split('\n')).toEqual([expect.stringMatching(typeof message === 'string' ? new RegExp(`^forensic-readiness: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message), '']);
  };

  test('a missing keys file, or none given', () => {
    expectInputError([f.root, '--public-keys', 'nope.json'], '--public-keys nope.json: no such file or folder');
    expectInputError([f.root], 'verify cloudtrail needs --public-keys FILE: the saved output of aws cloudtrail list-public-keys --start-time ... --end-time ...');
  });

  test('a keys file that is not list-public-keys output', () => {
    const notJson = path.join(dir, 'keys-bad.json');
    fs.writeFileSync(notJson, 'Fingerprint,Value\n');
    expectInputError([f.root, '--public-keys', notJson], /^forensic-readiness: --public-keys .*keys-bad\.json: not JSON; expected the output of aws cloudtrail list-public-keys/);
    const wrongShape = path.join(dir, 'keys-shape.json');
    fs.writeFileSync(wrongShape, JSON.stringify({ Keys: [] }));
    expectInputError([f.root, '--public-keys', wrongShape], /: no PublicKeyList array; expected the output of aws cloudtrail list-public-keys$/);
    const badValue = path.join(dir, 'keys-value.json');
    fs.writeFileSync(badValue, JSON.stringify({ PublicKeyList: [{ Value: 'AAAA', Fingerprint: 'ab', ValidityStartTime: 1, ValidityEndTime: 2 }] }));
    expectInputError([f.root, '--public-keys', badValue], /PublicKeyList\[0\] \(ab\): Value is not a DER PKCS#1 RSA public key$/);
  });

  test("a folder that is not a trail's copy (logs without digests), and a file", () => {
    const logsOnly = path.join(dir, 'logs-only');
    writeSageMakerExfiltration(logsOnly);
    expectInputError([logsOnly, '--public-keys', f.keysFile], /: holds no CloudTrail digest files \(AWSLogs\/ACCOUNT\/CloudTrail-Digest\/REGION\/\.\.\.\); not a copy of a trail's bucket, or log file validation is off$/);
    expectInputError([f.keysFile, '--public-keys', f.keysFile], /: not a folder; give the folder of a trail's copy \(forensic-readiness pull\) or s3:\/\/bucket\/prefix$/);
  });

  test('a copy without any sidecar (aws s3 sync drops object metadata)', () => {
    const synced = fixture({ hours: 2 });
    for (const d of synced.trail.digests) tamper.removeSidecar(synced.root, d.key);
    expectInputError([synced.root, '--public-keys', synced.keysFile], /: no digest has its \.metadata\.json sidecar, so no signature can be checked; copy the bucket with forensic-readiness pull/);
  });

  test('--output inside the copy (or over the keys file) is refused; elsewhere it gets the result and stdout the verdict', () => {
    expectInputError([f.root, '--public-keys', f.keysFile, '--output', path.join(f.root, 'result.json')], /^forensic-readiness: --output .*result\.json is inside the copy .*; refusing to write it there$/);
    expectInputError([f.root, '--public-keys', f.keysFile, '--output', f.keysFile], /^forensic-readiness: --output .* is also an input; refusing to write it there$/);
    const out = path.join(dir, 'result.json');
    const r = verify([f.root, '--public-keys', f.keysFile, '--format', 'json', '--output', out]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^valid: digests 3 valid, 0 invalid, 0 not provable; .*; json result written to .*result\.json\n$/);
    expect((JSON.parse(fs.readFileSync(out, 'utf8')) as CloudTrailVerification).verdict).toBe('valid');
  });

  test('usage: no sub-word, another sub-word, a bad time', () => {
    const r = (argv: string[]) => {
      let stderr = '';
      const code = main(argv, { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir });
      return [code, stderr];
    };
    expect(r(['verify'])).toEqual([2, 'forensic-readiness: verify needs what to verify: verify cloudtrail PATH --public-keys FILE\n']);
    expect(r(['verify', 'gcs', 'x'])).toEqual([2, 'forensic-readiness: verify can verify cloudtrail, got "gcs"\n']);
    expectInputError([f.root, '--public-keys', f.keysFile, '--from', 'yesterday'], '--from must be an ISO 8601 time (2026-11-30T13:00:00Z), got "yesterday"');
  });
});

describe('verify cloudtrail s3://: the bucket read directly (moto_server)', () => {
  let moto: ChildProcess | undefined;
  let endpoint = '';
  const saved = { ...process.env };
  beforeAll(async () => {
    const port = await freePort();
    let startError: Error | undefined;
    moto = spawn('moto_server', ['-p', String(port)], { stdio: 'ignore' });
    moto.on('error', (err) => (startError = err));
    endpoint = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 150 && !up && !startError; i++) {
      up = await fetch(endpoint).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    if (!up) throw new Error(`moto_server did not start on ${endpoint}: ${startError?.message ?? 'no answer in 15 s'} (pip install 'moto[server]')`);
    Object.assign(process.env, { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' });
    delete process.env.AWS_PROFILE;
  });
  afterAll(() => {
    moto?.kill();
    process.env = saved;
  });

  /** Uploads a fixture as CloudTrail wrote it: each object with the user metadata of its sidecar. */
  async function upload(f: Fixture, skipMetadataOf?: string): Promise<void> {
    const s3 = await import('@aws-sdk/client-s3');
    const client = new s3.S3Client({ forcePathStyle: true });
    await client.send(new s3.CreateBucketCommand({ Bucket: f.trail.bucket }));
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const file of walk(f.root).filter((x) => !x.endsWith('.metadata.json'))) {
      const key = path.relative(f.root, file).split(path.sep).join('/');
      const metadata = (JSON.parse(fs.readFileSync(`${file}.metadata.json`, 'utf8')) as { metadata: Record<string, string> }).metadata;
      await client.send(new s3.PutObjectCommand({ Bucket: f.trail.bucket, Key: key, Body: fs.readFileSync(file), Metadata: key === skipMetadataOf ? {} : metadata }));
    }
    client.destroy();
  }
  const run = async (argv: string[]): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
    return { code, stdout, stderr };
  };

  test('a clean bucket is valid; an edited log and a digest stripped of its signature are invalid', async () => {
    const f = fixture({ hours: 4, bucket: 'verify-clean' });
    await upload(f);
    const ok = await run(['verify', 'cloudtrail', `s3://${f.trail.bucket}/AWSLogs/`, '--public-keys', f.keysFile, '--format', 'json']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as CloudTrailVerification;
    expect(result.summary.digests).toEqual({ valid: 4, invalid: 0, notProvable: 0 });
    expect(result.summary.logFiles.valid).toBe(f.trail.logFiles.length);

    const g = fixture({ hours: 4, bucket: 'verify-tampered' });
    const edited = withLogs(g, 0);
    tamper.editLog(g.root, edited.logFiles[0]);
    const stripped = hourly(g)[3];
    await upload(g, stripped.key);
    const bad = await run(['verify', 'cloudtrail', `s3://${g.trail.bucket}`, '--public-keys', g.keysFile, '--format', 'json']);
    expect(bad.code).toBe(1);
    const badResult = JSON.parse(bad.stdout) as CloudTrailVerification;
    expect(notValid(badResult).filter((x) => x.verdict === 'invalid').map((x) => [x.key, x.reason])).toEqual(
      [
        [edited.logFiles[0], expect.stringMatching(/^SHA-256 of its content/)],
        [stripped.key, 'the object carries no signature metadata'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  test('--from/--to on a bucket: a log file named outside the period with a record in it is not provable; one its digest names stays valid', async () => {
    const f = fixture({ hours: 10, bucket: 'verify-window', lateRecordAt: 6 });
    await upload(f);
    const digests = hourly(f);
    const inside = new Date(Date.parse(digests[4].start) + 600_000).toISOString().replace('.000Z', 'Z');
    const forgedKey = cloudTrailLogKey('111122223333', 'us-east-1', Date.parse('2026-11-15T09:05:00Z'), () => 0.5);
    const s3 = await import('@aws-sdk/client-s3');
    const client = new s3.S3Client({ forcePathStyle: true });
    await client.send(new s3.PutObjectCommand({ Bucket: f.trail.bucket, Key: forgedKey, Body: zlib.gzipSync(JSON.stringify({ Records: [{ eventTime: inside, eventName: 'StopLogging' }] })) }));
    client.destroy();
    const r = await run(['verify', 'cloudtrail', `s3://${f.trail.bucket}`, '--public-keys', f.keysFile, '--format', 'json', '--from', digests[2].start, '--to', digests[5].end]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as CloudTrailVerification;
    expect(notValid(result)).toEqual([{ key: forgedKey, kind: 'log', verdict: 'not provable', reason: `no digest in the copy names it; 1 of its 1 records have an eventTime in the period asked for (the first ${inside}), though its name puts it outside` }]);
    expect(result.files.find((x) => x.key === digests[6].logFiles[0])).toEqual({ key: digests[6].logFiles[0], kind: 'log', verdict: 'valid', digest: digests[6].key });
  });

  test('through main (synchronous) the s3 path is refused in one line: runCli runs it', () => {
    let stderr = '';
    const code = main(['verify', 'cloudtrail', 's3://verify-clean', '--public-keys', path.join(dir, 'keys-1.json')], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir });
    expect([code, stderr]).toEqual([2, 'forensic-readiness: internal error: verify cloudtrail runs asynchronously; call runCli, not main\n']);
  });
});

test('importing the CLI loads no AWS SDK (verify s3:// loads it when it runs)', () => {
  const r = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', "require('./bin/cli'); console.log(Object.keys(require.cache).filter((k) => k.includes('@aws-sdk')).length)"], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe('0');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('verify cloudtrail: the custody record', () => {
  const cli = async (argv: string[]): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
    return { code, stdout, stderr };
  };

  test('with --case and --custody-log the verification is a record of the chained log: keys file hashed, verdict and counts', async () => {
    const clean = fixture();
    const edited = fixture();
    tamper.editLog(edited.root, withLogs(edited, 3).logFiles[0]);
    const ok = await cli(['verify', 'cloudtrail', clean.root, '--public-keys', clean.keysFile, '--format', 'json', '--case', 'IR-7', '--custody-log', 'custody.jsonl']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as CloudTrailVerification).verdict).toBe('valid');
    expect(ok.stderr).toMatch(/^custody record 1 in .*custody\.jsonl sha256 [0-9a-f]{64}\n$/);
    const bad = await cli(['verify', 'cloudtrail', edited.root, '--public-keys', edited.keysFile, '--custody-log', 'custody.jsonl']);
    expect(bad.code).toBe(1);
    const records = fs.readFileSync(path.join(dir, 'custody.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.seq, r.action, r.caseId, r.result.verdict])).toEqual([
      [1, 'verify cloudtrail', 'IR-7', 'valid'],
      [2, 'verify cloudtrail', null, 'invalid'],
    ]);
    const sha = crypto.createHash('sha256').update(fs.readFileSync(clean.keysFile)).digest('hex');
    expect(records[0].inputs).toEqual(expect.arrayContaining([{ name: 'source', value: clean.root }, { name: 'public-keys', value: clean.keysFile, sha256: sha }]));
    expect(records[1].result.summary.logFiles.invalid).toBe(1);
    const chain = await cli(['custody', 'verify', 'custody.jsonl']);
    expect(chain.code).toBe(0);
  });

  test('without a custody option nothing is recorded and the local verification stays synchronous', () => {
    const clean = fixture();
    const r = verify([clean.root, '--public-keys', clean.keysFile]);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'forensic-readiness-custody.jsonl'))).toBe(false);
  });
});
