import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { denyExemptions } from '../../facts/aws/policy';
import { competingBucketPolicies, isEvidenceBucket, unplacedBucketPolicies } from '../../facts/aws/evidence';

/**
 * The lock-change and delete denies of an evidence bucket's policy exempt one break-glass role.
 * Exempted by a pattern (`role/*`, `role/admin-*`), by a role name in any account
 * (`arn:aws:iam::*:role/x`), by an account (`:root`, aws:PrincipalAccount, aws:PrincipalOrgID ...),
 * by a value the caller sets (aws:PrincipalTag/*, aws:RequestTag/*, aws:CalledVia, aws:SourceIp ...)
 * or by NotPrincipal, more than one role may change the lock or delete evidence: for an access-log
 * bucket, without Object Lock, the delete deny is all it has. A condition on any other key is
 * UNKNOWN: whom it exempts is not known. The TLS deny (Bool aws:SecureTransport false, alone) exempts
 * no principal; AWS.S3.EvidenceTlsOnly judges it. Several bucket policies of one bucket are each
 * judged as if alone (only the last applied takes effect); the reason names them.
 */
export const S3EvidenceDenyWildcardExemption: Rule = {
  id: 'AWS.S3.EvidenceDenyWildcardExemption',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description:
    'A Deny statement of an evidence bucket\'s policy exempts more than one named principal: an aws:PrincipalArn, aws:userid or aws:username pattern with a wildcard ("role/*", "role/admin-*"), a role name in any account ("arn:aws:iam::*:role/x"), an account (":root", aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount), a value the caller sets (aws:PrincipalTag/*, aws:RequestTag/*, aws:CalledVia, aws:SourceIp), a positive operator on the principal (the deny holds only for those it names), or NotPrincipal.',
  rationale:
    'The denies of an evidence bucket (lock changes, retention changes, deletes, lifecycle changes) hold only if nobody is exempt but one break-glass role. A wildcard, an account or a value the caller sets exempts every principal or request that matches, so an intruder with any such role, in any such account, or who sets the tag can shorten the lock or delete the logs that show what it did.',
  fix: 'Give EvidenceBucket or AccessLogBucket the breakGlassRole of one role (iam.Role.fromRoleArn with the full ARN, or a role of the app), or write the exemption as ArnNotEquals aws:PrincipalArn with the ARN of one role, without * or ?, and no other condition.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1562.008', 'T1685.002'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceBucket(ctx.model, r),
  check: (r, ctx) => {
    // Each policy judged alone: the exemptions of one never excuse another's, so the worst is any policy's.
    const { policies, preamble } = competingBucketPolicies(ctx.model, r);
    const opening = preamble === '' ? `${r.address}: ` : preamble;
    const found = policies.flatMap((p) => denyExemptions(ctx.model, p));
    const wide = found.filter((e) => e.kind === 'wide');
    if (wide.length > 0) return nonCompliant(`${opening}${wide.map((e) => `${e.where} ${e.why}`).join('; ')}`);
    const unplaced = unplacedBucketPolicies(ctx.model, r).filter((p) => denyExemptions(ctx.model, p).length > 0);
    const open = [
      ...found.map((e) => `${e.where} ${e.why}`),
      ...unplaced.map((p) => `${p.address}: Bucket is unresolvable before deploy, and a Deny of it exempts more than one named principal or cannot be judged, so it may be this bucket's policy`),
    ];
    if (open.length > 0) return unknown(`${opening}${open.join('; ')}`);
    return compliant(
      policies.length === 0
        ? `${r.address}: no bucket policy of the inputs names it, so no Deny exempts anyone`
        : `${opening}no Deny statement of ${policies.map((p) => p.address).join(', ')} exempts more than the principals it names by ARN`,
    );
  },
};
