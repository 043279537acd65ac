/**
 * Azure evidence stores: a storage account is locked by a locked account-level immutability policy
 * or by locked policies on every container it has policies for (reversible while unlocked); a Log
 * Analytics workspace keeps records for retention_in_days (default 30), or less in a table whose own
 * retention is shorter, and can be deleted.
 */
import { ResourceModel, UNRESOLVED, Unresolved, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { StoreGuarantee, booleanOf, numberOf } from '../types';
import { tablesOf } from './refs';
import { numAt, strAt } from './values';

/** The Azure resource types evidence is kept in. */
export const STORE_TYPES: readonly string[] = ['azurerm_storage_account', 'azurerm_log_analytics_workspace'];

/** Azure's interactive retention of a workspace when retention_in_days is not set (azurerm 4.55 sends none). */
export const LOG_ANALYTICS_DEFAULT_RETENTION_DAYS = 30;

/** What an Azure store guarantees; undefined for a type that is not a store. */
export function storeGuarantee(model: ResourceModel, r: Resource): StoreGuarantee | undefined {
  if (r.type === 'azurerm_storage_account') return accountGuarantee(model, r);
  if (r.type === 'azurerm_log_analytics_workspace') {
    const days = model.get(r, 'retention_in_days');
    const own = days === undefined ? LOG_ANALYTICS_DEFAULT_RETENTION_DAYS : numberOf(days);
    // A declared table keeps its records no longer than its own retention: the shortest is what the workspace guarantees.
    const tables = tablesOf(model, r).map((t) => tableRetention(model, t).days);
    const known = tables.filter((d): d is number => typeof d === 'number');
    return { retentionDays: own === null || known.length < tables.length ? null : Math.min(own, ...known), immutability: 'no' };
  }
  return undefined;
}

/** azurerm 4.55: a table on the Basic plan keeps data queryable for a fixed 8 days (its retention_in_days cannot be set). */
export const LOG_ANALYTICS_BASIC_PLAN_RETENTION_DAYS = 8;

/** The interactive retention of a workspace table, and the words that say where it comes from. */
export interface TableRetention {
  /** Days; UNRESOLVED before deploy; undefined when the table's workspace is not in the input. */
  readonly days: number | Unresolved | undefined;
  readonly found: string;
  /** The workspace the table belongs to, when in the input. */
  readonly workspace?: Resource;
}

/**
 * The interactive retention of an azurerm_log_analytics_workspace_table: its own retention_in_days
 * (4 to 730 in azurerm 4.55; no -1 or "default" value) overrides the workspace's; the Basic plan
 * fixes it at 8 days; absent, the workspace's retention_in_days applies.
 */
export function tableRetention(model: ResourceModel, table: Resource): TableRetention {
  const workspace = model.target(table.properties.workspace_id, table);
  const own = numAt(model, table, 'retention_in_days');
  if (own !== undefined) return { days: own, found: `retention_in_days is ${isUnresolved(own) ? 'known only at deploy' : own}`, workspace };
  const plan = strAt(model, table, 'plan');
  if (isUnresolved(plan)) return { days: UNRESOLVED, found: 'retention_in_days is absent and plan is known only at deploy', workspace };
  if (plan === 'Basic') return { days: LOG_ANALYTICS_BASIC_PLAN_RETENTION_DAYS, found: `plan is Basic (interactive retention fixed at ${LOG_ANALYTICS_BASIC_PLAN_RETENTION_DAYS} days)`, workspace };
  if (!workspace) return { days: undefined, found: 'retention_in_days is absent and its workspace is not in the input', workspace };
  const ws = numAt(model, workspace, 'retention_in_days');
  const wsFound = ws === undefined ? `absent (Azure default ${LOG_ANALYTICS_DEFAULT_RETENTION_DAYS})` : isUnresolved(ws) ? 'known only at deploy' : String(ws);
  return { days: ws ?? LOG_ANALYTICS_DEFAULT_RETENTION_DAYS, found: `retention_in_days is absent, so ${workspace.address} retention_in_days ${wsFound} applies`, workspace };
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
