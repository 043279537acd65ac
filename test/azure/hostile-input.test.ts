/**
 * Hostile input to the Azure constructs (issue 10): each refusal names the prop, each weaker
 * choice warns with an acknowledgeable id (naming the check it fails, where one does), and a
 * token reaches cdk.tf.json unchanged in every construct.
 */
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Immutability, Retention, WARNINGS } from '../../constructs/core';
import {
  ActivityLogs,
  EntraIdLogs,
  EvidenceStorage,
  EvidenceStorageProps,
  FlowLogs,
  HardenedMlWorkspace,
  LogAnalytics,
  MachineLearningAudit,
  StorageAccessLogs,
  CognitiveAccountAudit,
} from '../../constructs/azure';
import { EXTERNAL_STORE, EXTERNAL_WORKSPACE, messages, ML_ID, only, RG_ID, STORAGE_ID, SUB, synth, VNET_ID, warningIds } from './helpers';

const store: EvidenceStorageProps = { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' };
const num = (s: TerraformStack, name: string) => new TerraformVariable(s, name, { type: 'number' }).numberValue;
const str = (s: TerraformStack, name: string) => new TerraformVariable(s, name, { type: 'string' }).stringValue;
const storage = (props: Partial<EvidenceStorageProps>) => synth((s) => void new EvidenceStorage(s, 'Evidence', { ...store, ...props }));

describe('EvidenceStorage refuses', () => {
  test.each([
    ["immutability 'locked'", { immutability: 'locked' as never }, /immutability must be Immutability.LOCKED or Immutability.SOAK, got "locked"/],
    ['immutability { mode: locked }', { immutability: { mode: 'locked' } as never }, /immutability must be Immutability.LOCKED or Immutability.SOAK/],
    ['immutability true', { immutability: true as never }, /immutability must be Immutability.LOCKED or Immutability.SOAK, got true/],
    ['a bare number as retention', { retention: 365 as never }, /retention must be a Retention/],
    ['a wrong-typed accountName', { accountName: 5 as never }, /accountName must be a storage account name/],
    ['a missing location', { location: undefined as never }, /location must be an Azure region/],
    ['a resource group ending in a period', { resourceGroupName: 'rg.' }, /resourceGroupName must be a resource group name .*not end in a period/],
    ['an unknown replication', { replication: 'XRS' as never }, /replication must be one of/],
    ['an all-address IP range', { allowedIpRanges: ['0.0.0.0/0'] }, /allowedIpRanges\[0\] must be a public IPv4 .*private ranges/],
    ['an IPv6 range', { allowedIpRanges: ['::/0'] }, /allowedIpRanges\[0\] must be a public IPv4/],
    ['a /32 range', { allowedIpRanges: ['203.0.113.5/32'] }, /allowedIpRanges\[0\] .*without \/31 or \/32/],
    ['a subnet that is no subnet id', { allowedSubnetIds: ['/subnet/1'] }, /allowedSubnetIds\[0\] must be a Resource Manager id of a Microsoft.Network\/virtualNetworks\/subnets/],
    ['a container name with consecutive hyphens', { containers: ['a--b'] }, /containers\[0\] must be a container name/],
    ['a wrong-typed tag value', { tags: { env: 5 as never } }, /tags.env must be a string tag value/],
  ])('%s', (_, props, message) => {
    expect(() => storage(props)).toThrow(message);
  });
  test('a grant to a principal that is no GUID', () => {
    expect(() => synth((s) => void new EvidenceStorage(s, 'Evidence', store).grantReadEvidence('alice'))).toThrow(/principalId must be a GUID/);
  });
});

describe('EvidenceStorage warns', () => {
  test.each([
    ['softDeleteRetention below the floor', { softDeleteRetention: Retention.days(30) }, WARNINGS.SHORT_RETENTION, /AZURE.Storage.SoftDelete/],
    ['changeFeedRetention below the floor', { changeFeedRetention: Retention.days(30) }, WARNINGS.SHORT_RETENTION, /AZURE.Storage.ChangeFeed/],
    ['replication LRS', { replication: 'LRS' as const }, WARNINGS.WEAKENED_DEFAULT, /replication LRS keeps every copy in one region/],
    ['a wide IP range', { allowedIpRanges: ['1.0.0.0/8'] }, WARNINGS.WEAKENED_DEFAULT, /allowedIpRanges 1.0.0.0\/8 lets a wide range/],
  ])('%s', (_, props, id, message) => {
    const s = storage(props);
    expect(warningIds(s.stack)).toContain(id);
    expect(messages(s.stack).join('\n')).toMatch(message);
  });
  test('nothing weakened, nothing of the sort', () => {
    expect(messages(storage({}).stack).join('\n')).not.toMatch(/AZURE\.Storage|replication|allowedIpRanges/);
  });
});

describe('the writers refuse', () => {
  test('a destination given as an id string (it would write no storage_account_id)', () => {
    expect(() => synth((s) => void new ActivityLogs(s, 'A', { subscriptionId: SUB, destination: STORAGE_ID as never }))).toThrow(/destination must be an IEvidenceStore/);
    expect(() => synth((s) => void new EntraIdLogs(s, 'E', { destination: STORAGE_ID as never }))).toThrow(/destination must be an IEvidenceStore/);
  });
  test('a missing destination, as a validation error and not a TypeError', () => {
    expect(() => synth((s) => void new StorageAccessLogs(s, 'S', { storageAccountId: STORAGE_ID } as never))).toThrow(/destination must be an IEvidenceStore/);
  });
  test('a workspace without its GUID', () => {
    expect(() => synth((s) => void new ActivityLogs(s, 'A', { subscriptionId: SUB, destination: EXTERNAL_STORE, workspace: { ...EXTERNAL_WORKSPACE, workspaceGuid: 'law' } }))).toThrow(/workspace.workspaceGuid must be a GUID/);
  });
  test('a setting name Azure refuses', () => {
    expect(() => synth((s) => void new ActivityLogs(s, 'A', { subscriptionId: SUB, destination: EXTERNAL_STORE, settingName: 'a/b' }))).toThrow(/settingName must be a diagnostic setting name/);
  });
  test('an empty resource id', () => {
    expect(() => synth((s) => void new MachineLearningAudit(s, 'M', { machineLearningWorkspaceId: '', destination: EXTERNAL_STORE }))).toThrow(/machineLearningWorkspaceId must be a Resource Manager id/);
  });
  test('a token category (it would become a container name)', () => {
    expect(() => synth((s) => void new ActivityLogs(s, 'A', { subscriptionId: SUB, destination: EXTERNAL_STORE, categories: [str(s, 'c') as never] }))).toThrow(/categories\[0\] must be one of .*known at synth/);
  });
  test('a wrong-typed flag of HardenedMlWorkspace', () => {
    const base = { workspaceName: 'mlw', resourceGroupName: 'rg', location: 'westeurope', applicationInsightsId: `${RG_ID}/providers/Microsoft.Insights/components/ai`, keyVaultId: `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv`, storageAccountId: STORAGE_ID };
    expect(() => synth((s) => void new HardenedMlWorkspace(s, 'W', { ...base, publicNetworkAccessEnabled: 'false' as never }))).toThrow(/publicNetworkAccessEnabled must be true or false/);
  });
});

describe('LogAnalytics', () => {
  const law = { resourceGroupName: 'rg', location: 'westeurope', workspaceName: 'law-1' };
  test('tables: [] warns: no table keeps the total retention', () => {
    const s = synth((st) => void new LogAnalytics(st, 'L', { ...law, tables: [] }));
    expect(warningIds(s.stack)).toContain(WARNINGS.WEAKENED_DEFAULT);
    expect(messages(s.stack).join('\n')).toMatch(/evidence tables without the total retention .*AzureActivity/);
  });
  test('an interactive retention below 90 days warns and names the check it fails', () => {
    expect(messages(synth((st) => void new LogAnalytics(st, 'L', { ...law, retention: Retention.days(30) })).stack).join('\n')).toMatch(/AZURE.LogAnalytics.Retention/);
  });
  test('the total retention message and check are one: 20 days and 731 days give the same range', () => {
    for (const days of [20, 731]) {
      expect(() => synth((st) => void new LogAnalytics(st, 'L', { ...law, totalRetention: Retention.days(days) }))).toThrow(/totalRetention must be 30 to 730 days or one of 1095/);
    }
  });
  test('an interactive retention above 365 days alone is accepted: the total follows it', () => {
    const s = synth((st) => void new LogAnalytics(st, 'L', { ...law, retention: Retention.days(400) }));
    expect(Object.values(s.json.resource!.azurerm_log_analytics_workspace_table)[0].total_retention_in_days).toBe(400);
  });
});

describe('tokens reach cdk.tf.json unchanged', () => {
  test('EvidenceStorage: retention, soft delete, names, a container and a subnet', () => {
    const s = synth((st) => {
      const e = new EvidenceStorage(st, 'Evidence', { ...store, accountName: str(st, 'name'), retention: Retention.days(num(st, 'days')), softDeleteRetention: Retention.days(Token.asNumber(num(st, 'soft'))), allowedSubnetIds: [str(st, 'subnet')] });
      e.evidenceContainer(str(st, 'container'));
    });
    const account = only(s, 'azurerm_storage_account');
    expect(account.name).toBe('${var.name}');
    expect(account.immutability_policy.period_since_creation_in_days).toBe('${var.days}');
    expect(account.blob_properties.delete_retention_policy.days).toBe('${var.soft}');
    expect(account.network_rules.virtual_network_subnet_ids).toEqual(['${var.subnet}']);
    expect(only(s, 'azurerm_storage_container').name).toBe('${var.container}');
    expect(only(s, 'azurerm_storage_container_immutability_policy')).toMatchObject({ immutability_period_in_days: '${var.days}', locked: true });
  });
  test('LogAnalytics: retention, total retention and a table name', () => {
    const s = synth((st) => void new LogAnalytics(st, 'L', { resourceGroupName: 'rg', location: 'westeurope', workspaceName: 'law-1', retention: Retention.days(num(st, 'r')), totalRetention: Retention.days(num(st, 't')), tables: [str(st, 'table')] }));
    expect(only(s, 'azurerm_log_analytics_workspace').retention_in_days).toBe('${var.r}');
    expect(only(s, 'azurerm_log_analytics_workspace_table')).toMatchObject({ name: '${var.table}', retention_in_days: '${var.r}', total_retention_in_days: '${var.t}' });
  });
  test('ActivityLogs: the subscription', () => {
    const s = synth((st) => void new ActivityLogs(st, 'A', { subscriptionId: str(st, 'sub'), destination: EXTERNAL_STORE }));
    expect(only(s, 'azurerm_monitor_diagnostic_setting').target_resource_id).toBe('/subscriptions/${var.sub}');
  });
  test('EntraIdLogs: the setting name', () => {
    const s = synth((st) => void new EntraIdLogs(st, 'E', { destination: EXTERNAL_STORE, settingName: str(st, 'name') }));
    expect(only(s, 'azurerm_monitor_aad_diagnostic_setting').name).toBe('${var.name}');
  });
  test('FlowLogs: the region (the default watcher name derived in Terraform), the retention and the interval', () => {
    const s = synth((st) => void new FlowLogs(st, 'F', { virtualNetworkId: VNET_ID, location: str(st, 'loc'), destination: EXTERNAL_STORE, workspace: EXTERNAL_WORKSPACE, retention: Retention.days(num(st, 'days')), trafficAnalyticsIntervalMinutes: num(st, 'i') as never }));
    const flow = only(s, 'azurerm_network_watcher_flow_log');
    expect(flow.location).toBe('${var.loc}');
    expect(flow.network_watcher_name).toBe('${join("", ["NetworkWatcher_", lower(replace(var.loc, " ", ""))])}');
    expect(flow.retention_policy.days).toBe('${var.days}');
    expect(flow.traffic_analytics.interval_in_minutes).toBe('${var.i}');
  });
  test('StorageAccessLogs: the monitored account', () => {
    const s = synth((st) => void new StorageAccessLogs(st, 'S', { storageAccountId: str(st, 'acct'), destination: EXTERNAL_STORE }));
    expect(only(s, 'azurerm_monitor_diagnostic_setting').target_resource_id).toBe('${var.acct}/blobServices/default');
  });
  test('MachineLearningAudit: an endpoint id', () => {
    const s = synth((st) => void new MachineLearningAudit(st, 'M', { machineLearningWorkspaceId: ML_ID, destination: EXTERNAL_STORE, onlineEndpoints: { scoring: str(st, 'ep') } }));
    expect(Object.values(s.json.resource!.azurerm_monitor_diagnostic_setting).map((d) => d.target_resource_id)).toContain('${var.ep}');
  });
  test('CognitiveAccountAudit: the account id passes as a token; a token category list is refused (each category becomes a container)', () => {
    const s = synth((st) => void new CognitiveAccountAudit(st, 'C', { cognitiveAccountId: str(st, 'ai'), destination: EXTERNAL_STORE }));
    expect(only(s, 'azurerm_monitor_diagnostic_setting').target_resource_id).toBe('${var.ai}');
    expect(() => synth((st) => void new CognitiveAccountAudit(st, 'C', { cognitiveAccountId: str(st, 'ai'), destination: EXTERNAL_STORE, categories: [str(st, 'c')] as never }))).toThrow(/categories\[0\] must be one of/);
  });
  test('HardenedMlWorkspace: the name and a cluster size', () => {
    const s = synth((st) => {
      const w = new HardenedMlWorkspace(st, 'W', { workspaceName: str(st, 'n'), resourceGroupName: 'rg', location: 'westeurope', applicationInsightsId: `${RG_ID}/providers/Microsoft.Insights/components/ai`, keyVaultId: `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv`, storageAccountId: STORAGE_ID });
      w.addComputeCluster('C', { name: 'training', vmSize: 'Standard_DS3_v2', maxNodeCount: num(st, 'max') });
    });
    expect(only(s, 'azurerm_machine_learning_workspace').name).toBe('${var.n}');
    expect(only(s, 'azurerm_machine_learning_compute_cluster').scale_settings.max_node_count).toBe('${var.max}');
  });
});

test('SOAK is kept only when asked: the Immutability identity, never a look-alike', () => {
  const s = storage({ immutability: Immutability.SOAK, containers: ['evidence'] });
  expect(only(s, 'azurerm_storage_container_immutability_policy').locked).toBe(false);
});
