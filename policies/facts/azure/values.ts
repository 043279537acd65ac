/** Value helpers of the Azure rules: a property read by its azurerm 3.x name too (valueAt), blocks, strings, and lifecycle judged; booleans and numbers read by the engine's one reader (engine/values.ts). */
import { ResourceModel, UNRESOLVED, Unresolved, isUnresolved } from '../../engine/model';
import { Judgement, Resource, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, asList, asNumber, preventDestroy } from '../../engine/values';

export { asBool, asNumber, show } from '../../engine/values';

/**
 * Arguments the rules read by their azurerm 4.x name that azurerm 3.x spelled differently (from the
 * azurerm 4.0 and 5.0 upgrade guides), per resource type: 4.x name -> 3.x name. A configuration
 * written for 3.x is read by its 3.x name; when both are written, the 4.x name wins. Not listed:
 * renames that also invert the meaning (log analytics `local_authentication_disabled`, judged in
 * its rule), renamed blocks (diagnostic settings' `log`, read in diagnostics.ts), renamed
 * references (storage container `storage_account_name`, matched in refs.ts), and ML workspace
 * `public_access_behind_virtual_network_enabled`, which azurerm 3.x never sent to the API.
 */
export const AZURERM_3X_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  azurerm_storage_account: { https_traffic_only_enabled: 'enable_https_traffic_only' },
};

/** The name an argument is written under: its 3.x name when only that is written, else the path itself. */
export function writtenName(r: Resource, path: string): string {
  const legacy = AZURERM_3X_NAMES[r.type]?.[path];
  return legacy !== undefined && r.properties[path] === undefined && r.properties[legacy] !== undefined ? legacy : path;
}

/**
 * The value at a dotted path, resolved (`model.get`), read under its azurerm 3.x name when only that
 * is written (AZURERM_3X_NAMES). A block a Terraform `dynamic` block generates is UNRESOLVED already
 * (the Terraform JSON loader marks it). Every Azure rule reads resource properties through this.
 */
export function valueAt(model: ResourceModel, r: Resource, path: string): unknown {
  return model.get(r, writtenName(r, path));
}

/** A boolean property: true/false (also the strings Terraform accepts), undefined when absent. */
export function boolAt(model: ResourceModel, r: Resource, path: string): boolean | undefined | Unresolved {
  return asBool(valueAt(model, r, path));
}


/** A number property (numbers or numeric strings), undefined when absent. */
export function numAt(model: ResourceModel, r: Resource, path: string): number | undefined | Unresolved {
  return asNumber(valueAt(model, r, path));
}


/** A string property, undefined when absent. */
export function strAt(model: ResourceModel, r: Resource, path: string): string | undefined | Unresolved {
  const v = valueAt(model, r, path);
  if (isUnresolved(v)) return UNRESOLVED;
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : String(v);
}

/** A nested block or a list of blocks, as a list (Terraform JSON writes either form). */
export function blocks(model: ResourceModel, r: Resource, key: string): readonly unknown[] | Unresolved {
  const v = valueAt(model, r, key);
  if (isUnresolved(v)) return UNRESOLVED;
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A nested block at a path (object or one-element list), undefined when absent or an empty list. */
export function blockAt(model: ResourceModel, r: Resource, path: string): unknown {
  const v = valueAt(model, r, path);
  if (isUnresolved(v)) return UNRESOLVED;
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return undefined;
  return Array.isArray(v) ? v[0] : v;
}

/** A raw (unresolved) string property, for reference matching. */
export function rawString(r: Resource, key: string): string | undefined {
  const v = r.properties[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function names(rs: readonly Resource[]): string {
  return rs.map((r) => r.address).join(', ');
}


/**
 * Judges one boolean property against the value a forensic-ready resource needs; absent takes the
 * azurerm 4.55 default, so `providerDefault` must come from the provider documentation.
 */
export function judgeBool(model: ResourceModel, r: Resource, path: string, want: boolean, providerDefault: boolean): Judgement {
  const v = boolAt(model, r, path);
  const name = writtenName(r, path);
  if (isUnresolved(v)) return unknown(`${name} cannot be resolved before deploy`);
  const effective = v ?? providerDefault;
  const found = v === undefined ? `absent (provider default ${providerDefault})` : String(v);
  return effective === want ? compliant(`${name} is ${found}`) : nonCompliant(`${name} is ${found}; it must be ${want}`);
}

/**
 * `lifecycle { prevent_destroy = true }` on a resource. Terraform's JSON plan output does not carry
 * lifecycle arguments, so on a plan the verdict is UNKNOWN unless the loader recorded them.
 */
export function judgePreventDestroy(model: ResourceModel, r: Resource): Judgement {
  const value = preventDestroy(model, r);
  if (value === 'unrecorded') return unknown('terraform show -json does not record lifecycle.prevent_destroy; judge the configuration (cdk.tf.json) instead');
  if (isUnresolved(value)) return unknown('lifecycle.prevent_destroy cannot be resolved before deploy');
  if (value) return compliant('lifecycle.prevent_destroy is true');
  const written = asList(model.resolve(r.attributes.lifecycle, r))[0] as Record<string, unknown> | undefined;
  return nonCompliant(`lifecycle.prevent_destroy is ${written?.prevent_destroy === undefined ? 'absent' : 'false'}`);
}
