import { LogsEvidenceRetain } from '../../../../policies/rules/aws/LogsEvidenceRetain';
import { cfnModel, judge, tfModel } from '../../helpers';
import { key, lockedBucket, logGroup, trail } from './_fixtures';

const RETAIN = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };
const withTrail = (attributes: Record<string, unknown>) => cfnModel({ Resources: { Key: key(), TrailBucket: lockedBucket(), TrailLogs: { ...logGroup(), ...attributes }, Trail: trail() } });
const verdict = (attributes: Record<string, unknown>) => judge(LogsEvidenceRetain, withTrail(attributes), 'TrailLogs');
/** hashicorp/aws: a trail delivering into a log group with the given attributes. */
const tf = (group: Record<string, unknown>) =>
  tfModel({
    variable: { x: {} },
    resource: {
      aws_cloudwatch_log_group: { trail: { name: 'trail-logs', retention_in_days: 400, ...group } },
      aws_cloudtrail: { org: { name: 'org', s3_bucket_name: 'org-evidence', cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.trail.arn}:*', cloud_watch_logs_role_arn: 'arn:aws:iam::111122223333:role/trail' } },
    },
  });

describe('AWS.Logs.EvidenceRetain', () => {
  it('passes a trail log group with DeletionPolicy and UpdateReplacePolicy Retain', () => {
    expect(verdict(RETAIN)).toEqual({ verdict: 'COMPLIANT', reason: 'TrailLogs: DeletionPolicy and UpdateReplacePolicy are "Retain" (written by CloudTrail trail Trail)' });
  });

  it('fails a trail log group made deletable (applyRemovalPolicy(DESTROY) writes Delete)', () => {
    expect(verdict({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' })).toEqual({
      verdict: 'NON_COMPLIANT',
      reason: 'TrailLogs: DeletionPolicy is "Delete", UpdateReplacePolicy is "Delete", so its records are deleted with the stack or on replacement (written by CloudTrail trail Trail)',
    });
  });

  it('fails a log group with neither attribute, and one without UpdateReplacePolicy', () => {
    expect(verdict({}).reason).toMatch(/^TrailLogs: DeletionPolicy is absent, UpdateReplacePolicy is absent/);
    expect(verdict({ DeletionPolicy: 'Retain' }).reason).toMatch(/^TrailLogs: UpdateReplacePolicy is absent/);
  });

  it('is not applicable to a log group no producer writes into', () => {
    expect(judge(LogsEvidenceRetain, cfnModel({ Resources: { App: logGroup({ LogGroupName: 'app' }) } }), 'App').verdict).toBe('NOT_APPLICABLE');
  });

  it('judges hashicorp/aws: skip_destroy or prevent_destroy keep the group, neither fails, a variable is unknown', () => {
    expect(judge(LogsEvidenceRetain, tf({ skip_destroy: true }), 'aws_cloudwatch_log_group.trail').verdict).toBe('COMPLIANT');
    expect(judge(LogsEvidenceRetain, tf({ lifecycle: { prevent_destroy: true } }), 'aws_cloudwatch_log_group.trail').verdict).toBe('COMPLIANT');
    expect(judge(LogsEvidenceRetain, tf({}), 'aws_cloudwatch_log_group.trail').reason).toMatch(/DeletionPolicy is "Delete"/);
    expect(judge(LogsEvidenceRetain, tf({ skip_destroy: '${var.x}' }), 'aws_cloudwatch_log_group.trail').verdict).toBe('UNKNOWN');
  });
});
