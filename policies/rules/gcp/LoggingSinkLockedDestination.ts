import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { SINK_TYPES, sinkLock } from '../../facts/gcp';

/**
 * Only two sink destinations can be made immutable: a Cloud Storage bucket with a locked retention
 * policy and a locked Cloud Logging bucket. BigQuery datasets and Pub/Sub topics can be altered or
 * drained by their owners, so they never count. A literal destination that names no resource of
 * the input (another project's bucket, `_Default`) cannot be judged here: UNKNOWN. The judgement
 * (_routing.ts) is shared with the rules that ask whether audit logs reach locked storage.
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
    const lock = sinkLock(model, sink);
    switch (lock.state) {
      case 'locked':
        return compliant(lock.why);
      case 'unknown':
        return unknown(lock.why);
      default:
        return nonCompliant(lock.why);
    }
  },
};
