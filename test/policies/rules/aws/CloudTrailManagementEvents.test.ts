import { DEFAULT_RULE_CONFIG } from '../../../../policies/engine/types';
import { CloudTrailManagementEvents } from '../../../../policies/rules/aws/CloudTrailManagementEvents';
import { cfnModel, judge } from '../../helpers';
import { dataSelector, lockedBucket, trail } from './_fixtures';

const MANAGEMENT = { Name: 'management', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const readOnly = (v: string) => ({ Name: 'management', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: [v] }] });
const ENDPOINTS = dataSelector('AWS::SageMaker::Endpoint');
const model = (props: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  cfnModel({ Parameters: { P: { Type: 'String' } }, Conditions: {}, Resources: { TrailBucket: lockedBucket(), Trail: trail('TrailBucket', props), ...more } });
const verdict = (props: Record<string, unknown>, more?: Record<string, unknown>) => judge(CloudTrailManagementEvents, model(props, more), 'Trail');
const ORG = { ...DEFAULT_RULE_CONFIG, context: { aws: { organizationTrail: { trailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org' } } } };

describe('AWS.CloudTrail.ManagementEvents', () => {
  it('passes a trail without selectors (CloudTrail records every management event by default)', () => {
    expect(verdict({})).toEqual({ verdict: 'COMPLIANT', reason: 'Trail: management reads and writes are recorded by Trail no event selectors (every management event, the default)' });
  });

  it('passes an advanced management selector beside data selectors, and a basic selector with the defaults', () => {
    expect(verdict({ AdvancedEventSelectors: [MANAGEMENT, ENDPOINTS] }).reason).toBe('Trail: management reads and writes are recorded by Trail AdvancedEventSelectors[0]');
    expect(verdict({ EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] }).verdict).toBe('COMPLIANT');
    expect(verdict({ EventSelectors: [{ IncludeManagementEvents: 'true', ReadWriteType: 'All' }] }).verdict).toBe('COMPLIANT');
  });

  it('passes reads and writes recorded by two selectors', () => {
    expect(verdict({ AdvancedEventSelectors: [readOnly('true'), readOnly('false')] }).verdict).toBe('COMPLIANT');
  });

  it('fails a trail whose advanced selectors record only data events', () => {
    expect(verdict({ AdvancedEventSelectors: [ENDPOINTS] })).toEqual({ verdict: 'NON_COMPLIANT', reason: 'Trail: no trail of the inputs records every management event; Trail: no selector has eventCategory Management' });
  });

  it('fails management reads only, and writes only', () => {
    expect(verdict({ AdvancedEventSelectors: [readOnly('true'), ENDPOINTS] })).toEqual({ verdict: 'NON_COMPLIANT', reason: 'Trail: only management reads are recorded (Trail AdvancedEventSelectors[0] (reads only))' });
    expect(verdict({ EventSelectors: [{ ReadWriteType: 'WriteOnly' }] }).reason).toBe('Trail: only management writes are recorded (Trail EventSelectors[0] (writes only))');
  });

  it('fails basic selectors with IncludeManagementEvents false', () => {
    expect(verdict({ EventSelectors: [{ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] })).toEqual({
      verdict: 'NON_COMPLIANT',
      reason: 'Trail: no trail of the inputs records every management event; Trail: EventSelectors[0] has IncludeManagementEvents false',
    });
  });

  it('fails a selector that leaves out a service or is narrowed by another field', () => {
    expect(verdict({ EventSelectors: [{ ExcludeManagementEventSources: ['kms.amazonaws.com'] }] }).reason).toBe(
      'Trail: no trail of the inputs records every management event; Trail: EventSelectors[0] records part of them (it leaves out the events of kms.amazonaws.com (ExcludeManagementEventSources))',
    );
    const noKms = { Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] };
    expect(verdict({ AdvancedEventSelectors: [noKms] }).reason).toMatch(/AdvancedEventSelectors\[0\] records part of them \(it leaves out the events of kms\.amazonaws\.com \(eventSource NotEquals\)\)/);
    const byName = { Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventName', Equals: ['CreateUser'] }] };
    expect(verdict({ AdvancedEventSelectors: [byName] })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringContaining('records part of them (it is narrowed by eventName)') });
  });

  it('passes a data-event trail when another trail of the inputs records every management event', () => {
    const m = model({ AdvancedEventSelectors: [ENDPOINTS] }, { Management: trail('TrailBucket', {}) });
    expect(judge(CloudTrailManagementEvents, m, 'Trail')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringContaining('management reads and writes are recorded by Management no event selectors') });
    const reads = model({ AdvancedEventSelectors: [readOnly('true')] }, { Writes: trail('TrailBucket', { AdvancedEventSelectors: [readOnly('false')] }) });
    expect(judge(CloudTrailManagementEvents, reads, 'Trail').verdict).toBe('COMPLIANT');
  });

  it('passes when the evidence context declares an organization trail (it records management events)', () => {
    expect(judge(CloudTrailManagementEvents, model({ AdvancedEventSelectors: [ENDPOINTS] }), 'Trail', ORG)).toEqual({
      verdict: 'COMPLIANT',
      reason: expect.stringMatching(/^Trail: management events are recorded by the organization trail arn:aws:cloudtrail:us-east-1:111122223333:trail\/org \(declared in the evidence context\); this trail: no trail/),
    });
  });

  it('is unknown when the selectors or their values are parameters without default', () => {
    expect(verdict({ AdvancedEventSelectors: { Ref: 'P' } })).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('Trail: its event selectors are unresolvable before deploy') });
    expect(verdict({ EventSelectors: [{ IncludeManagementEvents: { Ref: 'P' } }] }).reason).toContain('EventSelectors[0].IncludeManagementEvents is unresolvable before deploy');
    expect(verdict({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: [{ Ref: 'P' }] }] }] }).verdict).toBe('UNKNOWN');
  });

  it('is unknown, naming the field, when an advanced selector field is a parameter without default', () => {
    const category = [{ Field: 'eventCategory', Equals: ['Management'] }];
    const reason = (fields: unknown) => verdict({ AdvancedEventSelectors: [{ FieldSelectors: fields }] });
    expect(reason({ Ref: 'P' })).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('AdvancedEventSelectors[0].FieldSelectors is unresolvable before deploy') });
    expect(reason([...category, { Field: { Ref: 'P' }, Equals: ['x'] }])).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('AdvancedEventSelectors[0]: a Field name is unresolvable before deploy') });
    expect(reason([...category, { Field: 'readOnly', NotEquals: [{ Ref: 'P' }] }])).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('AdvancedEventSelectors[0]: readOnly is unresolvable before deploy') });
    expect(reason([{ Field: 'eventCategory', Equals: [{ Ref: 'P' }] }])).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('AdvancedEventSelectors[0]: eventCategory is unresolvable before deploy') });
    expect(reason([...category, { Field: 'eventSource', NotEquals: [{ Ref: 'P' }] }])).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('AdvancedEventSelectors[0]: eventSource is unresolvable before deploy') });
  });

  it('is unknown when both basic and advanced selectors are set (CloudTrail takes only one)', () => {
    expect(verdict({ AdvancedEventSelectors: [ENDPOINTS], EventSelectors: [{ ReadWriteType: 'All' }] }).reason).toContain('both EventSelectors and AdvancedEventSelectors are set, and CloudTrail accepts only one of them');
  });
});
