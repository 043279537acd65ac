/**
 * One CloudTrail digest judged alone (cloudtrail-verify.ts judges the chain): it reads as the
 * documented JSON, sits at the key it names, carries a signature made with a key valid then, and
 * that signature verifies over the string CloudTrail signs.
 */
import * as crypto from 'crypto';
import * as zlib from 'zlib';
import { DigestPublicKeys } from './cloudtrail-keys';
import type { TrailCopy, Verdict } from './cloudtrail-verify';

export const HOUR = 3_600_000;

export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The decompressed content of a file CloudTrail wrote (one gzip member), or why it is not one.
 * Every byte must belong to the gzip data: Node's gunzip stops at zero bytes after a member and
 * ignores what follows them, where Python's gzip (aws-cli) skips the zeros and reads a further
 * member, so bytes appended after padding would be read by other tools yet hashed by none.
 */
export function gunzipWhole(gz: Buffer): Buffer | { readonly error: string } {
  let out: { buffer: Buffer; engine: zlib.Gunzip };
  try {
    // With info, the engine says how many input bytes it consumed (bytesWritten).
    out = zlib.gunzipSync(gz, { info: true } as zlib.ZlibOptions) as unknown as { buffer: Buffer; engine: zlib.Gunzip };
  } catch {
    return { error: 'not a gzip file' };
  }
  const rest = gz.length - out.engine.bytesWritten;
  return rest === 0 ? out.buffer : { error: `${rest} bytes after the end of its gzip data: not the file CloudTrail wrote` };
}

/** How keys the digests name (full S3 keys) map to keys in the copy: strip a head, or add one. */
export interface KeyMapping {
  readonly strip: string;
  readonly add: string;
}

export function toCopyKey(s3Key: string, m: KeyMapping): string | undefined {
  if (!s3Key.startsWith(m.strip)) return undefined;
  return m.add + s3Key.slice(m.strip.length);
}

/** The mapping that puts `named` (digestS3Object) at `copyKey`, or undefined when the digest is not where it says. */
export function mappingOf(copyKey: string, named: string): KeyMapping | undefined {
  const at = (k: string) => k.lastIndexOf('AWSLogs/');
  const ck = at(copyKey);
  const nk = at(named);
  if (ck < 0 || nk < 0 || copyKey.slice(ck) !== named.slice(nk)) return undefined;
  const copyHead = copyKey.slice(0, ck);
  const namedHead = named.slice(0, nk);
  // The copy's root may be the bucket, a folder inside it (under part of the prefix), or a folder above it.
  const atBoundary = (head: string) => head === '' || head.endsWith('/');
  if (namedHead.endsWith(copyHead)) {
    const strip = namedHead.slice(0, namedHead.length - copyHead.length);
    return atBoundary(strip) ? { strip, add: '' } : undefined;
  }
  if (copyHead.endsWith(namedHead)) {
    const add = copyHead.slice(0, copyHead.length - namedHead.length);
    return atBoundary(add) ? { strip: '', add } : undefined;
  }
  return undefined;
}

export interface DigestBody {
  readonly digestStartTime?: unknown;
  readonly digestEndTime?: unknown;
  readonly digestS3Bucket?: unknown;
  readonly digestS3Object?: unknown;
  readonly digestPublicKeyFingerprint?: unknown;
  readonly digestSignatureAlgorithm?: unknown;
  readonly previousDigestS3Bucket?: unknown;
  readonly previousDigestS3Object?: unknown;
  readonly previousDigestHashValue?: unknown;
  readonly previousDigestSignature?: unknown;
  readonly logFiles?: unknown;
}

export interface Digest {
  readonly key: string;
  readonly chain: string;
  readonly backfill: boolean;
  readonly keyTime: number;
  start: number;
  end: number;
  body?: DigestBody;
  sha256?: string;
  signature?: string;
  mapping?: KeyMapping;
  verdict: Verdict;
  reason?: string;
}

/** Reads one digest and judges it alone: format, place, signature, key. */
export function judgeDigest(d: Digest, copy: TrailCopy, keys: DigestPublicKeys): void {
  const fail = (verdict: Verdict, reason: string) => {
    d.verdict = verdict;
    d.reason = reason;
  };
  const { body: gz, metadata, metadataProblem } = copy.digest(d.key);
  const raw = gunzipWhole(gz);
  if (!Buffer.isBuffer(raw)) return fail('invalid', raw.error);
  d.sha256 = crypto.createHash('sha256').update(raw).digest('hex');
  let body: DigestBody;
  try {
    body = JSON.parse(raw.toString('utf8')) as DigestBody;
  } catch {
    return fail('invalid', 'not a JSON digest');
  }
  if (body === null || typeof body !== 'object') return fail('invalid', 'not a JSON digest');
  d.body = body;
  const endTime = str(body.digestEndTime);
  const startTime = str(body.digestStartTime);
  const s3Object = str(body.digestS3Object);
  const s3Bucket = str(body.digestS3Bucket);
  const fingerprint = str(body.digestPublicKeyFingerprint);
  const missing = [
    ['digestStartTime', startTime],
    ['digestEndTime', endTime],
    ['digestS3Bucket', s3Bucket],
    ['digestS3Object', s3Object],
    ['digestPublicKeyFingerprint', fingerprint],
  ].filter(([, v]) => v === undefined);
  if (missing.length > 0 || !('previousDigestSignature' in body)) {
    return fail('invalid', `invalid format: no ${[...missing.map(([k]) => k), ...('previousDigestSignature' in body ? [] : ['previousDigestSignature'])].join(', ')}`);
  }
  const start = Date.parse(startTime!);
  const end = Date.parse(endTime!);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return fail('invalid', `invalid format: digestStartTime ${startTime} / digestEndTime ${endTime}`);
  d.start = start;
  d.end = end;

  const mapping = mappingOf(d.key, s3Object!);
  if (!mapping || (copy.bucket !== undefined && s3Bucket !== copy.bucket)) return fail('invalid', `moved: it names s3://${s3Bucket}/${s3Object}`);
  d.mapping = mapping;

  if (metadata === undefined) return fail('not provable', metadataProblem ?? 'no signature: the digest has no .metadata.json sidecar (copy it with forensic-readiness pull)');
  const signature = metadata.signature;
  const algorithm = metadata['signature-algorithm'];
  if (!signature || !algorithm) return fail('invalid', `the object carries no ${!signature ? 'signature' : 'signature-algorithm'} metadata`);
  d.signature = signature;
  if (algorithm !== 'SHA256withRSA' || (body.digestSignatureAlgorithm !== undefined && body.digestSignatureAlgorithm !== 'SHA256withRSA')) {
    return fail('invalid', `unsupported signature algorithm ${algorithm} (CloudTrail signs SHA256withRSA)`);
  }
  if (!/^([0-9a-fA-F]{2})+$/.test(signature)) return fail('invalid', 'the signature is not hex');

  const candidates = keys.get(fingerprint!);
  if (!candidates) return fail('not provable', `no public key with fingerprint ${fingerprint} in the keys file (list-public-keys of its region, covering ${endTime})`);
  let when = end;
  let slack = 0;
  if (d.backfill) {
    const generated = Date.parse(metadata['backfill-generation-timestamp'] ?? '');
    if (Number.isNaN(generated)) return fail('invalid', 'a backfill digest without backfill-generation-timestamp metadata');
    when = generated;
    slack = HOUR;
  }
  const key = candidates.find((k) => k.validFrom - slack <= when && when <= k.validTo + slack);
  if (!key) {
    const spans = candidates.map((k) => `${isoSeconds(k.validFrom)} to ${isoSeconds(k.validTo)}`).join(', ');
    return fail('invalid', `signed with key ${fingerprint}, which was valid ${spans}, not at ${isoSeconds(when)}`);
  }
  const previous = body.previousDigestSignature === null || body.previousDigestSignature === undefined ? 'null' : String(body.previousDigestSignature);
  const signed = `${endTime}\n${s3Bucket}/${s3Object}\n${d.sha256}\n${previous}`;
  if (!crypto.verify('sha256', Buffer.from(signed, 'utf8'), { key: key.key, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.from(signature, 'hex'))) {
    return fail('invalid', `the signature does not verify with key ${fingerprint}`);
  }
}
