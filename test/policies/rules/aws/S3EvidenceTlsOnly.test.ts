import { S3EvidenceTlsOnly } from '../../../../policies/rules/aws/S3EvidenceTlsOnly';
import { cfnModel, judge } from '../../helpers';
import { bucket, lockedBucket, tlsPolicy, trail } from './_fixtures';

const model = (policy?: Record<string, unknown>, name?: string) =>
  cfnModel({
    Parameters: { Doc: { Type: 'String' } },
    Resources: { TrailBucket: lockedBucket(name ? { BucketName: name } : {}), Trail: trail(), ...(policy ? { Policy: policy } : {}) },
  });

describe('AWS.S3.EvidenceTlsOnly', () => {
  it('passes the Deny on aws:SecureTransport false that CDK enforceSSL writes', () => {
    expect(judge(S3EvidenceTlsOnly, model(tlsPolicy('TrailBucket')), 'TrailBucket')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/Policy: Statement\[0\]/) });
  });

  it('passes Principal "*", Action "*" and a literal object ARN', () => {
    const policy = tlsPolicy('TrailBucket', { Principal: '*', Action: ['*'], Resource: 'arn:aws:s3:::evidence/*' });
    expect(judge(S3EvidenceTlsOnly, model(policy, 'evidence'), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('finds a policy attached by literal bucket name', () => {
    const policy = tlsPolicy('TrailBucket', { Resource: 'arn:aws:s3:::evidence/*' });
    (policy.Properties as Record<string, unknown>).Bucket = 'evidence';
    expect(judge(S3EvidenceTlsOnly, model(policy, 'evidence'), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('fails without a bucket policy', () => {
    expect(judge(S3EvidenceTlsOnly, model(), 'TrailBucket')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/no AWS::S3::BucketPolicy/) });
  });

  it('is unknown, not "no policy", when a policy names its bucket with Fn::Sub over a parameter without default', () => {
    const policy = tlsPolicy('TrailBucket');
    (policy.Properties as Record<string, unknown>).Bucket = { 'Fn::Sub': '${Doc}-evidence' };
    expect(judge(S3EvidenceTlsOnly, model(policy), 'TrailBucket')).toEqual({ verdict: 'UNKNOWN', reason: 'Policy: Bucket is unresolvable before deploy, so it may be this bucket\'s policy' });
  });

  it('fails an Allow statement', () => {
    expect(judge(S3EvidenceTlsOnly, model(tlsPolicy('TrailBucket', { Effect: 'Allow' })), 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('fails a Deny conditioned on aws:SecureTransport true', () => {
    expect(judge(S3EvidenceTlsOnly, model(tlsPolicy('TrailBucket', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('fails a Deny of only some actions', () => {
    expect(judge(S3EvidenceTlsOnly, model(tlsPolicy('TrailBucket', { Action: 's3:PutObject' })), 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('fails a Deny for one principal only', () => {
    expect(judge(S3EvidenceTlsOnly, model(tlsPolicy('TrailBucket', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } })), 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('fails a Deny on the bucket only, not its objects', () => {
    expect(judge(S3EvidenceTlsOnly, model(tlsPolicy('TrailBucket', { Resource: { 'Fn::GetAtt': ['TrailBucket', 'Arn'] } })), 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('is not applicable to a data bucket', () => {
    expect(judge(S3EvidenceTlsOnly, cfnModel({ Resources: { Data: bucket() } }), 'Data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown when the statements are a parameter without default', () => {
    const policy = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'TrailBucket' }, PolicyDocument: { Statement: { Ref: 'Doc' } } } };
    expect(judge(S3EvidenceTlsOnly, model(policy), 'TrailBucket').verdict).toBe('UNKNOWN');
  });

  it('is unknown when the statement resource is unresolvable', () => {
    expect(judge(S3EvidenceTlsOnly, model(tlsPolicy('TrailBucket', { Resource: { Ref: 'Doc' } })), 'TrailBucket').verdict).toBe('UNKNOWN');
  });

  describe('several bucket policies for one bucket (a bucket has one policy; each replaces it)', () => {
    /** The review's repro: a second policy with only an Allow, so the bucket may end with it alone. */
    const allowOnly = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'TrailBucket' },
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['TrailBucket', 'Arn'] }, '/*']] } }] },
      },
    };
    const twoPolicies = (second: Record<string, unknown>) =>
      cfnModel({ Resources: { TrailBucket: lockedBucket(), Trail: trail(), Policy: tlsPolicy('TrailBucket'), ZSecondPolicy: second } });

    it('fails when one of them alone does not deny insecure transport, naming both and that the last applied wins', () => {
      expect(judge(S3EvidenceTlsOnly, twoPolicies(allowOnly), 'TrailBucket')).toEqual({
        verdict: 'NON_COMPLIANT',
        reason:
          'TrailBucket: 2 bucket policies name this bucket (Policy, ZSecondPolicy); a bucket has one policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: ZSecondPolicy: no statement denies s3:* on the objects to "*" when aws:SecureTransport is false',
      });
    });

    it('passes when each of them alone denies insecure transport, naming each', () => {
      expect(judge(S3EvidenceTlsOnly, twoPolicies(tlsPolicy('TrailBucket')), 'TrailBucket')).toEqual({
        verdict: 'COMPLIANT',
        reason:
          'TrailBucket: 2 bucket policies name this bucket (Policy, ZSecondPolicy); a bucket has one policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: Policy: Statement[0] denies s3:* to "*" when aws:SecureTransport is false; ZSecondPolicy: Statement[0] denies s3:* to "*" when aws:SecureTransport is false',
      });
    });

    it('is unknown when one of them alone cannot be judged and none fails', () => {
      const second = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'TrailBucket' }, PolicyDocument: { Statement: { Ref: 'Doc' } } } };
      const m = cfnModel({ Parameters: { Doc: { Type: 'String' } }, Resources: { TrailBucket: lockedBucket(), Trail: trail(), Policy: tlsPolicy('TrailBucket'), ZSecondPolicy: second } });
      expect(judge(S3EvidenceTlsOnly, m, 'TrailBucket')).toEqual({
        verdict: 'UNKNOWN',
        reason:
          'TrailBucket: 2 bucket policies name this bucket (Policy, ZSecondPolicy); a bucket has one policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: ZSecondPolicy: PolicyDocument.Statement is unresolvable before deploy',
      });
    });

    it('is unknown when a policy whose Bucket only the deploy knows may replace a passing one and fails alone', () => {
      const unplaced = { ...allowOnly, Properties: { ...allowOnly.Properties, Bucket: { 'Fn::Sub': '${Doc}-evidence' } } };
      const m = cfnModel({ Parameters: { Doc: { Type: 'String' } }, Resources: { TrailBucket: lockedBucket(), Trail: trail(), Policy: tlsPolicy('TrailBucket'), ZSecondPolicy: unplaced } });
      expect(judge(S3EvidenceTlsOnly, m, 'TrailBucket')).toEqual({
        verdict: 'UNKNOWN',
        reason:
          'ZSecondPolicy: Bucket is unresolvable before deploy, so it may be this bucket\'s policy, and it may be applied after Policy and replace it: ZSecondPolicy: no statement denies s3:* on the objects to "*" when aws:SecureTransport is false',
      });
    });

    it('passes a placed policy when a policy whose Bucket only the deploy knows also denies insecure transport alone', () => {
      const unplaced = tlsPolicy('TrailBucket');
      (unplaced.Properties as Record<string, unknown>).Bucket = { 'Fn::Sub': '${Doc}-evidence' };
      const m = cfnModel({ Parameters: { Doc: { Type: 'String' } }, Resources: { TrailBucket: lockedBucket(), Trail: trail(), Policy: tlsPolicy('TrailBucket'), ZSecondPolicy: unplaced } });
      expect(judge(S3EvidenceTlsOnly, m, 'TrailBucket')).toEqual({ verdict: 'COMPLIANT', reason: 'Policy: Statement[0] denies s3:* to "*" when aws:SecureTransport is false' });
    });
  });
});
