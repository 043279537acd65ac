/**
 * GCP evidence stores: a Cloud Storage bucket is locked by a locked retention policy (reversible
 * while unlocked), a Cloud Logging bucket by `locked` (retention default 30 days), a BigQuery
 * dataset keeps tables until their default expiration and can be deleted by its owner.
 */
import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { StoreGuarantee, booleanOf, numberOf } from '../types';

/**
 * What a Cloud Logging bucket keeps when retention_days is absent or 0 at creation (provider docs,
 * google_logging_project_bucket_config: "If this value is set to zero at bucket creation time, the
 * default time of 30 days will be used").
 */
export const LOGGING_BUCKET_DEFAULT_RETENTION_DAYS = 30;

const LOGGING_BUCKETS = ['google_logging_project_bucket_config', 'google_logging_folder_bucket_config', 'google_logging_organization_bucket_config', 'google_logging_billing_account_bucket_config'];

/** The GCP resource types evidence is kept in. */
export const STORE_TYPES: readonly string[] = ['google_storage_bucket', ...LOGGING_BUCKETS, 'google_bigquery_dataset'];

/** What a GCP store guarantees; undefined for a type that is not a store. */
export function storeGuarantee(model: ResourceModel, r: Resource): StoreGuarantee | undefined {
  const get = (p: string) => model.get(r, p);
  if (r.type === 'google_storage_bucket') {
    const period = get('retention_policy.retention_period');
    const locked = get('retention_policy.is_locked');
    if (isUnresolved(period) || isUnresolved(locked)) return { retentionDays: null, immutability: 'unknown' };
    const seconds = numberOf(period);
    if (seconds === null) return { retentionDays: null, immutability: 'no' };
    return { retentionDays: Math.floor(seconds / 86_400), immutability: booleanOf(locked) ? 'locked' : 'reversible' };
  }
  if (LOGGING_BUCKETS.includes(r.type)) {
    const days = get('retention_days');
    const locked = get('locked');
    const stated = days === undefined ? 0 : numberOf(days);
    return { retentionDays: stated === 0 ? LOGGING_BUCKET_DEFAULT_RETENTION_DAYS : stated, immutability: isUnresolved(locked) ? 'unknown' : booleanOf(locked) ? 'locked' : 'reversible' };
  }
  if (r.type === 'google_bigquery_dataset') {
    const ms = numberOf(get('default_table_expiration_ms'));
    return { retentionDays: ms === null ? Infinity : Math.floor(ms / 86_400_000), immutability: 'no' };
  }
  return undefined;
}
