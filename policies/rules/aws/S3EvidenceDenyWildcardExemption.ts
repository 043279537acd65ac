import { ResourceModel, UNRESOLVED, Unresolved, isUnresolved } from '../../engine/model';
import { Resource, Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { policyStatements } from '../../facts/aws/policy';
import { bucketPolicies, isEvidenceBucket, rawList, render, shownText, unplacedBucketPolicies } from '../../facts/aws/evidence';

/**
 * The operators that exempt principals from a Deny and match `*` and `?` (ArnNotEquals matches
 * wildcards as ArnNotLike does); StringNotEquals compares literally, so a `*` there names no role.
 */
const WILDCARD_OPERATORS = new Set(['arnnotequals', 'arnnotlike', 'stringnotlike']);

/** The condition operator without its set prefix (ForAnyValue:) and IfExists suffix, in lower case. */
function baseOperator(op: string): string {
  return op.replace(/^for(any|all)values:/i, '').replace(/ifexists$/i, '').toLowerCase();
}

/**
 * The resource part of a principal ARN (`role/admin-*` of `arn:aws:iam::111122223333:role/admin-*`),
 * or the whole text when it is not an ARN (`*`).
 */
function resourcePart(text: string): string {
  return text.startsWith('arn:') ? text.split(':').slice(5).join(':') : text;
}

/** A raw object of a policy (structure resolved), {} when absent or not an object, or UNRESOLVED. */
function one(model: ResourceModel, policy: Resource, value: unknown): Record<string, unknown> | Unresolved {
  const list = rawList(model, policy, value);
  if (isUnresolved(list)) return UNRESOLVED;
  const first = list[0];
  return first && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : {};
}

type Exemption = { kind: 'wildcard'; where: string } | { kind: 'unresolved'; where: string };

/** The wildcard (or unknown) aws:PrincipalArn exemptions of the Deny statements of one policy. */
function exemptions(model: ResourceModel, policy: Resource): Exemption[] {
  const statements = policyStatements(model, policy);
  if (isUnresolved(statements)) return [{ kind: 'unresolved', where: `${policy.address}: PolicyDocument.Statement is unresolvable before deploy` }];
  const out: Exemption[] = [];
  for (const [i, raw] of statements.entries()) {
    const st = raw as Record<string, unknown> | undefined;
    if (!st || typeof st !== 'object') continue;
    const effect = model.resolve(st.Effect, policy);
    if (isUnresolved(effect)) out.push({ kind: 'unresolved', where: `${policy.address}: Statement[${i}].Effect is unresolvable before deploy` });
    if (effect !== 'Deny') continue;
    // Read raw, structure resolved (Fn::If) but values kept for render: resolving a whole
    // condition makes `arn:${AWS::Partition}:...` UNRESOLVED, and its literal role name with it.
    const condition = one(model, policy, st.Condition);
    if (isUnresolved(condition)) {
      out.push({ kind: 'unresolved', where: `${policy.address}: Statement[${i}].Condition is unresolvable before deploy` });
      continue;
    }
    for (const [op, rawKeys] of Object.entries(condition)) {
      if (!WILDCARD_OPERATORS.has(baseOperator(op))) continue;
      const keys = one(model, policy, rawKeys);
      if (isUnresolved(keys)) {
        out.push({ kind: 'unresolved', where: `${policy.address}: Statement[${i}] ${op} is unresolvable before deploy` });
        continue;
      }
      for (const [key, value] of Object.entries(keys)) {
        if (key.toLowerCase() !== 'aws:principalarn') continue;
        const list = rawList(model, policy, value);
        if (isUnresolved(list)) {
          out.push({ kind: 'unresolved', where: `${policy.address}: Statement[${i}] ${op} ${key} is unresolvable before deploy` });
          continue;
        }
        for (const v of list) {
          const text = render(model, v, policy);
          const at = `${policy.address}: Statement[${i}] ${op} ${key}`;
          if (text === undefined) continue;
          if (isUnresolved(text)) out.push({ kind: 'unresolved', where: `${at} is unresolvable before deploy` });
          else if (/[*?]/.test(resourcePart(text))) out.push({ kind: 'wildcard', where: `${at} ${JSON.stringify(shownText(model, text))}` });
        }
      }
    }
  }
  return out;
}

/**
 * The lock-change and delete denies of an evidence bucket's policy exempt one break-glass role.
 * Exempted by a pattern (`role/*`, `role/admin-*`), every role it matches may change the lock or
 * delete evidence: for an access-log bucket, without Object Lock, the delete deny is all it has.
 */
export const S3EvidenceDenyWildcardExemption: Rule = {
  id: 'AWS.S3.EvidenceDenyWildcardExemption',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'A Deny statement of an evidence bucket\'s policy exempts principals by an aws:PrincipalArn pattern with a wildcard in the role name or path (ArnNotEquals, ArnNotLike or StringNotLike "role/*", "role/admin-*").',
  rationale:
    'The denies of an evidence bucket (lock changes, retention changes, deletes, lifecycle changes) hold only if nobody is exempt but one break-glass role. A wildcard exemption exempts every role it matches, so an intruder with any such role can shorten the lock or delete the logs that show what it did.',
  fix: 'Give EvidenceBucket or AccessLogBucket the breakGlassRole of one role (iam.Role.fromRoleArn with the full ARN, or a role of the app), or write the exemption as the ARN of one role, without * or ?.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1562.008', 'T1685.002'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceBucket(ctx.model, r),
  check: (r, ctx) => {
    const policies = bucketPolicies(ctx.model, r);
    const found = policies.flatMap((p) => exemptions(ctx.model, p));
    const wild = found.filter((e) => e.kind === 'wildcard');
    if (wild.length > 0) return nonCompliant(`${r.address}: ${wild.map((e) => e.where).join('; ')} exempts every role the pattern matches from the deny`);
    const unplaced = unplacedBucketPolicies(ctx.model, r).filter((p) => exemptions(ctx.model, p).length > 0);
    const open = [...found.map((e) => e.where), ...unplaced.map((p) => `${p.address}: Bucket is unresolvable before deploy, and it exempts principals by a wildcard or unknown aws:PrincipalArn, so it may be this bucket's policy`)];
    if (open.length > 0) return unknown(`${r.address}: ${open.join('; ')}`);
    return compliant(policies.length === 0 ? `${r.address}: no bucket policy of the inputs names it, so no Deny exempts anyone` : `${r.address}: no Deny statement of ${policies.map((p) => p.address).join(', ')} exempts principals by a wildcard aws:PrincipalArn`);
  },
};
