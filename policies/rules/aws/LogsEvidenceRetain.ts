import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { describeLogGroupRoles, isEvidenceLogGroup, show } from '../../facts/aws/evidence';

/**
 * CloudFormation must never delete an evidence log group, on stack deletion or on replacement: as
 * AWS.S3.EvidenceRetain judges evidence buckets. A trail's or a flow log's CloudWatch Logs copy made
 * deletable (applyRemovalPolicy(DESTROY)) goes with the stack and takes the records with it.
 */
export const LogsEvidenceRetain: Rule = {
  id: 'AWS.Logs.EvidenceRetain',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::Logs::LogGroup'],
  description: 'A log group that holds evidence does not have both DeletionPolicy and UpdateReplacePolicy set to Retain.',
  rationale:
    'A stack deletion, or an update that replaces the group (a changed LogGroupName), deletes the group and every record in it: the CloudWatch Logs copy of the trail, the flow logs or the DNS query logs is gone when the stack is torn down after an incident.',
  fix: 'Use the kit\'s constructs (their log groups are RemovalPolicy.RETAIN; do not apply DESTROY), or set the resource attributes DeletionPolicy: Retain and UpdateReplacePolicy: Retain (Terraform: skip_destroy = true or lifecycle { prevent_destroy = true }).',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1485', 'T1562.008', 'T1685.002'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceLogGroup(ctx.model, r),
  check: (r, ctx) => {
    const del = r.attributes.DeletionPolicy;
    const rep = r.attributes.UpdateReplacePolicy;
    const bad = [
      ...(del === 'Retain' ? [] : [`DeletionPolicy is ${show(del)}`]),
      ...(rep === 'Retain' ? [] : [`UpdateReplacePolicy is ${show(rep)}`]),
    ];
    const roles = `written by ${describeLogGroupRoles(ctx.model, r)}`;
    if (bad.length > 0 && (isUnresolved(del) || isUnresolved(rep))) return unknown(`${r.address}: whether the group survives a destroy is not recorded here (a Terraform plan does not state lifecycle.prevent_destroy); check the configuration (${roles})`);
    return bad.length === 0 ? compliant(`${r.address}: DeletionPolicy and UpdateReplacePolicy are "Retain" (${roles})`) : nonCompliant(`${r.address}: ${bad.join(', ')}, so its records are deleted with the stack or on replacement (${roles})`);
  },
};
