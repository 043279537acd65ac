/** Inputs shared by the GCP rule tests (not a test file: jest runs *.test.ts only). */
import { ResourceModel } from '../../../../policies/engine/model';
import { Resource } from '../../../../policies/engine/types';
import { tfModel } from '../../helpers';

export const YEAR_SECONDS = 365 * 86_400;

/** A Terraform JSON model from `{ type: { name: body } }`. */
export function tf(resources: Record<string, Record<string, any>>) {
  return tfModel({ resource: resources });
}

/**
 * The same resources as a `terraform show -json` plan would give them: format terraform-plan and
 * no lifecycle meta-arguments (plans do not record them).
 */
export function plan(resources: Record<string, Record<string, any>>): ResourceModel {
  const base = tf(resources).resources;
  return new ResourceModel(
    base.map((r): Resource => ({ ...r, format: 'terraform-plan', sourceFile: 'plan.json', attributes: { ...r.attributes, lifecycle: undefined } })),
  );
}

/** A bucket that passes every evidence-bucket rule. */
export function goodBucket(extra: Record<string, any> = {}): Record<string, any> {
  return {
    name: 'evidence-logs',
    location: 'US',
    uniform_bucket_level_access: true,
    public_access_prevention: 'enforced',
    force_destroy: false,
    retention_policy: { is_locked: true, retention_period: YEAR_SECONDS },
    lifecycle: { prevent_destroy: true },
    ...extra,
  };
}

/** A project sink that makes `google_storage_bucket.<bucket>` an evidence bucket. */
export function sinkInto(bucket: string): Record<string, any> {
  return { name: 'audit', destination: `storage.googleapis.com/\${google_storage_bucket.${bucket}.name}`, filter: 'logName:cloudaudit' };
}
