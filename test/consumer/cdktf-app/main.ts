// A user's own CDKTF app on GCP only (no azurerm installed), run directly as `node main.js`.
// WEAKEN=true unlocks the evidence bucket's retention policy through an override; synth must fail.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { AuditLogs, EvidenceBucket, ForensicKey, GcpParent, LogSink } from 'forensic-readiness-kit/gcp';
import { addForensicReadinessChecks } from 'forensic-readiness-kit/policies/cdktf';

const app = new App({ outdir: 'cdktf.out' });
const stack = new TerraformStack(app, 'consumer-gcp');
new GoogleProvider(stack, 'google', { project: 'consumer-project', region: 'europe-west4' });
const key = new ForensicKey(stack, 'Key', { location: 'europe-west4', project: 'consumer-project' });
const evidence = new EvidenceBucket(stack, 'Evidence', {
  bucketName: 'consumer-project-evidence',
  location: 'europe-west4',
  project: 'consumer-project',
  encryptionKey: key,
});
const parent = GcpParent.project('consumer-project');
new AuditLogs(stack, 'AuditLogs', { parent });
new LogSink(stack, 'LogSink', {
  parent,
  logBucket: { project: 'consumer-project', location: 'europe-west4', encryptionKey: key },
  destination: evidence,
});
addForensicReadinessChecks(stack);

if (process.env.WEAKEN === 'true') {
  evidence.bucket.addOverride('retention_policy.is_locked', false);
}
app.synth();
