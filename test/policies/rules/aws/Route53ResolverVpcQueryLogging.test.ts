import { Route53ResolverVpcQueryLogging } from '../../../../policies/rules/aws/Route53ResolverVpcQueryLogging';
import { cfnModel, judge } from '../../helpers';
import { arn, lockedBucket, ref, vpc } from './_fixtures';

const config = { Type: 'AWS::Route53Resolver::ResolverQueryLoggingConfig', Properties: { DestinationArn: arn('DnsBucket') } };
const assoc = (props: Record<string, unknown>) => ({ Type: 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', Properties: props });
const verdict = (resources: Record<string, unknown>) =>
  judge(Route53ResolverVpcQueryLogging, cfnModel({ Parameters: { Id: { Type: 'String' } }, Resources: { Vpc: vpc(), DnsBucket: lockedBucket(), Config: config, ...resources } }), 'Vpc');

describe('AWS.Route53Resolver.VpcQueryLogging', () => {
  it('passes a VPC associated with a query logging config', () => {
    expect(verdict({ Assoc: assoc({ ResolverQueryLogConfigId: ref('Config'), ResourceId: ref('Vpc') }) })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/by Assoc/) });
  });

  it('passes an association to a config id from outside the template', () => {
    expect(verdict({ Assoc: assoc({ ResolverQueryLogConfigId: 'rqlc-0123456789abcdef', ResourceId: ref('Vpc') }) }).verdict).toBe('COMPLIANT');
  });

  it('fails a VPC without an association', () => {
    expect(verdict({})).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/no ResolverQueryLoggingConfigAssociation/) });
  });

  it('fails an association of another VPC', () => {
    expect(verdict({ Other: vpc(), Assoc: assoc({ ResolverQueryLogConfigId: ref('Config'), ResourceId: ref('Other') }) }).verdict).toBe('NON_COMPLIANT');
  });

  it('fails an association without a config id', () => {
    expect(verdict({ Assoc: assoc({ ResourceId: ref('Vpc') }) }).reason).toMatch(/no ResolverQueryLogConfigId/);
  });

  it('is unknown for a config id parameter without default', () => {
    expect(verdict({ Assoc: assoc({ ResolverQueryLogConfigId: ref('Id'), ResourceId: ref('Vpc') }) }).verdict).toBe('UNKNOWN');
  });
});
