import { S3EvidenceVersioning } from '../../../../policies/rules/aws/S3EvidenceVersioning';
import { cfnModel, judge } from '../../helpers';
import { bucket, trail } from './_fixtures';

const model = (props: Record<string, unknown>) => cfnModel({ Parameters: { Status: { Type: 'String' } }, Resources: { TrailBucket: bucket(props), Trail: trail() } });

describe('AWS.S3.EvidenceVersioning', () => {
  it('passes VersioningConfiguration.Status Enabled', () => {
    expect(judge(S3EvidenceVersioning, model({ VersioningConfiguration: { Status: 'Enabled' } }), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('passes a bucket created with Object Lock (S3 versions it for good)', () => {
    expect(judge(S3EvidenceVersioning, model({ ObjectLockEnabled: true }), 'TrailBucket')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/ObjectLockEnabled is true/) });
  });

  it('fails Status Suspended', () => {
    expect(judge(S3EvidenceVersioning, model({ VersioningConfiguration: { Status: 'Suspended' } }), 'TrailBucket')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/"Suspended"/) });
  });

  it('fails an unversioned bucket', () => {
    expect(judge(S3EvidenceVersioning, model({}), 'TrailBucket')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/unversioned/) });
  });

  it('applies to the access-log target too', () => {
    const m = cfnModel({ Resources: { Logs: bucket(), Data: bucket({ LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } }) } });
    expect(judge(S3EvidenceVersioning, m, 'Logs').verdict).toBe('NON_COMPLIANT');
    expect(judge(S3EvidenceVersioning, m, 'Data').verdict).toBe('NOT_APPLICABLE');
  });

  it('treats a LoggingConfiguration without destination as logging into the bucket itself', () => {
    const m = cfnModel({ Resources: { Self: bucket({ LoggingConfiguration: { LogFilePrefix: 'logs/' } }) } });
    expect(judge(S3EvidenceVersioning, m, 'Self').verdict).toBe('NON_COMPLIANT');
  });

  it('is unknown when the status is a parameter without default', () => {
    expect(judge(S3EvidenceVersioning, model({ VersioningConfiguration: { Status: { Ref: 'Status' } } }), 'TrailBucket').verdict).toBe('UNKNOWN');
  });
});
