/** Evidence and data storage accounts, their containers, and the immutability that protects them. */
import { ResourceModel, Unresolved, isUnresolved, modelFact, resourceFact } from '../../engine/model';
import { Judgement, Resource, compliant, nonCompliant, unknown } from '../../engine/types';
import { TAG_KEYS } from '../../../constructs/core/tags';
import { ALL_LOGS_CATEGORIES } from './categories';
import { enabledLogs, settingTarget } from './diagnostics';
import { LINKS, LinkSpec, T, isSubscriptionId, locksCovering, pointersTo } from './refs';
import { blockAt, names, rawString, asBool, asNumber, valueAt } from './values';

/** Links through which a log producer writes into a storage account. */
const EVIDENCE_WRITER_LINKS: readonly LinkSpec[] = [LINKS.diagnosticStorage, LINKS.aadStorage, LINKS.flowLogStorage, LINKS.dataExportDestination];

const EVIDENCE_WRITERS = resourceFact('Azure evidence writers', (model, account) => {
  const out: Resource[] = [];
  for (const spec of EVIDENCE_WRITER_LINKS) {
    for (const p of pointersTo(model, account, spec)) if (p.subPath === '' || p.subPath === '/') out.push(p.from);
  }
  // Kept per account at its size: a list grown by push keeps room for 16.
  return out.slice();
});

/** The diagnostic settings, flow logs and data-export rules that write into this account. */
export function evidenceWriters(model: ResourceModel, account: Resource): readonly Resource[] {
  return EVIDENCE_WRITERS(model, account);
}

/** The value of one tag, lower-cased, if it resolves. */
export function tagValue(model: ResourceModel, r: Resource, key: string): string | undefined {
  const tags = valueAt(model, r, 'tags');
  if (!tags || typeof tags !== 'object' || isUnresolved(tags)) return undefined;
  const v = (tags as Record<string, unknown>)[key];
  return typeof v === 'string' || typeof v === 'boolean' ? String(v).toLowerCase() : undefined;
}

const IS_EVIDENCE_STORE = resourceFact('Azure is evidence store', (model, account) => tagValue(model, account, TAG_KEYS.evidenceStore) === 'true' || evidenceWriters(model, account).length > 0);

/** An evidence store: a log producer writes into it, or it is tagged `forensic-evidence-store = true`. */
export function isEvidenceStore(model: ResourceModel, account: Resource): boolean {
  return IS_EVIDENCE_STORE(model, account);
}

const IS_DATA_STORE = resourceFact('Azure is data store', (model, account) => {
  if (tagValue(model, account, TAG_KEYS.evidenceSource) === 'storage-data-access') return true;
  if (pointersTo(model, account, LINKS.mlWorkspaceStorage).length > 0) return true;
  return !isEvidenceStore(model, account);
});

/** Storage whose data access is evidence: not an evidence store, tagged as data, or an ML workspace's. */
export function isDataStore(model: ResourceModel, account: Resource): boolean {
  return IS_DATA_STORE(model, account);
}

/** One shared empty list, kept for every account without containers (most of them, per resource fact). */
const NONE: readonly Resource[] = Object.freeze([]);

const CONTAINERS_OF = resourceFact('Azure containers of', (model, account): readonly Resource[] => {
  const byId = pointersTo(model, account, LINKS.containerAccount);
  const byName = pointersTo(model, account, LINKS.containerAccountName);
  if (byId.length === 0 && byName.length === 0) return NONE;
  const found = new Set<Resource>();
  for (const p of byId) found.add(p.from);
  for (const p of byName) found.add(p.from);
  return [...found];
});

/** The containers declared in an account (by `storage_account_id` or the deprecated `storage_account_name`). */
export function containersOf(model: ResourceModel, account: Resource): readonly Resource[] {
  return CONTAINERS_OF(model, account);
}

/** The lower-case name of a container, undefined when it is only known at deploy. */
function containerName(model: ResourceModel, container: Resource): string | undefined {
  const name = valueAt(model, container, 'name');
  return typeof name === 'string' ? name.toLowerCase() : undefined;
}

/** The container immutability policies of a container (by reference, or by a literal container id). */
export function containerPolicies(model: ResourceModel, container: Resource, account: Resource): readonly Resource[] {
  const found: Resource[] = [];
  for (const p of pointersTo(model, container, LINKS.policyContainer)) if (!found.includes(p.from)) found.push(p.from);
  const name = containerName(model, container);
  if (name !== undefined) {
    const path = `/blobservices/default/containers/${name}`;
    for (const p of pointersTo(model, account, LINKS.policyContainer)) if (p.subPath.toLowerCase() === path && !found.includes(p.from)) found.push(p.from);
  }
  // In address order: a reason naming several reads the same however the input orders them.
  return found.length > 1 ? found.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)) : found;
}

/** A declared container, its lower-case name and its container-level policies. */
export interface DeclaredContainer {
  readonly container: Resource;
  readonly name: string | undefined;
  readonly policies: readonly Resource[];
}

/** What protects an evidence store against change: the account-level default policy, and container-level policies. */
export interface ImmutabilityState {
  readonly account?: {
    readonly state: unknown;
    readonly days: number | undefined | Unresolved;
    readonly appendWrites: boolean | undefined | Unresolved;
  };
  readonly containers: readonly DeclaredContainer[];
}

/** The state of an account with no immutability_policy block and no container: shared. */
const NO_IMMUTABILITY: ImmutabilityState = Object.freeze({ account: undefined, containers: Object.freeze([]) });

const IMMUTABILITY_OF = resourceFact<ImmutabilityState>('Azure immutability of', (model, account) => {
  const hasAccountPolicy = blockAt(model, account, 'immutability_policy') !== undefined;
  if (!hasAccountPolicy && containersOf(model, account).length === 0) return NO_IMMUTABILITY;
  return {
    account: hasAccountPolicy
      ? {
          state: valueAt(model, account, 'immutability_policy.state'),
          days: asNumber(valueAt(model, account, 'immutability_policy.period_since_creation_in_days')),
          appendWrites: asBool(valueAt(model, account, 'immutability_policy.allow_protected_append_writes')),
        }
      : undefined,
    containers: containersOf(model, account).map((container) => ({
      container,
      name: containerName(model, container),
      policies: containerPolicies(model, container, account),
    })),
  };
});

export function immutabilityOf(model: ResourceModel, account: Resource): ImmutabilityState {
  return IMMUTABILITY_OF(model, account);
}

/** One container Azure Monitor writes into. */
export interface WrittenContainer {
  readonly name: string;
  readonly writer: Resource;
  /** Named through a category group (`allLogs`): Azure Monitor creates it itself, only the account-level policy covers it until it is declared. */
  readonly viaGroup: boolean;
  /** Azure Monitor appends to it (resource and activity logs are append blobs; flow logs are block blobs). */
  readonly append: boolean;
}

export interface WrittenContainers {
  readonly containers: readonly WrittenContainer[];
  /** Writers whose containers cannot be listed before deploy (an unknown category group, a data-export rule, an unresolved selection). */
  readonly unlisted: readonly Resource[];
}

const WRITTEN_CONTAINERS = resourceFact<WrittenContainers>('Azure written containers', (model, account) => {
  const containers: WrittenContainer[] = [];
  const unlisted: Resource[] = [];
  for (const w of evidenceWriters(model, account)) {
    if (w.type === T.flowLog) {
      const name = rawString(w, 'network_security_group_id') ? 'insights-logs-networksecuritygroupflowevent' : 'insights-logs-flowlogflowevent';
      containers.push({ name, writer: w, viaGroup: false, append: false });
    } else if (w.type === T.diagnosticSetting && isSubscriptionId(rawString(w, 'target_resource_id'))) {
      containers.push({ name: 'insights-activity-logs', writer: w, viaGroup: false, append: true });
    } else if (w.type === T.diagnosticSetting || w.type === T.aadDiagnosticSetting) {
      const sel = enabledLogs(model, w);
      for (const c of sel.categories.keys()) containers.push({ name: `insights-logs-${c}`, writer: w, viaGroup: false, append: true });
      let listable = !sel.unresolved;
      if (sel.groups.size > 0) {
        // Only allLogs of a kind whose categories are known can be expanded; another group's members are not listed here.
        const known = w.type === T.diagnosticSetting ? ALL_LOGS_CATEGORIES[settingTarget(model, w).kind ?? 'other'] : undefined;
        if (known && sel.groups.size === 1 && sel.groups.has('alllogs')) {
          for (const c of known) containers.push({ name: `insights-logs-${c.toLowerCase()}`, writer: w, viaGroup: true, append: true });
        } else listable = false;
      }
      if (!listable) unlisted.push(w);
    } else {
      unlisted.push(w);
    }
  }
  // Kept per account at their size: lists grown by push keep room for 16.
  return { containers: containers.slice(), unlisted: unlisted.slice() };
});

/**
 * The containers Azure Monitor creates in a store for its writers: `insights-activity-logs`,
 * `insights-logs-<category>` (categories of an `allLogs` group expanded where the resource type's
 * list is known) and the flow-log containers. Writers whose containers cannot be listed are returned apart.
 */
export function writtenContainers(model: ResourceModel, account: Resource): WrittenContainers {
  return WRITTEN_CONTAINERS(model, account);
}

/** Containers whose blobs Azure Monitor appends to: every `insights-*` log container except the block-blob flow logs. */
export function isAppendContainer(name: string): boolean {
  if (name === 'insights-activity-logs') return true;
  return name.startsWith('insights-logs-') && name !== 'insights-logs-flowlogflowevent' && name !== 'insights-logs-networksecuritygroupflowevent';
}

/** One policy judged by one rule. */
export interface PolicyCheck {
  readonly ok: boolean | Unresolved;
  readonly text: string;
  /**
   * Fails only because it is the documented first step of a two-phase lock (an account-level policy
   * is created Unlocked and locked on a second deploy). Containers that Azure Monitor creates itself
   * rely on it, so for them the verdict is UNKNOWN until the second step, not NON_COMPLIANT.
   */
  readonly pending?: boolean;
}

export interface ImmutabilityChecks {
  readonly accountPolicy: (p: NonNullable<ImmutabilityState['account']>) => PolicyCheck;
  /** What no account-level policy means to this rule. @default - fails: nothing protects a container without its own policy */
  readonly noAccountPolicy?: PolicyCheck;
  readonly containerPolicy: (p: Resource) => PolicyCheck;
  /** Judge only the containers Azure Monitor appends to (protected append writes). @default - every container */
  readonly appendOnly?: boolean;
}

/**
 * Judges the immutability of an evidence store container by container. A container-level policy
 * takes precedence over the account-level default (Azure: object > container > account), so a
 * declared container with a policy is judged by that policy alone, whatever the account says; every
 * other container Azure Monitor writes into (a declared one without a policy, one not declared, one a
 * category group creates) is governed by the account-level policy.
 */
export function judgeImmutability(model: ResourceModel, account: Resource, checks: ImmutabilityChecks): Judgement {
  const state = immutabilityOf(model, account);
  const acct = state.account ? checks.accountPolicy(state.account) : (checks.noAccountPolicy ?? { ok: false, text: 'no immutability_policy block' });
  const tally: Tally = { acct, problems: [], open: [], waiting: [], accountGoverns: false };
  const { problems, open, waiting } = tally;

  const declared = new Set<string>();
  const passing: string[] = [];
  for (const { container, name, policies } of state.containers) {
    if (name !== undefined) declared.add(name);
    if (checks.appendOnly && name !== undefined && !isAppendContainer(name)) continue;
    if (policies.length === 0) {
      governed(tally, `${container.address} has no azurerm_storage_container_immutability_policy`, 'declared');
      continue;
    }
    // A container has one time-based immutability policy and each resource replaces it, in no set
    // order: each is judged as if alone, and the container by the weakest.
    const failed: string[] = [];
    const unresolved: string[] = [];
    for (const p of policies) {
      const r = checks.containerPolicy(p);
      if (r.ok === false) failed.push(r.text);
      else if (isUnresolved(r.ok)) unresolved.push(r.text);
    }
    if (failed.length === 0 && unresolved.length === 0) passing.push(container.address);
    else (failed.length > 0 ? problems : open).push(`${container.address}: ${competing(policies)}${(failed.length > 0 ? failed : unresolved).join('; ')}`);
  }

  const written = writtenContainers(model, account);
  const listed: string[] = [];
  const byGroup: string[] = [];
  let groupWriters: Set<Resource> | undefined;
  for (const w of written.containers) {
    if (declared.has(w.name) || (checks.appendOnly && !w.append)) continue;
    declared.add(w.name);
    if (w.viaGroup) {
      byGroup.push(w.name);
      (groupWriters ??= new Set()).add(w.writer);
    } else listed.push(w.name);
  }
  if (listed.length > 0) governed(tally, `Azure Monitor writes into container(s) ${listed.join(', ')}, which are not declared`, 'declared');
  if (groupWriters) {
    const shown = byGroup.length > 4 ? `${byGroup.slice(0, 3).join(', ')} and ${byGroup.length - 3} more` : byGroup.join(', ');
    governed(tally, `the category group allLogs of ${names([...groupWriters])} makes Azure Monitor create container(s) ${shown}, which are not declared`, 'group');
  }
  const unlisted = checks.appendOnly ? written.unlisted.filter((w) => w.type !== T.flowLog) : written.unlisted;
  if (unlisted.length > 0) governed(tally, `the containers ${names(unlisted)} write into cannot be listed before deploy (category group or data export)`, 'unlisted');
  if (state.containers.length === 0 && !tally.accountGoverns) governed(tally, 'no azurerm_storage_container of it is declared', 'declared');

  if (problems.length > 0) return nonCompliant(`account: ${acct.text}; containers: ${[...problems, ...open, ...waiting].join('; ')}`);
  if (open.length > 0) return unknown(`account: ${acct.text}; containers: ${[...open, ...waiting].join('; ')} (cannot be resolved before deploy)`);
  if (waiting.length > 0) {
    return unknown(
      `account: ${acct.text}; containers: ${waiting.join('; ')}: every declared container has a passing policy, but these containers are covered only by the account-level policy${acct.pending ? ', which is still in its first phase' : ''}`,
    );
  }
  const containerText = passing.length > 0 ? `every declared container (${passing.join(', ')}) has a passing immutability policy` : '';
  if (!tally.accountGoverns) return compliant(containerText || `account: ${acct.text}`);
  return compliant(containerText ? `account: ${acct.text}; ${containerText}` : acct.text);
}

/** What a reason about a container with several immutability policies opens with (empty for one). */
function competing(policies: readonly Resource[]): string {
  if (policies.length < 2) return '';
  return `${policies.length} azurerm_storage_container_immutability_policy name this container (${policies.map((p) => p.address).join(', ')}); a container has one immutability policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: `;
}

/** The containers judgeImmutability has judged so far, by outcome, and the account-level policy's check. */
interface Tally {
  readonly acct: PolicyCheck;
  readonly problems: string[];
  readonly open: string[];
  readonly waiting: string[];
  /** Some container is governed by the account-level policy. */
  accountGoverns: boolean;
}

/**
 * A container the account-level policy governs: it passes, stays open or waits as that policy does.
 * A module function, not a closure made per call (one per judged account and rule is measurable at 20,000 resources).
 */
function governed(tally: Tally, text: string, kind: 'declared' | 'group' | 'unlisted'): void {
  tally.accountGoverns = true;
  const { acct } = tally;
  if (acct.ok === true) return;
  if (isUnresolved(acct.ok)) tally.open.push(text);
  else if (kind === 'unlisted' || (kind === 'group' && acct.pending)) tally.waiting.push(text);
  else tally.problems.push(`${text} (not covered by the account-level policy)`);
}

/** Containers, container policies and management locks that hold or protect an evidence store, with that store. */
const EVIDENCE_PARTS = modelFact('Azure evidence parts', (model) => {
  const parts = new Map<Resource, Resource>();
  for (const account of model.ofType(T.storageAccount)) {
    if (!isEvidenceStore(model, account)) continue;
    for (const { container, policies } of immutabilityOf(model, account).containers) {
      parts.set(container, account);
      for (const p of policies) parts.set(p, account);
    }
    for (const lock of locksCovering(model, account).locks) parts.set(lock, account);
  }
  return parts;
});

/** The evidence store a container, container policy or lock holds or protects, if any. */
export function evidenceStoreOf(model: ResourceModel, r: Resource): Resource | undefined {
  return model.fact(EVIDENCE_PARTS).get(r);
}
