/**
 * `forensic-readiness verify cloudtrail PATH --public-keys FILE`: prove a trail's log files complete
 * and unaltered from CloudTrail's signed digest chain (investigate/custody/cloudtrail-verify.ts).
 * PATH is a local copy made by `pull` or s3://bucket/prefix, read directly (then the command is
 * asynchronous: it returns a promise of its exit code).
 */
import * as path from 'path';
import { InputError, printable } from '../../policies/engine/errors';
import { localTrailCopy, parseS3Url, s3TrailCopy } from '../../investigate/custody/cloudtrail-copy';
import { loadPublicKeys } from '../../investigate/custody/cloudtrail-keys';
import { CloudTrailVerification, FileVerdict, PeriodVerdict, Verdict, verifyTrailCopy } from '../../investigate/custody/cloudtrail-verify';
import * as crypto from 'crypto';
import * as fs from 'fs';
import { CustodyOptions, appendCustodyRecord, identityOf, prepareCustodyStore } from '../../investigate/custody/record';
import { isoTime } from '../../investigate/engine';
import { parseLocation } from '../../investigate/custody/sources';
import { CliIo, Command, CommandArgs, helpRows } from './command';
import { cwdOf, writeOutput } from './common';
import { CUSTODY_HELP, CUSTODY_OPTIONS, caseIdOf, custodyLogOf, custodyOptions, refuseOutputsInInputs } from './custody';

const FORMATS = ['text', 'json'] as const;
const HOUR = 3_600_000;

export const VERIFY: Command = {
  name: 'verify',
  synopsis: 'verify cloudtrail PATH',
  summary: [
    "Verify a trail's digest chain: signatures, chain, every log file's hash.",
    'PATH: a copy made by pull, or s3://bucket/prefix.',
  ],
  help: [
    'Options of verify cloudtrail:',
    helpRows([
      ['--public-keys FILE', 'Saved output of aws cloudtrail list-public-keys --start-time', '--end-time (each region: one output or a JSON array of them).'],
      ['--from TIME, --to TIME', 'The period to prove (ISO 8601, e.g. 2026-11-30 or', '2026-11-30T13:00:00Z; default: what the digests cover).'],
      [`--format ${FORMATS.join('|')}`, 'Output format (default: text).'],
      ['--output FILE', 'Write the result to FILE (atomically), not stdout.'],
      ...CUSTODY_HELP,
    ]),
    '  With --case, --custody-log or --custody-store the verification is appended to the custody',
    '  log (the keys file and the result with their SHA-256).',
    '  Exit 0 when every digest, log file and hour asked for is proven valid; 1 when',
    '  anything is invalid or not provable; 2 for bad input.',
  ].join('\n'),
  options: { 'public-keys': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, output: { type: 'string' }, ...CUSTODY_OPTIONS },
  takesPaths: true,
  run(args, io) {
    const [what, source, ...extra] = args.paths;
    if (what !== 'cloudtrail') throw new InputError(what === undefined ? 'verify needs what to verify: verify cloudtrail PATH --public-keys FILE' : `verify can verify cloudtrail, got ${JSON.stringify(what)}`);
    if (source === undefined) throw new InputError('verify cloudtrail needs a PATH: a copy made by pull, or s3://bucket/prefix');
    if (extra.length > 0) throw new InputError(`verify cloudtrail takes one PATH, got ${args.paths.length - 1}`);
    const format = args.value('format') ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) throw new InputError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
    const keysFile = args.value('public-keys');
    if (!keysFile) throw new InputError('verify cloudtrail needs --public-keys FILE: the saved output of aws cloudtrail list-public-keys --start-time ... --end-time ...');
    const from = timeOption(args.value('from'), '--from');
    const to = timeOption(args.value('to'), '--to');
    if (from !== undefined && to !== undefined && to <= from) throw new InputError(`--to ${args.value('to')} is not after --from ${args.value('from')}`);
    const cwd = cwdOf(io);
    const output = args.value('output');
    const custody = args.value('case') !== undefined || args.value('custody-log') !== undefined || args.value('custody-store') !== undefined ? custodyOptions(args, io) : undefined;
    // Nothing lands inside the evidence it judges, nor over the keys file: the result, the custody log.
    refuseOutputsInInputs(
      [...(output ? [{ flag: '--output', text: output }] : []), ...(custody ? [custodyLogOf(args)] : [])],
      [{ text: keysFile, copy: false }, ...(parseS3Url(source) ? [] : [{ text: source, copy: true }])],
      cwd,
    );
    const keys = loadPublicKeys(path.resolve(cwd, keysFile), keysFile);
    const record = custody && recorder(custody, args, io, source, path.resolve(cwd, keysFile));
    const finish = (result: CloudTrailVerification): number | Promise<number> => {
      writeOutput(io, output, format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderText(result, keysFile));
      if (output) io.stdout(`${printable(`${verdictLine(result)}; ${format} result written to ${output}`)}\n`);
      const code = result.verdict === 'valid' ? 0 : 1;
      return record ? record(result).then(() => code) : code;
    };
    const options = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    if (parseS3Url(source)) {
      const lo = (from ?? -Infinity) - 2 * HOUR;
      const hi = (to ?? Infinity) + 3 * HOUR;
      const wanted = (key: string) => {
        const stamp = /_(\d{8}T\d{4,6})Z(?:_[A-Za-z0-9]+)?(?:_backfill)?\.json\.gz$/.exec(key)?.[1];
        if (!stamp) return true;
        const ms = Date.UTC(+stamp.slice(0, 4), +stamp.slice(4, 6) - 1, +stamp.slice(6, 8), +stamp.slice(9, 11), +stamp.slice(11, 13));
        return ms >= lo && ms <= hi;
      };
      // With a period, every log file is read: one named outside it may hold records inside it.
      return s3TrailCopy(source, wanted, from !== undefined || to !== undefined).then((copy) => finish(verifyTrailCopy(copy, keys, options)));
    }
    return finish(verifyTrailCopy(localTrailCopy(path.resolve(cwd, source), source), keys, options));
  },
};

/**
 * The custody record of a verification, when the user asked for one (--case, --custody-log or
 * --custody-store): the source, the keys file with its SHA-256, and the verdict with its counts.
 */
function recorder(custody: CustodyOptions, args: CommandArgs, io: CliIo, source: string, keysPath: string): (result: CloudTrailVerification) => Promise<void> {
  const caseId = caseIdOf(args, undefined);
  const keysSha256 = crypto.createHash('sha256').update(fs.readFileSync(keysPath)).digest('hex');
  return async (result) => {
    await prepareCustodyStore(custody);
    const location = parseLocation(source, 'PATH', cwdOf(io));
    const rec = await appendCustodyRecord(custody, {
      action: 'verify cloudtrail',
      caseId,
      cloud: [await identityOf(location, location.kind === 's3' ? 'AWS SDK default credentials' : 'local file system')],
      inputs: [
        { name: 'source', value: source },
        { name: 'public-keys', value: keysPath, sha256: keysSha256 },
        ...(result.window?.from ? [{ name: 'from', value: result.window.from }] : []),
        ...(result.window?.to ? [{ name: 'to', value: result.window.to }] : []),
      ],
      result: { verdict: result.verdict, summary: result.summary },
    });
    io.stderr(`${printable(`custody record ${rec.record.seq} in ${custody.log} sha256 ${rec.sha256}${rec.stored ? `, stored at ${rec.stored}` : ''}`)}\n`);
  };
}

/** A --from/--to time as every command reads it (investigate's isoTime: a zone-less time is UTC), as ms. */
function timeOption(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : Date.parse(isoTime(value, flag));
}

const LABEL: Record<Verdict, string> = { valid: 'valid', invalid: 'INVALID', 'not provable': 'NOT PROVABLE' };

function verdictLine(r: CloudTrailVerification): string {
  const c = (x: { valid: number; invalid: number; notProvable: number }, what: string) => `${what} ${x.valid} valid, ${x.invalid} invalid, ${x.notProvable} not provable`;
  const s = r.summary;
  const backfill = s.backfillDigests.valid + s.backfillDigests.invalid + s.backfillDigests.notProvable > 0 ? `; ${c(s.backfillDigests, 'backfill digests')}` : '';
  return `${LABEL[r.verdict]}: ${c(s.digests, 'digests')}${backfill}; ${c(s.logFiles, 'log files')}; ${c(s.periods, 'periods (digest hours and gaps)')}`;
}

/** Per trail its hours (valid runs merged), then every file not valid, then the verdict; every line printable (keys of the copy are anyone's). */
function renderText(r: CloudTrailVerification, keysFile: string): string {
  const window = r.window ? ` from ${r.window.from ?? 'the first digest'} to ${r.window.to ?? 'the last digest'}` : '';
  const out = [`CloudTrail digest verification of ${r.source}${window}, keys from ${keysFile}`, ''];
  for (const t of r.trails) {
    out.push(`trail ${t.trail} (home ${t.homeRegion}), account ${t.account}${t.organization ? ` in ${t.organization}` : ''}, region ${t.region}: ${t.start} to ${t.end}: ${LABEL[t.verdict]}`);
    const rows = r.periods.filter((p) => p.trail === t.id);
    for (let i = 0; i < rows.length; i++) {
      const p = rows[i];
      if (p.verdict === 'valid') {
        let j = i;
        while (j + 1 < rows.length && rows[j + 1].verdict === 'valid' && rows[j + 1].start === rows[j].end) j++;
        out.push(`  ${'valid'.padEnd(13)}${p.start} to ${rows[j].end}  (${j - i + 1} hour${j > i ? 's' : ''})`);
        i = j;
      } else {
        out.push(`  ${LABEL[p.verdict].padEnd(13)}${p.start} to ${p.end}  ${periodWhy(p)}`);
      }
    }
    out.push('');
  }
  const bad = r.files.filter((f) => f.verdict !== 'valid');
  if (bad.length > 0) {
    out.push('files not proven valid:');
    for (const f of bad) out.push(`  ${LABEL[f.verdict].padEnd(13)}${fileLabel(f)} ${f.key}: ${f.reason ?? ''}`);
    out.push('');
  }
  out.push(verdictLine(r), '');
  return out.map(printable).join('\n');
}

const periodWhy = (p: PeriodVerdict): string => (p.digest ? `${p.digest}: ${p.reason ?? ''}` : (p.reason ?? ''));
const fileLabel = (f: FileVerdict): string => (f.kind === 'log' ? 'log file' : f.kind);
