import { ResourceModel, isUnresolved } from '../../engine/model';
import { Judgement, Resource, Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, isEvidenceLogGroup, logGroupByName, show } from '../../facts/aws/evidence';
import { sageMakerLogGroupName, sageMakerLogGroupOf } from '../../facts/aws/sagemaker-logs';
import { subscriptionsNaming } from '../../facts/aws/subscriptions';

const SAGEMAKER_TYPES = ['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::Endpoint', 'AWS::SageMaker::Domain'];

/**
 * A SageMaker log group of the inputs: with deletion protection, and retained on delete and on
 * replacement. The evidence index counts every `/aws/sagemaker/...` group as evidence, so
 * AWS.Logs.EvidenceRetain judges its DeletionPolicy and UpdateReplacePolicy: this rule leaves them
 * to it (one defect, one finding), and judges them itself only of a group that rule does not judge.
 */
function judgeGroup(r: Resource, model: ResourceModel): Judgement {
  const owned = isEvidenceLogGroup(model, r);
  const del = owned ? 'Retain' : r.attributes.DeletionPolicy;
  const rep = owned ? 'Retain' : r.attributes.UpdateReplacePolicy;
  const protection = asBool(model.get(r, 'DeletionProtectionEnabled'));
  const bad = [
    ...(del === 'Retain' || isUnresolved(del) ? [] : [`DeletionPolicy is ${show(del)}`]),
    ...(rep === 'Retain' || isUnresolved(rep) ? [] : [`UpdateReplacePolicy is ${show(rep)}`]),
    ...(protection === true || isUnresolved(protection) ? [] : [`DeletionProtectionEnabled is ${show(model.get(r, 'DeletionProtectionEnabled'))}`]),
  ];
  if (bad.length > 0) return nonCompliant(`${r.address}: ${bad.join(', ')}, so the job logs it holds can be deleted ${owned ? '' : 'with the stack or '}by anyone allowed logs:DeleteLogGroup`);
  if (isUnresolved(protection)) return unknown(`${r.address}: DeletionProtectionEnabled is unresolvable before deploy`);
  if (isUnresolved(del) || isUnresolved(rep)) return unknown(`${r.address}: whether the group survives a destroy is not recorded here (a Terraform plan does not state lifecycle or skip_destroy); check the configuration`);
  if (owned) return compliant(`${r.address}: with deletion protection (its DeletionPolicy and UpdateReplacePolicy are judged by AWS.Logs.EvidenceRetain)`);
  return compliant(`${r.address}: retained on delete and replacement, with deletion protection`);
}

/**
 * The log groups of SageMaker's ephemeral compute: each SageMaker resource that writes into one
 * (notebook instances, named endpoints, Studio domains) has it in the inputs, created before
 * SageMaker would create it; and every `/aws/sagemaker/...` group of the inputs is retained and
 * deletion-protected. Their retention, key, DeletionPolicy and UpdateReplacePolicy are judged by
 * AWS.Logs.EvidenceRetention, AWS.Logs.EvidenceKms and AWS.Logs.EvidenceRetain, which count these
 * groups as evidence: this rule judges their deletion protection, and does not report again what
 * AWS.Logs.EvidenceRetain reports.
 */
export const SageMakerJobLogGroupsRetained: Rule = {
  id: 'AWS.SageMaker.JobLogGroupsRetained',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::Logs::LogGroup', ...SAGEMAKER_TYPES],
  description: 'A SageMaker log group (/aws/sagemaker/...) is missing from the inputs, or can be deleted through the API (DeletionProtectionEnabled not true); its DeletionPolicy and UpdateReplacePolicy are judged by AWS.Logs.EvidenceRetain.',
  rationale:
    "A training or processing job's container output exists only in its log group: the job and its instances are gone when it ends. SageMaker creates the group on first use, never expiring, without the customer key and deletable by anyone allowed logs:DeleteLogGroup; created beforehand, retained and deletion-protected, it outlives both the job and the stack.",
  fix: 'Use SageMakerJobLogs (it creates the groups with retention, the evidence key and deletion protection, retained on delete), or create each /aws/sagemaker/... group with DeletionProtectionEnabled: true and DeletionPolicy/UpdateReplacePolicy Retain (Terraform: deletion_protection_enabled = true and skip_destroy = true or lifecycle.prevent_destroy).',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1485'],
  atlas: ['AML.T0020', 'AML.T0018'],
  isApplicable: (r, ctx) => r.type !== 'AWS::Logs::LogGroup' || sageMakerLogGroupName(ctx.model, r) !== undefined,
  check: (r, ctx) => {
    if (r.type === 'AWS::Logs::LogGroup') return judgeGroup(r, ctx.model);
    const expected = sageMakerLogGroupOf(ctx.model, r);
    if (!('name' in expected)) return expected;
    const t = logGroupByName(ctx.model, expected.name, r);
    if (t.kind === 'resource') return compliant(`${r.address}: its log group ${expected.name} is ${t.resource.address} of the inputs (judged there)`);
    if (t.kind === 'unresolved') return unknown(`${r.address}: its log group ${expected.name} is ${t.why ?? 'unresolvable before deploy'}`);
    if (subscriptionsNaming(ctx.model, expected.name).length > 0) {
      return unknown(`${r.address}: its log group ${expected.name} is not in the inputs but a subscription filter names it, so it exists outside them (adopted): its retention, key and deletion protection cannot be checked here`);
    }
    return nonCompliant(`${r.address}: its log group ${expected.name} is not in the inputs, so SageMaker creates it on first use, never expiring, without the customer key and without deletion protection`);
  },
};
