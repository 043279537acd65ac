import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { managementCoverage } from '../../facts/aws/management-events';

/**
 * Judged on each trail, against every trail of the inputs: a data-event trail beside a management
 * trail passes (the management trail records them, and a second copy of management events is
 * billed), and so does any trail when the evidence context declares an organization trail, which
 * records management events. A selector that leaves a service out (kms.amazonaws.com) or is narrowed
 * by another field does not count: the events left out are those of the evidence key.
 */
export const CloudTrailManagementEvents: Rule = {
  id: 'AWS.CloudTrail.ManagementEvents',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::CloudTrail::Trail'],
  description: 'No trail of the inputs records every management event, reads and writes (selectors without eventCategory Management, IncludeManagementEvents false, reads or writes only, or a service left out).',
  rationale:
    'Management events are the control-plane record: CreateUser, CreateAccessKey, AttachRolePolicy, PutBucketPolicy, ScheduleKeyDeletion, StopLogging, DeleteTrail, and the reads (GetCallerIdentity, ListBuckets, Describe*) of discovery. A trail that records only data events, or only reads, leaves an investigator without who changed what.',
  fix: 'Use AuditTrail (it records every management event), or leave EventSelectors and AdvancedEventSelectors unset, or add AdvancedEventSelectors { eventCategory Equals [Management] } without readOnly or eventSource (basic: an EventSelectors entry with IncludeManagementEvents true, ReadWriteType All and no ExcludeManagementEventSources; Terraform: event_selector { include_management_events = true, read_write_type = "All" } or an advanced_event_selector with field_selector { field = "eventCategory", equals = ["Management"] }).',
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1078.004', 'T1098.001', 'T1136.003', 'T1562.008', 'T1685.002', 'T1580'],
  atlas: ['AML.T0012'],
  check: (r, ctx) => {
    const own = managementCoverage(ctx.model, [r]);
    if (own.covers === true) return compliant(`${r.address}: ${own.reason}`);
    const org = ctx.config.context?.aws?.organizationTrail;
    if (org) return compliant(`${r.address}: management events are recorded by the organization trail ${org.trailArn} (declared in the evidence context); this trail: ${own.reason}`);
    const others = ctx.model.ofType('AWS::CloudTrail::Trail').filter((t) => t !== r);
    const all = others.length === 0 ? own : managementCoverage(ctx.model, [r, ...others]);
    const reason = `${r.address}: ${all.reason}`;
    return all.covers === true ? compliant(reason) : all.covers === 'unknown' ? unknown(reason) : nonCompliant(reason);
  },
};
