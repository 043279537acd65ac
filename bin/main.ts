/**
 * `npm start`: the main job. Synthesizes the AWS reference stacks into cdk.out and the GCP and
 * Azure reference stacks into cdktf.out.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createAwsApp } from '../cdk/app';
import { cdktfAnnotations, createCdktfApp } from '../cdktf/app';

function main(): number {
  const started = Date.now();
  const cdkOut = path.resolve('cdk.out');
  fs.rmSync(cdkOut, { recursive: true, force: true });
  const { app } = createAwsApp({ outdir: cdkOut });
  const assembly = app.synth();
  for (const stack of assembly.stacks) {
    const resources = Object.keys((stack.template as { Resources?: object }).Resources ?? {}).length;
    console.log(`aws    ${stack.stackName.padEnd(28)} ${String(resources).padStart(4)} resources  ${path.relative(process.cwd(), path.join(cdkOut, stack.templateFile))}`);
  }

  const cdktfOut = path.resolve('cdktf.out');
  fs.rmSync(cdktfOut, { recursive: true, force: true });
  const tf = createCdktfApp(cdktfOut);
  tf.app.synth();
  for (const [cloud, stacks] of [['gcp', tf.gcp], ['azure', tf.azure]] as const) {
    for (const stack of stacks) {
      const file = path.join(cdktfOut, 'stacks', stack.node.id, 'cdk.tf.json');
      const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: Record<string, object> };
      const resources = Object.values(doc.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
      console.log(`${cloud.padEnd(6)} ${stack.node.id.padEnd(28)} ${String(resources).padStart(4)} resources  ${path.relative(process.cwd(), file)}`);
    }
  }
  const warnings = cdktfAnnotations(tf.app).filter((a) => a.level === 'warn');
  if (warnings.length > 0) console.log(`${warnings.length} synth warnings on the CDKTF stacks (placeholder ids, two-phase lock): run \`npx tsx bin/cdktf.ts\` to list them`);
  console.log(`synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = main();
