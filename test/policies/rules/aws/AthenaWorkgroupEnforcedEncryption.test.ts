import { AthenaWorkgroupEnforcedEncryption } from '../../../../policies/rules/aws/AthenaWorkgroupEnforcedEncryption';
import { cfnModel, judge } from '../../helpers';
import { arn, bucket, key, ref } from './_fixtures';

type Props = Record<string, unknown>;
const workgroup = (config: Props = {}, result: Props = {}, encryption: Props = {}) => ({
  Type: 'AWS::Athena::WorkGroup',
  Properties: {
    Name: 'forensics',
    WorkGroupConfiguration: {
      EnforceWorkGroupConfiguration: true,
      ResultConfiguration: {
        OutputLocation: { 'Fn::Sub': 's3://${Results}/results/' },
        EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: arn('Key'), ...encryption },
        ...result,
      },
      ...config,
    },
  },
});
const verdict = (wg: Props) =>
  judge(AthenaWorkgroupEnforcedEncryption, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Key: key(), Results: bucket(), Workgroup: wg } }), 'Workgroup');

describe('AWS.Athena.WorkgroupEnforcedEncryption', () => {
  it('passes an enforced workgroup encrypting results with SSE_KMS and a key', () => {
    expect(verdict(workgroup())).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/enforces its configuration and encrypts results with "SSE_KMS"/) });
  });

  it('passes CSE_KMS with a key, and "true" as a CloudFormation string', () => {
    expect(verdict(workgroup({ EnforceWorkGroupConfiguration: 'true' }, {}, { EncryptionOption: 'CSE_KMS' })).verdict).toBe('COMPLIANT');
  });

  it('fails EnforceWorkGroupConfiguration false: clients choose their own result settings', () => {
    expect(verdict(workgroup({ EnforceWorkGroupConfiguration: false }))).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/EnforceWorkGroupConfiguration is false/) });
  });

  it('fails EnforceWorkGroupConfiguration absent: CloudFormation documents no default, the console leaves it off', () => {
    expect(verdict(workgroup({ EnforceWorkGroupConfiguration: undefined })).reason).toMatch(/EnforceWorkGroupConfiguration is absent \(not enforced\)/);
  });

  it('fails SSE_S3 results: no key whose use CloudTrail records', () => {
    expect(verdict(workgroup({}, {}, { EncryptionOption: 'SSE_S3', KmsKey: undefined })).reason).toMatch(/the result EncryptionOption is "SSE_S3"/);
  });

  it('fails a workgroup without an EncryptionConfiguration', () => {
    expect(verdict(workgroup({}, { EncryptionConfiguration: undefined })).reason).toMatch(/EncryptionOption is absent/);
  });

  it('fails SSE_KMS without a KmsKey', () => {
    expect(verdict(workgroup({}, {}, { KmsKey: undefined })).reason).toMatch(/"SSE_KMS" names no KmsKey/);
  });

  it('fails a workgroup with no WorkGroupConfiguration at all, naming both', () => {
    const { reason } = verdict({ Type: 'AWS::Athena::WorkGroup', Properties: { Name: 'bare' } });
    expect(reason).toMatch(/EnforceWorkGroupConfiguration is absent.*EncryptionOption is absent/);
  });

  it('is unknown for an EnforceWorkGroupConfiguration parameter without default', () => {
    expect(verdict(workgroup({ EnforceWorkGroupConfiguration: ref('P') })).verdict).toBe('UNKNOWN');
  });

  it('is unknown for an EncryptionOption parameter without default', () => {
    expect(verdict(workgroup({}, {}, { EncryptionOption: ref('P') })).verdict).toBe('UNKNOWN');
  });

  it('is non-compliant, not unknown, when one setting is known bad and another unresolved', () => {
    expect(verdict(workgroup({ EnforceWorkGroupConfiguration: false }, {}, { EncryptionOption: ref('P') })).verdict).toBe('NON_COMPLIANT');
  });
});
