/**
 * Bucket policy statements: does one deny every S3 action on a bucket's objects to everyone when
 * the request does not use TLS (the statement CDK writes for enforceSSL), and whom do its Deny
 * statements exempt (denyExemptions).
 */
import { CFN_INTRINSICS } from '../../engine/cfn-intrinsics';
import { ResourceModel, UNRESOLVED, Unresolved, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { bucketObjectsArn, normaliseArn, rawAt, rawList, render, shownText } from './refs';

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

/**
 * What one Deny statement of a bucket policy lets escape it: `wide` when more than named principals
 * do (a pattern, an account, a value the caller sets), `unknown` when that cannot be read before
 * deploy or the condition is one this reading does not judge. `where` names the statement, operator
 * and key; `why` says what escapes.
 */
export type DenyExemption = { kind: 'wide' | 'unknown'; where: string; why: string };

/** Keys naming the calling principal: judged by their values. */
const PRINCIPAL_KEYS = new Set(['aws:principalarn', 'aws:userid', 'aws:username']);
/** Keys of an account or organization: an exemption by one exempts every principal of it. */
const ACCOUNT_KEYS = new Set(
  ['PrincipalAccount', 'PrincipalOrgID', 'PrincipalOrgPaths', 'SourceAccount', 'SourceOrgID', 'SourceOrgPaths', 'ResourceAccount', 'ResourceOrgID', 'ResourceOrgPaths', 'SourceOwner'].map((k) => `aws:${k.toLowerCase()}`),
);
/**
 * Keys the caller sets (session and request tags, the service path, the network, the client), or
 * that many principals share (their type, a service): a deny conditioned on one is escaped by
 * every request that matches.
 */
const CALLER_KEYS = new Set(
  [
    'CalledVia', 'CalledViaFirst', 'CalledViaLast', 'ViaAWSService', 'PrincipalIsAWSService', 'PrincipalServiceName', 'PrincipalServiceNamesList', 'PrincipalType',
    'SourceIdentity', 'FederatedProvider', 'TagKeys', 'SourceIp', 'VpcSourceIp', 'SourceVpc', 'SourceVpce', 'SourceArn', 'UserAgent', 'Referer', 'SecureTransport',
    'MultiFactorAuthPresent', 'MultiFactorAuthAge', 'RequestedRegion', 'TokenIssueTime', 'CurrentTime', 'EpochTime', 'IsMcpServiceAction', 'Ec2InstanceSourceVpc', 'Ec2InstanceSourcePrivateIPv4',
  ].map((k) => `aws:${k.toLowerCase()}`),
);
const CALLER_KEY_PREFIXES = ['aws:principaltag/', 'aws:requesttag/', 'aws:resourcetag/'];
/** Operators that leave the listed values out of the deny. */
const NEGATED = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike', 'arnnotequals', 'arnnotlike']);
/** Operators that match `*` and `?` (ArnEquals and ArnNotEquals as the Like forms do). */
const GLOB = new Set(['stringlike', 'stringnotlike', 'arnequals', 'arnnotequals', 'arnlike', 'arnnotlike']);

/** The condition operator without its set prefix (ForAnyValue:) and IfExists suffix, in lower case. */
function baseOperator(op: string): string {
  return op.replace(/^for(any|all)values?:/i, '').replace(/ifexists$/i, '').toLowerCase();
}

/** The first element of a raw value when it is an object (structure resolved), {} when not, or UNRESOLVED. */
function rawObject(model: ResourceModel, policy: Resource, value: unknown): Record<string, unknown> | Unresolved {
  const items = rawList(model, policy, value);
  if (isUnresolved(items)) return UNRESOLVED;
  const first = items[0];
  return first && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : {};
}

/**
 * A TLS deny: its only condition is Bool aws:SecureTransport false (plaintext refused) or
 * NumericLessThan s3:TlsVersion (old TLS refused, as the kit's buckets write it): it exempts no
 * principal, only requests over TLS (AWS.S3.EvidenceTlsOnly judges it).
 */
function isTlsDeny(condition: Record<string, unknown>): boolean {
  const ops = Object.entries(condition);
  if (ops.length !== 1) return false;
  const keys = ops[0][1];
  if (!keys || typeof keys !== 'object' || Object.keys(keys).length !== 1) return false;
  const [key, value] = Object.entries(keys)[0];
  if (/^numericlessthan$/i.test(ops[0][0])) return key.toLowerCase() === 's3:tlsversion';
  return /^bool(ifexists)?$/i.test(ops[0][0]) && key.toLowerCase() === 'aws:securetransport' && list(value).every((v) => v === false || v === 'false');
}

/** Why one value of a principal key under an operator that leaves it out of the deny exempts more than one principal, or undefined. */
function widePrincipal(key: string, op: string, text: string): string | undefined {
  if (!GLOB.has(op)) return undefined;
  if (key === 'aws:principalarn') {
    const parts = text.split(':');
    const resource = text.startsWith('arn:') ? parts.slice(5).join(':') : text;
    if (/[*?]/.test(resource)) return 'exempts every role the pattern matches from the deny';
    if (text.startsWith('arn:') && /[*?]/.test(parts[4] ?? '')) return 'exempts a principal of that name in any account from the deny';
    if (resource === 'root') return 'exempts an account (:root), not one role, from the deny';
    return undefined;
  }
  // aws:userid of a role session is `role-id:session-name`: a pattern in the session name stays one role.
  const who = key === 'aws:userid' ? text.split(':')[0] : text;
  return /[*?]/.test(who) ? 'exempts every principal the pattern matches from the deny' : undefined;
}

/** What one condition key of a Deny lets escape it, values read raw and rendered. */
function keyExemptions(model: ResourceModel, policy: Resource, at: string, op: string, key: string, value: unknown): DenyExemption[] {
  const k = key.toLowerCase();
  const where = `${at} ${op} ${key}`;
  if (ACCOUNT_KEYS.has(k)) return [{ kind: 'wide', where, why: 'exempts by account or organization: every principal that matches escapes the deny' }];
  if (CALLER_KEYS.has(k) || CALLER_KEY_PREFIXES.some((p) => k.startsWith(p)))
    return [{ kind: 'wide', where, why: 'exempts by a value the caller sets or many principals share: every request that matches escapes the deny' }];
  if (!PRINCIPAL_KEYS.has(k)) return [{ kind: 'unknown', where, why: 'is a condition this rule does not judge: whom it exempts from the deny is not known' }];
  const base = baseOperator(op);
  const items = rawList(model, policy, value);
  if (isUnresolved(items)) return [{ kind: 'unknown', where, why: 'is unresolvable before deploy' }];
  const texts = items.map((v) => render(model, v, policy));
  if (!NEGATED.has(base)) {
    // A Like or ARN operator matching "*" holds the deny for everyone; anything else names whom it holds for.
    if (GLOB.has(base) && texts.length > 0 && texts.every((t) => t === '*')) return [];
    return [{ kind: 'wide', where, why: 'holds the deny only for the principals it names: every other principal escapes it' }];
  }
  const out: DenyExemption[] = [];
  for (const text of texts) {
    if (text === undefined) continue;
    if (isUnresolved(text)) out.push({ kind: 'unknown', where, why: 'is unresolvable before deploy' });
    else {
      const why = widePrincipal(k, base, text);
      if (why) out.push({ kind: 'wide', where: `${where} ${JSON.stringify(shownText(model, text))}`, why });
    }
  }
  return out;
}

/**
 * What the Deny statements of one bucket policy let escape them beyond named principals (see
 * DenyExemption): NotPrincipal, and each condition key, judged by the key (an account, a value the
 * caller sets) or, for a key naming the principal, by its values (a pattern, any account, :root).
 * Conditions are read raw, structure resolved (Fn::If), values kept for render: resolving a whole
 * condition makes `arn:${AWS::Partition}:...` UNRESOLVED, and its literal role name with it.
 */
export function denyExemptions(model: ResourceModel, policy: Resource): DenyExemption[] {
  const statements = policyStatements(model, policy);
  if (isUnresolved(statements)) return [{ kind: 'unknown', where: `${policy.address}: PolicyDocument.Statement`, why: 'is unresolvable before deploy' }];
  const out: DenyExemption[] = [];
  for (const [i, raw] of statements.entries()) {
    if (!raw || typeof raw !== 'object') continue;
    const st = raw as Record<string, unknown>;
    const at = `${policy.address}: Statement[${i}]`;
    const effect = model.resolve(st.Effect, policy);
    if (isUnresolved(effect)) out.push({ kind: 'unknown', where: `${at}.Effect`, why: 'is unresolvable before deploy' });
    if (effect !== 'Deny') continue;
    if (st.NotPrincipal !== undefined)
      out.push({ kind: 'wide', where: `${at} NotPrincipal`, why: 'exempts every principal it lists from the deny (an account there may stand for its principals); write the exemption as aws:PrincipalArn with ArnNotEquals instead' });
    const condition = rawObject(model, policy, st.Condition);
    if (isUnresolved(condition)) {
      out.push({ kind: 'unknown', where: `${at}.Condition`, why: 'is unresolvable before deploy' });
      continue;
    }
    if (isTlsDeny(condition)) continue;
    for (const [op, rawKeys] of Object.entries(condition)) {
      const keys = rawObject(model, policy, rawKeys);
      if (isUnresolved(keys)) out.push({ kind: 'unknown', where: `${at} ${op}`, why: 'is unresolvable before deploy' });
      else for (const [key, value] of Object.entries(keys)) out.push(...keyExemptions(model, policy, at, op, key, value));
    }
  }
  return out;
}
