/**
 * The Azure rules on real cdktf output: a stack written with the azurerm provider bindings is
 * synthesized, loaded into the resource model and judged by every rule. This pins the attribute
 * names and block shapes (objects for single blocks, lists for repeated ones, lifecycle) that the
 * rules read to what cdktf 0.21 and @cdktf/provider-azurerm 14.23 (azurerm 4.55) write.
 */
import { Testing, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount, StorageAccountConfig } from '@cdktf/provider-azurerm/lib/storage-account';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { MonitorAadDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-aad-diagnostic-setting';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { MachineLearningComputeCluster } from '@cdktf/provider-azurerm/lib/machine-learning-compute-cluster';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { SentinelAlertRuleScheduled } from '@cdktf/provider-azurerm/lib/sentinel-alert-rule-scheduled';
import { AZURE_RULES } from '../../../../policies/rules/azure';
import { ACTIVITY_LOG_CATEGORIES } from '../../../../constructs/core/catalogs';
import { ENTRA_SIGN_IN_CATEGORIES } from '../../../../policies/rules/azure/MonitorEntraSignInLogs';
import { ENTRA_RISK_AND_PROVISIONING_CATEGORIES } from '../../../../policies/rules/azure/MonitorEntraRiskAndProvisioningLogs';
import { DEFAULT_RULE_CONFIG, Judgement } from '../../../../policies/engine/types';
import { tfModel } from '../../helpers';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';

/** Every verdict of every Azure rule on a synthesized stack, as `ruleId address -> verdict`. */
function judgeAll(build: (stack: TerraformStack) => void): Map<string, Judgement> {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'azure');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  build(stack);
  const model = tfModel(JSON.parse(Testing.synth(stack)));
  const out = new Map<string, Judgement>();
  for (const rule of AZURE_RULES) {
    for (const r of model.ofType(...rule.appliesTo)) {
      const ctx = { model, config: DEFAULT_RULE_CONFIG };
      const j = rule.isApplicable && !rule.isApplicable(r, ctx) ? { verdict: 'NOT_APPLICABLE' as const, reason: '' } : rule.check(r, ctx);
      out.set(`${rule.id} ${r.address}`, j);
    }
  }
  return out;
}

function forensicStack(stack: TerraformStack): void {
  const rg = new ResourceGroup(stack, 'rg', { name: 'rg-forensics', location: 'westeurope' });
  const base = { resourceGroupName: rg.name, location: rg.location, accountTier: 'Standard', accountReplicationType: 'GRS' };
  const evidence = new StorageAccount(stack, 'evidence', {
    ...base,
    name: 'stevidence',
    sharedAccessKeyEnabled: false,
    allowNestedItemsToBePublic: false,
    minTlsVersion: 'TLS1_2',
    localUserEnabled: false,
    allowedCopyScope: 'AAD',
    infrastructureEncryptionEnabled: true,
    networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
    immutabilityPolicy: { state: 'Locked', periodSinceCreationInDays: 365, allowProtectedAppendWrites: true },
    blobProperties: {
      versioningEnabled: true,
      changeFeedEnabled: true,
      deleteRetentionPolicy: { days: 365 },
      containerDeleteRetentionPolicy: { days: 365 },
    },
    lifecycle: { preventDestroy: true },
  });
  new ManagementLock(stack, 'lock', { name: 'keep-evidence', scope: evidence.id, lockLevel: 'CanNotDelete', lifecycle: { preventDestroy: true } });
  const law = new LogAnalyticsWorkspace(stack, 'law', {
    name: 'law',
    resourceGroupName: rg.name,
    location: rg.location,
    retentionInDays: 90,
    localAuthenticationEnabled: false,
    lifecycle: { preventDestroy: true },
  });
  new LogAnalyticsWorkspaceTable(stack, 'activity-table', { name: 'AzureActivity', workspaceId: law.id, totalRetentionInDays: 1095 });
  new MonitorDiagnosticSetting(stack, 'activity', {
    name: 'activity',
    targetResourceId: SUB,
    storageAccountId: evidence.id,
    logAnalyticsWorkspaceId: law.id,
    enabledLog: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category })),
  });
  new MonitorAadDiagnosticSetting(stack, 'entra', {
    name: 'entra',
    storageAccountId: evidence.id,
    logAnalyticsWorkspaceId: law.id,
    enabledLog: [...ENTRA_SIGN_IN_CATEGORIES, ...ENTRA_RISK_AND_PROVISIONING_CATEGORIES].map((category) => ({ category })),
  });
  const data = new StorageAccount(stack, 'data', { ...base, name: 'sttraining' } as StorageAccountConfig);
  new MonitorDiagnosticSetting(stack, 'blob', {
    name: 'blob',
    targetResourceId: `${data.id}/blobServices/default`,
    storageAccountId: evidence.id,
    logAnalyticsWorkspaceId: law.id,
    enabledLog: [{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: 'StorageDelete' }],
  });
  const vnet = new VirtualNetwork(stack, 'vnet', { name: 'vnet-ml', resourceGroupName: rg.name, location: rg.location, addressSpace: ['10.0.0.0/16'] });
  new NetworkWatcherFlowLog(stack, 'flows', {
    name: 'vnet-ml',
    networkWatcherName: 'NetworkWatcher_westeurope',
    resourceGroupName: 'NetworkWatcherRG',
    targetResourceId: vnet.id,
    storageAccountId: evidence.id,
    enabled: true,
    version: 2,
    retentionPolicy: { enabled: true, days: 0 },
    trafficAnalytics: { enabled: true, workspaceId: law.workspaceId, workspaceRegion: rg.location, workspaceResourceId: law.id, intervalInMinutes: 10 },
  });
  const kv = new KeyVault(stack, 'kv', {
    name: 'kv-ml',
    resourceGroupName: rg.name,
    location: rg.location,
    skuName: 'premium',
    tenantId: '00000000-0000-0000-0000-000000000000',
    purgeProtectionEnabled: true,
  });
  new MonitorDiagnosticSetting(stack, 'kv-logs', { name: 'kv', targetResourceId: kv.id, storageAccountId: evidence.id, logAnalyticsWorkspaceId: law.id, enabledLog: [{ categoryGroup: 'audit' }] });
  const ml = new MachineLearningWorkspace(stack, 'ml', {
    name: 'mlw',
    resourceGroupName: rg.name,
    location: rg.location,
    applicationInsightsId: 'appi',
    keyVaultId: kv.id,
    storageAccountId: data.id,
    identity: { type: 'SystemAssigned' },
    publicNetworkAccessEnabled: false,
    highBusinessImpact: true,
    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
  });
  new MonitorDiagnosticSetting(stack, 'ml-logs', { name: 'ml', targetResourceId: ml.id, storageAccountId: evidence.id, logAnalyticsWorkspaceId: law.id, enabledLog: [{ categoryGroup: 'allLogs' }] });
  new MonitorDiagnosticSetting(stack, 'endpoint-logs', {
    name: 'endpoint',
    targetResourceId: `${ml.id}/onlineEndpoints/scoring`,
    storageAccountId: evidence.id,
    logAnalyticsWorkspaceId: law.id,
    enabledLog: [{ category: 'AmlOnlineEndpointTrafficLog' }],
  });
  const ai = new CognitiveAccount(stack, 'ai', {
    name: 'ai-forensic',
    resourceGroupName: rg.name,
    location: rg.location,
    kind: 'AIServices',
    skuName: 'S0',
    customSubdomainName: 'ai-forensic',
    localAuthEnabled: false,
    publicNetworkAccessEnabled: false,
  });
  new MonitorDiagnosticSetting(stack, 'ai-logs', {
    name: 'ai',
    targetResourceId: ai.id,
    storageAccountId: evidence.id,
    logAnalyticsWorkspaceId: law.id,
    enabledLog: [{ category: 'Audit' }, { category: 'RequestResponse' }],
  });
  new SentinelAlertRuleScheduled(stack, 'tampering', { name: 'tampering', logAnalyticsWorkspaceId: law.id, displayName: 'tampering', severity: 'High', enabled: true, query: "AzureActivity | where OperationNameValue has 'diagnosticsettings'" });
  new MachineLearningComputeCluster(stack, 'cluster', {
    name: 'train',
    location: rg.location,
    machineLearningWorkspaceId: ml.id,
    vmPriority: 'Dedicated',
    vmSize: 'Standard_DS3_v2',
    scaleSettings: { maxNodeCount: 2, minNodeCount: 0, scaleDownNodesAfterIdleDuration: 'PT5M' },
    localAuthEnabled: false,
    nodePublicIpEnabled: false,
    subnetResourceId: 'subnet',
  });
}

describe('Azure rules on synthesized cdktf output', () => {
  test('a forensic-ready stack passes every rule', () => {
    const verdicts = judgeAll(forensicStack);
    const failing = [...verdicts].filter(([, j]) => j.verdict === 'NON_COMPLIANT' || j.verdict === 'UNKNOWN');
    expect(failing).toEqual([]);
    // every rule judged at least one resource of this stack
    for (const rule of AZURE_RULES) {
      expect([...verdicts].some(([k, j]) => k.startsWith(`${rule.id} `) && j.verdict === 'COMPLIANT')).toBe(true);
    }
  });

  test('provider defaults fail the rules that need an explicit setting', () => {
    const verdicts = judgeAll((stack) => {
      const rg = new ResourceGroup(stack, 'rg', { name: 'rg', location: 'westeurope' });
      const account = new StorageAccount(stack, 'logs', { name: 'stlogs', resourceGroupName: rg.name, location: rg.location, accountTier: 'Standard', accountReplicationType: 'LRS' });
      new MonitorDiagnosticSetting(stack, 'activity', { name: 'a', targetResourceId: SUB, storageAccountId: account.id, enabledLog: [{ category: 'Administrative' }] });
      new LogAnalyticsWorkspace(stack, 'law', { name: 'law', resourceGroupName: rg.name, location: rg.location });
      new VirtualNetwork(stack, 'vnet', { name: 'v', resourceGroupName: rg.name, location: rg.location, addressSpace: ['10.0.0.0/16'] });
      new CognitiveAccount(stack, 'ai', { name: 'ai', resourceGroupName: rg.name, location: rg.location, kind: 'OpenAI', skuName: 'S0' });
    });
    const verdict = (id: string, address: string) => verdicts.get(`${id} ${address}`)?.verdict;
    for (const id of [
      'AZURE.Storage.ImmutabilityPolicy',
      'AZURE.Storage.BlobVersioning',
      'AZURE.Storage.ChangeFeed',
      'AZURE.Storage.SoftDelete',
      'AZURE.Storage.SharedKeyDisabled',
      'AZURE.Storage.NestedPublicAccessDisabled',
      'AZURE.Storage.DeleteLock',
      'AZURE.Storage.PreventDestroy',
      'AZURE.Storage.EvidenceNetworkDeny',
      'AZURE.Storage.EvidenceAccountHardening',
    ]) {
      expect([id, verdict(id, 'azurerm_storage_account.logs')]).toEqual([id, 'NON_COMPLIANT']);
    }
    expect(verdict('AZURE.Storage.SecureTransport', 'azurerm_storage_account.logs')).toBe('COMPLIANT');
    expect(verdict('AZURE.Monitor.ActivityLogCategories', 'azurerm_monitor_diagnostic_setting.activity')).toBe('NON_COMPLIANT');
    expect(verdict('AZURE.LogAnalytics.Retention', 'azurerm_log_analytics_workspace.law')).toBe('NON_COMPLIANT');
    expect(verdict('AZURE.LogAnalytics.LocalAuthDisabled', 'azurerm_log_analytics_workspace.law')).toBe('NON_COMPLIANT');
    expect(verdict('AZURE.Network.VnetFlowLogs', 'azurerm_virtual_network.vnet')).toBe('NON_COMPLIANT');
    expect(verdict('AZURE.LogAnalytics.PreventDestroy', 'azurerm_log_analytics_workspace.law')).toBe('NOT_APPLICABLE');
    for (const id of ['AZURE.CognitiveServices.LocalAuthDisabled', 'AZURE.CognitiveServices.PublicNetworkDisabled', 'AZURE.Monitor.CognitiveAccountDiagnostics']) {
      expect([id, verdict(id, 'azurerm_cognitive_account.ai')]).toEqual([id, 'NON_COMPLIANT']);
    }
  });
});
