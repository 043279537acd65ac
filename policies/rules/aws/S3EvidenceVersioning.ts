import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, isEvidenceBucket, show } from '../../facts/aws/evidence';

/** Versioning keeps every overwritten or deleted version; Object Lock turns it on for good. */
export const S3EvidenceVersioning: Rule = {
  id: 'AWS.S3.EvidenceVersioning',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::S3::Bucket'],
  description: 'An evidence bucket does not have versioning Enabled, so an overwrite or delete destroys the earlier copy.',
  rationale:
    'With versioning an overwritten or deleted log file keeps its earlier versions, and the delete itself leaves a marker an investigator can date. It is also what Object Lock and replication are built on.',
  fix: 'Use EvidenceBucket or AccessLogBucket (versioned), or set VersioningConfiguration.Status: Enabled. A bucket created with ObjectLockEnabled: true is versioned by S3 and cannot be suspended.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceBucket(ctx.model, r),
  check: (r, ctx) => {
    const status = ctx.model.get(r, 'VersioningConfiguration.Status');
    if (isUnresolved(status)) return unknown(`${r.address}: VersioningConfiguration.Status is unresolvable before deploy`);
    if (status === 'Enabled') return compliant(`${r.address}: VersioningConfiguration.Status is "Enabled"`);
    if (status !== undefined) return nonCompliant(`${r.address}: VersioningConfiguration.Status is ${show(status)}`);
    const lock = asBool(ctx.model.get(r, 'ObjectLockEnabled'));
    if (isUnresolved(lock)) return unknown(`${r.address}: VersioningConfiguration is absent and ObjectLockEnabled is unresolvable before deploy`);
    if (lock === true) return compliant(`${r.address}: ObjectLockEnabled is true, which turns versioning on permanently`);
    return nonCompliant(`${r.address}: VersioningConfiguration is absent and Object Lock is off, so the bucket is unversioned`);
  },
};
