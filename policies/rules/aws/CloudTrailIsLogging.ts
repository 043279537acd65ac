import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, show } from '../../facts/aws/evidence';

export const CloudTrailIsLogging: Rule = {
  id: 'AWS.CloudTrail.IsLogging',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::CloudTrail::Trail'],
  description: 'A trail is deployed stopped (IsLogging is not true) and records nothing.',
  rationale: 'A stopped trail looks like coverage in an inventory and records nothing: the gap is found only when the investigator needs the events.',
  fix: 'Set IsLogging: true (AuditTrail always does).',
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1078.004'],
  atlas: ['AML.T0012'],
  check: (r, ctx) => {
    const raw = ctx.model.get(r, 'IsLogging');
    const v = asBool(raw);
    if (isUnresolved(v)) return unknown(`${r.address}: IsLogging is unresolvable before deploy`);
    return v === true ? compliant(`${r.address}: IsLogging is true`) : nonCompliant(`${r.address}: IsLogging is ${show(raw)}`);
  },
};
