import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, show } from '../../facts/aws/evidence';

/** IncludeGlobalServiceEvents defaults to true in CloudTrail; only an explicit false fails. */
export const CloudTrailMultiRegion: Rule = {
  id: 'AWS.CloudTrail.MultiRegion',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::CloudTrail::Trail'],
  description: 'A trail is not multi-region or excludes global service events (IAM, STS, CloudFront).',
  rationale:
    'An intruder works in the region nobody watches, and creates access keys, roles and federation tokens through IAM and STS, whose events a single-region trail outside us-east-1 or a trail without global service events never records.',
  fix: 'Use AuditTrail (always multi-region), or set IsMultiRegionTrail: true and IncludeGlobalServiceEvents: true (or leave it unset: it defaults to true).',
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1078.004', 'T1098.001', 'T1136.003', 'T1580', 'T1526', 'T1562.008', 'T1685.002'],
  atlas: ['AML.T0012'],
  check: (r, ctx) => {
    const multi = asBool(ctx.model.get(r, 'IsMultiRegionTrail'));
    const global = asBool(ctx.model.get(r, 'IncludeGlobalServiceEvents'));
    if (isUnresolved(multi) || isUnresolved(global)) return unknown(`${r.address}: IsMultiRegionTrail or IncludeGlobalServiceEvents is unresolvable before deploy`);
    const bad = [
      ...(multi === true ? [] : [`IsMultiRegionTrail is ${show(ctx.model.get(r, 'IsMultiRegionTrail'))}`]),
      ...(global === false ? ['IncludeGlobalServiceEvents is false'] : []),
    ];
    return bad.length === 0 ? compliant(`${r.address}: multi-region with global service events`) : nonCompliant(`${r.address}: ${bad.join(', ')}`);
  },
};
