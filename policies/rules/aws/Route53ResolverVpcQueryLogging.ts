import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { presence, referencedBy } from '../../facts/aws/evidence';

/**
 * Every VPC is associated with a Resolver query logging config. Where the config delivers, and
 * how long it keeps the records, is judged on the destination (evidence bucket and log group rules).
 */
export const Route53ResolverVpcQueryLogging: Rule = {
  id: 'AWS.Route53Resolver.VpcQueryLogging',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::EC2::VPC'],
  description: 'A VPC has no Route 53 Resolver query logging (no ResolverQueryLoggingConfigAssociation with the VPC as ResourceId).',
  rationale:
    'DNS queries name what a workload tried to reach: an exfiltration endpoint, a command-and-control domain, an unexpected package mirror. Flow logs show only addresses, which for cloud services and CDNs say little.',
  fix: 'Use DnsQueryLogs (destination, vpcs), or add an AWS::Route53Resolver::ResolverQueryLoggingConfig with a locked destination and an AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation { ResolverQueryLogConfigId: <config>, ResourceId: <VPC> }.',
  evidenceSource: 'dns',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (r, ctx) => {
    const m = ctx.model;
    const central = ctx.config.context?.aws?.dnsQueryLogs;
    if (central) return compliant(`${r.address}: Resolver query logs are collected by ${central.collectedBy} (declared in the evidence context)`);
    const assocs = referencedBy(m, r, 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', 'ResourceId');
    if (assocs.length === 0) return nonCompliant(`${r.address}: no ResolverQueryLoggingConfigAssociation has this VPC as ResourceId`);
    const states = assocs.map((a) => [a, presence(m, a, 'ResolverQueryLogConfigId')] as const);
    const ok = states.find(([, p]) => p === 'present');
    if (ok) return compliant(`${r.address}: associated with a query logging config by ${ok[0].address}`);
    if (states.some(([, p]) => p === 'unknown')) return unknown(`${r.address}: ResolverQueryLogConfigId of ${assocs.map((a) => a.address).join(', ')} is unresolvable before deploy`);
    return nonCompliant(`${r.address}: ${assocs.map((a) => a.address).join(', ')} has no ResolverQueryLogConfigId`);
  },
};
