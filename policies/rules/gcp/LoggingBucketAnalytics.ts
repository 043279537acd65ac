import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, show } from '../../facts/gcp';

/**
 * Log Analytics makes a logging bucket queryable with SQL in place. Only the project bucket config
 * has enable_analytics in google provider 6.50, so the rule judges only that type.
 */
export const LoggingBucketAnalytics: Rule = {
  id: 'GCP.Logging.BucketAnalytics',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_logging_project_bucket_config'],
  description: 'A Cloud Logging bucket does not have Log Analytics enabled.',
  rationale:
    'Without Log Analytics an investigator must export the logs before they can join and count them (who called ' +
    'which endpoint how often); with it they query the locked copy in place.',
  fix: "Use the kit's LogSink (logAnalyticsEnabled defaults to true), or set enable_analytics = true (it cannot be switched off again).",
  evidenceSource: 'control-plane-audit',
  nist: 'Examination',
  attack: ['T1078.004'],
  atlas: ['AML.T0024'],
  check: (bucket, { model }) => {
    const value = asBool(model.get(bucket, 'enable_analytics'));
    if (isUnresolved(value)) return unknown('enable_analytics is a value known only at deploy');
    if (value !== true) return nonCompliant(`enable_analytics is ${show(value)}`);
    return compliant('enable_analytics is true');
  },
};
