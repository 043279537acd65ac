/**
 * How every rule reads a written value, in every cloud: one meaning of a boolean, a number, a
 * block and of a value only the deploy knows. Absent (undefined or null) reads as undefined; a
 * value the deploy would make something of that the check cannot know (a reference, a malformed
 * boolean `"maybe"`, a number `"ten"`) reads as UNRESOLVED, which a rule turns into UNKNOWN and
 * never into a pass or into "absent".
 */
import type { ResourceModel } from './model';
import { Resource, planDestroys } from './types';
import { UNRESOLVED, Unresolved, isUnresolved } from './unresolved';

/**
 * How a dialect writes booleans as text: CloudFormation takes "true" and "false" in any case;
 * Terraform converts only the strings "true" and "false".
 */
export type BooleanDialect = 'cloudformation' | 'terraform';

/** A boolean as the dialect reads it (see the module comment for absent and UNRESOLVED). */
export function asBool(value: unknown, dialect: BooleanDialect = 'terraform'): boolean | Unresolved | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = dialect === 'cloudformation' ? value.toLowerCase() : value;
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return UNRESOLVED;
}

/** A number; both dialects also convert numeric strings. Anything else that is written is UNRESOLVED. */
export function asNumber(value: unknown): number | Unresolved | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : UNRESOLVED;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return UNRESOLVED;
}

/** A Terraform block as a list: Terraform JSON writes a block as an object or as an array of objects. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A value as a reason string shows it. */
export function show(value: unknown): string {
  if (isUnresolved(value)) return 'a value known only at deploy';
  if (value === undefined) return 'absent';
  return JSON.stringify(value);
}

/**
 * `lifecycle { prevent_destroy }` of a Terraform resource: true, false (absent or false),
 * UNRESOLVED, or 'unrecorded' for a `terraform show -json` plan, whose configuration does not carry
 * lifecycle meta-arguments (a rule then says UNKNOWN rather than guess).
 */
export function preventDestroy(model: ResourceModel, resource: Resource): boolean | Unresolved | 'unrecorded' {
  // A plan that destroys the resource shows it has no prevent_destroy (Terraform would refuse to plan it).
  if (planDestroys(resource)) return false;
  const raw = resource.attributes.lifecycle;
  if (raw === undefined || raw === null) return resource.format === 'terraform-plan' ? 'unrecorded' : false;
  const first = asList(model.resolve(raw, resource))[0];
  if (isUnresolved(first)) return UNRESOLVED;
  if (!first || typeof first !== 'object') return false;
  return asBool((first as Record<string, unknown>).prevent_destroy) ?? false;
}
