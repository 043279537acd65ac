import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { WARNINGS } from '../../constructs/core';
import { EntraIdLogs, kitWarning } from '../../constructs/azure';
import { forensicAzurermProvider, placeholdersInUse, ResolvedAzureStacksProps } from './config';
import { AzureForensicReadinessStack } from './forensic-readiness-stack';

/**
 * The tenant's Entra ID sign-in and audit logs, into the evidence store and workspace of the
 * readiness stack. Deploy it after that stack, signed in with `az login` as a Security
 * Administrator (or Global Administrator): the tenant diagnostic-setting API refuses service
 * principals.
 */
export class AzureEntraIdLogsStack extends TerraformStack {
  public readonly entraId: EntraIdLogs;

  constructor(scope: Construct, id: string, props: ResolvedAzureStacksProps, readiness: AzureForensicReadinessStack) {
    super(scope, id);
    forensicAzurermProvider(this, props);
    const placeholders = placeholdersInUse(props);
    if (placeholders.length > 0) {
      kitWarning(this, WARNINGS.PLACEHOLDER_IDS, `${id}: placeholder values in use for ${placeholders.join(', ')}; replace them (props or context azure:<name>) before deploying.`);
    }
    this.entraId = new EntraIdLogs(this, 'EntraIdLogs', {
      // A plain reference: the containers were created, locked, by the readiness stack.
      destination: { storageAccountId: readiness.evidence.storageAccountId, location: readiness.evidence.location },
      workspace: readiness.logAnalytics,
    });
    this.addDependency(readiness);
  }
}
