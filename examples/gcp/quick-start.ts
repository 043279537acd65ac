/**
 * GCP quick start (CDK for Terraform): a locked evidence bucket, Data Access audit logs of every
 * service of the project, and a sink of audit, flow, firewall, NAT and DNS logs into a locked CMEK
 * log bucket and into the evidence bucket, with the kit's checks on every `cdktf synth`.
 *
 * Run it in this repository: `npx tsx --tsconfig examples/tsconfig.json examples/gcp/quick-start.ts` (writes cdktf.out/).
 */
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { AuditLogs, EvidenceBucket, ForensicKey, GcpParent, LogSink } from 'forensic-readiness-kit/gcp';
import { addForensicReadinessChecks } from 'forensic-readiness-kit/policies/cdktf';

const project = 'acme-ml-prod';
const region = 'us-central1';

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'gcp-quick-start');
  new GoogleProvider(stack, 'google', { project, region });
  // app.synth() fails on an error finding, naming the construct, the rule and the fix.
  addForensicReadinessChecks(stack);

  // One CMEK key (rotated every 90 days, prevent_destroy) for the bucket and the log bucket.
  const key = new ForensicKey(stack, 'Key', { project, location: region });
  // Retention 365 days, locked; uniform access; public access prevention; usage logs.
  const evidence = new EvidenceBucket(stack, 'Evidence', { bucketName: `${project}-evidence`, location: region, project, encryptionKey: key });
  // ADMIN_READ, DATA_READ and DATA_WRITE for allServices.
  const parent = GcpParent.project(project);
  new AuditLogs(stack, 'AuditLogs', { parent });
  new LogSink(stack, 'LogSink', { parent, logBucket: { project, location: region, encryptionKey: key }, destination: evidence });
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
