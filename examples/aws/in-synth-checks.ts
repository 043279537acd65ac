/**
 * The kit's checks in a CDK app: a validation plugin that judges the templates `cdk synth` writes,
 * and the same rules on one stack rendered from its construct tree, without synthesizing (for a
 * unit test).
 *
 * Run it in this repository: `npx tsx --tsconfig examples/tsconfig.json examples/aws/in-synth-checks.ts`
 * (synthesizes into a temporary cdk.out folder, as an app run outside the CDK CLI does).
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AuditTrail, EvidenceBucket } from 'forensic-readiness-kit/aws';
import { ForensicReadinessChecks } from 'forensic-readiness-kit/policies/aws';

export function build(app: App): Stack {
  // cdk synth fails on an error finding; with failOn: 'warning', on a warning (UNKNOWN values included) too.
  Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { failOn: 'warning' }));

  const stack = new Stack(app, 'InSynthChecks');
  new AuditTrail(stack, 'Trail', { destination: new EvidenceBucket(stack, 'Evidence') });
  return stack;
}

/** In a unit test: the findings of one stack as `<rule id> <construct path>`, judged without synthesizing the app. */
export function findingsOf(stack: Stack): string[] {
  const report = new ForensicReadinessChecks().validateScope(stack);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
