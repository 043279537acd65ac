/**
 * GCP naming rules and shared prop checks of the GCP constructs, on the PropCheck of
 * constructs/cdktf/props.ts (cdktf's own token test: a token passes untouched).
 *
 * Sources: Cloud Storage "Bucket naming guidelines" (cloud.google.com/storage/docs/buckets#naming)
 * and the Resource Manager label requirements (cloud.google.com/resource-manager/docs/labels-overview).
 */
import { Op, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { propCheck } from '../cdktf/props';
import { EVIDENCE_SOURCES, EvidenceSourceId, lockNotice, PropCheck, Retention, StringRule, TAG_KEYS } from '../core';

/**
 * A PropCheck for a check made outside a construct (the GcpParent factories), naming `where` in
 * its messages, with the same cdktf token test as every GCP construct.
 */
export function gcpCheck(where: string): PropCheck {
  // propCheck reads only the scope's path.
  return propCheck({ node: { path: where } } as unknown as IConstruct);
}

/** How many characters a created bucket's name may take: 63 less the `-logs` the usage-log bucket appends. */
export const LOG_BUCKET_SUFFIX = '-logs';

/**
 * Why a GCS bucket name is refused, or undefined when GCS accepts it: only lower-case letters,
 * digits, `-`, `_` and `.`; starts and ends with a letter or digit; 3 to 63 characters, or up to
 * 222 with dots, each dot-separated part at most 63 (and not empty: a dotted name is a domain
 * name); not an IP address in dotted-decimal notation; not beginning with `goog`; not containing
 * `google` or a close misspelling (`g00gle`). `reserve` characters are kept free at the end of
 * the last part (the kit's `-logs` usage-log bucket).
 */
export function gcsBucketNameProblem(name: string, reserve = 0): string | undefined {
  if (!/^[a-z0-9._-]+$/.test(name)) return 'only lower-case letters, digits, -, _ and .';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'it must begin and end with a letter or digit';
  const parts = name.split('.');
  const max = parts.length > 1 ? 222 : 63;
  if (name.length < 3 || name.length + reserve > max) return `3 to ${max - reserve} characters${parts.length > 1 ? ' with dots' : ''}`;
  if (parts.some((p) => p.length === 0)) return 'no empty part between dots';
  if (parts.some((p, i) => p.length + (i === parts.length - 1 ? reserve : 0) > 63)) return `each dot-separated part at most 63 characters${reserve ? ` (${63 - reserve} for the last)` : ''}`;
  if (parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p))) return 'not an IP address';
  if (name.startsWith('goog')) return 'not beginning with "goog"';
  if (looksLikeGoogle(name)) return 'not containing "google" or a close misspelling';
  return undefined;
}

/** `google` and its close misspellings: digits for letters (g00gle, goog1e, googl3), a repeated, dropped or swapped letter (gooogle, gogle, googel). */
function looksLikeGoogle(name: string): boolean {
  const plain = name.replace(/0/g, 'o').replace(/1/g, 'l').replace(/3/g, 'e');
  return /g+o{2,}g+l+e/.test(plain) || /gogle|googel/.test(plain);
}

/** The StringRule of a GCS bucket name the kit creates (with `reserve` characters kept for a suffix). */
export function gcsBucketName(reserve = 0): StringRule {
  return { expected: 'a GCS bucket name', refuse: (v) => gcsBucketNameProblem(v, reserve) };
}

/** GCP label keys: a lower-case letter (international ones too) first, then lower-case letters, digits, `_` and `-`; 1 to 63 characters. */
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
/** GCP label values: lower-case letters (international ones too), digits, `_` and `-`; 0 to 63 characters. */
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
/** At most 64 labels per resource. */
export const MAX_GCP_LABELS = 64;

/**
 * Whether a key and a value are a GCP label as GCP defines them: lower-case letters including
 * international lower-case letters, digits, `_` and `-`, at most 63 characters each; the key
 * starts with a lower-case letter and is not empty.
 */
export function isGcpLabel(key: string, value: string): boolean {
  return LABEL_KEY.test(key) && LABEL_VALUE.test(value);
}

/** What a GCP label must be, as a validation error words it. */
export const GCP_LABEL_EXPECTED = 'a GCP label: key of 1 to 63 lower-case letters (international ones too), digits, _ and -, starting with a letter; value of 0 to 63 of the same';

/**
 * The caller's labels (`tags`), checked: an object of string values, each key and value a GCP
 * label (tokens pass), none of the kit's own keys, and with the kit's `kitCount` labels at most 64 in all.
 */
export function checkLabels(check: PropCheck, prop: string, value: unknown, kitCount = 3): Record<string, string> {
  if (value === undefined) return {};
  if (check.isToken(value)) check.fail(prop, value, 'a map of labels written out, not a token (the kit adds its own labels to it)');
  const tags = check.object<Record<string, unknown>>(prop, value, 'a map of GCP labels');
  const entries = Object.entries(tags);
  if (entries.length + kitCount > MAX_GCP_LABELS) check.fail(prop, `${entries.length} labels`, `at most ${MAX_GCP_LABELS - kitCount} labels (GCP allows ${MAX_GCP_LABELS}, the kit sets ${kitCount})`);
  for (const [k, v] of entries) {
    if (typeof v !== 'string') check.fail(`${prop}.${k}`, v, GCP_LABEL_EXPECTED);
    if ((Object.values(TAG_KEYS) as string[]).includes(k)) check.fail(`${prop}.${k}`, v, `a label of your own: ${k} is set by the kit (it marks evidence)`);
    if (check.isToken(k) || check.isToken(v)) continue;
    if (!isGcpLabel(k, v)) check.fail(`${prop}.${k}`, v, GCP_LABEL_EXPECTED);
  }
  return tags as Record<string, string>;
}

/** A project id: 6 to 30 lower-case letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
export const PROJECT_ID: StringRule = { pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, expected: 'a project id of 6 to 30 lower-case letters, digits and hyphens, starting with a letter' };
/** A Compute Engine region such as us-central1. */
export const REGION: StringRule = { pattern: /^[a-z]+-[a-z]+[0-9]+$/, expected: 'a region such as us-central1' };
/** A Cloud KMS location: a region, a multi-region or `global`. */
export const KMS_LOCATION: StringRule = { pattern: /^[a-z0-9-]{2,40}$/, expected: 'a Cloud KMS location such as us-central1, us or global' };
/** A GCS location: a region, a dual-region or a multi-region, in either case. */
export const GCS_LOCATION: StringRule = { pattern: /^[A-Za-z0-9-]{2,40}$/, expected: 'a GCS location such as us-central1, EU or US' };
/** RFC 1035 names, as Compute Engine, DNS and router resources want them. */
export const RFC1035: StringRule = { pattern: /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, expected: 'an RFC 1035 name: 1 to 63 lower-case letters, digits and hyphens, starting with a letter' };

/** The evidence source of a construct's labels: one of the catalog's ids. */
export function checkEvidenceSource(check: PropCheck, value: unknown, defaultValue: EvidenceSourceId): EvidenceSourceId {
  return check.oneOf<EvidenceSourceId>(
    'evidenceSource',
    value,
    EVIDENCE_SOURCES.map((s) => s.id),
    defaultValue,
  );
}

/** A Cloud KMS key as a prop names it. */
export interface KeyRef {
  /** The key's resource id (projects/…/cryptoKeys/…). */
  readonly id: string;
}

/** An `{ id }` key reference (IEncryptionKey), or undefined when absent; the id a full key name or a token. */
export function checkKeyRef(check: PropCheck, prop: string, value: unknown): KeyRef | undefined {
  if (value === undefined) return undefined;
  const key = check.object<{ id?: unknown }>(prop, value, 'an IEncryptionKey (a ForensicKey, a KmsCryptoKey or { id })');
  check.string(`${prop}.id`, key.id, {
    pattern: /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/,
    expected: 'a key name projects/{p}/locations/{l}/keyRings/{r}/cryptoKeys/{k}',
  });
  return key as { readonly id: string };
}

/** An IAM member the kit grants evidence to: never a public principal. */
export const MEMBER: StringRule = {
  pattern: /^(user|serviceAccount|group|domain|principal|principalSet):\S+$/,
  expected: 'an IAM member user:, serviceAccount:, group:, domain:, principal: or principalSet: (allUsers and allAuthenticatedUsers are never granted evidence)',
};

/** A sampling fraction in (0, 1], or the default when absent (a number token passes untouched). */
export function checkFraction(check: PropCheck, prop: string, value: unknown, defaultValue: number): number {
  if (value === undefined) return defaultValue;
  const expected = 'a fraction greater than 0 and at most 1';
  if (typeof value !== 'number') check.fail(prop, value, expected);
  if (check.isToken(value)) return value;
  if (Number.isNaN(value) || value <= 0 || value > 1) check.fail(prop, value, expected);
  return value;
}

/** Whole seconds of a retention; for a deploy-time number of days, a Terraform expression of them. */
export function secondsOf(check: PropCheck, retention: Retention): number {
  return check.isToken(retention.days) ? Token.asNumber(Op.mul(retention.days, 86_400)) : retention.toSeconds();
}

/**
 * The notice of an irreversible lock. A deploy-time number of days is named as such: printed, a
 * number token is its bit pattern (`-8.1e+298 days`), not a retention.
 */
export function lockNoticeOf(check: PropCheck, what: string, days: number): string {
  if (!check.isToken(days)) return lockNotice(what, days);
  return `${what} is locked for the number of days given at deploy: once deployed, neither the retention nor the lock can be reduced or removed by anyone, and the store cannot be deleted while it holds protected evidence.`;
}

/** A construct id part derived from a name: the name itself, or `<index>` when the name is a token. */
export function idPart(check: PropCheck, name: string, index: number): string {
  return check.isToken(name) ? String(index) : name;
}
