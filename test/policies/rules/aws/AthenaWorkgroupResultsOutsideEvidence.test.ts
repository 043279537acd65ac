import { AthenaWorkgroupResultsOutsideEvidence } from '../../../../policies/rules/aws/AthenaWorkgroupResultsOutsideEvidence';
import { cfnModel, judge } from '../../helpers';
import { arn, bucket, key, lockedBucket, ref, trail } from './_fixtures';

const workgroup = (outputLocation: unknown) => ({
  Type: 'AWS::Athena::WorkGroup',
  Properties: {
    Name: 'forensics',
    WorkGroupConfiguration: {
      EnforceWorkGroupConfiguration: true,
      ResultConfiguration: { ...(outputLocation === undefined ? {} : { OutputLocation: outputLocation }), EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: arn('Key') } },
    },
  },
});
const verdict = (outputLocation: unknown) =>
  judge(
    AthenaWorkgroupResultsOutsideEvidence,
    cfnModel({
      Parameters: { P: { Type: 'String' } },
      Resources: { Key: key(), Evidence: lockedBucket(), Results: bucket(), Trail: trail('Evidence'), Workgroup: workgroup(outputLocation) },
    }),
    'Workgroup',
  );

describe('AWS.Athena.WorkgroupResultsOutsideEvidence', () => {
  it('passes results written into a bucket of their own', () => {
    expect(verdict({ 'Fn::Sub': 's3://${Results}/results/' })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/into Results, not an evidence store/) });
  });

  it('passes results written to a bucket outside the checked templates, naming it', () => {
    expect(verdict('s3://analyst-results-elsewhere/q/')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/analyst-results-elsewhere/) });
  });

  it("fails results written into the trail's evidence bucket", () => {
    expect(verdict({ 'Fn::Sub': 's3://${Evidence}/athena/' })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/results go into Evidence, an evidence store/) });
  });

  it('is not applicable to a workgroup without an OutputLocation', () => {
    expect(verdict(undefined).verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown for an OutputLocation parameter without default', () => {
    expect(verdict(ref('P')).verdict).toBe('UNKNOWN');
  });
});
