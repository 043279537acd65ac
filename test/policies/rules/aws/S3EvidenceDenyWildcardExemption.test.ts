import { S3EvidenceDenyWildcardExemption } from '../../../../policies/rules/aws/S3EvidenceDenyWildcardExemption';
import { cfnModel, judge, tfModel } from '../../helpers';
import { arn, bucket, lockedBucket, ref, trail } from './_fixtures';

/** The ARN the CDK writes for Role.fromRoleName(stack, 'R', name). */
const roleArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:role/${name}`]] });
/** The lock-change deny of an EvidenceBucket, exempting `exempt` with `operator`. */
const deny = (exempt: unknown, operator = 'ArnNotEquals') => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: ['s3:PutBucketObjectLockConfiguration', 's3:PutObjectRetention', 's3:BypassGovernanceRetention'],
  Resource: [arn('TrailBucket'), { 'Fn::Join': ['', [arn('TrailBucket'), '/*']] }],
  Condition: { [operator]: { 'aws:PrincipalArn': exempt } },
});
const model = (statement: unknown, extra: Record<string, unknown> = {}) =>
  cfnModel({
    Parameters: { P: { Type: 'String' } },
    Resources: {
      TrailBucket: lockedBucket(),
      Trail: trail(),
      Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: ref('TrailBucket'), PolicyDocument: { Version: '2012-10-17', Statement: [statement] } } },
      ...extra,
    },
  });
const verdict = (statement: unknown) => judge(S3EvidenceDenyWildcardExemption, model(statement), 'TrailBucket');

describe('AWS.S3.EvidenceDenyWildcardExemption', () => {
  it('passes a deny that exempts one role, by literal ARN, by a token ARN or by a role of the template', () => {
    expect(verdict(deny('arn:aws:iam::111122223333:role/break-glass'))).toEqual({ verdict: 'COMPLIANT', reason: 'TrailBucket: no Deny statement of Policy exempts more than the principals it names by ARN' });
    expect(verdict(deny(roleArn('break-glass'))).verdict).toBe('COMPLIANT');
    expect(judge(S3EvidenceDenyWildcardExemption, model(deny(arn('Role')), { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } }), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('passes a bucket without a policy and a deny with no exemption', () => {
    expect(judge(S3EvidenceDenyWildcardExemption, cfnModel({ Resources: { TrailBucket: lockedBucket(), Trail: trail() } }), 'TrailBucket').reason).toBe('TrailBucket: no bucket policy of the inputs names it, so no Deny exempts anyone');
    expect(verdict({ ...deny('x'), Condition: { Bool: { 'aws:SecureTransport': 'false' } } }).verdict).toBe('COMPLIANT');
  });

  it('fails a deny exempting a wildcard role name (Role.fromRoleName *: its ARN a token)', () => {
    expect(verdict(deny(roleArn('*')))).toEqual({ verdict: 'NON_COMPLIANT', reason: 'TrailBucket: Policy: Statement[0] ArnNotEquals aws:PrincipalArn "arn:aws:iam::${AWS::AccountId}:role/*" exempts every role the pattern matches from the deny' });
  });

  it('fails each wildcard form: admin-*, ?, a path, a bare *, ArnNotLike, StringNotLike, IfExists', () => {
    for (const [exempt, op] of [
      ['arn:aws:iam::111122223333:role/admin-*', 'ArnNotEquals'],
      ['arn:aws:iam::111122223333:role/admin-?', 'ArnNotLike'],
      ['arn:aws:iam::111122223333:role/ops/*', 'StringNotLike'],
      ['*', 'ArnNotEqualsIfExists'],
    ]) {
      expect(verdict(deny([exempt], op))).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringContaining(`Statement[0] ${op} aws:PrincipalArn ${JSON.stringify(exempt)} exempts`) });
    }
  });

  it('passes a literal comparison (StringNotEquals matches no pattern) and one role\'s sessions by aws:userid', () => {
    expect(verdict(deny('arn:aws:iam::111122223333:role/*', 'StringNotEquals')).verdict).toBe('COMPLIANT');
    expect(verdict({ ...deny('x'), Condition: { StringNotLike: { 'aws:userid': 'AROAEXAMPLEID:*' } } }).verdict).toBe('COMPLIANT');
  });

  it('fails a role of that name in any account, and an account (:root), not one role', () => {
    expect(verdict(deny('arn:aws:iam::*:role/break-glass'))).toEqual({
      verdict: 'NON_COMPLIANT',
      reason: 'TrailBucket: Policy: Statement[0] ArnNotEquals aws:PrincipalArn "arn:aws:iam::*:role/break-glass" exempts a principal of that name in any account from the deny',
    });
    expect(verdict(deny('arn:aws:iam::111122223333:root'))).toEqual({
      verdict: 'NON_COMPLIANT',
      reason: 'TrailBucket: Policy: Statement[0] ArnNotEquals aws:PrincipalArn "arn:aws:iam::111122223333:root" exempts an account (:root), not one role, from the deny',
    });
  });

  it('fails an exemption by account or organization, under any operator, naming the key', () => {
    for (const [op, key] of [
      ['StringNotEquals', 'aws:PrincipalAccount'],
      ['StringNotEqualsIfExists', 'aws:SourceAccount'],
      ['StringNotEquals', 'aws:PrincipalOrgID'],
      ['ForAnyValue:StringNotLike', 'aws:PrincipalOrgPaths'],
      ['StringEquals', 'aws:ResourceAccount'],
    ]) {
      expect(verdict({ ...deny('x'), Condition: { [op]: { [key]: '111122223333' } } })).toEqual({
        verdict: 'NON_COMPLIANT',
        reason: `TrailBucket: Policy: Statement[0] ${op} ${key} exempts by account or organization: every principal that matches escapes the deny`,
      });
    }
  });

  it('fails an exemption by a value the caller sets or many principals share, naming the key', () => {
    for (const [op, key] of [
      ['StringNotEquals', 'aws:PrincipalTag/team'],
      ['StringNotEquals', 'aws:RequestTag/break-glass'],
      ['ForAnyValue:StringNotEquals', 'aws:CalledVia'],
      ['Bool', 'aws:ViaAWSService'],
      ['NotIpAddress', 'aws:SourceIp'],
      ['Null', 'aws:TagKeys'],
      ['Bool', 'aws:SecureTransport'],
    ]) {
      expect(verdict({ ...deny('x'), Condition: { [op]: { [key]: 'true' } } })).toEqual({
        verdict: 'NON_COMPLIANT',
        reason: `TrailBucket: Policy: Statement[0] ${op} ${key} exempts by a value the caller sets or many principals share: every request that matches escapes the deny`,
      });
    }
  });

  it('fails a wildcard aws:userid or aws:username, and a deny that holds only for the principals it names', () => {
    expect(verdict({ ...deny('x'), Condition: { StringNotLike: { 'aws:userid': ['AROA*'] } } }).reason).toBe('TrailBucket: Policy: Statement[0] StringNotLike aws:userid "AROA*" exempts every principal the pattern matches from the deny');
    expect(verdict({ ...deny('x'), Condition: { StringNotLike: { 'aws:username': '*' } } }).reason).toBe('TrailBucket: Policy: Statement[0] StringNotLike aws:username "*" exempts every principal the pattern matches from the deny');
    expect(verdict(deny('arn:aws:iam::111122223333:role/suspect', 'ArnEquals'))).toEqual({
      verdict: 'NON_COMPLIANT',
      reason: 'TrailBucket: Policy: Statement[0] ArnEquals aws:PrincipalArn holds the deny only for the principals it names: every other principal escapes it',
    });
  });

  it('fails NotPrincipal on a Deny, which exempts what it lists', () => {
    const { Principal, ...rest } = deny('x');
    void Principal;
    expect(verdict({ ...rest, Condition: undefined, NotPrincipal: { AWS: ['arn:aws:iam::111122223333:role/break-glass', 'arn:aws:iam::111122223333:root'] } })).toEqual({
      verdict: 'NON_COMPLIANT',
      reason: 'TrailBucket: Policy: Statement[0] NotPrincipal exempts every principal it lists from the deny (an account there may stand for its principals); write the exemption as aws:PrincipalArn with ArnNotEquals instead',
    });
  });

  it('is unknown for a condition key the rule does not judge', () => {
    expect(verdict({ ...deny('x'), Condition: { StringNotEquals: { 's3:x-amz-acl': 'private' } } })).toEqual({
      verdict: 'UNKNOWN',
      reason: 'TrailBucket: Policy: Statement[0] StringNotEquals s3:x-amz-acl is a condition this rule does not judge: whom it exempts from the deny is not known',
    });
  });

  it('passes the TLS denies (Bool aws:SecureTransport false, NumericLessThan s3:TlsVersion: they exempt no principal)', () => {
    const tls = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [arn('TrailBucket')], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    expect(verdict(tls).verdict).toBe('COMPLIANT');
    expect(verdict({ ...tls, Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }).verdict).toBe('COMPLIANT');
  });

  it('is not applicable to a data bucket', () => {
    expect(judge(S3EvidenceDenyWildcardExemption, cfnModel({ Resources: { Data: bucket() } }), 'Data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown when the exempted ARN is a parameter without default', () => {
    expect(verdict(deny({ Ref: 'P' }))).toEqual({ verdict: 'UNKNOWN', reason: 'TrailBucket: Policy: Statement[0] ArnNotEquals aws:PrincipalArn is unresolvable before deploy' });
  });

  it('judges hashicorp/aws bucket policies (jsonencode written out)', () => {
    const policy = (exempt: string) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObjectRetention', Resource: '${aws_s3_bucket.evidence.arn}/*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': exempt } } }] });
    const doc = (exempt: string) =>
      tfModel({
        variable: { x: {} },
        resource: {
          aws_s3_bucket: { evidence: { bucket: 'org-evidence', tags: { 'forensic-evidence-store': 'true' } } },
          aws_s3_bucket_policy: { evidence: { bucket: '${aws_s3_bucket.evidence.id}', policy: policy(exempt) } },
        },
      });
    expect(judge(S3EvidenceDenyWildcardExemption, doc('arn:aws:iam::111122223333:role/break-glass'), 'aws_s3_bucket.evidence').verdict).toBe('COMPLIANT');
    expect(judge(S3EvidenceDenyWildcardExemption, doc('arn:aws:iam::111122223333:role/*'), 'aws_s3_bucket.evidence').verdict).toBe('NON_COMPLIANT');
    expect(judge(S3EvidenceDenyWildcardExemption, doc('${var.x}'), 'aws_s3_bucket.evidence').verdict).toBe('UNKNOWN');
    const byAccount = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObjectRetention', Resource: '${aws_s3_bucket.evidence.arn}/*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } } }] });
    const model = tfModel({
      resource: {
        aws_s3_bucket: { evidence: { bucket: 'org-evidence', tags: { 'forensic-evidence-store': 'true' } } },
        aws_s3_bucket_policy: { evidence: { bucket: '${aws_s3_bucket.evidence.id}', policy: byAccount } },
      },
    });
    expect(judge(S3EvidenceDenyWildcardExemption, model, 'aws_s3_bucket.evidence').reason).toContain('Statement[0] StringNotEquals aws:PrincipalAccount exempts by account or organization');
  });

  it('judges each of several bucket policies of one bucket as if alone, naming them and that only the last applied takes effect', () => {
    const second = (statement: unknown) => ({ ZSecond: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: ref('TrailBucket'), PolicyDocument: { Version: '2012-10-17', Statement: [statement] } } } });
    const preamble = 'TrailBucket: 2 bucket policies name this bucket (Policy, ZSecond); a bucket has one policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: ';
    expect(judge(S3EvidenceDenyWildcardExemption, model(deny('arn:aws:iam::111122223333:role/break-glass'), second(deny(roleArn('*')))), 'TrailBucket')).toEqual({
      verdict: 'NON_COMPLIANT',
      reason: `${preamble}ZSecond: Statement[0] ArnNotEquals aws:PrincipalArn "arn:aws:iam::\${AWS::AccountId}:role/*" exempts every role the pattern matches from the deny`,
    });
    expect(judge(S3EvidenceDenyWildcardExemption, model(deny('arn:aws:iam::111122223333:role/break-glass'), second(deny('arn:aws:iam::111122223333:role/break-glass'))), 'TrailBucket')).toEqual({
      verdict: 'COMPLIANT',
      reason: `${preamble}no Deny statement of Policy, ZSecond exempts more than the principals it names by ARN`,
    });
  });
});
