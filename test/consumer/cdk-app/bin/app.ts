// A user's own CDK app: the kit's constructs from the installed package, the kit's checks as a
// CDK validation plugin, no feature flags in cdk.json. `-c weaken=true` switches the trail's log
// file validation off through an escape hatch, as a careless change would; synth must then fail.
// `-c stage=true` puts the stack inside a Stage, as CDK Pipelines does (a plain `cdk synth` selects
// no stack there); `-c warn=true` sets the evidence bucket's lock to GOVERNANCE, a warning finding
// that must be printed once. `-c checks=off` leaves the plugin out, only to measure what it costs.
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AuditTrail, EvidenceBucket } from 'forensic-readiness-kit/aws';
import { ForensicReadinessChecks } from 'forensic-readiness-kit/policies/aws';

const app = new App();
if (app.node.tryGetContext('checks') !== 'off') Validations.of(app).addPlugins(new ForensicReadinessChecks(app));

const stack = new Stack(app.node.tryGetContext('stage') === 'true' ? new Stage(app, 'Prod') : app, 'ConsumerEvidence');
const trainingData = new Bucket(stack, 'TrainingData', { versioned: true, enforceSSL: true });
const evidence = new EvidenceBucket(stack, 'Evidence');
const trail = new AuditTrail(stack, 'Trail', { destination: evidence, dataEvents: { s3Buckets: [trainingData] } });

if (app.node.tryGetContext('weaken') === 'true') {
  (trail.trail.node.defaultChild as CfnTrail).enableLogFileValidation = false;
}
if (app.node.tryGetContext('warn') === 'true') {
  (evidence.bucket.node.defaultChild as CfnBucket).addPropertyOverride('ObjectLockConfiguration.Rule.DefaultRetention.Mode', 'GOVERNANCE');
}
