import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { kmsKeyAt, LOGGING_BUCKET_TYPES } from '../../facts/gcp';

/** CMEK can only be set when a logging bucket is created; changing it later means a new bucket. */
export const LoggingBucketCmek: Rule = {
  id: 'GCP.Logging.BucketCmek',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: [...LOGGING_BUCKET_TYPES],
  description: 'A Cloud Logging bucket is not encrypted with a customer-managed key (cmek_settings.kms_key_name).',
  rationale:
    'Routed audit logs are the evidence; with a customer-managed key every read of them passes through Cloud KMS, whose audit ' +
    'logs record it, and access can be revoked during an incident.',
  fix:
    "Use the kit's LogSink with logBucket.encryptionKey (the reference stack passes its ForensicKey), or set cmek_settings " +
    '{ kms_key_name = google_kms_crypto_key.<key>.id } at creation and grant the Logging service agent the key.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1530', 'T1562.008', 'T1685.002'],
  atlas: [],
  check: (bucket, { model }) => {
    const key = kmsKeyAt(model, bucket, 'cmek_settings.kms_key_name');
    if (key.state === 'unknown') return unknown(key.why);
    return key.state === 'cmek' ? compliant(key.why) : nonCompliant(key.why);
  },
};
