/**
 * Which Cloud KMS keys of the input encrypt evidence, found once per model by following the key
 * references of the stores that hold it.
 */
import { modelFact, ResourceModel } from '../../engine/model';
import { Resource } from '../../engine/types';
import { evidenceBucketReason, evidenceDatasetReason } from './graph';
import { LOGGING_BUCKET_TYPES, rawAt } from './values';

const EVIDENCE_KEYS = modelFact('GCP evidence keys', (model) => {
  const keys = new Map<Resource, string>();
  const users: [readonly string[], string, (r: Resource) => boolean][] = [
    [['google_storage_bucket'], 'encryption.default_kms_key_name', (r) => evidenceBucketReason(model, r) !== undefined],
    [LOGGING_BUCKET_TYPES, 'cmek_settings.kms_key_name', () => true],
    [['google_bigquery_dataset'], 'default_encryption_configuration.kms_key_name', (r) => evidenceDatasetReason(model, r) !== undefined],
  ];
  for (const [types, path, holdsEvidence] of users) {
    for (const r of model.ofType(...types)) {
      const raw = rawAt(r, path);
      if (raw === undefined || !holdsEvidence(r)) continue;
      for (const k of model.targets(raw, r)) {
        if (k.type === 'google_kms_crypto_key' && !keys.has(k)) keys.set(k, `${r.address} ${path} uses it`);
      }
    }
  }
  return keys;
});

/**
 * Why a google_kms_crypto_key of the input encrypts evidence, or undefined: an evidence bucket's
 * encryption.default_kms_key_name, a logging bucket's cmek_settings.kms_key_name or an evidence
 * dataset's default_encryption_configuration.kms_key_name references it. A key named by a literal
 * id is not matched (it may live in another input).
 */
export function evidenceKeyReason(model: ResourceModel, key: Resource): string | undefined {
  return model.fact(EVIDENCE_KEYS).get(key);
}
