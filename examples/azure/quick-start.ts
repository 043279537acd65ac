/**
 * Azure quick start (CDK for Terraform): an immutable evidence storage account, a Log Analytics
 * workspace, and the subscription's Activity Log exported into both by a diagnostic setting, with
 * the kit's checks on every `cdktf synth`.
 *
 * Run it in this repository: `npx tsx --tsconfig examples/tsconfig.json examples/azure/quick-start.ts` (writes cdktf.out/).
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from 'cdktf';
import { ActivityLogs, EvidenceStorage, LogAnalytics } from 'forensic-readiness-kit/azure';
import { addForensicReadinessChecks } from 'forensic-readiness-kit/policies/cdktf';

const subscriptionId = '11111111-2222-3333-4444-555555555555';
const location = 'westeurope';

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'azure-quick-start');
  new AzurermProvider(stack, 'azurerm', {
    subscriptionId,
    // The evidence account has no shared keys: data-plane calls must use Entra ID.
    storageUseAzuread: true,
    features: [{ storage: [{ dataPlaneAvailable: false }] }],
  });
  // app.synth() fails on an error finding, naming the construct, the rule and the fix.
  addForensicReadinessChecks(stack);

  const group = new ResourceGroup(stack, 'ResourceGroup', { name: 'forensic-evidence', location, lifecycle: { preventDestroy: true } });
  // Version-level immutability, locked container policies (365 days), no shared keys, CanNotDelete lock.
  const evidence = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: group.name, location, accountName: 'acmeforensicevidence' });
  // Interactive retention 90 days, total retention 365 days on the evidence tables, local auth off.
  const workspace = new LogAnalytics(stack, 'LogAnalytics', { resourceGroupName: group.name, location, workspaceName: 'acme-forensic-logs' });
  // Every Activity Log category, into the immutable store and the workspace.
  new ActivityLogs(stack, 'ActivityLogs', { subscriptionId, destination: evidence, workspace });
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
