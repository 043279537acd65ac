/**
 * The evidence store of a custody log (`--custody-store`): every record is also written there as
 * its own object, `PREFIX/SEQ-SHA256.json` (SEQ in 8 digits, SHA256 of the line), holding exactly
 * the bytes of the log's line and its newline, written once and never over another object:
 * - S3 (`s3://BUCKET/PREFIX/`): Object Lock in COMPLIANCE mode until a retain-until date;
 * - Azure (`https://ACCOUNT.blob.core.windows.net/CONTAINER/PREFIX/`): a new blob only if no blob
 *   has that name (If-None-Match: *), into a container that reports an immutability policy or a
 *   legal hold (Get Container Properties);
 * - GCS (`gs://BUCKET/PREFIX/`): an upload with ifGenerationMatch=0 (only if no live object has
 *   that name) into a bucket with a retention policy.
 * A container or bucket that reports no such lock is refused unless the user allows it
 * (`allowMutable`, a warning). `compareWithStore` reads the store back for `custody verify`.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CustodyInputError, describeCloudError } from './errors';
import { Retention, storeFile } from './manifest';
import { Location, azureContainer, gcsApiRoot, gcsFetch, openStore } from './sources';

/** Where a record went and what keeps it there, as the record itself says (`store`). */
export interface StoredAt {
  /** The store's prefix URL, normalized to end with `/`. */
  readonly url: string;
  /** What keeps the records there, as checked when the record was written. */
  readonly lock: string;
}

/** A store location in the form records name it: its URL with the prefix ending in `/`. */
export function storeUrl(store: Location): string {
  const prefix = (p: string) => (p === '' || p.endsWith('/') ? p : `${p}/`);
  switch (store.kind) {
    case 's3':
      return `s3://${store.bucket}/${prefix(store.prefix)}`;
    case 'gcs':
      return `gs://${store.bucket}/${prefix(store.prefix)}`;
    case 'azure':
      return `${store.serviceUrl}/${store.container}/${prefix(store.prefix)}`;
    case 'local':
      throw new CustodyInputError(`--custody-store ${store.text}: must be a cloud store (s3://, gs:// or an Azure container URL)`);
  }
}

/** The object name of record `seq` whose line hashes to `sha256`, under the store's prefix. */
export function recordObjectKey(store: Location & { prefix: string }, seq: number, sha256: string): string {
  const prefix = store.prefix === '' || store.prefix.endsWith('/') ? store.prefix : `${store.prefix}/`;
  return `${prefix}${String(seq).padStart(8, '0')}-${sha256}.json`;
}

/** What checkCustodyStore found. */
export interface StoreCheck {
  /** What keeps the records (the record's `store.lock`). */
  readonly lock: string;
  /** A one-line warning when the store was allowed without a lock. */
  readonly warning?: string;
}

/**
 * Checks, before anything is written, that the store exists and keeps what is written to it:
 * S3 needs a retain-until date (the put itself fails on a bucket without Object Lock); an Azure
 * container must exist and report an immutability policy (time-based or version-level) or a legal
 * hold; a GCS bucket must exist and have a retention policy. Without a lock, `allowMutable` turns
 * the refusal into a warning.
 */
export async function checkCustodyStore(store: Location, retention: Retention | undefined, allowMutable: boolean, flag = '--custody-store', written = 'the records'): Promise<StoreCheck> {
  const unlocked = (what: string): StoreCheck => {
    if (!allowMutable) throw new CustodyInputError(`${flag} ${store.text}: ${what}, so ${written} written there could be deleted; use a locked store (the kit's EvidenceStorage / EvidenceBucket) or give --allow-mutable-store`);
    return { lock: 'none (--allow-mutable-store)', warning: `--allow-mutable-store: ${what}; ${written} written to ${store.text} can be deleted or replaced` };
  };
  switch (store.kind) {
    case 'local':
      throw new CustodyInputError(`${flag} ${store.text}: must be a cloud store (s3://, gs:// or an Azure container URL)`);
    case 's3':
      if (allowMutable) throw new CustodyInputError(`--allow-mutable-store is for Azure and gs:// stores; ${flag} s3://… is always written under Object Lock`);
      if (!retention) throw new CustodyInputError(`${flag} s3://… needs --retain-until DATE or --retain-days N (Object Lock, COMPLIANCE mode)`);
      return { lock: `S3 Object Lock COMPLIANCE until ${retention.retainUntil.toISOString()}` };
    case 'azure': {
      let p: { hasImmutabilityPolicy?: boolean; hasLegalHold?: boolean; isImmutableStorageWithVersioningEnabled?: boolean };
      try {
        p = await azureContainer(store).client.getProperties();
      } catch (err) {
        const e = err as { statusCode?: number; code?: string };
        if (e.statusCode === 404 || e.code === 'ContainerNotFound') throw new CustodyInputError(`${flag} ${store.text}: container ${store.container} does not exist in account ${store.account}`);
        throw describeCloudError(`${flag} ${store.text}: cannot read the container's properties`, err);
      }
      const locks = [p.hasImmutabilityPolicy ? 'container immutability policy' : '', p.isImmutableStorageWithVersioningEnabled ? 'version-level immutability' : '', p.hasLegalHold ? 'container legal hold' : ''].filter(Boolean);
      if (locks.length > 0) return { lock: `Azure ${locks.join(', ')}` };
      return unlocked(`container ${store.container} reports no immutability policy and no legal hold`);
    }
    case 'gcs': {
      let bucket: { retentionPolicy?: { retentionPeriod?: string; isLocked?: boolean } };
      try {
        bucket = (await (await gcsFetch(`${flag} ${store.text}: cannot read bucket ${store.bucket}`, `${gcsApiRoot()}/storage/v1/b/${encodeURIComponent(store.bucket)}?fields=retentionPolicy`)).json()) as typeof bucket;
      } catch (err) {
        if (err instanceof CustodyInputError && / HTTP 404/.test(err.message)) throw new CustodyInputError(`${flag} ${store.text}: bucket ${store.bucket} does not exist`);
        throw err;
      }
      const policy = bucket.retentionPolicy;
      if (policy?.retentionPeriod) return { lock: `GCS retention policy ${policy.retentionPeriod} s${policy.isLocked ? ', locked' : ', not locked'}` };
      return unlocked(`bucket ${store.bucket} has no retention policy`);
    }
  }
}

/**
 * Writes one record (its line and newline, byte for byte) to the store as a new object; returns
 * the object's URL. Never over an existing object.
 */
export async function writeRecordToStore(line: string, seq: number, sha256: string, store: Location, retention: Retention | undefined): Promise<string> {
  if (store.kind === 'local') throw new CustodyInputError(`--custody-store ${store.text}: must be a cloud store`);
  const key = recordObjectKey(store, seq, sha256);
  const dest: Location =
    store.kind === 'azure' ? { ...store, text: `${store.serviceUrl}/${store.container}/${key}`, prefix: key } : { ...store, text: `${store.kind === 's3' ? 's3' : 'gs'}://${store.bucket}/${key}`, prefix: key };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-custody-'));
  try {
    const file = path.join(tmp, 'record.json');
    fs.writeFileSync(file, `${line}\n`);
    return await storeFile(file, dest, retention, 'application/json');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** What comparing a log with its store found. */
export interface StoreComparison {
  /** The store, as records name it. */
  readonly url: string;
  /** Objects under the store's prefix (every version). */
  readonly objects: number;
  /** Records of the log found in the store, byte for byte. */
  readonly matched: number;
  /** Records of the log written without this store (no `store`, or another store): not expected there. */
  readonly notStored: number;
  /** One line each: what differs where. */
  readonly problems: readonly string[];
  /**
   * Why the store cannot prove the log complete, or null: a store that does not keep its records
   * (a record of it says lock "none (--allow-mutable-store)", or it reports no lock now) lets the
   * newest records be deleted from it and from the log without a trace. Never INTACT then.
   */
  readonly unproven: string | null;
}

/** The `store.lock` of a record line naming this store, or undefined. */
function lockOf(line: Buffer, url: string): string | undefined {
  try {
    const s = (JSON.parse(line.toString('utf8')) as { store?: { url?: unknown; lock?: unknown } }).store;
    return s?.url === url && typeof s.lock === 'string' ? s.lock : undefined;
  } catch {
    return undefined;
  }
}

const NAME = /(?:^|\/)(\d{8})-([0-9a-f]{64})\.json$/;
/** A record is one line; anything far larger is not one. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Compares the local log's lines with the records in the store: every object in the store must be
 * a record named SEQ-SHA256.json whose content hashes to its name, written once (one version), and
 * equal byte for byte to line SEQ of the log; every line whose record says it went to this store
 * must be there; the store's records must chain (each names the hash of the one before it).
 */
export async function compareWithStore(logLines: readonly Buffer[], store: Location): Promise<StoreComparison> {
  const url = storeUrl(store);
  const problems: string[] = [];
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const byKey = new Map<string, Buffer[]>();
  const reader = openStore(store);
  let objects = 0;
  try {
    for await (const ref of reader.list(true)) {
      objects++;
      const { body, info } = await reader.get(ref);
      if (info.size > MAX_RECORD_BYTES) {
        body.destroy();
        problems.push(`store ${ref.key}: ${info.size} bytes, too large to be a custody record`);
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(c as Buffer);
      byKey.set(ref.key, [...(byKey.get(ref.key) ?? []), Buffer.concat(chunks)]);
    }
  } catch (err) {
    throw describeCloudError(`--custody-store ${store.text}: cannot read the store`, err);
  }
  const stored = new Map<number, { key: string; sha256: string; line: Buffer }[]>();
  for (const [key, versions] of byKey) {
    const name = NAME.exec(key);
    if (!name) {
      problems.push(`store ${key}: not a custody record (its name is not SEQ-SHA256.json)`);
      continue;
    }
    if (versions.length > 1) problems.push(`store ${key}: ${versions.length} versions; a record is written once`);
    const seq = Number(name[1]);
    for (const content of versions) {
      const line = content.subarray(0, content.length - 1);
      if (content.length === 0 || content[content.length - 1] !== 0x0a || line.includes(0x0a)) problems.push(`store ${key}: not one line ending in a newline`);
      else if (sha(line) !== name[2]) problems.push(`store ${key}: the SHA-256 of its content is not the one in its name (edited)`);
      stored.set(seq, [...(stored.get(seq) ?? []), { key, sha256: name[2], line }]);
    }
  }
  let matched = 0;
  let notStored = 0;
  logLines.forEach((line, i) => {
    const seq = i + 1;
    const here = stored.get(seq) ?? [];
    const same = here.find((s) => s.line.equals(line));
    let said: string | null = null;
    try {
      const s = (JSON.parse(line.toString('utf8')) as { store?: { url?: unknown } }).store;
      said = typeof s?.url === 'string' ? s.url : null;
    } catch {
      // not JSON: the chain check names it
    }
    if (same) matched++;
    else if (said === url && here.length === 0) problems.push(`line ${seq}: not in the store, though its record says it was written there`);
    else if (here.length === 0) notStored++;
    for (const s of here) if (!s.line.equals(line)) problems.push(`store ${s.key}: differs from line ${seq} of the local log`);
  });
  for (const [seq, records] of stored) {
    if (seq < 1 || seq > logLines.length) for (const s of records) problems.push(`store ${s.key}: record ${seq} is missing from the local log (it has ${logLines.length} record${logLines.length === 1 ? '' : 's'})`);
    if (records.length > 1 && new Set(records.map((r) => r.sha256)).size > 1) problems.push(`store: ${records.length} different records numbered ${seq}`);
    const before = stored.get(seq - 1);
    if (!before) continue;
    for (const s of records) {
      let previous: unknown;
      try {
        previous = (JSON.parse(s.line.toString('utf8')) as { previousSha256?: unknown }).previousSha256;
      } catch {
        previous = undefined;
      }
      if (!before.some((b) => b.sha256 === previous)) problems.push(`store ${s.key}: its previousSha256 is not the hash of store record ${seq - 1} (the store's chain breaks)`);
    }
  }
  // What kept the records, as each says (the log's lines and the store's copies): one unlocked
  // record of this store and the newest records could be gone from both without a trace.
  const locks = [...logLines, ...[...stored.values()].flat().map((r) => r.line)].map((l) => lockOf(l, url)).filter((lock): lock is string => lock !== undefined);
  const unlocked = locks.find((lock) => lock.startsWith('none'));
  // An S3 record is kept until its retain-until date only: past it, it can be deleted like any.
  const expired = locks.find((lock) => {
    const until = /^S3 Object Lock COMPLIANCE until (.+)$/.exec(lock);
    return until !== null && !(new Date(until[1]).getTime() > Date.now());
  });
  let unproven: string | null = unlocked
    ? `the store is not locked (its records say lock ${JSON.stringify(unlocked)}): a deletion of the newest records, from it and from the log, cannot be detected`
    : expired
      ? `a record's lock has ended (it says ${JSON.stringify(expired)}): a deletion of the newest records, from the store and from the log, cannot be detected`
      : null;
  // And what keeps them now: an Azure container or GCS bucket can lose its lock (S3 records are
  // written under Object Lock COMPLIANCE, which nobody can shorten).
  if (!unproven && store.kind !== 's3') {
    try {
      const now = await checkCustodyStore(store, undefined, true);
      if (now.lock.startsWith('none')) unproven = `the store is not locked now (${now.warning?.replace(/^--allow-mutable-store: /, '').replace(/;.*$/, '') ?? 'no lock'}): a deletion of the newest records, from it and from the log, cannot be detected`;
    } catch (err) {
      unproven = `cannot tell whether the store is locked (${describeCloudError('store', err).message.replace(/^store: /, '')}): a deletion of the newest records, from it and from the log, could not be detected`;
    }
  }
  return { url, objects, matched, notStored, problems, unproven };
}
