/**
 * Bucket policy statements: does one deny every S3 action on a bucket's objects to everyone when
 * the request does not use TLS (the statement CDK writes for enforceSSL).
 */
import { CFN_INTRINSICS } from '../../engine/cfn-intrinsics';
import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { bucketObjectsArn, normaliseArn, rawAt, rawList, render } from './refs';

/**
 * Whether a glob of IAM (`*` any run of characters, `?` one character) matches the whole text,
 * case-sensitively. A direct wildcard match: the rule calls it once per statement and bucket, with
 * patterns that are mostly distinct ARNs, so compiling (or caching) a RegExp per pattern cost more
 * than the match itself. Greedy with one backtrack point per `*`: linear in practice.
 */
export function iamGlob(pattern: string, text: string): boolean {
  if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) return pattern === text;
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (c === STAR) {
      star = p++;
      resume = t;
    } else if (c === QUESTION || (c >= 0 && c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

const STAR = 42; // '*'
const QUESTION = 63; // '?'

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** 'yes' when the statement denies s3:* on the bucket's objects to "*" when aws:SecureTransport is false. */
export function deniesInsecureTransport(model: ResourceModel, policy: Resource, bucket: Resource, raw: unknown): 'yes' | 'no' | 'unknown' {
  const st = statementFields(model, policy, raw) as Record<string, unknown>;
  if (isUnresolved(st) || !st || typeof st !== 'object') return 'unknown';
  if (st.Effect !== 'Deny' || st.NotPrincipal !== undefined || st.NotAction !== undefined || st.NotResource !== undefined) return 'no';
  const p = st.Principal;
  const everyone = p === '*' || (p && typeof p === 'object' && list((p as Record<string, unknown>).AWS).includes('*'));
  const allS3 = list(st.Action).some((a) => typeof a === 'string' && iamGlob(a, 's3:GetObject') && iamGlob(a, 's3:PutObject'));
  const cond = (st.Condition ?? {}) as Record<string, Record<string, unknown>>;
  const insecure = [cond.Bool, cond.BoolIfExists].some((c) => c && list(c['aws:SecureTransport']).some((v) => v === false || v === 'false'));
  if (!everyone || !allS3 || !insecure) return 'no';
  const resources = rawList(model, policy, (raw as Record<string, unknown>).Resource);
  if (isUnresolved(resources)) return 'unknown';
  const sample = `${bucketObjectsArn(model, bucket)}any-object`;
  const texts = resources.map((r) => render(model, r, policy));
  if (texts.some((t) => typeof t === 'string' && iamGlob(normaliseArn(t), sample))) return 'yes';
  return texts.some((t) => t !== undefined && isUnresolved(t)) ? 'unknown' : 'no';
}

/** The statement fields deniesInsecureTransport reads. */
const READ_FIELDS = ['Effect', 'NotPrincipal', 'NotAction', 'NotResource', 'Principal', 'Action', 'Condition'] as const;

/**
 * A statement with the fields deniesInsecureTransport reads resolved, as `model.resolve` of the
 * whole statement gives them: a plain object's fields resolve one by one, so its Resource list (read
 * raw, for render) is not resolved and copied. A statement that is itself an intrinsic, or not an
 * object, is resolved whole.
 */
function statementFields(model: ResourceModel, policy: Resource, raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || (policy.format === 'cloudformation' && isIntrinsic(raw))) return model.resolve(raw, policy);
  const out: Record<string, unknown> = {};
  // Depth 1: where the fields sit when the whole statement is resolved.
  for (const k of READ_FIELDS) out[k] = model.resolve((raw as Record<string, unknown>)[k], policy, 1);
  return out;
}

/** A one-key object whose key is a CloudFormation intrinsic. */
function isIntrinsic(value: object): boolean {
  let only: string | undefined;
  for (const k in value) {
    if (only !== undefined) return false;
    only = k;
  }
  return only !== undefined && CFN_INTRINSICS.has(only);
}

/** The statements of a bucket policy, or UNRESOLVED. */
export function policyStatements(model: ResourceModel, policy: Resource): ReturnType<typeof rawList> {
  return rawList(model, policy, rawAt(model, policy, 'PolicyDocument.Statement'));
}
