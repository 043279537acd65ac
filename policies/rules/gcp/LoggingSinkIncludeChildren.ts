import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, show } from '../../facts/gcp';

/** A folder or organization sink without include_children routes only the parent's own logs. */
export const LoggingSinkIncludeChildren: Rule = {
  id: 'GCP.Logging.SinkIncludeChildren',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_logging_folder_sink', 'google_logging_organization_sink'],
  description: 'A folder or organization log sink does not include the logs of child folders and projects.',
  rationale:
    'The workloads, buckets and endpoints of an incident live in projects; a parent-level sink without ' +
    'include_children misses all of their audit logs, and only project-level sinks that a project owner can ' +
    'delete would be left.',
  fix: "Use the kit's LogSink at folder or organization scope (includeChildren defaults to true), or set include_children = true.",
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1078.004'],
  atlas: [],
  check: (sink, { model }) => {
    const value = asBool(model.get(sink, 'include_children'));
    if (isUnresolved(value)) return unknown('include_children is a value known only at deploy');
    if (value !== true) return nonCompliant(`include_children is ${show(value)} (provider default false): child projects are not exported`);
    return compliant('include_children is true');
  },
};
