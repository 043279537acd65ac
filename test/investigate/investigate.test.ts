/**
 * `forensic-readiness investigate` over a forensic copy: every AWS layout recognised by path and
 * content and normalised to the one event shape, the timeline, the output formats, bad input
 * named and skipped in every format (exit 2 only when nothing is readable), and the copy left
 * exactly as it was (bytes and mtimes) after every command.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { runCli as run } from '../../bin/cli';
import { EVENT_COLUMNS } from '../../investigate/layout';
import { DATA_CAPTURE, GUARDDUTY, TEXT_FLOWS, writeAwsDrillCopy } from '../incidents/aws-extra';
import { COMPROMISED_PACKAGE_AWS as P, EXFILTRATION as X } from '../incidents/generator';

let dir: string;
let copy: string;
let snapshot: Map<string, string>;

/** Every file under root: its bytes' hash and its mtime. */
function state(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else out.set(path.relative(root, p), `${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${fs.statSync(p).mtimeMs}`);
    }
    out.set(`${path.relative(root, d)}/`, String(fs.statSync(d).mtimeMs));
  };
  visit(root);
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-investigate-'));
  copy = path.join(dir, 'copy');
  fs.mkdirSync(copy);
  await writeAwsDrillCopy(copy);
  // Bad input beside the evidence.
  fs.writeFileSync(path.join(copy, 'README.txt'), 'notes of the investigator\n');
  const ctDir = path.join(copy, 'AWSLogs', X.account, 'CloudTrail', X.region, '2026', '11', '30');
  const good = zlib.gzipSync(JSON.stringify({ Records: [{ eventTime: '2026-11-30T01:00:00Z', eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', userIdentity: { arn: 'arn:aws:iam::111122223333:user/truncated' } }] }));
  fs.writeFileSync(path.join(ctDir, `${X.account}_CloudTrail_${X.region}_20261130T0100Z_truncatedAAAAAAA.json.gz`), good.subarray(0, Math.floor(good.length / 2)));
  fs.writeFileSync(path.join(ctDir, `${X.account}_CloudTrail_${X.region}_20261130T0101Z_notjsonAAAAAAAAA.json.gz`), zlib.gzipSync('{"Records": [{"eventTime": "2026-11-30T01:01:00Z", '));
  const dnsDir = path.join(copy, 'AWSLogs', P.account, 'vpcdnsquerylogs', P.vpc, '2026', '11', '30');
  // A query log cut short: DuckDB alone would read the lines it holds without a word.
  const lines = zlib.gzipSync(Array.from({ length: 2000 }, (_, i) => JSON.stringify({ query_timestamp: '2026-11-30T15:00:00Z', query_name: `n${i}-${crypto.randomBytes(8).toString('hex')}.example.`, rcode: 'NOERROR', srcaddr: '10.20.9.10' })).join('\n'));
  fs.writeFileSync(path.join(dnsDir, `${P.vpc}_vpcdnsquerylogs_${P.account}_${P.region}_20261130T1500Z_rslvrtruncated01.log.gz`), lines.subarray(0, Math.floor(lines.length / 2)));
  fs.writeFileSync(path.join(dnsDir, `${P.vpc}_vpcdnsquerylogs_${P.account}_${P.region}_20261130T1200Z_rslvr0000000002.log.gz`), zlib.gzipSync([
    JSON.stringify({ version: '1.100000', account_id: P.account, region: P.region, vpc_id: P.vpc, query_timestamp: '2026-11-30T12:00:00Z', query_name: 'ok.example.', query_type: 'A', query_class: 'IN', rcode: 'NOERROR', answers: [], srcaddr: '10.20.9.9', srcport: '5353', transport: 'UDP', srcids: { instance: 'i-0malformed0000001' } }),
    '{"version": "1.100000", "query_name": ',
    '',
    JSON.stringify({ version: '1.100000', account_id: P.account, region: P.region, vpc_id: P.vpc, query_timestamp: '2026-11-30T12:00:05Z', query_name: 'nx.example.', query_type: 'A', query_class: 'IN', rcode: 'NXDOMAIN', answers: [], srcaddr: '10.20.9.9', srcport: '5353', transport: 'UDP', srcids: { instance: 'i-0malformed0000001' } }),
  ].join('\n')));
  snapshot = state(copy);
}, 60_000);

afterEach(() => {
  // Nothing is ever written into the copy: every byte and mtime is as it was.
  expect(state(copy)).toEqual(snapshot);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir });
  return { code, out, err };
}
/**
 * The JSON answer. The copy holds files cut short on purpose: an answer that reads them stands
 * without them, exit 1, said last on stderr; one over a part of the copy without them exits 0.
 */
const json = async (...argv: string[]) => {
  const r = await cli(...argv, '--format', 'json');
  const leftOut = /^forensic-readiness: \S+ was not answered in full: it stands without evidence of the inputs that could not be read \(\d+ warnings? above\)$/.test(r.err.trimEnd().split('\n').pop() ?? '');
  expect(r.code).toBe(leftOut ? 1 : 0);
  return JSON.parse(r.out);
};

const BAD = [
  'copy/AWSLogs/111122223333/vpcdnsquerylogs/vpc-0a1b2c3d4e5f60718/2026/11/30/vpc-0a1b2c3d4e5f60718_vpcdnsquerylogs_111122223333_us-east-1_20261130T1500Z_rslvrtruncated01.log.gz: truncated gzip (the stream ends early); skipped',
  'copy/AWSLogs/111122223333/vpcdnsquerylogs/vpc-0a1b2c3d4e5f60718/2026/11/30/vpc-0a1b2c3d4e5f60718_vpcdnsquerylogs_111122223333_us-east-1_20261130T1200Z_rslvr0000000002.log.gz: line 2 is not JSON; skipped',
];

describe('bad input is named and skipped, in every output', () => {
  test('a truncated gzip, a file DuckDB cannot parse, a malformed line and a file of no layout: each one warning, the rest answered', async () => {
    const r = await json('investigate', 'evidence-tampering', '--logs', 'copy', '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z');
    expect(r.warnings).toHaveLength(5);
    expect(r.warnings).toEqual(expect.arrayContaining([
      'copy/README.txt: not a file of a known evidence layout (unrecognised path or content); skipped',
      ...BAD,
    ]));
    // A CloudTrail file cut short: read to its end before DuckDB reads it, as every gzip file, and named so.
    expect(r.warnings.find((w: string) => w.includes('truncatedAAAAAAA'))).toMatch(/^copy\/AWSLogs\/.*_truncatedAAAAAAA\.json\.gz: truncated gzip \(the stream ends early\); skipped$/);
    expect(r.warnings.find((w: string) => w.includes('notjson'))).toMatch(/^copy\/AWSLogs\/.*_notjsonAAAAAAAAA\.json\.gz: not readable as CloudTrail \(.*\); skipped$/);
    expect(r.rows).toHaveLength(1);
    const trailFiles = [...snapshot.keys()].filter((k) => k.includes(`${path.sep}CloudTrail${path.sep}`) && !k.endsWith('/')).length;
    expect(r.inputs.find((i: { layout: string }) => i.layout === 'cloudtrail').files).toBe(trailFiles - 2);
    expect(r.inputs.find((i: { layout: string }) => i.layout === 'resolver_query_logs').files).toBe(2);
  }, 60_000);

  test.each(['text', 'csv', 'html'])('%s lists every warning too (and stderr names each on one line)', async (format) => {
    const r = await cli('investigate', 'evidence-tampering', '--logs', 'copy', '--format', format);
    expect(r.code).toBe(1);
    for (const w of BAD) {
      expect(r.out).toContain(format === 'html' ? w.replace(/&/g, '&amp;') : w);
      expect(r.err.split('\n')).toContain(`forensic-readiness: warning: ${w}`);
    }
  }, 60_000);

  test('nothing readable: exit 2, each input named, no stack trace', async () => {
    fs.mkdirSync(path.join(dir, 'junk'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'junk', 'a.json.gz'), Buffer.from('not gzip at all'));
    fs.writeFileSync(path.join(dir, 'junk', 'b.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xff]));
    const r = await cli('investigate', 'timeline', '--logs', 'junk', '--logs', 'missing-folder');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toEqual([
      'forensic-readiness: warning: junk/a.json.gz: not a file of a known evidence layout (unrecognised path or content); skipped',
      'forensic-readiness: warning: junk/b.gz: corrupt gzip (its first bytes do not decompress); skipped',
      'forensic-readiness: warning: junk: none of its 2 files is of a known evidence layout',
      'forensic-readiness: warning: missing-folder: no such file or folder; skipped',
      'forensic-readiness: nothing readable among the inputs (junk, missing-folder); no answer',
    ]);
  });

  test('usage errors are one line, exit 2, before any file is read', async () => {
    expect(await cli('investigate', 'who-did-it', '--logs', 'copy')).toEqual({ code: 2, out: '', err: expect.stringMatching(/^forensic-readiness: unknown question "who-did-it" \(one of endpoint-callers, .*timeline\)\n$/) });
    expect((await cli('investigate', 'endpoint-callers', '--logs', 'copy')).err).toBe('forensic-readiness: endpoint-callers needs --param endpoint=VALUE (the endpoint name)\n');
    expect((await cli('investigate', 'endpoint-callers', '--logs', 'copy', '--param', 'principal=x')).err).toBe('forensic-readiness: --param principal: endpoint-callers takes --param endpoint=...\n');
    expect((await cli('investigate', 'data-reads', '--logs', 'copy', '--param', 'location=b/', '--from', 'yesterday')).err).toBe('forensic-readiness: --from must be an ISO 8601 time (2026-11-30T13:00:00Z), got "yesterday"\n');
    expect((await cli('investigate', 'evidence-tampering', '--logs', 'copy', '--output', 'copy/answer.txt')).err).toBe('forensic-readiness: --output copy/answer.txt is inside the evidence copy; the copy is read-only, write elsewhere\n');
    // One log file of the copy given: its folder is the copy's too; a file of no delivery path is alone.
    const logFile = fs.readdirSync(path.join(dir, 'copy'), { recursive: true, withFileTypes: true }).find((e) => e.isFile() && /CloudTrail\/.*\.json\.gz$/.test(`${e.parentPath}/${e.name}`))!;
    const rel = path.relative(dir, path.join(logFile.parentPath, logFile.name));
    const beside = path.join(path.dirname(rel), 'answer.txt');
    expect((await cli('investigate', 'evidence-tampering', '--logs', rel, '--output', beside)).err).toBe(`forensic-readiness: --output ${beside} is in the folder of the evidence file ${rel}, a folder of the copy (its delivery path); the copy is read-only, write elsewhere\n`);
    expect(fs.existsSync(path.join(dir, beside))).toBe(false);
    fs.copyFileSync(path.join(dir, rel), path.join(dir, 'lone.json.gz'));
    const lone = await cli('investigate', 'evidence-tampering', '--logs', 'lone.json.gz', '--output', 'lone-answer.txt');
    // (Not refused for its output: read, it is of no layout, so nothing readable, exit 2.)
    expect([lone.code, lone.err]).toEqual([2, expect.not.stringContaining('--output')]);
    expect((await cli('investigate', 'evidence-tampering', '--logs', 'copy', '--format', 'xml')).err).toBe('forensic-readiness: --format must be one of text, json, csv, html, got "xml"\n');
  });
});

describe('every AWS layout, recognised and normalised to the one event shape', () => {
  test('each layout is found by path and content, and its events point at the raw record (file and line)', async () => {
    const r = await json('investigate', 'timeline', '--logs', 'copy', '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z');
    expect(r.inputs.map((i: { layout: string }) => i.layout).sort()).toEqual(['cloudtrail', 'guardduty_findings', 'resolver_query_logs', 'sagemaker_data_capture', 'vpc_flow_parquet', 'vpc_flow_text']);
    expect(Object.keys(r.rows[0])).toEqual([...EVENT_COLUMNS]);
    const times = r.rows.map((e: { time: string }) => e.time);
    expect([...times].sort()).toEqual(times);
    const actions = new Set(r.rows.map((e: { action: string }) => e.action));
    for (const a of ['sagemaker:InvokeEndpoint', 'sts:AssumeRole', 's3:GetObject', 'vpc-flow', 'dns-query', 'sagemaker:InvokeEndpoint (data capture)', `guardduty:${GUARDDUTY.type}`]) expect(actions).toContain(a);
  }, 60_000);

  test('SageMaker data capture: one event per captured invocation, at inferenceTime, on the endpoint named by the key, line by line', async () => {
    const r = await json('investigate', 'timeline', '--logs', 'copy/data-capture');
    expect(r.rows).toEqual(DATA_CAPTURE.times.map((time, i) => ({ time, cloud: 'aws', account: null, principal: null, credentialId: null, sourceIp: null, userAgent: null, action: 'sagemaker:InvokeEndpoint (data capture)', target: DATA_CAPTURE.endpoint, outcome: 'success', rawFile: DATA_CAPTURE.file.replace(/^data-capture\//, ''), rawLine: i + 1 })));
  });

  test('GuardDuty export: the finding as an event on the attacker key, at eventLastSeen', async () => {
    const r = await json('investigate', 'timeline', '--logs', 'copy', '--param', `principal=${X.attacker.accessKeyId}`, '--from', '2026-11-30T13:40:00Z', '--to', '2026-11-30T13:40:01Z');
    expect(r.rows).toEqual([{ time: GUARDDUTY.time, cloud: 'aws', account: X.account, principal: 'AROAEXAMPLEANALYST:exfil', credentialId: X.attacker.accessKeyId, sourceIp: X.attacker.sourceIp, userAgent: null, action: `guardduty:${GUARDDUTY.type}`, target: 'AccessKey', outcome: null, rawFile: GUARDDUTY.file, rawLine: 1 }]);
  }, 60_000);

  test('plain-text flow logs (header line, - for no value) answer network-egress beside the Parquet ones, with line numbers of the file', async () => {
    const egress = await json('investigate', 'network-egress', '--logs', 'copy', '--param', `address=${TEXT_FLOWS.eni}`);
    expect(egress.rows).toEqual([{ cloud: 'aws', source: TEXT_FLOWS.eni, sourceAddress: TEXT_FLOWS.address, destinationAddress: TEXT_FLOWS.destination, destinationPort: 8443, protocol: 6, dnsName: null, firstSeen: '2026-11-30T14:00:00Z', lastSeen: '2026-11-30T14:02:59Z', flows: 3 }]);
    const t = await json('investigate', 'timeline', '--logs', 'copy', '--param', `principal=${TEXT_FLOWS.eni}`);
    expect(t.rows.map((e: { target: string; rawLine: number; rawFile: string }) => [e.target, e.rawLine, e.rawFile])).toEqual([
      [`${TEXT_FLOWS.destination}:8443`, 2, TEXT_FLOWS.file], ['10.20.0.2:53', 5, TEXT_FLOWS.file], [`${TEXT_FLOWS.destination}:8443`, 3, TEXT_FLOWS.file], [`${TEXT_FLOWS.destination}:8443`, 4, TEXT_FLOWS.file],
    ]);
  }, 60_000);

  test('Resolver query logs: a malformed line costs only itself; rcode other than NOERROR is a failure', async () => {
    const r = await json('investigate', 'timeline', '--logs', 'copy', '--param', 'principal=i-0malformed0000001');
    expect(r.rows.map((e: { target: string; outcome: string; rawLine: number }) => [e.target, e.outcome, e.rawLine])).toEqual([['ok.example.', 'success', 1], ['nx.example.', 'failure', 4]]);
    expect(r.warnings).toContain(BAD[1]);
  }, 60_000);
});

describe('the timeline', () => {
  test('events of several chosen principals and resources, in one ordered table, only in the window', async () => {
    const r = await json('investigate', 'timeline', '--logs', 'copy', '--param', `principal=${X.attacker.user}`, '--param', `location=${X.modelBucket}/${X.modelKey}`, '--param', `endpoint=${X.otherEndpoint}`, '--from', '2026-11-30T12:00:00Z', '--to', '2026-11-30T14:00:00Z');
    expect(r.parameters).toEqual({ principal: [X.attacker.user], location: [`${X.modelBucket}/${X.modelKey}`], endpoint: [X.otherEndpoint], from: '2026-11-30T12:00:00Z', to: '2026-11-30T14:00:00Z' });
    const actions = r.rows.map((e: { action: string; principal: string }) => `${e.action} ${e.principal}`);
    expect(actions.filter((a: string) => !a.startsWith('sagemaker:InvokeEndpoint '))).toEqual([`sts:AssumeRole ${X.attacker.user}`, `s3:GetObject ${X.attacker.role}`]);
    for (const e of r.rows) expect(e.time >= '2026-11-30T12:00:00Z' && e.time < '2026-11-30T14:00:00Z').toBe(true);
  }, 60_000);

  test('csv: one header row of the event columns, the warnings before it as # lines', async () => {
    const r = await cli('investigate', 'timeline', '--logs', 'copy/data-capture', '--format', 'csv');
    expect(r.out.split('\n').slice(0, 3)).toEqual(['# timeline from=0001-01-01T00:00:00Z to=9999-12-31T23:59:59Z', EVENT_COLUMNS.join(','), `${DATA_CAPTURE.times[0]},aws,,,,,,sagemaker:InvokeEndpoint (data capture),${DATA_CAPTURE.endpoint},success,${DATA_CAPTURE.file.replace(/^data-capture\//, '')},1`]);
  });

  test('--output writes the answer to a file outside the copy and says so on stdout', async () => {
    const r = await cli('investigate', 'timeline', '--logs', 'copy/data-capture', '--format', 'html', '--output', 'timeline.html');
    expect(r).toEqual({ code: 0, out: 'timeline: 3 rows; html written to timeline.html\n', err: '' });
    expect(fs.readFileSync(path.join(dir, 'timeline.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});
