import { Construct } from 'constructs';
import { MachineLearningComputeCluster } from '@cdktf/provider-azurerm/lib/machine-learning-compute-cluster';
import { MachineLearningComputeInstance } from '@cdktf/provider-azurerm/lib/machine-learning-compute-instance';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { PropCheck, PropKeys, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { announces, AZURE_NAMES, azureName, azureTagsProp, optionalResourceId, resourceId } from './azure-props';
import { azureTags, kitWarning } from './common';

/** The outbound isolation modes of an Azure ML managed network, strictest first. */
export const ML_ISOLATION_MODES = ['AllowOnlyApprovedOutbound', 'AllowInternetOutbound'] as const;

/** An ISO 8601 duration of hours, minutes and seconds (`PT15M`), as scale-down idle times are given. */
const ISO_DURATION = /^PT(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?$/;
/** A VM size (`Standard_DS3_v2`). */
const VM_SIZE = { pattern: /^[A-Za-z][A-Za-z0-9_-]{1,63}$/, expected: 'a VM size such as Standard_DS3_v2' };

/** A customer-managed key for the workspace's service-side data. */
export interface MlWorkspaceEncryptionKey {
  /** The Key Vault that holds the key. */
  readonly keyVaultId: string;
  /** The key id (Key Vault URI of the key). */
  readonly keyId: string;
  /** A user-assigned identity allowed to use the key; it becomes the workspace identity. */
  readonly userAssignedIdentityId: string;
}

/** The props MlWorkspaceEncryptionKey declares: unknown keys are refused (a compile error if this drifts from the interface). */
const ML_WORKSPACE_ENCRYPTION_KEY_KEYS = { keyVaultId: true, keyId: true, userAssignedIdentityId: true } as const satisfies PropKeys<MlWorkspaceEncryptionKey>;

/** The props of HardenedMlWorkspace: the workspace's name and place, the resources it is attached to, its key, public access and outbound isolation. */
export interface HardenedMlWorkspaceProps {
  /** Workspace name: 3 to 33 letters, digits, underscores and hyphens. */
  readonly workspaceName: string;
  /** Resource group that holds the workspace. */
  readonly resourceGroupName: string;
  /** Azure region. */
  readonly location: string;
  /** The workspace's Application Insights (workspace-based, local auth off). */
  readonly applicationInsightsId: string;
  /** The workspace's Key Vault (purge protection on, RBAC). */
  readonly keyVaultId: string;
  /** The workspace's default storage account (artifacts, models). */
  readonly storageAccountId: string;
  /** The workspace's container registry. @default - none: Azure ML builds images in a registry it manages */
  readonly containerRegistryId?: string;
  /** Customer-managed key. @default - Microsoft-managed keys */
  readonly encryptionKey?: MlWorkspaceEncryptionKey;
  /** Reach the workspace from the public internet. @default - false: private endpoints only, and synth warns when true */
  readonly publicNetworkAccessEnabled?: boolean;
  /** Outbound isolation of the managed network; 'AllowInternetOutbound' warns. @default - 'AllowOnlyApprovedOutbound' */
  readonly isolationMode?: (typeof ML_ISOLATION_MODES)[number];
  /** Tags added to every resource. @default - the kit's evidence tags only */
  readonly tags?: Record<string, string>;
}

/** The props HardenedMlWorkspaceProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const HARDENED_ML_WORKSPACE_PROPS_KEYS = { workspaceName: true, resourceGroupName: true, location: true, applicationInsightsId: true, keyVaultId: true, storageAccountId: true, containerRegistryId: true, encryptionKey: true, publicNetworkAccessEnabled: true, isolationMode: true, tags: true } as const satisfies PropKeys<HardenedMlWorkspaceProps>;

/** The props of a compute cluster that HardenedMlWorkspace.addComputeCluster creates. */
export interface HardenedComputeClusterProps {
  /** Cluster name: 3 to 32 letters, digits and hyphens, starting with a letter. */
  readonly name: string;
  /** VM size, e.g. `Standard_DS3_v2`. */
  readonly vmSize: string;
  /** Dedicated or low-priority nodes. @default - 'Dedicated' */
  readonly vmPriority?: 'Dedicated' | 'LowPriority';
  /** Largest node count. @default - 4 */
  readonly maxNodeCount?: number;
  /** Idle time before scale-down, ISO 8601. @default - 'PT15M' */
  readonly scaleDownAfterIdle?: string;
}

/** The props HardenedComputeClusterProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const HARDENED_COMPUTE_CLUSTER_PROPS_KEYS = { name: true, vmSize: true, vmPriority: true, maxNodeCount: true, scaleDownAfterIdle: true } as const satisfies PropKeys<HardenedComputeClusterProps>;

/** The props of a compute instance that HardenedMlWorkspace.addComputeInstance creates. */
export interface HardenedComputeInstanceProps {
  /** Instance name: 3 to 32 letters, digits and hyphens, starting with a letter. */
  readonly name: string;
  /** VM size, e.g. `Standard_DS3_v2`. */
  readonly virtualMachineSize: string;
}

/** The props HardenedComputeInstanceProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const HARDENED_COMPUTE_INSTANCE_PROPS_KEYS = { name: true, virtualMachineSize: true } as const satisfies PropKeys<HardenedComputeInstanceProps>;

/**
 * An Azure ML workspace hardened for investigation: no public network access, high business
 * impact, managed network that allows only approved outbound traffic (so an exfiltrating job
 * has to use a rule that is itself in the Activity Log), v1 legacy APIs off, optional
 * customer-managed key; compute without local (key) authentication, without public IPs and without
 * public SSH, each node identified by a managed identity so its actions are attributable.
 *
 * Honest limits: azurerm 4.55 exposes no `system_datastores_auth_mode`, so the workspace's
 * default datastores use the storage account key; that account keeps shared keys on (say so on it).
 * Pair this with MachineLearningAudit for the logs.
 */
export class HardenedMlWorkspace extends Construct {
  /** The Azure ML workspace. */
  public readonly workspace: MachineLearningWorkspace;
  /** The Resource Manager id of the workspace, as MachineLearningAudit takes it. */
  public readonly machineLearningWorkspaceId: string;
  private readonly location: string;
  private readonly tags: Record<string, string>;
  private readonly check: PropCheck;

  constructor(scope: Construct, id: string, props: HardenedMlWorkspaceProps) {
    super(scope, id);
    const where = `HardenedMlWorkspace ${this.node.path}`;
    const check = propCheck(this);
    this.check = check;
    props = check.props<HardenedMlWorkspaceProps>('props', props, HARDENED_ML_WORKSPACE_PROPS_KEYS, 'a HardenedMlWorkspaceProps object');
    const workspaceName = azureName(check, 'workspaceName', props.workspaceName, AZURE_NAMES.mlWorkspace);
    const resourceGroupName = azureName(check, 'resourceGroupName', props.resourceGroupName, AZURE_NAMES.resourceGroup);
    const location = azureName(check, 'location', props.location, AZURE_NAMES.location);
    const applicationInsightsId = resourceId(check, 'applicationInsightsId', props.applicationInsightsId, 'Microsoft.Insights/components');
    const keyVaultId = resourceId(check, 'keyVaultId', props.keyVaultId, 'Microsoft.KeyVault/vaults');
    const storageAccountId = resourceId(check, 'storageAccountId', props.storageAccountId, 'Microsoft.Storage/storageAccounts');
    const containerRegistryId = optionalResourceId(check, 'containerRegistryId', props.containerRegistryId, 'Microsoft.ContainerRegistry/registries');
    const key = mlEncryptionKey(check, props.encryptionKey);
    const publicAccess = check.bool('publicNetworkAccessEnabled', props.publicNetworkAccessEnabled, false);
    const isolation = check.oneOf('isolationMode', props.isolationMode, ML_ISOLATION_MODES, 'AllowOnlyApprovedOutbound');
    this.location = location;
    this.tags = azureTags('ml-training-lifecycle', false, azureTagsProp(check, 'tags', props.tags));

    this.workspace = new MachineLearningWorkspace(this, 'Resource', {
      name: workspaceName,
      resourceGroupName,
      location,
      applicationInsightsId,
      keyVaultId,
      storageAccountId,
      ...(containerRegistryId ? { containerRegistryId } : {}),
      skuName: 'Basic',
      publicNetworkAccessEnabled: publicAccess,
      highBusinessImpact: true,
      v1LegacyModeEnabled: false,
      managedNetwork: { isolationMode: isolation },
      identity: key ? { type: 'UserAssigned', identityIds: [key.userAssignedIdentityId] } : { type: 'SystemAssigned' },
      ...(key
        ? {
            primaryUserAssignedIdentity: key.userAssignedIdentityId,
            encryption: { keyVaultId: key.keyVaultId, keyId: key.keyId, userAssignedIdentityId: key.userAssignedIdentityId },
          }
        : {}),
      tags: this.tags,
    });
    this.machineLearningWorkspaceId = this.workspace.id;

    if (publicAccess) {
      kitWarning(
        this,
        WARNINGS.WEAKENED_DEFAULT,
        `${where}: public network access is on; the workspace can be reached from any address.` + announces('AZURE.MachineLearning.WorkspacePublicNetworkDisabled'),
      );
    }
    if (isolation !== 'AllowOnlyApprovedOutbound') {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: the managed network allows any outbound traffic; a compromised job can send data anywhere.`);
    }
  }

  /** A compute cluster with no local auth, no node public IP and no public SSH. */
  public addComputeCluster(id: string, props: HardenedComputeClusterProps): MachineLearningComputeCluster {
    const check = this.check;
    props = check.props<HardenedComputeClusterProps>('props', props, HARDENED_COMPUTE_CLUSTER_PROPS_KEYS, 'a HardenedComputeClusterProps object');
    const name = azureName(check, 'name', props.name, AZURE_NAMES.mlCompute);
    const vmSize = check.string('vmSize', props.vmSize, VM_SIZE);
    const vmPriority = check.oneOf('vmPriority', props.vmPriority, ['Dedicated', 'LowPriority'], 'Dedicated');
    const max = check.integer('maxNodeCount', props.maxNodeCount, { min: 1, max: 1000, unit: 'nodes' }, 4);
    const idle = check.optionalString('scaleDownAfterIdle', props.scaleDownAfterIdle, { pattern: ISO_DURATION, expected: 'an ISO 8601 duration such as PT15M' }) ?? 'PT15M';
    return new MachineLearningComputeCluster(this, id, {
      name,
      location: this.location,
      machineLearningWorkspaceId: this.workspace.id,
      vmSize,
      vmPriority,
      localAuthEnabled: false,
      nodePublicIpEnabled: false,
      sshPublicAccessEnabled: false,
      identity: { type: 'SystemAssigned' },
      scaleSettings: { minNodeCount: 0, maxNodeCount: max, scaleDownNodesAfterIdleDuration: idle },
      tags: this.tags,
    });
  }

  /** A personal compute instance with no local auth and no public IP (the managed network hosts it). */
  public addComputeInstance(id: string, props: HardenedComputeInstanceProps): MachineLearningComputeInstance {
    const check = this.check;
    props = check.props<HardenedComputeInstanceProps>('props', props, HARDENED_COMPUTE_INSTANCE_PROPS_KEYS, 'a HardenedComputeInstanceProps object');
    const name = azureName(check, 'name', props.name, AZURE_NAMES.mlCompute);
    const virtualMachineSize = check.string('virtualMachineSize', props.virtualMachineSize, VM_SIZE);
    return new MachineLearningComputeInstance(this, id, {
      name,
      machineLearningWorkspaceId: this.workspace.id,
      virtualMachineSize,
      authorizationType: 'personal',
      localAuthEnabled: false,
      nodePublicIpEnabled: false,
      identity: { type: 'SystemAssigned' },
      tags: this.tags,
    });
  }
}

/** The workspace's customer-managed key: the vault, the key and the identity allowed to use it. */
function mlEncryptionKey(check: PropCheck, value: unknown): MlWorkspaceEncryptionKey | undefined {
  if (value === undefined) return undefined;
  const key = check.props<MlWorkspaceEncryptionKey>('encryptionKey', value, ML_WORKSPACE_ENCRYPTION_KEY_KEYS, 'an MlWorkspaceEncryptionKey { keyVaultId, keyId, userAssignedIdentityId }');
  resourceId(check, 'encryptionKey.keyVaultId', key.keyVaultId, 'Microsoft.KeyVault/vaults');
  check.string('encryptionKey.keyId', key.keyId, { pattern: /^https:\/\/[^/\s]+\/keys\/[a-zA-Z0-9-]{1,127}(?:\/[0-9a-fA-F]{32}|\/[^/\s]+)?$/, expected: 'a Key Vault key id such as https://<vault>.vault.azure.net/keys/<name>' });
  resourceId(check, 'encryptionKey.userAssignedIdentityId', key.userAssignedIdentityId, 'Microsoft.ManagedIdentity/userAssignedIdentities');
  return key;
}
