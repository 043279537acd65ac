/**
 * Every Azure construct and add* method refuses a props key it does not know (a typo from
 * JavaScript or `as any` would otherwise deploy the default with no word), in its props and in
 * each nested options object, with one line naming the construct, its path, the bag and the
 * nearest known key.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as azure from '../../constructs/azure';
import {
  ActivityLogs,
  CognitiveAccountAudit,
  EntraIdLogs,
  EvidenceStorage,
  FlowLogs,
  HardenedMlWorkspace,
  InvestigationPack,
  LogAnalytics,
  MachineLearningAudit,
  StorageAccessLogs,
} from '../../constructs/azure';
import { constructsAndAdds, tfUnknownPropCases, TfUnknownPropRow } from '../unknown-props';
import { EXTERNAL_STORE, EXTERNAL_WORKSPACE, ML_ID, RG_ID, STORAGE_ID, SUB, VNET_ID, ML_WORKSPACE_PROPS } from './helpers';

type Extra = Record<string, unknown>;

type Row = TfUnknownPropRow;

const as = (props: Extra): never => props as never;
const dest = () => ({ destination: { ...EXTERNAL_STORE }, workspace: { ...EXTERNAL_WORKSPACE } });
const storage = { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence02' };
const uai = `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai`;
const mlBase = ML_WORKSPACE_PROPS;
const ml = (stack: TerraformStack) => new HardenedMlWorkspace(stack, 'Ml', mlBase);
const ctor = (construct: string, bag: string, typo: [string, string], build: Row['build']): Row => ({ construct, path: 'test/Target', entry: construct, bag, typo, build });
const method = (name: string, typo: [string, string], build: Row['build']): Row => ({ construct: 'HardenedMlWorkspace', path: 'test/Ml', entry: `HardenedMlWorkspace.${name}`, bag: 'props', typo, build });

const ROWS: Row[] = [
  ctor('EvidenceStorage', 'props', ['retentionDays', 'retention'], (s, x) => new EvidenceStorage(s, 'Target', as({ ...storage, ...x }))),
  ctor('EvidenceStorage', 'encryptionKey', ['keyVaultKey', 'keyVaultKeyId'], (s, x) =>
    new EvidenceStorage(s, 'Target', as({ ...storage, encryptionKey: { keyVaultKeyId: 'https://kv.vault.azure.net/keys/evidence', userAssignedIdentityId: uai, ...x } })),
  ),
  ctor('LogAnalytics', 'props', ['totalRetentionDays', 'totalRetention'], (s, x) => new LogAnalytics(s, 'Target', as({ resourceGroupName: 'rg', location: 'westeurope', workspaceName: 'forensic-law', ...x }))),
  ctor('ActivityLogs', 'props', ['category', 'categories'], (s, x) => new ActivityLogs(s, 'Target', as({ subscriptionId: SUB, ...dest(), ...x }))),
  ctor('EntraIdLogs', 'props', ['settingname', 'settingName'], (s, x) => new EntraIdLogs(s, 'Target', as({ ...dest(), ...x }))),
  ctor('StorageAccessLogs', 'props', ['metricEnabled', 'metricsEnabled'], (s, x) => new StorageAccessLogs(s, 'Target', as({ storageAccountId: STORAGE_ID, ...dest(), ...x }))),
  ctor('FlowLogs', 'props', ['retentionDays', 'retention'], (s, x) => new FlowLogs(s, 'Target', as({ virtualNetworkId: VNET_ID, location: 'westeurope', ...dest(), ...x }))),
  ctor('MachineLearningAudit', 'props', ['onlineEndpoint', 'onlineEndpoints'], (s, x) => new MachineLearningAudit(s, 'Target', as({ machineLearningWorkspaceId: ML_ID, ...dest(), ...x }))),
  ctor('CognitiveAccountAudit', 'props', ['category', 'categories'], (s, x) =>
    new CognitiveAccountAudit(s, 'Target', as({ cognitiveAccountId: `${RG_ID}/providers/Microsoft.CognitiveServices/accounts/openai`, ...dest(), ...x })),
  ),
  ctor('HardenedMlWorkspace', 'props', ['isolation', 'isolationMode'], (s, x) => new HardenedMlWorkspace(s, 'Target', as({ ...mlBase, ...x }))),
  ctor('HardenedMlWorkspace', 'encryptionKey', ['keyID', 'keyId'], (s, x) =>
    new HardenedMlWorkspace(s, 'Target', as({ ...mlBase, encryptionKey: { keyVaultId: mlBase.keyVaultId, keyId: 'https://kv.vault.azure.net/keys/ml/1', userAssignedIdentityId: uai, ...x } })),
  ),
  method('addComputeCluster', ['maxNodes', 'maxNodeCount'], (s, x) => void ml(s).addComputeCluster('Target', as({ name: 'training', vmSize: 'Standard_DS3_v2', ...x }))),
  method('addComputeInstance', ['virtualMachineSise', 'virtualMachineSize'], (s, x) => void ml(s).addComputeInstance('Target', as({ name: 'analyst-1', virtualMachineSize: 'Standard_DS3_v2', ...x }))),
  ctor('InvestigationPack', 'props', ['question', 'questions'], (s, x) => new InvestigationPack(s, 'Target', as({ workspace: { ...EXTERNAL_WORKSPACE }, ...x }))),
  ctor('InvestigationPack', 'sentinel', ['severities', 'severity'], (s, x) => new InvestigationPack(s, 'Target', as({ workspace: { ...EXTERNAL_WORKSPACE }, sentinel: { ...x } }))),
];


describe('Azure: an unknown props key is refused', () => {
  tfUnknownPropCases(ROWS);

  test('the rows cover every Azure construct the package exports, and every add* method', () => {
    const { constructs, adds } = constructsAndAdds(azure, Construct);
    expect([...new Set(ROWS.filter((r) => r.entry === r.construct).map((r) => r.construct))].sort()).toEqual(constructs);
    expect(ROWS.filter((r) => r.entry !== r.construct).map((r) => r.entry).sort()).toEqual(adds);
  });
});
