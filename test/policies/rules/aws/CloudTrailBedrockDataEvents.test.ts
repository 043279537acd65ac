import { BEDROCK_DATA_EVENT_TYPES } from '../../../../constructs/core/catalogs';
import { CloudTrailBedrockDataEvents } from '../../../../policies/rules/aws/CloudTrailBedrockDataEvents';
import { cfnModel, judge } from '../../helpers';

const LOGGING = { Type: 'Custom::AWS', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:1:function:f', Create: JSON.stringify({ service: 'Bedrock', action: 'PutModelInvocationLoggingConfiguration', parameters: { loggingConfig: { textDataDeliveryEnabled: true } } }) } };
const data = (types: readonly string[], extra: unknown[] = []) => types.map((t) => ({ Name: t, FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [t] }, ...extra] }));
const trail = (selectors: unknown) => ({ Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'b', AdvancedEventSelectors: selectors } });
const verdict = (resources: Record<string, unknown>, logging: unknown = LOGGING) =>
  judge(CloudTrailBedrockDataEvents, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Logging: logging, ...resources } }), 'Logging');

describe('AWS.CloudTrail.BedrockDataEvents', () => {
  it('passes a trail recording every Bedrock data-event type', () => {
    expect(verdict({ Trail: trail(data(BEDROCK_DATA_EVENT_TYPES)) })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/every Bedrock data-event type/) });
  });

  it('passes the types split over two trails', () => {
    expect(verdict({ A: trail(data(BEDROCK_DATA_EVENT_TYPES.slice(0, 5))), B: trail(data(BEDROCK_DATA_EVENT_TYPES.slice(5))) }).verdict).toBe('COMPLIANT');
  });

  it('fails a trail without the four newer types', () => {
    const r = verdict({ Trail: trail(data(BEDROCK_DATA_EVENT_TYPES.slice(0, 7))) });
    expect(r.verdict).toBe('NON_COMPLIANT');
    for (const t of ['PromptVersion', 'Session', 'FlowExecution', 'Tool']) expect(r.reason).toContain(`AWS::Bedrock::${t}: no trail selector`);
    expect(r.reason).not.toContain('AWS::Bedrock::Model:');
  });

  it('fails selectors narrowed to some resources', () => {
    expect(verdict({ Trail: trail(data(BEDROCK_DATA_EVENT_TYPES, [{ Field: 'resources.ARN', StartsWith: ['arn:aws:bedrock:us-east-1:111122223333:agent-alias/A'] }])) }).reason).toMatch(/AWS::Bedrock::Model: .*records only part of it/);
  });

  it('fails without any trail', () => {
    expect(verdict({}).reason).toMatch(/no AWS::CloudTrail::Trail/);
  });

  it('is unknown for selectors from a parameter without default', () => {
    expect(verdict({ Trail: trail({ Ref: 'P' }) }).verdict).toBe('UNKNOWN');
  });

  it('does not apply where Bedrock invocation logging is not configured', () => {
    expect(verdict({ Trail: trail(data(['AWS::Bedrock::Model'])) }, { Type: 'Custom::AWS', Properties: { Create: JSON.stringify({ service: 'S3', action: 'PutBucketTagging' }) } }).verdict).toBe('NOT_APPLICABLE');
  });
});
