import { GuardDutyFindingsExport } from '../../../../policies/rules/aws/GuardDutyFindingsExport';
import { cfnModel, judge } from '../../helpers';
import { arn, lockedBucket } from './_fixtures';

const detector = { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true } };
const destination = (detectorId: unknown) => ({ Type: 'AWS::GuardDuty::PublishingDestination', Properties: { DetectorId: detectorId, DestinationType: 'S3', DestinationProperties: { DestinationArn: arn('Findings'), KmsKeyArn: arn('Key') } } });
const verdict = (resources: Record<string, unknown>) => judge(GuardDutyFindingsExport, cfnModel({ Resources: { Detector: detector, Findings: lockedBucket(), ...resources } }), 'Detector');

describe('AWS.GuardDuty.FindingsExport', () => {
  it('is a warning', () => expect(GuardDutyFindingsExport.severity).toBe('warning'));

  it('passes a publishing destination of the detector', () => {
    expect(verdict({ Export: destination({ Ref: 'Detector' }) })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/exported by Export/) });
  });

  it('fires without a publishing destination', () => {
    expect(verdict({}).verdict).toBe('NON_COMPLIANT');
  });

  it('fires when the destination belongs to another detector', () => {
    expect(verdict({ Export: destination('0123456789abcdef0123456789abcdef') }).verdict).toBe('NON_COMPLIANT');
  });
});
