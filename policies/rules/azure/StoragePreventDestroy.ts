import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, isEvidenceStore, toBool } from './_shared';

/**
 * `lifecycle { prevent_destroy = true }` on an evidence store. Terraform's JSON plan output does not
 * carry lifecycle arguments, so on a plan the verdict is UNKNOWN unless the loader recorded them.
 */
export const StoragePreventDestroy: Rule = {
  id: 'AZURE.Storage.PreventDestroy',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'An evidence storage account can be destroyed by Terraform (lifecycle.prevent_destroy is not true).',
  rationale: 'A renamed construct, a changed ForceNew attribute or a careless destroy would replace the account and take every log with it; prevent_destroy makes Terraform refuse such a plan.',
  fix: 'Use EvidenceStorage (it sets prevent_destroy); or add lifecycle { prevent_destroy = true } to the azurerm_storage_account (cdktf: lifecycle: { preventDestroy: true }).',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => {
    const lifecycle = ctx.model.resolve(r.attributes.lifecycle, r);
    if (lifecycle === undefined && r.format === 'terraform-plan') {
      return unknown('terraform show -json does not record lifecycle.prevent_destroy; judge the configuration (cdk.tf.json) instead');
    }
    if (isUnresolved(lifecycle)) return unknown('lifecycle cannot be resolved before deploy');
    const block = Array.isArray(lifecycle) ? lifecycle[0] : lifecycle;
    const value = block && typeof block === 'object' ? toBool((block as Record<string, unknown>).prevent_destroy) : undefined;
    if (isUnresolved(value)) return unknown('lifecycle.prevent_destroy cannot be resolved before deploy');
    return value === true ? compliant('lifecycle.prevent_destroy is true') : nonCompliant(`lifecycle.prevent_destroy is ${value ?? 'absent'}`);
  },
};
