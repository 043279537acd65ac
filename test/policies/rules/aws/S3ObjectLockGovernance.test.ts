import { S3ObjectLockGovernance } from '../../../../policies/rules/aws/S3ObjectLockGovernance';
import { cfnModel, judge } from '../../helpers';
import { bucket, lockedBucket, trail } from './_fixtures';

const model = (b: Record<string, unknown>) => cfnModel({ Parameters: { Mode: { Type: 'String' } }, Resources: { TrailBucket: b, Trail: trail() } });
const mode = (m: unknown) => lockedBucket({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: m, Days: 365 } } } });

describe('AWS.S3.ObjectLockGovernance', () => {
  it('is a warning', () => expect(S3ObjectLockGovernance.severity).toBe('warning'));

  it('passes COMPLIANCE mode', () => {
    expect(judge(S3ObjectLockGovernance, model(mode('COMPLIANCE')), 'TrailBucket')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/"COMPLIANCE"/) });
  });

  it('fires on GOVERNANCE mode', () => {
    expect(judge(S3ObjectLockGovernance, model(mode('GOVERNANCE')), 'TrailBucket')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/"GOVERNANCE"/) });
  });

  it('is not applicable without a default retention (ObjectLockCompliance reports that)', () => {
    expect(judge(S3ObjectLockGovernance, model(bucket()), 'TrailBucket').verdict).toBe('NOT_APPLICABLE');
  });

  it('is not applicable to a data bucket', () => {
    expect(judge(S3ObjectLockGovernance, cfnModel({ Resources: { Data: mode('GOVERNANCE') } }), 'Data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown when the mode is a parameter without default', () => {
    expect(judge(S3ObjectLockGovernance, model(mode({ Ref: 'Mode' })), 'TrailBucket').verdict).toBe('UNKNOWN');
  });
});
