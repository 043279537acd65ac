/**
 * Azure's own naming and id rules, and the checks of the props every Azure construct shares
 * (destination, workspace, tags, resource ids), on top of the one PropCheck (constructs/core).
 *
 * Each name rule is Azure's, as documented: "Naming rules and restrictions for Azure resources"
 * (Azure Resource Manager docs), the Blob service's container naming rules, and, for diagnostic
 * settings, the azurerm provider's own validation. A token (a deploy-time value) passes every
 * rule untouched: Azure judges it at deploy.
 */
import { Construct, IConstruct } from 'constructs';
import { DEFAULT_RETENTION_DAYS, PropCheck, StringRule, WARNINGS, isUnresolved } from '../core';
import { kitWarning } from '../cdktf/warnings';
import type { IEvidenceStore, ILogAnalyticsWorkspace } from './common';

/** The kinds of Azure names the constructs check. */
export type AzureNameKind = 'storageAccount' | 'container' | 'logAnalyticsWorkspace' | 'resourceGroup' | 'location' | 'diagnosticSetting' | 'network' | 'mlWorkspace' | 'mlCompute' | 'table';

/** The naming rules of the Azure resources the kit names, as Azure documents them. */
export const AZURE_NAMES: Readonly<Record<AzureNameKind, StringRule>> = {
  /** Storage account: 3 to 24 lower-case letters and digits, globally unique. */
  storageAccount: { pattern: /^[a-z0-9]{3,24}$/, expected: 'a storage account name of 3 to 24 lower-case letters and digits' },
  /** Blob container: 3 to 63 lower-case letters, digits and hyphens; begins and ends with a letter or digit; no consecutive hyphens. */
  container: {
    pattern: /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
    expected: 'a container name of 3 to 63 lower-case letters, digits and single hyphens, beginning and ending with a letter or digit',
  },
  /** Log Analytics workspace: 4 to 63 letters, digits and hyphens, beginning and ending with a letter or digit. */
  logAnalyticsWorkspace: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/,
    expected: 'a Log Analytics workspace name of 4 to 63 letters, digits and hyphens, beginning and ending with a letter or digit',
  },
  /** Resource group: 1 to 90 letters (Unicode), digits, underscores, hyphens, periods and parentheses, not ending in a period. */
  resourceGroup: {
    pattern: /^[-_.()\p{L}\p{Nd}]{1,90}$/u,
    expected: 'a resource group name of 1 to 90 letters, digits, underscores, hyphens, periods and parentheses',
    refuse: (v: string) => (v.endsWith('.') ? 'it must not end in a period' : undefined),
  },
  /** Azure region, as a name (`westeurope`) or a display name (`West Europe`). */
  location: {
    pattern: /^[A-Za-z][A-Za-z0-9]*(?: [A-Za-z0-9]+)*$/,
    expected: 'an Azure region such as westeurope or "West Europe" (letters and digits, words separated by one space)',
    refuse: (v: string) => (v.length > 50 ? 'at most 50 characters' : undefined),
  },
  /** Diagnostic setting (azurerm's validation): 1 to 260 characters, none of `< > * % & : \ ? + /`. */
  diagnosticSetting: {
    pattern: /^[^<>*%&:\\?+/]{1,260}$/,
    expected: 'a diagnostic setting name of 1 to 260 characters without < > * % & : \\ ? + /',
    refuse: (v: string) => (v.trim() !== v || v.endsWith('.') ? 'it must not begin or end with a space, nor end with a period' : undefined),
  },
  /** Network resources (network watcher, flow log): 1 to 80 letters, digits, underscores, periods and hyphens; begins with a letter or digit, ends with a letter, digit or underscore. */
  network: {
    pattern: /^[A-Za-z0-9](?:[\w.-]{0,78}\w)?$/,
    expected: 'a name of 1 to 80 letters, digits, underscores, periods and hyphens, beginning with a letter or digit and ending with a letter, digit or underscore',
  },
  /** Azure ML workspace: 3 to 33 letters, digits, underscores and hyphens, beginning with a letter or digit. */
  mlWorkspace: { pattern: /^[a-zA-Z0-9][\w-]{2,32}$/, expected: 'an Azure ML workspace name of 3 to 33 letters, digits, underscores and hyphens, beginning with a letter or digit' },
  /** Azure ML compute: 3 to 32 letters, digits and hyphens, beginning with a letter, not ending with a hyphen. */
  mlCompute: { pattern: /^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$/, expected: 'a compute name of 3 to 32 letters, digits and hyphens, beginning with a letter' },
  /** Log Analytics table: a letter, then letters, digits and underscores, at most 63 characters (custom tables end in `_CL`). */
  table: { pattern: /^[A-Za-z][A-Za-z0-9_]{0,62}$/, expected: 'a Log Analytics table name (a letter, then letters, digits and underscores, at most 63 characters)' },
};

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A GUID prop (subscription, tenant, principal or workspace id); tokens pass. */
export function guid(check: PropCheck, prop: string, value: unknown): string {
  return check.string(prop, value, { pattern: GUID, expected: 'a GUID such as 00000000-0000-0000-0000-000000000000' });
}

/**
 * A Resource Manager id of a provider type (`Microsoft.Storage/storageAccounts`, or a child type
 * such as `Microsoft.Network/virtualNetworks/subnets`); tokens pass, an empty id is refused.
 */
export function resourceId(check: PropCheck, prop: string, value: unknown, type: string): string {
  const [namespace, ...types] = type.split('/');
  const path = types.map((t) => `/${t}/[^/]+`).join('');
  const pattern = new RegExp(`^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/${namespace.replace('.', '\\.')}${path}$`, 'i');
  return check.string(prop, value, { pattern, expected: `a Resource Manager id of a ${type}` });
}

/** An optional Resource Manager id: undefined when absent. */
export function optionalResourceId(check: PropCheck, prop: string, value: unknown, type: string): string | undefined {
  return value === undefined ? undefined : resourceId(check, prop, value, type);
}

/** A name by one of Azure's rules (AZURE_NAMES); tokens pass. */
export function azureName(check: PropCheck, prop: string, value: unknown, rule: StringRule): string {
  return check.string(prop, value, rule);
}

/** An optional name: undefined when absent. */
export function optionalAzureName(check: PropCheck, prop: string, value: unknown, rule: StringRule): string | undefined {
  return value === undefined ? undefined : check.string(prop, value, rule);
}

/**
 * The store a writer sends evidence to: an IEvidenceStore (EvidenceStorage, or a plain
 * `{ storageAccountId, location }` for an existing account). An id string is refused: the kit
 * would otherwise write no `storage_account_id` and no region check.
 */
export function evidenceStore(check: PropCheck, prop: string, value: unknown, owner?: { scope: IConstruct; where: string }): IEvidenceStore {
  const expected = "an IEvidenceStore (an EvidenceStorage, or { storageAccountId: '<storage account id>', location: '<region>' } for an existing account)";
  if (typeof value !== 'object' || value === null || Array.isArray(value)) check.fail(prop, value, expected);
  const store = value as Record<string, unknown>;
  resourceId(check, `${prop}.storageAccountId`, store.storageAccountId, 'Microsoft.Storage/storageAccounts');
  check.string(`${prop}.location`, store.location, AZURE_NAMES.location);
  if (store.evidenceContainer !== undefined && typeof store.evidenceContainer !== 'function') check.fail(`${prop}.evidenceContainer`, store.evidenceContainer, 'a function, or absent');
  // An EvidenceStorage of this app is a construct, and its lock is in the synthesized stacks; an
  // existing account is not: nothing here shows it immutable, so the choice is said at synth.
  if (owner && !Construct.isConstruct(value)) {
    kitWarning(
      owner.scope,
      WARNINGS.WEAKENED_DEFAULT,
      `${owner.where}: ${prop} is an existing storage account (${isUnresolved(store.storageAccountId) ? 'its id known only at deploy' : String(store.storageAccountId)}), not an EvidenceStorage of this app: nothing in the stacks shows that it keeps an immutable copy (a locked time-based retention of at least ${DEFAULT_RETENTION_DAYS} days); check it where it is defined, and check that template too.`,
    );
  }
  return value as IEvidenceStore;
}

/** The optional Log Analytics workspace of a writer: an ILogAnalyticsWorkspace, or undefined when absent. */
export function logAnalyticsWorkspace(check: PropCheck, prop: string, value: unknown): ILogAnalyticsWorkspace | undefined {
  if (value === undefined) return undefined;
  const expected = "an ILogAnalyticsWorkspace (a LogAnalytics, or { workspaceResourceId, workspaceGuid, location } for an existing workspace)";
  if (typeof value !== 'object' || value === null || Array.isArray(value)) check.fail(prop, value, expected);
  const ws = value as Record<string, unknown>;
  resourceId(check, `${prop}.workspaceResourceId`, ws.workspaceResourceId, 'Microsoft.OperationalInsights/workspaces');
  guid(check, `${prop}.workspaceGuid`, ws.workspaceGuid);
  check.string(`${prop}.location`, ws.location, AZURE_NAMES.location);
  return value as ILogAnalyticsWorkspace;
}

const TAG_NAME_FORBIDDEN = /[<>%&\\?/]/;

/**
 * Tags: an object of string values. Azure refuses tag names over 512 characters or holding
 * `< > % & \ ? /`, and values over 256 characters. Undefined when absent.
 */
export function azureTagsProp(check: PropCheck, prop: string, value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const tags = check.object<Record<string, unknown>>(prop, value, 'an object of tag names to string values');
  for (const [name, v] of Object.entries(tags)) {
    if (check.isToken(name)) continue;
    if (name.length === 0 || name.length > 512 || TAG_NAME_FORBIDDEN.test(name)) check.fail(`${prop}.${name}`, name, 'a tag name of 1 to 512 characters without < > % & \\ ? /');
    if (typeof v !== 'string') check.fail(`${prop}.${name}`, v, 'a string tag value');
    if (!check.isToken(v) && v.length > 256) check.fail(`${prop}.${name}`, v, 'a tag value of at most 256 characters');
  }
  return tags as Record<string, string>;
}

/** A list of names by one rule, without repeats (an empty list is allowed unless nonEmpty). */
export function nameList(check: PropCheck, prop: string, value: unknown, rule: StringRule, options: { nonEmpty?: boolean } = {}, defaultValue?: readonly string[]): readonly string[] {
  const list = check.list<unknown>(prop, value, { nonEmpty: options.nonEmpty, unique: true, expected: `a list of ${rule.expected ?? 'names'}` }, defaultValue);
  if (check.isToken(list)) return list as readonly string[];
  list.forEach((item, i) => check.string(`${prop}[${i}]`, item, rule));
  return list as readonly string[];
}

/** A list of categories: non-empty, each one of `allowed`, without repeats. */
export function categoryList<T extends string>(check: PropCheck, prop: string, value: unknown, allowed: readonly T[], defaultValue: readonly T[]): readonly T[] {
  const list = check.list<unknown>(prop, value, { nonEmpty: true, unique: true, expected: `a non-empty list of ${allowed.join(', ')}` }, defaultValue);
  const known = `one of ${allowed.join(', ')}, known at synth (each category becomes a log block and a container)`;
  if (check.isToken(list)) check.fail(prop, value, known);
  list.forEach((item, i) => {
    if (check.isToken(item)) check.fail(`${prop}[${i}]`, item, known);
    check.oneOf(`${prop}[${i}]`, item, allowed);
  });
  return list as readonly T[];
}

/**
 * The sentence a kit warning ends with when the weaker choice makes one of the kit's checks
 * report an error: an auditor reading the warning knows the finding it announces.
 */
export function announces(...ruleIds: string[]): string {
  return ` The kit's check${ruleIds.length > 1 ? 's' : ''} ${ruleIds.join(', ')} then report${ruleIds.length > 1 ? '' : 's'} an error on the template.`;
}
