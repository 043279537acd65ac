/**
 * AWS quick start: an evidence bucket, a CloudTrail trail that records the object-level reads and
 * writes of a training-data bucket, and the kit's checks on every `cdk synth`.
 *
 * Run it in this repository: `npx tsx --tsconfig examples/tsconfig.json examples/aws/quick-start.ts`
 * (synthesizes into a temporary cdk.out folder, as an app run outside the CDK CLI does).
 */
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditTrail, EvidenceBucket } from 'forensic-readiness-kit/aws';
import { ForensicReadinessChecks } from 'forensic-readiness-kit/policies/aws';

export function build(app: App): Stack {
  // cdk synth fails on an error finding, naming the construct, the rule and the fix.
  Validations.of(app).addPlugins(new ForensicReadinessChecks(app));

  const stack = new Stack(app, 'QuickStart');
  const trainingData = new s3.Bucket(stack, 'TrainingData', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  // Object Lock COMPLIANCE for 365 days, SSE-KMS, TLS only, access logs, retained.
  const evidence = new EvidenceBucket(stack, 'Evidence');
  new AuditTrail(stack, 'Trail', {
    destination: evidence,
    // SageMaker endpoint data events are on by default; add the buckets whose objects matter.
    dataEvents: { s3Buckets: [trainingData] },
  });
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
