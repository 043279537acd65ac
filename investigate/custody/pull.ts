/**
 * `pull`: the forensic copy. Every object under a store (every version, with `versions`) is
 * streamed to DIR at its key, hashed as it is written, and made read-only (0444); beside it,
 * `<file>.metadata.json` keeps what `aws s3 sync` drops — the user metadata (a CloudTrail digest's
 * signature lives only there), version id or generation, ETag, the store's checksums, size and
 * last-modified. With versions, version V of key K is written at `K.versions/V` (the version id,
 * or the GCS generation), so every version of a key sits in one folder beside where the key would
 * be. Nothing in DIR is ever overwritten: a file already there stops the pull with one line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pipeline } from 'stream/promises';
import { CustodyInputError, describeCloudError } from './errors';
import { ManifestWriter, entryOf, hasher } from './manifest';
import { ObjectInfo, ObjectStore, SIDECAR_SUFFIX } from './sources';

/** The sidecar of a pulled object, exactly this shape (generation instead of versionId on GCS). */
export function sidecarOf(info: ObjectInfo): Record<string, unknown> {
  const version = info.generation !== null ? { generation: info.generation } : { versionId: info.versionId };
  // isLatest: whether this version was the current one when pulled (false for every version of a
  // key whose latest is a delete marker), so a manifest --versions of the copy says which is current.
  return { metadata: info.metadata, ...version, isLatest: info.isLatest, etag: info.etag, checksums: info.checksums, size: info.size, lastModified: info.lastModified };
}

/** Where an object (or a version of it) goes under DIR; refuses a key that would leave DIR. */
export function copyPath(dir: string, key: string, version: string | undefined): string {
  const parts = key.split('/');
  if (parts.some((p) => p === '..' || p === '.') || key.startsWith('/') || key.includes('\\') || key.includes('\0') || parts.some((p) => p === '')) {
    throw new CustodyInputError(`object key ${JSON.stringify(key)} cannot be written under DIR safely (empty, "." or ".." parts, or a backslash); not pulled`);
  }
  if (version !== undefined && (version === '' || /[/\\\0]/.test(version) || version === '.' || version === '..')) throw new CustodyInputError(`version ${JSON.stringify(version)} of ${JSON.stringify(key)} is not a safe file name`);
  const file = path.join(dir, ...parts);
  return version === undefined ? file : path.join(`${file}.versions`, version);
}

/** Creates a file that must not exist yet; one line naming it when it does. */
function createExclusive(file: string): fs.WriteStream {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CustodyInputError(`${file}: already exists; pull never overwrites a file (pull into a new or empty folder)`);
    throw describeCloudError(`cannot create ${file}`, err);
  }
  return fs.createWriteStream(file, { fd });
}

export interface PullResult {
  readonly objects: number;
  readonly bytes: number;
}

/** Copies every object of the store into `dir`, adding each to the manifest writer. */
export async function pullStore(store: ObjectStore, dir: string, versions: boolean, manifest: ManifestWriter): Promise<PullResult> {
  let objects = 0;
  let bytes = 0;
  // The keys pulled so far that begin the key being pulled (a listing is in key order, so a key K
  // comes before K.metadata.json): the store's K.metadata.json would take the name of K's sidecar.
  const prefixes: string[] = [];
  // Folders are made as files are written: a pull that cannot list its source leaves nothing.
  for await (const ref of store.list(versions)) {
    const version = versions ? (ref.versionId ?? ref.generation) : undefined;
    // Asked for every version, a store that names none (Azure blob versioning off, an emulator
    // without it) would silently give only the current objects.
    if (versions && version === undefined) throw new CustodyInputError(`--versions: ${store.location.text} listed ${JSON.stringify(ref.key)} with no version id (is versioning on? Azurite has none); pull without --versions for the current objects`);
    // No file can be named as a key ending in "/"; one with content is no folder marker (those are
    // not listed), so it stops the pull like any key that cannot be written, never left out unsaid.
    if (ref.key.endsWith('/')) throw new CustodyInputError(`${store.location.text} ${JSON.stringify(ref.key)}: an object whose key ends in "/" holds bytes (it is no empty folder marker), and no file can have that name; not pulled (manifest create of the store lists it with its hash)`);
    const file = copyPath(dir, ref.key, version);
    const sidecar = `${file}${SIDECAR_SUFFIX}`;
    while (prefixes.length > 0 && !ref.key.startsWith(prefixes[prefixes.length - 1])) prefixes.pop();
    const owner = ref.key.endsWith(SIDECAR_SUFFIX) ? ref.key.slice(0, -SIDECAR_SUFFIX.length) : undefined;
    if (version === undefined && owner !== undefined && prefixes.includes(owner)) {
      throw new CustodyInputError(
        `${store.location.text} ${JSON.stringify(ref.key)}: this object's name is that of the sidecar pull wrote for the object ${JSON.stringify(owner)} (${file}); both cannot be copied; not pulled (pull --versions writes them apart: ${JSON.stringify(owner)}.versions/V.metadata.json and ${JSON.stringify(ref.key)}.versions/V)`,
      );
    }
    // Both names are checked before any byte is fetched, so a conflict leaves no partial file.
    for (const f of [file, sidecar]) if (fs.existsSync(f)) throw new CustodyInputError(`${f}: already exists; pull never overwrites a file (pull into a new or empty folder)`);
    const { info, body } = await store.get(ref);
    const out = createExclusive(file);
    const h = hasher();
    try {
      await pipeline(body, h, out);
    } catch (err) {
      throw describeCloudError(`cannot copy ${store.location.text} ${ref.key} to ${file}`, err);
    }
    const digest = h.digest();
    if (info.size !== digest.size) throw new CustodyInputError(`${store.location.text} ${ref.key}: the store said ${info.size} bytes, ${digest.size} arrived`);
    fs.chmodSync(file, 0o444);
    const sidecarOut = createExclusive(sidecar);
    await new Promise<void>((resolve, reject) => sidecarOut.end(`${JSON.stringify(sidecarOf(info), null, 2)}\n`, () => resolve()).once('error', reject));
    fs.chmodSync(sidecar, 0o444);
    manifest.add(entryOf(info, digest.sha256, digest.size));
    objects++;
    bytes += digest.size;
    prefixes.push(ref.key);
  }
  return { objects, bytes };
}
