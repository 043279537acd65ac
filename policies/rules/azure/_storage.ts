/** Evidence and data storage accounts, their containers, and the immutability that protects them. */
import { ResourceModel, Unresolved, isUnresolved } from '../../engine/model';
import { Judgement, Resource, compliant, nonCompliant, unknown } from '../../engine/types';
import { TAG_KEYS } from '../../../constructs/core/tags';
import { enabledLogs } from './_diagnostics';
import { T, isSubscriptionId, pointersTo, pointersToByName } from './_refs';
import { blockAt, names, rawString, toBool, toNum } from './_values';

/** Resources that write evidence into a storage account, and the attribute that names it. */
const EVIDENCE_WRITERS: readonly (readonly [string, string])[] = [
  [T.diagnosticSetting, 'storage_account_id'],
  [T.aadDiagnosticSetting, 'storage_account_id'],
  [T.flowLog, 'storage_account_id'],
  [T.dataExportRule, 'destination_resource_id'],
];

/** The diagnostic settings, flow logs and data-export rules that write into this account. */
export function evidenceWriters(model: ResourceModel, account: Resource): readonly Resource[] {
  return EVIDENCE_WRITERS.flatMap(([type, attr]) =>
    pointersTo(model, account, [type], attr)
      .filter((p) => p.subPath === '' || p.subPath === '/')
      .map((p) => p.from),
  );
}

/** The value of one tag, lower-cased, if it resolves. */
export function tagValue(model: ResourceModel, r: Resource, key: string): string | undefined {
  const tags = model.get(r, 'tags');
  if (!tags || typeof tags !== 'object' || isUnresolved(tags)) return undefined;
  const v = (tags as Record<string, unknown>)[key];
  return typeof v === 'string' || typeof v === 'boolean' ? String(v).toLowerCase() : undefined;
}

/** An evidence store: a log producer writes into it, or it is tagged `forensic-evidence-store = true`. */
export function isEvidenceStore(model: ResourceModel, account: Resource): boolean {
  return tagValue(model, account, TAG_KEYS.evidenceStore) === 'true' || evidenceWriters(model, account).length > 0;
}

/** Storage whose data access is evidence: not an evidence store, tagged as data, or an ML workspace's. */
export function isDataStore(model: ResourceModel, account: Resource): boolean {
  if (tagValue(model, account, TAG_KEYS.evidenceSource) === 'storage-data-access') return true;
  if (pointersTo(model, account, [T.mlWorkspace], 'storage_account_id').length > 0) return true;
  return !isEvidenceStore(model, account);
}

/** The containers declared in an account (by `storage_account_id` or the deprecated `storage_account_name`). */
export function containersOf(model: ResourceModel, account: Resource): readonly Resource[] {
  const found = new Set<Resource>();
  for (const p of pointersTo(model, account, [T.storageContainer], 'storage_account_id')) found.add(p.from);
  for (const p of pointersToByName(model, account, [T.storageContainer], 'storage_account_name')) found.add(p.from);
  return [...found];
}

/** The container immutability policies of a container (by reference, or by a literal container id). */
export function containerPolicies(model: ResourceModel, container: Resource, account: Resource): readonly Resource[] {
  const attr = 'storage_container_resource_manager_id';
  const found = pointersTo(model, container, [T.containerPolicy], attr).map((p) => p.from);
  const name = model.get(container, 'name');
  if (typeof name === 'string') {
    const path = `/blobservices/default/containers/${name.toLowerCase()}`;
    for (const p of pointersTo(model, account, [T.containerPolicy], attr)) {
      if (p.subPath.toLowerCase() === path) found.push(p.from);
    }
  }
  return found;
}

/** What protects an evidence store against change: the account-level policy, or one policy per declared container. */
export interface ImmutabilityState {
  readonly account?: {
    readonly state: unknown;
    readonly days: number | undefined | Unresolved;
    readonly appendWrites: boolean | undefined | Unresolved;
  };
  readonly containers: readonly { readonly container: Resource; readonly policies: readonly Resource[] }[];
}

export function immutabilityOf(model: ResourceModel, account: Resource): ImmutabilityState {
  const hasAccountPolicy = blockAt(model, account, 'immutability_policy') !== undefined;
  return {
    account: hasAccountPolicy
      ? {
          state: model.get(account, 'immutability_policy.state'),
          days: toNum(model.get(account, 'immutability_policy.period_since_creation_in_days')),
          appendWrites: toBool(model.get(account, 'immutability_policy.allow_protected_append_writes')),
        }
      : undefined,
    containers: containersOf(model, account).map((container) => ({ container, policies: containerPolicies(model, container, account) })),
  };
}

/** One policy judged by one rule. */
export interface PolicyCheck {
  readonly ok: boolean | Unresolved;
  readonly text: string;
}

/**
 * The containers Azure Monitor creates in a store for its writers: `insights-activity-logs`,
 * `insights-logs-<category>` and `insights-logs-flowlogflowevent` (VNet flow logs). Writers whose
 * container names cannot be listed (a category group, a data-export rule) are returned apart.
 */
export function writtenContainers(model: ResourceModel, account: Resource): { names: Set<string>; unlisted: Resource[] } {
  const names = new Set<string>();
  const unlisted: Resource[] = [];
  for (const w of evidenceWriters(model, account)) {
    if (w.type === T.flowLog) {
      names.add(rawString(w, 'network_security_group_id') ? 'insights-logs-networksecuritygroupflowevent' : 'insights-logs-flowlogflowevent');
    } else if (w.type === T.diagnosticSetting && isSubscriptionId(rawString(w, 'target_resource_id'))) {
      names.add('insights-activity-logs');
    } else if (w.type === T.diagnosticSetting || w.type === T.aadDiagnosticSetting) {
      const sel = enabledLogs(model, w);
      if (sel.unresolved || sel.groups.size > 0) unlisted.push(w);
      sel.categories.forEach((_, c) => names.add(`insights-logs-${c}`));
    } else {
      unlisted.push(w);
    }
  }
  return { names, unlisted };
}

/**
 * Judges the immutability of an evidence store: the account-level policy passes `accountPolicy`, or
 * every declared container has a policy passing `containerPolicy` and every container Azure Monitor
 * writes into is declared (a container policy protects only the containers it is attached to).
 */
export function judgeImmutability(
  model: ResourceModel,
  account: Resource,
  checks: {
    accountPolicy: (p: NonNullable<ImmutabilityState['account']>) => PolicyCheck;
    containerPolicy: (p: Resource) => PolicyCheck;
    /** Also require every container Azure Monitor writes into to be declared (default true). */
    coverage?: boolean;
  },
): Judgement {
  const state = immutabilityOf(model, account);
  let accountText = 'no immutability_policy block';
  let open = false;
  if (state.account) {
    const r = checks.accountPolicy(state.account);
    if (r.ok === true) return compliant(r.text);
    accountText = r.text;
    open = isUnresolved(r.ok);
  }
  const problems: string[] = [];
  if (state.containers.length === 0) problems.push('no azurerm_storage_container of it is declared');
  for (const { container, policies } of state.containers) {
    if (policies.length === 0) {
      problems.push(`${container.address} has no azurerm_storage_container_immutability_policy`);
      continue;
    }
    const results = policies.map((p) => checks.containerPolicy(p));
    if (results.some((r) => r.ok === true)) continue;
    if (results.some((r) => isUnresolved(r.ok))) open = true;
    problems.push(`${container.address}: ${results.map((r) => r.text).join('; ')}`);
  }
  if (problems.length === 0 && checks.coverage === false) {
    return compliant(`every declared container (${state.containers.map(({ container }) => container.address).join(', ')}) has a passing immutability policy`);
  }
  if (problems.length === 0) {
    const declared = new Set(state.containers.map(({ container }) => String(model.get(container, 'name')).toLowerCase()));
    const written = writtenContainers(model, account);
    const undeclared = [...written.names].filter((n) => !declared.has(n));
    if (undeclared.length > 0) {
      problems.push(`Azure Monitor writes into container(s) ${undeclared.join(', ')}, which are not declared, so no container policy protects them`);
    } else if (written.unlisted.length > 0) {
      return unknown(
        `every declared container has a passing policy, but the containers ${names(written.unlisted)} write into cannot be listed before deploy (category group or data export); only an account-level policy covers them for certain`,
      );
    } else {
      return compliant(`every declared container (${state.containers.map(({ container }) => container.address).join(', ')}) has a passing immutability policy`);
    }
  }
  const reason = `account: ${accountText}; containers: ${problems.join('; ')}`;
  return open ? unknown(reason) : nonCompliant(reason);
}
