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

  it('passes an ARN naming the endpoint in the deploy\'s own region and account, whatever the case', () => {
    const sub = { 'Fn::Sub': 'arn:aws:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/fraud-model' };
    expect(verdict([dataSelector(EP, { Equals: [sub] })]).verdict).toBe('COMPLIANT');
  });

  it('is UNKNOWN for an ARN naming the endpoint in a literal region or account: the template does not say where it deploys (another account\'s endpoint of that name is not this one)', () => {
    for (const arn of ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/fraud-model', 'arn:aws:sagemaker:ap-south-1:999999999999:endpoint/Fraud-Model']) {
      expect([arn, verdict([dataSelector(EP, { Equals: [arn] })]).verdict]).toEqual([arn, 'UNKNOWN']);
    }
    // A literal ARN of another name stays a miss.
    expect(verdict([dataSelector(EP, { Equals: ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/other'] })]).verdict).toBe('NON_COMPLIANT');
  });

  it('passes a Fn::Sub ARN built from the endpoint name attribute', () => {
    const sub = { 'Fn::Sub': 'arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/${Endpoint.EndpointName}' };
    expect(verdict([dataSelector(EP, { Equals: [sub] })], {}).verdict).toBe('COMPLIANT');
  });

  it('passes a StartsWith prefix that stops before the endpoint names, of the deploy\'s region and account; a literal one is UNKNOWN', () => {
    expect(verdict([dataSelector(EP, { StartsWith: [{ 'Fn::Sub': 'arn:aws:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/' }] })]).verdict).toBe('COMPLIANT');
    expect(verdict([dataSelector(EP, { StartsWith: ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/'] })]).verdict).toBe('UNKNOWN');
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
