import { CloudTrailSageMakerEndpointDataEvents } from '../../../../policies/rules/aws/CloudTrailSageMakerEndpointDataEvents';
import { cfnModel, judge } from '../../helpers';
import { dataSelector, lockedBucket, trail } from './_fixtures';

const EP = 'AWS::SageMaker::Endpoint';
const endpoint = (props: Record<string, unknown> = { EndpointName: 'Fraud-Model' }) => ({ Type: EP, Properties: { EndpointConfigName: 'c', ...props } });
const model = (selectors: unknown, endpointProps?: Record<string, unknown>) =>
  cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Endpoint: endpoint(endpointProps), Other: endpoint({ EndpointName: 'other' }), TrailBucket: lockedBucket(), Trail: trail('TrailBucket', { AdvancedEventSelectors: selectors }) } });
const verdict = (selectors: unknown, endpointProps?: Record<string, unknown>) => judge(CloudTrailSageMakerEndpointDataEvents, model(selectors, endpointProps), 'Endpoint');

describe('AWS.CloudTrail.SageMakerEndpointDataEvents', () => {
  it('passes a selector for every endpoint (what AuditTrail writes by default)', () => {
    expect(verdict([dataSelector(EP)])).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/recorded by Trail AdvancedEventSelectors\[0\]/) });
  });

  it('passes resources.ARN Equals a Ref to the endpoint (its ARN)', () => {
    expect(verdict([dataSelector(EP, { Equals: [{ Ref: 'Endpoint' }] })]).verdict).toBe('COMPLIANT');
  });

  it('passes a literal ARN naming the endpoint, whatever the case', () => {
    expect(verdict([dataSelector(EP, { Equals: ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/fraud-model'] })]).verdict).toBe('COMPLIANT');
  });

  it('passes a Fn::Sub ARN built from the endpoint name attribute', () => {
    const sub = { 'Fn::Sub': 'arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/${Endpoint.EndpointName}' };
    expect(verdict([dataSelector(EP, { Equals: [sub] })], {}).verdict).toBe('COMPLIANT');
  });

  it('passes a StartsWith prefix that stops before the endpoint names', () => {
    expect(verdict([dataSelector(EP, { StartsWith: ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/'] })]).verdict).toBe('COMPLIANT');
  });

  it('fails when the template has no trail', () => {
    expect(judge(CloudTrailSageMakerEndpointDataEvents, cfnModel({ Resources: { Endpoint: endpoint() } }), 'Endpoint').reason).toMatch(/no AWS::CloudTrail::Trail/);
  });

  it('fails a trail with S3 data events only', () => {
    expect(verdict([dataSelector('AWS::S3::Object')])).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/no trail selector with resources.type AWS::SageMaker::Endpoint/) });
  });

  it('fails a selector scoped to another endpoint', () => {
    expect(verdict([dataSelector(EP, { Equals: [{ Ref: 'Other' }] })]).verdict).toBe('NON_COMPLIANT');
  });

  it('fails a selector that excludes the endpoint', () => {
    const { reason } = verdict([dataSelector(EP, { NotEquals: [{ Ref: 'Endpoint' }] })]);
    // The excluded value as the template writes it, not the kit's internal token for it.
    expect(reason).toMatch(/excludes it \(resources\.ARN "\$\{Endpoint\}"\)/);
    expect(reason).not.toMatch(/\{\{/);
  });

  it('fails a selector narrowed by eventName', () => {
    expect(verdict([dataSelector(EP, undefined, [{ Field: 'eventName', Equals: ['InvokeEndpointWithResponseStream'] }])]).reason).toMatch(/narrowed by eventName/);
  });

  it('is unknown for a literal ARN when the endpoint name is generated', () => {
    expect(verdict([dataSelector(EP, { Equals: ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/fraud-model'] })], { EndpointName: undefined }).verdict).toBe('UNKNOWN');
  });

  it('is unknown for an ARN parameter without default', () => {
    expect(verdict([dataSelector(EP, { Equals: [{ Ref: 'P' }] })]).verdict).toBe('UNKNOWN');
  });
});
