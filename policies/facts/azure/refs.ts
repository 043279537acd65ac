/**
 * Which resource points at which in an Azure template: a Terraform `${type.name.attr}` reference or a
 * literal ARM id. One AzureIndex per model holds every index the Azure rules use, each built once with
 * plain loops on first use; afterwards a look-up is one or two Map reads (no key strings built per
 * call, no closures, no regular expressions), so a rule over all resources stays linear.
 */
import { modelFact, resourceFact, ResourceModel } from '../../engine/model';
import { Resource } from '../../engine/types';
import { rawString, valueAt } from './values';

/** The Terraform resource types the Azure rules read. */
export const T = {
  storageAccount: 'azurerm_storage_account',
  storageAccountNetworkRules: 'azurerm_storage_account_network_rules',
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
  cognitiveAccount: 'azurerm_cognitive_account',
} as const;

/** ARM provider type of the resources a literal id may name (lower case, as ids compare case-insensitively). */
export const ARM_TYPES: Readonly<Record<string, string>> = {
  [T.storageAccount]: 'microsoft.storage/storageaccounts',
  [T.virtualNetwork]: 'microsoft.network/virtualnetworks',
  [T.mlWorkspace]: 'microsoft.machinelearningservices/workspaces',
  [T.keyVault]: 'microsoft.keyvault/vaults',
  [T.cognitiveAccount]: 'microsoft.cognitiveservices/accounts',
  [T.logAnalyticsWorkspace]: 'microsoft.operationalinsights/workspaces',
  [T.resourceGroup]: 'microsoft.resources/resourcegroups',
};
const ARM_TYPE_ENTRIES = Object.entries(ARM_TYPES);

/** One resource pointing at another through one attribute, and what follows the id (`/blobServices/default`). */
export interface Pointer {
  readonly from: Resource;
  readonly subPath: string;
}

/** An attribute of some resource types that names another resource: a key of the link index. */
export interface LinkSpec {
  readonly from: readonly string[];
  readonly attr: string;
  /** `id`: a reference or a literal ARM id; `account-name`: a reference or the literal name of a storage account. */
  readonly mode: 'id' | 'account-name';
}

const link = (from: readonly string[], attr: string, mode: LinkSpec['mode'] = 'id'): LinkSpec => ({ from, attr, mode });

/** Every link the Azure rules follow. Compared by identity: pass these constants, never a new object. */
export const LINKS = {
  diagnosticTarget: link([T.diagnosticSetting], 'target_resource_id'),
  diagnosticStorage: link([T.diagnosticSetting], 'storage_account_id'),
  diagnosticWorkspace: link([T.diagnosticSetting], 'log_analytics_workspace_id'),
  aadStorage: link([T.aadDiagnosticSetting], 'storage_account_id'),
  aadWorkspace: link([T.aadDiagnosticSetting], 'log_analytics_workspace_id'),
  flowLogTarget: link([T.flowLog], 'target_resource_id'),
  flowLogStorage: link([T.flowLog], 'storage_account_id'),
  dataExportDestination: link([T.dataExportRule], 'destination_resource_id'),
  containerAccount: link([T.storageContainer], 'storage_account_id'),
  containerAccountName: link([T.storageContainer], 'storage_account_name', 'account-name'),
  policyContainer: link([T.containerPolicy], 'storage_container_resource_manager_id'),
  lockScope: link([T.managementLock], 'scope'),
  tableWorkspace: link([T.logAnalyticsTable], 'workspace_id'),
  mlWorkspaceStorage: link([T.mlWorkspace], 'storage_account_id'),
  networkRulesAccount: link([T.storageAccountNetworkRules], 'storage_account_id'),
} as const;

/** Where one resource points through a link: a resource of the model, or a literal key naming none. */
export interface LinkEnd {
  readonly target?: Resource;
  /** Lower-case `armType/name` of a literal id that names no resource of the model. */
  readonly key?: string;
  readonly subPath: string;
}

export interface Links {
  readonly byTarget: Map<Resource, Pointer[]>;
  /** The other way round: where each resource points. */
  readonly byFrom: Map<Resource, LinkEnd>;
  /** Literal ids that name no resource of the model, by lower-case `armType/name`. */
  readonly byKey: Map<string, Pointer[]>;
  /**
   * Resources whose attribute is only known at deploy, with the resource type a reference names
   * (`${azurerm_subnet.x.id}` to a resource outside the input) or undefined (`${var.x}`, `${local.y}`).
   */
  readonly unresolved: { readonly from: Resource; readonly refType?: string }[];
}

const NO_POINTERS: readonly Pointer[] = Object.freeze([]) as readonly Pointer[];
const REF_TYPE = /^\$\{([a-z][a-z0-9]*_[a-z0-9_]*)\.[A-Za-z0-9_-]+\./;
const ARM_PROVIDER_ID = /\/providers\/([^/]+)\/([^/]+)\/([^/]+)(.*)$/i;
const ARM_GROUP_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/?$/i;

/** Every index of one model, built on first use. */
export class AzureIndex {
  private readonly links = new Map<LinkSpec, Links>();
  /** Per ARM type, its resources by lower-case name: built for one type on its first look-up. */
  private readonly armNames = new Map<string, Map<string, Resource[]>>();

  constructor(public readonly model: ResourceModel) {}

  /** The link index of one attribute. */
  public linksOf(spec: LinkSpec): Links {
    let l = this.links.get(spec);
    if (l === undefined) {
      l = this.buildLinks(spec);
      this.links.set(spec, l);
    }
    return l;
  }

  /**
   * The resources of the ARM-named types (ARM_TYPES) a lower-case `armType/name` key names,
   * indexing only the resources of that ARM type: a look-up of a resource group does not index
   * every account.
   */
  public named(key: string): readonly Resource[] | undefined {
    // An ARM type is `provider/type`: the key's type ends at its second slash.
    const cut = key.indexOf('/', key.indexOf('/') + 1);
    if (cut < 0) return undefined;
    const armType = key.slice(0, cut);
    let byName = this.armNames.get(armType);
    if (!byName) this.armNames.set(armType, (byName = this.namesOf(armType)));
    return byName.get(key.slice(cut + 1));
  }

  private namesOf(armType: string): Map<string, Resource[]> {
    const index = new Map<string, Resource[]>();
    for (const [tfType, arm] of ARM_TYPE_ENTRIES) {
      if (arm !== armType) continue;
      for (const r of this.model.ofType(tfType)) {
        const name = valueAt(this.model, r, 'name');
        if (typeof name === 'string') push(index, name.toLowerCase(), r);
      }
    }
    return index;
  }

  /**
   * What each resource of `spec.from` points at through `spec.attr`: a `${type.name.attr}` reference
   * to a resource of the model, or a literal ARM id / storage account name. A reference to a data
   * source points outside the template.
   */
  private buildLinks(spec: LinkSpec): Links {
    const out = new LinkIndex();
    const model = this.model;
    for (const type of spec.from) {
      for (const from of model.ofType(type)) {
        const raw = rawString(from, spec.attr);
        if (raw === undefined) continue;
        const interpolated = raw.includes('${');
        const target = interpolated ? model.target(raw, from) : undefined;
        if (target) {
          const close = raw.startsWith('${') ? raw.indexOf('}') : -1;
          const subPath = close >= 0 ? raw.slice(close + 1) : '';
          push(out.byTarget, target, { from, subPath });
          continue;
        }
        if (interpolated && raw.includes('${data.')) continue;
        const literal =
          spec.mode === 'account-name'
            ? interpolated
              ? undefined
              : { key: `${ARM_TYPES[T.storageAccount]}/${raw.toLowerCase()}`, subPath: '' }
            : parseArmId(raw);
        if (literal) {
          const named = this.named(literal.key);
          if (named && named.length === 1) push(out.byTarget, named[0], { from, subPath: literal.subPath });
          else push(out.byKey, literal.key, { from, subPath: literal.subPath });
          continue;
        }
        if (interpolated) out.unresolved.push({ from, refType: REF_TYPE.exec(raw)?.[1] });
      }
    }
    return out;
  }
}

/**
 * The links of one attribute. `byFrom` is derived from the other two on first use: only the
 * diagnostic-setting target link is asked where a resource points, so the other links never build it.
 */
class LinkIndex implements Links {
  public readonly byTarget = new Map<Resource, Pointer[]>();
  public readonly byKey = new Map<string, Pointer[]>();
  public readonly unresolved: { readonly from: Resource; readonly refType?: string }[] = [];
  private fromIndex: Map<Resource, LinkEnd> | undefined;

  public get byFrom(): Map<Resource, LinkEnd> {
    if (this.fromIndex === undefined) {
      // Each resource of the link's types points once at most: through byTarget or through byKey.
      this.fromIndex = new Map();
      for (const [target, pointers] of this.byTarget) for (const p of pointers) this.fromIndex.set(p.from, { target, subPath: p.subPath });
      for (const [key, pointers] of this.byKey) for (const p of pointers) this.fromIndex.set(p.from, { key, subPath: p.subPath });
    }
    return this.fromIndex;
  }
}

const INDEX = modelFact('Azure index', (model) => new AzureIndex(model));

/** The index of a model, built on first use. */
export function azureIndex(model: ResourceModel): AzureIndex {
  return model.fact(INDEX);
}

/** `armType/name` and the rest of a literal ARM id, or undefined when the string is not one. */
export function parseArmId(id: string): { key: string; subPath: string } | undefined {
  const providers = ARM_PROVIDER_ID.exec(id);
  if (providers && !providers[1].includes('${') && !providers[2].includes('${') && !providers[3].includes('${')) {
    return { key: `${providers[1]}/${providers[2]}/${providers[3]}`.toLowerCase(), subPath: providers[4] };
  }
  const group = ARM_GROUP_ID.exec(id);
  if (group && !group[1].includes('${')) return { key: `${ARM_TYPES[T.resourceGroup]}/${group[1].toLowerCase()}`, subPath: '' };
  return undefined;
}

/** Resources whose `spec.attr` points at `target`, with the path after the target's id. */
export function pointersTo(model: ResourceModel, target: Resource, spec: LinkSpec): readonly Pointer[] {
  return azureIndex(model).linksOf(spec).byTarget.get(target) ?? NO_POINTERS;
}

/** Resources whose `spec.attr` cannot be resolved before deploy and may name a resource of `targetType`. */
export function unresolvedPointers(model: ResourceModel, spec: LinkSpec, targetType: string): readonly Resource[] {
  const open = azureIndex(model).linksOf(spec).unresolved;
  if (open.length === 0) return [];
  const out: Resource[] = [];
  for (const u of open) if (u.refType === undefined || u.refType === targetType) out.push(u.from);
  return out;
}

const SUBSCRIPTION_DATA_ID = /^\$\{data\.azurerm_subscription\.[A-Za-z0-9_-]+\.id\}$/;
const SUBSCRIPTION_ID = /^\/subscriptions\/(?:[0-9a-fA-F-]{36}|\$\{[^}]+\})\/?$/;

/** Whether a target id names a subscription: `/subscriptions/<id>` or `${data.azurerm_subscription.x.id}`. */
export function isSubscriptionId(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  return SUBSCRIPTION_DATA_ID.test(raw) || SUBSCRIPTION_ID.test(raw);
}

/** Management locks on a subscription. */
const SUBSCRIPTION_LOCKS = modelFact('Azure subscription locks', (model) => model.ofType(T.managementLock).filter((x) => isSubscriptionId(rawString(x, 'scope'))));

/** Locks of the lock index that sit on the resource itself (no sub-path). */
function directLocks(pointers: readonly Pointer[] | undefined, found: Set<Resource>): void {
  if (!pointers) return;
  for (const p of pointers) if (p.subPath === '' || p.subPath === '/') found.add(p.from);
}

export interface CoveringLocks {
  readonly locks: readonly Resource[];
  /** Locks whose scope is only known at deploy (may cover the resource). */
  readonly unresolved: readonly Resource[];
}

const NO_LOCKS: CoveringLocks = Object.freeze({ locks: Object.freeze([]), unresolved: Object.freeze([]) });

const LOCKS_COVERING = resourceFact<CoveringLocks>('Azure locks covering', (model, r) => {
  // An input without management locks: every resource shares one empty answer.
  if (model.ofType(T.managementLock).length === 0) return NO_LOCKS;
  const index = azureIndex(model);
  const l = index.linksOf(LINKS.lockScope);
  const found = new Set<Resource>();
  directLocks(l.byTarget.get(r), found);
  const rgRaw = rawString(r, 'resource_group_name');
  if (rgRaw !== undefined) {
    const group = rgRaw.includes('${') ? model.target(rgRaw, r) : undefined;
    if (group) directLocks(l.byTarget.get(group), found);
    else if (!rgRaw.includes('${')) {
      const key = `${ARM_TYPES[T.resourceGroup]}/${rgRaw.toLowerCase()}`;
      const named = index.named(key);
      directLocks(named && named.length === 1 ? l.byTarget.get(named[0]) : l.byKey.get(key), found);
    }
  }
  for (const lock of index.model.fact(SUBSCRIPTION_LOCKS)) found.add(lock);
  const unresolved: Resource[] = [];
  for (const u of l.unresolved) if (u.refType === undefined) unresolved.push(u.from);
  return { locks: [...found], unresolved };
});

/** Management locks whose scope is the resource, its resource group, or a subscription. */
export function locksCovering(model: ResourceModel, r: Resource): CoveringLocks {
  return LOCKS_COVERING(model, r);
}

/** Subscription-scope (Activity Log) diagnostic settings, by lower-case target id without a trailing slash. */
const ACTIVITY_LOG_SETTINGS = modelFact('Azure activity log settings', (model) => {
  const m = new Map<string, Resource[]>();
  for (const s of model.ofType(T.diagnosticSetting)) {
    const raw = rawString(s, 'target_resource_id');
    if (isSubscriptionId(raw)) push(m, subscriptionKey(raw!), s);
  }
  return m;
});

function subscriptionKey(raw: string): string {
  const lower = raw.toLowerCase();
  return lower.endsWith('/') ? lower.slice(0, -1) : lower;
}

/** The subscription-scope (Activity Log) diagnostic settings with the same target as `setting`. */
export function activityLogSettings(model: ResourceModel, setting: Resource): readonly Resource[] {
  const raw = rawString(setting, 'target_resource_id');
  return model.fact(ACTIVITY_LOG_SETTINGS).get(subscriptionKey(raw ?? '')) ?? [setting];
}

const NO_TABLES: readonly Resource[] = Object.freeze([]);

/** A workspace without tables (most) shares one empty list. */
const TABLES_OF = resourceFact('Azure tables of', (model, workspace): readonly Resource[] => {
  const pointers = pointersTo(model, workspace, LINKS.tableWorkspace);
  return pointers.length === 0 ? NO_TABLES : pointers.map((p) => p.from);
});

/** The azurerm_log_analytics_workspace_table resources of a workspace. */
export function tablesOf(model: ResourceModel, workspace: Resource): readonly Resource[] {
  return TABLES_OF(model, workspace);
}

export function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
