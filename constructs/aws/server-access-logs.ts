import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** The service that delivers S3 server access logs. */
export const S3_LOGGING_SERVICE = 'logging.s3.amazonaws.com';

/**
 * Turns on S3 server access logs of `source` into `target` under `prefix`, with the permission
 * granted through the target's bucket policy (AWS's recommended way; S3 then never needs the
 * `LogDeliveryWrite` ACL, so the target keeps `BucketOwnerEnforced`).
 *
 * This is what `s3.Bucket`'s `serverAccessLogsBucket` does under the feature flag
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy`, written out so the template is the same in
 * an app without that flag: without it, aws-cdk-lib switches the target to the log-delivery ACL,
 * which fails on a `BucketOwnerEnforced` target ("objectOwnership must be set to ObjectWriter").
 *
 * Not exported from the package: an implementation detail of EvidenceBucket.
 */
export function enableServerAccessLogs(source: s3.Bucket, target: s3.IBucket, prefix: string): void {
  const principal = new iam.ServicePrincipal(S3_LOGGING_SERVICE);
  // As aws-cdk-lib does: a KMS-encrypted target lets the logging service use its key.
  target.encryptionKey?.grantEncryptDecrypt(principal);
  const cfn = source.node.defaultChild as s3.CfnBucket;
  cfn.loggingConfiguration = {
    destinationBucketName: target.bucketName,
    logFilePrefix: prefix,
    targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: s3.PartitionDateSource.EVENT_TIME } },
  };
  // In one stack, only this source bucket of this account may write (AWS: bucket-policy-based
  // log delivery). Across stacks, naming the source's ARN in the target's policy would make the two
  // stacks reference each other (the source already references the target's name); S3 requires
  // the target in the source's account, so the target's own account is the condition then.
  const sameStack = Stack.of(source) === Stack.of(target);
  const conditions = sameStack
    ? { ArnLike: { 'aws:SourceArn': source.bucketArn }, StringEquals: { 'aws:SourceAccount': source.env.account } }
    : { StringEquals: { 'aws:SourceAccount': Stack.of(target).account } };
  const added = target.addToResourcePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.ALLOW,
      principals: [principal],
      actions: ['s3:PutObject'],
      resources: [target.arnForObjects(`${prefix}*`)],
      conditions,
    }),
  );
  if (!added.statementAdded) {
    Annotations.of(source).addWarningV2(
      '@aws-cdk/aws-s3:accessLogsPolicyNotAdded',
      `Unable to add necessary logging permissions to imported target bucket: ${target}. Its bucket policy must allow ${S3_LOGGING_SERVICE} to s3:PutObject under ${prefix}.`,
    );
  }
}
