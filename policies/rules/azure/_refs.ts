/**
 * Which resource points at which in an Azure template: a Terraform `${type.name.attr}` reference or a
 * literal ARM id. Every index is built once per model and cached, so a rule stays linear.
 */
import { ResourceModel } from '../../engine/model';
import { Resource } from '../../engine/types';
import { rawString } from './_values';

/** The Terraform resource types the Azure rules read. */
export const T = {
  storageAccount: 'azurerm_storage_account',
  storageContainer: 'azurerm_storage_container',
  containerPolicy: 'azurerm_storage_container_immutability_policy',
  diagnosticSetting: 'azurerm_monitor_diagnostic_setting',
  aadDiagnosticSetting: 'azurerm_monitor_aad_diagnostic_setting',
  flowLog: 'azurerm_network_watcher_flow_log',
  dataExportRule: 'azurerm_log_analytics_data_export_rule',
  managementLock: 'azurerm_management_lock',
  resourceGroup: 'azurerm_resource_group',
  virtualNetwork: 'azurerm_virtual_network',
  logAnalyticsWorkspace: 'azurerm_log_analytics_workspace',
  logAnalyticsTable: 'azurerm_log_analytics_workspace_table',
  mlWorkspace: 'azurerm_machine_learning_workspace',
  mlComputeCluster: 'azurerm_machine_learning_compute_cluster',
  mlComputeInstance: 'azurerm_machine_learning_compute_instance',
  keyVault: 'azurerm_key_vault',
} as const;

/** ARM provider type of the resources a literal id may name (lower case, as ids compare case-insensitively). */
export const ARM_TYPES: Readonly<Record<string, string>> = {
  [T.storageAccount]: 'microsoft.storage/storageaccounts',
  [T.virtualNetwork]: 'microsoft.network/virtualnetworks',
  [T.mlWorkspace]: 'microsoft.machinelearningservices/workspaces',
  [T.keyVault]: 'microsoft.keyvault/vaults',
  [T.logAnalyticsWorkspace]: 'microsoft.operationalinsights/workspaces',
  [T.resourceGroup]: 'microsoft.resources/resourcegroups',
};

const caches = new WeakMap<ResourceModel, Map<string, unknown>>();

/** A per-model cache of an index, built on first use. */
export function cached<V>(model: ResourceModel, key: string, build: () => V): V {
  let cache = caches.get(model);
  if (!cache) {
    cache = new Map();
    caches.set(model, cache);
  }
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as V;
}

/** One resource pointing at another through one attribute, and what follows the id (`/blobServices/default`). */
export interface Pointer {
  readonly from: Resource;
  readonly subPath: string;
}

interface Links {
  readonly byTarget: Map<Resource, Pointer[]>;
  /** Literal ids that name no resource of the model, by lower-case `armType/name`. */
  readonly byKey: Map<string, Pointer[]>;
  /**
   * Resources whose attribute is only known at deploy, with the resource type a reference names
   * (`${azurerm_subnet.x.id}` to a resource outside the input) or undefined (`${var.x}`, `${local.y}`).
   */
  readonly unresolved: { readonly from: Resource; readonly refType?: string }[];
}

/** Resources of the ARM-named types, by lower-case `armType/name`. */
function byArmKey(model: ResourceModel): Map<string, Resource[]> {
  return cached(model, 'armKeys', () => {
    const index = new Map<string, Resource[]>();
    for (const [tfType, armType] of Object.entries(ARM_TYPES)) {
      for (const r of model.ofType(tfType)) {
        const name = model.get(r, 'name');
        if (typeof name === 'string') push(index, `${armType}/${name.toLowerCase()}`, r);
      }
    }
    return index;
  });
}

/** `armType/name` and the rest of a literal ARM id, or undefined when the string is not one. */
export function parseArmId(id: string): { key: string; subPath: string } | undefined {
  const providers = /\/providers\/([^/]+)\/([^/]+)\/([^/]+)(.*)$/i.exec(id);
  if (providers && !providers.slice(1, 4).some((s) => s.includes('${'))) {
    return { key: `${providers[1]}/${providers[2]}/${providers[3]}`.toLowerCase(), subPath: providers[4] };
  }
  const group = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/?$/i.exec(id);
  if (group && !group[1].includes('${')) return { key: `${ARM_TYPES[T.resourceGroup]}/${group[1].toLowerCase()}`, subPath: '' };
  return undefined;
}

/**
 * What each resource of `fromTypes` points at through `attr`: a `${type.name.attr}` reference to a
 * resource of the model, or a literal ARM id (`mode: 'id'`) / a literal name of a storage account
 * (`mode: 'account-name'`). A reference to a data source points outside the template.
 */
function links(model: ResourceModel, fromTypes: readonly string[], attr: string, mode: 'id' | 'account-name' = 'id'): Links {
  return cached(model, `links|${fromTypes.join(',')}|${attr}|${mode}`, () => {
    const out: Links = { byTarget: new Map(), byKey: new Map(), unresolved: [] };
    for (const from of model.ofType(...fromTypes)) {
      const raw = rawString(from, attr);
      if (raw === undefined) continue;
      const target = model.target(raw, from);
      if (target) {
        const close = raw.startsWith('${') ? raw.indexOf('}') : -1;
        push(out.byTarget, target, { from, subPath: close >= 0 ? raw.slice(close + 1) : '' });
        continue;
      }
      if (/\$\{data\./.test(raw)) continue;
      const literal =
        mode === 'account-name'
          ? raw.includes('${')
            ? undefined
            : { key: `${ARM_TYPES[T.storageAccount]}/${raw.toLowerCase()}`, subPath: '' }
          : parseArmId(raw);
      if (literal) {
        const named = byArmKey(model).get(literal.key);
        if (named && named.length === 1) push(out.byTarget, named[0], { from, subPath: literal.subPath });
        else push(out.byKey, literal.key, { from, subPath: literal.subPath });
        continue;
      }
      if (raw.includes('${')) out.unresolved.push({ from, refType: /^\$\{([a-z][a-z0-9]*_[a-z0-9_]*)\.[A-Za-z0-9_-]+\./.exec(raw)?.[1] });
    }
    return out;
  });
}

/** Resources of `fromTypes` whose `attr` points at `target`, with the path after the target's id. */
export function pointersTo(model: ResourceModel, target: Resource, fromTypes: readonly string[], attr: string): readonly Pointer[] {
  return links(model, fromTypes, attr).byTarget.get(target) ?? [];
}

/** Like pointersTo, where `attr` holds a storage account name (a reference to it, or the literal name). */
export function pointersToByName(model: ResourceModel, account: Resource, fromTypes: readonly string[], attr: string): readonly Pointer[] {
  return links(model, fromTypes, attr, 'account-name').byTarget.get(account) ?? [];
}

/** Resources of `fromTypes` whose `attr` cannot be resolved before deploy (may point at anything). */
export function unresolvedPointers(model: ResourceModel, fromTypes: readonly string[], attr: string, targetType: string): readonly Resource[] {
  return links(model, fromTypes, attr)
    .unresolved.filter((u) => u.refType === undefined || u.refType === targetType)
    .map((u) => u.from);
}

/** Whether a target id names a subscription: `/subscriptions/<id>` or `${data.azurerm_subscription.x.id}`. */
export function isSubscriptionId(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  if (/^\$\{data\.azurerm_subscription\.[A-Za-z0-9_-]+\.id\}$/.test(raw)) return true;
  return /^\/subscriptions\/(?:[0-9a-fA-F-]{36}|\$\{[^}]+\})\/?$/.test(raw);
}

/** Management locks whose scope is the resource, its resource group, or a subscription. */
export function locksCovering(model: ResourceModel, r: Resource): { locks: Resource[]; unresolved: readonly Resource[] } {
  const attr = 'scope';
  const l = links(model, [T.managementLock], attr);
  const found = new Set<Resource>();
  const direct = (ps: readonly Pointer[] | undefined) => (ps ?? []).filter((p) => p.subPath === '' || p.subPath === '/').forEach((p) => found.add(p.from));
  direct(l.byTarget.get(r));
  const rgRaw = rawString(r, 'resource_group_name');
  if (rgRaw !== undefined) {
    const group = model.target(rgRaw, r);
    if (group) direct(l.byTarget.get(group));
    else if (!rgRaw.includes('${')) {
      const key = `${ARM_TYPES[T.resourceGroup]}/${rgRaw.toLowerCase()}`;
      const named = byArmKey(model).get(key);
      direct(named && named.length === 1 ? l.byTarget.get(named[0]) : l.byKey.get(key));
    }
  }
  for (const lock of cached(model, 'subscriptionLocks', () => model.ofType(T.managementLock).filter((x) => isSubscriptionId(rawString(x, attr))))) {
    found.add(lock);
  }
  return { locks: [...found], unresolved: l.unresolved.filter((u) => u.refType === undefined).map((u) => u.from) };
}

/** The subscription-scope (Activity Log) diagnostic settings with the same target as `setting`. */
export function activityLogSettings(model: ResourceModel, setting: Resource): readonly Resource[] {
  const index = cached(model, 'activityLogSettings', () => {
    const m = new Map<string, Resource[]>();
    for (const s of model.ofType(T.diagnosticSetting)) {
      const raw = rawString(s, 'target_resource_id');
      if (isSubscriptionId(raw)) push(m, raw!.toLowerCase().replace(/\/$/, ''), s);
    }
    return m;
  });
  return index.get((rawString(setting, 'target_resource_id') ?? '').toLowerCase().replace(/\/$/, '')) ?? [setting];
}

/** The azurerm_log_analytics_workspace_table resources of a workspace. */
export function tablesOf(model: ResourceModel, workspace: Resource): readonly Resource[] {
  return pointersTo(model, workspace, [T.logAnalyticsTable], 'workspace_id').map((p) => p.from);
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
