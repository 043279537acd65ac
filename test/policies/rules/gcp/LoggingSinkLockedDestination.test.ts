import { LoggingSinkLockedDestination } from '../../../../policies/rules/gcp/LoggingSinkLockedDestination';
import { judge } from '../../helpers';
import { PLAN_REFERENCES_ATTRIBUTE, ResourceModel, UNRESOLVED } from '../../../../policies/engine/model';
import { goodBucket, plan, tf, YEAR_SECONDS } from './_gcp';

const SINK = 'google_logging_project_sink.s';
const lockedLogBucket = { project: 'ml-prod', location: 'global', bucket_id: 'forensic', retention_days: 365, locked: true };

describe('GCP.Logging.SinkLockedDestination', () => {
  it('passes a sink into a bucket with a locked retention policy (reference)', () => {
    const m = tf({
      google_storage_bucket: { ev: goodBucket() },
      google_logging_project_sink: { s: { name: 's', destination: 'storage.googleapis.com/${google_storage_bucket.ev.name}' } },
    });
    const j = judge(LoggingSinkLockedDestination, m, SINK);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/is_locked is true/);
  });

  it('passes a sink into a locked bucket named literally', () => {
    const m = tf({
      google_storage_bucket: { ev: goodBucket({ retention_policy: [{ is_locked: true, retention_period: YEAR_SECONDS }] }) },
      google_logging_project_sink: { s: { name: 's', destination: 'storage.googleapis.com/evidence-logs' } },
    });
    expect(judge(LoggingSinkLockedDestination, m, SINK).verdict).toBe('COMPLIANT');
  });

  it('passes a sink into a locked project logging bucket (reference to its id)', () => {
    const m = tf({
      google_logging_project_bucket_config: { b: lockedLogBucket },
      google_logging_organization_sink: { s: { name: 's', org_id: '1', destination: 'logging.googleapis.com/${google_logging_project_bucket_config.b.id}' } },
    });
    expect(judge(LoggingSinkLockedDestination, m, 'google_logging_organization_sink.s').verdict).toBe('COMPLIANT');
  });

  it('passes a sink into a locked logging bucket named by a literal path', () => {
    const m = tf({
      google_logging_project_bucket_config: { b: lockedLogBucket },
      google_logging_project_sink: { s: { name: 's', destination: 'logging.googleapis.com/projects/ml-prod/locations/global/buckets/forensic' } },
    });
    expect(judge(LoggingSinkLockedDestination, m, SINK).verdict).toBe('COMPLIANT');
  });

  it('fails a sink into a bucket whose retention policy is not locked', () => {
    const m = tf({
      google_storage_bucket: { ev: goodBucket({ retention_policy: { is_locked: false, retention_period: YEAR_SECONDS } }) },
      google_logging_project_sink: { s: { name: 's', destination: 'storage.googleapis.com/${google_storage_bucket.ev.name}' } },
    });
    const j = judge(LoggingSinkLockedDestination, m, SINK);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/is_locked is false/);
  });

  it('fails a sink into a bucket without retention policy', () => {
    const m = tf({
      google_storage_bucket: { ev: { name: 'plain' } },
      google_logging_project_sink: { s: { name: 's', destination: 'storage.googleapis.com/${google_storage_bucket.ev.name}' } },
    });
    expect(judge(LoggingSinkLockedDestination, m, SINK).reason).toMatch(/has no retention_policy/);
  });

  it('fails a sink into an unlocked logging bucket', () => {
    const m = tf({
      google_logging_project_bucket_config: { b: { ...lockedLogBucket, locked: false } },
      google_logging_project_sink: { s: { name: 's', destination: 'logging.googleapis.com/${google_logging_project_bucket_config.b.id}' } },
    });
    expect(judge(LoggingSinkLockedDestination, m, SINK).reason).toMatch(/locked is false/);
  });

  it('fails a sink into a folder logging bucket, which Terraform cannot lock', () => {
    const m = tf({
      google_logging_folder_bucket_config: { b: { folder: 'folders/1', location: 'global', bucket_id: 'forensic', retention_days: 365 } },
      google_logging_folder_sink: { s: { name: 's', folder: 'folders/1', destination: 'logging.googleapis.com/folders/1/locations/global/buckets/forensic' } },
    });
    const j = judge(LoggingSinkLockedDestination, m, 'google_logging_folder_sink.s');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/cannot be locked through Terraform/);
  });

  it('fails a BigQuery destination', () => {
    const m = tf({ google_logging_project_sink: { s: { name: 's', destination: 'bigquery.googleapis.com/projects/p/datasets/logs' } } });
    const j = judge(LoggingSinkLockedDestination, m, SINK);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/BigQuery dataset/);
  });

  it('fails a Pub/Sub destination', () => {
    const m = tf({ google_logging_billing_account_sink: { s: { name: 's', billing_account: 'A', destination: 'pubsub.googleapis.com/projects/p/topics/t' } } });
    expect(judge(LoggingSinkLockedDestination, m, 'google_logging_billing_account_sink.s').reason).toMatch(/Pub\/Sub topic/);
  });

  it('fails a disabled sink even into a locked bucket', () => {
    const m = tf({
      google_storage_bucket: { ev: goodBucket() },
      google_logging_project_sink: { s: { name: 's', disabled: true, destination: 'storage.googleapis.com/${google_storage_bucket.ev.name}' } },
    });
    expect(judge(LoggingSinkLockedDestination, m, SINK).reason).toMatch(/disabled is true/);
  });

  it('is UNKNOWN for a literal bucket that is not in the input', () => {
    const m = tf({ google_logging_project_sink: { s: { name: 's', destination: 'storage.googleapis.com/elsewhere' } } });
    const j = judge(LoggingSinkLockedDestination, m, SINK);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/"elsewhere", which is not in the input/);
  });

  it('is UNKNOWN for a route to another project', () => {
    const m = tf({ google_logging_project_sink: { s: { name: 's', destination: 'logging.googleapis.com/projects/central' } } });
    expect(judge(LoggingSinkLockedDestination, m, SINK).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN for a destination held in a variable', () => {
    const m = tf({ google_logging_project_sink: { s: { name: 's', destination: '${var.destination}' } } });
    expect(judge(LoggingSinkLockedDestination, m, SINK).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when the target bucket lock is a variable', () => {
    const m = tf({
      google_storage_bucket: { ev: goodBucket({ retention_policy: { is_locked: '${var.lock}', retention_period: YEAR_SECONDS } }) },
      google_logging_project_sink: { s: { name: 's', destination: 'storage.googleapis.com/${google_storage_bucket.ev.name}' } },
    });
    expect(judge(LoggingSinkLockedDestination, m, SINK).verdict).toBe('UNKNOWN');
  });
});

describe('GCP.Logging.SinkLockedDestination in a terraform show -json plan', () => {
  it('follows a destination known only after apply through the plan references', () => {
    const m = plan({
      google_storage_bucket: { ev: goodBucket() },
      google_logging_project_sink: { s: { name: 's', destination: '${google_storage_bucket.ev.id}' } },
    });
    const j = judge(LoggingSinkLockedDestination, m, SINK);
    expect(j.verdict).toBe('COMPLIANT');
  });

  it('uses the configuration references when the destination is UNRESOLVED', () => {
    const base = plan({
      google_storage_bucket: { ev: goodBucket({ retention_policy: [{ is_locked: false, retention_period: YEAR_SECONDS }] }) },
      google_logging_project_sink: { s: { name: 's', destination: 'x' } },
    });
    const resources = base.resources.map((r) =>
      r.type === 'google_logging_project_sink'
        ? { ...r, properties: { ...r.properties, destination: UNRESOLVED }, attributes: { ...r.attributes, [PLAN_REFERENCES_ATTRIBUTE]: ['google_storage_bucket.ev'] } }
        : r,
    );
    const j = judge(LoggingSinkLockedDestination, new ResourceModel(resources), SINK);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/is_locked is false/);
  });
});
