import { CfnResource, IAspect, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ForensicValidationError } from '../../constructs/core/errors';
import { REASON_EXPECTED, SUPPRESSION_METADATA_KEY, acknowledgementProblem } from '../engine/suppressions';
import { Suppression } from '../engine/types';
import { ALL_RULES } from '../rules';

/**
 * Acknowledge one rule on one resource, with a reason an auditor can read. Written into the
 * resource's CloudFormation Metadata (`forensic-readiness.acknowledgements`), so the CDK plugin,
 * `forensic-readiness check cdk.out` and every report see it. `construct` is the CfnResource or a
 * construct whose defaultChild is one (an L2 such as `s3.Bucket`).
 */
export function acknowledgeRule(construct: IConstruct, ruleId: string, reason: string): void {
  const where = `acknowledgeRule(${construct.node.path})`;
  if (!ALL_RULES.some((r) => r.id === ruleId)) throw new ForensicValidationError('ruleId', ruleId, 'the id of one of the kit\'s rules (see RULES.md)', where);
  if (acknowledgementProblem(ruleId, reason)) {
    throw new ForensicValidationError('reason', reason, REASON_EXPECTED, where);
  }
  const cfn = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!cfn || !CfnResource.isCfnResource(cfn)) {
    throw new ForensicValidationError('construct', construct.node.path, 'a CfnResource or a construct whose defaultChild is a CfnResource', where);
  }
  addAcknowledgement(cfn, { ruleId, reason: reason.trim() });
}

function addAcknowledgement(cfn: CfnResource, ack: Suppression): void {
  const prior = cfn.getMetadata(SUPPRESSION_METADATA_KEY) as { acknowledgements?: Suppression[] } | undefined;
  const list = (prior?.acknowledgements ?? []).filter((a) => a.ruleId !== ack.ruleId);
  cfn.addMetadata(SUPPRESSION_METADATA_KEY, { ...(prior ?? {}), acknowledgements: [...list, { ruleId: ack.ruleId, reason: ack.reason }] });
}

/**
 * Mirrors CDK acknowledgements of this pack's rules (`Validations.of(c).acknowledge({ id:
 * 'ForensicReadiness::<ruleId>', reason })`, on the resource or the construct whose defaultChild it
 * is) into the template, so that tools reading cdk.out see the same waivers as synth. A reason too
 * short to audit, or one given on a scope above a resource (a stack, the app), fails synth with a
 * ForensicValidationError.
 */
export class MirrorCdkAcknowledgements implements IAspect {
  constructor(private readonly namespace: string) {}

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const prefix = `${this.namespace}::`;
    for (let cur: IConstruct | undefined = node; cur; cur = cur.node.scope) {
      for (const entry of cur.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          if (!id.startsWith(prefix)) continue;
          const ruleId = id.slice(prefix.length);
          // A misspelt id would waive nothing and be listed in no report.
          if (!ALL_RULES.some((r) => r.id === ruleId)) {
            throw new ForensicValidationError('id', id, `${prefix}<the id of one of the kit's rules (see RULES.md)>`, `acknowledgement on ${cur.node.path || '(the app)'}`);
          }
          if (acknowledgementProblem(ruleId, reason)) {
            throw new ForensicValidationError('reason', reason, REASON_EXPECTED, `acknowledgement of ${id} on ${cur.node.path}`);
          }
          // One rule on one resource: on a stack or the app it would waive the rule on every resource
          // below, those added later too, with no word of which.
          if (cur !== node && cur.node.defaultChild !== node) {
            throw new ForensicValidationError('scope', cur.node.path || '(the app)', `the resource itself or the construct whose defaultChild it is (an acknowledgement waives one rule on one resource; ${node.node.path} is below it)`, `acknowledgement of ${id}`);
          }
          addAcknowledgement(node, { ruleId, reason: String(reason).trim() });
        }
      }
    }
  }
}

/**
 * The CDK acknowledgements of this pack's rules anywhere in the tree under `root`
 * (`Validations.of(c).acknowledge({ id: '<namespace>::<ruleId>' })`), with the path of the
 * construct each is given on: what a plugin given no scope cannot mirror into the template.
 */
export function cdkAcknowledgementsOf(root: IConstruct, namespace: string): { readonly id: string; readonly path: string }[] {
  const prefix = `${namespace}::`;
  const out: { id: string; path: string }[] = [];
  for (const c of [root, ...root.node.findAll().filter((x) => x !== root)]) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const id of Object.keys(entry.data as Record<string, unknown>)) if (id.startsWith(prefix)) out.push({ id, path: c.node.path || '(the app)' });
    }
  }
  return out;
}
