/** Setting up S3 evidence in a moto_server for the custody tests, with the real SDK. */
import * as S3 from '@aws-sdk/client-s3';

export function testS3(): S3.S3Client {
  return new S3.S3Client({ forcePathStyle: true });
}

/** A versioned bucket with Object Lock enabled (no default retention). */
export async function lockBucket(s3: S3.S3Client, bucket: string): Promise<void> {
  await s3.send(new S3.CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
}

export async function put(s3: S3.S3Client, bucket: string, key: string, body: string, metadata?: Record<string, string>): Promise<string> {
  const r = await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, Metadata: metadata, ChecksumAlgorithm: 'SHA256' }));
  return r.VersionId!;
}
