/**
 * Acknowledging a finding in a CDKTF app: one rule, on one resource, with a reason an auditor can
 * read. The acknowledgement is written into the resource's `//` comment in cdk.tf.json, so
 * `app.synth()`, `forensic-readiness check cdktf.out` and every report agree, and every report lists it.
 *
 * Run it in this repository: `npx tsx --tsconfig examples/tsconfig.json examples/gcp/acknowledge.ts` (writes cdktf.out/).
 */
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { acknowledgeRule, addForensicReadinessChecks } from 'forensic-readiness-kit/policies/cdktf';

/**
 * A stack with a firewall rule that admits Google's health-check probes and does not log them.
 * Without an acknowledgement `app.synth()` fails: GCP.Network.FirewallLogging on AllowHealthChecks.
 */
export function buildUnacknowledged(app: App): { stack: TerraformStack; healthChecks: ComputeFirewall } {
  const stack = new TerraformStack(app, 'gcp-acknowledge');
  new GoogleProvider(stack, 'google', { project: 'acme-ml-prod', region: 'us-central1' });
  addForensicReadinessChecks(stack);

  const healthChecks = new ComputeFirewall(stack, 'AllowHealthChecks', {
    name: 'allow-health-checks',
    network: 'ml-vpc',
    sourceRanges: ['35.191.0.0/16', '130.211.0.0/22'],
    allow: [{ protocol: 'tcp', ports: ['8080'] }],
  });
  return { stack, healthChecks };
}

/** The same stack, the firewall rule's finding acknowledged: synth passes and reports say why. */
export function build(app: App): TerraformStack {
  const { stack, healthChecks } = buildUnacknowledged(app);
  acknowledgeRule(healthChecks, 'GCP.Network.FirewallLogging', "Admits only Google's health-check probes; logging them would bury the real connections.");
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
