import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { preventDestroy } from '../../facts/gcp';

/**
 * Destroying a google_kms_crypto_key in Terraform schedules every one of its versions for
 * destruction (the key itself cannot be deleted), after which whatever it encrypted is unreadable.
 * A google_kms_key_ring is removed only from state (the provider does not delete it), but
 * destroying the ring plans the destruction of every key in it first, so the ring is guarded too.
 * Rotation is GCP.Kms.KeyRotation's question.
 */
export const KmsKeyNotDestroyable: Rule = {
  id: 'GCP.Kms.KeyNotDestroyable',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_kms_crypto_key', 'google_kms_key_ring'],
  description: 'A Cloud KMS key or key ring can be destroyed by Terraform (no lifecycle prevent_destroy).',
  rationale:
    'Evidence, datasets and models encrypted with a destroyed key are lost even where their bucket is locked; a ' +
    'destroy run, or an attacker with Terraform access, can erase them this way, key by key or through their key ring.',
  fix:
    "Use the kit's ForensicKey (ring and key never destroyable by the kit), or set lifecycle { prevent_destroy = true } on the " +
    'google_kms_crypto_key and on its google_kms_key_ring.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1486', 'T1490'],
  atlas: [],
  check: (resource, { model }) => {
    const guard = preventDestroy(model, resource);
    if (guard === 'unrecorded') return unknown('lifecycle.prevent_destroy is not recorded in terraform show -json plans; judge the configuration');
    if (isUnresolved(guard)) return unknown('lifecycle.prevent_destroy is a value known only at deploy');
    if (guard !== true) {
      return nonCompliant(
        resource.type === 'google_kms_key_ring'
          ? 'lifecycle.prevent_destroy is not true: a destroy of the key ring destroys every key version in it first'
          : 'lifecycle.prevent_destroy is not true: a destroy schedules every key version for destruction',
      );
    }
    return compliant('lifecycle.prevent_destroy is true');
  },
};
