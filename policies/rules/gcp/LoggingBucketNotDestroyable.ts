import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { LOGGING_BUCKET_TYPES, preventDestroy } from '../../facts/gcp';

/**
 * A locked logging bucket refuses deletion while it holds entries, but an unlocked one (soak mode,
 * or folder and organization buckets Terraform cannot lock) goes with its logs on a destroy run,
 * and a renamed resource address plans exactly that.
 */
export const LoggingBucketNotDestroyable: Rule = {
  id: 'GCP.Logging.BucketNotDestroyable',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: [...LOGGING_BUCKET_TYPES],
  description: 'A Cloud Logging bucket can be destroyed by Terraform (no lifecycle prevent_destroy).',
  rationale:
    'Terraform must never be the tool that deletes evidence: without prevent_destroy a destroy run or a changed resource address ' +
    'deletes the bucket and every log entry in it wherever the lock does not stop it.',
  fix: "Use the kit's LogSink (its log bucket is never destroyable by the kit), or set lifecycle { prevent_destroy = true } on the logging bucket config.",
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1485', 'T1490', 'T1562.008', 'T1685.002'],
  atlas: [],
  check: (bucket, { model }) => {
    const guard = preventDestroy(model, bucket);
    if (guard === 'unrecorded') return unknown('lifecycle.prevent_destroy is not recorded in terraform show -json plans; judge the configuration');
    if (isUnresolved(guard)) return unknown('lifecycle.prevent_destroy is a value known only at deploy');
    if (guard !== true) return nonCompliant('lifecycle.prevent_destroy is not true: Terraform may destroy the bucket and its logs');
    return compliant('lifecycle.prevent_destroy is true');
  },
};
