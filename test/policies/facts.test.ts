/**
 * The store facts of the coverage matrix and the scenarios come from the per-cloud facts modules
 * (policies/facts), with the reading the rules have: a bucket without Object Lock is not locked
 * whatever its configuration says, an unresolvable setting is unknown, never a guess.
 */
import { STORE_TYPES, storeFacts } from '../../policies/facts';
import { storesWrittenBy } from '../../policies/facts/aws/evidence';
import { cfnModel, tfModel } from './helpers';

const retention = (mode: string, days: number) => ({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: mode, Days: days } } });

describe('store facts', () => {
  it('reads an S3 bucket as the lock rules do', () => {
    const m = cfnModel({
      Parameters: { Mode: { Type: 'String' } },
      Resources: {
        Locked: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, ObjectLockConfiguration: retention('COMPLIANCE', 400) } },
        Governance: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Years: 2 } } } } },
        NotEnabled: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockConfiguration: retention('COMPLIANCE', 400) } },
        FromParameter: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: { Ref: 'Mode' }, Days: 400 } } } } },
        Malformed: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: 'maybe', ObjectLockConfiguration: retention('COMPLIANCE', 400) } },
        Group: { Type: 'AWS::Logs::LogGroup', Properties: {} },
        Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
      },
    });
    const facts = (a: string) => {
      const { retentionDays, immutability } = storeFacts(m, m.byAddress(a)!);
      return { retentionDays, immutability };
    };
    expect(facts('Locked')).toEqual({ retentionDays: 400, immutability: 'locked' });
    expect(facts('Governance')).toEqual({ retentionDays: 730, immutability: 'reversible' });
    expect(facts('NotEnabled')).toEqual({ retentionDays: null, immutability: 'no' });
    expect(facts('FromParameter')).toEqual({ retentionDays: null, immutability: 'unknown' });
    expect(facts('Malformed')).toEqual({ retentionDays: null, immutability: 'unknown' });
    expect(facts('Group')).toEqual({ retentionDays: Infinity, immutability: 'no' });
    expect(facts('Queue')).toEqual({ retentionDays: null, immutability: 'unknown' });
    expect(STORE_TYPES.has('AWS::SQS::Queue')).toBe(false);
  });

  it('reads a hashicorp/aws bucket through its translation and names the type the input wrote', () => {
    const m = tfModel({
      resource: {
        aws_s3_bucket: { b: { bucket: 'evidence', object_lock_enabled: true } },
        aws_s3_bucket_object_lock_configuration: { b: { bucket: '${aws_s3_bucket.b.id}', rule: { default_retention: { mode: 'COMPLIANCE', days: 500 } } } },
      },
    });
    expect(storeFacts(m, m.byAddress('aws_s3_bucket.b')!)).toMatchObject({ type: 'aws_s3_bucket', retentionDays: 500, immutability: 'locked' });
  });

  it('links a producer to the stores it writes into as the rules do: by reference or by literal name, Terraform alike', () => {
    const m = tfModel({
      resource: {
        aws_s3_bucket: { audit: { bucket: 'org-audit' }, other: { bucket: 'org-other' } },
        aws_cloudtrail: { byName: { name: 'a', s3_bucket_name: 'org-audit' }, byRef: { name: 'b', s3_bucket_name: '${aws_s3_bucket.other.id}' } },
      },
    });
    expect(storesWrittenBy(m, m.byAddress('aws_cloudtrail.byName')!).map((r) => r.address)).toEqual(['aws_s3_bucket.audit']);
    expect(storesWrittenBy(m, m.byAddress('aws_cloudtrail.byRef')!).map((r) => r.address)).toEqual(['aws_s3_bucket.other']);
  });

  it('reads GCP and Azure stores', () => {
    const m = tfModel({
      resource: {
        google_storage_bucket: { locked: { name: 'a', location: 'EU', retention_policy: { is_locked: true, retention_period: 31536000 } }, open: { name: 'b', location: 'EU', retention_policy: { is_locked: false, retention_period: 86400 } }, none: { name: 'c', location: 'EU' }, unknown: { name: 'd', location: 'EU', retention_policy: { is_locked: '${var.x}', retention_period: 86400 } } },
        google_logging_project_bucket_config: { logs: { project: 'p', location: 'global', bucket_id: 'x', locked: true }, zero: { project: 'p', location: 'global', bucket_id: 'z', retention_days: 0 }, long: { project: 'p', location: 'global', bucket_id: 'l', retention_days: 3653 } },
        azurerm_log_analytics_workspace: { law: { name: 'w', location: 'x', resource_group_name: 'rg' } },
        azurerm_storage_account: { sa: { name: 's', immutability_policy: { state: 'Locked', period_since_creation_in_days: 400, allow_protected_append_writes: false } } },
      },
    });
    const f = (a: string) => storeFacts(m, m.byAddress(a)!);
    expect(f('google_storage_bucket.locked')).toMatchObject({ retentionDays: 365, immutability: 'locked' });
    expect(f('google_storage_bucket.open')).toMatchObject({ retentionDays: 1, immutability: 'reversible' });
    expect(f('google_storage_bucket.none')).toMatchObject({ retentionDays: null, immutability: 'no' });
    expect(f('google_storage_bucket.unknown')).toMatchObject({ immutability: 'unknown' });
    expect(f('google_logging_project_bucket_config.logs')).toMatchObject({ retentionDays: 30, immutability: 'locked' });
    // 0 at creation is the service default of 30 days, as GCP.Logging.BucketLocked reads it.
    expect(f('google_logging_project_bucket_config.zero')).toMatchObject({ retentionDays: 30, immutability: 'reversible' });
    expect(f('google_logging_project_bucket_config.long')).toMatchObject({ retentionDays: 3653 });
    expect(f('azurerm_log_analytics_workspace.law')).toMatchObject({ retentionDays: 30, immutability: 'no' });
    expect(f('azurerm_storage_account.sa')).toMatchObject({ retentionDays: 400, immutability: 'locked' });
  });

  it('says a workspace keeps data no longer than its shortest declared table (azurerm_log_analytics_workspace_table retention_in_days)', () => {
    const table = (body: Record<string, unknown>) => ({ name: 'AzureActivity', workspace_id: '${azurerm_log_analytics_workspace.law.id}', total_retention_in_days: 365, ...body });
    const of = (tables: Record<string, unknown>) => {
      const m = tfModel({ resource: { azurerm_log_analytics_workspace: { law: { name: 'w', location: 'x', resource_group_name: 'rg', retention_in_days: 90 } }, azurerm_log_analytics_workspace_table: tables } });
      return storeFacts(m, m.byAddress('azurerm_log_analytics_workspace.law')!).retentionDays;
    };
    expect(of({ a: table({ retention_in_days: 4 }), b: table({ name: 'SigninLogs', retention_in_days: 120 }) })).toBe(4);
    expect(of({ a: table({}) })).toBe(90);
    expect(of({ a: table({ retention_in_days: '${var.days}' }) })).toBeNull();
  });
});

