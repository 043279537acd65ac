import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource, Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { deniesInsecureTransport, policyStatements } from '../../facts/aws/policy';
import { State, competingBucketPolicies, isEvidenceBucket, judgement, unplacedBucketPolicies } from '../../facts/aws/evidence';

/**
 * A bucket policy denies every request that does not use TLS. A bucket has one policy: when several
 * policies name it, each replaces the others and only the last applied takes effect, so each is
 * judged as if it were the only one and the verdict is the worst of them. A policy whose Bucket only
 * the deploy knows may be this bucket's and may be applied last: it must pass alone too, or the
 * verdict is UNKNOWN.
 */
export const S3EvidenceTlsOnly: Rule = {
  id: 'AWS.S3.EvidenceTlsOnly',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'No bucket policy of an evidence bucket denies requests made without TLS (aws:SecureTransport false), or one of several bucket policies naming it does not (only the last applied takes effect).',
  rationale: 'Evidence read or written over plain HTTP can be read or altered in transit; a Deny on aws:SecureTransport false makes TLS the only way in, for every principal. A bucket has one policy, and each bucket policy resource replaces it: with several, the one applied last is the bucket\'s, whichever it is.',
  fix: 'Use EvidenceBucket or AccessLogBucket (enforceSSL), or add an AWS::S3::BucketPolicy for the bucket with a statement { Effect: Deny, Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, <bucket ARN>/*], Condition: { Bool: { aws:SecureTransport: false } } }. Give a bucket one bucket policy resource: merge the statements of several into it.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceBucket(ctx.model, r),
  check: (r, ctx) => {
    const { policies, preamble } = competingBucketPolicies(ctx.model, r);
    const unplaced = unplacedBucketPolicies(ctx.model, r);
    if (policies.length === 0 && unplaced.length === 0) return nonCompliant(`${r.address}: no AWS::S3::BucketPolicy references this bucket, so nothing denies aws:SecureTransport false`);
    if (policies.length === 0) return unknown(`${unplaced.map((p) => p.address).join(', ')}: Bucket is unresolvable before deploy, so it may be this bucket's policy`);
    let placed: State;
    if (policies.length === 1) {
      placed = alone(ctx.model, policies[0], r);
      if (placed.ok === false) placed = { ok: false, reason: `${r.address}: no statement of ${policies[0].address} denies s3:* on the objects to "*" when aws:SecureTransport is false` };
    } else {
      const states = policies.map((p) => alone(ctx.model, p, r));
      const worst = states.some((s) => s.ok === false) ? false : states.some((s) => s.ok === 'unknown') ? 'unknown' : true;
      placed = { ok: worst, reason: preamble + states.filter((s) => s.ok === worst).map((s) => s.reason).join('; ') };
    }
    if (placed.ok !== true) return judgement(placed);
    // A policy that may be this bucket's may be applied after those that are, and replace them.
    for (const u of unplaced) {
      const s = alone(ctx.model, u, r);
      if (s.ok !== true) return unknown(`${u.address}: Bucket is unresolvable before deploy, so it may be this bucket's policy, and it may be applied after ${policies.map((p) => p.address).join(', ')} and replace it: ${s.reason}`);
    }
    return compliant(placed.reason);
  },
};

/** Whether one policy, were it the bucket's only one, denies every request without TLS. */
function alone(model: ResourceModel, p: Resource, bucket: Resource): State {
  const statements = policyStatements(model, p);
  if (isUnresolved(statements)) return { ok: 'unknown', reason: `${p.address}: PolicyDocument.Statement is unresolvable before deploy` };
  let unresolved: string | undefined;
  for (const [i, st] of statements.entries()) {
    const v = deniesInsecureTransport(model, p, bucket, st);
    if (v === 'yes') return { ok: true, reason: `${p.address}: Statement[${i}] denies s3:* to "*" when aws:SecureTransport is false` };
    if (v === 'unknown') unresolved = `${p.address}: Statement[${i}] is unresolvable before deploy`;
  }
  if (unresolved) return { ok: 'unknown', reason: unresolved };
  return { ok: false, reason: `${p.address}: no statement denies s3:* on the objects to "*" when aws:SecureTransport is false` };
}
