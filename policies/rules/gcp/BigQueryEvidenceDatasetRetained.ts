import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, asNumber, evidenceDatasetReason, preventDestroy, SECONDS_PER_DAY, show } from '../../facts/gcp';

const MS_PER_DAY = SECONDS_PER_DAY * 1000;

/**
 * BigQuery cannot lock a dataset the way GCS and Cloud Logging lock buckets, so the most a template
 * can do is keep Terraform and table expiry from deleting the logs. Applies to datasets that a
 * Vertex endpoint writes request-response logs into, that a sink routes logs into, or that are
 * labelled forensic-evidence-store=true.
 */
export const BigQueryEvidenceDatasetRetained: Rule = {
  id: 'GCP.BigQuery.EvidenceDatasetRetained',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_bigquery_dataset'],
  description: 'A BigQuery dataset holding request-response or routed logs can be deleted by Terraform, expires tables before the floor, or keeps less than the 7 days of time travel that undo a change or deletion.',
  rationale:
    'Request-response logs are the only record of what a caller sent to a model and got back; a destroy run, ' +
    'delete_contents_on_destroy or a short table expiration erases them before an investigation starts.',
  fix:
    "Use the kit's VertexAiAudit (its request-log dataset is kept), or set lifecycle { prevent_destroy = true }, leave" +
    ' delete_contents_on_destroy false, and leave' +
    ' default_table_expiration_ms / default_partition_expiration_ms unset or at least the floor in milliseconds, and' +
    ' max_time_travel_hours unset or 168.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1485', 'T1562.008', 'T1685.002'],
  atlas: ['AML.T0024'],
  thresholds: ['retentionFloorDays'],
  isApplicable: (dataset, { model }) => evidenceDatasetReason(model, dataset) !== undefined,
  check: (dataset, { model, config }) => {
    const contents = asBool(model.get(dataset, 'delete_contents_on_destroy'));
    if (isUnresolved(contents)) return unknown('delete_contents_on_destroy is a value known only at deploy');
    if (contents === true) return nonCompliant('delete_contents_on_destroy is true: a destroy deletes every table');
    const floorMs = config.retentionFloorDays * MS_PER_DAY;
    for (const prop of ['default_table_expiration_ms', 'default_partition_expiration_ms']) {
      const raw = model.get(dataset, prop);
      const ms = asNumber(raw);
      if (isUnresolved(ms)) return unknown(`${prop} is a value known only at deploy`);
      if (ms !== undefined && ms < floorMs) {
        return nonCompliant(`${prop} is ${show(raw)}, below the floor of ${config.retentionFloorDays} days (${floorMs} ms)`);
      }
    }
    // Time travel (48 to 168 hours, 168 by default) is BigQuery's only undo of a changed or deleted table.
    const travelRaw = model.get(dataset, 'max_time_travel_hours');
    const travel = asNumber(travelRaw);
    if (isUnresolved(travel)) return unknown('max_time_travel_hours is a value known only at deploy');
    if (travel !== undefined && travel < 168) return nonCompliant(`max_time_travel_hours is ${show(travelRaw)}: a changed or deleted table can be recovered for less than the 7 days (168 hours) BigQuery can keep`);
    const guard = preventDestroy(model, dataset);
    if (guard === 'unrecorded') return unknown('lifecycle.prevent_destroy is not recorded in terraform show -json plans; judge the configuration');
    if (isUnresolved(guard)) return unknown('lifecycle.prevent_destroy is a value known only at deploy');
    if (guard !== true) return nonCompliant('lifecycle.prevent_destroy is not true: Terraform may destroy the dataset');
    return compliant(`dataset is kept: prevent_destroy true, delete_contents_on_destroy ${show(contents)}, no expiration below the floor, time travel ${travel === undefined ? '168 hours (the default)' : `${travel} hours`}`);
  },
};
