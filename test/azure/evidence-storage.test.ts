import { Testing } from 'cdktf';
import { acknowledgeKitWarning, Immutability, Retention, WARNINGS } from '../../constructs/core';
import { EvidenceStorage, EvidenceStorageProps } from '../../constructs/azure';
import { only, resources, synth, warningIds } from './helpers';

const SUBNET_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/investigators';
const base: EvidenceStorageProps = { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' };

function build(props: Partial<EvidenceStorageProps> = {}, after?: (e: EvidenceStorage) => void) {
  let store!: EvidenceStorage;
  const s = synth((stack) => {
    store = new EvidenceStorage(stack, 'Evidence', { ...base, ...props });
    after?.(store);
  });
  return { s, store, account: only(s, 'azurerm_storage_account') };
}

describe('EvidenceStorage', () => {
  test('defaults: every secure and forensic default of the account', () => {
    const { s, account } = build();
    expect(account).toMatchObject({
      name: 'evidence01',
      account_kind: 'StorageV2',
      account_tier: 'Standard',
      account_replication_type: 'GRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      local_user_enabled: false,
      sftp_enabled: false,
      cross_tenant_replication_enabled: false,
      allowed_copy_scope: 'AAD',
      infrastructure_encryption_enabled: true,
      public_network_access_enabled: true,
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'], ip_rules: [], virtual_network_subnet_ids: [] },
      blob_properties: {
        versioning_enabled: true,
        change_feed_enabled: true,
        change_feed_retention_in_days: 365,
        delete_retention_policy: { days: 365, permanent_delete_enabled: false },
        container_delete_retention_policy: { days: 365 },
      },
      immutability_policy: { state: 'Unlocked', period_since_creation_in_days: 365, allow_protected_append_writes: true },
      tags: { 'forensic-readiness': 'forensic-readiness-kit', 'forensic-evidence-source': 'evidence-immutability', 'forensic-evidence-store': 'true' },
      lifecycle: { prevent_destroy: true },
    });
    // Microsoft-managed keys unless asked: no identity, no customer-managed key block.
    expect(account).not.toHaveProperty('customer_managed_key');
    expect(account).not.toHaveProperty('identity');
    expect(Testing.toHaveResourceWithProperties(s.text, 'azurerm_management_lock', { lock_level: 'CanNotDelete', lifecycle: { prevent_destroy: true } })).toBe(true);
    expect(only(s, 'azurerm_management_lock').scope).toMatch(/^\$\{azurerm_storage_account\.Evidence_[0-9A-F]+\.id\}$/);
    expect(resources(s, 'azurerm_storage_container')).toHaveLength(0);
    expect(resources(s, 'azurerm_role_definition')).toHaveLength(0);
  });

  test('defaults: synth announces the irreversible lock and the two-phase account lock, not soak', () => {
    const { s } = build();
    const ids = warningIds(s.stack);
    expect(ids).toEqual(expect.arrayContaining([WARNINGS.IRREVERSIBLE_LOCK, WARNINGS.TWO_PHASE]));
    expect(ids).not.toContain(WARNINGS.SOAK_MODE);
    expect(ids).not.toContain(WARNINGS.SHORT_RETENTION);
  });

  test('an evidence container is created private, with a policy locked in the same apply and append writes for append blobs', () => {
    const { s, store } = build({}, (e) => e.evidenceContainer('insights-activity-logs'));
    expect(only(s, 'azurerm_storage_container')).toMatchObject({ name: 'insights-activity-logs', container_access_type: 'private', lifecycle: { prevent_destroy: true } });
    const policy = only(s, 'azurerm_storage_container_immutability_policy');
    expect(policy).toMatchObject({ immutability_period_in_days: 365, locked: true, protected_append_writes_enabled: true, lifecycle: { prevent_destroy: true } });
    // Block-and-append protected writes exist only for container-level (not version-level) policies.
    expect(policy).not.toHaveProperty('protected_append_writes_all_enabled');
    expect(policy.storage_container_resource_manager_id).toMatch(/^\$\{azurerm_storage_container\..+\.id\}$/);
    expect(store.containerNames).toEqual(['insights-activity-logs']);
  });

  test('asking twice for a container creates it once', () => {
    const { s, store } = build({}, (e) => {
      const a = e.evidenceContainer('insights-logs-storageread');
      const b = e.evidenceContainer('insights-logs-storageread');
      expect(a).toBe(b);
    });
    expect(resources(s, 'azurerm_storage_container')).toHaveLength(1);
    expect(store.containerNames).toHaveLength(1);
  });

  test('containers prop creates locked evidence containers up front', () => {
    const { s } = build({ containers: ['evidence-a', 'evidence-b'] });
    expect(resources(s, 'azurerm_storage_container').map((c) => c.name)).toEqual(['evidence-a', 'evidence-b']);
    expect(resources(s, 'azurerm_storage_container_immutability_policy').every((p) => p.locked === true)).toBe(true);
  });

  test('retention override sets the account and container periods', () => {
    const { s } = build({ retention: Retention.years(2) }, (e) => e.evidenceContainer('c01'));
    expect(only(s, 'azurerm_storage_account').immutability_policy.period_since_creation_in_days).toBe(730);
    expect(only(s, 'azurerm_storage_account').blob_properties.change_feed_retention_in_days).toBe(730);
    expect(only(s, 'azurerm_storage_container_immutability_policy').immutability_period_in_days).toBe(730);
  });

  test('a retention under 365 days warns', () => {
    const { s } = build({ retention: Retention.days(30) });
    expect(warningIds(s.stack)).toContain(WARNINGS.SHORT_RETENTION);
  });

  test('SOAK leaves container policies unlocked and warns, without lock notices', () => {
    const { s } = build({ immutability: Immutability.SOAK }, (e) => e.evidenceContainer('c01'));
    expect(only(s, 'azurerm_storage_container_immutability_policy').locked).toBe(false);
    expect(only(s, 'azurerm_storage_account').immutability_policy.state).toBe('Unlocked');
    const ids = warningIds(s.stack);
    expect(ids).toContain(WARNINGS.SOAK_MODE);
    expect(ids).not.toContain(WARNINGS.IRREVERSIBLE_LOCK);
    expect(ids).not.toContain(WARNINGS.TWO_PHASE);
  });

  test('accountPolicyLocked (phase two) locks the account-level policy and ends the two-phase warning', () => {
    const { s } = build({ accountPolicyLocked: true });
    expect(only(s, 'azurerm_storage_account').immutability_policy.state).toBe('Locked');
    expect(warningIds(s.stack)).not.toContain(WARNINGS.TWO_PHASE);
  });

  test('encryptionKey sets a customer-managed key with its user-assigned identity', () => {
    const key = { keyVaultKeyId: 'https://kv.vault.azure.net/keys/evidence', userAssignedIdentityId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai' };
    const { account } = build({ encryptionKey: key });
    expect(account.identity).toEqual({ type: 'UserAssigned', identity_ids: [key.userAssignedIdentityId] });
    expect(account.customer_managed_key).toEqual({ key_vault_key_id: key.keyVaultKeyId, user_assigned_identity_id: key.userAssignedIdentityId });
    expect(account.infrastructure_encryption_enabled).toBe(true);
  });

  test('replication, firewall, soft delete and change feed overrides', () => {
    const { account } = build({
      replication: 'GZRS',
      allowedSubnetIds: [SUBNET_ID],
      allowedIpRanges: ['203.0.113.0/24'],
      softDeleteRetention: Retention.days(30),
      changeFeedRetention: Retention.days(3650),
    });
    expect(account.account_replication_type).toBe('GZRS');
    expect(account.network_rules).toMatchObject({ default_action: 'Deny', ip_rules: ['203.0.113.0/24'], virtual_network_subnet_ids: [SUBNET_ID] });
    expect(account.blob_properties.delete_retention_policy.days).toBe(30);
    expect(account.blob_properties.container_delete_retention_policy.days).toBe(30);
    expect(account.blob_properties.change_feed_retention_in_days).toBe(3650);
  });

  test('tags are merged under the kit tags', () => {
    const { account } = build({ tags: { team: 'sec', 'forensic-evidence-store': 'false' } });
    expect(account.tags).toMatchObject({ team: 'sec', 'forensic-evidence-store': 'true' });
  });

  test('grantAppend defines one narrow role (write and add, no read, no delete) and assigns it on the account', () => {
    const { s } = build({}, (e) => {
      e.grantAppend('00000000-aaaa-bbbb-cccc-000000000001', 'ServicePrincipal');
      e.grantAppend('00000000-aaaa-bbbb-cccc-000000000002');
    });
    const role = only(s, 'azurerm_role_definition');
    expect(role.permissions).toEqual([
      {
        actions: [],
        data_actions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
        ],
        not_actions: [],
        not_data_actions: [],
      },
    ]);
    expect(JSON.stringify(role.permissions)).not.toMatch(/delete|read/i);
    // Custom roles cannot be scoped to a resource: the resource group id is cut from the account id.
    expect(role.scope).toMatch(/^\$\{join\("\/", slice\(split\("\/", azurerm_storage_account\.Evidence_[0-9A-F]+\.id\), 0, 5\)\)\}$/);
    expect(role.assignable_scopes).toEqual([role.scope]);
    const grants = resources(s, 'azurerm_role_assignment');
    expect(grants).toHaveLength(2);
    expect(grants[0]).toMatchObject({ principal_id: '00000000-aaaa-bbbb-cccc-000000000001', principal_type: 'ServicePrincipal' });
    expect(grants[0].role_definition_id).toMatch(/role_definition_resource_id/);
    expect(grants[0].scope).toMatch(/^\$\{azurerm_storage_account\..+\.id\}$/);
    expect(grants[1]).not.toHaveProperty('principal_type');
  });

  test('grantReadEvidence assigns Storage Blob Data Reader, and no write role', () => {
    const { s } = build({}, (e) => e.grantReadEvidence('00000000-aaaa-bbbb-cccc-000000000003', 'User'));
    expect(only(s, 'azurerm_role_assignment')).toMatchObject({ role_definition_name: 'Storage Blob Data Reader', principal_type: 'User' });
    expect(resources(s, 'azurerm_role_definition')).toHaveLength(0);
  });

  test('an acknowledged warning is not raised', () => {
    const s = synth((stack) => {
      acknowledgeKitWarning(stack, WARNINGS.TWO_PHASE, 'phase two is scheduled after the first audit');
      new EvidenceStorage(stack, 'Evidence', base);
    });
    expect(warningIds(s.stack)).not.toContain(WARNINGS.TWO_PHASE);
    expect(warningIds(s.stack)).toContain(WARNINGS.IRREVERSIBLE_LOCK);
  });

  test('fails when accountName is not 3 to 24 lower-case letters and digits', () => {
    expect(() => build({ accountName: 'Evidence-01' })).toThrow(/accountName/);
  });
  test('fails when retention is outside 1 to 146000 days', () => {
    expect(() => build({ retention: Retention.days(0) })).toThrow(/retention must be 1 to 146000 days/);
    expect(() => build({ retention: Retention.days(146_001) })).toThrow(/retention/);
  });
  test('fails when softDeleteRetention is over 365 days', () => {
    expect(() => build({ softDeleteRetention: Retention.days(366) })).toThrow(/softDeleteRetention/);
  });
  test('fails when changeFeedRetention is under 1 day', () => {
    expect(() => build({ changeFeedRetention: Retention.days(0) })).toThrow(/changeFeedRetention/);
  });
  test('fails when accountPolicyLocked is set in SOAK mode', () => {
    expect(() => build({ immutability: Immutability.SOAK, accountPolicyLocked: true })).toThrow(/accountPolicyLocked/);
  });
  test('fails when a container name is not a valid container name', () => {
    expect(() => build({ containers: ['Bad_Name'] })).toThrow(/containers/);
  });
});
