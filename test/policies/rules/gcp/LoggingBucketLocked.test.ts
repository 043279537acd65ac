import { LoggingBucketLocked } from '../../../../policies/rules/gcp/LoggingBucketLocked';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const project = (extra: Record<string, any>) =>
  tf({ google_logging_project_bucket_config: { b: { project: 'p', location: 'global', bucket_id: 'forensic', retention_days: 365, locked: true, ...extra } } });
const B = 'google_logging_project_bucket_config.b';

describe('GCP.Logging.BucketLocked', () => {
  it('passes locked true with retention_days at the floor', () => {
    expect(judge(LoggingBucketLocked, project({}), B).verdict).toBe('COMPLIANT');
  });

  it('fails locked false', () => {
    const j = judge(LoggingBucketLocked, project({ locked: false }), B);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/locked is false/);
  });

  it('fails locked absent', () => {
    expect(judge(LoggingBucketLocked, project({ locked: undefined }), B).reason).toMatch(/locked is absent/);
  });

  it('fails retention_days below the floor', () => {
    const j = judge(LoggingBucketLocked, project({ retention_days: 90 }), B);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/retention_days is 90, below the floor of 365 days/);
  });

  it('fails retention_days absent (service default 30)', () => {
    expect(judge(LoggingBucketLocked, project({ retention_days: undefined }), B).reason).toMatch(/service default 30/);
  });

  it('fails folder, organization and billing-account bucket configs, which cannot be locked through Terraform', () => {
    const m = tf({
      google_logging_folder_bucket_config: { f: { folder: 'folders/1', location: 'global', bucket_id: 'x', retention_days: 400 } },
      google_logging_organization_bucket_config: { o: { organization: '1', location: 'global', bucket_id: 'x', retention_days: 400 } },
      google_logging_billing_account_bucket_config: { a: { billing_account: 'A', location: 'global', bucket_id: 'x', retention_days: 400 } },
    });
    for (const address of ['google_logging_folder_bucket_config.f', 'google_logging_organization_bucket_config.o', 'google_logging_billing_account_bucket_config.a']) {
      const j = judge(LoggingBucketLocked, m, address);
      expect(j.verdict).toBe('NON_COMPLIANT');
      expect(j.reason).toMatch(/cannot be locked through Terraform/);
    }
  });

  it('is UNKNOWN when retention_days is a variable', () => {
    expect(judge(LoggingBucketLocked, project({ retention_days: '${var.days}' }), B).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when locked is a variable', () => {
    expect(judge(LoggingBucketLocked, project({ locked: '${var.lock}' }), B).verdict).toBe('UNKNOWN');
  });
});
