import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asNumber, show } from '../../facts/aws/evidence';
import { callValue, sdkCall, SdkCall } from '../../facts/aws/sdk-calls';

const PUT = 'putretentionconfiguration';
const isPut = (call: SdkCall) => call.service === 'configservice' && call.action === PUT;

/**
 * PutRetentionConfiguration accepts 30 to 2,557 days (AWS Config API reference); the retention
 * applies to the configuration items Config keeps itself (resource history, advanced queries), not to
 * the files the delivery channel writes into S3, which AWS.Config.DeliveryToEvidence judges.
 */
export const ConfigRetentionPeriod: Rule = {
  id: 'AWS.Config.RetentionPeriod',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['Custom::AWS', 'AWS::CloudFormation::CustomResource'],
  isApplicable: (r, ctx) => (['Create', 'Update'] as const).some((phase) => {
    const call = sdkCall(ctx.model, r, phase);
    return isUnresolved(call) || (call !== undefined && isPut(call));
  }),
  description: 'An AWS Config retention configuration keeps configuration items for less than the retention floor, or for a period Config refuses.',
  rationale:
    'Config answers "what did this resource look like on that day" from the configuration items it keeps; past the retention they are deleted from the service, and an investigation that starts late finds the resource history empty there even when the delivered files survive.',
  fix: 'Use ConfigurationHistory (2,557 days by default), or call PutRetentionConfiguration with RetentionPeriodInDays of at least the floor and at most 2,557 (hashicorp/aws: aws_config_retention_configuration retention_period_in_days).',
  evidenceSource: 'configuration-history',
  nist: 'Collection',
  attack: ['T1485'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  check: (r, ctx) => {
    const floor = ctx.config.retentionFloorDays;
    const calls: Array<[string, SdkCall]> = [];
    for (const phase of ['Create', 'Update'] as const) {
      const call = sdkCall(ctx.model, r, phase);
      if (isUnresolved(call)) return unknown(`${r.address}: the ${phase} call cannot be read before deploy`);
      if (call !== undefined && isPut(call)) calls.push([phase, call]);
    }
    let shortest: number | undefined;
    for (const [phase, call] of calls) {
      const raw = callValue(call, 'RetentionPeriodInDays');
      const days = asNumber(raw);
      if (isUnresolved(days)) return unknown(`${r.address}: ${phase} RetentionPeriodInDays is unresolvable before deploy`);
      if (days === undefined) return nonCompliant(`${r.address}: ${phase} PutRetentionConfiguration has no RetentionPeriodInDays, which Config requires`);
      if (!Number.isInteger(days) || days < 30 || days > 2557) return nonCompliant(`${r.address}: ${phase} RetentionPeriodInDays is ${show(raw)}; Config accepts 30 to 2557 days and refuses the call`);
      if (days < floor) return nonCompliant(`${r.address}: ${phase} RetentionPeriodInDays ${days} is under the floor of ${floor} days`);
      shortest = shortest === undefined ? days : Math.min(shortest, days);
    }
    return compliant(`${r.address}: AWS Config keeps configuration items ${shortest} days (floor ${floor} days)`);
  },
};
