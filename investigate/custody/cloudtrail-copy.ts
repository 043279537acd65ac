/**
 * The two places a trail's bucket is verified from, as a TrailCopy: a local forensic copy (the
 * folder `forensic-readiness pull` writes: each object at its key, its metadata in
 * `<file>.metadata.json` beside it) and the bucket itself (`s3://bucket/prefix`, read with the AWS
 * SDK, loaded only here and only then; endpoint and credentials from the standard AWS settings,
 * e.g. AWS_ENDPOINT_URL).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { InputError, describeFsError } from '../../constructs/core/input-error';
import { gunzipWhole } from './cloudtrail-digest';
import { TrailCopy, isDigestKey, isLogKey, isTrailLogAreaKey, recordTimes } from './cloudtrail-verify';

export const SIDECAR_SUFFIX = '.metadata.json';

/** SHA-256 (hex) of a gzipped file's decompressed content, or why it has none (gunzipWhole). */
function gunzipSha256(gz: Buffer): string | { readonly error: string } {
  const raw = gunzipWhole(gz);
  return Buffer.isBuffer(raw) ? crypto.createHash('sha256').update(raw).digest('hex') : raw;
}

/** The eventTime of each record of a log file as stored (gzipped when its name ends .gz or its bytes start as gzip's do). */
function eventTimes(key: string, body: Buffer): readonly number[] | { readonly error: string } {
  const raw = key.endsWith('.gz') || (body[0] === 0x1f && body[1] === 0x8b) ? gunzipWhole(body) : body;
  return Buffer.isBuffer(raw) ? recordTimes(raw) : raw;
}

/** A local copy under `root` (what the user typed is `label`). Throws InputError when it is not a folder. */
export function localTrailCopy(root: string, label = root): TrailCopy {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch (err) {
    throw new InputError(describeFsError(err, label));
  }
  if (!stat.isDirectory()) throw new InputError(`${label}: not a folder; give the folder of a trail's copy (forensic-readiness pull) or s3://bucket/prefix`);
  const files: string[] = [];
  const notObjects: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw new InputError(describeFsError(err, path.join(label, rel)));
    }
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), childRel);
      else if (!e.isFile()) notObjects.push(childRel); // a symbolic link or device is no object of the bucket: never followed
      else files.push(childRel);
    }
  };
  walk(root, '');
  // A sidecar is `<object>.metadata.json` beside `<object>` (as pull writes it, and as investigate skips
  // it); any other file, whatever its name ends with, is an object of the copy, judged like any other
  // (an orphan `.metadata.json` where the trail delivers is not named as CloudTrail names its files).
  const all = new Set(files);
  const sidecars = new Set<string>();
  const keys: string[] = [];
  for (const rel of files) {
    if (rel.endsWith(SIDECAR_SUFFIX) && all.has(rel.slice(0, -SIDECAR_SUFFIX.length))) sidecars.add(rel.slice(0, -SIDECAR_SUFFIX.length));
    else keys.push(rel);
  }
  keys.sort();
  const file = (key: string) => path.join(root, ...key.split('/'));
  return {
    label,
    keys,
    notObjects,
    hasMetadata: keys.some((k) => isDigestKey(k) && sidecars.has(k)),
    digest(key) {
      const body = fs.readFileSync(file(key));
      if (!sidecars.has(key)) return { body };
      let metadata: unknown;
      try {
        metadata = (JSON.parse(fs.readFileSync(file(key) + SIDECAR_SUFFIX, 'utf8')) as { metadata?: unknown })?.metadata;
      } catch {
        return { body, metadataProblem: `its ${SIDECAR_SUFFIX} sidecar is not JSON` };
      }
      if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata) || Object.values(metadata).some((v) => typeof v !== 'string')) {
        return { body, metadataProblem: `its ${SIDECAR_SUFFIX} sidecar has no "metadata" object of strings` };
      }
      return { body, metadata: metadata as Record<string, string> };
    },
    logSha256(key) {
      try {
        return gunzipSha256(fs.readFileSync(file(key)));
      } catch (err) {
        return { error: describeFsError(err, key) };
      }
    },
    logEventTimes(key) {
      try {
        return eventTimes(key, fs.readFileSync(file(key)));
      } catch (err) {
        return { error: describeFsError(err, key) };
      }
    },
  };
}

/** `s3://bucket/prefix` split; undefined when `url` is no s3:// URL. */
export function parseS3Url(url: string): { bucket: string; prefix: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  return m ? { bucket: m[1], prefix: m[2] } : undefined;
}

/**
 * Reads the bucket under `s3://bucket/prefix` into a TrailCopy: lists every key, fetches the
 * digests (their signatures are the objects' user metadata) and hashes the log files, streamed,
 * a few at a time. `wanted` says which digests to fetch (the window), so a year's digests are not
 * read for one day; `everyLog` fetches every log file nonetheless (a period asked for: a log file
 * named outside it may hold records inside it, see verifyTrailCopy), else only the wanted ones.
 */
export async function s3TrailCopy(url: string, wanted: (key: string) => boolean = () => true, everyLog = false): Promise<TrailCopy> {
  const target = parseS3Url(url);
  if (!target || !target.bucket) throw new InputError(`${url}: not an s3://bucket/prefix URL`);
  // Loaded here only: the SDK costs startup time no other command should pay.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const s3 = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const client = new s3.S3Client({ forcePathStyle: process.env.AWS_ENDPOINT_URL !== undefined || process.env.AWS_ENDPOINT_URL_S3 !== undefined });
  const describe = (err: unknown) => {
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return `${e.name ?? 'error'}${e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : ''}: ${e.message ?? String(err)}`;
  };
  const keys: string[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(new s3.ListObjectsV2Command({ Bucket: target.bucket, Prefix: target.prefix || undefined, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (err) {
    client.destroy();
    throw new InputError(`${url}: cannot list the bucket (${describe(err)})`);
  }
  keys.sort();
  const digests = new Map<string, { body: Buffer; metadata: Record<string, string> }>();
  const hashes = new Map<string, string | { error: string }>();
  const times = new Map<string, readonly number[] | { error: string }>();
  const fetchOne = async (key: string) => {
    try {
      const out = await client.send(new s3.GetObjectCommand({ Bucket: target.bucket, Key: key }));
      const body = Buffer.from(await out.Body!.transformToByteArray());
      if (isDigestKey(key)) digests.set(key, { body, metadata: out.Metadata ?? {} });
      else {
        hashes.set(key, gunzipSha256(body));
        times.set(key, eventTimes(key, body));
      }
    } catch (err) {
      if (isDigestKey(key)) throw new InputError(`${url}: cannot read ${key} (${describe(err)})`);
      hashes.set(key, { error: `cannot read it (${describe(err)})` });
      times.set(key, { error: `cannot read it (${describe(err)})` });
    }
  };
  const todo = keys.filter((k) => (isDigestKey(k) ? wanted(k) : isLogKey(k) ? everyLog || wanted(k) : everyLog && isTrailLogAreaKey(k)));
  try {
    for (let i = 0; i < todo.length; i += 16) await Promise.all(todo.slice(i, i + 16).map(fetchOne));
  } finally {
    client.destroy();
  }
  return {
    label: url,
    bucket: target.bucket,
    keys,
    hasMetadata: true,
    digest(key) {
      const d = digests.get(key);
      if (!d) throw new InputError(`${url}: ${key} was not read`);
      return d;
    },
    logSha256(key) {
      return hashes.get(key) ?? { error: 'not read' };
    },
    logEventTimes(key) {
      return times.get(key) ?? { error: 'not read' };
    },
    digestRead: (key) => digests.has(key),
  };
}
