// A user's own CDK app: the kit's constructs from the installed package, the kit's checks as a
// CDK validation plugin, no feature flags in cdk.json. `-c weaken=true` switches the trail's log
// file validation off through an escape hatch, as a careless change would; synth must then fail.
// `-c checks=off` leaves the plugin out, only to measure what it costs.
import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AuditTrail, EvidenceBucket } from 'forensic-readiness-kit/aws';
import { ForensicReadinessChecks } from 'forensic-readiness-kit/policies/aws';

const app = new App();
if (app.node.tryGetContext('checks') !== 'off') Validations.of(app).addPlugins(new ForensicReadinessChecks(app));

const stack = new Stack(app, 'ConsumerEvidence');
const trainingData = new Bucket(stack, 'TrainingData', { versioned: true, enforceSSL: true });
const evidence = new EvidenceBucket(stack, 'Evidence');
const trail = new AuditTrail(stack, 'Trail', { destination: evidence, dataEvents: { s3Buckets: [trainingData] } });

if (app.node.tryGetContext('weaken') === 'true') {
  (trail.trail.node.defaultChild as CfnTrail).enableLogFileValidation = false;
}
