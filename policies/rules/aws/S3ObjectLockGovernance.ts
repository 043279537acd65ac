import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../engine/types';
import { mustBeLocked, show } from '../../facts/aws/evidence';

/** The reversible soak mode: GOVERNANCE retention can be bypassed with s3:BypassGovernanceRetention. */
export const S3ObjectLockGovernance: Rule = {
  id: 'AWS.S3.ObjectLockGovernance',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'An evidence bucket locks objects in GOVERNANCE mode, which a principal with s3:BypassGovernanceRetention can shorten or remove.',
  rationale:
    'GOVERNANCE is a soak mode for trying the kit. An intruder who gains s3:BypassGovernanceRetention (or the root user) can delete the evidence, so it may not stand as unaltered; only COMPLIANCE binds everyone.',
  fix: 'Use EvidenceBucket with immutability: Immutability.LOCKED, or set ObjectLockConfiguration.Rule.DefaultRetention.Mode: COMPLIANCE. The change applies to objects written after it.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  isApplicable: (r, ctx) => mustBeLocked(ctx.model, r),
  check: (r, ctx) => {
    const mode = ctx.model.get(r, 'ObjectLockConfiguration.Rule.DefaultRetention.Mode');
    if (isUnresolved(mode)) return unknown(`${r.address}: DefaultRetention.Mode is unresolvable before deploy`);
    if (mode === undefined) return notApplicable(`${r.address}: no default retention (AWS.S3.ObjectLockCompliance reports it)`);
    if (mode === 'GOVERNANCE') return nonCompliant(`${r.address}: DefaultRetention.Mode is "GOVERNANCE" (reversible soak mode)`);
    return compliant(`${r.address}: DefaultRetention.Mode is ${show(mode)}`);
  },
};
