/**
 * The generator's CloudTrail archive with log file validation on: beside the log files (written by
 * generator.ts's writer, at its layout, from its seeded random source) the hourly digest files,
 * signed with a test RSA key exactly as CloudTrail signs them, each with the `.metadata.json`
 * sidecar `forensic-readiness pull` writes (the signature is the object's user metadata), and a
 * keys file in the shape `aws cloudtrail list-public-keys` prints. Content is a function of the
 * seed; the keys are made once per process (so signatures differ between runs, never within one).
 *
 * The tampered variants an investigator meets: some are options here (they need the signing key:
 * a digest signed by the wrong key, a chain broken by a re-signed predecessor, logging off and
 * on again, a backfill digest), the others are edits of the written tree (tamper below).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { cloudTrailLogKey, random, writeCloudTrailLog } from './generator';

export interface SignedTrailOptions {
  /** Where the copy of the bucket goes (each object at its key). */
  readonly root: string;
  /** Where the list-public-keys output goes (outside the copy). */
  readonly keysFile: string;
  /** @default 7 */
  readonly seed?: number;
  /** @default '111122223333' */
  readonly account?: string;
  /** One chain per region, each signed with its region's key; the first is the trail's home region. @default ['us-east-1'] */
  readonly regions?: readonly string[];
  /** @default 'organization-trail' */
  readonly trail?: string;
  /** @default 'acme-cloudtrail-evidence' */
  readonly bucket?: string;
  /** The trail's S3 key prefix, with its trailing slash. @default '' */
  readonly prefix?: string;
  /** An organization trail's `o-…` id. @default none */
  readonly organization?: string;
  /** The hour the first digest starts in (ISO 8601). @default '2026-11-29T20:00:00Z' */
  readonly start?: string;
  /** Digests per region. @default 30 */
  readonly hours?: number;
  /** Most log files in an hour (0 to this many). @default 3 */
  readonly maxLogsPerHour?: number;
  /** The digest of this hour is signed by another key (naming the right fingerprint). */
  readonly wrongKeyAt?: number;
  /** After its successor is signed, this hour's digest is replaced by another, validly signed one: the chain breaks. */
  readonly resignedAt?: number;
  /** Logging off for `hours` before hour `at`: no digest, no log; the digest at `at` starts a new chain. */
  readonly loggingOff?: { readonly at: number; readonly hours: number };
  /** A late log file of this hour, named by a `_backfill` digest instead of the hourly one. */
  readonly backfillAt?: number;
  /** This hour has a log file, and its first one also holds a record of 5 minutes before the hour (delivered late, as CloudTrail may). */
  readonly lateRecordAt?: number;
}

export interface SignedDigest {
  readonly key: string;
  readonly region: string;
  readonly hour: number;
  readonly start: string;
  readonly end: string;
  readonly backfill: boolean;
  readonly logFiles: readonly string[];
}

export interface SignedTrail {
  readonly bucket: string;
  readonly prefix: string;
  readonly account: string;
  readonly trail: string;
  readonly regions: readonly string[];
  /** Every digest written, per region in time order. */
  readonly digests: readonly SignedDigest[];
  /** Every log file written. */
  readonly logFiles: readonly string[];
  /** Fingerprint of each region's key. */
  readonly fingerprints: Readonly<Record<string, string>>;
  readonly keysFile: string;
}

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const stamp = (ms: number): string => iso(ms).replace(/[-:]/g, '');
const sha256 = (b: Buffer | string): string => crypto.createHash('sha256').update(b).digest('hex');

interface TestKey {
  readonly privateKey: crypto.KeyObject;
  /** base64 DER PKCS#1, as list-public-keys prints Value. */
  readonly value: string;
  readonly fingerprint: string;
}
const KEYS: TestKey[] = [];
/** The n-th test key of this process (made on first use; 2048-bit RSA as CloudTrail's). */
export function testKey(n: number): TestKey {
  while (KEYS.length <= n) {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = publicKey.export({ format: 'der', type: 'pkcs1' });
    KEYS.push({ privateKey, value: der.toString('base64'), fingerprint: crypto.createHash('md5').update(der).digest('hex') });
  }
  return KEYS[n];
}

function writeObject(root: string, key: string, body: Buffer, metadata: Record<string, string>, lastModified: number): void {
  const target = path.join(root, ...key.split('/'));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, body);
  writeSidecar(root, key, body, metadata, lastModified);
}

/** The sidecar pull writes beside each object. */
export function writeSidecar(root: string, key: string, body: Buffer, metadata: Record<string, string>, lastModified: number): void {
  const sidecar = {
    metadata,
    versionId: null,
    etag: `"${crypto.createHash('md5').update(body).digest('hex')}"`,
    checksums: {},
    size: body.length,
    lastModified: new Date(lastModified).toISOString(),
  };
  fs.writeFileSync(path.join(root, ...key.split('/')) + '.metadata.json', `${JSON.stringify(sidecar, null, 2)}\n`);
}

/** Writes the archive, its digests and the keys file; returns what it wrote. The same options write the same content. */
export function writeSignedTrail(o: SignedTrailOptions): SignedTrail {
  const seed = o.seed ?? 7;
  const rnd = random(seed * 31 + 5);
  const account = o.account ?? '111122223333';
  const regions = o.regions ?? ['us-east-1'];
  const home = regions[0];
  const trail = o.trail ?? 'organization-trail';
  const bucket = o.bucket ?? 'acme-cloudtrail-evidence';
  const prefix = o.prefix ?? '';
  const hours = o.hours ?? 30;
  const maxLogs = o.maxLogsPerHour ?? 3;
  const orgPart = o.organization ? `${o.organization}/` : '';
  const digests: SignedDigest[] = [];
  const logFiles: string[] = [];
  const fingerprints: Record<string, string> = {};
  const base = Date.parse(o.start ?? '2026-11-29T20:00:00Z') + Math.floor(rnd() * 3600) * 1000;
  const events = ['DescribeEndpoint', 'InvokeEndpoint', 'GetObject', 'ListBuckets', 'AssumeRole', 'DescribeTrails'];

  regions.forEach((region, r) => {
    const key = testKey(r);
    fingerprints[region] = key.fingerprint;
    const digestKey = (end: number, backfill = false) => {
      const d = new Date(end);
      const ymd = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
      return `${prefix}AWSLogs/${orgPart}${account}/CloudTrail-Digest/${region}/${ymd}/${account}_CloudTrail-Digest_${region}_${trail}_${home}_${stamp(end)}${backfill ? '_backfill' : ''}.json.gz`;
    };
    const sign = (signer: TestKey, body: Record<string, unknown>, content: Buffer): string => {
      const previous = body.previousDigestSignature === null ? 'null' : String(body.previousDigestSignature);
      const text = `${body.digestEndTime}\n${body.digestS3Bucket}/${body.digestS3Object}\n${sha256(content)}\n${previous}`;
      return crypto.sign('sha256', Buffer.from(text), { key: signer.privateKey, padding: crypto.constants.RSA_PKCS1_PADDING }).toString('hex');
    };
    const logs = (start: number, end: number, count: number, offsetMinutes = 0, late = false): { entries: Record<string, unknown>[]; keys: string[] } => {
      const entries: Record<string, unknown>[] = [];
      const keys: string[] = [];
      for (let i = 0; i < count; i++) {
        const slot = start + Math.floor(((i + 1) * (end - start)) / (count + 1)) + offsetMinutes * 60_000;
        const records = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, j) => ({
          eventVersion: '1.09',
          eventTime: iso(slot - (j + 1) * 60_000 - Math.floor(rnd() * 60) * 1000),
          eventSource: 'sagemaker.amazonaws.com',
          eventName: events[Math.floor(rnd() * events.length)],
          awsRegion: region,
          recipientAccountId: account,
          eventID: `${Math.floor(rnd() * 0xffffffff).toString(16).padStart(8, '0')}-0000-4000-8000-${String(seed).padStart(12, '0')}`,
        }));
        if (late && i === 0) records.push({ ...records[0], eventTime: iso(start - 5 * 60_000) });
        const written = writeCloudTrailLog(o.root, cloudTrailLogKey(account, region, slot, rnd, { prefix, organization: o.organization }), records);
        writeSidecar(o.root, written.key, fs.readFileSync(path.join(o.root, ...written.key.split('/'))), {}, slot);
        const times = records.map((x) => x.eventTime).sort();
        entries.push({ s3Bucket: bucket, s3Object: written.key, hashValue: sha256(written.content), hashAlgorithm: 'SHA-256', newestEventTime: times[times.length - 1], oldestEventTime: times[0] });
        keys.push(written.key);
        logFiles.push(written.key);
      }
      return { entries, keys };
    };
    const digestBody = (start: number, end: number, s3Object: string, entries: Record<string, unknown>[], previous: { key: string; sha: string; signature: string } | undefined) => {
      const times = entries.flatMap((e) => [e.oldestEventTime as string, e.newestEventTime as string]).sort();
      return {
        awsAccountId: account,
        digestStartTime: iso(start),
        digestEndTime: iso(end),
        digestS3Bucket: bucket,
        digestS3Object: s3Object,
        digestPublicKeyFingerprint: key.fingerprint,
        digestSignatureAlgorithm: 'SHA256withRSA',
        newestEventTime: times.length ? times[times.length - 1] : null,
        oldestEventTime: times.length ? times[0] : null,
        previousDigestS3Bucket: previous ? bucket : null,
        previousDigestS3Object: previous ? previous.key : null,
        previousDigestHashValue: previous ? previous.sha : null,
        previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
        previousDigestSignature: previous ? previous.signature : null,
        logFiles: entries,
      };
    };
    const put = (k: string, body: Record<string, unknown>, signer: TestKey, end: number, extra: Record<string, string> = {}) => {
      const content = Buffer.from(JSON.stringify(body));
      const signature = sign(signer, body, content);
      writeObject(o.root, k, zlib.gzipSync(content), { signature, 'signature-algorithm': 'SHA256withRSA', ...extra }, end + 30_000);
      return { key: k, sha: sha256(content), signature };
    };

    let previous: { key: string; sha: string; signature: string } | undefined;
    let pendingResign: { k: string; start: number; end: number; entries: Record<string, unknown>[]; previous: typeof previous } | undefined;
    for (let h = 0; h < hours; h++) {
      const start = base + h * HOUR;
      const end = start + HOUR;
      if (o.loggingOff && h >= o.loggingOff.at - o.loggingOff.hours && h < o.loggingOff.at) {
        previous = undefined;
        continue;
      }
      const count = Math.floor(rnd() * (maxLogs + 1));
      const { entries, keys } = logs(start, end, h === o.lateRecordAt ? Math.max(1, count) : count, 0, h === o.lateRecordAt);
      const k = digestKey(end);
      const body = digestBody(start, end, k, entries, previous);
      const written = put(k, body, h === o.wrongKeyAt ? testKey(regions.length + 1) : key, end);
      digests.push({ key: k, region, hour: h, start: iso(start), end: iso(end), backfill: false, logFiles: keys });
      if (pendingResign) {
        // The successor is signed over the original; now the original gives way to another, validly signed digest.
        const { k: rk, start: rs, end: re, entries: rEntries, previous: rPrev } = pendingResign;
        put(rk, { ...digestBody(rs, re, rk, rEntries.slice(0, -1), rPrev), newestEventTime: iso(re - 1000) }, key, re);
        pendingResign = undefined;
      }
      if (h === o.resignedAt) pendingResign = { k, start, end, entries, previous };
      previous = written;
      if (h === o.backfillAt) {
        const late = logs(start, end, 1, 7);
        const generated = end + 2 * HOUR;
        const bk = digestKey(generated, true);
        put(bk, digestBody(start, end, bk, late.entries, undefined), key, generated, { 'backfill-generation-timestamp': iso(generated) });
        digests.push({ key: bk, region, hour: h, start: iso(start), end: iso(end), backfill: true, logFiles: late.keys });
      }
    }
  });

  const validity = { ValidityStartTime: iso(base - 30 * 24 * HOUR), ValidityEndTime: iso(base + (hours + 24) * HOUR) };
  const outputs = regions.map((_region, r) => ({ PublicKeyList: [{ Value: testKey(r).value, ...validity, Fingerprint: testKey(r).fingerprint }] }));
  fs.mkdirSync(path.dirname(o.keysFile), { recursive: true });
  fs.writeFileSync(o.keysFile, `${JSON.stringify(outputs.length === 1 ? outputs[0] : outputs, null, 2)}\n`);
  return { bucket, prefix, account, trail, regions, digests, logFiles, fingerprints, keysFile: o.keysFile };
}

/** Edits of a written copy: what someone with write access to the bucket (or the copy) could do. */
export const tamper = {
  /** Changes one record of a log file, re-gzipped (the sidecar is left as it was). */
  editLog(root: string, key: string): void {
    const file = path.join(root, ...key.split('/'));
    const doc = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as { Records: Record<string, unknown>[] };
    doc.Records[0].sourceIPAddress = '198.51.100.23';
    fs.writeFileSync(file, zlib.gzipSync(JSON.stringify(doc)));
  },
  /** Removes an object and its sidecar. */
  remove(root: string, key: string): void {
    const file = path.join(root, ...key.split('/'));
    fs.rmSync(file);
    fs.rmSync(`${file}.metadata.json`, { force: true });
  },
  /** Removes only the sidecar (a copy made with aws s3 sync has none). */
  removeSidecar(root: string, key: string): void {
    fs.rmSync(path.join(root, ...key.split('/')) + '.metadata.json');
  },
  /** Moves an object (and its sidecar) to another key. */
  move(root: string, from: string, to: string): void {
    const [a, b] = [path.join(root, ...from.split('/')), path.join(root, ...to.split('/'))];
    fs.mkdirSync(path.dirname(b), { recursive: true });
    fs.renameSync(a, b);
    fs.renameSync(`${a}.metadata.json`, `${b}.metadata.json`);
  },
  /** Adds a log file no digest names, at the layout's place for `slot` (ms). */
  addLog(root: string, account: string, region: string, slot: number, prefix = ''): string {
    const key = cloudTrailLogKey(account, region, slot, random(99), { prefix });
    writeCloudTrailLog(root, key, [{ eventVersion: '1.09', eventTime: iso(slot - 60_000), eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: region }]);
    return key;
  },
};
