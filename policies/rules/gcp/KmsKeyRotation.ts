import { KMS_KEY_ROTATION_MAX_DAYS } from '../../../constructs/core/catalogs';
import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { evidenceKeyReason, SECONDS_PER_DAY, show } from '../../facts/gcp';

/** The longest rotation period accepted for a key that encrypts evidence (the constructs' default). */
export const KEY_ROTATION_MAX_DAYS = KMS_KEY_ROTATION_MAX_DAYS;

/** `7776000s`, `7776000.5s`: a decimal number of seconds followed by `s`, as the provider takes it. */
const DURATION = /^(\d+(?:\.\d{1,9})?)s$/;

/**
 * Applies to the keys that encrypt evidence: referenced by an evidence bucket's
 * encryption.default_kms_key_name, a logging bucket's cmek_settings.kms_key_name or an evidence
 * dataset's default_encryption_configuration.kms_key_name.
 */
export const KmsKeyRotation: Rule = {
  id: 'GCP.Kms.KeyRotation',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_kms_crypto_key'],
  description: `A Cloud KMS key that encrypts evidence does not rotate, or rotates less often than every ${KEY_ROTATION_MAX_DAYS} days (rotation_period).`,
  rationale:
    'A key version in use for years protects years of evidence at once: if it leaks, all of it can be read. Regular rotation ' +
    'bounds what one version protects, and each rotation is itself an audit log entry.',
  fix: `Use the kit's ForensicKey (rotationDays, 90 by default), or set rotation_period = "${KEY_ROTATION_MAX_DAYS * SECONDS_PER_DAY}s" (or shorter) on the google_kms_crypto_key.`,
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: [],
  isApplicable: (key, { model }) => evidenceKeyReason(model, key) !== undefined,
  check: (key, { model }) => {
    const raw = model.get(key, 'rotation_period');
    if (isUnresolved(raw)) return unknown('rotation_period is a value known only at deploy');
    if (raw === undefined || raw === null || raw === '') return nonCompliant(`rotation_period is absent: the key never rotates (${evidenceKeyReason(model, key)})`);
    const m = typeof raw === 'string' ? DURATION.exec(raw.trim()) : null;
    if (!m) return unknown(`rotation_period is ${show(raw)}, not a duration in seconds ("7776000s")`);
    const days = Number(m[1]) / SECONDS_PER_DAY;
    if (days > KEY_ROTATION_MAX_DAYS) return nonCompliant(`rotation_period is ${show(raw)} (${days.toFixed(1)} days), longer than ${KEY_ROTATION_MAX_DAYS} days`);
    return compliant(`rotation_period is ${show(raw)} (${days.toFixed(1)} days)`);
  },
};
