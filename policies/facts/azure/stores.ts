/**
 * Azure evidence stores: a storage account is locked by a locked account-level immutability policy
 * or by locked policies on every container it has policies for (reversible while unlocked); a Log
 * Analytics workspace keeps records for retention_in_days (default 30) and can be deleted.
 */
import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { StoreGuarantee, booleanOf, numberOf } from '../types';

/** The Azure resource types evidence is kept in. */
export const STORE_TYPES: readonly string[] = ['azurerm_storage_account', 'azurerm_log_analytics_workspace'];

/** Azure's interactive retention of a workspace when retention_in_days is not set (azurerm 4.55 sends none). */
export const LOG_ANALYTICS_DEFAULT_RETENTION_DAYS = 30;

/** What an Azure store guarantees; undefined for a type that is not a store. */
export function storeGuarantee(model: ResourceModel, r: Resource): StoreGuarantee | undefined {
  if (r.type === 'azurerm_storage_account') return accountGuarantee(model, r);
  if (r.type === 'azurerm_log_analytics_workspace') {
    const days = model.get(r, 'retention_in_days');
    return { retentionDays: days === undefined ? LOG_ANALYTICS_DEFAULT_RETENTION_DAYS : numberOf(days), immutability: 'no' };
  }
  return undefined;
}

function accountGuarantee(model: ResourceModel, account: Resource): StoreGuarantee {
  const state = model.get(account, 'immutability_policy.state');
  const days = numberOf(model.get(account, 'immutability_policy.period_since_creation_in_days'));
  const policies = model.referrers(account, 'azurerm_storage_container').flatMap((c) => model.referrers(c, 'azurerm_storage_container_immutability_policy'));
  const containerDays = policies.map((p) => numberOf(model.get(p, 'immutability_period_in_days'))).filter((d): d is number => d !== null);
  const allLocked = policies.length > 0 && policies.every((p) => booleanOf(model.get(p, 'locked')) === true);
  if (state === 'Locked') return { retentionDays: days, immutability: 'locked' };
  if (policies.length > 0) return { retentionDays: containerDays.length ? Math.min(...containerDays) : null, immutability: allLocked ? 'locked' : 'reversible' };
  if (state === 'Unlocked') return { retentionDays: days, immutability: 'reversible' };
  return { retentionDays: null, immutability: isUnresolved(state) ? 'unknown' : 'no' };
}
