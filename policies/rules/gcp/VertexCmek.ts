import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { referencesType, show } from '../../facts/gcp';

/**
 * The Vertex AI resources that take encryption_spec.kms_key_name in google provider 6.50. The
 * provider has no google_vertex_ai_metadata_store resource and no encryption_spec on
 * google_vertex_ai_index in that version, so neither can be judged.
 */
export const VERTEX_CMEK_TYPES = [
  'google_vertex_ai_endpoint',
  'google_vertex_ai_dataset',
  'google_vertex_ai_featurestore',
  'google_vertex_ai_tensorboard',
] as const;

export const VertexCmek: Rule = {
  id: 'GCP.Vertex.Cmek',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...VERTEX_CMEK_TYPES],
  description: 'A Vertex AI resource is not encrypted with a customer-managed key (encryption_spec.kms_key_name).',
  rationale:
    'With a customer-managed key every use of the data by Vertex AI passes through Cloud KMS, which the ' +
    'organization audits and controls: it can date access to datasets and models and revoke it during an incident.',
  fix: "Use the kit's VertexAiAudit (encryptionKey, a new ForensicKey by default), or set encryption_spec { kms_key_name = google_kms_crypto_key.<key>.id }.",
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: ['AML.T0035', 'AML.T0044'],
  check: (resource, { model }) => {
    const key = model.get(resource, 'encryption_spec.kms_key_name');
    if (isUnresolved(key)) {
      // A key resolved only at deploy is still a customer-managed key when it references one in the input.
      if (referencesType(model, resource, 'encryption_spec.kms_key_name', 'google_kms_crypto_key')) {
        return compliant('encryption_spec.kms_key_name references a google_kms_crypto_key of the input');
      }
      return unknown('encryption_spec.kms_key_name is a value known only at deploy');
    }
    if (typeof key !== 'string' || key.trim() === '') return nonCompliant(`encryption_spec.kms_key_name is ${show(key)}: Google-managed encryption`);
    return compliant(`encryption_spec.kms_key_name is ${key}`);
  },
};
