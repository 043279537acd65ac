import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { WARNINGS } from '../../constructs/core';
import {
  ActivityLogs,
  azureTags,
  ENTRA_ID_DEFAULT_CATEGORIES,
  EvidenceStorage,
  InvestigationPack,
  kitWarning,
  LogAnalytics,
  resourceLogContainer,
} from '../../constructs/azure';
import { forensicAzurermProvider, placeholdersInUse, ResolvedAzureStacksProps } from './config';
import { MlWorkload } from './ml-workload';

/**
 * Forensic readiness for one subscription: the locked evidence store, the Log Analytics
 * workspace with the investigation pack (one KQL function per question, and Microsoft Sentinel with
 * the pack's analytics rules unless `sentinelEnabled` is false), the Activity Log export, and the
 * example ML workload with every trace switched on.
 * The Entra ID export is a separate stack (AzureEntraIdLogsStack): it needs a tenant
 * administrator signed in with the Azure CLI, which a pipeline principal is not.
 */
export class AzureForensicReadinessStack extends TerraformStack {
  public readonly evidence: EvidenceStorage;
  public readonly logAnalytics: LogAnalytics;
  /** The investigation questions as saved searches (KQL functions) on the workspace. */
  public readonly investigationPack: InvestigationPack;
  public readonly workload: MlWorkload;

  constructor(scope: Construct, id: string, props: ResolvedAzureStacksProps) {
    super(scope, id);
    forensicAzurermProvider(this, props);
    const placeholders = placeholdersInUse(props);
    if (placeholders.length > 0) {
      kitWarning(
        this,
        WARNINGS.PLACEHOLDER_IDS,
        `${id}: placeholder values in use for ${placeholders.join(', ')}; replace them (props or context azure:<name>) before deploying.`,
      );
    }

    const group = new ResourceGroup(this, 'ResourceGroup', {
      name: props.resourceGroupName,
      location: props.location,
      tags: azureTags('evidence-immutability', true),
      lifecycle: { preventDestroy: true },
    });
    const base = { resourceGroupName: group.name, location: props.location };

    this.evidence = new EvidenceStorage(this, 'Evidence', {
      ...base,
      accountName: props.evidenceStorageAccountName,
      immutability: props.immutability,
      accountPolicyLocked: props.accountPolicyLocked,
    });
    // The Entra ID stack writes here too; its containers are created (and locked) from this stack.
    for (const category of ENTRA_ID_DEFAULT_CATEGORIES) this.evidence.evidenceContainer(resourceLogContainer(category));

    this.logAnalytics = new LogAnalytics(this, 'LogAnalytics', {
      ...base,
      workspaceName: props.logAnalyticsWorkspaceName,
    });
    this.investigationPack = new InvestigationPack(this, 'InvestigationPack', {
      workspace: this.logAnalytics,
      sentinel: props.sentinelEnabled ? {} : undefined,
    });

    new ActivityLogs(this, 'ActivityLogs', {
      subscriptionId: props.subscriptionId,
      destination: this.evidence,
      workspace: this.logAnalytics,
    });

    this.workload = new MlWorkload(this, 'MlWorkload', {
      ...base,
      tenantId: props.tenantId,
      trainingDataStorageAccountName: props.trainingDataStorageAccountName,
      mlStorageAccountName: props.mlStorageAccountName,
      keyVaultName: props.keyVaultName,
      mlWorkspaceName: props.mlWorkspaceName,
      mlOnlineEndpointName: props.mlOnlineEndpointName,
      mlRegistryId: `/subscriptions/${props.subscriptionId}/resourceGroups/${props.resourceGroupName}/providers/Microsoft.MachineLearningServices/registries/${props.mlRegistryName}`,
      aiServicesAccountName: props.aiServicesAccountName,
      evidence: this.evidence,
      logAnalytics: this.logAnalytics,
    });
  }
}
