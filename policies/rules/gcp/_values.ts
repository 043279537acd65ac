/**
 * Value helpers and resource-type lists of the GCP rules: Terraform blocks written as objects or
 * arrays, bools and numbers written as strings, lifecycle meta-arguments, and how a value is shown
 * in a reason string.
 */
import { isUnresolved, ResourceModel, UNRESOLVED, Unresolved } from '../../engine/model';
import { Resource } from '../../engine/types';

export const SINK_TYPES = [
  'google_logging_project_sink',
  'google_logging_folder_sink',
  'google_logging_organization_sink',
  'google_logging_billing_account_sink',
] as const;

export const LOGGING_BUCKET_TYPES = [
  'google_logging_project_bucket_config',
  'google_logging_folder_bucket_config',
  'google_logging_organization_bucket_config',
  'google_logging_billing_account_bucket_config',
] as const;

export const AUDIT_CONFIG_TYPES = [
  'google_project_iam_audit_config',
  'google_folder_iam_audit_config',
  'google_organization_iam_audit_config',
] as const;

export const SECONDS_PER_DAY = 86_400;

// ---------------------------------------------------------------------------------------------
// Values

/** A Terraform block as a list: cdk.tf.json writes blocks as an object or as an array of objects. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A Terraform bool; Terraform also converts the strings "true" and "false". Absent (undefined or
 * null) is undefined; any other value (`"maybe"`, 3) is UNRESOLVED, as on Azure and AWS: what the
 * deploy would make of it is unknown, so it is never read as absent.
 */
export function asBool(value: unknown): boolean | undefined | Unresolved {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return UNRESOLVED;
}

/** A Terraform number; Terraform also converts numeric strings. */
export function asNumber(value: unknown): number | undefined | Unresolved {
  if (isUnresolved(value)) return UNRESOLVED;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A value rendered for a reason string. */
export function show(value: unknown): string {
  if (isUnresolved(value)) return 'a value known only at deploy';
  if (value === undefined) return 'absent';
  return JSON.stringify(value);
}

/** The literal text before the first interpolation of a Terraform string. */
export function literalHead(text: string): string {
  const i = text.indexOf('${');
  return i < 0 ? text : text.slice(0, i);
}

export function isLiteral(text: string): boolean {
  return !text.includes('${');
}

/** A label value of a resource (`labels.<key>`), resolved. */
export function label(model: ResourceModel, resource: Resource, key: string): unknown {
  const labels = model.get(resource, 'labels');
  if (isUnresolved(labels)) return UNRESOLVED;
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return undefined;
  return (labels as Record<string, unknown>)[key];
}

/**
 * lifecycle.prevent_destroy of a Terraform resource: true, false (absent or false), UNRESOLVED, or
 * 'unrecorded' for `terraform show -json` plans, whose configuration does not carry lifecycle
 * meta-arguments (the rule cannot know, so it says UNKNOWN rather than guess).
 */
export function preventDestroy(model: ResourceModel, resource: Resource): boolean | Unresolved | 'unrecorded' {
  const raw = resource.attributes.lifecycle;
  if (raw === undefined || raw === null) return resource.format === 'terraform-plan' ? 'unrecorded' : false;
  const first = asList(model.resolve(raw, resource))[0];
  if (isUnresolved(first)) return UNRESOLVED;
  if (!first || typeof first !== 'object') return false;
  const value = asBool((first as Record<string, unknown>).prevent_destroy);
  return value === undefined ? false : value;
}

/**
 * The value at a dotted path as written, without resolving it (one-element block arrays are
 * entered), so that `model.targets` can still see the references inside it.
 */
export function rawAt(resource: Resource, path: string): unknown {
  let cur: unknown = resource.properties;
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) cur = cur[0];
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Whether the value at a path references a resource of one of the given types in the input. */
export function referencesType(model: ResourceModel, resource: Resource, path: string, ...types: string[]): boolean {
  return model.targets(rawAt(resource, path), resource).some((t) => types.includes(t.type));
}
