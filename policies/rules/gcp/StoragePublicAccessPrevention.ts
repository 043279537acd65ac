import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { isEvidenceBucket, show } from '../../facts/gcp';

/** "inherited" protects only where an organization policy says so; the template cannot show that. */
export const StoragePublicAccessPrevention: Rule = {
  id: 'GCP.Storage.PublicAccessPrevention',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_storage_bucket'],
  description: 'An evidence bucket does not enforce public access prevention.',
  rationale:
    'Logs and exports reveal identities, addresses and data; a bucket that can be made public exposes them and ' +
    'tells an attacker what the investigator can see.',
  fix: "Use the kit's EvidenceBucket, or set public_access_prevention = \"enforced\" on the google_storage_bucket.",
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: [],
  isApplicable: isEvidenceBucket,
  check: (bucket, { model }) => {
    const value = model.get(bucket, 'public_access_prevention');
    if (isUnresolved(value)) return unknown('public_access_prevention is a value known only at deploy');
    if (value !== 'enforced') {
      return nonCompliant(`public_access_prevention is ${show(value)} (provider default "inherited"), not "enforced"`);
    }
    return compliant('public_access_prevention is "enforced"');
  },
};
