import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, loggingLock, SINK_TYPES, sinkDestination, storageLock } from './_shared';

/**
 * Only two sink destinations can be made immutable: a Cloud Storage bucket with a locked retention
 * policy and a locked Cloud Logging bucket. BigQuery datasets and Pub/Sub topics can be altered or
 * drained by their owners, so they never count. A literal destination that names no resource of
 * the input (another project's bucket, `_Default`) cannot be judged here: UNKNOWN.
 */
export const LoggingSinkLockedDestination: Rule = {
  id: 'GCP.Logging.SinkLockedDestination',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...SINK_TYPES],
  description: 'A log sink is disabled or does not write into locked storage (a locked GCS bucket or a locked logging bucket).',
  rationale:
    'Audit logs are evidence only if whoever caused the incident cannot delete them; logs routed to an unlocked ' +
    'bucket, a BigQuery dataset or a Pub/Sub topic can be removed by anyone holding admin rights there.',
  fix:
    "Use the kit's LogSink (its locked log bucket, or destination: an EvidenceBucket), or set destination = " +
    '"storage.googleapis.com/${google_storage_bucket.<locked>.name}" (or "logging.googleapis.com/${google_logging_project_bucket_config.<locked>.id}").',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1485', 'T1490'],
  atlas: [],
  check: (sink, { model }) => {
    const disabled = asBool(model.get(sink, 'disabled'));
    if (isUnresolved(disabled)) return unknown('disabled is a value known only at deploy');
    if (disabled === true) return nonCompliant('disabled is true: the sink exports nothing');
    const dest = sinkDestination(model, sink);
    switch (dest.kind) {
      case 'bigquery':
      case 'pubsub':
        return nonCompliant(`destination ${dest.text} is a ${dest.kind === 'bigquery' ? 'BigQuery dataset' : 'Pub/Sub topic'}, which cannot be locked`);
      case 'other':
        return nonCompliant(`destination ${dest.text} is not a Cloud Storage or Cloud Logging bucket`);
      case 'unknown':
      case 'project':
        return unknown(dest.unresolved ?? `destination ${dest.text} cannot be resolved`);
      default:
        break;
    }
    if (dest.targets.length === 0) return unknown(dest.unresolved ?? `destination ${dest.text} names no resource of the input`);
    const verdicts = dest.targets.map((t) => (t.type === 'google_storage_bucket' ? storageLock(model, t) : loggingLock(model, t)));
    const open = verdicts.find((v) => v.locked === false);
    if (open) return nonCompliant(`destination ${dest.text} is not locked: ${open.why}`);
    const pending = verdicts.find((v) => isUnresolved(v.locked));
    if (pending) return unknown(`destination ${dest.text}: ${pending.why}`);
    return compliant(`destination ${dest.text} is locked: ${verdicts.map((v) => v.why).join('; ')}`);
  },
};
