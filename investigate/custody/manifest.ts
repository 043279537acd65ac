/**
 * Hash manifests: what a store (or a local copy) held, object by object, with the SHA-256 of the
 * bytes computed here beside the store's own checksums. JSON lines: a header record, then one
 * record per object in the order listed. The header counts the objects, so the entries are
 * streamed to a temporary file first and the manifest is assembled once the count is known;
 * neither an object nor the list of them is ever held in memory.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable, Transform } from 'stream';
import { pipeline } from 'stream/promises';
import { StringDecoder } from 'string_decoder';
import { CustodyInputError, describeCloudError } from './errors';
import { Location, ObjectInfo, ObjectStore, azureContainer, gcsApiRoot, gcsFetch, parseLocation, s3Client } from './sources';

export const MANIFEST_FORMAT = 'forensic-readiness-manifest/1';

/** Which tool wrote a record: name and version (the package's). */
export interface ToolId {
  readonly name: string;
  readonly version: string;
}

export interface ManifestHeader {
  readonly manifest: typeof MANIFEST_FORMAT;
  readonly tool: ToolId;
  readonly source: string;
  readonly versions: boolean;
  readonly created: string;
  readonly objects: number;
}

/** One object (or version) of a manifest. */
export interface ManifestEntry {
  readonly key: string;
  readonly versionId: string | null;
  readonly generation: string | null;
  readonly isLatest: boolean;
  readonly size: number;
  /** Hex SHA-256 of the bytes, computed as they were read. */
  readonly sha256: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly checksums: Readonly<Record<string, string>>;
}

export function entryOf(info: ObjectInfo, sha256: string, size: number): ManifestEntry {
  return { key: info.key, versionId: info.versionId, generation: info.generation, isLatest: info.isLatest, size, sha256, etag: info.etag, lastModified: info.lastModified, checksums: info.checksums };
}

/** A pass-through stream that hashes (SHA-256) and counts what flows through it. */
export function hasher(): Transform & { digest(): { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  let result: { sha256: string; size: number } | undefined;
  return Object.assign(t, { digest: () => (result ??= { sha256: hash.digest('hex'), size }) });
}

/** SHA-256 (hex) and size of a stream, reading it to the end. */
export async function hashStream(body: Readable): Promise<{ sha256: string; size: number }> {
  const h = hasher();
  await pipeline(body, h, async function* (source) {
    for await (const _ of source) void _;
  });
  return h.digest();
}

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  return hashStream(fs.createReadStream(file));
}

/**
 * Collects a manifest's entries in a temporary file, then writes the manifest (header first)
 * to `file`, which must not exist: a user's file is never overwritten.
 */
export class ManifestWriter {
  private readonly tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-manifest-'));
  private readonly entriesFile = path.join(this.tmpDir, 'entries.jsonl');
  private readonly fd = fs.openSync(this.entriesFile, 'w');
  private count = 0;

  constructor(
    private readonly source: string,
    private readonly versions: boolean,
    private readonly tool: ToolId,
  ) {}

  add(entry: ManifestEntry): void {
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.count++;
  }

  /** Writes the manifest to a new file (exclusive create, then read-only) and returns its hash and header. */
  async finish(file: string): Promise<{ sha256: string; header: ManifestHeader }> {
    fs.closeSync(this.fd);
    const header: ManifestHeader = { manifest: MANIFEST_FORMAT, tool: this.tool, source: this.source, versions: this.versions, created: new Date().toISOString(), objects: this.count };
    try {
      let out: fs.WriteStream;
      try {
        out = fs.createWriteStream(file, { flags: 'wx' });
        await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CustodyInputError(`${file}: already exists; a manifest never overwrites a file`);
        throw describeCloudError(`cannot write ${file}`, err);
      }
      const h = hasher();
      await pipeline(Readable.from(concat(`${JSON.stringify(header)}\n`, this.entriesFile)), h, out);
      fs.chmodSync(file, 0o444); // evidence, like the copy it describes
      return { sha256: h.digest().sha256, header };
    } finally {
      fs.rmSync(this.tmpDir, { recursive: true, force: true });
    }
  }

  discard(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed by finish
    }
    fs.rmSync(this.tmpDir, { recursive: true, force: true });
  }
}

async function* concat(head: string, file: string): AsyncGenerator<Buffer> {
  yield Buffer.from(head);
  for await (const chunk of fs.createReadStream(file)) yield chunk as Buffer;
}

/** Reads every object under a store into a manifest (hashing each as a stream). */
export async function createManifest(store: ObjectStore, versions: boolean, writer: ManifestWriter): Promise<number> {
  let n = 0;
  for await (const ref of store.list(versions)) {
    const { info, body, changed } = await store.get(ref);
    let digest: { sha256: string; size: number };
    try {
      digest = await hashStream(body);
    } catch (err) {
      throw describeCloudError(`cannot read ${store.location.text} ${ref.key}`, err);
    }
    // A hash of bytes the file never held as a whole is no record of it: refused, nothing written.
    const why = changed?.();
    if (why) throw new CustodyInputError(`${store.location.text} ${ref.key}: ${why}, so its SHA-256 may be of bytes it never held as a whole; no manifest is written: manifest it once nothing writes to it (or a copy of it)`);
    writer.add(entryOf(info, digest.sha256, digest.size));
    n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Where a manifest goes, and where one is read from

/** How long a manifest (or custody record) written to a locked store is kept: COMPLIANCE mode on S3. */
export interface Retention {
  readonly retainUntil: Date;
}

/**
 * Stores a finished local file at DEST: S3 with an Object Lock retain-until date in COMPLIANCE
 * mode (the bucket must have Object Lock enabled), an Azure container (never overwriting a blob;
 * immutability is the container's policy), or GCS (ifGenerationMatch=0; the bucket's retention
 * policy keeps it). Returns the URL written.
 */
export async function storeFile(file: string, dest: Location, retention: Retention | undefined, contentType = 'application/x-ndjson'): Promise<string> {
  switch (dest.kind) {
    case 'local':
      throw new Error('storeFile is for cloud destinations');
    case 's3': {
      if (!dest.prefix || dest.prefix.endsWith('/')) throw new CustodyInputError(`${dest.text}: name the object to write (s3://BUCKET/KEY)`);
      if (!retention) throw new CustodyInputError(`${dest.text}: a manifest written to S3 needs --retain-until DATE or --retain-days N (Object Lock, COMPLIANCE mode)`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { PutObjectCommand } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
      // Object Lock puts need Content-MD5 (or a flexible checksum); computed as a stream.
      const md5 = createHash('md5');
      for await (const chunk of fs.createReadStream(file)) md5.update(chunk as Buffer);
      try {
        await s3Client().send(
          new PutObjectCommand({
            Bucket: dest.bucket,
            Key: dest.prefix,
            Body: fs.createReadStream(file),
            ContentLength: fs.statSync(file).size,
            ContentMD5: md5.digest('base64'),
            ContentType: contentType,
            ObjectLockMode: 'COMPLIANCE',
            ObjectLockRetainUntilDate: retention.retainUntil,
          }),
        );
      } catch (err) {
        throw describeCloudError(`cannot write ${dest.text}`, err);
      }
      return dest.text;
    }
    case 'azure': {
      if (!dest.prefix || dest.prefix.endsWith('/')) throw new CustodyInputError(`${dest.text}: name the blob to write (…/CONTAINER/NAME)`);
      try {
        const blob = azureContainer(dest).client.getBlockBlobClient(dest.prefix);
        await blob.uploadFile(file, { conditions: { ifNoneMatch: '*' }, blobHTTPHeaders: { blobContentType: contentType } });
      } catch (err) {
        throw describeCloudError(`cannot write ${dest.text}`, err);
      }
      return dest.text;
    }
    case 'gcs': {
      if (!dest.prefix || dest.prefix.endsWith('/')) throw new CustodyInputError(`${dest.text}: name the object to write (gs://BUCKET/NAME)`);
      const q = new URLSearchParams({ uploadType: 'media', name: dest.prefix, ifGenerationMatch: '0' });
      await gcsFetch(`cannot write ${dest.text}`, `${gcsApiRoot()}/upload/storage/v1/b/${encodeURIComponent(dest.bucket)}/o?${q}`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: Readable.toWeb(fs.createReadStream(file)) as unknown as RequestInit['body'],
        duplex: 'half',
      } as RequestInit);
      return dest.text;
    }
  }
}

/** A manifest's lines, from a local file or a single object URL (s3://BUCKET/KEY, an Azure blob URL, gs://BUCKET/NAME). */
async function openManifest(text: string, cwd: string): Promise<Readable> {
  const where = parseLocation(text, 'manifest', cwd);
  try {
    switch (where.kind) {
      case 'local':
        await fs.promises.access(where.path, fs.constants.R_OK).catch(() => {
          throw new CustodyInputError(`${text}: no such file, or not readable`);
        });
        return fs.createReadStream(where.path);
      case 's3': {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { GetObjectCommand } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
        const r = await s3Client().send(new GetObjectCommand({ Bucket: where.bucket, Key: where.prefix }));
        return r.Body as Readable;
      }
      case 'azure': {
        const r = await azureContainer(where).client.getBlobClient(where.prefix).download();
        return Readable.from(r.readableStreamBody as NodeJS.ReadableStream);
      }
      case 'gcs': {
        const r = await gcsFetch(`cannot read ${text}`, `${gcsApiRoot()}/storage/v1/b/${encodeURIComponent(where.bucket)}/o/${encodeURIComponent(where.prefix)}?alt=media`);
        return Readable.fromWeb(r.body as import('stream/web').ReadableStream);
      }
    }
  } catch (err) {
    throw describeCloudError(`cannot read ${text}`, err);
  }
}

export interface LoadedManifest {
  readonly text: string;
  readonly header: ManifestHeader;
  readonly sha256: string;
  /** Entries by identity (the key, with the version id or generation when versions were listed). */
  readonly entries: ReadonlyMap<string, ManifestEntry>;
}

/** Reads and checks a manifest: its header, one entry a line, the count the header states. */
export async function loadManifest(text: string, cwd: string): Promise<LoadedManifest> {
  const body = await openManifest(text, cwd);
  const h = hasher();
  const entries = new Map<string, ManifestEntry>();
  let header: ManifestHeader | undefined;
  let lineNo = 0;
  let rest = '';
  const take = (line: string) => {
    lineNo++;
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CustodyInputError(`${text} line ${lineNo}: not JSON; expected a manifest (JSON lines)`);
    }
    if (!header) {
      const v = value as Partial<ManifestHeader>;
      if (v?.manifest !== MANIFEST_FORMAT) throw new CustodyInputError(`${text}: not a manifest (its first line has no "manifest": "${MANIFEST_FORMAT}")`);
      header = v as ManifestHeader;
      return;
    }
    const e = value as Partial<ManifestEntry>;
    if (typeof e?.key !== 'string' || typeof e.sha256 !== 'string' || typeof e.size !== 'number') throw new CustodyInputError(`${text} line ${lineNo}: an entry needs key, size and sha256`);
    const id = identity(e as ManifestEntry, header.versions);
    if (entries.has(id)) throw new CustodyInputError(`${text} line ${lineNo}: ${JSON.stringify(e.key)} listed twice`);
    entries.set(id, e as ManifestEntry);
  };
  // One decoder for the whole stream: a multibyte character split across two chunks is decoded
  // whole, never as two U+FFFD (which would make keys that differ in that character look alike).
  const decoder = new StringDecoder('utf8');
  try {
    await pipeline(body, h, async function* (source) {
      for await (const chunk of source) {
        const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) take(line);
      }
    });
  } catch (err) {
    throw describeCloudError(`cannot read ${text}`, err);
  }
  rest += decoder.end();
  take(rest);
  if (!header) throw new CustodyInputError(`${text}: empty; expected a manifest`);
  if (header.objects !== entries.size) throw new CustodyInputError(`${text}: its header counts ${header.objects} objects but it lists ${entries.size} (truncated or edited)`);
  return { text, header, sha256: h.digest().sha256, entries };
}

function identity(e: ManifestEntry, versions: boolean): string {
  return versions ? `${e.key}\u0000${e.versionId ?? e.generation ?? ''}` : e.key;
}

export interface ManifestDiff {
  readonly equal: boolean;
  readonly added: readonly ManifestEntry[];
  readonly removed: readonly ManifestEntry[];
  readonly changed: readonly { readonly key: string; readonly versionId: string | null; readonly generation: string | null; readonly baseline: { size: number; sha256: string }; readonly current: { size: number; sha256: string } }[];
  readonly unchanged: number;
}

/**
 * Added, removed and changed (size or SHA-256) objects. Objects are matched by key, and by
 * version too when both manifests listed versions; the stores' own checksums are not compared
 * (a client sets Azure's Content-MD5), only the bytes' hashes.
 */
export function diffManifests(baseline: LoadedManifest, current: LoadedManifest): ManifestDiff {
  const versions = baseline.header.versions && current.header.versions;
  const rekey = (m: LoadedManifest): ReadonlyMap<string, ManifestEntry> => {
    if (!m.header.versions) return m.entries;
    // A manifest of versions names at most one current version per key: two would leave the
    // comparison of current versions to whichever came last, so it is refused, never picked.
    const latest = new Map<string, ManifestEntry>();
    for (const e of m.entries.values()) {
      if (e.isLatest !== true) continue;
      if (latest.has(e.key)) throw new CustodyInputError(`${m.text}: ${JSON.stringify(e.key)} has more than one version marked latest (isLatest); cannot tell which is current (made from a copy whose sidecars do not say? pull it again)`);
      latest.set(e.key, e);
    }
    return m.header.versions === versions ? m.entries : latest;
  };
  const base = rekey(baseline);
  const cur = rekey(current);
  const added: ManifestEntry[] = [];
  const removed: ManifestEntry[] = [];
  const changed: ManifestDiff['changed'][number][] = [];
  let unchanged = 0;
  for (const [id, b] of base) {
    const c = cur.get(id);
    if (!c) removed.push(b);
    else if (c.size !== b.size || c.sha256 !== b.sha256) changed.push({ key: b.key, versionId: b.versionId, generation: b.generation, baseline: { size: b.size, sha256: b.sha256 }, current: { size: c.size, sha256: c.sha256 } });
    else unchanged++;
  }
  for (const [id, c] of cur) if (!base.has(id)) added.push(c);
  return { equal: added.length + removed.length + changed.length === 0, added, removed, changed, unchanged };
}
