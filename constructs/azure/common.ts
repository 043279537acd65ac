import { ITerraformDependable } from 'cdktf';
import { EvidenceSourceId, evidenceTags, ForensicValidationError, isUnresolved } from '../core';

/**
 * `kitWarning(scope, id, message)` raises a kit warning on a scope unless it was acknowledged
 * there or above: into the manifest, and printed on stderr at `app.synth()` (constructs/cdktf/warnings.ts).
 */
export { kitWarning, PRINT_WARNINGS_CONTEXT, PRINT_WARNINGS_ENV, shouldPrintKitWarnings } from '../cdktf/warnings';

/**
 * A storage account that receives evidence from Azure Monitor writers (diagnostic settings,
 * Activity Log, Entra ID, flow logs). EvidenceStorage implements it; an existing account can be
 * passed as a plain object.
 */
export interface IEvidenceStore {
  /** The Resource Manager id of the storage account. */
  readonly storageAccountId: string;
  /** The Azure region of the account (flow logs and resource logs need the same region as their source). */
  readonly location: string;
  /**
   * Pre-creates the container an Azure Monitor writer will use, with the store's immutability
   * policy, and returns what the writer must depend on. Optional: an existing account without it
   * relies on its own (account-level) policy.
   */
  evidenceContainer?(name: string): ITerraformDependable;
}

/** A Log Analytics workspace that receives the same evidence for querying. LogAnalytics implements it. */
export interface ILogAnalyticsWorkspace {
  /** The Resource Manager id of the workspace. */
  readonly workspaceResourceId: string;
  /** The workspace (customer) id, a GUID, as traffic analytics wants it. */
  readonly workspaceGuid: string;
  /** The Azure region of the workspace. */
  readonly location: string;
}

/** The kit's tags merged under the caller's tags (the kit's keys win: they mark evidence). */
export function azureTags(source: EvidenceSourceId, store: boolean, tags: Record<string, string> = {}): Record<string, string> {
  return { ...tags, ...evidenceTags(source, store) };
}

/** The container Azure Monitor creates for a resource-log category (`insights-logs-<category>`). */
export function resourceLogContainer(category: string): string {
  return `insights-logs-${category.toLowerCase()}`;
}

/** The dependencies a writer needs so that its containers exist, locked, before it writes. */
export function evidenceContainers(store: IEvidenceStore, names: readonly string[]): ITerraformDependable[] | undefined {
  if (!store.evidenceContainer || names.length === 0) return undefined;
  return names.map((n) => store.evidenceContainer!(n));
}

const SUBSCRIPTION_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Asserts a subscription or tenant id is a GUID; tokens pass. */
export function requireGuid(prop: string, value: string, where?: string): void {
  if (isUnresolved(value)) return;
  if (typeof value !== 'string' || !SUBSCRIPTION_ID.test(value)) {
    throw new ForensicValidationError(prop, value, 'a GUID such as 00000000-0000-0000-0000-000000000000', where);
  }
}

/** Asserts a Resource Manager id of a given provider type (`Microsoft.Storage/storageAccounts`); tokens pass. */
export function requireResourceId(prop: string, value: string, type: string, where?: string): void {
  if (isUnresolved(value)) return;
  const [namespace, ...types] = type.split('/');
  const path = types.map((t) => `/${t}/[^/]+`).join('');
  const pattern = new RegExp(`^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/${namespace.replace('.', '\\.')}${path}$`, 'i');
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ForensicValidationError(prop, value, `a Resource Manager id of a ${type}`, where);
  }
}

/** Azure region names compare without case and spaces (`West Europe` = `westeurope`). */
export function sameRegion(a: string, b: string): boolean {
  if (isUnresolved(a) || isUnresolved(b)) return true;
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '');
  return norm(a) === norm(b);
}

/** Asserts every entry of a list belongs to an allowed set, and that the list is not empty. */
export function requireKnownCategories(prop: string, values: readonly string[], allowed: readonly string[], where?: string): void {
  if (values.length === 0) throw new ForensicValidationError(prop, [], `a non-empty list of ${allowed.join(', ')}`, where);
  for (const v of values) {
    if (!allowed.includes(v)) throw new ForensicValidationError(prop, v, `one of ${allowed.join(', ')}`, where);
  }
  if (new Set(values).size !== values.length) throw new ForensicValidationError(prop, values, 'a list without duplicates', where);
}
