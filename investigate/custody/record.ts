/**
 * The custody record: every custody command (pull, manifest, hold, and verify) appends one JSON
 * line to a log the user names — case id, who (the cloud identity and the local user), when, the
 * tool's version, the inputs with their hashes, the result and its hash — and each line carries
 * the SHA-256 of the line before it, so an edited, removed or reordered record breaks the chain
 * (`verifyCustodyLog`). Given an evidence store (s3://…, an Azure container URL, gs://…), the
 * record is also written there as one object per record, once and under a lock
 * (custody-store.ts), where the last record — which no later line protects — cannot be edited
 * either. The store is written first: when it fails, the local log is not appended to either, so
 * a record is in both or in neither.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import { StoreComparison, StoredAt, checkCustodyStore, compareWithStore, storeUrl, writeRecordToStore } from './custody-store';
import { CustodyInputError, describeCloudError } from './errors';
import { CloudIdentity, awsIdentity, azureTokenIdentity, gcpIdentity } from './identity';
import { Retention, ToolId } from './manifest';
import { Location, azureContainer } from './sources';

export type { CloudIdentity } from './identity';
export { awsIdentity } from './identity';

export const CUSTODY_FORMAT = 'forensic-readiness-custody/1';

/** An input of the action: what it names, and the hash of its content where it has one. */
export interface CustodyInput {
  readonly name: string;
  readonly value: string;
  readonly sha256?: string;
}

/** What a command hands to appendCustodyRecord. */
export interface CustodyEvent {
  /** `pull`, `manifest create`, `manifest diff`, `hold on`, `hold off`, `verify cloudtrail`. */
  readonly action: string;
  readonly caseId: string | null;
  readonly cloud: readonly CloudIdentity[];
  readonly inputs: readonly CustodyInput[];
  /** What the action produced or found; hashed into the record (resultSha256). */
  readonly result: unknown;
}

export interface CustodyOptions {
  /** The JSON-lines log to append to (created when missing). */
  readonly log: string;
  /**
   * An evidence store to write the record to as well: `s3://BUCKET/PREFIX/` (Object Lock,
   * COMPLIANCE), an Azure container URL (an immutable container) or `gs://BUCKET/PREFIX/` (a
   * bucket with a retention policy).
   */
  readonly store?: Location;
  /** The Object Lock retain-until date of a record written to an s3:// store; required with one. */
  readonly retention?: Retention;
  /** Accept an Azure container or GCS bucket that reports no lock (a warning, not a refusal). */
  readonly allowMutableStore?: boolean;
  /** Where warnings go (one line each); stderr of the CLI. */
  readonly warn?: (line: string) => void;
  readonly tool: ToolId;
}

export interface CustodyRecord {
  readonly record: typeof CUSTODY_FORMAT;
  readonly seq: number;
  readonly action: string;
  readonly caseId: string | null;
  readonly who: { readonly local: { readonly user: string; readonly uid: number; readonly host: string }; readonly cloud: readonly CloudIdentity[] };
  readonly when: string;
  readonly tool: ToolId;
  readonly inputs: readonly CustodyInput[];
  readonly result: unknown;
  readonly resultSha256: string;
  /** SHA-256 (hex) of the previous line of the log, exactly as written; null for the first record. */
  readonly previousSha256: string | null;
  /** The evidence store the record was also written to, and what keeps it there; absent without one. */
  readonly store?: StoredAt;
}

export const sha256Hex = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted, so a result's hash does not depend on the order it was built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

function localUser(): CustodyRecord['who']['local'] {
  try {
    const u = os.userInfo();
    return { user: u.username, uid: u.uid, host: os.hostname() };
  } catch {
    return { user: process.env.USER ?? 'unknown', uid: -1, host: os.hostname() };
  }
}

/** The last line of a log and its sequence number; refuses a log whose last line is not a record. */
function lastRecord(log: string): { sha256: string; seq: number } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(log, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw describeCloudError(`cannot read the custody log ${log}`, err);
  }
  if (text === '') return undefined;
  if (!text.endsWith('\n')) throw new CustodyInputError(`custody log ${log}: its last line is unfinished; not appending (check it with custody verify)`);
  const line = text.slice(text.lastIndexOf('\n', text.length - 2) + 1, -1);
  let seq: unknown;
  try {
    seq = (JSON.parse(line) as Partial<CustodyRecord>).seq;
  } catch {
    seq = undefined;
  }
  if (typeof seq !== 'number') throw new CustodyInputError(`custody log ${log}: its last line is not a custody record; not appending`);
  return { sha256: sha256Hex(line), seq };
}

/**
 * Appends one record to the custody log (and to the store, when given) and returns it with the
 * SHA-256 of its line. A lock file beside the log keeps two runs from appending at once.
 */
export async function appendCustodyRecord(options: CustodyOptions, event: CustodyEvent): Promise<{ record: CustodyRecord; sha256: string; stored?: string }> {
  const store = options.store;
  const notRecorded = (err: unknown): CustodyInputError => {
    const why = describeCloudError('store', err).message.replace(/^store: /, '');
    return new CustodyInputError(`the custody record of ${event.action} was written neither to ${storeUrl(store!)} nor to ${options.log} (the ${event.action} itself was done): ${why}`);
  };
  // The store is checked again before the log is locked (the command checked it before acting).
  let check: Awaited<ReturnType<typeof checkCustodyStore>> | undefined;
  if (store) {
    try {
      check = await checkCustodyStore(store, options.retention, options.allowMutableStore === true);
    } catch (err) {
      throw notRecorded(err);
    }
  }
  // The identity that writes to the store, when no identity of that cloud is in the event yet.
  let cloud = event.cloud;
  if (store && store.kind !== 'local' && !event.cloud.some((c) => c.cloud === cloudOf(store.kind as 's3' | 'azure' | 'gcs'))) cloud = [...cloud, await identityOf(store, '')];
  const lock = `${options.log}.lock`;
  let fd: number;
  try {
    fd = fs.openSync(lock, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CustodyInputError(`custody log ${options.log}: locked by another run (${lock}); remove the lock if no run is going`);
    throw describeCloudError(`cannot lock the custody log ${options.log}`, err);
  }
  try {
    const previous = lastRecord(options.log);
    const record: CustodyRecord = {
      record: CUSTODY_FORMAT,
      seq: (previous?.seq ?? 0) + 1,
      action: event.action,
      caseId: event.caseId,
      who: { local: localUser(), cloud },
      when: new Date().toISOString(),
      tool: options.tool,
      inputs: event.inputs,
      result: event.result,
      resultSha256: sha256Hex(canonicalJson(event.result)),
      previousSha256: previous?.sha256 ?? null,
      ...(store && check ? { store: { url: storeUrl(store), lock: check.lock } } : {}),
    };
    const line = JSON.stringify(record);
    const sha256 = sha256Hex(line);
    let stored: string | undefined;
    if (store) {
      try {
        stored = await writeRecordToStore(line, record.seq, sha256, store, options.retention);
      } catch (err) {
        throw notRecorded(err);
      }
    }
    fs.appendFileSync(options.log, `${line}\n`);
    return { record, sha256, stored };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

const cloudOf = (kind: 's3' | 'azure' | 'gcs'): CloudIdentity['cloud'] => (kind === 's3' ? 'aws' : kind === 'azure' ? 'azure' : 'gcp');

/**
 * Checks the evidence store of a run before the command acts (it exists and keeps what is
 * written: custody-store.ts), so a store that cannot take the record stops the command before it
 * changes or copies anything. Prints the warning of an allowed unlocked store.
 */
export async function prepareCustodyStore(options: CustodyOptions): Promise<void> {
  if (!options.store) return;
  const check = await checkCustodyStore(options.store, options.retention, options.allowMutableStore === true);
  if (check.warning) options.warn?.(check.warning);
}

/** The lines of a log as written (bytes), without the final newline's empty tail. */
export function logLines(log: string): Buffer[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(log);
  } catch (err) {
    throw describeCloudError(`cannot read the custody log ${log}`, err);
  }
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

/** A log's chain, and its store's copies compared with its lines (custody verify --custody-store). */
export async function verifyCustodyLogWithStore(log: string, store: Location): Promise<CustodyLogCheck & { readonly store: StoreComparison }> {
  const chain = verifyCustodyLog(log);
  const comparison = await compareWithStore(logLines(log), store);
  return { ...chain, store: comparison };
}

/** What verifyCustodyLog found. */
export interface CustodyLogCheck {
  /** Lines in the log. */
  readonly records: number;
  /** One line each: what is wrong where. Empty when the chain holds. */
  readonly problems: readonly string[];
}

/** Walks a custody log's hash chain: every record parses, counts up by one and names the hash of the line before it. */
export function verifyCustodyLog(log: string): CustodyLogCheck {
  let text: string;
  try {
    text = fs.readFileSync(log, 'utf8');
  } catch (err) {
    throw describeCloudError(`cannot read the custody log ${log}`, err);
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const problems: string[] = [];
  let previous: string | null = null;
  lines.forEach((line, i) => {
    const at = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${at}: not JSON`);
      previous = sha256Hex(line);
      return;
    }
    // A line that parses but is no object (null, an array, a string, a number) is no record: a
    // malformed record is tampering like any broken chain, never an internal error.
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${at}: not a custody record (JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not an object)`);
      previous = sha256Hex(line);
      return;
    }
    const r = value as Partial<CustodyRecord>;
    if (r.record !== CUSTODY_FORMAT) problems.push(`${at}: not a custody record`);
    if (r.seq !== i + 1) problems.push(`${at}: seq ${JSON.stringify(r.seq) ?? 'missing'}, expected ${i + 1} (a record removed or reordered)`);
    if (r.previousSha256 !== previous) problems.push(`${at}: previousSha256 does not match line ${i} (an earlier record was edited or removed)`);
    if (!Object.prototype.hasOwnProperty.call(r, 'result')) problems.push(`${at}: no result (the record was edited)`);
    else if (r.resultSha256 !== sha256Hex(canonicalJson(r.result))) problems.push(`${at}: resultSha256 does not match its result (the result was edited)`);
    previous = sha256Hex(line);
  });
  if (lines.length === 0) problems.push('no records');
  // Every record is written with its newline: a last line without one was cut short (or edited),
  // and appendCustodyRecord refuses such a log, so it is never called intact here either.
  else if (!text.endsWith('\n')) problems.push(`line ${lines.length}: unfinished (no newline at its end: every record is written with one; cut short or edited); the log is not appended to`);
  return { records: lines.length, problems };
}

/** The identity to record for a store the command used. */
export async function identityOf(location: Location, credential: string): Promise<CloudIdentity> {
  switch (location.kind) {
    case 's3':
      return awsIdentity();
    case 'azure':
      return azureIdentity(location);
    case 'gcs':
      return gcpIdentity(credential || 'OAuth access token (GOOGLE_OAUTH_ACCESS_TOKEN)');
    case 'local':
      return { cloud: 'local', credential: 'local file system' };
  }
}

/**
 * The Azure identity for a location: with the connection string's shared key, the account and
 * "shared key" (a key names no principal); with DefaultAzureCredential, the principal claims of
 * its storage token, decoded without verifying it.
 */
export async function azureIdentity(location: Location & { kind: 'azure' }): Promise<CloudIdentity> {
  const c = azureContainer(location);
  if (!c.tokens) return { cloud: 'azure', account: location.account, credential: c.credential };
  return azureTokenIdentity(location.account, c.credential, c.tokens);
}
