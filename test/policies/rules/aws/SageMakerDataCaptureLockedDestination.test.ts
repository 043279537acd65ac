import { SageMakerDataCaptureLockedDestination } from '../../../../policies/rules/aws/SageMakerDataCaptureLockedDestination';
import { cfnModel, judge } from '../../helpers';
import { bucket, endpointConfig, key, lockedBucket } from './_fixtures';

const verdict = (capture: Record<string, unknown> | null, b: Record<string, unknown> = lockedBucket()) =>
  judge(SageMakerDataCaptureLockedDestination, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Key: key(), CaptureBucket: b, Config: endpointConfig(capture) } }), 'Config');

describe('AWS.SageMaker.DataCaptureLockedDestination', () => {
  it('passes capture into a locked bucket (Fn::Join s3:// + Ref, as SageMakerAudit writes it)', () => {
    expect(verdict({})).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/Config captures into CaptureBucket: Object Lock COMPLIANCE/) });
  });

  it('passes a Fn::Sub URI', () => {
    expect(verdict({ DestinationS3Uri: { 'Fn::Sub': 's3://${CaptureBucket}/capture/' } }).verdict).toBe('COMPLIANT');
  });

  it('passes a literal URI naming a locked bucket of the template', () => {
    expect(verdict({ DestinationS3Uri: 's3://ml-capture/endpoint-a' }, lockedBucket({ BucketName: 'ml-capture' })).verdict).toBe('COMPLIANT');
  });

  it('fails capture into an unlocked bucket', () => {
    expect(verdict({}, bucket()).reason).toMatch(/ObjectLockEnabled is absent/);
  });

  it('is unknown for a literal URI that names no bucket of the template', () => {
    expect(verdict({ DestinationS3Uri: 's3://somewhere-else/capture' })).toEqual({ verdict: 'UNKNOWN', reason: expect.stringMatching(/"s3:\/\/somewhere-else\/capture", which names no bucket/) });
  });

  it('is unknown for a parameter without default', () => {
    expect(verdict({ DestinationS3Uri: { Ref: 'P' } }).verdict).toBe('UNKNOWN');
  });

  it('is not applicable without data capture', () => {
    expect(verdict(null).verdict).toBe('NOT_APPLICABLE');
  });
});
