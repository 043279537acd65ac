import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { bucketEncryption, mustUseKms } from '../../facts/aws/evidence';
import { show, valuePresence } from '../../facts/aws/refs';

/**
 * SSE-KMS with a named key. An access-log-only target is exempt: S3 delivers server access logs
 * only into SSE-S3 buckets (AWS.S3.AccessLogTargetDeliverable judges it).
 */
export const S3EvidenceKmsEncryption: Rule = {
  id: 'AWS.S3.EvidenceKmsEncryption',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'An evidence bucket does not encrypt by default with SSE-KMS (aws:kms or aws:kms:dsse) under a named KMS key.',
  rationale:
    'With a customer-managed key, reading evidence needs kms:Decrypt as well as s3:GetObject, every decrypt is itself logged in CloudTrail, and the key policy (not only the bucket policy) decides who can read. SSE-S3 or the aws/s3 key give none of that.',
  fix: 'Use EvidenceBucket (encryptionKey), or set BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault { SSEAlgorithm: aws:kms, KMSMasterKeyID: <key ARN> }.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: [],
  isApplicable: (r, ctx) => mustUseKms(ctx.model, r),
  check: (r, ctx) => {
    const rules = bucketEncryption(ctx.model, r);
    if (isUnresolved(rules)) return unknown(`${r.address}: BucketEncryption is unresolvable before deploy`);
    if (rules.length === 0) return nonCompliant(`${r.address}: BucketEncryption is absent, so S3 uses SSE-S3`);
    let unresolved: string | undefined;
    for (const e of rules) {
      if (isUnresolved(e.algorithm)) {
        unresolved = `${r.address}: SSEAlgorithm is unresolvable before deploy`;
        continue;
      }
      if (e.algorithm !== 'aws:kms' && e.algorithm !== 'aws:kms:dsse') continue;
      const key = valuePresence(ctx.model, e.key, r);
      if (key === 'absent') return nonCompliant(`${r.address}: SSEAlgorithm is ${show(e.algorithm)} without KMSMasterKeyID, so S3 uses the AWS managed aws/s3 key`);
      if (key === 'unknown') unresolved = `${r.address}: KMSMasterKeyID is unresolvable before deploy`;
      else return compliant(`${r.address}: SSEAlgorithm ${show(e.algorithm)} with KMSMasterKeyID set`);
    }
    if (unresolved) return unknown(unresolved);
    return nonCompliant(`${r.address}: SSEAlgorithm is ${rules.map((e) => show(e.algorithm)).join(', ')}, not aws:kms or aws:kms:dsse`);
  },
};
