/**
 * The stores the custody commands read: a local folder, S3 (`s3://bucket/prefix`), an Azure blob
 * container URL (`https://ACCOUNT.blob.core.windows.net/CONTAINER/prefix`, or the path style of
 * Azurite `http://127.0.0.1:10000/ACCOUNT/CONTAINER/prefix`) and GCS (`gs://bucket/prefix`, the
 * JSON API over fetch). Every object is listed, then read as a stream: nothing here holds a
 * whole object in memory.
 *
 * The SDKs are required inside the functions that use them, so importing this module (or the CLI)
 * loads none of them. Endpoints: the AWS SDK's own `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_S3`
 * (path-style addressing when either is set: a local peer has no bucket host names), the account
 * key of `AZURE_STORAGE_CONNECTION_STRING` when it names the URL's account (otherwise
 * DefaultAzureCredential), and `STORAGE_EMULATOR_HOST` for GCS with `GOOGLE_OAUTH_ACCESS_TOKEN`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import type * as S3 from '@aws-sdk/client-s3';
import type * as AzureBlob from '@azure/storage-blob';
import { CustodyInputError, describeCloudError } from './errors';
import type { TokenSource } from './identity';

export type Location =
  | { readonly kind: 'local'; readonly text: string; readonly path: string }
  | { readonly kind: 's3'; readonly text: string; readonly bucket: string; readonly prefix: string }
  | { readonly kind: 'azure'; readonly text: string; readonly serviceUrl: string; readonly account: string; readonly container: string; readonly prefix: string }
  | { readonly kind: 'gcs'; readonly text: string; readonly bucket: string; readonly prefix: string };

const KINDS = 's3://BUCKET/PREFIX, gs://BUCKET/PREFIX, an Azure container URL https://ACCOUNT.blob.core.windows.net/CONTAINER/PREFIX';

/**
 * Reads a SOURCE or DEST argument. `what` names it in messages (`SOURCE`, `--out`); a local path is
 * resolved against cwd unless `allowLocal` is false.
 */
export function parseLocation(text: string, what: string, cwd: string, allowLocal = true): Location {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (!allowLocal) throw new CustodyInputError(`${what} ${JSON.stringify(text)} must be a cloud URL (${KINDS})`);
    return { kind: 'local', text, path: path.resolve(cwd, text) };
  }
  const rest = text.slice(scheme.length + 3);
  if (scheme === 's3' || scheme === 'gs') {
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1);
    if (!/^[a-z0-9][a-z0-9._-]{1,221}[a-z0-9]$/.test(bucket)) throw new CustodyInputError(`${what} ${JSON.stringify(text)}: ${JSON.stringify(bucket)} is not a bucket name`);
    return scheme === 's3' ? { kind: 's3', text, bucket, prefix } : { kind: 'gcs', text, bucket, prefix };
  }
  if (scheme === 'https' || scheme === 'http') {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new CustodyInputError(`${what} ${JSON.stringify(text)} is not a URL`);
    }
    const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const host = /^([a-z0-9]{3,24})\.blob\.[a-z0-9.-]+$/.exec(url.hostname);
    // Azurite and other emulators: http://HOST:PORT/ACCOUNT/CONTAINER/PREFIX.
    const pathStyle = !host && (url.hostname === 'localhost' || /^[0-9.]+$/.test(url.hostname) || url.hostname.startsWith('['));
    if (!host && !pathStyle) throw new CustodyInputError(`${what} ${JSON.stringify(text)} is not an Azure blob container URL (https://ACCOUNT.blob.core.windows.net/CONTAINER, or http://127.0.0.1:PORT/ACCOUNT/CONTAINER for an emulator)`);
    const account = host ? host[1] : parts.shift() ?? '';
    const container = parts.shift() ?? '';
    if (!account || !/^[a-z0-9$][a-z0-9-]{1,62}$/.test(container)) throw new CustodyInputError(`${what} ${JSON.stringify(text)} names no container (…/CONTAINER/PREFIX)`);
    const serviceUrl = host ? `${url.protocol}//${url.host}` : `${url.protocol}//${url.host}/${account}`;
    return { kind: 'azure', text, serviceUrl, account, container, prefix: parts.join('/') };
  }
  throw new CustodyInputError(`${what} ${JSON.stringify(text)}: unknown scheme ${scheme}:// (${KINDS}, or a local folder)`);
}

/** One object, or one version of it, as listed. */
export interface ObjectRef {
  readonly key: string;
  /** S3 / Azure version id, when versions were listed. */
  readonly versionId?: string;
  /** GCS generation, when versions were listed. */
  readonly generation?: string;
  /** Whether this is the current version (true when versions were not listed). */
  readonly isLatest: boolean;
}

/** What the store says about an object, as read with its bytes. */
export interface ObjectInfo {
  readonly key: string;
  readonly versionId: string | null;
  readonly generation: string | null;
  readonly isLatest: boolean;
  readonly size: number;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** The store's own checksums, as it reports them (S3 ChecksumSHA256 …, Azure contentMD5, GCS md5Hash / crc32c): recorded, never trusted alone. */
  readonly checksums: Readonly<Record<string, string>>;
  /** The object's user metadata (S3 x-amz-meta-*, Azure metadata, GCS metadata). */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ObjectStore {
  readonly location: Location;
  /** How the command authenticated, for the custody record. */
  readonly credential: string;
  /**
   * Every object under the location (every version when `versions`), in key order; folder markers
   * (keys ending in `/` with no content) are skipped, a key ending in `/` that holds bytes is listed.
   */
  list(versions: boolean): AsyncIterable<ObjectRef>;
  /**
   * The object's bytes, as a stream, with what the store says about it. `changed`, called once the
   * body has been read to its end, says why those bytes may not be the object's (it changed while
   * it was read), or undefined; a store whose reads are of one version (a cloud GET) has none.
   */
  get(ref: ObjectRef): Promise<{ readonly info: ObjectInfo; readonly body: Readable; readonly changed?: () => string | undefined }>;
}

/**
 * A folder marker: a key ending in `/` with no content (as consoles and `mkdir` on a bucket make
 * them). A key ending in `/` that holds bytes is an object, listed like any other; a size the
 * store does not give is taken for content, so such a key is never left out unseen.
 */
export function isFolderMarker(key: string, size: number | undefined): boolean {
  return key.endsWith('/') && size === 0;
}

/** A store for a location; nothing is contacted until list or get. */
export function openStore(location: Location): ObjectStore {
  switch (location.kind) {
    case 'local':
      return localStore(location);
    case 's3':
      return s3Store(location);
    case 'azure':
      return azureStore(location);
    case 'gcs':
      return gcsStore(location);
  }
}

// ---------------------------------------------------------------------------------------------
// Local folders

/** A file written by `pull` beside each object. */
export const SIDECAR_SUFFIX = '.metadata.json';

/** An object of a local folder as listed: with the pull sidecar found beside it, if any. */
interface LocalRef extends ObjectRef {
  readonly sidecar?: Sidecar;
}

/**
 * A local folder. In a copy made by `pull`, `<file>.metadata.json` beside a file is its sidecar
 * when its bytes are exactly what pull writes (see pullSidecar): it is not listed as an object,
 * and the file's version id, ETag, checksums and metadata come from it, so a manifest of the copy
 * reads like one of the store. Any other `<file>.metadata.json` (a user's label file) is an
 * object like any other, listed and hashed, and lends nothing to `<file>`. Listed with versions,
 * a file at `K.versions/V` whose sidecar names version (or generation) V is version V of key K,
 * as pull --versions wrote it.
 */
function localStore(location: Location & { kind: 'local' }): ObjectStore {
  const root = location.path;
  /** Where version V of key K was found (`K.versions/V`), by `K\0V`. */
  const pulledVersions = new Map<string, string>();
  return {
    location,
    credential: 'local file system',
    async *list(versions) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(root);
      } catch {
        throw new CustodyInputError(`${location.text}: no such folder`);
      }
      if (!stat.isDirectory()) throw new CustodyInputError(`${location.text}: not a folder`);
      // Every entry a listing would follow or leave out is named before anything is read.
      const notFiles = notFilesUnder(root);
      if (notFiles.length > 0) throw new NotFilesError(location.text, notFiles);
      for (const { rel, sidecar } of objectFiles(root, location.text)) {
        const layout = versions ? /^(.+)\.versions\/([^/]+)$/.exec(rel) : null;
        if (layout && sidecar && (sidecar.versionId === layout[2] || sidecar.generation === layout[2])) {
          pulledVersions.set(`${layout[1]}\u0000${layout[2]}`, rel);
          // Which version was current comes from the pull's sidecar (none of a key whose latest was a
          // delete marker). A sidecar that does not say (an older pull) marks it latest, so a key
          // with more than one such version is refused by manifest diff rather than one picked.
          const isLatest = typeof sidecar.isLatest === 'boolean' ? sidecar.isLatest : true;
          const ref: LocalRef = sidecar.generation === layout[2] ? { key: layout[1], generation: layout[2], isLatest, sidecar } : { key: layout[1], versionId: layout[2], isLatest, sidecar };
          yield ref;
        } else {
          const ref: LocalRef = { key: rel, isLatest: true, sidecar };
          yield ref;
        }
      }
    },
    async get(ref) {
      const version = ref.versionId ?? ref.generation;
      const rel = (version !== undefined && pulledVersions.get(`${ref.key}\u0000${version}`)) || ref.key;
      const file = path.join(root, ...rel.split('/'));
      // The sidecar the listing recognised (and so left out of it), never one read again here.
      const sidecar = (ref as LocalRef).sidecar;
      // Opened without following a link, nor waiting on a FIFO, put there since the folder was listed.
      let fd: number;
      try {
        fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new NotFilesError(location.text, [{ rel, what: whatIs(file, fs.lstatSync(file)) }]);
        throw describeCloudError(`cannot read ${location.text} ${rel}`, err);
      }
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) {
        fs.closeSync(fd);
        throw new NotFilesError(location.text, [{ rel, what: whatIs(file, stat) }]);
      }
      const info: ObjectInfo = {
        key: ref.key,
        versionId: sidecar?.versionId ?? null,
        generation: sidecar?.generation ?? null,
        isLatest: ref.isLatest,
        size: stat.size,
        etag: sidecar?.etag ?? null,
        lastModified: sidecar?.lastModified ?? stat.mtime.toISOString(),
        checksums: sidecar?.checksums ?? {},
        metadata: sidecar?.metadata ?? {},
      };
      // A local file can be written while it is read: stat it again once read (the same file, size,
      // modification and change time), or the hash may be of bytes that never were its content.
      const changed = (): string | undefined => {
        let now: fs.Stats;
        try {
          now = fs.lstatSync(file);
        } catch (err) {
          return `it was removed or became unreadable while it was hashed (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
        }
        const what = [
          ...(now.dev !== stat.dev || now.ino !== stat.ino ? ['replaced by another file'] : []),
          ...(now.size !== stat.size ? [`size ${stat.size} -> ${now.size}`] : []),
          ...(now.mtimeMs !== stat.mtimeMs ? [`modified ${stat.mtime.toISOString()} -> ${now.mtime.toISOString()}`] : []),
          ...(now.ctimeMs !== stat.ctimeMs ? ['its change time moved'] : []),
        ];
        return what.length > 0 ? `it changed while it was hashed (${what.join(', ')})` : undefined;
      };
      return { info, body: fs.createReadStream(file, { fd }), changed };
    },
  };
}

/**
 * An entry of a local folder that is neither a regular file nor a folder (a symbolic link, a FIFO,
 * a socket, a device): never followed (a link may point outside the copy), never read, never
 * silently left out; a folder that holds one is refused.
 */
export interface NotAFile {
  /** Its path under the folder, with `/`. */
  readonly rel: string;
  /** What it is: `a symbolic link to TARGET`, `a FIFO`, `a socket`, `a device`. */
  readonly what: string;
}

/** A local folder holding entries a listing would have to follow or leave out; `entries` names each. */
export class NotFilesError extends CustodyInputError {
  constructor(
    folder: string,
    /** Every such entry under the folder, in walk order. */
    readonly entries: readonly NotAFile[],
  ) {
    const n = entries.length;
    const names = `${entries.slice(0, 3).map((e) => e.rel).join(', ')}${n > 3 ? ', …' : ''}`;
    super(
      `${folder}: ${n === 1 ? '1 entry is neither a file nor a folder' : `${n} entries are neither files nor folders`} (${names}); nothing is listed from it: a link is never followed (it may point outside the copy) ` +
        'and nothing is left out silently; copy what the links point to into the folder (cp -RL) and run again',
    );
    this.name = 'NotFilesError';
  }
}

/** One line naming an entry that is neither a file nor a folder. */
export function describeNotFile(folder: string, e: NotAFile): string {
  return `${folder}: ${e.rel} is ${e.what}; not followed or read, and so no object of the listing`;
}

/** Every entry under `root` that is neither a regular file nor a folder, in walk order; nothing is followed. */
export function notFilesUnder(root: string): NotAFile[] {
  const found: NotAFile[] = [];
  for (const e of walk(root, '')) if (!e.stat.isFile()) found.push({ rel: e.rel, what: whatIs(path.join(root, ...e.rel.split('/')), e.stat) });
  return found;
}

function whatIs(full: string, stat: fs.Stats): string {
  if (stat.isSymbolicLink()) {
    let target = '?';
    try {
      target = fs.readlinkSync(full);
    } catch {
      // gone since
    }
    return `a symbolic link to ${target}`;
  }
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isBlockDevice() || stat.isCharacterDevice()) return 'a device';
  return 'neither a file nor a folder';
}

/** Every entry under root but folders (which are walked into, never through a link), in key order, with its lstat. */
function* walk(root: string, rel: string): Generator<{ rel: string; name: string; siblings: ReadonlySet<string>; stat: fs.Stats }> {
  let raw: Buffer[];
  try {
    raw = fs.readdirSync(path.join(root, rel), { encoding: 'buffer' });
  } catch (err) {
    throw describeCloudError(`cannot read the folder ${rel === '' ? root : path.join(root, rel)}`, err);
  }
  // A name that is not UTF-8 would be read back (and recorded as a key) with U+FFFD in place of
  // its bytes: another name, one no file has. Refused, naming its bytes, never recorded unfaithfully.
  for (const b of raw) {
    if (!Buffer.from(b.toString('utf8'), 'utf8').equals(b)) throw new CustodyInputError(`${path.join(root, rel, escapeBytes(b))}: a file name that is not UTF-8 (shown with its bytes as \\xNN); a manifest records names as UTF-8 text and cannot record this one faithfully; rename it to UTF-8 and run again`);
  }
  const names = raw.map((b) => b.toString('utf8')).sort();
  const siblings = new Set(names);
  for (const name of names) {
    const relPath = rel ? `${rel}/${name}` : name;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(path.join(root, relPath));
    } catch (err) {
      throw describeCloudError(`cannot read ${path.join(root, relPath)}`, err);
    }
    if (stat.isDirectory()) yield* walk(root, relPath);
    else yield { rel: relPath, name, siblings, stat };
  }
}

/** A name with its bytes outside printable ASCII as `\xNN`: one line, and faithful to the bytes. */
function escapeBytes(name: Buffer): string {
  return [...name].map((c) => (c >= 0x20 && c < 0x7f && c !== 0x5c ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`)).join('');
}

/**
 * The files of a local folder that are objects, each with its pull sidecar when `<file>.metadata.json`
 * beside it is one; a sidecar so recognised is not an object. Refuses an entry that is not a file
 * (the folder changed since it was checked).
 */
function* objectFiles(root: string, label: string): Generator<{ rel: string; sidecar?: Sidecar }> {
  // Sidecars recognised beside their file (which sorts first), left out when the walk reaches them.
  const taken = new Set<string>();
  for (const e of walk(root, '')) {
    if (!e.stat.isFile()) throw new NotFilesError(label, [{ rel: e.rel, what: whatIs(path.join(root, ...e.rel.split('/')), e.stat) }]);
    if (taken.delete(e.rel)) continue;
    const sidecar = e.siblings.has(`${e.name}${SIDECAR_SUFFIX}`) ? pullSidecar(path.join(root, ...e.rel.split('/')) + SIDECAR_SUFFIX) : undefined;
    if (sidecar) taken.add(`${e.rel}${SIDECAR_SUFFIX}`);
    yield { rel: e.rel, sidecar };
  }
}

/** A sidecar pull wrote beside an object of a copy: the object's metadata as the store gave it. */
export interface Sidecar {
  /** The object's user metadata. */
  metadata?: Record<string, string>;
  /** The S3 or Azure version id, null when unversioned. */
  versionId?: string | null;
  /** The GCS generation. */
  generation?: string | null;
  /** Whether the version was the current one when pulled (absent in sidecars written before it was recorded). */
  isLatest?: boolean;
  /** The store's ETag. */
  etag?: string | null;
  /** The checksums the store keeps, by algorithm. */
  checksums?: Record<string, string>;
  /** When the store last modified it, ISO 8601. */
  lastModified?: string | null;
}

/** The keys of a sidecar, in the order pull writes them (before isLatest was recorded: without it). */
const SIDECAR_SHAPES = [
  ['metadata', 'versionId', 'isLatest', 'etag', 'checksums', 'size', 'lastModified'],
  ['metadata', 'generation', 'isLatest', 'etag', 'checksums', 'size', 'lastModified'],
  ['metadata', 'versionId', 'etag', 'checksums', 'size', 'lastModified'],
  ['metadata', 'generation', 'etag', 'checksums', 'size', 'lastModified'],
].map((keys) => keys.join('\u0000'));

/** Larger than any sidecar pull writes (a store's user metadata is a few KiB): never read whole. */
const SIDECAR_MAX_BYTES = 1 << 20;

/**
 * The sidecar in `file` when its bytes are exactly what pull writes (`sidecarOf`, as
 * `JSON.stringify(…, null, 2)` and a newline: these keys in this order, of these types), else
 * undefined: a file that only looks like one (other keys, other spacing, not JSON) is an object.
 */
export function pullSidecar(file: string): Sidecar | undefined {
  let bytes: Buffer;
  try {
    if (fs.lstatSync(file).size > SIDECAR_MAX_BYTES) return undefined;
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    try {
      bytes = fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined; // not a readable file: listed, and judged, as the entry it is
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (!SIDECAR_SHAPES.includes(Object.keys(o).join('\u0000'))) return undefined;
  const strings = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'string');
  const stringOrNull = (x: unknown) => x === null || typeof x === 'string';
  const typed =
    strings(o.metadata) &&
    strings(o.checksums) &&
    (!('versionId' in o) || stringOrNull(o.versionId)) &&
    (!('generation' in o) || typeof o.generation === 'string') &&
    (!('isLatest' in o) || typeof o.isLatest === 'boolean') &&
    stringOrNull(o.etag) &&
    stringOrNull(o.lastModified) &&
    typeof o.size === 'number' &&
    Number.isSafeInteger(o.size) &&
    o.size >= 0;
  if (!typed || !Buffer.from(`${JSON.stringify(o, null, 2)}\n`, 'utf8').equals(bytes)) return undefined;
  return o as Sidecar;
}

// ---------------------------------------------------------------------------------------------
// S3

/**
 * The AWS SDK warns on stderr, in nine lines, that its releases after January 2027 need Node 22;
 * the kit supports Node 20 on the SDK it pins, and its stderr carries one line per problem.
 * Setting the variable to anything but "true" shows the notice.
 */
export function quietAwsSdkNodeNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** An S3 client on the SDK's default chain; path-style when an endpoint is set (moto_server, MinIO). */
export function s3Client(): S3.S3Client {
  quietAwsSdkNodeNotice();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { S3Client } = require('@aws-sdk/client-s3') as typeof S3;
  const endpoint = process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL;
  return new S3Client({ forcePathStyle: Boolean(endpoint), maxAttempts: 2 });
}

function s3Store(location: Location & { kind: 's3' }): ObjectStore {
  let client: S3.S3Client | undefined;
  const s3 = () => (client ??= s3Client());
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = () => require('@aws-sdk/client-s3') as typeof S3;
  return {
    location,
    credential: 'AWS SDK default credential chain',
    async *list(versions) {
      const { ListObjectsV2Command } = sdk();
      try {
        if (!versions) {
          let token: string | undefined;
          do {
            const page = await s3().send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: location.prefix || undefined, ContinuationToken: token }));
            for (const o of page.Contents ?? []) if (o.Key && !isFolderMarker(o.Key, o.Size)) yield { key: o.Key, isLatest: true };
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
          } while (token);
          return;
        }
        for await (const v of listS3Versions(s3(), sdk(), location.bucket, location.prefix)) if (!isFolderMarker(v.key, v.size)) yield { key: v.key, versionId: v.versionId, isLatest: v.isLatest };
      } catch (err) {
        throw describeCloudError(`cannot list ${location.text}`, err);
      }
    },
    async get(ref) {
      const { GetObjectCommand } = sdk();
      try {
        const r = await s3().send(new GetObjectCommand({ Bucket: location.bucket, Key: ref.key, VersionId: ref.versionId, ChecksumMode: 'ENABLED' }));
        const checksums: Record<string, string> = {};
        for (const [name, value] of [
          ['sha256', r.ChecksumSHA256],
          ['sha1', r.ChecksumSHA1],
          ['crc32', r.ChecksumCRC32],
          ['crc32c', r.ChecksumCRC32C],
          ['crc64nvme', r.ChecksumCRC64NVME],
        ] as const) {
          if (value) checksums[name] = value;
        }
        if (r.ChecksumType && Object.keys(checksums).length > 0) checksums.type = r.ChecksumType;
        const info: ObjectInfo = {
          key: ref.key,
          versionId: r.VersionId && r.VersionId !== 'null' ? r.VersionId : (ref.versionId ?? null),
          generation: null,
          isLatest: ref.isLatest,
          size: Number(r.ContentLength ?? 0),
          etag: r.ETag ?? null,
          lastModified: r.LastModified ? r.LastModified.toISOString() : null,
          checksums,
          metadata: { ...(r.Metadata ?? {}) },
        };
        return { info, body: r.Body as Readable };
      } catch (err) {
        throw describeCloudError(`cannot read s3://${location.bucket}/${ref.key}`, err);
      }
    },
  };
}

/** Every version (not delete markers) under a prefix, in key order, newest first within a key. */
export async function* listS3Versions(client: S3.S3Client, sdk: typeof S3, bucket: string, prefix: string): AsyncGenerator<{ key: string; versionId: string; isLatest: boolean; size: number | undefined }> {
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await client.send(new sdk.ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix || undefined, KeyMarker: keyMarker, VersionIdMarker: versionMarker }));
    for (const v of page.Versions ?? []) if (v.Key && v.VersionId) yield { key: v.Key, versionId: v.VersionId, isLatest: v.IsLatest === true, size: v.Size };
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Azure Blob

/** The account key of AZURE_STORAGE_CONNECTION_STRING when it is for `account`. */
function connectionStringKey(account: string): { name: string; key: string } | undefined {
  const text = process.env.AZURE_STORAGE_CONNECTION_STRING;
  if (!text) return undefined;
  const fields = new Map(
    text
      .split(';')
      .filter((f) => f.includes('='))
      .map((f) => [f.slice(0, f.indexOf('=')).toLowerCase(), f.slice(f.indexOf('=') + 1)] as const),
  );
  const name = fields.get('accountname');
  const key = fields.get('accountkey');
  return name === account && key ? { name, key } : undefined;
}

/**
 * A container client for the location: the connection string's key for its account, else
 * DefaultAzureCredential (then `tokens` is that credential, for the identity of the record).
 */
export function azureContainer(location: Location & { kind: 'azure' }): { client: AzureBlob.ContainerClient; credential: string; tokens?: TokenSource } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const blob = require('@azure/storage-blob') as typeof AzureBlob;
  const key = connectionStringKey(location.account);
  const options = { retryOptions: { maxTries: 2, retryDelayInMs: 200 } };
  if (key) {
    const service = new blob.BlobServiceClient(location.serviceUrl, new blob.StorageSharedKeyCredential(key.name, key.key), options);
    return { client: service.getContainerClient(location.container), credential: 'shared key (AZURE_STORAGE_CONNECTION_STRING)' };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  const tokens = new DefaultAzureCredential();
  const service = new blob.BlobServiceClient(location.serviceUrl, tokens, options);
  return { client: service.getContainerClient(location.container), credential: 'DefaultAzureCredential', tokens };
}

function azureStore(location: Location & { kind: 'azure' }): ObjectStore {
  let opened: ReturnType<typeof azureContainer> | undefined;
  const container = () => (opened ??= azureContainer(location));
  return {
    location,
    get credential() {
      return container().credential;
    },
    async *list(versions) {
      try {
        for await (const b of container().client.listBlobsFlat({ prefix: location.prefix || undefined, includeVersions: versions })) {
          if (b.deleted || isFolderMarker(b.name, b.properties.contentLength)) continue;
          yield { key: b.name, versionId: versions ? b.versionId : undefined, isLatest: versions ? b.isCurrentVersion !== false : true };
        }
      } catch (err) {
        throw describeCloudError(`cannot list ${location.text}`, err);
      }
    },
    async get(ref) {
      try {
        let client = container().client.getBlobClient(ref.key);
        if (ref.versionId) client = client.withVersion(ref.versionId);
        const r = await client.download();
        const checksums: Record<string, string> = {};
        // Content-MD5 is whatever the uploader set (or the service computed for a single-shot upload).
        const md5 = r.blobContentMD5 ?? r.contentMD5;
        if (md5) checksums.contentMD5 = Buffer.from(md5).toString('base64');
        if (r.contentCrc64) checksums.crc64 = Buffer.from(r.contentCrc64).toString('base64');
        const info: ObjectInfo = {
          key: ref.key,
          versionId: r.versionId ?? ref.versionId ?? null,
          generation: null,
          isLatest: ref.isLatest,
          size: Number(r.contentLength ?? 0),
          etag: r.etag ?? null,
          lastModified: r.lastModified ? r.lastModified.toISOString() : null,
          checksums,
          metadata: { ...(r.metadata ?? {}) },
        };
        if (!r.readableStreamBody) throw new Error('no body');
        return { info, body: Readable.from(r.readableStreamBody as NodeJS.ReadableStream) };
      } catch (err) {
        throw describeCloudError(`cannot read ${location.serviceUrl}/${location.container}/${ref.key}`, err);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// GCS (JSON API over fetch; no SDK)

/** The JSON API root: STORAGE_EMULATOR_HOST when set (as Google's client libraries read it). */
export function gcsApiRoot(): string {
  const emulator = process.env.STORAGE_EMULATOR_HOST;
  if (emulator) return emulator.replace(/\/+$/, '').replace(/^(?!https?:\/\/)/, 'http://');
  return 'https://storage.googleapis.com';
}

/** An OAuth access token from GOOGLE_OAUTH_ACCESS_TOKEN (e.g. `gcloud auth print-access-token`). */
export function gcsToken(): string {
  const token = process.env.GOOGLE_OAUTH_ACCESS_TOKEN;
  if (!token) throw new CustodyInputError('gs:// needs an OAuth access token in GOOGLE_OAUTH_ACCESS_TOKEN (e.g. from `gcloud auth print-access-token`)');
  return token;
}

/** A GCS JSON API call; throws one line on a non-2xx answer. */
export async function gcsFetch(what: string, url: string, init: RequestInit = {}): Promise<Response> {
  let r: Response;
  try {
    r = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${gcsToken()}` } });
  } catch (err) {
    throw describeCloudError(what, err);
  }
  if (!r.ok) {
    const body = await r.text().catch(() => '');
    let message = body;
    try {
      message = JSON.parse(body)?.error?.message ?? body;
    } catch {
      // not JSON: keep the text
    }
    throw new CustodyInputError(`${what}: HTTP ${r.status}${message ? `: ${message.split('\n')[0].slice(0, 200)}` : ''}`);
  }
  return r;
}

interface GcsItem {
  name: string;
  generation: string;
  size?: string;
  etag?: string;
  updated?: string;
  md5Hash?: string;
  crc32c?: string;
  metadata?: Record<string, string>;
  timeDeleted?: string;
}

/** Every object (every generation when `versions`) under a GCS prefix. */
export async function* listGcs(location: Location & { kind: 'gcs' }, versions: boolean): AsyncGenerator<GcsItem> {
  let pageToken: string | undefined;
  do {
    const q = new URLSearchParams({ prefix: location.prefix, versions: String(versions) });
    if (pageToken) q.set('pageToken', pageToken);
    const r = await gcsFetch(`cannot list ${location.text}`, `${gcsApiRoot()}/storage/v1/b/${encodeURIComponent(location.bucket)}/o?${q}`);
    const page = (await r.json()) as { items?: GcsItem[]; nextPageToken?: string };
    for (const item of page.items ?? []) yield item;
    pageToken = page.nextPageToken;
  } while (pageToken);
}

function gcsStore(location: Location & { kind: 'gcs' }): ObjectStore {
  return {
    location,
    credential: 'OAuth access token (GOOGLE_OAUTH_ACCESS_TOKEN)',
    async *list(versions) {
      for await (const item of listGcs(location, versions)) {
        if (isFolderMarker(item.name, item.size === undefined ? undefined : Number(item.size))) continue;
        yield { key: item.name, generation: versions ? item.generation : undefined, isLatest: !item.timeDeleted };
      }
    },
    async get(ref) {
      const base = `${gcsApiRoot()}/storage/v1/b/${encodeURIComponent(location.bucket)}/o/${encodeURIComponent(ref.key)}`;
      const q = ref.generation ? `?generation=${encodeURIComponent(ref.generation)}` : '';
      const what = `cannot read gs://${location.bucket}/${ref.key}`;
      const meta = (await (await gcsFetch(what, `${base}${q}`)).json()) as GcsItem;
      // The bytes of the generation just described, never of a newer one written in between.
      const media = await gcsFetch(what, `${base}?alt=media&generation=${encodeURIComponent(meta.generation)}`);
      const checksums: Record<string, string> = {};
      if (meta.md5Hash) checksums.md5Hash = meta.md5Hash;
      if (meta.crc32c) checksums.crc32c = meta.crc32c;
      const info: ObjectInfo = {
        key: ref.key,
        versionId: null,
        generation: meta.generation,
        isLatest: ref.isLatest,
        size: Number(meta.size ?? 0),
        etag: meta.etag ?? null,
        lastModified: meta.updated ?? null,
        checksums,
        metadata: { ...(meta.metadata ?? {}) },
      };
      if (!media.body) throw new CustodyInputError(`${what}: no body`);
      return { info, body: Readable.fromWeb(media.body as import('stream/web').ReadableStream) };
    },
  };
}
