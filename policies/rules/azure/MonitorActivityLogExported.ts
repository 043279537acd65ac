import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, isSubscriptionId, rawString, retainedDestinations } from '../../facts/azure';

/**
 * An ML workspace is only investigable with the control-plane record of its subscription: who
 * created compute, changed role assignments, rotated keys or turned diagnostics off. This rule
 * judges the absence that no per-setting rule can see: inputs with an ML workspace but no Activity
 * Log export at all. A subscription target only known at deploy (`${data.azurerm_subscription...}`)
 * gives UNKNOWN, never a pass.
 */
export const MonitorActivityLogExported: Rule = {
  id: 'AZURE.Monitor.ActivityLogExported',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.mlWorkspace],
  description: 'An Azure ML workspace is deployed, but no diagnostic setting in the inputs exports the subscription Activity Log to a retained destination.',
  rationale: 'Azure keeps the Activity Log 90 days; without an export, who created compute, changed role assignments or switched diagnostics off around the workspace is gone before most investigations start.',
  fix: 'Add ActivityLogs (subscription diagnostic setting with every category into EvidenceStorage and Log Analytics) to the stack, or check it together with the template that holds the subscription setting (one CLI call, several inputs).',
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1078.004', 'T1098.001', 'T1651', 'T1562.008', 'T1685.002'],
  atlas: ['AML.T0012'],
  check: (r, ctx) => {
    const settings = ctx.model.ofType(T.diagnosticSetting);
    const subscription = settings.filter((s) => isSubscriptionId(rawString(s, 'target_resource_id')));
    const exported = subscription.filter((s) => retainedDestinations(s).length > 0);
    if (exported.length > 0) return compliant(`${r.address}: the Activity Log is exported by ${exported.map((s) => s.address).join(', ')}`);
    if (subscription.length > 0) return nonCompliant(`${r.address}: ${subscription.map((s) => s.address).join(', ')} target the subscription but send to no Log Analytics workspace or storage account`);
    // A target that is an interpolation pointing at no resource of the inputs (`${var.scope}`) may be the subscription.
    const opaque = settings.filter((s) => {
      const raw = rawString(s, 'target_resource_id');
      return raw !== undefined && raw.includes('${') && ctx.model.targets(s.properties.target_resource_id, s).length === 0;
    });
    if (opaque.length > 0) return unknown(`${r.address}: no diagnostic setting names the subscription literally, and the target of ${opaque.map((s) => s.address).join(', ')} is only known at deploy`);
    return nonCompliant(`${r.address}: no diagnostic setting in the inputs exports the subscription Activity Log`);
  },
};
