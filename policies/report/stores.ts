import { isUnresolved, ResourceModel } from '../engine/model';
import { Resource } from '../engine/types';

/** What an evidence store guarantees: how long it keeps records and whether anyone can alter them. */
export interface StoreFacts {
  /** The address of the store. */
  readonly address: string;
  /** Its resource type. */
  readonly type: string;
  /** Its file, as reports show it. */
  readonly file: string;
  /** Days a record is kept at least; null when the template does not say (or the value is only known at deploy). `Infinity`: never expires. */
  readonly retentionDays: number | null;
  /** `locked`: nobody can alter or delete before expiry; `reversible`: a privileged principal can; `no`: ordinary permissions can; `unknown`: not resolvable. */
  readonly immutability: 'locked' | 'reversible' | 'no' | 'unknown';
}

const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};
const bool = (v: unknown): boolean | undefined => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined);

/** The facts of a store, by type. Unknown types give nulls, never a guess. */
export function storeFacts(model: ResourceModel, r: Resource): StoreFacts {
  const base = { address: r.address, type: r.type, file: r.sourceFile };
  const get = (p: string) => model.get(r, p);
  switch (r.type) {
    case 'AWS::S3::Bucket': {
      const mode = get('ObjectLockConfiguration.Rule.DefaultRetention.Mode');
      const days = num(get('ObjectLockConfiguration.Rule.DefaultRetention.Days'));
      const years = num(get('ObjectLockConfiguration.Rule.DefaultRetention.Years'));
      if (isUnresolved(mode)) return { ...base, retentionDays: null, immutability: 'unknown' };
      if (mode === 'COMPLIANCE' || mode === 'GOVERNANCE') {
        return { ...base, retentionDays: days ?? (years !== null ? years * 365 : null), immutability: mode === 'COMPLIANCE' ? 'locked' : 'reversible' };
      }
      return { ...base, retentionDays: null, immutability: 'no' };
    }
    case 'AWS::Logs::LogGroup': {
      const days = get('RetentionInDays');
      return { ...base, retentionDays: days === undefined ? Infinity : num(days), immutability: 'no' };
    }
    case 'google_storage_bucket': {
      const period = get('retention_policy.retention_period');
      const locked = get('retention_policy.is_locked');
      if (isUnresolved(period) || isUnresolved(locked)) return { ...base, retentionDays: null, immutability: 'unknown' };
      const seconds = num(period);
      if (seconds === null) return { ...base, retentionDays: null, immutability: 'no' };
      return { ...base, retentionDays: Math.floor(seconds / 86_400), immutability: bool(locked) ? 'locked' : 'reversible' };
    }
    case 'google_logging_project_bucket_config':
    case 'google_logging_folder_bucket_config':
    case 'google_logging_organization_bucket_config':
    case 'google_logging_billing_account_bucket_config': {
      const days = get('retention_days');
      const locked = get('locked');
      return { ...base, retentionDays: days === undefined ? 30 : num(days), immutability: isUnresolved(locked) ? 'unknown' : bool(locked) ? 'locked' : 'reversible' };
    }
    case 'google_bigquery_dataset': {
      const ms = num(get('default_table_expiration_ms'));
      return { ...base, retentionDays: ms === null ? Infinity : Math.floor(ms / 86_400_000), immutability: 'no' };
    }
    case 'azurerm_storage_account':
      return { ...base, ...azureAccountFacts(model, r) };
    case 'azurerm_log_analytics_workspace': {
      const days = get('retention_in_days');
      return { ...base, retentionDays: days === undefined ? 30 : num(days), immutability: 'no' };
    }
    default:
      return { ...base, retentionDays: null, immutability: 'unknown' };
  }
}

function azureAccountFacts(model: ResourceModel, account: Resource): Pick<StoreFacts, 'retentionDays' | 'immutability'> {
  const state = model.get(account, 'immutability_policy.state');
  const days = num(model.get(account, 'immutability_policy.period_since_creation_in_days'));
  const policies = model
    .referrers(account, 'azurerm_storage_container')
    .flatMap((c) => model.referrers(c, 'azurerm_storage_container_immutability_policy'));
  const containerDays = policies.map((p) => num(model.get(p, 'immutability_period_in_days'))).filter((d): d is number => d !== null);
  const allLocked = policies.length > 0 && policies.every((p) => bool(model.get(p, 'locked')) === true);
  if (state === 'Locked') return { retentionDays: days, immutability: 'locked' };
  if (policies.length > 0) {
    return { retentionDays: containerDays.length ? Math.min(...containerDays) : null, immutability: allLocked ? 'locked' : 'reversible' };
  }
  if (state === 'Unlocked') return { retentionDays: days, immutability: 'reversible' };
  return { retentionDays: null, immutability: isUnresolved(state) ? 'unknown' : 'no' };
}

/** Store types: the resources evidence can be kept in. */
export const STORE_TYPES = new Set([
  'AWS::S3::Bucket',
  'AWS::Logs::LogGroup',
  'google_storage_bucket',
  'google_logging_project_bucket_config',
  'google_logging_folder_bucket_config',
  'google_logging_organization_bucket_config',
  'google_logging_billing_account_bucket_config',
  'google_bigquery_dataset',
  'azurerm_storage_account',
  'azurerm_log_analytics_workspace',
]);

/** The stores a value (a destination property) points at. */
export function storesIn(model: ResourceModel, value: unknown, from: Resource): Resource[] {
  return model.targets(value, from).filter((t) => STORE_TYPES.has(t.type));
}
