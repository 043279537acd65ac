import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { isEvidenceDataset, kmsKeyAt } from '../../facts/gcp';

/**
 * Applies to datasets that a Vertex endpoint writes request-response logs into, that a sink routes
 * logs into, or that are labelled forensic-evidence-store=true. The default key covers tables
 * created after it is set; tables that already exist keep their key.
 */
export const BigQueryEvidenceDatasetCmek: Rule = {
  id: 'GCP.BigQuery.EvidenceDatasetCmek',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_bigquery_dataset'],
  description: 'A BigQuery dataset holding request-response or routed logs has no customer-managed default key (default_encryption_configuration.kms_key_name).',
  rationale:
    'Request-response logs hold what callers sent to a model and what it returned; with a customer-managed key every read of ' +
    'them passes through Cloud KMS, whose audit logs record it, and access can be cut off during an incident.',
  fix:
    "Use the kit's VertexAiAudit (its request-log dataset uses encryptionKey), or set default_encryption_configuration " +
    '{ kms_key_name = google_kms_crypto_key.<key>.id } and grant the BigQuery service agent the key.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: ['AML.T0024'],
  isApplicable: isEvidenceDataset,
  check: (dataset, { model }) => {
    const key = kmsKeyAt(model, dataset, 'default_encryption_configuration.kms_key_name');
    if (key.state === 'unknown') return unknown(key.why);
    return key.state === 'cmek' ? compliant(key.why) : nonCompliant(key.why);
  },
};
