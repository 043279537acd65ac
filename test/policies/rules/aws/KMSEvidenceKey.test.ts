import { KMSEvidenceKey } from '../../../../policies/rules/aws/KMSEvidenceKey';
import { cfnModel, judge } from '../../helpers';
import { key, lockedBucket, ref, trail } from './_fixtures';

const verdict = (k: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  judge(KMSEvidenceKey, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Key: k, TrailBucket: lockedBucket(), Trail: trail(), ...extra } }), 'Key');

describe('AWS.KMS.EvidenceKey', () => {
  it('is a warning', () => expect(KMSEvidenceKey.severity).toBe('warning'));

  it('passes a rotated, retained key of an evidence bucket', () => {
    expect(verdict(key()).verdict).toBe('COMPLIANT');
  });

  it('fires without rotation', () => {
    expect(verdict(key({ EnableKeyRotation: false }))).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/EnableKeyRotation is false/) });
  });

  it('fires when CloudFormation may delete the key', () => {
    expect(verdict(key({}, {})).reason).toMatch(/DeletionPolicy is absent, UpdateReplacePolicy is absent/);
  });

  it('finds a key used through an alias', () => {
    const m = cfnModel({
      Resources: {
        Key: key({ EnableKeyRotation: false }),
        Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/evidence', TargetKeyId: ref('Key') } },
        TrailBucket: lockedBucket({ BucketEncryption: undefined }),
        Trail: trail('TrailBucket', { KMSKeyId: ref('Alias') }),
      },
    });
    expect(judge(KMSEvidenceKey, m, 'Key').verdict).toBe('NON_COMPLIANT');
  });

  it('is not applicable to a key that encrypts no evidence', () => {
    const m = cfnModel({ Resources: { Key: key({ EnableKeyRotation: false }), App: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: ref('Key') } } } });
    expect(judge(KMSEvidenceKey, m, 'Key').verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown for a rotation parameter without default', () => {
    expect(verdict(key({ EnableKeyRotation: { Ref: 'P' } })).verdict).toBe('UNKNOWN');
  });
});
