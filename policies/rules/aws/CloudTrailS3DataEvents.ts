import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { bucketMatcher, coverage } from '../../facts/aws/selectors';
import { orgTrailRecordsBucket } from '../../engine/context';
import { bucketName, bucketObjectsArn, isDataBucket } from '../../facts/aws/evidence';

/**
 * Judged on each data bucket (any bucket no log producer writes into), so that a template with one
 * management trail and one data-event trail passes: some trail of the template must record both
 * reads and writes of every object of the bucket. A selector scoped to a key prefix, narrowed by
 * eventName or another field, or naming single objects (resources.ARN Equals) does not count.
 */
export const CloudTrailS3DataEvents: Rule = {
  id: 'AWS.CloudTrail.S3DataEvents',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'No trail of the template records the object-level reads and writes (S3 data events) of a data bucket.',
  rationale:
    'Management events do not show who read or wrote which object. Without data events an investigator cannot tell who poisoned a training set, replaced a model artifact or copied the data out, nor when.',
  fix: 'Pass the bucket in AuditTrail dataEvents.s3Buckets, or add to a trail an AdvancedEventSelectors entry { eventCategory Equals [Data], resources.type Equals [AWS::S3::Object], resources.ARN StartsWith [<bucket ARN>/] } (or a basic EventSelectors DataResources { Type: AWS::S3::Object, Values: [<bucket ARN>/] }, ReadWriteType All).',
  evidenceSource: 'storage-data-access',
  nist: 'Collection',
  attack: ['T1530', 'T1619', 'T1485'],
  atlas: ['AML.T0020', 'AML.T0059', 'AML.T0035'],
  isApplicable: (r, ctx) => isDataBucket(ctx.model, r),
  check: (r, ctx) => {
    const org = ctx.config.context?.aws?.organizationTrail;
    const byOrg = orgTrailRecordsBucket(ctx.config.context, bucketName(ctx.model, r));
    if (org && byOrg === true) return compliant(`${r.address}: recorded by the organization trail ${org.trailArn} (declared in the evidence context)`);
    const trails = ctx.model.ofType('AWS::CloudTrail::Trail');
    if (trails.length === 0) {
      if (org && byOrg === 'unknown') return unknown(`${r.address}: its name is only known at deploy, so whether the organization trail ${org.trailArn} records it (it records listed buckets) cannot be known`);
      return nonCompliant(`${r.address}: the inputs have no AWS::CloudTrail::Trail, so no S3 data events are recorded for it${org ? ` (the organization trail ${org.trailArn} declared in the evidence context does not record them)` : ' (if an organization trail records them, declare it in the evidence context)'}`);
    }
    const c = coverage(ctx.model, trails, 'AWS::S3::Object', bucketMatcher(bucketObjectsArn(ctx.model, r)));
    const reason = `${r.address}: ${c.reason}`;
    if (c.covers !== true && org && byOrg === 'unknown') return unknown(`${reason}; and its name is only known at deploy, so whether the organization trail ${org.trailArn} records it cannot be known`);
    return c.covers === true ? compliant(reason) : c.covers === 'unknown' ? unknown(reason) : nonCompliant(reason);
  },
};
