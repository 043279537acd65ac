import { S3EvidenceKmsEncryption } from '../../../../policies/rules/aws/S3EvidenceKmsEncryption';
import { cfnModel, judge } from '../../helpers';
import { arn, bucket, key, lockedBucket, trail } from './_fixtures';

const enc = (byDefault: Record<string, unknown>) => ({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: byDefault }] } });
const model = (props: Record<string, unknown>) => cfnModel({ Parameters: { Algo: { Type: 'String' }, KeyArn: { Type: 'String' } }, Resources: { TrailBucket: lockedBucket(props), Trail: trail(), Key: key() } });

describe('AWS.S3.EvidenceKmsEncryption', () => {
  it('passes aws:kms with a key', () => {
    expect(judge(S3EvidenceKmsEncryption, model(enc({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arn('Key') })), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('passes aws:kms:dsse with a literal key ARN', () => {
    expect(judge(S3EvidenceKmsEncryption, model(enc({ SSEAlgorithm: 'aws:kms:dsse', KMSMasterKeyID: 'arn:aws:kms:eu-west-1:111122223333:key/1' })), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('fails SSE-S3 (AES256)', () => {
    expect(judge(S3EvidenceKmsEncryption, model(enc({ SSEAlgorithm: 'AES256' })), 'TrailBucket')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/"AES256"/) });
  });

  it('fails aws:kms without KMSMasterKeyID (the aws/s3 key)', () => {
    expect(judge(S3EvidenceKmsEncryption, model(enc({ SSEAlgorithm: 'aws:kms' })), 'TrailBucket').reason).toMatch(/without KMSMasterKeyID/);
  });

  it('fails a bucket without BucketEncryption', () => {
    expect(judge(S3EvidenceKmsEncryption, model({ BucketEncryption: undefined }), 'TrailBucket').reason).toMatch(/BucketEncryption is absent/);
  });

  it('is not applicable to an access-log-only target (it takes SSE-S3)', () => {
    const m = cfnModel({ Resources: { Logs: bucket(enc({ SSEAlgorithm: 'AES256' })), Data: bucket({ LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } }) } });
    expect(judge(S3EvidenceKmsEncryption, m, 'Logs').verdict).toBe('NOT_APPLICABLE');
  });

  it('is not applicable to a data bucket', () => {
    expect(judge(S3EvidenceKmsEncryption, cfnModel({ Resources: { Data: bucket() } }), 'Data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown when the algorithm is a parameter without default', () => {
    expect(judge(S3EvidenceKmsEncryption, model(enc({ SSEAlgorithm: { Ref: 'Algo' } })), 'TrailBucket').verdict).toBe('UNKNOWN');
  });

  it('is unknown when the key is a parameter without default', () => {
    expect(judge(S3EvidenceKmsEncryption, model(enc({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { Ref: 'KeyArn' } })), 'TrailBucket').verdict).toBe('UNKNOWN');
  });
});

describe('AWS.S3.EvidenceKmsEncryption references', () => {
  it('is unknown when KMSMasterKeyID points at a resource that is not in the template', () => {
    const m = cfnModel({ Resources: { TrailBucket: lockedBucket(enc({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arn('Missing') })), Trail: trail() } });
    expect(judge(S3EvidenceKmsEncryption, m, 'TrailBucket').verdict).toBe('UNKNOWN');
  });
});
