/**
 * The floor `npm start` is measured against (bin/bench.ts): load aws-cdk-lib and cdktf and
 * synthesize one empty stack of each, in a fresh process. Nothing the main job does can be faster.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp, Stack } from 'aws-cdk-lib';
import { App as TfApp, TerraformStack } from 'cdktf';

// Like the main job: CDK's built-in template validation off.
process.env.CDK_VALIDATION ??= 'false';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-floor-'));
try {
  const cdk = new CdkApp({ outdir: path.join(dir, 'cdk.out') });
  new Stack(cdk, 'Empty');
  cdk.synth();
  const tf = new TfApp({ outdir: path.join(dir, 'cdktf.out') });
  new TerraformStack(tf, 'empty');
  tf.synth();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
