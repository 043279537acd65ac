import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { deniesInsecureTransport, policyStatements } from '../../facts/aws/policy';
import { bucketPolicies, isEvidenceBucket, unplacedBucketPolicies } from '../../facts/aws/evidence';

/** A bucket policy denies every request that does not use TLS. */
export const S3EvidenceTlsOnly: Rule = {
  id: 'AWS.S3.EvidenceTlsOnly',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'No bucket policy of an evidence bucket denies requests made without TLS (aws:SecureTransport false).',
  rationale: 'Evidence read or written over plain HTTP can be read or altered in transit; a Deny on aws:SecureTransport false makes TLS the only way in, for every principal.',
  fix: 'Use EvidenceBucket or AccessLogBucket (enforceSSL), or add an AWS::S3::BucketPolicy for the bucket with a statement { Effect: Deny, Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, <bucket ARN>/*], Condition: { Bool: { aws:SecureTransport: false } } }.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceBucket(ctx.model, r),
  check: (r, ctx) => {
    const policies = bucketPolicies(ctx.model, r);
    if (policies.length === 0 && unplacedBucketPolicies(ctx.model, r).length === 0) return nonCompliant(`${r.address}: no AWS::S3::BucketPolicy references this bucket, so nothing denies aws:SecureTransport false`);
    let unresolved: string | undefined;
    const unplaced = unplacedBucketPolicies(ctx.model, r);
    if (unplaced.length > 0) unresolved = `${unplaced.map((p) => p.address).join(', ')}: Bucket is unresolvable before deploy, so it may be this bucket's policy`;
    for (const p of policies) {
      const statements = policyStatements(ctx.model, p);
      if (isUnresolved(statements)) {
        unresolved = `${p.address}: PolicyDocument.Statement is unresolvable before deploy`;
        continue;
      }
      for (const [i, st] of statements.entries()) {
        const v = deniesInsecureTransport(ctx.model, p, r, st);
        if (v === 'yes') return compliant(`${p.address}: Statement[${i}] denies s3:* to "*" when aws:SecureTransport is false`);
        if (v === 'unknown') unresolved = `${p.address}: Statement[${i}] is unresolvable before deploy`;
      }
    }
    if (unresolved) return unknown(unresolved);
    return nonCompliant(`${r.address}: no statement of ${policies.map((p) => p.address).join(', ')} denies s3:* on the objects to "*" when aws:SecureTransport is false`);
  },
};
