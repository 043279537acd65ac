import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { isEvidenceBucket, kmsKeyAt } from '../../facts/gcp';

/** Applies to evidence buckets (a sink or a usage-log source writes into them, or the forensic-evidence-store label). */
export const StorageEvidenceCmek: Rule = {
  id: 'GCP.Storage.EvidenceCmek',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_storage_bucket'],
  description: 'An evidence bucket is not encrypted with a customer-managed key (encryption.default_kms_key_name).',
  rationale:
    'With a customer-managed key every read of the evidence passes through Cloud KMS, whose audit logs record who decrypted ' +
    'what and when, and the organization can cut off access during an incident; Google-managed keys offer neither.',
  fix:
    "Use the kit's EvidenceBucket (encryptionKey, a new ForensicKey by default), or set encryption { default_kms_key_name = " +
    'google_kms_crypto_key.<key>.id } and grant the Cloud Storage service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1530', 'T1485'],
  atlas: [],
  isApplicable: isEvidenceBucket,
  check: (bucket, { model }) => {
    const key = kmsKeyAt(model, bucket, 'encryption.default_kms_key_name');
    if (key.state === 'unknown') return unknown(key.why);
    return key.state === 'cmek' ? compliant(key.why) : nonCompliant(key.why);
  },
};
