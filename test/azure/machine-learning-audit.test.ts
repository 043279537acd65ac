import { Testing } from 'cdktf';
import { WARNINGS } from '../../constructs/core';
import { EvidenceStorage, MachineLearningAudit, MachineLearningAuditProps } from '../../constructs/azure';
import { ENDPOINT_ID, EXTERNAL_STORE, EXTERNAL_WORKSPACE, ML_ID, REGISTRY_ID, resources, synth, warningIds } from './helpers';

function build(props: Partial<MachineLearningAuditProps> = {}) {
  return synth((stack) => {
    new MachineLearningAudit(stack, 'MlAudit', { machineLearningWorkspaceId: ML_ID, destination: EXTERNAL_STORE, workspace: EXTERNAL_WORKSPACE, ...props });
  });
}

const settingFor = (s: ReturnType<typeof build>, target: string) => resources(s, 'azurerm_monitor_diagnostic_setting').find((r) => r.target_resource_id === target);

describe('MachineLearningAudit', () => {
  test('defaults: every workspace log (allLogs) and AllMetrics into storage and Log Analytics', () => {
    const s = build();
    const all = resources(s, 'azurerm_monitor_diagnostic_setting');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      name: 'forensic-readiness-ml',
      target_resource_id: ML_ID,
      storage_account_id: EXTERNAL_STORE.storageAccountId,
      log_analytics_workspace_id: EXTERNAL_WORKSPACE.workspaceResourceId,
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
    expect(all[0].enabled_log[0]).not.toHaveProperty('category');
    expect(warningIds(s.stack)).toEqual([]);
  });

  test('online endpoints get traffic, console and event logs', () => {
    const s = build({ onlineEndpoints: { scoring: ENDPOINT_ID } });
    expect(settingFor(s, ENDPOINT_ID)).toMatchObject({
      enabled_log: [{ category: 'AmlOnlineEndpointTrafficLog' }, { category: 'AmlOnlineEndpointConsoleLog' }, { category: 'AmlOnlineEndpointEventLog' }],
      storage_account_id: EXTERNAL_STORE.storageAccountId,
    });
  });

  test('registries, given by resource id, get asset read and write events', () => {
    const s = build({ registries: { models: REGISTRY_ID } });
    expect(Testing.toHaveResourceWithProperties(s.text, 'azurerm_monitor_diagnostic_setting', {
      target_resource_id: REGISTRY_ID,
      enabled_log: [{ category: 'RegistryAssetReadEvent' }, { category: 'RegistryAssetWriteEvent' }],
    })).toBe(true);
  });

  test('with EvidenceStorage, endpoint and registry containers are locked first; allLogs containers are left to the account policy', () => {
    const s = synth((stack) => {
      const evidence = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' });
      new MachineLearningAudit(stack, 'MlAudit', { machineLearningWorkspaceId: ML_ID, onlineEndpoints: { scoring: ENDPOINT_ID }, registries: { models: REGISTRY_ID }, destination: evidence, workspace: EXTERNAL_WORKSPACE });
    });
    expect(resources(s, 'azurerm_storage_container').map((c) => c.name).sort()).toEqual([
      'insights-logs-amlonlineendpointconsolelog',
      'insights-logs-amlonlineendpointeventlog',
      'insights-logs-amlonlineendpointtrafficlog',
      'insights-logs-registryassetreadevent',
      'insights-logs-registryassetwriteevent',
    ]);
    expect(settingFor(s, ML_ID)).not.toHaveProperty('depends_on');
    expect(settingFor(s, ENDPOINT_ID)!.depends_on).toHaveLength(3);
  });

  test('metricsEnabled false drops workspace metrics and warns', () => {
    const s = build({ metricsEnabled: false });
    expect(settingFor(s, ML_ID)).not.toHaveProperty('enabled_metric');
    expect(warningIds(s.stack)).toEqual([WARNINGS.WEAKENED_DEFAULT]);
  });

  test('without a workspace it writes to storage only, and warns', () => {
    const s = build({ workspace: undefined });
    expect(settingFor(s, ML_ID)).not.toHaveProperty('log_analytics_workspace_id');
    expect(warningIds(s.stack)).toEqual([WARNINGS.WEAKENED_DEFAULT]);
  });

  test('settingName override names every setting', () => {
    const s = build({ settingName: 'ml-audit', onlineEndpoints: { scoring: ENDPOINT_ID } });
    expect(resources(s, 'azurerm_monitor_diagnostic_setting').map((r) => r.name)).toEqual(['ml-audit', 'ml-audit']);
  });

  test('fails when machineLearningWorkspaceId is not an ML workspace id', () => {
    expect(() => build({ machineLearningWorkspaceId: ENDPOINT_ID })).toThrow(/machineLearningWorkspaceId must be a Resource Manager id of a Microsoft.MachineLearningServices\/workspaces/);
  });
  test('fails when an online endpoint id is not an online endpoint', () => {
    expect(() => build({ onlineEndpoints: { scoring: ML_ID } })).toThrow(/onlineEndpoints.scoring/);
  });
  test('fails when a registry id is not a registry', () => {
    expect(() => build({ registries: { models: ML_ID } })).toThrow(/registries.models/);
  });
  test('fails when an endpoint key is not a valid name', () => {
    expect(() => build({ onlineEndpoints: { 'bad key': ENDPOINT_ID } })).toThrow(/onlineEndpoints/);
  });
});
