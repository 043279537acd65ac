/**
 * What the AWS constructs check beyond PropCheck's generic checks: the names AWS would refuse
 * (S3 buckets, CloudTrail trails, organization ids), the types of the framework objects a prop
 * takes (a bucket, a key, a role, a VPC), tags, and CloudWatch Logs retention that keeps a
 * deploy-time token as it is. Each check throws the one ForensicValidationError naming the prop.
 */
import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import type { EvidenceBucket } from './evidence-bucket';
import { cloudWatchRetentionAtLeast, DEFAULT_RETENTION_DAYS, EVIDENCE_SOURCES, EvidenceSourceId, PropCheck, StringRule } from '../core';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * General purpose S3 bucket names, as the S3 User Guide's "General purpose bucket naming rules"
 * state them: 3 to 63 lower-case letters, digits, dots and hyphens, beginning and ending with a
 * letter or digit, no two adjacent dots, not an IP address, none of the reserved prefixes and suffixes.
 */
export const S3_BUCKET_NAME: StringRule = {
  pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  expected: 'an S3 bucket name of 3 to 63 lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit',
  refuse: (name) => {
    if (name.includes('..')) return 'no two adjacent dots';
    if (IPV4.test(name)) return 'not formatted as an IP address';
    const prefix = S3_RESERVED_PREFIXES.find((p) => name.startsWith(p));
    if (prefix) return `the prefix ${prefix} is reserved`;
    const suffix = S3_RESERVED_SUFFIXES.find((s) => name.endsWith(s));
    if (suffix) return `the suffix ${suffix} is reserved`;
    return undefined;
  },
};

/** Prefixes S3 reserves (general purpose bucket naming rules). */
export const S3_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;
/** Suffixes S3 reserves: access point aliases, Object Lambda aliases, Multi-Region Access Points, directory buckets, table buckets. */
export const S3_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'] as const;

/**
 * CloudTrail trail names (CloudTrail resource naming requirements): 3 to 128 ASCII letters, digits,
 * periods, underscores and dashes, beginning and ending with a letter or digit, no two of `._-`
 * adjacent (`my-_trail`, `my--trail`), not an IP address.
 */
export const TRAIL_NAME: StringRule = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/,
  expected: 'a CloudTrail trail name of 3 to 128 letters, digits, periods, underscores and dashes, beginning and ending with a letter or digit',
  refuse: (name) => {
    if (/[._-]{2}/.test(name)) return 'no two adjacent periods, underscores or dashes';
    if (IPV4.test(name)) return 'not formatted as an IP address';
    return undefined;
  },
};

/** An AWS Organizations id: `o-` and 10 to 32 lower-case letters or digits. */
export const ORG_ID: StringRule = { pattern: /^o-[a-z0-9]{10,32}$/, expected: 'an AWS Organizations id such as o-a1b2c3d4e5' };

/** An S3 key prefix: safe characters, no leading, trailing or doubled slash, at most 1,024 characters. */
export const KEY_PREFIX: StringRule = {
  pattern: /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/,
  expected: 'an S3 key prefix without leading or trailing slash',
  refuse: (p) => (p.length > 1024 ? 'at most 1024 characters' : undefined),
};

/** A construct of the framework (an L2 object, not a plain object or an ARN string). */
function isConstruct(value: unknown): value is IConstruct {
  return typeof value === 'object' && value !== null && typeof (value as IConstruct).node === 'object' && (value as IConstruct).node !== null;
}

/** A prop that must be an `s3.IBucket`. */
export function bucketProp(check: PropCheck, prop: string, value: unknown): s3.IBucket {
  if (!isConstruct(value) || typeof (value as s3.IBucket).bucketArn !== 'string') check.fail(prop, describe(value), 'an s3.IBucket');
  return value as s3.IBucket;
}

/**
 * A replication destination: an EvidenceBucket's bucket, or a bucket imported from elsewhere (another
 * account or region, judged where it is defined). A bucket this app creates outside an
 * EvidenceBucket is refused: the copy there would stand without a lock, versioning or KMS.
 */
export function lockedDestinationProp(check: PropCheck, prop: string, value: unknown): s3.IBucket {
  const bucket = bucketProp(check, prop, value);
  const owner = bucket.node.scope as { allowLogDelivery?: unknown; grantAppend?: unknown } | undefined;
  const inEvidenceBucket = owner !== undefined && typeof owner.allowLogDelivery === 'function' && typeof owner.grantAppend === 'function';
  if (bucket instanceof s3.Bucket && !inEvidenceBucket) {
    check.fail(prop, bucket.node.path, "an EvidenceBucket's bucket (or a bucket imported from another account or region): a copy in a bucket without Object Lock can be altered");
  }
  return bucket;
}

/** A prop that must be a `kms.IKey`. */
export function keyProp(check: PropCheck, prop: string, value: unknown): kms.IKey {
  if (!isConstruct(value) || typeof (value as kms.IKey).keyArn !== 'string') check.fail(prop, describe(value), 'a kms.IKey');
  return value as kms.IKey;
}

/** A prop that must be an `iam.IRole`. */
export function roleProp(check: PropCheck, prop: string, value: unknown): iam.IRole {
  if (!isConstruct(value) || typeof (value as iam.IRole).roleArn !== 'string') check.fail(prop, describe(value), 'an iam.IRole');
  return value as iam.IRole;
}

/**
 * A break-glass role: an `iam.IRole` whose ARN names one role. The evidence policies exempt it with
 * `ArnNotEquals aws:PrincipalArn`, which matches wildcards: `role/*` would exempt every role of
 * the account from the lock-change and delete denies. The ARN of `Role.fromRoleName` is a token
 * (`arn:${Partition}:iam::${AccountId}:role/*`), so the role's name is checked when it is known,
 * and the literal parts of the ARN as the stack resolves it. An account root principal (`:root`, or
 * a bare account id, which IAM reads as that account's root) is refused too: it is not one role,
 * and AWS.S3.EvidenceDenyWildcardExemption would fail the exemption at synth.
 */
export function breakGlassRoleProp(check: PropCheck, prop: string, value: unknown): iam.IRole {
  const role = roleProp(check, prop, value);
  const expected = 'the ARN of one role, without * or ? (the denies exempt it with ArnNotEquals, which matches wildcards: every role the pattern matches would be exempt)';
  const name: unknown = role.roleName;
  if (typeof name === 'string' && !Token.isUnresolved(name) && WILDCARD.test(name)) check.fail(prop, name, expected);
  if (!Token.isUnresolved(role.roleArn)) {
    if (WILDCARD.test(role.roleArn)) check.fail(prop, role.roleArn, expected);
  } else {
    const wild = literalParts(Stack.of(role).resolve(role.roleArn)).find((t) => WILDCARD.test(t));
    if (wild !== undefined) check.fail(prop, wild, expected);
  }
  const arn = Token.isUnresolved(role.roleArn) ? arnShape(Stack.of(role).resolve(role.roleArn)) : { judged: role.roleArn, shown: role.roleArn };
  if (isAccountRoot(arn.judged)) {
    check.fail(prop, arn.shown, "the ARN of one role, not an account root principal (an account's :root ARN, or its bare id, which IAM reads as that root, would exempt every principal of the account from the denies)");
  }
  return role;
}

/** Stands, in a judged shape, for a part known only at deploy; ACCOUNT for the stack's account id. */
const UNKNOWN = '\u0000';
const ACCOUNT = '\u0001';

/**
 * The shape of a resolved ARN: `judged`, its literal text with UNKNOWN (or ACCOUNT) for each part
 * known only at deploy, and `shown`, the same with `${Name}` for a Ref or a Fn::Sub variable
 * (`${?}` for any other intrinsic), for the error message.
 */
function arnShape(value: unknown): { judged: string; shown: string } {
  if (typeof value === 'string') return { judged: value, shown: value };
  const o = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof o.Ref === 'string') return { judged: o.Ref === 'AWS::AccountId' ? ACCOUNT : UNKNOWN, shown: `\${${o.Ref}}` };
  const join = o['Fn::Join'];
  if (keys.length === 1 && Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map(arnShape);
    return { judged: parts.map((p) => p.judged).join(join[0]), shown: parts.map((p) => p.shown).join(join[0]) };
  }
  const sub = o['Fn::Sub'];
  const template = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  if (keys.length === 1 && template !== undefined) {
    return { judged: template.replace(/\$\{([^}!]*)\}/g, (_, name: string) => (name === 'AWS::AccountId' ? ACCOUNT : UNKNOWN)), shown: template };
  }
  return { judged: UNKNOWN, shown: '${?}' };
}

/**
 * Whether an ARN (judged shape) names an account's root rather than one role: `arn:...:root`
 * (`:root` its whole resource), or a bare 12-digit account id (or the stack's account id), which
 * IAM reads as `arn:aws:iam::<id>:root`.
 */
function isAccountRoot(arn: string): boolean {
  if (/^\d{12}$/.test(arn) || arn === ACCOUNT) return true;
  return arn.startsWith('arn:') && arn.split(':').slice(5).join(':') === 'root';
}

const WILDCARD = /[*?]/;

/**
 * The literal strings of a resolved CloudFormation value: the parts of a Fn::Join, the text of a
 * Fn::Sub outside its `${...}`; not the names a Ref, Fn::GetAtt or Fn::ImportValue holds.
 */
function literalParts(value: unknown): string[] {
  if (typeof value === 'string') return [value.replace(/\$\{[^}]*\}/g, '')];
  if (Array.isArray(value)) return value.flatMap(literalParts);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'Ref' || k === 'Fn::GetAtt' || k === 'Fn::ImportValue' ? [] : literalParts(v)));
}

/** A prop that must be an `ec2.IVpc`; a VPC id string is refused with the way to import it. */
export function vpcProp(check: PropCheck, prop: string, value: unknown): ec2.IVpc {
  if (typeof value === 'string') {
    check.fail(prop, value, 'an ec2.IVpc (import an existing VPC with ec2.Vpc.fromVpcAttributes or ec2.Vpc.fromLookup; a bare id string would not be associated)');
  }
  if (!isConstruct(value) || typeof (value as ec2.IVpc).vpcId !== 'string') check.fail(prop, describe(value), 'an ec2.IVpc');
  return value as ec2.IVpc;
}

/**
 * A prop that must be an EvidenceBucket (a locked store of this kit, not a plain bucket). Tested by
 * shape, so that this module does not import the construct that imports it.
 */
export function evidenceBucketProp(check: PropCheck, prop: string, value: unknown): EvidenceBucket {
  const b = value as EvidenceBucket;
  if (!isConstruct(value) || typeof b.allowLogDelivery !== 'function' || typeof b.grantAppend !== 'function' || b.bucket === undefined || b.encryptionKey === undefined) {
    check.fail(prop, describe(value), 'an EvidenceBucket');
  }
  return b;
}

/** A prop that must be a construct (a scope to cover). */
export function scopeProp(check: PropCheck, prop: string, value: unknown): IConstruct {
  if (!isConstruct(value)) check.fail(prop, describe(value), 'a construct (a Stack, a Stage or any scope)');
  return value;
}

/** Extra tags: an object of string values, keys of 1 to 128 and values of at most 256 characters, no `aws:` key. */
export function tagsProp(check: PropCheck, prop: string, value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const tags = check.object<Record<string, unknown>>(prop, value, 'an object of tag keys and string values');
  for (const [k, v] of Object.entries(tags)) {
    if (!check.isToken(k) && (k.length === 0 || k.length > 128 || k.toLowerCase().startsWith('aws:'))) {
      check.fail(`${prop}.${k}`, k, 'a tag key of 1 to 128 characters, not beginning with aws:');
    }
    if (typeof v !== 'string' || (!check.isToken(v) && v.length > 256)) check.fail(`${prop}.${k}`, v, 'a tag value: a string of at most 256 characters');
  }
  return tags as Record<string, string>;
}

/** The evidence source a store mainly holds: one of the catalog's ids. */
export function evidenceSourceProp(check: PropCheck, prop: string, value: unknown, defaultValue: EvidenceSourceId): EvidenceSourceId {
  return check.oneOf(prop, value, EVIDENCE_SOURCES.map((s) => s.id), defaultValue);
}

/** A whole number of days in a Duration (`Duration.hours(36)` is refused), or a token, within bounds. */
export function wholeDays(check: PropCheck, prop: string, value: unknown, min: number, max: number): number {
  if (!(value instanceof Duration)) check.fail(prop, describe(value), `a Duration of ${min} to ${max} whole days`);
  const days = value.toDays({ integral: false });
  if (Token.isUnresolved(days)) return days;
  return check.integer(prop, days, { min, max, unit: 'days' });
}

/**
 * The CloudWatch Logs retention for a number of days: the next value CloudWatch allows (never
 * shorter than asked), or the token itself when the days are known only at deploy.
 */
export function cloudWatchDays(days: number): number {
  return Token.isUnresolved(days) ? days : cloudWatchRetentionAtLeast(days);
}

/** Whether a retention is known to be under the kit's floor (a token is not known: the rules judge it UNKNOWN). */
export function underFloor(days: number): boolean {
  return !Token.isUnresolved(days) && days < DEFAULT_RETENTION_DAYS;
}

/** Days for a message: the number, or "a deploy-time number of" for a token. */
export function daysText(days: number): string {
  return Token.isUnresolved(days) ? 'a deploy-time number of days' : `${days} days`;
}

function describe(value: unknown): unknown {
  if (isConstruct(value)) return value.node.path;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value.constructor?.name && value.constructor !== Object ? `a ${value.constructor.name}` : value;
  return value;
}
