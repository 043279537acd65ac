import { LoggingBucketNotDestroyable } from '../../../../policies/rules/gcp/LoggingBucketNotDestroyable';
import { judge } from '../../helpers';
import { plan, tf } from './_gcp';

const B = 'google_logging_project_bucket_config.b';
const bucket = (extra: Record<string, any>) => ({ google_logging_project_bucket_config: { b: { project: 'p', location: 'eu', bucket_id: 'forensic', ...extra } } });

describe('GCP.Logging.BucketNotDestroyable', () => {
  it('passes lifecycle prevent_destroy true', () => {
    expect(judge(LoggingBucketNotDestroyable, tf(bucket({ lifecycle: { prevent_destroy: true } })), B).verdict).toBe('COMPLIANT');
  });

  it('warns without lifecycle', () => {
    const j = judge(LoggingBucketNotDestroyable, tf(bucket({})), B);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/prevent_destroy is not true/);
  });

  it('warns on prevent_destroy false on an organization bucket (lifecycle as a block list)', () => {
    const m = tf({ google_logging_organization_bucket_config: { b: { organization: '1', location: 'eu', bucket_id: 'o', lifecycle: [{ prevent_destroy: false }] } } });
    expect(judge(LoggingBucketNotDestroyable, m, 'google_logging_organization_bucket_config.b').verdict).toBe('NON_COMPLIANT');
  });

  it('is UNKNOWN when prevent_destroy is an interpolation', () => {
    expect(judge(LoggingBucketNotDestroyable, tf(bucket({ lifecycle: { prevent_destroy: '${var.keep}' } })), B).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN in a plan, which does not record lifecycle', () => {
    expect(judge(LoggingBucketNotDestroyable, plan(bucket({ lifecycle: { prevent_destroy: true } })), B).verdict).toBe('UNKNOWN');
  });
});
