import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, rawAt, rawList, show } from '../../facts/aws/evidence';

export const SageMakerModelIsolation: Rule = {
  id: 'AWS.SageMaker.ModelIsolation',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::SageMaker::Model'],
  description: 'A model does not run with network isolation (EnableNetworkIsolation true) inside a VPC (VpcConfig with Subnets and SecurityGroupIds).',
  rationale:
    "With network isolation the model container cannot call out, so a compromised library or a poisoned model cannot exfiltrate data; with VpcConfig the traffic SageMaker does on the model's behalf runs in the VPC, where flow logs and Resolver query logs record it.",
  fix: 'Set EnableNetworkIsolation: true (SageMakerAudit hardeningEnabled does this) and VpcConfig { Subnets, SecurityGroupIds } (give the model its VPC yourself) on the AWS::SageMaker::Model.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (r, ctx) => {
    const m = ctx.model;
    const raw = m.get(r, 'EnableNetworkIsolation');
    const isolation = asBool(raw);
    const subnets = rawList(m, r, rawAt(m, r, 'VpcConfig.Subnets'));
    const groups = rawList(m, r, rawAt(m, r, 'VpcConfig.SecurityGroupIds'));
    const bad = [
      ...(isolation === true || isUnresolved(isolation) ? [] : [`EnableNetworkIsolation is ${show(raw)}`]),
      ...(isUnresolved(subnets) || subnets.length > 0 ? [] : ['VpcConfig.Subnets is absent']),
      ...(isUnresolved(groups) || groups.length > 0 ? [] : ['VpcConfig.SecurityGroupIds is absent']),
    ];
    if (bad.length > 0) return nonCompliant(`${r.address}: ${bad.join(', ')}`);
    if (isUnresolved(isolation) || isUnresolved(subnets) || isUnresolved(groups)) return unknown(`${r.address}: EnableNetworkIsolation or VpcConfig is unresolvable before deploy`);
    return compliant(`${r.address}: network isolation on, in VPC subnets with security groups`);
  },
};
