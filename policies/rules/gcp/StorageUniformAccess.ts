import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, isEvidenceBucket, show } from '../../facts/gcp';

/** Object ACLs on an evidence bucket grant access that IAM, and its audit trail, do not show. */
export const StorageUniformAccess: Rule = {
  id: 'GCP.Storage.UniformAccess',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_storage_bucket'],
  description: 'An evidence bucket does not enforce uniform bucket-level access, so object ACLs can grant access.',
  rationale:
    'With fine-grained ACLs a single object can be shared outside IAM; an investigator then cannot tell from the ' +
    'IAM policy and its audit history who could read the evidence.',
  fix: "Use the kit's EvidenceBucket (uniform access is always on), or set uniform_bucket_level_access = true.",
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: [],
  isApplicable: isEvidenceBucket,
  check: (bucket, { model }) => {
    const value = asBool(model.get(bucket, 'uniform_bucket_level_access'));
    if (isUnresolved(value)) return unknown('uniform_bucket_level_access is a value known only at deploy');
    if (value !== true) return nonCompliant(`uniform_bucket_level_access is ${show(value)} (provider default false)`);
    return compliant('uniform_bucket_level_access is true');
  },
};
