import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, boolAt, isEvidenceStore, show, strAt } from '../../facts/azure';

/** Copy scopes that keep copies inside the tenant or behind private links. */
const CLOSED_COPY_SCOPES = ['AAD', 'PrivateLink'];

/** The boolean settings judged: path, the value a store needs, the azurerm 4.55 default. */
const SETTINGS: readonly (readonly [string, boolean, boolean])[] = [
  ['local_user_enabled', false, true],
  ['sftp_enabled', false, false],
  ['cross_tenant_replication_enabled', false, false],
  ['infrastructure_encryption_enabled', true, false],
];

/**
 * An evidence store closes the side doors that its Entra-only data plane does not: no local users
 * (SFTP / local-user keys and passwords bypass Entra ID; azurerm 4.55 default true), SFTP off
 * (default false), no cross-tenant object replication (default false), copies only within the tenant
 * or private links (`allowed_copy_scope`, absent = any account), and infrastructure (double)
 * encryption (default false, ForceNew: only at creation).
 */
export const StorageEvidenceAccountHardening: Rule = {
  id: 'AZURE.Storage.EvidenceAccountHardening',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.storageAccount],
  description: 'An evidence storage account allows local users or SFTP, cross-tenant replication or copies to any account, or lacks infrastructure (double) encryption.',
  rationale: 'Local users and SFTP authenticate outside Entra ID, so their reads leave no identity an investigator can follow; cross-tenant replication and an open copy scope let evidence be copied to an attacker-held tenant; double encryption keeps the data safe if one encryption layer is compromised.',
  fix: 'Use EvidenceStorage; or set local_user_enabled = false, sftp_enabled = false, cross_tenant_replication_enabled = false, allowed_copy_scope = "AAD" (or "PrivateLink") and infrastructure_encryption_enabled = true (at creation) on the azurerm_storage_account.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1078.004', 'T1530', 'T1537'],
  atlas: ['AML.T0025'],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => {
    const m = ctx.model;
    const wrong: string[] = [];
    const open: string[] = [];
    for (const [path, want, providerDefault] of SETTINGS) {
      const v = boolAt(m, r, path);
      if (isUnresolved(v)) open.push(path);
      else if ((v ?? providerDefault) !== want) wrong.push(`${settingText(path, v, providerDefault)}; it should be ${want}`);
    }
    const scope = strAt(m, r, 'allowed_copy_scope');
    if (isUnresolved(scope)) open.push('allowed_copy_scope');
    else if (scope === undefined || !CLOSED_COPY_SCOPES.includes(scope)) {
      wrong.push(`allowed_copy_scope ${scope === undefined ? 'absent (copies to and from any account)' : show(scope)}; it should be "AAD" or "PrivateLink"`);
    }
    if (wrong.length > 0) return nonCompliant(wrong.join('; '));
    if (open.length > 0) return unknown(`${open.join(', ')} cannot be resolved before deploy`);
    // Every setting's text is built only for the compliant verdict that shows them all.
    return compliant(`${SETTINGS.map(([path, , d]) => settingText(path, boolAt(m, r, path), d)).join(', ')}, allowed_copy_scope ${show(scope)}`);
  },
};

/** How a boolean setting reads in a reason: its value, or absent with the provider default. */
function settingText(path: string, v: unknown, providerDefault: boolean): string {
  return `${path} ${v === undefined ? `absent (default ${providerDefault})` : show(v)}`;
}
