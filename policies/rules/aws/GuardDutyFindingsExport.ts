import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { rawAt } from '../../facts/aws/refs';
import { referencedBy } from '../../facts/aws/evidence';

/** The export's bucket is an evidence bucket and is judged by the S3 rules (lock, KMS, ...). */
export const GuardDutyFindingsExport: Rule = {
  id: 'AWS.GuardDuty.FindingsExport',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::GuardDuty::Detector'],
  description: 'A GuardDuty detector exports its findings nowhere (no AWS::GuardDuty::PublishingDestination references it).',
  rationale: 'GuardDuty keeps findings for 90 days. Exported into a locked bucket they outlive that, and stay available when the detector, or the account, is disabled by an intruder.',
  fix: 'Use ThreatDetection (destination: an EvidenceBucket), or add an AWS::GuardDuty::PublishingDestination { DetectorId: <detector>, DestinationType: S3, DestinationProperties { DestinationArn: <locked bucket ARN>, KmsKeyArn } }.',
  evidenceSource: 'control-plane-audit',
  nist: 'Examination',
  attack: ['T1078.004', 'T1530', 'T1567'],
  atlas: [],
  check: (r, ctx) => {
    const dests = referencedBy(ctx.model, r, 'AWS::GuardDuty::PublishingDestination', 'DetectorId');
    if (dests.length > 0) return compliant(`${r.address}: findings exported by ${dests.map((d) => d.address).join(', ')}`);
    // A destination of the same input (template, Terraform configuration) whose DetectorId only the deploy knows may be this detector's.
    const unit = ctx.model.configurationOf(r);
    const unplaced = ctx.model.ofType('AWS::GuardDuty::PublishingDestination').filter((d) => ctx.model.configurationOf(d) === unit && ctx.model.targets(rawAt(ctx.model, d, 'DetectorId'), d).length === 0 && isUnresolved(ctx.model.get(d, 'DetectorId')));
    if (unplaced.length > 0) return unknown(`${r.address}: the DetectorId of ${unplaced.map((d) => d.address).join(', ')} is unresolvable before deploy`);
    return nonCompliant(`${r.address}: no AWS::GuardDuty::PublishingDestination has this detector as DetectorId`);
  },
};
