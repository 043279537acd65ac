import { Construct } from 'constructs';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Immutability } from '../../constructs/core';

/** What one subscription's reference stacks need. Every value can come from props or node context (`azure:<name>`). */
export interface AzureStacksProps {
  /** Subscription that holds the evidence and the workload. */
  readonly subscriptionId?: string;
  /** Entra ID tenant of the subscription. */
  readonly tenantId?: string;
  /** Azure region of everything. */
  readonly location?: string;
  /** Resource group of the kit and the example workload. */
  readonly resourceGroupName?: string;
  /** Globally unique name of the evidence storage account. */
  readonly evidenceStorageAccountName?: string;
  /** Globally unique name of the training-data storage account. */
  readonly trainingDataStorageAccountName?: string;
  /** Globally unique name of the ML workspace's storage account. */
  readonly mlStorageAccountName?: string;
  /** Log Analytics workspace name. */
  readonly logAnalyticsWorkspaceName?: string;
  /** Globally unique Key Vault name of the ML workspace. */
  readonly keyVaultName?: string;
  /** Azure ML workspace name. */
  readonly mlWorkspaceName?: string;
  /**
   * Online endpoint of the ML workspace whose traffic, console and event logs are exported. azurerm
   * has no endpoint resource: create it (`az ml online-endpoint create`) before the deploy that adds
   * its diagnostic setting; '' exports none.
   */
  readonly mlOnlineEndpointName?: string;
  /** Azure ML registry (in the same resource group) whose asset reads and writes are exported; azurerm has no registry resource. */
  readonly mlRegistryName?: string;
  /** Globally unique name (and custom subdomain) of the Azure AI Services account. */
  readonly aiServicesAccountName?: string;
  /** Phase two of the account-level immutability lock (see EvidenceStorage). */
  readonly accountPolicyLocked?: boolean;
  /** LOCKED (default) or SOAK for a trial. */
  readonly immutability?: Immutability;
  /**
   * Onboard Microsoft Sentinel on the workspace and run the investigation pack's analytics rules
   * (endpoint volume, evidence tampering). Sentinel is billed per GB ingested: context
   * `azure:sentinelEnabled` false leaves it out. @default true
   */
  readonly sentinelEnabled?: boolean;
}

export type ResolvedAzureStacksProps = Required<AzureStacksProps>;

/**
 * Offline defaults: obviously fake, so that synth works without an account and nobody mistakes
 * them for real ids. Synth warns (PLACEHOLDER_IDS) while any is in use.
 */
export const AZURE_PLACEHOLDERS = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  tenantId: '00000000-0000-0000-0000-000000000000',
  location: 'westeurope',
  resourceGroupName: 'replace-me-forensic-readiness',
  evidenceStorageAccountName: 'replacemeevidence',
  trainingDataStorageAccountName: 'replacemetrainingdata',
  mlStorageAccountName: 'replacememlartifacts',
  logAnalyticsWorkspaceName: 'replace-me-forensic-logs',
  keyVaultName: 'replace-me-ml-kv',
  mlWorkspaceName: 'replace-me-ml',
  mlRegistryName: 'replace-me-ml-registry',
  aiServicesAccountName: 'replace-me-ai-services',
} as const;

/** The online endpoint exported unless props or context `azure:mlOnlineEndpointName` name another ('' for none). */
export const AZURE_DEFAULT_ONLINE_ENDPOINT = 'scoring';

type PlaceholderKey = keyof typeof AZURE_PLACEHOLDERS;

/** Props, then node context `azure:<name>`, then the placeholder. */
export function resolveAzureProps(scope: Construct, props: AzureStacksProps = {}): ResolvedAzureStacksProps {
  const pick = (key: PlaceholderKey): string => {
    const given = props[key] ?? scope.node.tryGetContext(`azure:${key}`);
    return typeof given === 'string' && given !== '' ? given : AZURE_PLACEHOLDERS[key];
  };
  const locked = props.accountPolicyLocked ?? scope.node.tryGetContext('azure:accountPolicyLocked');
  const endpoint = props.mlOnlineEndpointName ?? scope.node.tryGetContext('azure:mlOnlineEndpointName');
  const soak = props.immutability ?? (scope.node.tryGetContext('azure:immutability') === 'soak' ? Immutability.SOAK : Immutability.LOCKED);
  const sentinel = props.sentinelEnabled ?? scope.node.tryGetContext('azure:sentinelEnabled');
  return {
    subscriptionId: pick('subscriptionId'),
    tenantId: pick('tenantId'),
    location: pick('location'),
    resourceGroupName: pick('resourceGroupName'),
    evidenceStorageAccountName: pick('evidenceStorageAccountName'),
    trainingDataStorageAccountName: pick('trainingDataStorageAccountName'),
    mlStorageAccountName: pick('mlStorageAccountName'),
    logAnalyticsWorkspaceName: pick('logAnalyticsWorkspaceName'),
    keyVaultName: pick('keyVaultName'),
    mlWorkspaceName: pick('mlWorkspaceName'),
    mlOnlineEndpointName: typeof endpoint === 'string' ? endpoint : AZURE_DEFAULT_ONLINE_ENDPOINT,
    mlRegistryName: pick('mlRegistryName'),
    aiServicesAccountName: pick('aiServicesAccountName'),
    accountPolicyLocked: locked === true || locked === 'true',
    immutability: soak,
    sentinelEnabled: !(sentinel === false || sentinel === 'false'),
  };
}

/** The props still at their placeholder value (location excluded: `westeurope` is a real region). */
export function placeholdersInUse(props: ResolvedAzureStacksProps): string[] {
  return (Object.keys(AZURE_PLACEHOLDERS) as PlaceholderKey[]).filter((k) => k !== 'location' && props[k] === AZURE_PLACEHOLDERS[k]);
}

/**
 * The azurerm provider as the kit needs it: Entra ID for data-plane calls (shared keys are off),
 * no data-plane calls from the storage account resource (the evidence firewall denies the runner),
 * and nothing purged on destroy.
 */
export function forensicAzurermProvider(scope: Construct, props: ResolvedAzureStacksProps): AzurermProvider {
  return new AzurermProvider(scope, 'azurerm', {
    subscriptionId: props.subscriptionId,
    tenantId: props.tenantId,
    storageUseAzuread: true,
    features: [
      {
        keyVault: [{ purgeSoftDeleteOnDestroy: false, purgeSoftDeletedKeysOnDestroy: false, purgeSoftDeletedSecretsOnDestroy: false }],
        logAnalyticsWorkspace: [{ permanentlyDeleteOnDestroy: false }],
        machineLearning: [{ purgeSoftDeletedWorkspaceOnDestroy: false }],
        resourceGroup: [{ preventDeletionIfContainsResources: true }],
        storage: [{ dataPlaneAvailable: false }],
      },
    ],
  });
}
