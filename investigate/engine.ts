/**
 * The offline investigation: finds the evidence files under the given paths, recognises each
 * file's layout (investigate/layouts.ts) by its path and first bytes, opens DuckDB in memory,
 * creates every present layout's views over its files (read in place: nothing is copied, loaded
 * whole or written into the copy) and `events`, the UNION ALL of the layouts' `events_<id>`, and
 * answers a question of the catalog or the timeline.
 *
 * AWS questions run queries/aws/<id>.sql byte for byte (the file the InvestigationPack deploys
 * as an Athena prepared statement), its `?` bound in the catalog's parameter order; GCP and Azure
 * questions run queries/<cloud>/offline/<id>.duckdb.sql, a file per question over that cloud's
 * views, parameters named `$<catalog parameter name>`. Rows of every cloud are merged, keys the
 * catalog's answer columns, times ISO 8601 UTC.
 *
 * Bad input is named and skipped, never dropped silently: a path that does not exist, a symbolic
 * link, FIFO, socket or device inside the copy (never followed), a file of no known layout, a gzip
 * file that does not decompress to its end (checked before DuckDB reads it: DuckDB reads a
 * truncated gzip stream silently; its CRC-32 and length checked) or holds bytes after its gzip data,
 * a CloudTrail file with a key repeated within one object or too large to read, a file DuckDB cannot read
 * (each file is then probed alone and the unreadable ones set aside, on every cloud), a malformed
 * line of a JSON-lines file or one DuckDB's line reader cannot hold (each such file is read
 * through once first), a record whose time cannot be read (a layout's `untimed_<id>` view). The kit's own pull sidecars are one warning.
 * A question not answered for some cloud of the inputs says so (Answer.unanswered).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pipeline } from 'stream/promises';
import { Writable } from 'stream';
import { isUtf8 } from 'buffer';
import * as zlib from 'zlib';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { InputError } from '../constructs/core/input-error';
import { question as catalogQuestion, QuestionCloud, QuestionId, QUESTIONS } from '../constructs/core/questions';
import { awsTableOf, awsTablesSql } from './aws';
import { SIDECAR_SUFFIX } from './custody/cloudtrail-copy';
import { pullSidecar } from './custody/sources';
import { isDigestKey } from './custody/cloudtrail-verify';
import { EVENT_COLUMNS, Layout } from './layout';
import { LAYOUTS } from './layouts';
import { queriesDir, readOfflineSql } from './queries';
import { repeatedKey } from './json-keys';
import { END_TIME, FIRST_TIME, MAX_DOCUMENT } from './sql';

/** What `investigate` is asked. */
export interface InvestigateRequest {
  /** A catalog question id, or `timeline`. */
  readonly question: string;
  /** Files or folders of the forensic copy. */
  readonly logs: readonly string[];
  /** `--param name=value`, in the order given (a name may repeat for the timeline). */
  readonly params: readonly (readonly [string, string])[];
  readonly from?: string;
  readonly to?: string;
  /** Folder the paths are relative to. */
  readonly cwd: string;
  /** Layouts to recognise. @default LAYOUTS */
  readonly layouts?: readonly Layout[];
}

/** One group of input files: the files of one layout under one given path. */
export interface InputGroup {
  readonly path: string;
  readonly layout: string;
  readonly cloud: QuestionCloud;
  readonly title: string;
  readonly files: number;
}

/** The answer, as the JSON output gives it (plus what the HTML page needs to link raw records). */
export interface Answer {
  readonly question: string;
  readonly parameters: Record<string, string | string[]>;
  readonly inputs: InputGroup[];
  readonly warnings: string[];
  readonly rows: Record<string, unknown>[];
  /** The answer columns, in order. */
  readonly columns: readonly string[];
  /** rawFile → absolute path, for links to the raw records (not part of the JSON output). */
  readonly rawFiles: ReadonlyMap<string, string>;
  /**
   * The clouds of the inputs for which the question was not answered (the files it reads are not
   * among the inputs, the kit has no query for it, or its query failed), each said why in the
   * warnings; empty when it was answered in full (the timeline always is). Not part of the JSON
   * output: the CLI exits 1 when it is not empty.
   */
  readonly unanswered: readonly QuestionCloud[];
  /**
   * The warnings that say evidence was left out (a file or records not read, records of the window
   * in files outside the partitions read): the answer stands without them. Not part of the JSON
   * output (the warnings are): the CLI exits 1 when it is not empty.
   */
  readonly leftOut: readonly string[];
}

/**
 * The warning texts that say evidence of the inputs was left out of an answer: a file, or records
 * of one, that could not be read, or records of the window in files outside the partitions read.
 * An answer with any is not an answer in full (Answer.leftOut; the CLI exits 1).
 */
const LEFT_OUT = new Set<string>();

/** Adds a warning that evidence was left out (LEFT_OUT). */
function leftOut(warnings: string[], text: string): void {
  LEFT_OUT.add(text);
  warnings.push(text);
}

/** Parameter names as the investigator writes them → the catalog's. */
const ALIASES: Readonly<Record<string, string>> = { endpoint: 'endpointName', address: 'source', interface: 'source', instance: 'source', subnet: 'source' };
/** The timeline's selectors (any catalog name or alias also works): events of these principals / resources / addresses. */
const TIMELINE_SELECTORS = ['principal', 'endpoint', 'location', 'address', 'resource', 'source', 'endpointName'] as const;

/** The default window: every time an event can hold (a time outside it is untimed, and named). */
const FAR_PAST = FIRST_TIME;
const FAR_FUTURE = END_TIME;

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * An ISO 8601 time, checked, in the form the queries take (UTC, seconds, `Z`). Every field must be
 * in range: Date.parse rolls an impossible date over (2026-11-31 to 2026-12-01), so the fields are
 * checked before it. `verify` reads its --from and --to through this function too.
 */
export function isoTime(value: string, what: string): string {
  const expected = `${what} must be an ISO 8601 time (2026-11-30T13:00:00Z), got ${JSON.stringify(value)}`;
  const m = ISO_TIME.exec(value);
  if (!m) throw new InputError(expected);
  const [year, month, day, hour, minute, second, , , offHour, offMinute] = [m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10]].map((x) => (x === undefined ? 0 : Number(x)));
  const days = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  const wrong = month < 1 || month > 12 ? `no month ${m[2]}`
    : day < 1 || day > days ? `${m[1]}-${m[2]} has ${days} days`
      : hour > 23 || minute > 59 || second > 59 ? `no time of day ${m[4]}:${m[5]}${m[6] === undefined ? '' : `:${m[6]}`}`
        : offHour > 23 || offMinute > 59 ? `no offset ${m[8]}` : undefined;
  if (wrong) throw new InputError(`${expected} (${wrong})`);
  const ms = Date.parse(m[4] !== undefined && m[8] === undefined ? `${value}Z` : value);
  if (Number.isNaN(ms)) throw new InputError(expected);
  return formatTime(new Date(ms));
}

/** A time as the answers give it: ISO 8601 UTC, milliseconds only when not zero. */
export function formatTime(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/** Every file under the given paths, with the root it was found under; missing paths are warnings. */
function walk(given: string, cwd: string, warnings: string[]): { root: string; files: string[] } | undefined {
  const abs = path.resolve(cwd, given);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (err) {
    leftOut(warnings, `${given}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`}; skipped`);
    return undefined;
  }
  // A path given (or a shell glob's word) that is a link is read where it points, and said so.
  if (fs.lstatSync(abs).isSymbolicLink()) warnings.push(`${given}: a symbolic link (to ${JSON.stringify(linkTarget(abs))}), given as a path: read where it points`);
  if (st.isFile()) return { root: path.dirname(abs), files: [abs] };
  if (!st.isDirectory()) {
    leftOut(warnings, `${given}: ${kindOf(st)}, not a file or folder of the copy; skipped`);
    return undefined;
  }
  const files: string[] = [];
  const visit = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      leftOut(warnings, `${path.relative(cwd, dir) || dir}: folder cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); skipped`);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) files.push(p);
      else {
        // Not followed: a link may point outside the copy; a FIFO or device would block or never end.
        const shown = posix(path.relative(cwd, p));
        let st: fs.Stats | undefined;
        try {
          st = fs.lstatSync(p);
        } catch (err) {
          leftOut(warnings, `${shown}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); skipped`);
          continue;
        }
        // A file system that gives no entry types (DT_UNKNOWN): lstat tells.
        if (st.isDirectory()) visit(p);
        else if (st.isFile()) files.push(p);
        else if (st.isSymbolicLink()) leftOut(warnings, `${shown}: a symbolic link (to ${JSON.stringify(linkTarget(p))}), not followed: a copy holds files, and a link may point outside it; skipped`);
        else leftOut(warnings, `${shown}: ${kindOf(st)}, not a regular file; skipped`);
      }
    }
  };
  visit(abs);
  return { root: abs, files };
}

const posix = (p: string): string => p.split(path.sep).join('/');

/** What a non-regular entry is, for its warning. */
function kindOf(st: fs.Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Where a symbolic link points, as written in it. */
function linkTarget(p: string): string {
  try {
    return fs.readlinkSync(p);
  } catch {
    return '?';
  }
}

/**
 * Where the gzip data of `raw` ends when bytes that are not another gzip member follow it (each
 * member inflated whole, its header and 8-byte trailer skipped), else undefined: Node's gunzip
 * refuses such a file outright, as if its first bytes did not decompress.
 */
function bytesAfterGzip(raw: Buffer): number | undefined {
  let at = 0;
  while (at + 10 <= raw.length && raw[at] === 0x1f && raw[at + 1] === 0x8b && raw[at + 2] === 8) {
    const flags = raw[at + 3];
    let p = at + 10;
    if (flags & 4) p += 2 + raw.readUInt16LE(p);
    for (const bit of [8, 16]) if (flags & bit) p = raw.indexOf(0, p) + 1;
    if (flags & 2) p += 2;
    if (p <= at || p > raw.length) return undefined;
    try {
      const { engine } = zlib.inflateRawSync(raw.subarray(p), { info: true }) as unknown as { engine: { bytesWritten: number } };
      at = p + engine.bytesWritten + 8;
    } catch {
      return undefined;
    }
  }
  return at > 0 && at < raw.length ? at : undefined;
}

/**
 * A file not gzip up to this size is read whole as its head is (one read of the file, not a head
 * and then a stream of it all): its lines are checked from that read (scanned).
 */
const READ_WHOLE = 4 * 1048576;

/** What reading a whole file found: its lines DuckDB's line reader cannot hold, or why it could not be read. */
type Whole = { scan?: LineScan; bad?: string };

/**
 * The first 4 KiB of a file, decompressed when it is gzip; 'gzip-bad' when a gzip head does not
 * inflate, `after` when it does but other bytes follow the gzip data (at that offset), `bad` when
 * the whole file was read and its gzip trailer does not match its data (gzipProblem). A file not
 * gzip whose head `scan` asks it of (a JSON-lines layout's) and of at most READ_WHOLE bytes is read
 * to its end and its lines checked (LineScan), `whole` what that found (undefined for a larger
 * file: it is read through later, as a stream).
 */
function headOf(file: string, scan?: (head: string) => boolean): { head: string; gzip: boolean; whole?: Whole } | 'gzip-bad' | { after: number } | { bad: string } {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16384);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const raw = buf.subarray(0, n);
    if (raw[0] === 0x1f && raw[1] === 0x8b) {
      try {
        const head = zlib.gunzipSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
        // A gzip member with no data at all (a header cut short) is no evidence either.
        if (head.length === 0) return 'gzip-bad';
        return { head: head.subarray(0, 4096).toString('latin1'), gzip: true };
      } catch (err) {
        // A small file read whole: its data inflated, its trailer (CRC-32, length) does not match it.
        const check = gzipProblem(err);
        if (check.startsWith('corrupt gzip (its')) return { bad: check };
        const after = bytesAfterGzip(raw);
        return after === undefined ? 'gzip-bad' : { after };
      }
    }
    const head = raw.subarray(0, 4096).toString('latin1');
    return { head, gzip: false, whole: scan?.(head) ? readWhole(fd, raw) : undefined };
  } finally {
    fs.closeSync(fd);
  }
}

/** The rest of a file whose first bytes are `first`, its lines checked; undefined when it holds more than READ_WHOLE bytes. */
function readWhole(fd: number, first: Buffer): Whole | undefined {
  let all: Buffer;
  try {
    const size = fs.fstatSync(fd).size;
    if (size > READ_WHOLE) return undefined;
    // One byte more than its size: a file that grew since is read to its end all the same (as a stream).
    all = Buffer.allocUnsafe(Math.max(size, first.length) + 1);
    first.copy(all);
    let n = first.length;
    for (let got = 1; got > 0 && n < all.length; n += got) got = fs.readSync(fd, all, n, all.length - n, n);
    if (n === all.length) return undefined;
    all = all.subarray(0, n);
  } catch (err) {
    return { bad: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  const scan = new LineScan();
  scan.scanAll(all);
  return { scan };
}

/** The longest line DuckDB's line reader holds (jsonLinesSql's max_line_size). */
const MAX_LINE = 33554432;

/**
 * Collects, as a JSON-lines file streams through, the lines DuckDB's line reader cannot hold: a
 * raw 0x01 byte (its delimiter), bytes that are not UTF-8 (neither is JSON text), a line longer
 * than it holds. Without them (handed to the layout's views) one such line costs the whole file.
 */
class LineScan extends Writable {
  readonly unreadable: number[] = [];
  readonly reasons = new Set<string>();
  private line = 1;
  private carry: Buffer[] = [];
  private carried = 0;

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    let start = 0;
    const last = chunk.lastIndexOf(10);
    // The whole lines of a chunk, when none of them is bad (the usual case), are only counted.
    if (last >= 0 && this.carried === 0 && !chunk.subarray(0, last).includes(1) && isUtf8(chunk.subarray(0, last))) {
      for (let nl = chunk.indexOf(10); nl >= 0 && nl <= last; nl = chunk.indexOf(10, nl + 1)) this.line++;
      start = last + 1;
    }
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      this.check(this.carried > 0 ? Buffer.concat([...this.carry, chunk.subarray(start, nl)]) : chunk.subarray(start, nl));
      this.carry = [];
      this.carried = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.carried += chunk.length - start;
      // A line past the limit is bad whatever follows: only its length is kept.
      if (this.carried <= MAX_LINE) this.carry.push(chunk.subarray(start));
      else this.carry = [];
    }
    cb();
  }

  override _final(cb: () => void): void {
    if (this.carried > 0) this.check(Buffer.concat(this.carry), this.carried);
    cb();
  }

  /** The lines of a whole file read at once: as when it streams through in one chunk. */
  scanAll(bytes: Buffer): void {
    const done = (): void => undefined;
    this._write(bytes, 'buffer' as BufferEncoding, done);
    this._final(done);
  }

  private check(line: Buffer, length = this.carried > MAX_LINE ? this.carried : line.length): void {
    const why = length > MAX_LINE ? `longer than ${MAX_LINE / 1048576} MiB` : line.includes(1) ? 'a raw 0x01 byte' : isUtf8(line) ? undefined : 'bytes that are not UTF-8';
    if (why) {
      this.unreadable.push(this.line);
      this.reasons.add(why);
    }
    this.line++;
  }
}

/** What is wrong with a gzip stream, by zlib's error: its trailer, an early end, bytes after it. */
function gzipProblem(err: unknown): string {
  const { code, message } = err as NodeJS.ErrnoException;
  if (code === 'Z_BUF_ERROR') return 'truncated gzip (the stream ends early)';
  if (/incorrect data check/.test(message)) return 'corrupt gzip (its CRC-32 does not match its data)';
  if (/incorrect length check/.test(message)) return 'corrupt gzip (its length, ISIZE, does not match its data)';
  if (/incorrect header check/.test(message)) return 'bytes after the gzip data (not another gzip member)';
  return `corrupt gzip (${code ?? message})`;
}

/** Thrown by a whole document's sink past MAX_DOCUMENT bytes: the read stops there. */
class TooLarge extends Error {}

/**
 * Reads a file to its end, decompressing a gzip one (a truncated or corrupt stream, a trailer that
 * does not match its data, is refused: DuckDB reads the lines it holds without a word), and, for a
 * JSON-lines layout, finds the lines DuckDB's line reader cannot hold (LineScan). A `document`
 * (WHOLE_DOCUMENT; the layout's title) is held and its text checked: no more than MAX_DOCUMENT bytes, no key repeated
 * within one object (JSON.parse keeps the last, DuckDB the first: `verify` and `investigate` would
 * read two records).
 */
async function readThrough(file: string, gzip: boolean, scan: boolean, document?: string): Promise<{ bad?: string; scan?: LineScan }> {
  const held: Buffer[] = [];
  let size = 0;
  const sink = scan ? new LineScan() : new Writable({
    write: (c: Buffer, _e, cb) => {
      if (!document) return cb();
      size += c.length;
      if (size > MAX_DOCUMENT) return cb(new TooLarge());
      held.push(c);
      cb();
    },
  });
  try {
    if (gzip) {
      const source = fs.createReadStream(file);
      const gunzip = zlib.createGunzip();
      await pipeline(source, gunzip, sink);
      // Bytes after the last member that zlib passes over without an error (zero padding): not its data either.
      if (gunzip.bytesWritten < source.bytesRead) return { bad: `bytes after the gzip data (from byte ${gunzip.bytesWritten}, not another gzip member)` };
    } else await pipeline(fs.createReadStream(file), sink);
  } catch (err) {
    if (err instanceof TooLarge) return { bad: `more than ${MAX_DOCUMENT / 1048576} MiB of JSON text${gzip ? ' uncompressed' : ''}, the most the kit reads as one document` };
    const code = (err as NodeJS.ErrnoException).code;
    if (!gzip) return { bad: `cannot be read (${code ?? (err as Error).message})` };
    return { bad: gzipProblem(err) };
  }
  if (document) {
    const key = repeatedKey(Buffer.concat(held, size).toString('utf8'));
    if (key !== undefined) return { bad: `the key ${JSON.stringify(key)} is repeated within one object, which ${document} never writes (readers differ on which value stands: DuckDB reads the first, JSON.parse the last)` };
  }
  return { scan: scan ? (sink as LineScan) : undefined };
}

/** Runs `fn` over items, at most `limit` at a time. */
async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

/**
 * Layouts whose every file is one JSON document (`{"Records": [...]}`): each file is read through
 * before DuckDB reads it, as every gzip file is (its CRC-32 and length checked: a document whose
 * text parses is not proof its stream is whole), and its text checked (readThrough `document`).
 */
const WHOLE_DOCUMENT: ReadonlySet<string> = new Set(['cloudtrail']);

interface Found {
  readonly layout: Layout;
  readonly root: string;
  readonly given: string;
  readonly file: string;
  /** Lines DuckDB's line reader cannot hold (a JSON-lines layout), named, skipped by its views. */
  readonly unreadable?: readonly number[];
}

/** Recognises every file; warnings for the ones of no layout. */
async function recognise(req: InvestigateRequest, layouts: readonly Layout[], warnings: string[]): Promise<Found[]> {
  const found: Found[] = [];
  // Read to their end before DuckDB reads them: every gzip file, every JSON-lines or whole-document file.
  const through: (Found & { gzip: boolean; whole?: Whole })[] = [];
  for (const given of req.logs) {
    const walked = walk(given, req.cwd, warnings);
    if (!walked) continue;
    let known = 0;
    // The kit's own sidecars (pull writes each object's metadata beside it): not evidence to read,
    // and one line for all of them, not one per object.
    const all = new Set(walked.files);
    let sidecars = 0;
    // CloudTrail's digest files, by their name (the chain verify cloudtrail proves): no events, one line for all.
    let digests = 0;
    for (const file of walked.files) {
      // (Only one whose bytes are what pull writes: a file that merely has the name is read as any other.)
      if (file.endsWith(SIDECAR_SUFFIX) && all.has(file.slice(0, -SIDECAR_SUFFIX.length)) && pullSidecar(file) !== undefined) {
        sidecars++;
        continue;
      }
      const rel = posix(path.relative(walked.root, file)) || path.basename(file);
      if (isDigestKey(rel) || isDigestKey(posix(file))) {
        digests++;
        continue;
      }
      const shown = posix(path.relative(req.cwd, file));
      let head: ReturnType<typeof headOf>;
      // Match the path from the root of the copy, and from any AWSLogs/ or bucket folder above it.
      const layoutOf = (h: string): Layout | undefined => layouts.find((l) => l.matches(rel, h) || l.matches(posix(file), h));
      let matched: { head: string; layout: Layout | undefined } | undefined;
      try {
        // A file of a JSON-lines layout, not gzip, is read whole now (when small): its lines checked from that one read.
        head = headOf(file, (h) => {
          matched = { head: h, layout: layoutOf(h) };
          return matched.layout?.jsonLines === true;
        });
      } catch (err) {
        leftOut(warnings, `${shown}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); skipped`);
        continue;
      }
      if (head === 'gzip-bad') {
        leftOut(warnings, `${shown}: corrupt gzip (its first bytes do not decompress); skipped`);
        continue;
      }
      if ('bad' in head) {
        leftOut(warnings, `${shown}: ${head.bad}; skipped`);
        continue;
      }
      if ('after' in head) {
        leftOut(warnings, `${shown}: bytes after the gzip data (from byte ${head.after}, not another gzip member); skipped`);
        continue;
      }
      let layout = matched?.head === head.head ? matched.layout : layoutOf(head.head);
      if (!layout) {
        // An empty file is evidence emptied (a forensic copy holds none); a file at a service's own
        // delivery path whose content is not that service's is evidence that cannot be read (re-saved,
        // corrupted): of a JSON-lines layout whose later lines are its records, read with its first
        // lines named (the line checks); otherwise skipped, named. Another is no evidence the kit reads.
        // (A sidecar of pull whose object is not beside it is no file the service delivered: verify judges it.)
        const there = head.head.length === 0 || file.endsWith(SIDECAR_SUFFIX) ? undefined : layouts.find((l) => l.at?.(rel) || l.at?.(posix(file)));
        if (there?.jsonLines && matchesAfterFirstLines(there, rel, posix(file), head.head)) layout = there;
        else {
          if (head.head.length === 0) leftOut(warnings, `${shown}: not a file of a known evidence layout (empty); skipped`);
          else if (there) leftOut(warnings, `${shown}: at the path of ${there.title}, but its content is not (${contentProblem(head.head)}); skipped`);
          else warnings.push(`${shown}: not a file of a known evidence layout (unrecognised path or content); skipped`);
          continue;
        }
      }
      known++;
      const f = { layout, root: posix(walked.root), given, file: posix(file) };
      if (head.gzip || layout.jsonLines || WHOLE_DOCUMENT.has(layout.id)) through.push({ ...f, gzip: head.gzip, whole: layout.jsonLines ? head.whole : undefined });
      else found.push(f);
    }
    if (sidecars > 0) warnings.push(`${given}: ${sidecars} ${sidecars === 1 ? 'sidecar' : 'sidecars'} <file>${SIDECAR_SUFFIX} of forensic-readiness pull (each object's metadata, beside it; verify reads them), not evidence of a layout; skipped`);
    if (digests > 0) warnings.push(`${given}: ${digests} CloudTrail digest ${digests === 1 ? 'file' : 'files'} (the integrity chain \`verify cloudtrail\` proves), not events; skipped`);
    if (walked.files.length === 0) warnings.push(`${given}: no files`);
    else if (known === 0 && walked.files.length - sidecars - digests > 1) warnings.push(`${given}: none of its ${walked.files.length - sidecars - digests} files is of a known evidence layout`);
  }
  const checks = await eachLimited(through, Math.max(2, os.cpus().length), async (f) => f.whole ?? readThrough(f.file, f.gzip, f.layout.jsonLines === true, WHOLE_DOCUMENT.has(f.layout.id) ? f.layout.title : undefined));
  through.forEach(({ gzip: _gzip, whole: _whole, ...f }, i) => {
    const { bad, scan } = checks[i];
    const shown = posix(path.relative(req.cwd, f.file));
    if (bad) {
      leftOut(warnings, `${shown}: ${bad}; skipped`);
      return;
    }
    const lines = scan?.unreadable ?? [];
    if (lines.length > 0) leftOut(warnings, `${shown}: ${lines.length === 1 ? 'line' : 'lines'} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ', ...' : ''} cannot be read as JSON text (${[...scan!.reasons].join(', ')}); skipped, the rest of the file read`);
    found.push(lines.length > 0 ? { ...f, unreadable: lines } : f);
  });
  return found;
}

/**
 * What is wrong with the first bytes of a file at a layout's path that its layout refuses (the
 * head as headOf decodes it, byte by byte): a UTF-8 byte-order mark (the service never writes one:
 * the file was saved again), NUL bytes, or other content.
 */
function contentProblem(head: string): string {
  if (head.startsWith('\u00ef\u00bb\u00bf') || head.startsWith('\ufeff')) return 'it starts with a UTF-8 byte-order mark, which the service never writes: the file was saved again since delivery';
  const nul = head.indexOf('\0');
  if (nul >= 0) return `NUL bytes from byte ${nul}`;
  return 'its first bytes are not what the service writes there';
}

/** Whether a layout matches a head from one of its next lines on (up to the fifth): its first lines are damaged, its records follow. */
function matchesAfterFirstLines(layout: Layout, rel: string, file: string, head: string): boolean {
  let rest = head;
  for (let i = 0; i < 4; i++) {
    const nl = rest.indexOf('\n');
    if (nl < 0) return false;
    rest = rest.slice(nl + 1);
    if (layout.matches(rel, rest) || layout.matches(file, rest)) return true;
  }
  return false;
}

/** A DuckDB error in one line, without the SQL it quotes. */
const duckMessage = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0].replace(/\s+LINE \d+:.*$/, '');

/** Loads the DuckDB binding lazily: `check` and `report` never pay for it. `threads`: DuckDB's worker threads (default: one per core). */
async function openDuckDb(threads?: number): Promise<{ instance: DuckDBInstance; db: DuckDBConnection; tmp: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance: Instance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  // Spill files, if any, go to a temporary folder of this machine, never beside the copy.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-investigate-'));
  const instance = await Instance.create(':memory:', { temp_directory: tmp, ...(threads ? { threads: String(threads) } : {}) });
  const db = await instance.connect();
  return { instance, db, tmp };
}

/**
 * Reads files of one layout through its events view, every column computed (a count(*) alone
 * would not compute a value, nor fail on one that cannot be cast): the DuckDB error, if any of
 * them cannot be read.
 */
async function probe(db: DuckDBConnection, layout: Layout, files: readonly string[], root: string, unreadable: ReadonlyMap<string, readonly number[]>): Promise<string | undefined> {
  try {
    await db.run(layout.viewSql(files, root, unreadable));
    await db.run(`SELECT ${EVENT_COLUMNS.map((c) => `count("${c}")`).join(', ')} FROM events_${layout.id}`);
    return undefined;
  } catch (err) {
    return duckMessage(err);
  }
}

/** The files of one present layout, and the root its rawFile is relative to. */
interface Present {
  readonly layout: Layout;
  readonly root: string;
  readonly files: string[];
  /** The lines of its files DuckDB's line reader cannot hold (Found.unreadable), by file. */
  readonly unreadable: ReadonlyMap<string, readonly number[]>;
}

/** The session: DuckDB with the views over the files. */
interface Session {
  readonly db: DuckDBConnection;
  /** Present layouts, by id. */
  readonly present: ReadonlyMap<string, Present>;
  /** The views (and tables) each present layout's viewSql created, by layout id: what a query must name to read it. */
  readonly views: ReadonlyMap<string, readonly string[]>;
  /** Folder the paths of warnings are relative to. */
  readonly cwd: string;
  readonly close: () => void;
}

const FUNCTIONS = (): string => readOfflineSql('aws', 'functions.duckdb.sql');
/**
 * The views a layout may create of the records its other views leave out (file, rawLine, problem),
 * and how a warning says why: `untimed_<id>` (no readable time), `skipped_<id>` (not of the
 * layout's kind; its `what` column says what the kind is), `incomplete_<id>` (a readable time but
 * not a field the layout needs). Each is evidence left out.
 */
const SET_ASIDE: readonly { readonly view: 'untimed' | 'skipped' | 'incomplete'; readonly says: (one: boolean, row: Record<string, unknown>) => string }[] = [
  { view: 'untimed', says: (one) => `${one ? 'has' : 'have'} no readable time` },
  { view: 'skipped', says: (one, row) => `${one ? 'is' : 'are'} not ${String(row.what)}` },
  { view: 'incomplete', says: (one) => `${one ? 'lacks' : 'lack'} a field the layout needs` },
];

/** The name of each view or table an SQL text creates. */
const CREATED = /CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:VIEW|TABLE)\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?/gi;

/** The deepest folder that holds every given folder (POSIX paths). */
function commonRoot(roots: readonly string[]): string {
  let parts = roots[0].split('/');
  for (const r of roots.slice(1)) {
    const other = r.split('/');
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/') || '/';
}

/** Groups the found files by layout, each layout's root the common folder of its files' roots. */
function groupFound(found: readonly Found[]): Map<string, Present> {
  const byLayout = new Map<string, { layout: Layout; roots: Set<string>; files: string[]; unreadable: Map<string, readonly number[]> }>();
  for (const f of found) {
    const entry = byLayout.get(f.layout.id) ?? { layout: f.layout, roots: new Set<string>(), files: [] as string[], unreadable: new Map<string, readonly number[]>() };
    entry.roots.add(f.root);
    entry.files.push(f.file);
    if (f.unreadable) entry.unreadable.set(f.file, f.unreadable);
    byLayout.set(f.layout.id, entry);
  }
  return new Map([...byLayout].map(([id, e]) => [id, { layout: e.layout, root: commonRoot([...e.roots]), files: e.files, unreadable: e.unreadable }]));
}

/** Opens DuckDB and creates every present layout's views, the Athena tables and `events`. */
/**
 * `strict`: a layout file that cannot be read at all, met while naming the records whose time
 * cannot be read, fails the opening (investigate() then sets it aside, whatever the question
 * reads); otherwise (the drills) the questions over its views fail on it.
 */
async function openSession(present: Map<string, Present>, cwd: string, warnings: string[], withEvents: boolean, options: OpenOptions = {}, strict = false): Promise<Session> {
  const { instance, db, tmp } = await openDuckDb(options.threads);
  const close = (): void => {
    db.closeSync();
    instance.closeSync();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await db.run(FUNCTIONS());
    const views = new Map<string, readonly string[]>();
    for (const [id, p] of present) {
      const sql = p.layout.viewSql(p.files, p.root, p.unreadable);
      views.set(id, [...sql.matchAll(CREATED)].map((m) => m[1]));
      await db.run(sql);
    }
    if (options.lines) await holdLines(db, present);
    // The malformed lines and the records whose time cannot be read of a JSON-lines layout, from one
    // read of its files (checks_<id>); when that read fails, each from its own view below, as it fails.
    const checked = new Map<string, { bad: Record<string, unknown>[]; untimed: Record<string, unknown>[] }>();
    for (const id of present.keys()) {
      if (!present.get(id)!.layout.jsonLines || !(await viewExists(db, `checks_${id}`))) continue;
      try {
        const rows = (await db.runAndReadAll(`SELECT file, list(rawLine ORDER BY rawLine) FILTER (WHERE NOT valid) AS lines,
  list(rawLine ORDER BY rawLine) FILTER (WHERE valid) AS records, list(DISTINCT problem ORDER BY problem) FILTER (WHERE valid) AS problems
FROM checks_${id} GROUP BY 1 ORDER BY 1`)).getRowObjectsJS();
        const some = (x: unknown): boolean => Array.isArray(x) && x.length > 0;
        checked.set(id, { bad: rows.filter((r) => some(r.lines)), untimed: rows.filter((r) => some(r.records)) });
      } catch {
        // Read again below, of bad_<id> and untimed_<id>.
      }
    }
    // Malformed lines of JSON-lines layouts: named, the rest of the file read.
    for (const id of present.keys()) {
      if (!checked.has(id) && !(await viewExists(db, `bad_${id}`))) continue;
      const rows = checked.get(id)?.bad ?? (await db.runAndReadAll(`SELECT file, list(rawLine ORDER BY rawLine) AS lines FROM bad_${id} GROUP BY 1 ORDER BY 1`)).getRowObjectsJS();
      for (const r of rows) {
        const lines = (r.lines as unknown as bigint[]).map(Number);
        leftOut(warnings, `${posix(path.relative(cwd, String(r.file)))}: ${lines.length === 1 ? 'line' : 'lines'} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ', ...' : ''} ${lines.length === 1 ? 'is' : 'are'} not JSON; skipped`);
      }
    }
    // Records a layout's views leave out, by the view that lists them (SET_ASIDE): each named, the rest of its file read.
    for (const kind of SET_ASIDE) {
      for (const id of present.keys()) {
        let rows = kind.view === 'untimed' ? checked.get(id)?.untimed : undefined;
        if (!rows) {
          if (!(await viewExists(db, `${kind.view}_${id}`))) continue;
          try {
            rows = (await db.runAndReadAll(`SELECT file, list(rawLine ORDER BY rawLine) AS records, list(DISTINCT problem ORDER BY problem) AS problems${kind.view === 'skipped' ? ', min(what) AS what' : ''} FROM ${kind.view}_${id} GROUP BY 1 ORDER BY 1`)).getRowObjectsJS();
          } catch (err) {
            // A file of the layout cannot be read at all: the questions over its views fail on it as well.
            if (strict) throw err;
            continue;
          }
        }
        for (const r of rows) {
          const records = (r.records as unknown as bigint[]).map(Number);
          const problems = r.problems as unknown as string[];
          const one = records.length === 1;
          // A JSON-lines layout's records are its lines; others' (CloudTrail) their index in the file's document.
          const unit = present.get(id)!.layout.jsonLines ? 'line' : 'record';
          leftOut(warnings, `${posix(path.relative(cwd, String(r.file)))}: ${unit}${one ? '' : 's'} ${records.slice(0, 10).join(', ')}${records.length > 10 ? ', ...' : ''} ${kind.says(one, r)} (${problems.slice(0, 3).join(', ')}${problems.length > 3 ? ', ...' : ''}); ${one ? 'it is' : 'they are'} skipped, the rest of the file read`);
        }
      }
    }
    // Entries of one key (a GCP sink's insertId and timestamp) that differ: not duplicates, each kept (conflicts_<id>).
    for (const id of present.keys()) {
      if (!(await viewExists(db, `conflicts_${id}`))) continue;
      let rows: Record<string, unknown>[];
      try {
        rows = (await db.runAndReadAll(`SELECT label, unit, noun, why, contents, files, lines FROM conflicts_${id} ORDER BY files[1], lines[1], label`)).getRowObjectsJS();
      } catch (err) {
        if (strict) throw err;
        continue;
      }
      for (const r of rows) {
        const files = r.files as unknown as string[];
        const lines = (r.lines as unknown as bigint[]).map(Number);
        const at = files.slice(0, 5).map((f, i) => `${posix(path.relative(cwd, String(f)))} ${String(r.noun)} ${lines[i]}`).join(', ');
        leftOut(warnings, `${present.get(id)!.layout.cloud}: ${String(r.label)} is in ${Number(r.contents)} ${String(r.unit)} that differ (${at}${files.length > 5 ? ', ...' : ''}): ${String(r.why)}; all kept`);
      }
    }
    // Records in the copy more than once, identical (a CloudTrail file copied under another name): read once, said.
    for (const id of present.keys()) {
      if (!(await viewExists(db, `repeats_${id}`))) continue;
      let rows: Record<string, unknown>[];
      try {
        rows = (await db.runAndReadAll(`SELECT count(*) AS n, arg_min(first_file, (first_file, first_at)) AS f1, arg_min(first_at, (first_file, first_at)) AS a1,
  arg_min(again_file, (first_file, first_at)) AS f2, arg_min(again_at, (first_file, first_at)) AS a2 FROM repeats_${id} HAVING count(*) > 0`)).getRowObjectsJS();
      } catch (err) {
        if (strict) throw err;
        continue;
      }
      for (const r of rows) {
        const n = Number(r.n);
        const rel = (f: unknown) => posix(path.relative(cwd, String(f)));
        warnings.push(`${present.get(id)!.layout.cloud}: ${n} ${present.get(id)!.layout.title} ${n === 1 ? 'record is' : 'records are'} in the copy more than once, identical (the same eventID and content; the first ${rel(r.f1)} record ${Number(r.a1)}, again in ${rel(r.f2)} record ${Number(r.a2)}): each read once`);
      }
    }
    const tables = awsTablesSql(new Set(present.keys()));
    if (tables) await db.run(tables);
    // `events` only for the timeline: DuckDB binds a view over the files when it is created.
    // `actor`, beside the event shape: the identity as recorded where a layout's principal is
    // another (CloudTrail: the session's role), for the timeline's principal=.
    const events: string[] = [];
    for (const id of present.keys()) {
      const actor = (await db.runAndReadAll(`SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = 'events_${id}' AND column_name = 'actor'`)).getRowObjectsJS()[0].n;
      events.push(`SELECT ${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')}, ${Number(actor) > 0 ? 'actor' : 'CAST(NULL AS VARCHAR) AS actor'} FROM events_${id}`);
    }
    if (withEvents) await db.run(
      events.length > 0
        ? `CREATE OR REPLACE VIEW events AS ${events.join('\nUNION ALL\n')}`
        : `CREATE OR REPLACE VIEW events AS SELECT ${EVENT_COLUMNS.map((c) => (c === 'time' ? 'CAST(NULL AS TIMESTAMP) AS "time"' : c === 'rawLine' ? 'CAST(NULL AS BIGINT) AS "rawLine"' : `CAST(NULL AS VARCHAR) AS "${c}"`)).join(', ')}, CAST(NULL AS VARCHAR) AS actor WHERE false`,
    );
    if (options.tables && options.tables.length > 0) await holdAsTables(db, options.tables);
    return { db, present, views, cwd, close };
  } catch (err) {
    close();
    throw err;
  }
}

/**
 * Probes every file alone (in a second in-memory database) and removes the ones DuckDB cannot
 * read from `present`, each named in a warning. Run only when a question failed over the whole.
 */
async function setAsideUnreadable(present: Map<string, Present>, cwd: string, warnings: string[]): Promise<number> {
  const side = await openDuckDb();
  let removed = 0;
  try {
    await side.db.run(FUNCTIONS());
    for (const [id, p] of [...present]) {
      // Halve the files until each unreadable one stands alone: a few probes for a few bad files.
      const kept: string[] = [];
      const bisect = async (files: readonly string[]): Promise<void> => {
        const why = await probe(side.db, p.layout, files, p.root, p.unreadable);
        if (!why) {
          kept.push(...files);
          return;
        }
        if (files.length > 1) {
          const half = Math.ceil(files.length / 2);
          await bisect(files.slice(0, half));
          await bisect(files.slice(half));
          return;
        }
        const file = files[0];
        const shown = posix(path.relative(cwd, file));
        const reason = why.replaceAll(` in file "${file}"`, '').replaceAll(file, shown).replace(/[\s.]+$/, '');
        leftOut(warnings, `${shown}: not readable as ${p.layout.title} (${reason}); skipped`);
        removed++;
      };
      await bisect(p.files);
      if (kept.length === 0) present.delete(id);
      else present.set(id, { ...p, files: p.files.filter((f) => kept.includes(f)) });
    }
  } finally {
    side.db.closeSync();
    side.instance.closeSync();
    fs.rmSync(side.tmp, { recursive: true, force: true });
  }
  return removed;
}

async function viewExists(db: DuckDBConnection, name: string): Promise<boolean> {
  const r = await db.runAndReadAll(`SELECT count(*) AS n FROM duckdb_views() WHERE view_name = '${name}'`);
  return Number(r.getRowObjectsJS()[0].n) > 0;
}

/** The window of --from and --to (the far past and future when not given); refused when it holds no time. */
function windowOf(req: InvestigateRequest): { from: string; to: string } {
  const from = req.from !== undefined ? isoTime(req.from, '--from') : FAR_PAST;
  const to = req.to !== undefined ? isoTime(req.to, '--to') : FAR_FUTURE;
  if (Date.parse(to) <= Date.parse(from)) {
    throw new InputError(req.to !== undefined && req.from !== undefined
      ? `--to ${req.to} is not after --from ${req.from} (the window is from --from, inclusive, to --to, exclusive)`
      : req.to !== undefined ? `--to ${req.to} is not after ${FAR_PAST}, the start of every window` : `--from ${req.from} is not before ${FAR_FUTURE}, the end of every window`);
  }
  return { from, to };
}

/** A --param value, refused when empty (an empty value matches nothing and would answer no rows). */
function paramValue(name: string, value: string, what: string): string {
  if (value.trim() === '') throw new InputError(`--param ${name}= is empty: give ${what}`);
  return value;
}

/** The catalog parameter values of a question, from --param, --from and --to. */
function questionParameters(id: QuestionId, req: InvestigateRequest): Record<string, string> {
  const q = catalogQuestion(id);
  const given = new Map<string, string>();
  for (const [name, value] of req.params) {
    const canonical = ALIASES[name] ?? name;
    if (!q.parameters.some((p) => p.name === canonical) || canonical === 'from' || canonical === 'to') {
      const names = q.parameters.filter((p) => p.name !== 'from' && p.name !== 'to').map((p) => p.name);
      throw new InputError(`--param ${name}: ${id} takes ${names.length === 0 ? 'no --param (only --from and --to)' : names.map((n) => `--param ${Object.keys(ALIASES).find((a) => ALIASES[a] === n) ?? n}=...`).join(', ')}`);
    }
    if (given.has(canonical)) throw new InputError(`--param ${name} given twice for ${id}`);
    given.set(canonical, paramValue(name, value, q.parameters.find((p) => p.name === canonical)!.description));
  }
  const window = windowOf(req);
  const out: Record<string, string> = {};
  for (const p of q.parameters) {
    if (p.name === 'from') out.from = window.from;
    else if (p.name === 'to') out.to = window.to;
    else {
      const v = given.get(p.name);
      if (v === undefined) throw new InputError(`${id} needs --param ${Object.keys(ALIASES).find((a) => ALIASES[a] === p.name) ?? p.name}=VALUE (${p.description})`);
      out[p.name] = v;
    }
  }
  return out;
}

/** A parameter as the AWS query of the question takes it (an endpoint ARN to its name, s3:// or not). */
function awsValue(id: QuestionId, name: string, value: string): string {
  if (name === 'endpointName') return value.replace(/^arn:aws[a-z-]*:sagemaker:[^:]*:[0-9]*:endpoint\//, '');
  if (name === 'location') {
    const bare = value.replace(/^s3:\/\//, '');
    return id === 'ml-jobs-using-data' ? `s3://${bare}` : bare;
  }
  return value;
}

/** A DuckDB value as the answers give it: times ISO 8601 UTC, big integers as numbers. */
function jsValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return formatTime(v);
  return v;
}

async function rowsOf(db: DuckDBConnection, sql: string, bind: (p: import('@duckdb/node-api').DuckDBPreparedStatement) => void): Promise<Record<string, unknown>[]> {
  const prepared = await db.prepare(sql);
  bind(prepared);
  const reader = await prepared.runAndReadAll();
  return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsValue(v)])));
}

/**
 * Answers a catalog question over the session, every cloud that has evidence in it; each cloud it
 * could not answer is added to `unanswered`, a warning saying why. A query of any cloud that fails
 * throws (investigate() then sets unreadable files aside and asks again), unless `lastTry`: then
 * it is a warning too, and the other clouds are answered.
 */
async function answerQuestion(s: Session, id: QuestionId, parameters: Record<string, string>, warnings: string[], unanswered: Set<QuestionCloud>, lastTry = false): Promise<Record<string, unknown>[]> {
  const q = catalogQuestion(id);
  const clouds = new Set([...s.present.values()].map((p) => p.layout.cloud));
  const rows: Record<string, unknown>[] = [];
  for (const cloud of ['aws', 'gcp', 'azure'] as const) {
    if (!clouds.has(cloud)) continue;
    if (q.clouds[cloud].status === 'not-recorded') {
      warnings.push(`${cloud}: ${id} is not recorded by ${cloud.toUpperCase()}${q.clouds[cloud].caveat ? ` (${q.clouds[cloud].caveat})` : ''}; not answered for ${cloud.toUpperCase()}`);
      unanswered.add(cloud);
      continue;
    }
    if (cloud === 'aws') {
      // The question's own query, then its alternatives over other evidence (same parameters and columns).
      const alternatives = ((q.clouds.aws as { alternatives?: readonly { query: string }[] }).alternatives ?? []).map((a) => a.query);
      for (const query of [id, ...alternatives]) {
        const { table, layouts } = awsTableOf(query);
        const file = path.join(queriesDir(), 'aws', `${query}.sql`);
        if (!fs.existsSync(file)) {
          warnings.push(`aws: the kit has no query for ${query} (queries/aws/${query}.sql); not answered for AWS`);
          unanswered.add('aws');
          continue;
        }
        if (!layouts.some((l) => s.present.has(l))) {
          if (query === id) {
            warnings.push(`aws: ${query} reads ${table}, and no file of it (${layouts.join(' or ')}) is among the inputs; not answered for AWS`);
            unanswered.add('aws');
          }
          continue;
        }
        const days = KEYED_READS[table] ? windowDays(s, layouts, parameters.from, parameters.to) : undefined;
        if (days && days.held === 0) {
          warnings.push(`aws: ${query} reads ${table} by day, and no file of it (${layouts.join(' or ')}) is of a day of the window (${days.span}): the files it reads are not among the inputs (those of the copy are of ${days.first} to ${days.last}); not answered for AWS`);
          unanswered.add('aws');
          continue;
        }
        if (days && days.missed > 0) {
          const n = days.missed;
          leftOut(warnings, `aws: ${query} reads ${table} by day, and no file of it (${layouts.join(' or ')}) is of ${n} ${n === 1 ? 'day' : 'days'} of the window (${dayList(days.missing, n)}): ${n === 1 ? 'a day' : 'days'} the trail delivered nothing to, or ${n === 1 ? 'one' : 'ones'} not in the copy; the answer stands without ${n === 1 ? 'it' : 'them'}`);
        }
        for (const read of KEYED_READS[table] ?? []) if (read.beside) besideDays(s, read, query, parameters.from, parameters.to, warnings);
        const values = q.parameters.map((p) => awsValue(id, p.name, parameters[p.name]));
        try {
          rows.push(...(await rowsOf(s.db, fs.readFileSync(file, 'utf8'), (prepared) => values.forEach((v, i) => prepared.bindVarchar(i + 1, v)))));
          for (const read of KEYED_READS[table] ?? []) for (const w of await deliveredOutside(s, read, query, parameters.from, parameters.to)) leftOut(warnings, w);
        } catch (err) {
          if (!lastTry) throw err;
          warnings.push(`aws: ${query} could not be answered over the AWS files (${duckMessage(err)}); not answered for AWS`);
          unanswered.add('aws');
        }
      }
      continue;
    }
    const file = path.join(queriesDir(), cloud, 'offline', `${id}.duckdb.sql`);
    if (!fs.existsSync(file)) {
      warnings.push(`${cloud}: the kit has no offline query for ${id} (queries/${cloud}/offline/${id}.duckdb.sql); not answered for ${cloud.toUpperCase()}`);
      unanswered.add(cloud);
      continue;
    }
    // Read by the records' time over every file, but a sink (GCP) or diagnostic setting (Azure) writes
    // each hour's records in that hour's folders: the window's days are judged by them, as on AWS,
    // of the layouts the query reads (another layout's files of a day do not say that theirs are in the copy).
    const sql = fs.readFileSync(file, 'utf8');
    const ofCloud = [...s.present.keys()].filter((l) => s.present.get(l)!.layout.cloud === cloud && readsLayout(s, sql, l));
    const days = windowDays(s, ofCloud, parameters.from, parameters.to);
    const CLOUD = cloud.toUpperCase();
    if (days && days.held === 0) {
      warnings.push(`${cloud}: ${id} reads the ${CLOUD} files of the window's days, and no file of them (${ofCloud.join(' or ')}) is of a day of the window (${days.span}): the files it reads are not among the inputs (those of the copy are of ${days.first} to ${days.last}); not answered for ${CLOUD}`);
      unanswered.add(cloud);
      continue;
    }
    for (const layout of ofCloud) {
      const own = windowDays(s, [layout], parameters.from, parameters.to);
      if (!own || own.missed === 0) continue;
      const n = own.missed;
      leftOut(warnings, `${cloud}: ${id} reads the ${CLOUD} files of the window's days, and no file of ${layout} (${s.present.get(layout)!.layout.title}) is of ${n} ${n === 1 ? 'day' : 'days'} of the window (${dayList(own.missing, n)}): ${n === 1 ? 'a day' : 'days'} that delivered nothing, or ${n === 1 ? 'one' : 'ones'} not in the copy; the answer stands without ${n === 1 ? 'it' : 'them'}`);
    }
    try {
      rows.push(...(await rowsOf(s.db, sql, (prepared) => {
        for (let i = 1; i <= prepared.parameterCount; i++) {
          const name = prepared.parameterName(i);
          if (!(name in parameters)) throw new Error(`queries/${cloud}/offline/${id}.duckdb.sql names $${name}, not a parameter of ${id}`);
          prepared.bindVarchar(i, parameters[name]);
        }
      })));
    } catch (err) {
      // As on AWS: a file DuckDB cannot read is set aside and the question asked again (investigate()).
      if (!lastTry) throw err;
      warnings.push(`${cloud}: ${id} could not be answered over the ${cloud.toUpperCase()} files (${duckMessage(err)}); not answered for ${cloud.toUpperCase()}`);
      unanswered.add(cloud);
    }
  }
  return rows.map((r) => Object.fromEntries(q.columns.map((c) => [c, r[c] ?? null])));
}

/**
 * A location as every question reads it (docs/investigate.md): a bucket (on Azure an account or
 * account/container) is that whole bucket, never another whose name starts alike; what follows it
 * is a key prefix inside it. `segments` is how many leading segments name the bucket (1; Azure 2).
 */
export function locationPrefix(location: string, segments: number): string {
  return location.endsWith('/') || location.split('/').length > segments ? location : `${location}/`;
}

/** The bucket/key of an event's target (s3://B/K, arn:aws:s3:::B/K, GCS projects/_/buckets/B/objects/K; Azure's is already). */
const OBJECT_PATH = `CASE WHEN starts_with(target, 's3://') THEN substr(target, 6) WHEN starts_with(target, 'arn:aws:s3:::') THEN substr(target, 14)
  WHEN regexp_matches(target, '^projects/[^/]+/buckets/[^/]+(/objects/|$)') THEN regexp_replace(target, '^projects/[^/]+/buckets/([^/]+)(/objects/|$)', '\\1/') ELSE target END`;

/**
 * How an AWS table's partitions are read: its records' time, the key (day or hour) of the file
 * each is in, and the keys the queries over it read (their partition filter, as in Athena).
 */
interface KeyedRead {
  readonly table: string;
  /** The records, as the warning names them. */
  readonly records: string;
  /** A record's time (TIMESTAMPTZ). */
  readonly time: string;
  /** The key of the file a record is in (its partition columns, as the queries compare them). */
  readonly key: string;
  /** strftime's form of the key. */
  readonly format: string;
  readonly unit: 'day' | 'hour';
  /** The keys read before --from's and after --to's (the queries' partition filter). */
  readonly before: 0 | 1;
  readonly after: 1;
  /** What a file's key is, for the warning. */
  readonly keyIs: string;
  /**
   * A table read beside the query's own (its layouts: awsTableOf): its layouts, and what of the
   * answer comes from it. Its days are judged on their own: the query's files of a day do not say
   * that this table's are in the copy.
   */
  readonly beside?: { readonly layouts: readonly string[]; readonly gives: string };
}

const CLOUDTRAIL_READ: KeyedRead = { table: 'cloudtrail_logs', records: 'CloudTrail', time: 'from_iso8601_timestamp(eventtime)', key: '"timestamp"', format: '%Y/%m/%d', unit: 'day', before: 0, after: 1, keyIs: "a file's day being the day it was delivered" };
/**
 * The reads of each Athena table, by the table a query reads (awsTableOf): network-egress reads the
 * flow logs and the Resolver query logs (its names), each from the key day before --from's to the
 * one after --to's; data capture the hours around the window.
 */
const KEYED_READS: Readonly<Record<string, readonly KeyedRead[]>> = {
  cloudtrail_logs: [CLOUDTRAIL_READ],
  vpc_flow_logs: [
    { table: 'vpc_flow_logs', records: 'VPC flow log', time: 'to_timestamp(start)', key: "concat(year, '/', month, '/', day)", format: '%Y/%m/%d', unit: 'day', before: 1, after: 1, keyIs: "a file's day being the day it was delivered" },
    { table: 'resolver_query_logs', records: 'Route 53 Resolver query log', time: 'TRY_CAST(query_timestamp AS TIMESTAMPTZ)', key: '"date"', format: '%Y/%m/%d', unit: 'day', before: 1, after: 1, keyIs: "a file's day being the day it was delivered", beside: { layouts: ['resolver_query_logs'], gives: 'the dnsName of each row' } },
  ],
  sagemaker_data_capture: [
    { table: 'sagemaker_data_capture', records: 'SageMaker data capture', time: 'TRY_CAST(eventmetadata.inferencetime AS TIMESTAMPTZ)', key: 'datehour', format: '%Y/%m/%d/%H', unit: 'hour', before: 1, after: 1, keyIs: "a file's hour being the hour of its key" },
  ],
};

/**
 * The days of the window a table read beside a query's own (KeyedRead.beside) holds no file of,
 * and that none of its files is among the inputs at all: what of the answer comes from it stands
 * without them, said as evidence left out (an empty dnsName is otherwise read as "resolved
 * elsewhere").
 */
function besideDays(s: Session, read: KeyedRead, query: string, from: string, to: string, warnings: string[]): void {
  const { layouts, gives } = read.beside!;
  const held = layouts.filter((l) => s.present.has(l));
  if (held.length === 0) {
    leftOut(warnings, `aws: ${query} reads ${read.table} for ${gives}, and no file of it (${layouts.join(' or ')}) is among the inputs: ${gives} is empty for want of that evidence, not because none was recorded`);
    return;
  }
  const days = windowDays(s, held, from, to);
  if (!days || days.missed === 0) return;
  const n = days.missed;
  leftOut(warnings, `aws: ${query} reads ${read.table} by day for ${gives}, and no file of it (${held.join(' or ')}) is of ${n} ${n === 1 ? 'day' : 'days'} of the window (${dayList(days.missing, n)}): ${n === 1 ? 'a day' : 'days'} nothing was logged on, or ${n === 1 ? 'one' : 'ones'} not in the copy; ${gives} stands without ${n === 1 ? 'it' : 'them'}`);
}

/** Whether a query's SQL reads a present layout: names, as a word outside its comments, one of the views the layout created. */
function readsLayout(s: Session, sql: string, layout: string): boolean {
  const code = sql.replace(/--[^\n]*/g, '');
  return (s.views.get(layout) ?? []).some((v) => new RegExp(`\\b${v}\\b`).test(code));
}

/** A file's day, `YYYY/MM/DD`, from the last `YYYY/MM/DD/` (or `year=YYYY/month=M/day=D/`, Azure's `y=YYYY/m=MM/d=DD/`) folders of its path. */
function dayOfFile(file: string): string | undefined {
  let day: string | undefined;
  for (const m of posix(`/${file}`).matchAll(/\/(?:year=|y=)?(\d{4})\/(?:month=|m=)?(\d{1,2})\/(?:day=|d=)?(\d{1,2})(?=\/)/gi)) day = `${m[1]}/${m[2].padStart(2, '0')}/${m[3].padStart(2, '0')}`;
  return day;
}

/** The first days (up to 10), then how many there are. */
function dayList(days: readonly string[], n: number): string {
  return n <= days.length ? days.join(', ') : `${days.join(', ')}, ... (${n} days)`;
}

/**
 * The days of the window (from --from's day to the day of --to's last instant; an open end stops
 * at the first or last day the copy holds a file of the layouts) that the layouts' files are of
 * (`held`) and are not (`missing`), by their day folders: an AWS query reads by day (KeyedRead),
 * so a day without a file is one it did not look at. Undefined when no file has a day folder.
 */
function windowDays(s: Session, layouts: readonly string[], from = FAR_PAST, to = FAR_FUTURE): { held: number; missing: string[]; missed: number; span: string; first: string; last: string } | undefined {
  const present = new Set<string>();
  for (const l of layouts) for (const f of s.present.get(l)?.files ?? []) {
    const day = dayOfFile(path.relative(s.present.get(l)!.root, f) || f);
    if (day) present.add(day);
  }
  if (present.size === 0) return undefined;
  const sorted = [...present].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const ms = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
  const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10).replace(/-/g, '/');
  const start = from === FAR_PAST ? ms(first) : ms(dayOf(Date.parse(from)));
  const end = to === FAR_FUTURE ? ms(last) : ms(dayOf(Date.parse(to) - 1));
  let held = 0;
  let missed = 0;
  const missing: string[] = []; // the first 10
  for (let t = start; t <= end; t += 24 * 3600 * 1000) {
    if (present.has(dayOf(t))) held++;
    else if (++missed <= 10) missing.push(dayOf(t));
  }
  // An open end past the copy's first or last day: the window is the days from (or up to) the other.
  const span = missed > 0 ? dayList(missing, missed) : from === FAR_PAST ? `up to ${dayOf(Date.parse(to) - 1)}` : `from ${dayOf(Date.parse(from))} on`;
  return { held, missing, missed, span, first, last };
}

/**
 * The records of the window in files of a key (day or hour) the AWS query does not read (its
 * partition filter, as in Athena: KeyedRead), one warning per table a query reads, naming them:
 * the answer may lack them; the timeline reads every file. None when the files of the window
 * were delivered within the keys read around it, as they are within minutes.
 */
async function deliveredOutside(s: Session, read: KeyedRead, query: string, from: string, to: string): Promise<string[]> {
  const step = `INTERVAL '1' ${read.unit.toUpperCase()}`;
  const low = read.before === 0 ? 'CAST($1 AS TIMESTAMPTZ)' : `greatest(CAST($1 AS TIMESTAMPTZ) - ${step}, CAST('${FIRST_TIME}' AS TIMESTAMPTZ))`;
  const high = `least(CAST($2 AS TIMESTAMPTZ) + ${step}, CAST('${END_TIME}' AS TIMESTAMPTZ))`;
  const rows = await rowsOf(s.db, `SELECT "$path" AS file, count(*) AS n FROM ${read.table}
WHERE ${read.time} >= CAST($1 AS TIMESTAMPTZ) AND ${read.time} < CAST($2 AS TIMESTAMPTZ)
  AND NOT (${read.key} BETWEEN strftime(${low}, '${read.format}') AND strftime(${high}, '${read.format}'))
GROUP BY 1 ORDER BY 1`, (prepared) => [from, to].forEach((v, i) => prepared.bindVarchar(i + 1, v)));
  if (rows.length === 0) return [];
  const n = rows.reduce((sum, r) => sum + Number(r.n), 0);
  const shown = rows.slice(0, 3).map((r) => posix(path.relative(s.cwd, String(r.file)))).join(', ');
  const unit = read.unit;
  const a = unit === 'hour' ? 'an' : 'a';
  const reads = read.before === 0 ? `the ${unit}s from --from's to the ${unit} after --to's` : `the ${unit}s from the ${unit} before --from's to the ${unit} after --to's`;
  return [`aws: ${n} ${read.records} ${n === 1 ? 'record' : 'records'} of the window ${n === 1 ? 'is' : 'are'} in ${rows.length === 1 ? 'a file' : `${rows.length} files`} of ${a} ${unit} ${query} does not read (${shown}${rows.length > 3 ? ', ...' : ''}; it reads ${reads}, as in Athena, ${read.keyIs}): the answer may lack ${n === 1 ? 'it' : 'them'}; the timeline reads every file`];
}

/** The timeline: every event of the chosen principals / resources / addresses in the window, ordered. */
async function timeline(s: Session, req: InvestigateRequest): Promise<{ parameters: Record<string, string | string[]>; rows: Record<string, unknown>[] }> {
  const selectors: Record<string, string[]> = {};
  for (const [name, value] of req.params) {
    if (!(TIMELINE_SELECTORS as readonly string[]).includes(name) && !(name in ALIASES)) {
      throw new InputError(`--param ${name}: the timeline takes --param principal=, endpoint=, location=, address= or resource= (repeatable)`);
    }
    (selectors[name] ??= []).push(paramValue(name, value, 'a value to select the events of'));
  }
  const { from, to } = windowOf(req);
  const values: string[] = [from, to];
  const bind = (v: string): string => {
    values.push(v);
    return `$${values.length}`;
  };
  const clauses: string[] = [];
  for (const [name, list] of Object.entries(selectors)) {
    for (const raw of list) {
      if (name === 'principal') clauses.push(`(principal = ${bind(raw)} OR credentialId = $${values.length} OR actor = $${values.length})`);
      else if (name === 'address') clauses.push(`(sourceIp = ${bind(raw)} OR starts_with(target, concat($${values.length}, ':')) OR target = $${values.length})`);
      else if (name === 'location') {
        const bare = raw.replace(/^(s3|gs):\/\//, '');
        clauses.push(`starts_with(${OBJECT_PATH}, CASE cloud WHEN 'azure' THEN ${bind(locationPrefix(bare, 2))} ELSE ${bind(locationPrefix(bare, 1))} END)`);
      }
      else if (name === 'endpoint' || name === 'endpointName') clauses.push(`(target = ${bind(raw)} OR contains(target, concat('endpoint/', $${values.length})) OR ends_with(target, concat('/', $${values.length})))`);
      else clauses.push(`(principal = ${bind(raw)} OR contains(target, $${values.length}))`);
    }
  }
  const sql = `SELECT ${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM events
WHERE time >= timezone('UTC', CAST($1 AS TIMESTAMPTZ)) AND time < timezone('UTC', CAST($2 AS TIMESTAMPTZ))${clauses.length > 0 ? `\n  AND (${clauses.join(' OR ')})` : ''}
ORDER BY time, cloud, rawFile, rawLine`;
  const rows = await rowsOf(s.db, sql, (prepared) => values.forEach((v, i) => prepared.bindVarchar(i + 1, v)));
  return { parameters: { ...selectors, from, to }, rows };
}

/** The ids `investigate` takes. */
export const INVESTIGATE_QUESTIONS: readonly string[] = [...QUESTIONS.map((q) => q.id), 'timeline'];

/** Answers one request. Throws InputError for a usage error; bad inputs are warnings. */
export async function investigate(req: InvestigateRequest): Promise<Answer> {
  if (req.logs.length === 0) throw new InputError('investigate needs --logs PATH (a folder or file of the forensic copy)');
  const isTimeline = req.question === 'timeline';
  // Usage errors before any file is read.
  const parameters = checkRequest(req);
  const warnings: string[] = [];
  const found = await recognise(req, req.layouts ?? LAYOUTS, warnings);
  const present = groupFound(found);
  type Result = { parameters: Record<string, string | string[]>; rows: Record<string, unknown>[]; unanswered: QuestionCloud[] };
  const ask = async (s: Session, lastTry: boolean): Promise<Result> => {
    if (isTimeline) return { ...(await timeline(s, req)), unanswered: [] };
    const unanswered = new Set<QuestionCloud>();
    const rows = await answerQuestion(s, req.question as QuestionId, parameters!, warnings, unanswered, lastTry);
    return { parameters: parameters!, rows, unanswered: [...unanswered] };
  };
  let result: Result = { parameters: parameters ?? {}, rows: [], unanswered: [] };
  // A file DuckDB cannot read sinks the whole query: find it, set it aside, ask again; when no file
  // is to blame, a question asks once more with each cloud's failure a warning (the timeline, one
  // query, fails). Each round sets a file aside or is the last.
  let lastTry = false;
  while (present.size > 0) {
    const before = warnings.length;
    try {
      result = await withSession(present, req.cwd, warnings, isTimeline, (s) => ask(s, lastTry));
      break;
    } catch (err) {
      if (err instanceof InputError) throw err;
      warnings.splice(before);
      if ((await setAsideUnreadable(present, req.cwd, warnings)) > 0) continue;
      if (isTimeline || lastTry) throw new InputError(`the question failed over the inputs: ${duckMessage(err)}`);
      lastTry = true;
    }
  }
  return describe(req, found, present, warnings, result);
}

/** The answer, with the inputs that were read (per given path and layout, in layout order). */
function describe(req: InvestigateRequest, found: readonly Found[], present: ReadonlyMap<string, Present>, warnings: string[], result: { parameters: Record<string, string | string[]>; rows: Record<string, unknown>[]; unanswered?: readonly QuestionCloud[] }): Answer {
  const isTimeline = req.question === 'timeline';
  const inputs = new Map<string, InputGroup>();
  const rawFiles = new Map<string, string>();
  for (const f of found) {
    const p = present.get(f.layout.id);
    if (!p || !p.files.includes(f.file)) continue;
    const key = `${f.given}\0${f.layout.id}`;
    const g = inputs.get(key);
    inputs.set(key, { path: f.given, layout: f.layout.id, cloud: f.layout.cloud, title: f.layout.title, files: (g?.files ?? 0) + 1 });
    rawFiles.set(p.root === '/' ? f.file.slice(1) : f.file.slice(p.root.length + 1), f.file);
  }
  const columns = isTimeline ? EVENT_COLUMNS : catalogQuestion(req.question as QuestionId).columns;
  const order = (req.layouts ?? LAYOUTS).map((l) => l.id);
  const sorted = [...inputs.values()].sort((a, b) => req.logs.indexOf(a.path) - req.logs.indexOf(b.path) || order.indexOf(a.layout) - order.indexOf(b.layout));
  return { question: req.question, parameters: result.parameters, inputs: sorted, warnings, rows: result.rows, columns, rawFiles, unanswered: result.unanswered ?? [], leftOut: warnings.filter((w) => LEFT_OUT.has(w)) };
}

/** Checks a request's question and window before any file is read; the catalog parameters of a question. */
function checkRequest(req: InvestigateRequest): Record<string, string> | undefined {
  if (!INVESTIGATE_QUESTIONS.includes(req.question)) {
    throw new InputError(`unknown question ${JSON.stringify(req.question)} (one of ${INVESTIGATE_QUESTIONS.join(', ')})`);
  }
  if (req.question !== 'timeline') return questionParameters(req.question as QuestionId, req);
  for (const [name, value] of req.params) paramValue(name, value, 'a value to select the events of');
  windowOf(req);
  return undefined;
}

/** How a copy opened for several questions is held (openInvestigation). */
export interface OpenOptions {
  /**
   * Views to read once into an in-memory table, the view then selecting from it: the questions
   * over it scan the table instead of decompressing and parsing every file again each (the same
   * view, the same query files, the same rows). A view that cannot be read (a file DuckDB cannot
   * parse) stays over its files, so its questions fail as they would. For a small copy asked
   * many questions (the drills); an evidence copy is read in place.
   * @default none
   */
  readonly tables?: readonly string[];
  /** DuckDB's worker threads. @default one per core */
  readonly threads?: number;
  /**
   * Whether each JSON-lines layout's lines (`raw_lines_<id>`) are read once into an in-memory table,
   * its views then reading that: its malformed lines and untimed records are named, its `tables`
   * held and its other views asked from memory, not from its files each time (the same lines). For
   * a small copy asked many questions (the drills), as `tables`.
   * @default false
   */
  readonly lines?: boolean;
}

/** Reads each JSON-lines layout's lines into a table once and points raw_lines_<id> at it (OpenOptions.lines). */
async function holdLines(db: DuckDBConnection, present: ReadonlyMap<string, Present>): Promise<void> {
  for (const [id, p] of present) {
    if (!p.layout.jsonLines || !(await viewExists(db, `raw_lines_${id}`))) continue;
    const table = `held_lines_${id}`;
    try {
      await db.run(`CREATE TEMP TABLE ${table} AS SELECT * FROM raw_lines_${id}`);
    } catch {
      // Left over its files: the scans and questions over it fail as they would.
      await db.run(`DROP TABLE IF EXISTS ${table}`);
      continue;
    }
    await db.run(`CREATE OR REPLACE VIEW raw_lines_${id} AS SELECT * FROM ${table}`);
  }
}

/** Reads each named view that exists into a table once and points the view at it (OpenOptions.tables). */
async function holdAsTables(db: DuckDBConnection, views: readonly string[]): Promise<void> {
  for (const [i, view] of views.entries()) {
    if (!/^[a-z_][a-z0-9_]*$/.test(view)) throw new Error(`not a view name: ${JSON.stringify(view)}`);
    if (!(await viewExists(db, view))) continue;
    const table = `held_${i}_${view}`;
    try {
      await db.run(`CREATE TEMP TABLE ${table} AS SELECT * FROM ${view}`);
    } catch {
      await db.run(`DROP TABLE IF EXISTS ${table}`);
      continue;
    }
    await db.run(`CREATE OR REPLACE VIEW ${view} AS SELECT * FROM ${table}`);
  }
}

/**
 * One copy opened once for several questions (the drills): the files recognised and the views
 * created once, each question then asked of the same DuckDB session. A file DuckDB cannot read
 * fails the question here (investigate() sets such files aside and asks again).
 */
export async function openInvestigation(logs: readonly string[], cwd: string, options: OpenOptions = {}): Promise<{ ask(req: Omit<InvestigateRequest, 'logs' | 'cwd'>): Promise<Answer>; close(): void }> {
  const base: InvestigateRequest = { question: 'timeline', logs, params: [], cwd };
  const warnings: string[] = [];
  const found = await recognise(base, LAYOUTS, warnings);
  const present = groupFound(found);
  const session = present.size > 0 ? await openSession(present, cwd, warnings, true, options) : undefined;
  return {
    async ask(r) {
      const req: InvestigateRequest = { ...r, logs, cwd };
      const parameters = checkRequest(req);
      const w = [...warnings];
      const unanswered = new Set<QuestionCloud>();
      const result = !session
        ? { parameters: parameters ?? {}, rows: [] }
        : req.question === 'timeline'
          ? await timeline(session, req)
          : { parameters: parameters!, rows: await answerQuestion(session, req.question as QuestionId, parameters!, w, unanswered) };
      return describe(req, found, present, w, { ...result, unanswered: [...unanswered] });
    },
    close: () => session?.close(),
  };
}

async function withSession<T>(present: Map<string, Present>, cwd: string, warnings: string[], withEvents: boolean, fn: (s: Session) => Promise<T>): Promise<T> {
  const session = await openSession(present, cwd, warnings, withEvents, {}, true);
  try {
    return await fn(session);
  } finally {
    session.close();
  }
}
