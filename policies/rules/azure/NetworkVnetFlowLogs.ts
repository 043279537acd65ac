import { isUnresolved } from '../../engine/model';
import { Resource, Rule, RuleContext, compliant, nonCompliant, unknown } from '../../engine/types';
import { LINKS, T, azureIndex, boolAt, names, numAt, pointersTo, show, unresolvedPointers } from '../../facts/azure';

/**
 * Every VNet has a Network Watcher flow log (target_resource_id = the VNet id) that is enabled,
 * version 2 (azurerm 4.55 defaults to 1), and whose retention_policy is enabled with days 0 (Network
 * Watcher documents 0 as keeping the logs until deleted from the storage account) or at least the
 * floor. A disabled retention policy has no documented meaning and is not accepted.
 */
export const NetworkVnetFlowLogs: Rule = {
  id: 'AZURE.Network.VnetFlowLogs',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.virtualNetwork],
  description: 'A virtual network has no enabled version-2 flow log retained for the floor (or forever).',
  rationale: 'VNet flow logs are the record of what crossed the network (which workload talked to which address, how many bytes, allowed or denied), the evidence of exfiltration and of a compromised library calling home.',
  fix: 'Use FlowLogs (retention); or add an azurerm_network_watcher_flow_log with target_resource_id = azurerm_virtual_network.x.id, enabled = true, version = 2, retention_policy { enabled = true, days = 0 (forever) or >= floor }.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  thresholds: ['retentionFloorDays'],
  check: (r, ctx) => {
    const failed: { ok: boolean | undefined; text: string }[] = [];
    for (const p of pointersTo(ctx.model, r, LINKS.flowLogTarget)) {
      if (p.subPath !== '' && p.subPath !== '/') continue;
      const result = judgeFlowLog(p.from, ctx);
      if (result.ok === true) return compliant(result.text);
      failed.push(result);
    }
    if (failed.length === 0) {
      const open = unresolvedPointers(ctx.model, LINKS.flowLogTarget, T.virtualNetwork);
      return open.length > 0
        ? unknown(`no flow log targets ${r.address}; the target_resource_id of ${names(open)} cannot be resolved before deploy`)
        : nonCompliant('no azurerm_network_watcher_flow_log has target_resource_id set to this virtual network');
    }
    const text = failed.map((x) => x.text).join('; ');
    return failed.some((x) => x.ok === undefined) ? unknown(text) : nonCompliant(text);
  },
};

/** ok undefined = cannot be resolved before deploy. */
function judgeFlowLog(log: Resource, ctx: RuleContext): { ok: boolean | undefined; text: string } {
  const m = ctx.model;
  const floor = ctx.config.retentionFloorDays;
  const enabled = boolAt(m, log, 'enabled');
  const version = numAt(m, log, 'version');
  const keep = boolAt(m, log, 'retention_policy.enabled');
  const days = numAt(m, log, 'retention_policy.days');
  const prefix = `${log.address}:`;
  if (enabled === false || enabled === undefined) return { ok: false, text: `${prefix} enabled is ${enabled ?? 'absent'}` };
  if (version !== undefined && !isUnresolved(version) && version !== 2) return { ok: false, text: `${prefix} version is ${version}; it must be 2` };
  if (version === undefined) return { ok: false, text: `${prefix} version is absent (provider default 1); it must be 2` };
  if (keep === false || keep === undefined) return { ok: false, text: `${prefix} retention_policy.enabled is ${keep ?? 'absent'}` };
  if (typeof days === 'number' && days !== 0 && days < floor) return { ok: false, text: `${prefix} retention_policy.days is ${days}, below the floor of ${floor} (0 keeps forever)` };
  if (days === undefined) return { ok: false, text: `${prefix} retention_policy.days is absent` };
  if ([enabled, version, keep, days].some(isUnresolved)) return { ok: undefined, text: `${prefix} enabled, version or retention_policy cannot be resolved before deploy` };
  // A storage account outside the inputs (a literal id naming none, a data source): whether it is immutable is judged nowhere here.
  const account = log.properties.storage_account_id;
  if (typeof account === 'string' && (!account.includes('${') || account.includes('${data.')) && !azureIndex(m).linksOf(LINKS.flowLogStorage).byFrom.get(log)?.target) {
    return { ok: undefined, text: `${prefix} storage_account_id ${account} names no storage account of the inputs: whether it keeps the flow logs immutable cannot be checked here` };
  }
  return { ok: true, text: `${prefix} enabled, version 2, retention_policy.days ${days === 0 ? '0 (forever)' : show(days)}` };
}
