import { CfnResource, IAspect, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ForensicValidationError } from '../../constructs/core/errors';
import { InputError } from '../engine/errors';
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
 * The resource a CDK acknowledgement given on `construct` is mirrored onto: the CfnResource itself,
 * or the CfnResource that is the defaultChild of an L2 (`s3.Bucket`); undefined for a stack, a
 * stage, the app or a construct with no CfnResource defaultChild.
 */
export function acknowledgedResourceOf(construct: IConstruct): CfnResource | undefined {
  if (CfnResource.isCfnResource(construct)) return construct;
  const child = construct.node.defaultChild;
  return child && CfnResource.isCfnResource(child) ? child : undefined;
}

/**
 * Mirrors CDK acknowledgements of this pack's rules (`Validations.of(c).acknowledge({ id:
 * 'ForensicReadiness::<ruleId>', reason })`, on the resource or the construct whose defaultChild it
 * is) into the template, so that tools reading cdk.out see the same waivers as synth. An
 * acknowledgement on an L2 is its defaultChild's: another resource below the L2 (an s3.Bucket's
 * BucketPolicy) is not waived by it (a finding of the rule there fails synth in the plugin, since
 * CDK would waive it while the template does not). A reason too short to audit, or one given on a
 * scope above a resource that is no L2 of it (a stack, a stage, the app), fails synth with a
 * ForensicValidationError.
 */
export class MirrorCdkAcknowledgements implements IAspect {
  constructor(private readonly namespace: string) {}

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    for (let cur: IConstruct | undefined = node; cur; cur = cur.node.scope) {
      for (const { id, ruleId, reason } of kitAcknowledgementsOn(cur, this.namespace)) {
        const target = acknowledgedResourceOf(cur);
        // Another resource's acknowledgement (an L2's defaultChild, or a CfnResource holding this one).
        if (target && target !== node) continue;
        // One rule on one resource: on a stack or the app it would waive the rule on every resource
        // below, those added later too, with no word of which.
        if (!target) throw scopeError(id, cur, node);
        addAcknowledgement(node, { ruleId, reason: String(reason).trim() });
      }
    }
  }
}

/** The kit's acknowledgements given on one construct, checked: a misspelt id or an unusable reason throws. */
function kitAcknowledgementsOn(c: IConstruct, namespace: string): { id: string; ruleId: string; reason: unknown }[] {
  const prefix = `${namespace}::`;
  const out: { id: string; ruleId: string; reason: unknown }[] = [];
  for (const entry of c.node.metadata) {
    if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
    for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
      if (!id.startsWith(prefix)) continue;
      const ruleId = id.slice(prefix.length);
      // A misspelt id would waive nothing and be listed in no report.
      if (!ALL_RULES.some((r) => r.id === ruleId)) {
        throw new ForensicValidationError('id', id, `${prefix}<the id of one of the kit's rules (see RULES.md)>`, `acknowledgement on ${c.node.path || '(the app)'}`);
      }
      if (acknowledgementProblem(ruleId, reason)) {
        throw new ForensicValidationError('reason', reason, REASON_EXPECTED, `acknowledgement of ${id} on ${c.node.path}`);
      }
      out.push({ id, ruleId, reason });
    }
  }
  return out;
}

function scopeError(id: string, scope: IConstruct, below: IConstruct): ForensicValidationError {
  return new ForensicValidationError('scope', scope.node.path || '(the app)', `the resource itself or the construct whose defaultChild it is (an acknowledgement waives one rule on one resource; ${below.node.path} is below it)`, `acknowledgement of ${id}`);
}

/**
 * What the plugin checks when it validates, after every Aspect, node validation and nested Stage
 * has run: each CDK acknowledgement of a kit rule in the tree under `root` (nested Stages
 * included) on a resource of the templates it judges is in that resource's template, or synth
 * fails. `acknowledgementsOf(cfn)` gives the acknowledgements the judged template holds for a
 * resource, or undefined when its template is not one judged. Throws the error the Aspect would
 * (a misspelt id, a short reason, a scope above a resource), or an InputError naming an
 * acknowledgement given too late to be mirrored: CDK would waive the finding in synth while
 * `forensic-readiness check cdk.out` reports it.
 */
export function refuseUnmirroredAcknowledgements(root: IConstruct, namespace: string, acknowledgementsOf: (cfn: CfnResource) => readonly Suppression[] | undefined): void {
  for (const c of [root, ...root.node.findAll().filter((x) => x !== root)]) {
    for (const { id, ruleId } of kitAcknowledgementsOn(c, namespace)) {
      const target = acknowledgedResourceOf(c);
      if (!target) {
        const below = c.node.findAll().find((x): x is CfnResource => CfnResource.isCfnResource(x) && acknowledgementsOf(x) !== undefined);
        if (below) throw scopeError(id, c, below);
        continue;
      }
      const inTemplate = acknowledgementsOf(target);
      if (inTemplate === undefined || inTemplate.some((a) => a.ruleId === ruleId)) continue;
      throw new InputError(
        `${id} is acknowledged with Validations on ${c.node.path}, but the acknowledgement is not in the template of ${target.node.path}: it was given after the kit's Aspect visited the resource (by a later Aspect or a node validation), or in a Stage synthesized before the app (Template.fromStack, CDK Pipelines' addStage), so CDK would waive the finding while \`forensic-readiness check cdk.out\` reports it: give it before synthesis, or with acknowledgeRule(construct, '${ruleId}', reason), which writes it into the template (for a Stage synthesized early, add new MirrorCdkAcknowledgements('ForensicReadiness') to its Aspects first)`,
      );
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

/**
 * Where aws-cdk-lib's report finds the CDK acknowledgement of `<namespace>::<ruleId>` that waives
 * a violation at `constructPath`: on that construct or the nearest construct above it (`''` is the
 * app), or undefined. `index` is cdkAcknowledgementIndex of the app.
 */
export function cdkWaiverAt(index: ReadonlyMap<string, ReadonlySet<string>>, namespace: string, ruleId: string, constructPath: string): string | undefined {
  const paths = index.get(`${namespace}::${ruleId}`);
  if (!paths) return undefined;
  for (let p = constructPath; ; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
    if (paths.has(p)) return p;
    if (p === '') return undefined;
  }
}

/** The construct paths (`''` for the app) each CDK acknowledgement id of this namespace is given on, nested Stages included. */
export function cdkAcknowledgementIndex(root: IConstruct, namespace: string): Map<string, Set<string>> {
  const prefix = `${namespace}::`;
  const out = new Map<string, Set<string>>();
  for (const c of [root, ...root.node.findAll().filter((x) => x !== root)]) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const id of Object.keys(entry.data as Record<string, unknown>)) {
        if (!id.startsWith(prefix)) continue;
        if (!out.has(id)) out.set(id, new Set());
        out.get(id)!.add(c.node.path);
      }
    }
  }
  return out;
}
