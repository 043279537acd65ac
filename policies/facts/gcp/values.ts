/**
 * Resource-type lists and value helpers of the GCP rules. Booleans, numbers, blocks, lifecycle and
 * how a value shows in a reason are read by the engine's one reader (engine/values.ts), as in
 * every cloud; what is here is GCP's own (labels, literal heads of interpolated names).
 */
import { isUnresolved, ResourceModel, UNRESOLVED } from '../../engine/model';
import { Resource } from '../../engine/types';

export { asBool, asList, asNumber, preventDestroy, show } from '../../engine/values';

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

/**
 * The authoritative IAM policies of a project, folder or organization: policy_data replaces the
 * whole IAM policy of the parent, its auditConfigs included (the provider: they cannot be used
 * with the google_*_iam_audit_config of the same parent, "or they will fight").
 */
export const IAM_POLICY_TYPES = ['google_project_iam_policy', 'google_folder_iam_policy', 'google_organization_iam_policy'] as const;

export const SECONDS_PER_DAY = 86_400;

// ---------------------------------------------------------------------------------------------
// Values

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
