import { S3ObjectLockGovernance } from '../../../../policies/rules/aws/S3ObjectLockGovernance';
import { DEFAULT_RULE_CONFIG, RuleConfig } from '../../../../policies/engine/types';
import { cfnModel, judge, tfModel } from '../../helpers';
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

  describe('a central store the evidence context declares', () => {
    const declared = (lock: string): RuleConfig => ({ ...DEFAULT_RULE_CONFIG, context: { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::org-evidence', lock: lock as never, retentionDays: 3653 }] } } });
    const writers = () =>
      cfnModel({
        Resources: {
          Trail: trail('TrailBucket', { S3BucketName: 'org-evidence' }),
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
          Flow: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::org-evidence/flows/' } },
          Capture: { Type: 'AWS::SageMaker::EndpointConfig', Properties: { ProductionVariants: [], DataCaptureConfig: { DestinationS3Uri: 's3://org-evidence/capture', InitialSamplingPercentage: 100, CaptureOptions: [{ CaptureMode: 'Input' }] } } },
          Local: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::someone-else/' } },
        },
      });

    it.each(['Trail', 'Flow', 'Capture'])('warns on %s writing into a store declared GOVERNANCE, as on a bucket of the inputs', (id) => {
      expect(judge(S3ObjectLockGovernance, writers(), id, declared('GOVERNANCE'))).toEqual({ verdict: 'NON_COMPLIANT', reason: `${id} writes into arn:aws:s3:::org-evidence, declared in the evidence context with Object Lock GOVERNANCE (reversible soak mode)` });
    });

    it('judges hashicorp/aws Terraform alike: aws_cloudtrail into a store declared GOVERNANCE warns', () => {
      const m = tfModel({ resource: { aws_cloudtrail: { org: { name: 'org', s3_bucket_name: 'org-evidence', is_multi_region_trail: true } } } });
      expect(judge(S3ObjectLockGovernance, m, 'aws_cloudtrail.org', declared('GOVERNANCE'))).toEqual({ verdict: 'NON_COMPLIANT', reason: 'aws_cloudtrail.org writes into arn:aws:s3:::org-evidence, declared in the evidence context with Object Lock GOVERNANCE (reversible soak mode)' });
      expect(judge(S3ObjectLockGovernance, m, 'aws_cloudtrail.org', declared('COMPLIANCE')).verdict).toBe('COMPLIANT');
    });

    it('passes a store declared COMPLIANCE; a producer writing into no declared store, or with nothing declared, is not judged here', () => {
      expect(judge(S3ObjectLockGovernance, writers(), 'Trail', declared('COMPLIANCE')).verdict).toBe('COMPLIANT');
      expect(judge(S3ObjectLockGovernance, writers(), 'Local', declared('GOVERNANCE')).verdict).toBe('NOT_APPLICABLE');
      expect(judge(S3ObjectLockGovernance, writers(), 'Trail').verdict).toBe('NOT_APPLICABLE');
    });
  });
});
