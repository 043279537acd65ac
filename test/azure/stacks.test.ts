import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { WARNINGS } from '../../constructs/core';
import { AZURE_PLACEHOLDERS, AZURE_STACK_NAMES, createAzureStacks } from '../../cdktf/azure';
import { buildModel, loadPaths, runRules } from '../../policies/engine';
import { AZURE_RULES } from '../../policies/rules/azure';
import { messages, warningIds } from './helpers';

const REAL = {
  'azure:subscriptionId': '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  'azure:tenantId': '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  'azure:resourceGroupName': 'contoso-forensics',
  'azure:evidenceStorageAccountName': 'contosoevidence01',
  'azure:trainingDataStorageAccountName': 'contosotraining01',
  'azure:mlStorageAccountName': 'contosomlartifacts01',
  'azure:logAnalyticsWorkspaceName': 'contoso-forensic-logs',
  'azure:keyVaultName': 'contoso-ml-kv-01',
  'azure:mlWorkspaceName': 'contoso-ml',
  'azure:mlRegistryName': 'contoso-ml-registry',
  'azure:aiServicesAccountName': 'contoso-ai-forensic',
};

function synthApp(context: Record<string, unknown> = {}) {
  const app = Testing.app({ context });
  const stacks = createAzureStacks(app);
  app.synth();
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  return { app, stacks, readiness: read(AZURE_STACK_NAMES.readiness), entra: read(AZURE_STACK_NAMES.entraIdLogs) };
}

const offline = synthApp();

function byType(doc: any, type: string): [string, any][] {
  return Object.entries(doc.resource?.[type] ?? {});
}

describe('Azure reference stacks', () => {
  test('stack names are stable', () => {
    expect(offline.app.node.children.filter((c) => c instanceof Object && 'toTerraform' in c).map((c) => c.node.id).sort()).toEqual(['azure-entra-id-logs', 'azure-forensic-readiness']);
    expect(AZURE_STACK_NAMES).toEqual({ readiness: 'azure-forensic-readiness', entraIdLogs: 'azure-entra-id-logs' });
  });

  test('offline defaults are obviously fake and synth warns that they must be replaced', () => {
    expect(AZURE_PLACEHOLDERS.subscriptionId).toBe('00000000-0000-0000-0000-000000000000');
    expect(offline.readiness.provider.azurerm[0].subscription_id).toBe(AZURE_PLACEHOLDERS.subscriptionId);
    for (const stack of [offline.stacks.readiness, offline.stacks.entraIdLogs]) {
      const placeholder = messages(stack).filter((m) => m.startsWith(`[${WARNINGS.PLACEHOLDER_IDS}]`));
      expect(placeholder).toHaveLength(1);
      expect(placeholder[0]).toMatch(/subscriptionId, tenantId, resourceGroupName, evidenceStorageAccountName/);
    }
  });

  test('real values from node context end the placeholder warning and reach the resources', () => {
    const real = synthApp(REAL);
    expect(warningIds(real.app)).not.toContain(WARNINGS.PLACEHOLDER_IDS);
    expect(real.readiness.provider.azurerm[0]).toMatchObject({ subscription_id: REAL['azure:subscriptionId'], tenant_id: REAL['azure:tenantId'] });
    const accounts = byType(real.readiness, 'azurerm_storage_account').map(([, r]) => r.name).sort();
    expect(accounts).toEqual(['contosoevidence01', 'contosomlartifacts01', 'contosotraining01']);
    expect(byType(real.readiness, 'azurerm_monitor_diagnostic_setting').map(([, r]) => r.target_resource_id)).toContain(`/subscriptions/${REAL['azure:subscriptionId']}`);
  });

  test('props win over context', () => {
    const app = Testing.app({ context: REAL });
    const { readiness } = createAzureStacks(app, { evidenceStorageAccountName: 'propsevidence' });
    expect(readiness.evidence.accountName).toBe('propsevidence');
  });

  test('the provider uses Entra ID for data-plane calls and purges nothing on destroy', () => {
    for (const doc of [offline.readiness, offline.entra]) {
      const provider = doc.provider.azurerm[0];
      expect(provider.storage_use_azuread).toBe(true);
      expect(provider.features[0]).toMatchObject({
        storage: [{ data_plane_available: false }],
        key_vault: [{ purge_soft_delete_on_destroy: false, purge_soft_deleted_keys_on_destroy: false }],
        log_analytics_workspace: [{ permanently_delete_on_destroy: false }],
      });
    }
  });

  test('pins the Terraform addresses of the evidence stores, each with prevent_destroy', () => {
    const pinned: [string, string][] = [
      ['azurerm_resource_group', 'ResourceGroup'],
      ['azurerm_storage_account', 'Evidence_4CC26D68'],
      ['azurerm_management_lock', 'Evidence_DeleteLock_3C0F9D8F'],
      ['azurerm_log_analytics_workspace', 'LogAnalytics_675DAA21'],
      ['azurerm_storage_container', 'Evidence_Container-insights-activity-logs_68E9068C'],
      ['azurerm_storage_container_immutability_policy', 'Evidence_Immutability-insights-activity-logs_9489EFE9'],
      ['azurerm_storage_container', 'Evidence_Container-insights-logs-flowlogflowevent_D86E4113'],
      ['azurerm_storage_container', 'Evidence_Container-insights-logs-signinlogs_A54387EA'],
    ];
    for (const [type, name] of pinned) {
      const r = offline.readiness.resource[type]?.[name];
      expect({ address: `${type}.${name}`, preventDestroy: r?.lifecycle?.prevent_destroy }).toEqual({ address: `${type}.${name}`, preventDestroy: true });
    }
    // Every container and container policy of the evidence account is kept on destroy, whatever its name.
    for (const type of ['azurerm_storage_container', 'azurerm_storage_container_immutability_policy']) {
      for (const [name, r] of byType(offline.readiness, type)) expect({ name, keep: r.lifecycle?.prevent_destroy }).toEqual({ name, keep: true });
    }
  });

  test('the evidence account is locked by default: every container policy locked at 365 days or more', () => {
    const policies = byType(offline.readiness, 'azurerm_storage_container_immutability_policy').map(([, r]) => r);
    expect(policies).toHaveLength(byType(offline.readiness, 'azurerm_storage_container').length);
    expect(policies).toHaveLength(27);
    for (const p of policies) expect(p).toMatchObject({ locked: true, protected_append_writes_enabled: true });
    expect(Math.min(...policies.map((p) => p.immutability_period_in_days))).toBeGreaterThanOrEqual(365);
    expect(warningIds(offline.stacks.readiness)).toEqual(expect.arrayContaining([WARNINGS.TWO_PHASE, WARNINGS.IRREVERSIBLE_LOCK]));
    expect(warningIds(offline.stacks.readiness)).not.toContain(WARNINGS.SOAK_MODE);
  });

  test('context azure:immutability soak gives unlocked container policies and the soak warning', () => {
    const soak = synthApp({ ...REAL, 'azure:immutability': 'soak' });
    const policies = byType(soak.readiness, 'azurerm_storage_container_immutability_policy').map(([, r]) => r);
    expect(policies.every((p) => p.locked === false)).toBe(true);
    expect(warningIds(soak.app)).toContain(WARNINGS.SOAK_MODE);
    expect(warningIds(soak.app)).not.toContain(WARNINGS.IRREVERSIBLE_LOCK);
  });

  test('every VNet has a flow log, every ML workspace a diagnostic setting with allLogs, every data account its blob access logs', () => {
    const doc = offline.readiness;
    const ref = (type: string, name: string) => `\${${type}.${name}.id}`;
    const settings = byType(doc, 'azurerm_monitor_diagnostic_setting').map(([, r]) => r);
    for (const [name] of byType(doc, 'azurerm_virtual_network')) {
      const logs = byType(doc, 'azurerm_network_watcher_flow_log').filter(([, f]) => f.target_resource_id === ref('azurerm_virtual_network', name));
      expect(logs).toHaveLength(1);
      expect(logs[0][1]).toMatchObject({ version: 2, retention_policy: { enabled: true }, traffic_analytics: { enabled: true, interval_in_minutes: 10 } });
    }
    for (const [name, ws] of byType(doc, 'azurerm_machine_learning_workspace')) {
      expect(ws).toMatchObject({ public_network_access_enabled: false, high_business_impact: true });
      const s = settings.filter((x) => x.target_resource_id === ref('azurerm_machine_learning_workspace', name));
      expect(s.map((x) => x.enabled_log)).toEqual([[{ category_group: 'allLogs' }]]);
    }
    const dataAccounts = byType(doc, 'azurerm_storage_account').filter(([, a]) => a.tags['forensic-evidence-store'] !== 'true');
    expect(dataAccounts).toHaveLength(2);
    for (const [name] of dataAccounts) {
      const s = settings.filter((x) => x.target_resource_id === `${ref('azurerm_storage_account', name)}/blobServices/default`);
      expect(s.flatMap((x) => x.enabled_log.map((l: any) => l.category))).toEqual(['StorageRead', 'StorageWrite', 'StorageDelete']);
    }
  });

  test('the online endpoint, the registry and the AI Services account each have their diagnostic setting; the account takes neither keys nor public calls', () => {
    const real = synthApp(REAL);
    const doc = real.readiness;
    const settings = byType(doc, 'azurerm_monitor_diagnostic_setting').map(([, r]) => r);
    const [[wsName]] = byType(doc, 'azurerm_machine_learning_workspace');
    const endpoint = settings.filter((x) => x.target_resource_id === `\${azurerm_machine_learning_workspace.${wsName}.id}/onlineEndpoints/scoring`);
    expect(endpoint.map((x) => x.enabled_log.map((l: any) => l.category))).toEqual([['AmlOnlineEndpointTrafficLog', 'AmlOnlineEndpointConsoleLog', 'AmlOnlineEndpointEventLog']]);
    const registryId = `/subscriptions/${REAL['azure:subscriptionId']}/resourceGroups/contoso-forensics/providers/Microsoft.MachineLearningServices/registries/contoso-ml-registry`;
    expect(settings.filter((x) => x.target_resource_id === registryId).map((x) => x.enabled_log.map((l: any) => l.category))).toEqual([['RegistryAssetReadEvent', 'RegistryAssetWriteEvent']]);
    const [[aiName, ai]] = byType(doc, 'azurerm_cognitive_account');
    expect(ai).toMatchObject({ name: 'contoso-ai-forensic', kind: 'AIServices', custom_subdomain_name: 'contoso-ai-forensic', local_auth_enabled: false, public_network_access_enabled: false, identity: { type: 'SystemAssigned' } });
    const aiSettings = settings.filter((x) => x.target_resource_id === `\${azurerm_cognitive_account.${aiName}.id}`);
    expect(aiSettings.map((x) => x.enabled_log.map((l: any) => l.category))).toEqual([['Audit', 'RequestResponse', 'Trace', 'AzureOpenAIRequestUsage']]);
    for (const s of [...endpoint, ...aiSettings]) expect(s.storage_account_id).toMatch(/^\$\{azurerm_storage_account\.Evidence_/);
  });

  test("context azure:mlOnlineEndpointName '' exports no endpoint setting (before the endpoint exists)", () => {
    const none = synthApp({ ...REAL, 'azure:mlOnlineEndpointName': '' });
    expect(byType(none.readiness, 'azurerm_monitor_diagnostic_setting').filter(([, r]) => /onlineEndpoints/.test(r.target_resource_id))).toEqual([]);
    const other = synthApp({ ...REAL, 'azure:mlOnlineEndpointName': 'fraud-scoring' });
    expect(byType(other.readiness, 'azurerm_monitor_diagnostic_setting').filter(([, r]) => /\/onlineEndpoints\/fraud-scoring$/.test(r.target_resource_id))).toHaveLength(1);
  });

  test('the Entra ID stack exports sign-in and audit logs into the readiness stack evidence store', () => {
    const [[, setting]] = byType(offline.entra, 'azurerm_monitor_aad_diagnostic_setting');
    const categories = setting.enabled_log.map((l: any) => l.category);
    expect(categories).toEqual(expect.arrayContaining(['SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs', 'AuditLogs']));
    expect(setting.storage_account_id).toMatch(/^\$\{data\.terraform_remote_state\..+\}$/);
    expect(setting.log_analytics_workspace_id).toMatch(/^\$\{data\.terraform_remote_state\..+\}$/);
    // Its containers are created, locked, by the readiness stack.
    const containers = byType(offline.readiness, 'azurerm_storage_container').map(([, c]) => c.name);
    for (const c of categories) expect(containers).toContain(`insights-logs-${c.toLowerCase()}`);
  });

  test('the readiness stack deploys the investigation pack on its workspace: one KQL function per Azure question, and the Sentinel rules', () => {
    const searches = byType(offline.readiness, 'azurerm_log_analytics_saved_search').map(([, r]) => r);
    expect(searches.map((r) => r.function_alias).sort()).toEqual([
      'credential_origin', 'data_reads', 'data_writes', 'endpoint_callers', 'endpoint_volume', 'evidence_tampering', 'ml_jobs_using_data', 'network_egress', 'principal_activity',
    ]);
    for (const r of searches) expect(r.log_analytics_workspace_id).toMatch(/^\$\{azurerm_log_analytics_workspace\.LogAnalytics_[0-9A-F]+\.id\}$/);
    expect(byType(offline.readiness, 'azurerm_sentinel_log_analytics_workspace_onboarding')).toHaveLength(1);
    expect(byType(offline.readiness, 'azurerm_sentinel_alert_rule_scheduled').map(([, r]) => [r.name, r.enabled])).toEqual([
      ['forensic-readiness-endpoint-volume', true],
      ['forensic-readiness-evidence-tampering', true],
    ]);
  });

  test('context azure:sentinelEnabled false leaves Sentinel out (it is billed per GB), the functions stay', () => {
    const without = synthApp({ 'azure:sentinelEnabled': false });
    expect(byType(without.readiness, 'azurerm_sentinel_log_analytics_workspace_onboarding')).toEqual([]);
    expect(byType(without.readiness, 'azurerm_sentinel_alert_rule_scheduled')).toEqual([]);
    expect(byType(without.readiness, 'azurerm_log_analytics_saved_search')).toHaveLength(9);
  });

  test('the Azure rules find nothing non-compliant; the one open question is the two-phase account lock', () => {
    const result = runRules(buildModel(loadPaths([offline.app.outdir]).templates), AZURE_RULES);
    expect(result.findings.filter((f) => f.verdict === 'NON_COMPLIANT')).toEqual([]);
    expect(result.findings.map((f) => `${f.verdict} ${f.ruleId}`)).toEqual(['UNKNOWN AZURE.Storage.ImmutabilityLocked']);
  });

  test('after phase two (accountPolicyLocked) the Azure rules find nothing at all', () => {
    const locked = synthApp({ ...REAL, 'azure:accountPolicyLocked': true });
    expect(locked.readiness.resource.azurerm_storage_account.Evidence_4CC26D68.immutability_policy.state).toBe('Locked');
    const result = runRules(buildModel(loadPaths([locked.app.outdir]).templates), AZURE_RULES);
    expect(result.findings).toEqual([]);
    expect(warningIds(locked.app)).not.toContain(WARNINGS.TWO_PHASE);
  });
});
