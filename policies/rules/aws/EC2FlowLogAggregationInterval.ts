import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asNumber, show } from '../../facts/aws/evidence';

export const EC2FlowLogAggregationInterval: Rule = {
  id: 'AWS.EC2.FlowLogAggregationInterval',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::EC2::FlowLog'],
  description: 'A flow log aggregates flows over up to 10 minutes (MaxAggregationInterval 600, the default) instead of 1 minute.',
  rationale:
    'With a 10-minute window a short exfiltration burst blurs into one record and its timing cannot be lined up with CloudTrail and DNS events to the minute. (Interfaces on Nitro instances aggregate at 1 minute or less whatever is set; other interfaces follow this setting.)',
  fix: 'Use FlowLogs (maxAggregationIntervalSeconds 60, the default), or set MaxAggregationInterval: 60.',
  evidenceSource: 'network-flow',
  nist: 'Analysis',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025'],
  check: (r, ctx) => {
    const raw = ctx.model.get(r, 'MaxAggregationInterval');
    const v = asNumber(raw);
    if (isUnresolved(v)) return unknown(`${r.address}: MaxAggregationInterval is unresolvable before deploy`);
    if (v === 60) return compliant(`${r.address}: MaxAggregationInterval is 60`);
    return nonCompliant(`${r.address}: MaxAggregationInterval is ${raw === undefined ? 'absent (600 seconds)' : show(raw)}`);
  },
};
