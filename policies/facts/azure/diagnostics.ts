/** What a diagnostic setting records and where it sends it, judged against the categories a rule requires. */
import { ResourceModel, isUnresolved, modelFact, resourceFact } from '../../engine/model';
import { Judgement, Resource, compliant, nonCompliant, unknown } from '../../engine/types';
import { TargetKind } from './categories';
import { ARM_TYPES, LINKS, T, azureIndex, isSubscriptionId, parseArmId, pointersTo, unresolvedPointers } from './refs';
import { blocks, names, rawString, asBool } from './values';

/** The log categories and category groups a diagnostic setting enables. */
export interface LogSelection {
  /** Lower-case category name -> the name as written. */
  readonly categories: Map<string, string>;
  /** Lower-case category groups. */
  readonly groups: Set<string>;
  /** Some block's category, group or enabled flag is only known at deploy. */
  readonly unresolved: boolean;
}

const ENABLED_LOGS = resourceFact('Azure enabled logs', (model, setting) => readEnabledLogs(model, setting));

/** `enabled_log { category | category_group }` blocks, and legacy `log { category, enabled }` blocks that are enabled. */
export function enabledLogs(model: ResourceModel, setting: Resource): LogSelection {
  return ENABLED_LOGS(model, setting);
}

/** The blocks that enable logs: azurerm 4.x `enabled_log`, and the legacy `log`. */
const LOG_BLOCKS = ['enabled_log', 'log'] as const;

/** Category and group names lower-cased once per model: thousands of settings name the same few. */
const LOWER_NAMES = modelFact('Azure lower-case log names', () => new Map<string, string>());

/** A name lower-cased, through the model's table of names already seen. */
function lowerCased(seen: Map<string, string>, name: string): string {
  let lower = seen.get(name);
  if (lower === undefined) seen.set(name, (lower = name.toLowerCase()));
  return lower;
}

function readEnabledLogs(model: ResourceModel, setting: Resource): LogSelection {
  const lower = model.fact(LOWER_NAMES);
  const sel = { categories: new Map<string, string>(), groups: new Set<string>(), unresolved: false };
  for (const key of LOG_BLOCKS) {
    const list = blocks(model, setting, key);
    if (isUnresolved(list)) {
      sel.unresolved = true;
      continue;
    }
    for (const block of list) {
      if (isUnresolved(block) || !block || typeof block !== 'object') {
        sel.unresolved = true;
        continue;
      }
      const b = block as Record<string, unknown>;
      if (key === 'log') {
        const enabled = asBool(b.enabled);
        if (isUnresolved(enabled)) sel.unresolved = true;
        if (enabled !== undefined && enabled !== true) continue;
      }
      const category = b.category;
      if (isUnresolved(category)) sel.unresolved = true;
      else if (typeof category === 'string' && category !== '') sel.categories.set(lowerCased(lower, category), category);
      const group = b.category_group;
      if (isUnresolved(group)) sel.unresolved = true;
      else if (typeof group === 'string' && group !== '') sel.groups.add(lowerCased(lower, group));
    }
  }
  return sel;
}

/**
 * Destinations that keep the records for an investigator: a Log Analytics workspace or a storage
 * account. An Event Hub or a partner solution only forwards; what leaves it is not retained here.
 */
export function retainedDestinations(setting: Resource): string[] {
  return ['log_analytics_workspace_id', 'storage_account_id'].filter((k) => rawString(setting, k) !== undefined);
}

export interface CategoryRequirement {
  /** What the settings are for, in reasons (`the Activity Log`). */
  readonly what: string;
  readonly required: readonly string[];
  /** Category groups that cover every required category (`allLogs`). */
  readonly coveringGroups: readonly string[];
}

/**
 * Judges a set of diagnostic settings together (a resource may have up to five): the settings that
 * send to a retained destination must, between them, enable every required category. Settings of
 * one target are told apart by name: two of one name are one setting, each replacing the other in
 * no set order, so each is judged as if alone (with the settings of other names) and the verdict is
 * the worst, naming them.
 */
export function judgeCategories(model: ResourceModel, settings: readonly Resource[], req: CategoryRequirement): Judgement {
  const competing = sameNamed(settings);
  if (competing.length === 0) return judgeTogether(model, settings, req);
  let worlds: Resource[][] = [settings.filter((s) => !competing.some((g) => g.members.includes(s)))];
  for (const g of competing) worlds = worlds.flatMap((w) => g.members.map((s) => [...w, s]));
  const preamble = competing
    .map((g) => `diagnostic settings ${g.members.map((s) => s.address).join(', ')} have one name (${JSON.stringify(g.name)}) and one target`)
    .join('; ');
  const opening = `${preamble}: each replaces the other, so only the last applied takes effect, and each is judged as if alone: `;
  if (worlds.length > 64) return unknown(`${opening}too many combinations (${worlds.length}) to judge`);
  const judged = worlds.map((w) => judgeTogether(model, w, req));
  const worst = judged.some((j) => j.verdict === 'NON_COMPLIANT') ? 'NON_COMPLIANT' : judged.some((j) => j.verdict === 'UNKNOWN') ? 'UNKNOWN' : 'COMPLIANT';
  const reasons = [...new Set(judged.filter((j) => j.verdict === worst).map((j) => j.reason))];
  return { verdict: worst, reason: opening + reasons.join('; ') };
}

/** The settings of a list that share a literal name (case-insensitive, as Azure compares names), in address order. */
function sameNamed(settings: readonly Resource[]): Array<{ name: string; members: Resource[] }> {
  if (settings.length < 2) return [];
  const byName = new Map<string, { name: string; members: Resource[] }>();
  for (const s of settings) {
    const name = rawString(s, 'name');
    if (name === undefined || name.includes('${')) continue;
    const key = name.toLowerCase();
    const g = byName.get(key);
    if (g) g.members.push(s);
    else byName.set(key, { name, members: [s] });
  }
  const out = [...byName.values()].filter((g) => g.members.length > 1);
  for (const g of out) g.members.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return out;
}

/** judgeCategories of settings that are all applied (no two of one name). */
function judgeTogether(model: ResourceModel, settings: readonly Resource[], req: CategoryRequirement): Judgement {
  if (settings.length === 0) return nonCompliant(`no diagnostic setting records ${req.what}`);
  const retained = settings.filter((s) => retainedDestinations(s).length > 0);
  if (retained.length === 0) {
    return nonCompliant(
      `the diagnostic setting(s) of ${req.what} (${settings.map((s) => s.address).join(', ')}) set neither log_analytics_workspace_id nor storage_account_id: an Event Hub or partner destination retains nothing for an investigator`,
    );
  }
  const have = new Map<string, string>();
  const groups = new Set<string>();
  let unresolved = false;
  for (const s of retained) {
    const sel = enabledLogs(model, s);
    sel.categories.forEach((v, k) => have.set(k, v));
    sel.groups.forEach((g) => groups.add(g));
    unresolved = unresolved || sel.unresolved;
  }
  const covering = req.coveringGroups.find((g) => groups.has(g.toLowerCase()));
  if (covering) return compliant(`${req.what}: enabled_log category_group ${covering} in ${names(retained)}`);
  const missing = req.required.filter((c) => !have.has(c.toLowerCase()));
  if (missing.length === 0) return compliant(`${req.what}: every required category is enabled in ${names(retained)}`);
  if (unresolved) return unknown(`${req.what}: enabled_log categories of ${names(retained)} cannot be resolved before deploy; ${missing.join(', ')} not found`);
  const alt = req.coveringGroups.length > 0 ? ` (or category_group ${req.coveringGroups.join(' / ')})` : '';
  return nonCompliant(`${req.what}: enabled_log is missing ${missing.join(', ')}${alt} in ${names(retained)}`);
}

/** The diagnostic settings on a resource itself (target_resource_id is exactly its id). */
export function diagnosticSettingsOf(model: ResourceModel, target: Resource, subPath = ''): readonly Resource[] {
  const want = subPath.toLowerCase().replace(/\/$/, '');
  return pointersTo(model, target, LINKS.diagnosticTarget)
    .filter((p) => p.subPath.toLowerCase().replace(/\/$/, '') === want)
    .map((p) => p.from);
}

/**
 * Judges the diagnostic settings of a resource; when none targets it but some setting's
 * target_resource_id is only known at deploy, the verdict is UNKNOWN, never a pass.
 */
export function judgeResourceDiagnostics(model: ResourceModel, target: Resource, req: CategoryRequirement, subPath = ''): Judgement {
  const settings = diagnosticSettingsOf(model, target, subPath);
  if (settings.length === 0) {
    const open = unresolvedPointers(model, LINKS.diagnosticTarget, target.type);
    if (open.length > 0) {
      return unknown(`no diagnostic setting targets ${target.address}${subPath}; the target_resource_id of ${names(open)} cannot be resolved before deploy`);
    }
  }
  return judgeCategories(model, settings, req);
}

/** What a diagnostic setting's target_resource_id names; `unresolved` when only the deploy knows. */
export interface SettingTarget {
  readonly kind: TargetKind | undefined;
  readonly unresolved: boolean;
}

const ML_WORKSPACES = ARM_TYPES[T.mlWorkspace];
const ONLINE_ENDPOINT_PATH = /^\/onlineendpoints\/[^/]+\/?$/;
const BLOB_SERVICE_PATH = /^\/blobservices\/default\/?$/;
/** `${azurerm_key_vault.x.id}` or `${data.azurerm_key_vault.x.id}`, and what follows it. */
const ID_REFERENCE = /^\$\{(?:data\.)?([a-z][a-z0-9_]*)\.[A-Za-z0-9_-]+\.id\}(.*)$/;

function kindOf(armType: string, subPath: string): TargetKind {
  const sub = subPath.toLowerCase();
  if (armType === ML_WORKSPACES) return sub === '' || sub === '/' ? 'ml-workspace' : ONLINE_ENDPOINT_PATH.test(sub) ? 'ml-online-endpoint' : 'other';
  if (armType === 'microsoft.machinelearningservices/registries') return sub === '' || sub === '/' ? 'ml-registry' : 'other';
  if (armType === ARM_TYPES[T.cognitiveAccount]) return sub === '' || sub === '/' ? 'cognitive-account' : 'other';
  if (armType === ARM_TYPES[T.keyVault]) return sub === '' || sub === '/' ? 'key-vault' : 'other';
  if (armType === ARM_TYPES[T.storageAccount]) return BLOB_SERVICE_PATH.test(sub) ? 'blob-service' : 'other';
  return 'other';
}

/** One SettingTarget per kind, shared by the settings that name it (the fact is kept per setting). */
const TARGET_OF_KIND = new Map<TargetKind | undefined, SettingTarget>();
const OPEN_TARGET: SettingTarget = Object.freeze({ kind: undefined, unresolved: true });

function targetOfKind(kind: TargetKind | undefined): SettingTarget {
  let target = TARGET_OF_KIND.get(kind);
  if (!target) TARGET_OF_KIND.set(kind, (target = Object.freeze({ kind, unresolved: false })));
  return target;
}

const SETTING_TARGET = resourceFact<SettingTarget>('Azure setting target', (model, setting) => {
  const raw = rawString(setting, 'target_resource_id');
  if (raw === undefined) return targetOfKind(undefined);
  if (isSubscriptionId(raw)) return targetOfKind('subscription');
  // The diagnostic-target link index has already resolved the reference or the literal id.
  const end = azureIndex(model).linksOf(LINKS.diagnosticTarget).byFrom.get(setting);
  if (end?.target) {
    const armType = ARM_TYPES[end.target.type];
    return targetOfKind(armType ? kindOf(armType, end.subPath) : 'other');
  }
  if (end?.key) return targetOfKind(kindOf(end.key.slice(0, end.key.lastIndexOf('/')), end.subPath));
  // A reference to a resource or data source outside the input still says its type.
  const ref = ID_REFERENCE.exec(raw);
  if (ref && ARM_TYPES[ref[1]]) return targetOfKind(kindOf(ARM_TYPES[ref[1]], ref[2]));
  if (ref && ref[1].includes('_')) return targetOfKind('other');
  const literal = raw.includes('${') ? undefined : parseArmId(raw);
  if (literal) return targetOfKind(kindOf(literal.key.slice(0, literal.key.lastIndexOf('/')), literal.subPath));
  return raw.includes('${') ? OPEN_TARGET : targetOfKind(undefined);
});

/** The kind of resource a diagnostic setting records (an Entra setting is not one: it has no target). */
export function settingTarget(model: ResourceModel, setting: Resource): SettingTarget {
  return SETTING_TARGET(model, setting);
}
