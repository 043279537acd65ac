import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, isEvidenceBucket, preventDestroy, show } from '../../facts/gcp';

/**
 * Terraform must never be the tool that deletes evidence: force_destroy empties the bucket on
 * destroy, and without prevent_destroy a renamed resource or a `destroy` removes it.
 */
export const StorageNotDeletable: Rule = {
  id: 'GCP.Storage.NotDeletable',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_storage_bucket'],
  description: 'An evidence bucket can be deleted by Terraform (force_destroy true, or no lifecycle prevent_destroy).',
  rationale:
    'A destroy run or a changed resource address would delete the bucket and, with force_destroy, every object in ' +
    'it; evidence lost that way cannot be recovered.',
  fix:
    "Use the kit's EvidenceBucket (never deletable by the kit), or leave force_destroy false and set " +
    'lifecycle { prevent_destroy = true } on the google_storage_bucket.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  isApplicable: isEvidenceBucket,
  check: (bucket, { model }) => {
    const force = asBool(model.get(bucket, 'force_destroy'));
    if (isUnresolved(force)) return unknown('force_destroy is a value known only at deploy');
    if (force === true) return nonCompliant('force_destroy is true: a destroy deletes every object in the bucket');
    const guard = preventDestroy(model, bucket);
    if (guard === 'unrecorded') return unknown('lifecycle.prevent_destroy is not recorded in terraform show -json plans; judge the configuration');
    if (isUnresolved(guard)) return unknown('lifecycle.prevent_destroy is a value known only at deploy');
    if (guard !== true) return nonCompliant('lifecycle.prevent_destroy is not true: Terraform may destroy the bucket');
    return compliant(`force_destroy is ${show(force)} and lifecycle.prevent_destroy is true`);
  },
};
