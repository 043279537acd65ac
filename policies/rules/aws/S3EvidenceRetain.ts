import { Rule, compliant, nonCompliant } from '../../engine/types';
import { isEvidenceBucket, shown } from './_shared';

/** CloudFormation must never delete an evidence bucket, on stack deletion or on replacement. */
export const S3EvidenceRetain: Rule = {
  id: 'AWS.S3.EvidenceRetain',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'An evidence bucket does not have both DeletionPolicy and UpdateReplacePolicy set to Retain.',
  rationale:
    'A stack deletion, or an update that replaces the bucket (a renamed logical id, a changed BucketName), would otherwise delete it. RetainExceptOnCreate is not enough: a failed first deployment can already hold evidence.',
  fix: 'Use EvidenceBucket or AccessLogBucket (RemovalPolicy.RETAIN), or set the resource attributes DeletionPolicy: Retain and UpdateReplacePolicy: Retain.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceBucket(ctx.model, r),
  check: (r) => {
    const del = r.attributes.DeletionPolicy;
    const rep = r.attributes.UpdateReplacePolicy;
    const bad = [
      ...(del === 'Retain' ? [] : [`DeletionPolicy is ${shown(del)}`]),
      ...(rep === 'Retain' ? [] : [`UpdateReplacePolicy is ${shown(rep)}`]),
    ];
    return bad.length === 0 ? compliant(`${r.address}: DeletionPolicy and UpdateReplacePolicy are "Retain"`) : nonCompliant(`${r.address}: ${bad.join(', ')}`);
  },
};
