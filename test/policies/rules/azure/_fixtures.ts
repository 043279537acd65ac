/**
 * Inputs of the Azure rule tests: a compliant evidence store and the resources around it, as
 * Terraform JSON bodies. Each test changes one thing and says what it changed.
 */
import { tfModel } from '../../helpers';
import { ResourceModel } from '../../../../policies/engine/model';

export const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
export const ACTIVITY = ['Administrative', 'Security', 'ServiceHealth', 'Alert', 'Recommendation', 'Policy', 'Autoscale', 'ResourceHealth'];

type Body = Record<string, any>;
export type Doc = { resource: Record<string, Record<string, Body>> };

/** The body of a storage account that passes every evidence-store rule. */
export function evidenceAccount(overrides: Body = {}): Body {
  return {
    name: 'stevidence',
    resource_group_name: '${azurerm_resource_group.rg.name}',
    location: 'westeurope',
    account_tier: 'Standard',
    account_replication_type: 'GRS',
    min_tls_version: 'TLS1_2',
    https_traffic_only_enabled: true,
    shared_access_key_enabled: false,
    allow_nested_items_to_be_public: false,
    local_user_enabled: false,
    sftp_enabled: false,
    cross_tenant_replication_enabled: false,
    allowed_copy_scope: 'AAD',
    infrastructure_encryption_enabled: true,
    network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
    immutability_policy: { state: 'Locked', period_since_creation_in_days: 365, allow_protected_append_writes: true },
    blob_properties: {
      versioning_enabled: true,
      change_feed_enabled: true,
      delete_retention_policy: { days: 365 },
      container_delete_retention_policy: { days: 365 },
    },
    lifecycle: { prevent_destroy: true },
    ...overrides,
  };
}

/** The subscription Activity Log exported into `azurerm_storage_account.evidence`, every category on. */
export function activityExport(overrides: Body = {}): Body {
  return {
    name: 'activity-log',
    target_resource_id: SUB,
    storage_account_id: '${azurerm_storage_account.evidence.id}',
    enabled_log: ACTIVITY.map((category) => ({ category })),
    ...overrides,
  };
}

/**
 * A document with a resource group, the evidence account, its Activity Log writer and a
 * CanNotDelete lock; `extra` adds or replaces resources by type and name.
 */
export function evidenceDoc(account: Body = evidenceAccount(), extra: Doc['resource'] = {}): Doc {
  const resource: Doc['resource'] = {
    azurerm_resource_group: { rg: { name: 'rg-evidence', location: 'westeurope' } },
    azurerm_storage_account: { evidence: account },
    azurerm_monitor_diagnostic_setting: { activity: activityExport() },
    azurerm_management_lock: { evidence: { name: 'keep', scope: '${azurerm_storage_account.evidence.id}', lock_level: 'CanNotDelete', lifecycle: { prevent_destroy: true } } },
  };
  for (const [type, byName] of Object.entries(extra)) resource[type] = { ...(resource[type] ?? {}), ...byName };
  return { resource };
}

export function model(doc: Doc): ResourceModel {
  return tfModel(doc);
}

export const EVIDENCE = 'azurerm_storage_account.evidence';
