import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, isEvidenceBucket, show } from '../../facts/aws/evidence';

const FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;
/** Each flag with its path, written once (a path built per bucket is a new string for the model to hash). */
const FLAG_PATHS = FLAGS.map((f) => [f, `PublicAccessBlockConfiguration.${f}`] as const);

/** All four public access blocks, stated in the template (not left to the account or S3 defaults). */
export const S3EvidencePublicAccessBlock: Rule = {
  id: 'AWS.S3.EvidencePublicAccessBlock',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'An evidence bucket does not set all four public access blocks to true.',
  rationale:
    'Logs reveal the architecture, identities and data flows of the workload; a public policy or ACL added by mistake or by an intruder would publish them. Stating all four blocks in the template keeps them under drift detection.',
  fix: 'Use EvidenceBucket or AccessLogBucket (BLOCK_ALL), or set PublicAccessBlockConfiguration { BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets: true }.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceBucket(ctx.model, r),
  check: (r, ctx) => {
    const values = FLAG_PATHS.map(([f, path]) => [f, ctx.model.get(r, path)] as const);
    if (values.some(([, v]) => isUnresolved(v))) return unknown(`${r.address}: PublicAccessBlockConfiguration is unresolvable before deploy`);
    const off = values.filter(([, v]) => asBool(v) !== true);
    if (off.length === 0) return compliant(`${r.address}: all four public access blocks are true`);
    return nonCompliant(`${r.address}: ${off.map(([f, v]) => `PublicAccessBlockConfiguration.${f} is ${show(v)}`).join(', ')}`);
  },
};
