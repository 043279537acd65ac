import { Construct } from 'constructs';
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { WARNINGS } from '../../constructs/core';
import {
  azureTags,
  CognitiveAccountAudit,
  EvidenceStorage,
  FlowLogs,
  HardenedMlWorkspace,
  kitWarning,
  LogAnalytics,
  MachineLearningAudit,
  resourceLogContainer,
  StorageAccessLogs,
} from '../../constructs/azure';

export interface MlWorkloadProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tenantId: string;
  readonly trainingDataStorageAccountName: string;
  readonly mlStorageAccountName: string;
  readonly keyVaultName: string;
  readonly mlWorkspaceName: string;
  /** The online endpoint whose logs are exported ('' for none): created outside Terraform. */
  readonly mlOnlineEndpointName: string;
  /** The resource id of the Azure ML registry whose asset reads and writes are exported. */
  readonly mlRegistryId: string;
  readonly aiServicesAccountName: string;
  readonly evidence: EvidenceStorage;
  readonly logAnalytics: LogAnalytics;
}

/**
 * The example workload of the reference stack: what an insider poisoning training data would
 * touch, with every trace switched on. A VNet with flow logs, a training-data account and the ML
 * workspace's artifact account with blob access logs, a hardened ML workspace (its Key Vault and
 * Application Insights hardened too) with a private compute cluster, the ML diagnostics (workspace,
 * online endpoint, registry), and an Azure AI Services account reachable only privately and only
 * with Entra ID, with its request logs.
 */
export class MlWorkload extends Construct {
  public readonly vnet: VirtualNetwork;
  public readonly trainingData: StorageAccount;
  public readonly mlStorage: StorageAccount;
  public readonly ml: HardenedMlWorkspace;
  public readonly aiServices: CognitiveAccount;

  constructor(scope: Construct, id: string, props: MlWorkloadProps) {
    super(scope, id);
    const { resourceGroupName, location } = props;
    const base = { resourceGroupName, location };

    this.vnet = new VirtualNetwork(this, 'Vnet', {
      ...base,
      name: 'forensic-ml-vnet',
      addressSpace: ['10.40.0.0/16'],
      tags: azureTags('network-flow', false),
    });
    new Subnet(this, 'WorkloadSubnet', {
      name: 'workload',
      resourceGroupName,
      virtualNetworkName: this.vnet.name,
      addressPrefixes: ['10.40.1.0/24'],
      // No implicit internet egress: outbound paths are explicit, and so visible.
      defaultOutboundAccessEnabled: false,
      serviceEndpoints: ['Microsoft.Storage'],
    });
    new FlowLogs(this, 'VnetFlowLogs', {
      virtualNetworkId: this.vnet.id,
      location,
      destination: props.evidence,
      workspace: props.logAnalytics,
    });

    this.trainingData = this.dataAccount('TrainingData', props.trainingDataStorageAccountName, props, true);
    new StorageAccessLogs(this, 'TrainingDataAccessLogs', {
      storageAccountId: this.trainingData.id,
      destination: props.evidence,
      workspace: props.logAnalytics,
    });

    // azurerm 4.55 has no system_datastores_auth_mode, so the workspace's default datastores use
    // the account key: this one account keeps shared keys on.
    this.mlStorage = this.dataAccount('MlArtifacts', props.mlStorageAccountName, props, false);
    kitWarning(
      this.mlStorage,
      WARNINGS.WEAKENED_DEFAULT,
      `${this.mlStorage.node.path}: shared key access stays on for the ML workspace's storage account (its default datastores use the account key; azurerm 4.55 cannot switch them to identity). Its blob access logs record key-based requests without a user identity.`,
    );
    new StorageAccessLogs(this, 'MlArtifactsAccessLogs', {
      storageAccountId: this.mlStorage.id,
      destination: props.evidence,
      workspace: props.logAnalytics,
    });

    const keyVault = new KeyVault(this, 'KeyVault', {
      ...base,
      name: props.keyVaultName,
      tenantId: props.tenantId,
      skuName: 'standard',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
      publicNetworkAccessEnabled: false,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
      tags: azureTags('ml-training-lifecycle', false),
    });
    // Who read which secret or used which key (the workspace's connection secrets live here).
    new MonitorDiagnosticSetting(this, 'KeyVaultAuditLogs', {
      name: 'forensic-readiness-key-vault',
      targetResourceId: keyVault.id,
      storageAccountId: props.evidence.storageAccountId,
      logAnalyticsWorkspaceId: props.logAnalytics.workspaceResourceId,
      enabledLog: [{ category: 'AuditEvent' }],
      dependsOn: [props.evidence.evidenceContainer(resourceLogContainer('AuditEvent'))],
    });
    const insights = new ApplicationInsights(this, 'AppInsights', {
      ...base,
      name: `${props.mlWorkspaceName}-insights`,
      applicationType: 'other',
      workspaceId: props.logAnalytics.workspaceResourceId,
      localAuthenticationDisabled: true,
      tags: azureTags('ml-inference', false),
    });

    this.ml = new HardenedMlWorkspace(this, 'MlWorkspace', {
      ...base,
      workspaceName: props.mlWorkspaceName,
      applicationInsightsId: insights.id,
      keyVaultId: keyVault.id,
      storageAccountId: this.mlStorage.id,
    });
    this.ml.addComputeCluster('TrainingCluster', { name: 'training', vmSize: 'Standard_DS3_v2', maxNodeCount: 2 });
    new MachineLearningAudit(this, 'MlAudit', {
      machineLearningWorkspaceId: this.ml.machineLearningWorkspaceId,
      onlineEndpoints: props.mlOnlineEndpointName ? { [props.mlOnlineEndpointName]: `${this.ml.machineLearningWorkspaceId}/onlineEndpoints/${props.mlOnlineEndpointName}` } : undefined,
      registries: { models: props.mlRegistryId },
      destination: props.evidence,
      workspace: props.logAnalytics,
    });

    // Generative AI calls: only Entra ID tokens (each call names a principal), only private access.
    this.aiServices = new CognitiveAccount(this, 'AiServices', {
      ...base,
      name: props.aiServicesAccountName,
      kind: 'AIServices',
      skuName: 'S0',
      customSubdomainName: props.aiServicesAccountName,
      localAuthEnabled: false,
      publicNetworkAccessEnabled: false,
      identity: { type: 'SystemAssigned' },
      tags: azureTags('ml-inference', false),
    });
    new CognitiveAccountAudit(this, 'AiServicesAudit', {
      cognitiveAccountId: this.aiServices.id,
      destination: props.evidence,
      workspace: props.logAnalytics,
    });
  }

  /**
   * A data account: versioning (the last known-good version of each blob), change feed (every
   * change, in order), soft delete, TLS 1.2, no public containers, firewall with trusted services.
   */
  private dataAccount(id: string, name: string, props: MlWorkloadProps, sharedKeyOff: boolean): StorageAccount {
    return new StorageAccount(this, id, {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: 'ZRS',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: !sharedKeyOff,
      defaultToOauthAuthentication: true,
      crossTenantReplicationEnabled: false,
      allowedCopyScope: 'AAD',
      infrastructureEncryptionEnabled: true,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        changeFeedRetentionInDays: 365,
        deleteRetentionPolicy: { days: 90 },
        containerDeleteRetentionPolicy: { days: 90 },
      },
      tags: azureTags('storage-data-access', false),
    });
  }
}
