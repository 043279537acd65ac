import { declaredStore } from '../../engine/context';
import { isUnresolved } from '../../engine/model';
import { Resource, Rule, RuleContext, compliant, nonCompliant, notApplicable, unknown } from '../../engine/types';
import { Target, bucketByS3Uri, flowLogDestination, mustBeLocked, rawAt, show, trailBucket } from '../../facts/aws/evidence';

/** The bucket a producer writes into: a trail, an S3 flow log, SageMaker data capture. */
function producerBucket(r: Resource, ctx: RuleContext): Target | undefined {
  if (r.type === 'AWS::CloudTrail::Trail') return trailBucket(ctx.model, r);
  if (r.type === 'AWS::SageMaker::EndpointConfig') return bucketByS3Uri(ctx.model, rawAt(ctx.model, r, 'DataCaptureConfig.DestinationS3Uri'), r);
  const d = flowLogDestination(ctx.model, r);
  return d.type === 's3' ? d.target : undefined;
}

/** The central store the evidence context declares for a producer's bucket, when it writes into one. */
function declaredDestination(r: Resource, ctx: RuleContext) {
  // Nothing declared (most runs): no producer's destination is looked up.
  if (!ctx.config.context?.aws?.evidenceStores?.length) return undefined;
  const t = producerBucket(r, ctx);
  return t?.kind === 'external' ? declaredStore(ctx.config.context, t.text, 'bucket') : undefined;
}

/** The reversible soak mode: GOVERNANCE retention can be bypassed with s3:BypassGovernanceRetention. */
export const S3ObjectLockGovernance: Rule = {
  id: 'AWS.S3.ObjectLockGovernance',
  cloud: 'aws',
  severity: 'warning',
  // A producer's bucket that only the evidence context declares has no resource of its own: the
  // producer carries the warning, as a bucket of the inputs does.
  appliesTo: ['AWS::S3::Bucket', 'AWS::CloudTrail::Trail', 'AWS::EC2::FlowLog', 'AWS::SageMaker::EndpointConfig'],
  description: 'An evidence bucket (of the inputs, or declared in the evidence context) locks objects in GOVERNANCE mode, which a principal with s3:BypassGovernanceRetention can shorten or remove.',
  rationale:
    'GOVERNANCE is a soak mode for trying the kit. An intruder who gains s3:BypassGovernanceRetention (or the root user) can delete the evidence, so it may not stand as unaltered; only COMPLIANCE binds everyone.',
  fix: 'Use EvidenceBucket with immutability: Immutability.LOCKED, or set ObjectLockConfiguration.Rule.DefaultRetention.Mode: COMPLIANCE (for a declared central store: lock it in COMPLIANCE mode and declare that). The change applies to objects written after it.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  isApplicable: (r, ctx) => (r.type === 'AWS::S3::Bucket' ? mustBeLocked(ctx.model, r) : declaredDestination(r, ctx) !== undefined),
  check: (r, ctx) => {
    if (r.type !== 'AWS::S3::Bucket') {
      const s = declaredDestination(r, ctx)!;
      const stated = `${r.address} writes into ${s.arn}, declared in the evidence context with ${s.lock === 'none' ? 'no Object Lock' : `Object Lock ${s.lock}`}`;
      return s.lock === 'GOVERNANCE' ? nonCompliant(`${stated} (reversible soak mode)`) : compliant(stated);
    }
    const mode = ctx.model.get(r, 'ObjectLockConfiguration.Rule.DefaultRetention.Mode');
    if (isUnresolved(mode)) return unknown(`${r.address}: DefaultRetention.Mode is unresolvable before deploy`);
    if (mode === undefined) return notApplicable(`${r.address}: no default retention (AWS.S3.ObjectLockCompliance reports it)`);
    if (mode === 'GOVERNANCE') return nonCompliant(`${r.address}: DefaultRetention.Mode is "GOVERNANCE" (reversible soak mode)`);
    return compliant(`${r.address}: DefaultRetention.Mode is ${show(mode)}`);
  },
};
