import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../engine/types';
import { bucketByS3Uri, describeRoles, isEvidenceBucket, rawAt } from '../../facts/aws/evidence';

/** Results written into an evidence store would be undeletable working files beside the evidence. */
export const AthenaWorkgroupResultsOutsideEvidence: Rule = {
  id: 'AWS.Athena.WorkgroupResultsOutsideEvidence',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::Athena::WorkGroup'],
  description: "An Athena workgroup writes its query results into an evidence store (ResultConfiguration.OutputLocation names an evidence bucket).",
  rationale:
    'Query results are the working files of an investigation, not evidence: written into the evidence bucket they mix with the originals a court is shown, need write access to the evidence store for every analyst, and under Object Lock can never be removed.',
  fix: 'Use InvestigationPack (its results bucket is its own), or point WorkGroupConfiguration.ResultConfiguration.OutputLocation of the AWS::Athena::WorkGroup at a bucket of its own, never at the evidence bucket.',
  evidenceSource: 'log-integrity',
  nist: 'Examination',
  attack: ['T1485'],
  atlas: [],
  isApplicable: (r, ctx) => rawAt(ctx.model, r, 'WorkGroupConfiguration.ResultConfiguration.OutputLocation') !== undefined,
  check: (r, ctx) => {
    const t = bucketByS3Uri(ctx.model, rawAt(ctx.model, r, 'WorkGroupConfiguration.ResultConfiguration.OutputLocation'), r);
    if (t.kind === 'unresolved') return unknown(`${r.address}: OutputLocation is unresolvable before deploy${t.why ? ` (${t.why})` : ''}`);
    if (t.kind === 'absent') return notApplicable(`${r.address}: no OutputLocation`);
    if (t.kind !== 'resource') return compliant(`${r.address}: results go to ${t.text}, no evidence bucket of the checked templates`);
    return isEvidenceBucket(ctx.model, t.resource)
      ? nonCompliant(`${r.address}: results go into ${t.resource.address}, an evidence store (${describeRoles(ctx.model, t.resource)})`)
      : compliant(`${r.address}: results go into ${t.resource.address}, not an evidence store`);
  },
};
