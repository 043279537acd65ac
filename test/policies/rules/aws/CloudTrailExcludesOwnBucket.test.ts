import { CloudTrailExcludesOwnBucket } from '../../../../policies/rules/aws/CloudTrailExcludesOwnBucket';
import { cfnModel, judge } from '../../helpers';
import { bucket, dataSelector, lockedBucket, objectsArn, trail } from './_fixtures';

const S3 = 'AWS::S3::Object';
const model = (trailProps: Record<string, unknown>, trailBucketProps: Record<string, unknown> = {}) =>
  cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Data: bucket(), TrailBucket: lockedBucket(trailBucketProps), Trail: trail('TrailBucket', trailProps) } });
const verdict = (trailProps: Record<string, unknown>, trailBucketProps?: Record<string, unknown>) => judge(CloudTrailExcludesOwnBucket, model(trailProps, trailBucketProps), 'Trail');
const advanced = (...s: Record<string, unknown>[]) => ({ AdvancedEventSelectors: s });

describe('AWS.CloudTrail.ExcludesOwnBucket', () => {
  it('passes a selector scoped to the data buckets', () => {
    expect(verdict(advanced(dataSelector(S3, { StartsWith: [objectsArn('Data')] })))).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/exclude its own bucket TrailBucket/) });
  });

  it('passes a selector for all S3 objects with NotStartsWith the trail bucket', () => {
    expect(verdict(advanced(dataSelector(S3, { NotStartsWith: [objectsArn('TrailBucket')] }))).verdict).toBe('COMPLIANT');
  });

  it('passes an exclusion written as a literal ARN without the trailing slash', () => {
    expect(verdict(advanced(dataSelector(S3, { NotStartsWith: ['arn:aws:s3:::org-trail'] })), { BucketName: 'org-trail' }).verdict).toBe('COMPLIANT');
  });

  it('passes for a trail bucket outside the template, excluded by its literal name', () => {
    expect(verdict({ S3BucketName: 'central-archive', ...advanced(dataSelector(S3, { NotStartsWith: ['arn:aws:s3:::central-archive/'] })) }).verdict).toBe('COMPLIANT');
  });

  it('fails a selector for all S3 objects without an exclusion', () => {
    expect(verdict(advanced(dataSelector(S3)))).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/AdvancedEventSelectors\[0\] records S3 data events of its own bucket TrailBucket/) });
  });

  it('fails an exclusion of another bucket only', () => {
    expect(verdict(advanced(dataSelector(S3, { NotStartsWith: [objectsArn('Data')] }))).verdict).toBe('NON_COMPLIANT');
  });

  it('fails a basic selector for every bucket (basic selectors cannot exclude)', () => {
    expect(verdict({ EventSelectors: [{ DataResources: [{ Type: S3, Values: ['arn:aws:s3:::'] }] }] }).verdict).toBe('NON_COMPLIANT');
  });

  it('fails a selector that names the trail bucket', () => {
    expect(verdict(advanced(dataSelector(S3, { StartsWith: [objectsArn('Data'), objectsArn('TrailBucket')] }))).verdict).toBe('NON_COMPLIANT');
  });

  it('fails a selector for a prefix inside the trail bucket', () => {
    const prefix = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['TrailBucket', 'Arn'] }, '/AWSLogs/']] };
    expect(verdict(advanced(dataSelector(S3, { StartsWith: [prefix] }))).verdict).toBe('NON_COMPLIANT');
  });

  it('is not applicable to a trail without S3 data events', () => {
    expect(verdict(advanced({ Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }, dataSelector('AWS::SageMaker::Endpoint'))).verdict).toBe('NOT_APPLICABLE');
    expect(verdict({}).verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown when the trail bucket is a parameter without default', () => {
    expect(verdict({ S3BucketName: { Ref: 'P' }, ...advanced(dataSelector(S3)) }).verdict).toBe('UNKNOWN');
  });

  it('is unknown when a selector ARN is a parameter without default', () => {
    expect(verdict(advanced(dataSelector(S3, { StartsWith: [{ Ref: 'P' }] }))).verdict).toBe('UNKNOWN');
  });
});
