/**
 * Acknowledging a finding: one rule, on one resource, with a reason an auditor can read. The
 * acknowledgement is written into the template (the resource's Metadata), so `cdk synth`,
 * `forensic-readiness check cdk.out` and every report agree, and every report lists it.
 *
 * Run it in this repository: `npx tsx --tsconfig examples/tsconfig.json examples/aws/acknowledge.ts`
 * (synthesizes into a temporary cdk.out folder, as an app run outside the CDK CLI does).
 */
import { App, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditTrail, EvidenceBucket } from 'forensic-readiness-kit/aws';
import { acknowledgeRule, ForensicReadinessChecks } from 'forensic-readiness-kit/policies/aws';

/**
 * A stack with a trail that records the data events of the training data, and a build cache it
 * leaves out. Without an acknowledgement `cdk synth` fails: AWS.CloudTrail.S3DataEvents on BuildCache.
 */
export function buildUnacknowledged(app: App): { stack: Stack; buildCache: s3.Bucket } {
  Validations.of(app).addPlugins(new ForensicReadinessChecks(app));
  const stack = new Stack(app, 'Acknowledge');
  const bucket = (id: string, props: s3.BucketProps = {}): s3.Bucket =>
    new s3.Bucket(stack, id, {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      ...props,
    });
  const trainingData = bucket('TrainingData', { versioned: true, removalPolicy: RemovalPolicy.RETAIN });
  const buildCache = bucket('BuildCache', { lifecycleRules: [{ expiration: Duration.days(7) }] });

  new AuditTrail(stack, 'Trail', { destination: new EvidenceBucket(stack, 'Evidence'), dataEvents: { s3Buckets: [trainingData] } });
  return { stack, buildCache };
}

/** The same stack, the build cache's finding acknowledged: synth passes and reports say why. */
export function build(app: App): Stack {
  const { stack, buildCache } = buildUnacknowledged(app);
  acknowledgeRule(
    buildCache,
    'AWS.CloudTrail.S3DataEvents',
    'CI build cache: rebuilt from source on every run and expired after 7 days; it never holds training data or models.',
  );
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
