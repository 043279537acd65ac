import { isUnresolved } from '../../engine/model';
import { Judgement, Resource, Rule, RuleContext, compliant, nonCompliant, unknown } from '../../engine/types';
import { LINKS, T, blockAt, boolAt, evidenceWriters, isEvidenceStore, names, pointersTo, show, valueAt } from '../../facts/azure';

/**
 * The firewalls of an account: its network_rules block and every azurerm_storage_account_network_rules
 * resource naming it. An account has one firewall, and each of these replaces it (the provider's
 * documentation: the two must not be combined, and only one network rules resource per account), in
 * no set order: each is judged as if alone.
 */
function firewallsOf(r: Resource, ctx: RuleContext): Array<{ where: string; owner: Resource }> | 'unresolved' {
  const inline = blockAt(ctx.model, r, 'network_rules');
  if (isUnresolved(inline)) return 'unresolved';
  const out: Array<{ where: string; owner: Resource }> = inline !== undefined ? [{ where: 'network_rules', owner: r }] : [];
  const separate = pointersTo(ctx.model, r, LINKS.networkRulesAccount)
    .map((p) => p.from)
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  for (const from of separate) if (!out.some((f) => f.owner === from)) out.push({ where: from.address, owner: from });
  return out;
}

/** public_network_access_enabled only known at deploy may yet close the account: never a failure then. */
function fail(publicAccess: unknown, text: string): Judgement {
  return isUnresolved(publicAccess) ? unknown(`${text}, unless public_network_access_enabled (only known at deploy) is false`) : nonCompliant(text);
}

/**
 * The firewall of an evidence store denies by default (`network_rules.default_action = "Deny"`, or an
 * azurerm_storage_account_network_rules resource), or public network access is off altogether. With a
 * Deny default, `bypass` must keep `AzureServices` (the azurerm default) while Azure Monitor or
 * Network Watcher write into it: they write as trusted Microsoft services and are refused otherwise.
 * Without network rules the account accepts requests from every network (azurerm 4.55 and Azure default).
 * With several network rule sets (the inline block and azurerm_storage_account_network_rules
 * resources), each replaces the others: each is judged as if alone, and the verdict is the worst.
 */
export const StorageEvidenceNetworkDeny: Rule = {
  id: 'AZURE.Storage.EvidenceNetworkDeny',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.storageAccount],
  description: 'The firewall of an evidence storage account allows every network by default, or denies the trusted Azure services that write the evidence.',
  rationale: 'An account reachable from every network lets a stolen identity or token read or tamper with the evidence from anywhere; denying by default narrows access to listed networks and the trusted Azure writers, and refused requests show up in the store logs.',
  fix: 'Use EvidenceStorage (firewall Deny with the AzureServices bypass; allowedSubnetIds / allowedIpRanges); or set network_rules { default_action = "Deny", bypass = ["AzureServices"] } on the azurerm_storage_account (or an azurerm_storage_account_network_rules resource), or public_network_access_enabled = false with private endpoints.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1530', 'T1078.004'],
  atlas: ['AML.T0055'],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx): Judgement => {
    const m = ctx.model;
    const publicAccess = boolAt(m, r, 'public_network_access_enabled');
    if (publicAccess === false) return compliant('public_network_access_enabled is false: the account has no public endpoint');
    const fws = firewallsOf(r, ctx);
    if (fws === 'unresolved') return unknown('network_rules cannot be resolved before deploy');
    if (fws.length === 0) return fail(publicAccess, 'network_rules is absent: the account accepts requests from every network (default_action Allow)');
    const each = fws.map((fw) => judgeFirewall(r, ctx, fw, publicAccess));
    if (each.length === 1) return each[0];
    const worst = each.some((j) => j.verdict === 'NON_COMPLIANT') ? 'NON_COMPLIANT' : each.some((j) => j.verdict === 'UNKNOWN') ? 'UNKNOWN' : 'COMPLIANT';
    const preamble = `${fws.length} network rule sets name this account (${fws.map((f) => f.where).join(', ')}); each replaces the account's firewall, so only the last applied takes effect, and each is judged as if alone: `;
    return { verdict: worst, reason: preamble + each.filter((j) => j.verdict === worst).map((j) => j.reason).join('; ') };
  },
};

/** One firewall of an account, judged as if it were the account's only one. */
function judgeFirewall(r: Resource, ctx: RuleContext, fw: { where: string; owner: Resource }, publicAccess: unknown): Judgement {
  const m = ctx.model;
  const action = valueAt(m, fw.owner, fw.owner === r ? 'network_rules.default_action' : 'default_action');
  if (isUnresolved(action)) return unknown(`${fw.where}.default_action cannot be resolved before deploy`);
  if (action !== 'Deny') return fail(publicAccess, `${fw.where}.default_action is ${show(action)}; it should be "Deny"`);
  const bypass = valueAt(m, fw.owner, fw.owner === r ? 'network_rules.bypass' : 'bypass');
  if (isUnresolved(bypass)) return unknown(`${fw.where}.bypass cannot be resolved before deploy`);
  const trusted = evidenceWriters(m, r).filter((w) => w.type !== T.dataExportRule);
  const list = Array.isArray(bypass) ? bypass : bypass === undefined ? undefined : [bypass];
  if (trusted.length > 0 && list !== undefined && !list.includes('AzureServices')) {
    return nonCompliant(`${fw.where}.bypass is ${show(bypass)} without "AzureServices": ${names(trusted)} write as trusted Azure services and would be refused`);
  }
  return compliant(`${fw.where}.default_action is "Deny", bypass ${list === undefined ? 'absent (default AzureServices)' : show(bypass)}`);
}
