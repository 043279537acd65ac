/**
 * A `terraform show -json` plan whose resource_changes destroy an evidence store (a delete, or a
 * replace): Terraform refuses to plan the destroy of an instance with lifecycle.prevent_destroy,
 * so the plan shows the store has none, and the rules of deletion fail on it, naming the plan's
 * action. A store the plan deletes is judged as it was (its change's `before`). (The AWS cases are
 * in terraform-aws.test.ts.)
 */
import { loadDocument, buildModel } from '../../policies/engine/loader';
import { runRules } from '../../policies/engine/runner';
import { StorageNotDeletable } from '../../policies/rules/gcp/StorageNotDeletable';

const BUCKET = { name: 'org-evidence', project: 'p1', location: 'US', force_destroy: false, uniform_bucket_level_access: true, public_access_prevention: 'enforced', retention_policy: [{ is_locked: true, retention_period: 31_536_000 }] };
const SINK = { name: 'audit', project: 'p1', destination: 'storage.googleapis.com/org-evidence', filter: '', unique_writer_identity: true, exclusions: [], disabled: false };

/** A plan of the bucket and a sink into it, the bucket's change of `actions` (a delete leaves it out of planned_values). */
function plan(actions: string[]): Record<string, unknown> {
  const res = (type: string, name: string, values: unknown) => ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/google', values });
  const deleted = actions.length === 1 && actions[0] === 'delete';
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources: [...(deleted ? [] : [res('google_storage_bucket', 'ev', BUCKET)]), res('google_logging_project_sink', 'audit', SINK)] } },
    resource_changes: [
      { address: 'google_storage_bucket.ev', mode: 'managed', type: 'google_storage_bucket', name: 'ev', change: { actions, before: BUCKET, after: deleted ? null : BUCKET, after_unknown: {} } },
      { address: 'google_logging_project_sink.audit', mode: 'managed', type: 'google_logging_project_sink', name: 'audit', change: { actions: ['no-op'], before: SINK, after: SINK, after_unknown: {} } },
    ],
  };
}

function judged(actions: string[]): { verdict: string; message?: string } {
  const r = runRules(buildModel([loadDocument(plan(actions), 'plan.json')]), [StorageNotDeletable]);
  const f = r.findings.find((x) => x.address === 'google_storage_bucket.ev');
  const e = r.evaluations.find((x) => x.resource.address === 'google_storage_bucket.ev');
  return { verdict: e?.verdict ?? 'none', message: f?.message };
}

describe('GCP: a plan that destroys an evidence bucket', () => {
  test('no change: whether it survives a destroy is UNKNOWN (a plan does not record prevent_destroy)', () => {
    expect(judged(['no-op'])).toEqual({ verdict: 'UNKNOWN', message: expect.stringContaining('not recorded in terraform show -json plans') });
  });

  test('a replace: NON_COMPLIANT, the replace named', () => {
    expect(judged(['delete', 'create'])).toEqual({ verdict: 'NON_COMPLIANT', message: 'lifecycle.prevent_destroy is not true: Terraform may destroy the bucket (the plan replaces it (actions delete, create: the one that exists is destroyed))' });
  });

  test('a delete: the bucket the sink still writes into is judged as it was, NON_COMPLIANT', () => {
    expect(judged(['delete'])).toEqual({ verdict: 'NON_COMPLIANT', message: 'lifecycle.prevent_destroy is not true: Terraform may destroy the bucket (the plan destroys it (action delete))' });
  });
});
