import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { coverage, endpointMatcher } from '../../facts/aws/selectors';

/** Judged on each AWS::SageMaker::Endpoint: some trail of the template records its invocations. */
export const CloudTrailSageMakerEndpointDataEvents: Rule = {
  id: 'AWS.CloudTrail.SageMakerEndpointDataEvents',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::SageMaker::Endpoint'],
  description: 'No trail of the template records data events of a SageMaker endpoint (advanced selector with resources.type AWS::SageMaker::Endpoint).',
  rationale:
    'InvokeEndpoint calls are data events, recorded only by an advanced event selector. Without them an investigator of model extraction cannot tell which principal invoked the endpoint, from where and how often. Which invoke APIs the type records differs between the CloudTrail and SageMaker docs: test it in your account.',
  fix: 'Use AuditTrail (dataEvents.sageMakerEndpoints, on by default), or add to a trail an AdvancedEventSelectors entry { eventCategory Equals [Data], resources.type Equals [AWS::SageMaker::Endpoint] } (optionally resources.ARN naming this endpoint).',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0024', 'AML.T0040', 'AML.T0034', 'AML.T0029'],
  check: (r, ctx) => {
    const org = ctx.config.context?.aws?.organizationTrail;
    if (org?.sageMakerDataEvents) return compliant(`${r.address}: recorded by the organization trail ${org.trailArn} (declared in the evidence context)`);
    const trails = ctx.model.ofType('AWS::CloudTrail::Trail');
    if (trails.length === 0) return nonCompliant(`${r.address}: the inputs have no AWS::CloudTrail::Trail, so no endpoint data events are recorded${org ? ` (the organization trail ${org.trailArn} declared in the evidence context does not record them)` : ' (if an organization trail records them, declare it in the evidence context)'}`);
    const c = coverage(ctx.model, trails, 'AWS::SageMaker::Endpoint', endpointMatcher(ctx.model, r));
    const reason = `${r.address}: ${c.reason}`;
    return c.covers === true ? compliant(reason) : c.covers === 'unknown' ? unknown(reason) : nonCompliant(reason);
  },
};
