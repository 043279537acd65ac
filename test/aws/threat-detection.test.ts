import { EvidenceBucket, ThreatDetection } from '../../constructs/aws';
import { WARNINGS } from '../../constructs/core';
import { newStack, only, refusal, stringParameter, template, warnings } from './helpers';

function setup() {
  const stack = newStack();
  const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
  return { stack, evidence };
}

describe('ThreatDetection', () => {
  test('defaults: a detector with S3 protection and runtime monitoring with managed agents, every 15 minutes', () => {
    const { stack, evidence } = setup();
    new ThreatDetection(stack, 'Td', { destination: evidence });
    const p = only(template(stack), 'AWS::GuardDuty::Detector').Properties;
    expect(p.Enable).toBe(true);
    expect(p.FindingPublishingFrequency).toBe('FIFTEEN_MINUTES');
    expect(p.DataSources).toBeUndefined();
    expect(p.Features).toEqual([
      { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
      {
        Name: 'RUNTIME_MONITORING',
        Status: 'ENABLED',
        AdditionalConfiguration: [
          { Name: 'EKS_ADDON_MANAGEMENT', Status: 'ENABLED' },
          { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' },
          { Name: 'EC2_AGENT_MANAGEMENT', Status: 'ENABLED' },
        ],
      },
    ]);
  });

  test('defaults: findings exported into the evidence bucket with its key, after the policies allow it', () => {
    const { stack, evidence } = setup();
    new ThreatDetection(stack, 'Td', { destination: evidence });
    const t = template(stack);
    const dest = only(t, 'AWS::GuardDuty::PublishingDestination');
    expect(dest.Properties.DestinationType).toBe('S3');
    expect(dest.Properties.DetectorId).toEqual({ Ref: expect.stringMatching(/^Td/) });
    expect(dest.Properties.DestinationProperties.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Evidence/), 'Arn'] });
    expect(dest.Properties.DestinationProperties.KmsKeyArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceKey/), 'Arn'] });
    const [policyId] = Object.keys(t.findResources('AWS::S3::BucketPolicy'));
    expect(dest.DependsOn).toContain(policyId);
    const statements = (Object.values(t.findResources('AWS::S3::BucketPolicy'))[0] as any).Properties.PolicyDocument.Statement as any[];
    expect(statements.map((s) => s.Sid)).toEqual(expect.arrayContaining(['AllowGuardDutyGetBucketLocation', 'AllowGuardDutyPutFindings']));
  });

  test('adopts an existing detector: no detector created, the export points at it', () => {
    const { stack, evidence } = setup();
    new ThreatDetection(stack, 'Td', { destination: evidence, existingDetectorId: 'abcdef0123456789abcdef0123456789' });
    const t = template(stack);
    t.resourceCountIs('AWS::GuardDuty::Detector', 0);
    expect(only(t, 'AWS::GuardDuty::PublishingDestination').Properties.DetectorId).toBe('abcdef0123456789abcdef0123456789');
  });

  test('switching features off disables them and warns for each', () => {
    const { stack, evidence } = setup();
    new ThreatDetection(stack, 'Td', { destination: evidence, s3ProtectionEnabled: false, runtimeMonitoringEnabled: false });
    const features = only(template(stack), 'AWS::GuardDuty::Detector').Properties.Features as any[];
    expect(features.map((f) => f.Status)).toEqual(['DISABLED', 'DISABLED']);
    expect(warnings(stack).filter((w) => w.includes(WARNINGS.WEAKENED_DEFAULT) && w.includes('TestStack/Td'))).toHaveLength(2);
  });

  test('feature props with an adopted detector are ignored, with a warning', () => {
    const { stack, evidence } = setup();
    new ThreatDetection(stack, 'Td', { destination: evidence, existingDetectorId: 'abcdef0123456789abcdef0123456789', s3ProtectionEnabled: true });
    expect(warnings(stack).join('\n')).toContain('adopted detector');
  });

  test('fails when the adopted detector id is malformed', () => {
    const { stack, evidence } = setup();
    expect(() => new ThreatDetection(stack, 'Td', { destination: evidence, existingDetectorId: 'not-a-detector' })).toThrow(/existingDetectorId must be a GuardDuty detector id/);
  });

  test.each([
    ['destination', {}],
    ['destination', { destination: 'arn:aws:s3:::evidence' }],
    ['s3ProtectionEnabled', { s3ProtectionEnabled: 'false' }],
    ['runtimeMonitoringEnabled', { runtimeMonitoringEnabled: 0 }],
    ['existingDetectorId', { existingDetectorId: 5 }],
  ])('fails when %s is missing or has the wrong type', (prop, props) => {
    const { stack, evidence } = setup();
    const given = { destination: evidence, ...props };
    expect(refusal(() => new ThreatDetection(stack, 'Td', (Object.keys(props).length === 0 ? {} : given) as any)).prop).toBe(prop);
  });

  test('a token detector id reaches the findings export unchanged', () => {
    const { stack, evidence } = setup();
    new ThreatDetection(stack, 'Td', { destination: evidence, existingDetectorId: stringParameter(stack) });
    expect(only(template(stack), 'AWS::GuardDuty::PublishingDestination').Properties.DetectorId).toEqual({ Ref: 'Name' });
  });
});
