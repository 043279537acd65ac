import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, show } from '../../facts/aws/evidence';
import { featureStatus } from '../../facts/aws/guardduty';

/**
 * S3 protection is read from Features (S3_DATA_EVENTS) or from the older DataSources.S3Logs.Enable
 * (CloudFormation takes one or the other). Neither stated fails: the service default depends on how
 * and when the account first enabled GuardDuty, which a template cannot show.
 */
export const GuardDutyS3Protection: Rule = {
  id: 'AWS.GuardDuty.S3Protection',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::GuardDuty::Detector'],
  description: 'A GuardDuty detector is off (Enable not true) or does not have S3 protection (S3_DATA_EVENTS feature or DataSources.S3Logs) enabled.',
  rationale:
    'GuardDuty S3 protection analyses S3 data events for anomalous reads, deletes and access from unusual places, raising the finding that starts the investigation of stolen or poisoned training data and model artifacts.',
  fix: 'Use ThreatDetection (s3ProtectionEnabled, on by default), or set Enable: true and Features [{ Name: S3_DATA_EVENTS, Status: ENABLED }] on the AWS::GuardDuty::Detector.',
  evidenceSource: 'storage-data-access',
  nist: 'Collection',
  attack: ['T1530', 'T1619', 'T1485'],
  atlas: ['AML.T0035'],
  check: (r, ctx) => {
    const m = ctx.model;
    const rawEnable = m.get(r, 'Enable');
    const enable = asBool(rawEnable);
    if (isUnresolved(enable)) return unknown(`${r.address}: Enable is unresolvable before deploy`);
    if (enable !== true) return nonCompliant(`${r.address}: Enable is ${show(rawEnable)}, so the detector is off`);
    const feature = featureStatus(m, r, ['S3_DATA_EVENTS']);
    if (feature === 'unknown') return unknown(`${r.address}: Features is unresolvable before deploy`);
    if (feature !== undefined) {
      return feature === 'ENABLED' ? compliant(`${r.address}: feature S3_DATA_EVENTS is ENABLED`) : nonCompliant(`${r.address}: feature S3_DATA_EVENTS is ${show(feature)}`);
    }
    const raw = m.get(r, 'DataSources.S3Logs.Enable');
    const s3 = asBool(raw);
    if (isUnresolved(s3)) return unknown(`${r.address}: DataSources.S3Logs.Enable is unresolvable before deploy`);
    if (s3 === true) return compliant(`${r.address}: DataSources.S3Logs.Enable is true`);
    return nonCompliant(`${r.address}: S3 protection is ${raw === undefined ? 'not stated (no S3_DATA_EVENTS feature, no DataSources.S3Logs)' : `off (DataSources.S3Logs.Enable is ${show(raw)})`}`);
  },
};
