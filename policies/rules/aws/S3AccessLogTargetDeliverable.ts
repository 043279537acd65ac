import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, bucketEncryption, bucketRoles, show } from '../../facts/aws/evidence';

/**
 * S3 server access logs are silently not delivered into a bucket with Object Lock or with SSE-KMS
 * default encryption (S3 User Guide, "Enabling Amazon S3 server access logging" and "Object Lock
 * considerations"). The access-log target is therefore the one evidence store the other S3 rules do
 * not require to be locked or KMS-encrypted; this rule checks it can receive the logs at all.
 */
export const S3AccessLogTargetDeliverable: Rule = {
  id: 'AWS.S3.AccessLogTargetDeliverable',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'A bucket that receives S3 server access logs has Object Lock or SSE-KMS default encryption, so S3 cannot deliver the logs into it.',
  rationale:
    'S3 does not deliver server access logs into a target with Object Lock or SSE-KMS default encryption, and it reports no error: the logs of every source bucket are simply missing when the investigator looks for them. A bucket that mixes access logs with other evidence cannot satisfy both; give access logs their own bucket.',
  fix: 'Use AccessLogBucket (SSE-S3, versioned, no lock, optionally replicated into a locked EvidenceBucket), or point LoggingConfiguration.DestinationBucketName at a bucket with SSEAlgorithm AES256 and without ObjectLockEnabled.',
  evidenceSource: 'storage-data-access',
  nist: 'Collection',
  attack: ['T1530', 'T1619'],
  atlas: [],
  isApplicable: (r, ctx) => bucketRoles(ctx.model, r).has('S3 server access logs'),
  check: (r, ctx) => {
    const sources = bucketRoles(ctx.model, r).get('S3 server access logs')!.map((s) => s.address).join(', ');
    const lock = asBool(ctx.model.get(r, 'ObjectLockEnabled'));
    const enc = bucketEncryption(ctx.model, r);
    if (isUnresolved(lock)) return unknown(`${r.address}: ObjectLockEnabled is unresolvable before deploy`);
    if (isUnresolved(enc) || enc.some((e) => isUnresolved(e.algorithm))) return unknown(`${r.address}: BucketEncryption is unresolvable before deploy`);
    const bad = [
      ...(lock === true ? ['ObjectLockEnabled is true'] : []),
      ...enc.filter((e) => e.algorithm === 'aws:kms' || e.algorithm === 'aws:kms:dsse').map((e) => `SSEAlgorithm is ${show(e.algorithm)}`),
    ];
    if (bad.length > 0) return nonCompliant(`${r.address} receives the server access logs of ${sources} but ${bad.join(' and ')}, so S3 cannot deliver them`);
    return compliant(`${r.address} receives the server access logs of ${sources}: no Object Lock, SSE-S3 default encryption`);
  },
};
