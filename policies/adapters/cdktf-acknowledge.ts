import { TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { ForensicValidationError } from '../../constructs/core/errors';
import { REASON_EXPECTED, SUPPRESSION_METADATA_KEY, acknowledgementProblem } from '../engine/suppressions';
import { Suppression } from '../engine/types';
import { ALL_RULES } from '../rules';

const recorded = new WeakMap<TerraformResource, Suppression[]>();

/**
 * Acknowledge one rule on one Terraform resource, with a reason an auditor can read. Written into
 * the resource's `//` comment in cdk.tf.json (`"//": { "forensic-readiness": { "acknowledgements":
 * [...] } }`, beside cdktf's own `metadata`), so the synth-time check, `forensic-readiness check
 * cdktf.out` and every report see it. `construct` is the TerraformResource, or a construct whose
 * primary child (`defaultChild`, or the child with id `Resource`) is one.
 */
export function acknowledgeRule(construct: IConstruct, ruleId: string, reason: string): void {
  const where = `acknowledgeRule(${construct.node.path})`;
  if (!ALL_RULES.some((r) => r.id === ruleId)) throw new ForensicValidationError('ruleId', ruleId, 'the id of one of the kit\'s rules (see RULES.md)', where);
  if (acknowledgementProblem(ruleId, reason)) {
    throw new ForensicValidationError('reason', reason, REASON_EXPECTED, where);
  }
  const resource = primaryResource(construct);
  if (!resource) throw new ForensicValidationError('construct', construct.node.path, 'a TerraformResource or a construct whose primary child is one', where);
  const list = (recorded.get(resource) ?? []).filter((a) => a.ruleId !== ruleId);
  list.push({ ruleId, reason: reason.trim() });
  recorded.set(resource, list);
  resource.addOverride(`//.${SUPPRESSION_METADATA_KEY}`, { acknowledgements: list.map((a) => ({ ruleId: a.ruleId, reason: a.reason })) });
}

function primaryResource(construct: IConstruct): TerraformResource | undefined {
  if (TerraformResource.isTerraformResource(construct)) return construct;
  const child = construct.node.defaultChild ?? construct.node.tryFindChild('Resource');
  return child && TerraformResource.isTerraformResource(child) ? child : undefined;
}
