import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { isEvidenceBucket, show } from '../../facts/aws/evidence';

/** CloudFormation must never delete an evidence bucket, on stack deletion or on replacement. */
export const S3EvidenceRetain: Rule = {
  id: 'AWS.S3.EvidenceRetain',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'An evidence bucket does not have both DeletionPolicy and UpdateReplacePolicy set to Retain.',
  rationale:
    'A stack deletion, or an update that replaces the bucket (a renamed logical id, a changed BucketName), would otherwise delete it. RetainExceptOnCreate is not enough: a failed first deployment can already hold evidence.',
  fix: 'Use EvidenceBucket or AccessLogBucket (RemovalPolicy.RETAIN), or set the resource attributes DeletionPolicy: Retain and UpdateReplacePolicy: Retain (Terraform: lifecycle { prevent_destroy = true } and no force_destroy).',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceBucket(ctx.model, r),
  check: (r) => {
    const del = r.attributes.DeletionPolicy;
    const rep = r.attributes.UpdateReplacePolicy;
    const bad = [
      ...(del === 'Retain' ? [] : [`DeletionPolicy is ${show(del)}`]),
      ...(rep === 'Retain' ? [] : [`UpdateReplacePolicy is ${show(rep)}`]),
    ];
    if (bad.length > 0 && (isUnresolved(del) || isUnresolved(rep))) return unknown(`${r.address}: whether the bucket survives a destroy is not recorded here (a Terraform plan does not state lifecycle.prevent_destroy); check the configuration`);
    return bad.length === 0 ? compliant(`${r.address}: DeletionPolicy and UpdateReplacePolicy are "Retain"`) : nonCompliant(`${r.address}: ${bad.join(', ')}`);
  },
};
