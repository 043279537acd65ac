/**
 * The public keys CloudTrail signed digests with, read from the saved output of
 * `aws cloudtrail list-public-keys --start-time … --end-time …` (without the times only the current
 * key is returned). CloudTrail signs with a key per region, so a multi-region copy needs the output
 * of each region: one file may hold one output, or a JSON array of outputs (`jq -s . a.json b.json`).
 *
 * Each entry: `Value` (base64 of the DER PKCS#1 RSAPublicKey), `Fingerprint`, `ValidityStartTime`
 * and `ValidityEndTime` (epoch seconds, as aws-cli v1 prints them, or ISO 8601, as v2 does).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import { InputError, describeFsError } from '../../constructs/core/input-error';

export interface DigestPublicKey {
  readonly fingerprint: string;
  /** The key, ready for crypto.verify. */
  readonly key: crypto.KeyObject;
  /** Validity, ms since the epoch. */
  readonly validFrom: number;
  readonly validTo: number;
}

/** Keys by fingerprint (a fingerprint listed twice with different validity keeps every entry). */
export type DigestPublicKeys = ReadonlyMap<string, readonly DigestPublicKey[]>;

/** Reads and checks a keys file; every problem is one InputError line naming the file. */
export function loadPublicKeys(file: string, display = file): DigestPublicKeys {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`--public-keys ${describeFsError(err, display)}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InputError(`--public-keys ${display}: not JSON; expected the output of aws cloudtrail list-public-keys ({"PublicKeyList": [...]}) or an array of such outputs`);
  }
  const outputs = Array.isArray(doc) ? doc : [doc];
  const keys = new Map<string, DigestPublicKey[]>();
  outputs.forEach((output, o) => {
    const where = Array.isArray(doc) ? `${display} [${o}]` : display;
    const list = (output as { PublicKeyList?: unknown } | null)?.PublicKeyList;
    if (!Array.isArray(list)) throw new InputError(`--public-keys ${where}: no PublicKeyList array; expected the output of aws cloudtrail list-public-keys`);
    list.forEach((entry: Record<string, unknown>, i) => {
      const at = `--public-keys ${where}: PublicKeyList[${i}]`;
      const fingerprint = entry?.Fingerprint;
      if (typeof fingerprint !== 'string' || fingerprint === '') throw new InputError(`${at} has no Fingerprint`);
      const validFrom = timeOf(entry.ValidityStartTime);
      const validTo = timeOf(entry.ValidityEndTime);
      if (validFrom === undefined || validTo === undefined) throw new InputError(`${at} (${fingerprint}): ValidityStartTime and ValidityEndTime must be epoch seconds or ISO 8601 times`);
      if (typeof entry.Value !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(entry.Value)) throw new InputError(`${at} (${fingerprint}): Value must be the base64 DER of a PKCS#1 RSA public key`);
      let key: crypto.KeyObject;
      try {
        key = crypto.createPublicKey({ key: Buffer.from(entry.Value, 'base64'), format: 'der', type: 'pkcs1' });
      } catch {
        throw new InputError(`${at} (${fingerprint}): Value is not a DER PKCS#1 RSA public key`);
      }
      keys.set(fingerprint, [...(keys.get(fingerprint) ?? []), { fingerprint, key, validFrom, validTo }]);
    });
  });
  if (keys.size === 0) throw new InputError(`--public-keys ${display}: holds no keys (run list-public-keys with --start-time and --end-time covering the period)`);
  return keys;
}

/** Epoch seconds (number or numeric string) or an ISO 8601 time with a zone, as ms; else undefined. */
function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value !== 'string') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
