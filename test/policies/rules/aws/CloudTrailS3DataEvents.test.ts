import { CloudTrailS3DataEvents } from '../../../../policies/rules/aws/CloudTrailS3DataEvents';
import { buildModel } from '../../../../policies/engine/loader';
import { loadCloudFormation } from '../../../../policies/engine/load-cloudformation';
import { cfnModel, judge } from '../../helpers';
import { bucket, dataSelector, lockedBucket, objectsArn, trail } from './_fixtures';

const S3 = 'AWS::S3::Object';
const management = { Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const model = (trailProps: Record<string, unknown>, extra: Record<string, unknown> = {}, dataProps: Record<string, unknown> = {}) =>
  cfnModel({
    Parameters: { Prefix: { Type: 'String' }, Sel: { Type: 'String' } },
    Resources: { Data: bucket(dataProps), TrailBucket: lockedBucket(), Trail: trail('TrailBucket', trailProps), ...extra },
  });
const advanced = (...selectors: Record<string, unknown>[]) => ({ AdvancedEventSelectors: [management, ...selectors] });
const verdict = (trailProps: Record<string, unknown>, extra?: Record<string, unknown>, dataProps?: Record<string, unknown>) => judge(CloudTrailS3DataEvents, model(trailProps, extra, dataProps), 'Data');

describe('AWS.CloudTrail.S3DataEvents', () => {
  describe('compliant', () => {
    it('an advanced selector with resources.ARN StartsWith <bucket ARN>/ (what AuditTrail writes)', () => {
      const j = verdict(advanced(dataSelector(S3, { StartsWith: [objectsArn('Data')] })));
      expect(j).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/recorded by Trail AdvancedEventSelectors\[1\]/) });
    });

    it('an advanced selector for all S3 objects that excludes only the trail bucket', () => {
      expect(verdict(advanced(dataSelector(S3, { NotStartsWith: [objectsArn('TrailBucket')] }))).verdict).toBe('COMPLIANT');
    });

    it('a Fn::Sub ARN with the partition pseudo parameter', () => {
      expect(verdict(advanced(dataSelector(S3, { StartsWith: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Data}/' }] }))).verdict).toBe('COMPLIANT');
    });

    it('a literal ARN matching the literal BucketName', () => {
      expect(verdict(advanced(dataSelector(S3, { StartsWith: ['arn:aws:s3:::ml-training-data/'] })), {}, { BucketName: 'ml-training-data' }).verdict).toBe('COMPLIANT');
    });

    it('one selector for reads and one for writes', () => {
      const reads = dataSelector(S3, { StartsWith: [objectsArn('Data')] }, [{ Field: 'readOnly', Equals: ['true'] }]);
      const writes = dataSelector(S3, { StartsWith: [objectsArn('Data')] }, [{ Field: 'readOnly', Equals: ['false'] }]);
      expect(verdict(advanced(reads, writes)).verdict).toBe('COMPLIANT');
    });

    it('a basic EventSelectors DataResources entry for the bucket (what CDK addS3EventSelector writes)', () => {
      const props = { EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All', DataResources: [{ Type: S3, Values: [objectsArn('Data')] }] }] };
      expect(verdict(props).verdict).toBe('COMPLIANT');
    });

    it('a basic selector for every bucket (arn:aws:s3), ReadWriteType defaulting to All', () => {
      expect(verdict({ EventSelectors: [{ DataResources: [{ Type: S3, Values: ['arn:aws:s3'] }] }] }).verdict).toBe('COMPLIANT');
    });

    it('a trail in another stack naming the bucket through Fn::ImportValue (CDK cross-stack reference)', () => {
      const ml = { Resources: { Data: bucket() }, Outputs: { DataArn: { Value: { 'Fn::GetAtt': ['Data', 'Arn'] }, Export: { Name: 'Ml:DataArn' } } } };
      const audit = { Resources: { TrailBucket: lockedBucket(), Trail: trail('TrailBucket', advanced(dataSelector(S3, { StartsWith: [{ 'Fn::Join': ['', [{ 'Fn::ImportValue': 'Ml:DataArn' }, '/']] }] }))) } };
      const m = buildModel([loadCloudFormation(ml, 'Ml.template.json'), loadCloudFormation(audit, 'Audit.template.json')]);
      expect(judge(CloudTrailS3DataEvents, m, 'Data').verdict).toBe('COMPLIANT');
    });

    it('a second trail records the data events while the first records management events only', () => {
      const dataTrail = trail('TrailBucket', advanced(dataSelector(S3, { StartsWith: [objectsArn('Data')] })));
      expect(verdict(advanced(), { DataTrail: dataTrail }).reason).toMatch(/DataTrail AdvancedEventSelectors\[1\]/);
    });
  });

  describe('non-compliant', () => {
    it('the template has no trail', () => {
      expect(judge(CloudTrailS3DataEvents, cfnModel({ Resources: { Data: bucket() } }), 'Data')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/no AWS::CloudTrail::Trail/) });
    });

    it('the trail records management events only', () => {
      expect(verdict(advanced())).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/no trail selector with resources.type AWS::S3::Object records it/) });
    });

    it('the selector names another bucket', () => {
      expect(verdict(advanced(dataSelector(S3, { StartsWith: [objectsArn('Other')] })), { Other: bucket() }).reason).toMatch(/does not name it/);
    });

    it('the selector covers a key prefix only', () => {
      const prefix = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Data', 'Arn'] }, '/train/']] };
      expect(verdict(advanced(dataSelector(S3, { StartsWith: [prefix] }))).reason).toMatch(/only part of it/);
    });

    it('the selector names single objects (resources.ARN Equals)', () => {
      expect(verdict(advanced(dataSelector(S3, { Equals: [objectsArn('Data')] }))).verdict).toBe('NON_COMPLIANT');
    });

    it('the selector records reads only', () => {
      const reads = dataSelector(S3, { StartsWith: [objectsArn('Data')] }, [{ Field: 'readOnly', Equals: ['true'] }]);
      expect(verdict(advanced(reads)).reason).toMatch(/only reads are recorded/);
    });

    it('a basic selector records writes only', () => {
      expect(verdict({ EventSelectors: [{ ReadWriteType: 'WriteOnly', DataResources: [{ Type: S3, Values: ['arn:aws:s3'] }] }] }).reason).toMatch(/only writes are recorded/);
    });

    it('the selector is narrowed by eventName', () => {
      const sel = dataSelector(S3, { StartsWith: [objectsArn('Data')] }, [{ Field: 'eventName', Equals: ['PutObject'] }]);
      expect(verdict(advanced(sel)).reason).toMatch(/narrowed by eventName/);
    });

    it('an all-objects selector excludes the data bucket', () => {
      expect(verdict(advanced(dataSelector(S3, { NotStartsWith: [objectsArn('Data')] }))).reason).toMatch(/excludes it/);
    });

    it('a basic data resource without values', () => {
      expect(verdict({ EventSelectors: [{ DataResources: [{ Type: S3 }] }] }).verdict).toBe('NON_COMPLIANT');
    });

    it('the selector records Lambda, not S3', () => {
      expect(verdict(advanced(dataSelector('AWS::Lambda::Function'))).verdict).toBe('NON_COMPLIANT');
    });
  });

  describe('not applicable', () => {
    it('to an evidence bucket (the trail bucket)', () => {
      expect(judge(CloudTrailS3DataEvents, model(advanced()), 'TrailBucket').verdict).toBe('NOT_APPLICABLE');
    });
  });

  describe('unknown', () => {
    it('a resources.ARN value that is a parameter without default', () => {
      expect(verdict(advanced(dataSelector(S3, { StartsWith: [{ Ref: 'Prefix' }] }))).verdict).toBe('UNKNOWN');
    });

    it('an import whose export is not among the inputs', () => {
      expect(verdict(advanced(dataSelector(S3, { StartsWith: [{ 'Fn::ImportValue': 'Elsewhere:Arn' }] }))).verdict).toBe('UNKNOWN');
    });

    it('selectors behind Fn::If', () => {
      expect(verdict({ AdvancedEventSelectors: { 'Fn::If': ['Prod', [dataSelector(S3)], []] } }).verdict).toBe('UNKNOWN');
    });

    it('an exclusion that is a parameter without default', () => {
      expect(verdict(advanced(dataSelector(S3, { NotStartsWith: [{ Ref: 'Prefix' }] }))).verdict).toBe('UNKNOWN');
    });

    it('a field of an advanced selector that is a parameter without default, naming it', () => {
      const only = (fields: unknown) => verdict({ AdvancedEventSelectors: [management, { FieldSelectors: fields }] });
      const s3 = [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [S3] }];
      expect(only({ Ref: 'Sel' })).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('AdvancedEventSelectors[1].FieldSelectors is unresolvable before deploy') });
      expect(only([...s3, { Field: { Ref: 'Sel' }, Equals: ['x'] }])).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('AdvancedEventSelectors[1]: a Field name is unresolvable before deploy') });
      expect(only([...s3, { Field: 'readOnly', Equals: [{ Ref: 'Sel' }] }])).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('AdvancedEventSelectors[1]: readOnly is unresolvable before deploy') });
      expect(only([{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [{ Ref: 'Sel' }] }])).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('AdvancedEventSelectors[1]: resources.type is unresolvable before deploy') });
    });

    it('but a full match in another selector still passes', () => {
      expect(verdict(advanced(dataSelector(S3, { StartsWith: [{ Ref: 'Prefix' }] }), dataSelector(S3, { StartsWith: [objectsArn('Data')] }))).verdict).toBe('COMPLIANT');
    });
  });
});
