import { Testing } from 'cdktf';
import { WARNINGS } from '../../constructs/core';
import { HardenedMlWorkspace, HardenedMlWorkspaceProps } from '../../constructs/azure';
import { ML_WORKSPACE_PROPS, only, RG_ID, synth, warningIds } from './helpers';

const base: HardenedMlWorkspaceProps = ML_WORKSPACE_PROPS;

function build(props: Partial<HardenedMlWorkspaceProps> = {}, after?: (w: HardenedMlWorkspace) => void) {
  return synth((stack) => {
    const w = new HardenedMlWorkspace(stack, 'Ml', { ...base, ...props });
    after?.(w);
  });
}

describe('HardenedMlWorkspace', () => {
  test('defaults: private, high business impact, approved outbound only, no v1 APIs, system identity', () => {
    const s = build();
    const ws = only(s, 'azurerm_machine_learning_workspace');
    expect(ws).toMatchObject({
      name: 'ml-ws',
      public_network_access_enabled: false,
      high_business_impact: true,
      v1_legacy_mode_enabled: false,
      managed_network: { isolation_mode: 'AllowOnlyApprovedOutbound' },
      identity: { type: 'SystemAssigned' },
      sku_name: 'Basic',
      tags: { 'forensic-evidence-source': 'ml-training-lifecycle' },
    });
    expect(ws).not.toHaveProperty('encryption');
    expect(ws).not.toHaveProperty('container_registry_id');
    expect(ws).not.toHaveProperty('serverless_compute');
    expect(warningIds(s.stack)).toEqual([]);
  });

  test('a compute cluster has no local auth, no public IP, no public SSH and its own identity', () => {
    const s = build({}, (w) => w.addComputeCluster('Cluster', { name: 'training', vmSize: 'Standard_DS3_v2' }));
    expect(only(s, 'azurerm_machine_learning_compute_cluster')).toMatchObject({
      name: 'training',
      local_auth_enabled: false,
      node_public_ip_enabled: false,
      ssh_public_access_enabled: false,
      identity: { type: 'SystemAssigned' },
      vm_priority: 'Dedicated',
      scale_settings: { min_node_count: 0, max_node_count: 4, scale_down_nodes_after_idle_duration: 'PT15M' },
    });
    expect(only(s, 'azurerm_machine_learning_compute_cluster')).not.toHaveProperty('ssh');
  });

  test('a compute instance has no local auth and no public IP', () => {
    const s = build({}, (w) => w.addComputeInstance('Instance', { name: 'analyst-1', virtualMachineSize: 'Standard_DS3_v2' }));
    expect(Testing.toHaveResourceWithProperties(s.text, 'azurerm_machine_learning_compute_instance', {
      name: 'analyst-1',
      authorization_type: 'personal',
      local_auth_enabled: false,
      node_public_ip_enabled: false,
    })).toBe(true);
    expect(only(s, 'azurerm_machine_learning_compute_instance')).not.toHaveProperty('ssh');
  });

  test('encryptionKey sets a customer-managed key with a user-assigned identity', () => {
    const key = { keyVaultId: base.keyVaultId, keyId: 'https://kv.vault.azure.net/keys/ml/1', userAssignedIdentityId: `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai` };
    const ws = only(build({ encryptionKey: key, containerRegistryId: `${RG_ID}/providers/Microsoft.ContainerRegistry/registries/acr` }), 'azurerm_machine_learning_workspace');
    expect(ws.encryption).toEqual({ key_vault_id: key.keyVaultId, key_id: key.keyId, user_assigned_identity_id: key.userAssignedIdentityId });
    expect(ws.identity).toEqual({ type: 'UserAssigned', identity_ids: [key.userAssignedIdentityId] });
    expect(ws.primary_user_assigned_identity).toBe(key.userAssignedIdentityId);
    expect(ws.container_registry_id).toMatch(/registries\/acr$/);
  });

  test('public access and internet outbound are explicit and warn', () => {
    const s = build({ publicNetworkAccessEnabled: true, isolationMode: 'AllowInternetOutbound' });
    expect(only(s, 'azurerm_machine_learning_workspace')).toMatchObject({ public_network_access_enabled: true, managed_network: { isolation_mode: 'AllowInternetOutbound' } });
    expect(warningIds(s.stack)).toEqual([WARNINGS.WEAKENED_DEFAULT, WARNINGS.WEAKENED_DEFAULT]);
  });

  test('fails when workspaceName is not a workspace name', () => {
    expect(() => build({ workspaceName: 'x' })).toThrow(/workspaceName/);
  });
  test('fails when a compute name is not a compute name', () => {
    expect(() => build({}, (w) => w.addComputeCluster('C', { name: '1cluster', vmSize: 'Standard_DS3_v2' }))).toThrow(/name must be a compute name of 3 to 32/);
    expect(() => build({}, (w) => w.addComputeInstance('I', { name: 'a', virtualMachineSize: 'Standard_DS3_v2' }))).toThrow(/name/);
  });
  test('fails when maxNodeCount is under 1', () => {
    expect(() => build({}, (w) => w.addComputeCluster('C', { name: 'training', vmSize: 'Standard_DS3_v2', maxNodeCount: 0 }))).toThrow(/maxNodeCount/);
  });
});
