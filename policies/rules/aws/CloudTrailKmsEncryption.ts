import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { presence } from '../../facts/aws/evidence';

export const CloudTrailKmsEncryption: Rule = {
  id: 'AWS.CloudTrail.KmsEncryption',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::CloudTrail::Trail'],
  description: 'A trail does not encrypt its log files with a KMS key (KMSKeyId is absent).',
  rationale:
    'With SSE-KMS, reading the trail needs kms:Decrypt on a key whose policy the security team controls, and each decrypt is itself recorded; with SSE-S3 anyone who can read the bucket reads the whole audit history.',
  fix: 'Use AuditTrail (encryptionKey, default the destination EvidenceBucket key), or set KMSKeyId to a customer-managed key ARN whose policy allows cloudtrail.amazonaws.com kms:GenerateDataKey*.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002'],
  atlas: [],
  check: (r, ctx) => {
    const p = presence(ctx.model, r, 'KMSKeyId');
    if (p === 'unknown') return unknown(`${r.address}: KMSKeyId is unresolvable before deploy`);
    return p === 'present' ? compliant(`${r.address}: KMSKeyId is set`) : nonCompliant(`${r.address}: KMSKeyId is absent, so log files use SSE-S3`);
  },
};
