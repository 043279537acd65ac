/**
 * The custody record: every custody command (pull, manifest, hold, and verify) appends one JSON
 * line to a log the user names — case id, who (the cloud identity and the local user), when, the
 * tool's version, the inputs with their hashes, the result and its hash — and each line carries
 * the SHA-256 of the line before it, so an edited, removed or reordered record breaks the chain
 * (`verifyCustodyLog`). Given an evidence store (s3://…), the record is also written there as one
 * object per record under an Object Lock retain-until date (COMPLIANCE), where the last record —
 * which no later line protects — cannot be edited either.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CustodyInputError, describeCloudError } from './errors';
import { Retention, ToolId, storeFile } from './manifest';
import { Location, quietAwsSdkNodeNotice } from './sources';

export const CUSTODY_FORMAT = 'forensic-readiness-custody/1';

/** Who acted in a cloud: what the command could learn of its identity. */
export type CloudIdentity =
  | { readonly cloud: 'aws'; readonly arn: string | null; readonly account: string | null; readonly error?: string }
  | { readonly cloud: 'azure'; readonly account: string; readonly credential: string }
  | { readonly cloud: 'gcp'; readonly credential: string }
  | { readonly cloud: 'local'; readonly credential: string };

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
  /** An evidence store to write the record to as well: `s3://BUCKET/PREFIX/` (Object Lock, COMPLIANCE). */
  readonly store?: Location;
  /** The lock of the copy in `store`; required with it. */
  readonly retention?: Retention;
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
  if (options.store && !options.retention) throw new CustodyInputError('--custody-store needs --retain-until DATE or --retain-days N (Object Lock, COMPLIANCE mode)');
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
      who: { local: localUser(), cloud: event.cloud },
      when: new Date().toISOString(),
      tool: options.tool,
      inputs: event.inputs,
      result: event.result,
      resultSha256: sha256Hex(canonicalJson(event.result)),
      previousSha256: previous?.sha256 ?? null,
    };
    const line = JSON.stringify(record);
    const sha256 = sha256Hex(line);
    let stored: string | undefined;
    if (options.store) stored = await storeRecord(line, record.seq, sha256, options.store, options.retention!);
    fs.appendFileSync(options.log, `${line}\n`);
    return { record, sha256, stored };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

async function storeRecord(line: string, seq: number, sha256: string, store: Location, retention: Retention): Promise<string> {
  if (store.kind !== 's3') throw new CustodyInputError(`--custody-store ${store.text}: must be s3://BUCKET/PREFIX (an Object Lock bucket)`);
  const prefix = store.prefix === '' || store.prefix.endsWith('/') ? store.prefix : `${store.prefix}/`;
  const key = `${prefix}${String(seq).padStart(8, '0')}-${sha256}.json`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-custody-'));
  try {
    const file = path.join(tmp, 'record.json');
    fs.writeFileSync(file, `${line}\n`);
    return await storeFile(file, { kind: 's3', text: `s3://${store.bucket}/${key}`, bucket: store.bucket, prefix: key }, retention, 'application/json');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export interface CustodyLogCheck {
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
    let r: Partial<CustodyRecord>;
    try {
      r = JSON.parse(line);
    } catch {
      problems.push(`${at}: not JSON`);
      previous = sha256Hex(line);
      return;
    }
    if (r.record !== CUSTODY_FORMAT) problems.push(`${at}: not a custody record`);
    if (r.seq !== i + 1) problems.push(`${at}: seq ${r.seq}, expected ${i + 1} (a record removed or reordered)`);
    if (r.previousSha256 !== previous) problems.push(`${at}: previousSha256 does not match line ${i} (an earlier record was edited or removed)`);
    if (r.resultSha256 !== sha256Hex(canonicalJson(r.result))) problems.push(`${at}: resultSha256 does not match its result (the result was edited)`);
    previous = sha256Hex(line);
  });
  if (lines.length === 0) problems.push('no records');
  return { records: lines.length, problems };
}

/**
 * The AWS identity of the default credential chain (STS GetCallerIdentity, on AWS_ENDPOINT_URL when
 * set). A failure is recorded, not fatal: the store's own call fails with its own message if the
 * credentials are wrong.
 */
export async function awsIdentity(): Promise<CloudIdentity> {
  try {
    quietAwsSdkNodeNotice();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sts = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
    const r = await new sts.STSClient({ maxAttempts: 1 }).send(new sts.GetCallerIdentityCommand({}));
    return { cloud: 'aws', arn: r.Arn ?? null, account: r.Account ?? null };
  } catch (err) {
    return { cloud: 'aws', arn: null, account: null, error: describeCloudError('GetCallerIdentity', err).message };
  }
}

/** The identity to record for a store the command used. */
export async function identityOf(location: Location, credential: string): Promise<CloudIdentity> {
  switch (location.kind) {
    case 's3':
      return awsIdentity();
    case 'azure':
      return { cloud: 'azure', account: location.account, credential };
    case 'gcs':
      return { cloud: 'gcp', credential };
    case 'local':
      return { cloud: 'local', credential: 'local file system' };
  }
}
