import { LoggingBucketAnalytics } from '../../../../policies/rules/gcp/LoggingBucketAnalytics';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const project = (extra: Record<string, any>) =>
  tf({ google_logging_project_bucket_config: { b: { project: 'p', location: 'global', bucket_id: 'forensic', ...extra } } });
const B = 'google_logging_project_bucket_config.b';

describe('GCP.Logging.BucketAnalytics', () => {
  it('passes enable_analytics true', () => {
    expect(judge(LoggingBucketAnalytics, project({ enable_analytics: true }), B).verdict).toBe('COMPLIANT');
  });

  it('fails enable_analytics false', () => {
    expect(judge(LoggingBucketAnalytics, project({ enable_analytics: false }), B).verdict).toBe('NON_COMPLIANT');
  });

  it('fails enable_analytics absent', () => {
    expect(judge(LoggingBucketAnalytics, project({}), B).reason).toMatch(/enable_analytics is absent/);
  });

  it('does not judge bucket configs that have no enable_analytics argument', () => {
    expect(LoggingBucketAnalytics.appliesTo).toEqual(['google_logging_project_bucket_config']);
  });

  it('is UNKNOWN when enable_analytics is a variable', () => {
    expect(judge(LoggingBucketAnalytics, project({ enable_analytics: '${var.a}' }), B).verdict).toBe('UNKNOWN');
  });
});
