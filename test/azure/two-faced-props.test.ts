/**
 * Every Azure construct (and every add* method of HardenedMlWorkspace) reads each prop exactly
 * once: props whose getters answer the real value on the first read and a weak one after (SOAK
 * for LOCKED, one day for a year, public network access on, another destination) build exactly
 * the Terraform and the annotations the plain props build, and every getter was read once.
 */
import { Testing, TerraformStack } from 'cdktf';
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
import { Immutability, Retention } from '../../constructs/core';
import { builtTf, describeTwoFaced, protoFaced, readOnce, TwoFacedCase } from '../two-faced';
import { ENDPOINT_ID, EXTERNAL_STORE, EXTERNAL_WORKSPACE, ML_ID, REGISTRY_ID, RG_ID, STORAGE_ID, SUB, VNET_ID, ML_WORKSPACE_PROPS } from './helpers';

type Case = TwoFacedCase<TerraformStack>;

const OTHER_STORE = `${RG_ID}/providers/Microsoft.Storage/storageAccounts/elsewhere`;
const OTHER_WORKSPACE = `${RG_ID}/providers/Microsoft.OperationalInsights/workspaces/other`;
const evidence = (stack: TerraformStack) => new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' });
const mlBase = ML_WORKSPACE_PROPS;
const ml = (stack: TerraformStack) => new HardenedMlWorkspace(stack, 'Ml', mlBase);
/** An external store and workspace, so that their fields are two-faced too; and what a later read of them answers. */
const external = () => ({ destination: { ...EXTERNAL_STORE }, workspace: { ...EXTERNAL_WORKSPACE } });
const externalLater = { 'destination.storageAccountId': OTHER_STORE, 'destination.location': 'eastus', 'workspace.workspaceResourceId': OTHER_WORKSPACE };

const CASES: Record<string, Case> = {
  EvidenceStorage: {
    props: () => ({
      resourceGroupName: 'rg',
      location: 'westeurope',
      accountName: 'evidence02',
      retention: Retention.days(400),
      immutability: Immutability.LOCKED,
      accountPolicyLocked: true,
      containers: ['training-data', 'model-artifacts'],
      softDeleteRetention: Retention.days(365),
      changeFeedRetention: Retention.days(400),
      encryptionKey: { keyVaultKeyId: 'https://kv.vault.azure.net/keys/evidence', userAssignedIdentityId: `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai` },
      replication: 'GZRS',
      allowedSubnetIds: [`${VNET_ID}/subnets/investigators`],
      allowedIpRanges: ['203.0.113.8/29'],
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new EvidenceStorage(stack, 'Target', props),
    later: {
      retention: Retention.days(1),
      immutability: Immutability.SOAK,
      accountPolicyLocked: false,
      'containers[1]': 'training-data',
      softDeleteRetention: Retention.days(1),
      changeFeedRetention: Retention.days(1),
      'encryptionKey.keyVaultKeyId': 'https://other.vault.azure.net/keys/x',
      replication: 'LRS',
      'allowedSubnetIds[0]': `${VNET_ID}/subnets/anyone`,
      'allowedIpRanges[0]': '0.0.0.0/0',
      'tags.team': 'x',
    },
  },
  LogAnalytics: {
    props: () => ({
      resourceGroupName: 'rg',
      location: 'westeurope',
      workspaceName: 'forensic-law',
      retention: Retention.days(90),
      totalRetention: Retention.days(730),
      tables: ['AzureActivity', 'SigninLogs'],
      sentinelEnabled: true,
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new LogAnalytics(stack, 'Target', props),
    later: { retention: Retention.days(30), totalRetention: Retention.days(30), 'tables[1]': 'AzureActivity', sentinelEnabled: false },
  },
  ActivityLogs: {
    props: () => ({ subscriptionId: SUB, ...external(), categories: ['Administrative', 'Security', 'Policy'], settingName: 'forensic-activity' }),
    build: (stack, props) => new ActivityLogs(stack, 'Target', props),
    later: { ...externalLater, subscriptionId: '00000000-0000-0000-0000-000000000000', 'categories[1]': 'Administrative' },
  },
  EntraIdLogs: {
    props: () => ({ ...external(), categories: ['AuditLogs', 'SignInLogs'], settingName: 'forensic-entra' }),
    build: (stack, props) => new EntraIdLogs(stack, 'Target', props),
    later: { ...externalLater, 'categories[1]': 'AuditLogs' },
  },
  StorageAccessLogs: {
    props: () => ({ storageAccountId: STORAGE_ID, ...external(), metricsEnabled: true, settingName: 'forensic-blob' }),
    build: (stack, props) => new StorageAccessLogs(stack, 'Target', props),
    later: { ...externalLater, storageAccountId: EXTERNAL_STORE.storageAccountId, metricsEnabled: false },
  },
  FlowLogs: {
    props: () => ({
      virtualNetworkId: VNET_ID,
      location: 'westeurope',
      ...external(),
      retention: Retention.days(365),
      trafficAnalyticsEnabled: true,
      trafficAnalyticsIntervalMinutes: 10,
      networkWatcherName: 'watcher',
      networkWatcherResourceGroupName: 'NetworkWatcherRG',
      flowLogName: 'forensic-flow',
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new FlowLogs(stack, 'Target', props),
    later: { ...externalLater, location: 'eastus', retention: Retention.days(1), trafficAnalyticsEnabled: false, trafficAnalyticsIntervalMinutes: 60 },
  },
  MachineLearningAudit: {
    props: () => ({
      machineLearningWorkspaceId: ML_ID,
      onlineEndpoints: { scoring: ENDPOINT_ID },
      registries: { models: REGISTRY_ID },
      ...external(),
      metricsEnabled: true,
      settingName: 'forensic-ml',
    }),
    build: (stack, props) => new MachineLearningAudit(stack, 'Target', props),
    later: { ...externalLater, 'onlineEndpoints.scoring': `${ML_ID}/onlineEndpoints/other`, 'registries.models': `${RG_ID}/providers/Microsoft.MachineLearningServices/registries/other`, metricsEnabled: false },
  },
  CognitiveAccountAudit: {
    props: () => ({
      cognitiveAccountId: `${RG_ID}/providers/Microsoft.CognitiveServices/accounts/openai`,
      ...external(),
      categories: ['Audit', 'RequestResponse'],
      metricsEnabled: true,
      settingName: 'forensic-ai',
    }),
    build: (stack, props) => new CognitiveAccountAudit(stack, 'Target', props),
    later: { ...externalLater, 'categories[1]': 'Audit', metricsEnabled: false },
  },
  'EvidenceStorage as the destination': {
    props: (stack) => ({ subscriptionId: SUB, destination: evidence(stack), categories: ['Administrative', 'Security'] }),
    build: (stack, props) => new ActivityLogs(stack, 'Target', props),
    later: { subscriptionId: '00000000-0000-0000-0000-000000000000', 'categories[1]': 'Administrative' },
  },
  HardenedMlWorkspace: {
    props: () => ({
      ...mlBase,
      containerRegistryId: `${RG_ID}/providers/Microsoft.ContainerRegistry/registries/acr`,
      encryptionKey: { keyVaultId: mlBase.keyVaultId, keyId: 'https://kv.vault.azure.net/keys/ml/1', userAssignedIdentityId: `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai` },
      publicNetworkAccessEnabled: false,
      isolationMode: 'AllowOnlyApprovedOutbound',
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new HardenedMlWorkspace(stack, 'Target', props),
    later: { publicNetworkAccessEnabled: true, isolationMode: 'AllowInternetOutbound', 'encryptionKey.keyId': 'https://other.vault.azure.net/keys/x/1', 'tags.team': 'x' },
  },
  'HardenedMlWorkspace.addComputeCluster': {
    props: () => ({ name: 'training', vmSize: 'Standard_DS3_v2', vmPriority: 'Dedicated', maxNodeCount: 4, scaleDownAfterIdle: 'PT15M' }),
    build: (stack, props) => void ml(stack).addComputeCluster('Target', props),
    later: { vmPriority: 'LowPriority', maxNodeCount: 1000, scaleDownAfterIdle: 'P30D' },
  },
  'HardenedMlWorkspace.addComputeInstance': {
    props: () => ({ name: 'analyst-1', virtualMachineSize: 'Standard_DS3_v2' }),
    build: (stack, props) => void ml(stack).addComputeInstance('Target', props),
    later: { name: 'other', virtualMachineSize: 'Standard_NC24' },
  },
  InvestigationPack: {
    props: () => ({
      workspace: { ...EXTERNAL_WORKSPACE },
      category: 'IR',
      questions: ['evidence-tampering', 'data-writes'],
      sentinel: { onboard: true, rulesEnabled: true, severity: 'High' },
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new InvestigationPack(stack, 'Target', props),
    later: {
      'workspace.workspaceResourceId': OTHER_WORKSPACE,
      'questions[1]': 'evidence-tampering',
      'sentinel.onboard': false,
      'sentinel.rulesEnabled': false,
      'sentinel.severity': 'Informational',
    },
  },
};

describeTwoFaced(CASES, builtTf);

test('the two-faced cases cover every Azure construct and add* method', () => {
  const constructs = Object.entries(azure)
    .filter(([, v]) => typeof v === 'function' && /^class /.test(Function.prototype.toString.call(v)))
    .map(([name]) => name);
  const methods = constructs.flatMap((name) =>
    Object.getOwnPropertyNames((azure as Record<string, any>)[name].prototype)
      .filter((m) => /^add[A-Z]/.test(m))
      .map((m) => `${name}.${m}`),
  );
  const covered = Object.keys(CASES).filter((k) => !k.includes(' '));
  expect(covered.sort()).toEqual([...constructs, ...methods].sort());
});

/**
 * A destination and a workspace given as class instances (their fields getters on the prototype,
 * as a class implementing IEvidenceStore with `get storageAccountId()` has them) are read once too:
 * the checked account and workspace are the ones the Terraform names.
 */
describe.each(Object.keys(CASES).filter((k) => 'destination.storageAccountId' in CASES[k].later || 'workspace.workspaceResourceId' in CASES[k].later))(
  '%s with a destination and workspace of a class with two-faced getters',
  (name) => {
    test('builds what the plain props build, reading each getter exactly once', () => {
      const c = CASES[name];
      const plain = builtTf(c, false);
      const stack = new TerraformStack(Testing.app(), 'test');
      const props = c.props(stack);
      const faced: Record<string, ReturnType<typeof protoFaced>> = {};
      for (const key of ['destination', 'workspace']) {
        if (props[key] === undefined) continue;
        const later = Object.fromEntries(Object.entries(c.later).filter(([p]) => p.startsWith(`${key}.`)).map(([p, v]) => [p.slice(key.length + 1), v]));
        faced[key] = protoFaced(props[key] as object, later);
        props[key] = faced[key].props;
      }
      c.build(stack, props as never);
      const annotations = stack.node.findAll().flatMap((n) => n.node.metadata.filter((m) => m.type.startsWith('@cdktf/')).map((m) => [n.node.path, m.type, m.data]));
      for (const f of Object.values(faced)) expect(f.reads()).toEqual(readOnce(f.reads()));
      expect({ terraform: JSON.parse(Testing.synth(stack)), annotations }).toEqual(plain.output);
    });
  },
);
