import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** The S3 actions that would weaken an evidence store's lock, retention or lifecycle. */
export const LOCK_CHANGE_ACTIONS = [
  's3:PutBucketObjectLockConfiguration',
  's3:PutObjectRetention',
  's3:BypassGovernanceRetention',
  's3:PutLifecycleConfiguration',
] as const;

/**
 * A Deny for everyone but the break-glass role on the given actions. Without a break-glass role the
 * Deny has no exception: the change then fails for every principal, including the role that
 * CloudFormation deploys with, until the statement is removed.
 */
export function lockChangeDenyStatement(bucket: s3.IBucket, breakGlassRole: iam.IRole | undefined, actions: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyEvidenceProtectionChanges',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: [...actions],
    resources: [bucket.bucketArn, bucket.arnForObjects('*')],
    conditions: breakGlassRole ? { ArnNotEquals: { 'aws:PrincipalArn': breakGlassRole.roleArn } } : undefined,
  });
}

const logsAllowed = new WeakSet<kms.IKey>();

/** Lets CloudWatch Logs of this account and region encrypt log groups with the key. Once per key. */
export function allowCloudWatchLogsToUseKey(key: kms.IKey): void {
  if (logsAllowed.has(key)) return;
  logsAllowed.add(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsToEncrypt',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` } },
    }),
  );
}
