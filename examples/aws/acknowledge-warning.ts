/**
 * Acknowledging a kit warning: a trial account keeps its evidence in the reversible SOAK mode
 * (S3 Object Lock GOVERNANCE) and says why once, on the stack, instead of a warning on every synth.
 * The acknowledgement waives the synth warning only: AWS.S3.ObjectLockGovernance still judges the
 * bucket and reports GOVERNANCE, as a warning, at synth and in every report.
 *
 * Run it in this repository: `npx tsx --tsconfig examples/tsconfig.json examples/aws/acknowledge-warning.ts`
 * (synthesizes into a temporary cdk.out folder, as an app run outside the CDK CLI does).
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AuditTrail, EvidenceBucket } from 'forensic-readiness-kit/aws';
import { acknowledgeKitWarning, Immutability, WARNINGS } from 'forensic-readiness-kit/core';
import { ForensicReadinessChecks } from 'forensic-readiness-kit/policies/aws';

/** A trail into an evidence bucket in SOAK mode: the bucket warns forensic-readiness:soak-immutability at synth. */
function addTrialEvidence(stack: Stack): void {
  const evidence = new EvidenceBucket(stack, 'Evidence', { immutability: Immutability.SOAK });
  new AuditTrail(stack, 'Trail', { destination: evidence });
}

/** The trial stack without the acknowledgement: synth passes, with the soak warning. */
export function buildUnacknowledged(app: App): Stack {
  Validations.of(app).addPlugins(new ForensicReadinessChecks(app));
  const stack = new Stack(app, 'Trial');
  addTrialEvidence(stack);
  return stack;
}

/** The same stack, the soak warning acknowledged on the stack and everything below it. */
export function build(app: App): Stack {
  Validations.of(app).addPlugins(new ForensicReadinessChecks(app));
  const stack = new Stack(app, 'Trial');
  // Before the constructs: they look for the acknowledgement in their constructors.
  acknowledgeKitWarning(stack, WARNINGS.SOAK_MODE, 'Trial account: evidence here is disposable until go-live.');
  addTrialEvidence(stack);
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
