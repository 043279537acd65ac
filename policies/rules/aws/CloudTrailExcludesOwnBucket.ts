import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, notApplicable, unknown } from '../../engine/types';
import { bucketMatcher, dataSelectors, touches } from '../../facts/aws/selectors';
import { bucketObjectsArn } from '../../facts/aws/refs';
import { trailBucket } from '../../facts/aws/evidence';

/**
 * A trail that records S3 data events must not record those of its own bucket: each delivery is a
 * PutObject that becomes an event that is delivered again. A selector for all S3 objects without
 * a NotStartsWith on the trail's bucket fires; a selector scoped to other buckets' ARNs excludes it.
 */
export const CloudTrailExcludesOwnBucket: Rule = {
  id: 'AWS.CloudTrail.ExcludesOwnBucket',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::CloudTrail::Trail'],
  description: "A trail's S3 data-event selectors include the trail's own bucket, so it records its own deliveries.",
  rationale:
    "Every log delivery is a PutObject on the trail's bucket, which becomes a data event, which is delivered again: the loop floods the evidence with the trail's own writes and multiplies its cost until someone turns data events off.",
  fix: "Use AuditTrail (it refuses its own bucket in dataEvents.s3Buckets), or scope resources.ARN StartsWith to the data buckets' ARNs, or add resources.ARN NotStartsWith [<trail bucket ARN>/] to a selector for all S3 objects. Basic EventSelectors cannot exclude a bucket: list the data buckets instead of arn:aws:s3.",
  evidenceSource: 'storage-data-access',
  nist: 'Examination',
  attack: ['T1530', 'T1619'],
  atlas: [],
  isApplicable: (r, ctx) => {
    const sels = dataSelectors(ctx.model, r);
    return isUnresolved(sels) || sels.some((s) => s.unresolved !== undefined || s.types.includes('AWS::S3::Object'));
  },
  check: (r, ctx) => {
    const m = ctx.model;
    const sels = dataSelectors(m, r);
    if (isUnresolved(sels)) return unknown(`${r.address}: its event selectors are unresolvable before deploy`);
    const own = trailBucket(m, r);
    if (own.kind === 'unresolved' || own.kind === 'absent') return unknown(`${r.address}: S3BucketName is ${own.kind === 'absent' ? 'absent' : (own.why ?? 'unresolvable before deploy')}, so its exclusion cannot be checked`);
    const arn = own.kind === 'resource' ? bucketObjectsArn(m, own.resource) : `arn:aws:s3:::${own.text}/`;
    const matcher = bucketMatcher(arn);
    let s3 = 0;
    let unresolvedHit = false;
    const logged: string[] = [];
    for (const s of sels) {
      if (s.unresolved === undefined && !s.types.includes('AWS::S3::Object')) continue;
      s3++;
      const t = touches(s, matcher);
      if (t === true) logged.push(s.label);
      else if (t === 'unknown') unresolvedHit = true;
    }
    if (s3 === 0) return notApplicable(`${r.address}: no S3 data-event selector`);
    const name = own.kind === 'resource' ? own.resource.address : own.text;
    if (logged.length > 0) return nonCompliant(`${r.address}: ${logged.join(', ')} record${logged.length > 1 ? '' : 's'} S3 data events of its own bucket ${name}`);
    if (unresolvedHit) return unknown(`${r.address}: a selector's resources.ARN is unresolvable before deploy, so the exclusion of ${name} cannot be checked`);
    return compliant(`${r.address}: its S3 data-event selectors exclude its own bucket ${name}`);
  },
};
