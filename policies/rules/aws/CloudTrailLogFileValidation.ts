import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, show } from '../../facts/aws/evidence';

export const CloudTrailLogFileValidation: Rule = {
  id: 'AWS.CloudTrail.LogFileValidation',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::CloudTrail::Trail'],
  description: 'A trail does not have log file validation on, so no signed digest files prove its log files complete and unmodified.',
  rationale:
    'Digest files, signed by CloudTrail and chained hour by hour, let an investigator prove that a log file was not modified, deleted or forged after delivery (aws cloudtrail validate-logs); without them the integrity of the record rests on trust.',
  fix: 'Use AuditTrail (validation always on), or set EnableLogFileValidation: true.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002'],
  atlas: [],
  check: (r, ctx) => {
    const raw = ctx.model.get(r, 'EnableLogFileValidation');
    const v = asBool(raw);
    if (isUnresolved(v)) return unknown(`${r.address}: EnableLogFileValidation is unresolvable before deploy`);
    return v === true ? compliant(`${r.address}: EnableLogFileValidation is true`) : nonCompliant(`${r.address}: EnableLogFileValidation is ${show(raw)}`);
  },
};
