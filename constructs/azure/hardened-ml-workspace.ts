import { Construct } from 'constructs';
import { MachineLearningComputeCluster } from '@cdktf/provider-azurerm/lib/machine-learning-compute-cluster';
import { MachineLearningComputeInstance } from '@cdktf/provider-azurerm/lib/machine-learning-compute-instance';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { requireIntegerInRange, requirePattern, WARNINGS } from '../core';
import { azureTags, kitWarning } from './common';

const COMPUTE_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$/;

/** A customer-managed key for the workspace's service-side data. */
export interface MlWorkspaceEncryptionKey {
  /** The Key Vault that holds the key. */
  readonly keyVaultId: string;
  /** The key id (Key Vault URI of the key). */
  readonly keyId: string;
  /** A user-assigned identity allowed to use the key; it becomes the workspace identity. */
  readonly userAssignedIdentityId: string;
}

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
  /** Outbound isolation of the managed network. @default - 'AllowOnlyApprovedOutbound' */
  readonly isolationMode?: 'AllowOnlyApprovedOutbound' | 'AllowInternetOutbound';
  /** Tags added to every resource. @default - the kit's evidence tags only */
  readonly tags?: Record<string, string>;
}

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

/** The props of a compute instance that HardenedMlWorkspace.addComputeInstance creates. */
export interface HardenedComputeInstanceProps {
  /** Instance name: 3 to 32 letters, digits and hyphens, starting with a letter. */
  readonly name: string;
  /** VM size, e.g. `Standard_DS3_v2`. */
  readonly virtualMachineSize: string;
}

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

  constructor(scope: Construct, id: string, props: HardenedMlWorkspaceProps) {
    super(scope, id);
    const where = `HardenedMlWorkspace ${this.node.path}`;
    requirePattern('workspaceName', props.workspaceName, /^[a-zA-Z0-9][\w-]{2,32}$/, '3 to 33 letters, digits, underscores and hyphens', where);
    const publicAccess = props.publicNetworkAccessEnabled ?? false;
    const isolation = props.isolationMode ?? 'AllowOnlyApprovedOutbound';
    this.location = props.location;
    this.tags = azureTags('ml-training-lifecycle', false, props.tags);
    const key = props.encryptionKey;

    this.workspace = new MachineLearningWorkspace(this, 'Resource', {
      name: props.workspaceName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      applicationInsightsId: props.applicationInsightsId,
      keyVaultId: props.keyVaultId,
      storageAccountId: props.storageAccountId,
      ...(props.containerRegistryId ? { containerRegistryId: props.containerRegistryId } : {}),
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
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: public network access is on; the workspace can be reached from any address.`);
    }
    if (isolation !== 'AllowOnlyApprovedOutbound') {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: the managed network allows any outbound traffic; a compromised job can send data anywhere.`);
    }
  }

  /** A compute cluster with no local auth, no node public IP and no public SSH. */
  public addComputeCluster(id: string, props: HardenedComputeClusterProps): MachineLearningComputeCluster {
    const where = `HardenedMlWorkspace ${this.node.path}`;
    requirePattern('name', props.name, COMPUTE_NAME, '3 to 32 letters, digits and hyphens, starting with a letter', where);
    const max = props.maxNodeCount ?? 4;
    requireIntegerInRange('maxNodeCount', max, 1, 1000, where);
    return new MachineLearningComputeCluster(this, id, {
      name: props.name,
      location: this.location,
      machineLearningWorkspaceId: this.workspace.id,
      vmSize: props.vmSize,
      vmPriority: props.vmPriority ?? 'Dedicated',
      localAuthEnabled: false,
      nodePublicIpEnabled: false,
      sshPublicAccessEnabled: false,
      identity: { type: 'SystemAssigned' },
      scaleSettings: { minNodeCount: 0, maxNodeCount: max, scaleDownNodesAfterIdleDuration: props.scaleDownAfterIdle ?? 'PT15M' },
      tags: this.tags,
    });
  }

  /** A personal compute instance with no local auth and no public IP (the managed network hosts it). */
  public addComputeInstance(id: string, props: HardenedComputeInstanceProps): MachineLearningComputeInstance {
    const where = `HardenedMlWorkspace ${this.node.path}`;
    requirePattern('name', props.name, COMPUTE_NAME, '3 to 32 letters, digits and hyphens, starting with a letter', where);
    return new MachineLearningComputeInstance(this, id, {
      name: props.name,
      machineLearningWorkspaceId: this.workspace.id,
      virtualMachineSize: props.virtualMachineSize,
      authorizationType: 'personal',
      localAuthEnabled: false,
      nodePublicIpEnabled: false,
      identity: { type: 'SystemAssigned' },
      tags: this.tags,
    });
  }
}
