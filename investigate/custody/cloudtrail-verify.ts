/**
 * CloudTrail's digest chain, verified over a copy of a trail's bucket: a local forensic copy made by
 * `forensic-readiness pull` (signatures in the `.metadata.json` sidecars) or the bucket itself
 * (cloudtrail-s3.ts reads it into the same TrailCopy shape).
 *
 * As AWS documents it ("CloudTrail digest file structure", "Validating CloudTrail log file
 * integrity") and aws-cli's `cloudtrail validate-logs` implements it, per trail and region:
 * - each digest is signed (RSA PKCS#1 v1.5, SHA-256) over `digestEndTime \n digestS3Bucket/
 *   digestS3Object \n hex(SHA-256 of the decompressed digest) \n previousDigestSignature` (the
 *   word `null` for the first digest of a chain), with the regional key its
 *   `digestPublicKeyFingerprint` names; the signature and its algorithm are the object's user
 *   metadata `signature` and `signature-algorithm`;
 * - a digest not at the key it names (`digestS3Object`) has been moved: invalid;
 * - each digest names its predecessor (`previousDigestS3Object`, `previousDigestHashValue`,
 *   `previousDigestSignature`); a chain that restarts (no predecessor) means logging or
 *   validation was off;
 * - `_backfill` digests name log files the hourly digests missed; they are verified alike, with
 *   the key valid at their `backfill-generation-timestamp` (± 1 hour, as aws-cli allows);
 * - every log file a digest names is hashed (SHA-256 of its decompressed content).
 * Beyond aws-cli: the predecessor's hash and signature are compared with the file in the copy
 * (aws-cli only follows the key), the key must be valid at the digest's time, log files no
 * digest names are reported, and every hour of the period asked for gets a verdict.
 *
 * Verdicts: valid (proven), invalid (proven altered, moved, missing or wrongly signed), not
 * provable (nothing in the copy proves it either way: no signature sidecar, no key, no digest).
 */
import { InputError } from '../../constructs/core/input-error';
import { Digest, HOUR, KeyMapping, isoSeconds, judgeDigest, str, toCopyKey } from './cloudtrail-digest';
import { DigestPublicKeys } from './cloudtrail-keys';
import { repeatedKey } from '../json-keys';

export type Verdict = 'valid' | 'invalid' | 'not provable';

/** A copy of a trail's bucket, as the verifier reads it. */
export interface TrailCopy {
  /** What the user named: a folder or s3://bucket/prefix. */
  readonly label: string;
  /** The bucket, when the copy is the bucket itself (a local copy does not know it). */
  readonly bucket?: string;
  /** Every object key, relative to the copy's root, sidecars left out. */
  readonly keys: readonly string[];
  /**
   * Entries of a local copy that are neither files nor folders (symbolic links, devices): no object
   * of the bucket is one, and they are never followed. @default none
   */
  readonly notObjects?: readonly string[];
  /** Whether any object in the copy has its metadata (a local copy without sidecars has none). */
  readonly hasMetadata: boolean;
  /** A digest's bytes (gzipped, as stored) and user metadata; metadata undefined when there is no sidecar. */
  digest(key: string): { readonly body: Buffer; readonly metadata?: Readonly<Record<string, string>>; readonly metadataProblem?: string };
  /** SHA-256 (hex) of a log file's decompressed content, or why it cannot be computed. */
  logSha256(key: string): string | { readonly error: string };
  /**
   * The eventTime of each record of a file where the trail delivers its log files (ms; NaN for a
   * record whose time is no ISO 8601 UTC time), or why its records cannot be read (recordTimes).
   */
  logEventTimes(key: string): readonly number[] | { readonly error: string };
  /** For a copy read in part (s3://, the period's digests only): whether a digest's content was read. @default every digest */
  readonly digestRead?: (key: string) => boolean;
}

/** The form of every eventTime CloudTrail writes: UTC, to the second (`2026-11-30T13:05:01Z`). */
export const CLOUDTRAIL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * A CloudTrail eventTime as ms, NaN unless it is in the form CloudTrail writes (CLOUDTRAIL_TIME)
 * and a real time (Date.parse rolls 2026-02-30 over to March 2: not a time).
 */
export function cloudTrailTime(t: unknown): number {
  if (typeof t !== 'string' || !CLOUDTRAIL_TIME.test(t)) return NaN;
  const ms = Date.parse(t);
  return !Number.isNaN(ms) && new Date(ms).toISOString().replace(/\.000Z$/, 'Z') === t ? ms : NaN;
}

/**
 * The eventTime of each record of a CloudTrail log file's (decompressed) content: ms, NaN when a
 * record has none in the form CloudTrail writes (cloudTrailTime), or why the content is no
 * `{"Records": [...]}` CloudTrail wrote: not JSON, or a key repeated within one object (JSON.parse
 * keeps the last of them, DuckDB and so `investigate` the first).
 */
export function recordTimes(raw: Buffer): readonly number[] | { readonly error: string } {
  let doc: unknown;
  const text = raw.toString('utf8');
  try {
    doc = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  const repeated = repeatedKey(text);
  if (repeated !== undefined) return { error: `the key ${JSON.stringify(repeated)} is repeated within one object: CloudTrail writes each key once, and readers differ on which value stands` };
  const records = (doc as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return { error: 'no "Records" array' };
  return records.map((r) => cloudTrailTime((r as { eventTime?: unknown } | null)?.eventTime));
}

export interface VerifyOptions {
  /** Start of the period asked for (ms), inclusive. @default the oldest digest's start, per trail */
  readonly from?: number;
  /** End of the period asked for (ms), exclusive. @default the newest digest's end, per trail */
  readonly to?: number;
}

export interface FileVerdict {
  /** Key in the copy (relative to its root). */
  readonly key: string;
  readonly kind: 'digest' | 'backfill digest' | 'log';
  readonly verdict: Verdict;
  /** Why it is not valid. */
  readonly reason?: string;
  /** For a log file: the digest that names it. */
  readonly digest?: string;
}

export interface PeriodVerdict {
  /** The trail id (see TrailVerdict.id). */
  readonly trail: string;
  /** ISO 8601, second precision. */
  readonly start: string;
  readonly end: string;
  readonly verdict: Verdict;
  /** The digest covering it; none for a gap. */
  readonly digest?: string;
  readonly reason?: string;
}

export interface TrailVerdict {
  /** `ACCOUNT/REGION/TRAIL` (with `o-ORG/` in front for an organization trail). */
  readonly id: string;
  readonly organization?: string;
  readonly account: string;
  readonly region: string;
  readonly trail: string;
  readonly homeRegion: string;
  /** The period judged for it (ISO 8601). */
  readonly start: string;
  readonly end: string;
  readonly verdict: Verdict;
}

export type Counts = Readonly<Record<'valid' | 'invalid' | 'notProvable', number>>;

export interface CloudTrailVerification {
  readonly source: string;
  readonly window?: { readonly from?: string; readonly to?: string };
  readonly verdict: Verdict;
  readonly summary: { readonly digests: Counts; readonly backfillDigests: Counts; readonly logFiles: Counts; readonly periods: Counts };
  readonly trails: readonly TrailVerdict[];
  /** Per hour (each digest's period) and per gap, in time order per trail. */
  readonly periods: readonly PeriodVerdict[];
  /** Every digest and log file judged, in key order. */
  readonly files: readonly FileVerdict[];
}

const DIGEST_KEY = /^(.*?)AWSLogs\/(?:(o-[a-z0-9]+)\/)?(\d{12})\/CloudTrail-Digest\/([a-z0-9-]+)\/\d{4}\/\d{2}\/\d{2}\/(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\d{8}T\d{6}Z)(_backfill)?\.json\.gz$/;
const LOG_KEY = /^(.*?)AWSLogs\/(?:(o-[a-z0-9]+)\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/\d{4}\/\d{2}\/\d{2}\/\d{12}_CloudTrail_[a-z0-9-]+_(\d{8}T\d{4})Z_[A-Za-z0-9]+\.json\.gz$/;

/**
 * Where a trail delivers (`AWSLogs/[o-ORG/]ACCOUNT/CloudTrail[-Digest]/REGION/...`), and the day of
 * the folder a key is in: every file there is a log file or digest by CloudTrail's names, or an
 * object no digest can account for (investigate reads any `.json[.gz]` under CloudTrail/).
 */
const TRAIL_AREA = /^(.*?)AWSLogs\/(?:o-[a-z0-9]+\/)?\d{12}\/(CloudTrail|CloudTrail-Digest)\/(?:[^/]+\/(\d{4})\/(\d{2})\/(\d{2})\/)?/;
const DAY = 24 * HOUR;

/** Whether a key is a CloudTrail digest file (hourly or backfill). */
export const isDigestKey = (key: string): boolean => DIGEST_KEY.test(key);
/** Whether a key is a CloudTrail log file. */
export const isLogKey = (key: string): boolean => LOG_KEY.test(key);
/** Whether investigate reads a key as a CloudTrail log file (a `.json[.gz]` under CloudTrail/), whatever its name. */
export const isTrailLogAreaKey = (key: string): boolean => TRAIL_AREA.exec(key)?.[2] === 'CloudTrail' && /\.json(\.gz)?$/.test(key);

/** `20261130T130501Z` or `20261130T1305` as ms. */
function stampMs(stamp: string): number {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?/.exec(stamp)!;
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0);
}

interface Chain {
  readonly id: string;
  readonly organization?: string;
  readonly account: string;
  readonly region: string;
  readonly trail: string;
  readonly homeRegion: string;
  readonly digests: Digest[];
}

/** Verifies the digests and log files of a copy. Throws InputError when the copy is not a trail's. */
export function verifyTrailCopy(copy: TrailCopy, keys: DigestPublicKeys, options: VerifyOptions = {}): CloudTrailVerification {
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const chains = new Map<string, Chain>();
  const byKey = new Map<string, Digest>();
  const allDigestKeys = new Set<string>();
  const logKeys: { key: string; time: number }[] = [];
  // Files where the trail delivers that CloudTrail did not name so: a digest cannot name them.
  const strays: { key: string; kind: 'log' | 'digest'; outside?: true }[] = [];
  // Digests outside the period (and its margin), unread: one may name a log file whose records are in the period.
  const outsideDigests: Digest[] = [];
  for (const key of copy.keys) {
    const d = DIGEST_KEY.exec(key);
    if (d) {
      allDigestKeys.add(key);
      const [, , org, account, region, , , trail, homeRegion, stamp, backfill] = d;
      const keyTime = stampMs(stamp);
      const id = `${org ? `${org}/` : ''}${account}/${region}/${trail}`;
      const digest: Digest = { key, chain: id, backfill: backfill !== undefined, keyTime, start: keyTime - HOUR, end: keyTime, verdict: 'valid' };
      // The digest ending at keyTime covers about the hour before it; take a margin either side.
      if (keyTime <= from || keyTime - 2 * HOUR >= to) {
        outsideDigests.push(digest);
        continue;
      }
      let chain = chains.get(id);
      if (!chain) chains.set(id, (chain = { id, ...(org ? { organization: org } : {}), account, region, trail, homeRegion, digests: [] }));
      chain.digests.push(digest);
      byKey.set(key, digest);
      continue;
    }
    const l = LOG_KEY.exec(key);
    if (l) {
      logKeys.push({ key, time: stampMs(l[5]) });
      continue;
    }
    const a = TRAIL_AREA.exec(key);
    if (!a) continue;
    // In a day's folder: judged when the day touches the period asked for; outside it, a file investigate
    // reads as CloudTrail (.json[.gz] under CloudTrail/) is judged when its records are in the period.
    const day = a[3] ? Date.UTC(+a[3], +a[4] - 1, +a[5]) : undefined;
    const kind = a[2] === 'CloudTrail' ? 'log' : 'digest';
    if (day === undefined || (day + DAY > from && day < to)) strays.push({ key, kind });
    else if (isTrailLogAreaKey(key)) strays.push({ key, kind, outside: true });
  }
  if (allDigestKeys.size === 0) {
    throw new InputError(`${copy.label}: holds no CloudTrail digest files (AWSLogs/ACCOUNT/CloudTrail-Digest/REGION/...); not a copy of a trail's bucket, or log file validation is off`);
  }
  if (!copy.hasMetadata) {
    throw new InputError(`${copy.label}: no digest has its .metadata.json sidecar, so no signature can be checked; copy the bucket with forensic-readiness pull (aws s3 sync drops object metadata)`);
  }

  // Each digest on its own: readable, where it says, signed by a key valid then.
  for (const digest of byKey.values()) judgeDigest(digest, copy, keys);
  // One copy, one root: a digest that maps to its key only under another root than the others' was moved.
  const root = copyRoot(copy, [...byKey.values()]);
  for (const digest of byKey.values()) {
    if (!digest.mapping || mappingKey(digest.mapping) === mappingKey(root)) continue;
    digest.verdict = 'invalid';
    digest.reason = `moved: it names s3://${str(digest.body?.digestS3Bucket)}/${str(digest.body?.digestS3Object)}`;
    digest.mapping = undefined;
  }
  for (const chain of chains.values()) chain.digests.sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
  // Keep those whose period touches the window (the margin above read a few more).
  for (const chain of chains.values()) {
    const kept = chain.digests.filter((d) => d.end > from && d.start < to);
    const keep = new Set(kept);
    for (const d of chain.digests) {
      if (keep.has(d)) continue;
      byKey.delete(d.key);
      outsideDigests.push(d);
    }
    chain.digests.splice(0, chain.digests.length, ...kept);
    if (kept.length === 0) chains.delete(chain.id);
  }
  if (byKey.size === 0) throw new InputError(`${copy.label}: no digest covers the period asked for (--from/--to)`);
  const mappingFor = (d: Digest) => d.mapping ?? root;

  // The chain: each digest's predecessor, as the copy holds it.
  const files: FileVerdict[] = [];
  const gapReasons = new Map<Digest, string>();
  for (const chain of chains.values()) {
    for (const [i, digest] of chain.digests.entries()) {
      const prev = digest.body?.previousDigestS3Object;
      if (digest.body === undefined) continue;
      if (prev === null || prev === undefined) {
        gapReasons.set(digest, `the chain restarts at ${digest.key} (it has no previous digest): logging or log file validation was off`);
        continue;
      }
      if (typeof prev !== 'string') continue;
      if (copy.bucket !== undefined && digest.body.previousDigestS3Bucket !== copy.bucket) continue; // another bucket: not in this copy
      const prevKey = toCopyKey(prev, mappingFor(digest));
      const p = prevKey === undefined ? undefined : byKey.get(prevKey);
      if (p) {
        if (p.sha256 !== undefined && p.sha256 !== digest.body.previousDigestHashValue) {
          markInvalid(p, `not the digest that ${digest.key} names as its previous: previousDigestHashValue ${String(digest.body.previousDigestHashValue)}, its SHA-256 ${p.sha256}`);
        } else if (p.signature !== undefined && p.signature !== digest.body.previousDigestSignature) {
          markInvalid(p, `not the digest that ${digest.key} names as its previous: its signature differs from previousDigestSignature`);
        }
        continue;
      }
      const prevStamp = DIGEST_KEY.exec(prev)?.[9];
      const prevTime = prevStamp ? stampMs(prevStamp) : digest.start;
      // Before the period asked for: by default that starts with the oldest digest of the chain.
      if (prevTime <= from || (options.from === undefined && i === 0)) continue;
      if (prevKey !== undefined && allDigestKeys.has(prevKey)) continue; // in the copy, outside the window read
      const movedTo = [...byKey.values()].find((d) => d !== digest && str(d.body?.digestS3Object) === prev);
      const where = prevKey ?? prev;
      files.push({ key: where, kind: digest.backfill ? 'backfill digest' : 'digest', verdict: 'invalid', reason: `named as its previous digest by ${digest.key}, absent from the copy${movedTo ? ` (a copy of it is at ${movedTo.key})` : ''}` });
      gapReasons.set(digest, `digest ${where}, which ${digest.key} names as its previous, is missing`);
    }
  }

  // Log files: each one a digest names, hashed; each one in the copy that none names.
  const named = new Map<string, { digest: Digest; hash: unknown }>();
  for (const digest of byKey.values()) {
    const list = digest.body?.logFiles;
    if (!Array.isArray(list)) continue;
    for (const lf of list as { s3Bucket?: unknown; s3Object?: unknown; hashValue?: unknown }[]) {
      const s3Object = str(lf?.s3Object);
      if (!s3Object) continue;
      if (copy.bucket !== undefined && lf.s3Bucket !== copy.bucket) continue;
      const key = toCopyKey(s3Object, mappingFor(digest)) ?? s3Object;
      const seen = named.get(key);
      if (!seen || (seen.digest.verdict !== 'valid' && digest.verdict === 'valid')) named.set(key, { digest, hash: lf.hashValue });
    }
  }
  const present = new Set(copy.keys);
  const logProblems = new Map<Digest, string>();
  for (const [key, { digest, hash }] of named) {
    const trusted = digest.verdict === 'valid';
    const untrusted = `named only by ${digest.key}, which is ${digest.verdict}`;
    let verdict: Verdict = 'valid';
    let reason: string | undefined;
    if (!present.has(key)) {
      verdict = trusted ? 'invalid' : 'not provable';
      reason = trusted ? `named by ${digest.key}, absent from the copy` : `absent from the copy; ${untrusted}`;
    } else {
      const sha = copy.logSha256(key);
      if (typeof sha !== 'string') [verdict, reason] = trusted ? ['invalid', sha.error] : ['not provable', `${sha.error}; ${untrusted}`];
      else if (sha !== hash) [verdict, reason] = trusted ? ['invalid', `SHA-256 of its content ${sha} differs from ${String(hash)} in ${digest.key}`] : ['not provable', untrusted];
      else if (!trusted) [verdict, reason] = ['not provable', untrusted];
    }
    if (verdict === 'invalid' && !logProblems.has(digest)) logProblems.set(digest, `log file ${key}: ${reason}`);
    files.push({ key, kind: 'log', verdict, ...(reason ? { reason } : {}), digest: digest.key });
  }
  // A log file outside the period by its name (or its day folder) is in it when its records are:
  // investigate selects records by their eventTime, wherever the file is.
  const inPeriod = (key: string): string | undefined => {
    const times = copy.logEventTimes(key);
    if ('error' in times) return `its records cannot be read (${times.error}), so it cannot be shown to lie outside the period asked for`;
    const untimed = times.filter((t) => Number.isNaN(t)).length;
    if (untimed > 0) return `${untimed} of its ${times.length} records have no eventTime CloudTrail writes (YYYY-MM-DDTHH:MM:SSZ), so it cannot be shown to lie outside the period asked for`;
    const inside = times.filter((t) => t >= from && t <= to);
    return inside.length > 0 ? `${inside.length} of its ${times.length} records have an eventTime in the period asked for (the first ${isoSeconds(Math.min(...inside))}), though its name puts it outside` : undefined;
  };
  const outsideNamed = outsideVouchers(copy, keys, root, outsideDigests, byKey);
  for (const { key, time } of logKeys) {
    if (named.has(key)) continue;
    if (time >= from && time < to) {
      files.push({ key, kind: 'log', verdict: 'not provable', reason: 'no digest in the copy names it' });
      continue;
    }
    const why = inPeriod(key);
    if (why === undefined) continue; // outside the period, by its name and by every record
    const vouch = outsideNamed(key, time);
    if (!vouch) files.push({ key, kind: 'log', verdict: 'not provable', reason: `no digest in the copy names it; ${why}` });
    else {
      const sha = copy.logSha256(key);
      const reason = typeof sha !== 'string' ? sha.error : sha !== vouch.hash ? `SHA-256 of its content ${sha} differs from ${String(vouch.hash)} in ${vouch.digest.key}` : undefined;
      files.push({ key, kind: 'log', verdict: reason ? 'invalid' : 'valid', ...(reason ? { reason } : {}), digest: vouch.digest.key });
    }
  }
  for (const { key, kind, outside } of strays) {
    const why = outside ? inPeriod(key) : undefined;
    if (outside && why === undefined) continue;
    const names = kind === 'log' ? 'ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_ID.json.gz' : 'ACCOUNT_CloudTrail-Digest_REGION_TRAIL_HOMEREGION_YYYYMMDDTHHMMSSZ.json.gz';
    files.push({ key, kind, verdict: 'not provable', reason: `not named as CloudTrail names its ${kind === 'log' ? 'log files' : 'digests'} (${names}) where the trail delivers: no digest can account for it${why ? `; ${why}` : ''}` });
  }
  for (const key of copy.notObjects ?? []) {
    if (!TRAIL_AREA.test(key) && !isDigestKey(key) && !isLogKey(key)) continue;
    files.push({ key, kind: key.includes('/CloudTrail-Digest/') ? 'digest' : 'log', verdict: 'not provable', reason: 'a symbolic link or other entry that is not a file: not an object of the bucket, not followed' });
  }
  for (const digest of byKey.values()) {
    files.push({ key: digest.key, kind: digest.backfill ? 'backfill digest' : 'digest', verdict: digest.verdict, ...(digest.reason ? { reason: digest.reason } : {}) });
  }
  files.sort((a, b) => a.key.localeCompare(b.key));

  // Every hour asked for: each hourly digest's period, and each gap between them.
  const periods: PeriodVerdict[] = [];
  const trails: TrailVerdict[] = [];
  for (const chain of [...chains.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const hourly = chain.digests.filter((d) => !d.backfill);
    if (hourly.length === 0) continue;
    const start = Math.max(from, hourly[0].start);
    const end = Math.min(to, Math.max(...hourly.map((d) => d.end)));
    const rows: PeriodVerdict[] = [];
    const clip = (s: number, e: number) => [Math.max(s, from), Math.min(e, to)] as const;
    const gap = (s: number, e: number, reason: string) => {
      const [cs, ce] = clip(s, e);
      if (ce > cs) rows.push({ trail: chain.id, start: isoSeconds(cs), end: isoSeconds(ce), verdict: 'not provable', reason });
    };
    if (from > -Infinity && hourly[0].start > from) gap(from, hourly[0].start, gapReasons.get(hourly[0]) ?? 'no digest in the copy covers it');
    let covered = hourly[0].start;
    for (const d of hourly) {
      if (d.start > covered) gap(covered, d.start, gapReasons.get(d) ?? 'no digest in the copy covers it');
      const [cs, ce] = clip(d.start, d.end);
      const problem = d.verdict === 'valid' ? logProblems.get(d) : d.reason;
      const verdict: Verdict = d.verdict === 'valid' && problem ? 'invalid' : d.verdict;
      if (ce > cs) rows.push({ trail: chain.id, start: isoSeconds(cs), end: isoSeconds(ce), verdict, digest: d.key, ...(problem ? { reason: problem } : {}) });
      covered = Math.max(covered, d.end);
    }
    if (to < Infinity && covered < to) gap(covered, to, 'no digest in the copy covers it');
    periods.push(...rows);
    trails.push({
      id: chain.id,
      ...(chain.organization ? { organization: chain.organization } : {}),
      account: chain.account,
      region: chain.region,
      trail: chain.trail,
      homeRegion: chain.homeRegion,
      start: isoSeconds(from > -Infinity ? from : start),
      end: isoSeconds(to < Infinity ? to : end),
      verdict: worst(rows.map((r) => r.verdict)),
    });
  }

  const count = (xs: readonly { verdict: Verdict }[]): Counts => ({
    valid: xs.filter((x) => x.verdict === 'valid').length,
    invalid: xs.filter((x) => x.verdict === 'invalid').length,
    notProvable: xs.filter((x) => x.verdict === 'not provable').length,
  });
  const window = options.from !== undefined || options.to !== undefined ? { ...(options.from !== undefined ? { from: isoSeconds(options.from) } : {}), ...(options.to !== undefined ? { to: isoSeconds(options.to) } : {}) } : undefined;
  return {
    source: copy.label,
    ...(window ? { window } : {}),
    verdict: worst([...files, ...periods].map((x) => x.verdict)),
    summary: {
      digests: count(files.filter((f) => f.kind === 'digest')),
      backfillDigests: count(files.filter((f) => f.kind === 'backfill digest')),
      logFiles: count(files.filter((f) => f.kind === 'log')),
      periods: count(periods),
    },
    trails,
    periods,
    files,
  };
}

const mappingKey = (m: KeyMapping): string => `${m.strip}\n${m.add}`;

/**
 * For a log file outside the period whose records are in it: the valid digest outside the period
 * that names it, with the hash it names. CloudTrail names a log file in the digest of the hour it
 * delivered it (the time in its name), so the digests ending up to 3 hours after that time are read
 * (only those, only when such a file turns up); each is judged alone (format, place, signature,
 * key): the chain outside the period is not the claim.
 */
function outsideVouchers(copy: TrailCopy, keys: DigestPublicKeys, root: KeyMapping, outside: readonly Digest[], inPeriod: ReadonlyMap<string, Digest>): (key: string, time: number) => { digest: Digest; hash: unknown } | undefined {
  const read = new Set<Digest>();
  const named = new Map<string, { digest: Digest; hash: unknown }>();
  return (key, time) => {
    for (const d of outside) {
      if (read.has(d) || d.keyTime < time || d.keyTime > time + 3 * HOUR || inPeriod.has(d.key) || copy.digestRead?.(d.key) === false) continue;
      read.add(d);
      if (d.body === undefined && d.reason === undefined) judgeDigest(d, copy, keys); // those beside the period were judged with it
      if (d.verdict !== 'valid' || !d.mapping || mappingKey(d.mapping) !== mappingKey(root) || !Array.isArray(d.body?.logFiles)) continue;
      for (const lf of d.body.logFiles as { s3Bucket?: unknown; s3Object?: unknown; hashValue?: unknown }[]) {
        const s3Object = str(lf?.s3Object);
        if (!s3Object || (copy.bucket !== undefined && lf.s3Bucket !== copy.bucket)) continue;
        named.set(toCopyKey(s3Object, d.mapping) ?? s3Object, { digest: d, hash: lf.hashValue });
      }
    }
    return named.get(key);
  };
}

/** The root of the copy: the bucket itself when the copy is the bucket, else the mapping most digests agree on. */
function copyRoot(copy: TrailCopy, digests: readonly Digest[]): KeyMapping {
  const identity = { strip: '', add: '' };
  if (copy.bucket !== undefined) return identity;
  const votes = new Map<string, { mapping: KeyMapping; n: number }>();
  for (const d of digests) {
    if (!d.mapping) continue;
    const k = mappingKey(d.mapping);
    votes.set(k, { mapping: d.mapping, n: (votes.get(k)?.n ?? 0) + 1 });
  }
  return [...votes.values()].sort((a, b) => b.n - a.n || Number(mappingKey(b.mapping) === '\n') - Number(mappingKey(a.mapping) === '\n'))[0]?.mapping ?? identity;
}

function worst(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('invalid')) return 'invalid';
  if (verdicts.includes('not provable') || verdicts.length === 0) return 'not provable';
  return 'valid';
}

function markInvalid(d: Digest, reason: string): void {
  if (d.verdict === 'invalid') return;
  d.verdict = 'invalid';
  d.reason = reason;
}
