import { ITerraformDependable } from 'cdktf';
import { EvidenceSourceId, evidenceTags, PropCheck } from '../core';

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

/** Azure region names compare without case and spaces (`West Europe` = `westeurope`); a token matches any region. */
export function sameRegion(check: PropCheck, a: string, b: string): boolean {
  if (check.isToken(a) || check.isToken(b)) return true;
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '');
  return norm(a) === norm(b);
}
