import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, isEvidenceKey, show } from '../../facts/aws/evidence';

/**
 * Keys that encrypt evidence: named by an evidence bucket's default encryption, a trail, an evidence
 * log group, SageMaker data capture or a GuardDuty findings export (directly or through an alias).
 */
export const KMSEvidenceKey: Rule = {
  id: 'AWS.KMS.EvidenceKey',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::KMS::Key'],
  description: 'A KMS key that encrypts evidence is not rotated (EnableKeyRotation) or is not retained by CloudFormation (DeletionPolicy and UpdateReplacePolicy Retain).',
  rationale:
    'Deleting the key makes every object it encrypted unreadable for good: locked evidence is destroyed without touching the bucket. Rotation limits what one exposed key version protects.',
  fix: 'Use EvidenceBucket (its key rotates and is retained), or set EnableKeyRotation: true and the resource attributes DeletionPolicy: Retain, UpdateReplacePolicy: Retain on the AWS::KMS::Key (Terraform: enable_key_rotation = true and lifecycle { prevent_destroy = true }).',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1486', 'T1490'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceKey(ctx.model, r),
  check: (r, ctx) => {
    const raw = ctx.model.get(r, 'EnableKeyRotation');
    const rotation = asBool(raw);
    const bad = [
      ...(rotation === true || isUnresolved(rotation) ? [] : [`EnableKeyRotation is ${show(raw)}`]),
      ...(r.attributes.DeletionPolicy === 'Retain' || isUnresolved(r.attributes.DeletionPolicy) ? [] : [`DeletionPolicy is ${show(r.attributes.DeletionPolicy)}`]),
      ...(r.attributes.UpdateReplacePolicy === 'Retain' || isUnresolved(r.attributes.UpdateReplacePolicy) ? [] : [`UpdateReplacePolicy is ${show(r.attributes.UpdateReplacePolicy)}`]),
    ];
    if (bad.length > 0) return nonCompliant(`${r.address}: ${bad.join(', ')}`);
    if (isUnresolved(rotation)) return unknown(`${r.address}: EnableKeyRotation is unresolvable before deploy`);
    if (isUnresolved(r.attributes.DeletionPolicy)) return unknown(`${r.address}: whether the key survives a destroy is not recorded here (a Terraform plan does not state lifecycle.prevent_destroy)`);
    return compliant(`${r.address}: rotated and retained`);
  },
};
