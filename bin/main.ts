/**
 * `npm start`: the main job. Synthesizes the AWS reference stacks into cdk.out (and, as the GCP
 * and Azure stacks land, the CDKTF stacks into cdktf.out).
 */
import * as fs from 'fs';
import * as path from 'path';
import { createAwsApp } from '../cdk/app';

function main(): number {
  const started = Date.now();
  const outdir = path.resolve('cdk.out');
  fs.rmSync(outdir, { recursive: true, force: true });
  const { app } = createAwsApp({ outdir });
  const assembly = app.synth();
  for (const stack of assembly.stacks) {
    const resources = Object.keys((stack.template as { Resources?: object }).Resources ?? {}).length;
    console.log(`aws  ${stack.stackName.padEnd(28)} ${String(resources).padStart(4)} resources  ${path.relative(process.cwd(), path.join(outdir, stack.templateFile))}`);
  }
  console.log(`synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = main();
