/**
 * `npm start`: the main job. Synthesizes the AWS (CDK) and GCP and Azure (CDKTF) reference stacks,
 * runs every rule on them, writes forensic-readiness-report/ (report.html, report.md, report.json
 * with the coverage matrix, report.sarif) and prints a short summary. Exits non-zero only when the
 * kit's own stacks have errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createAwsApp } from '../cdk/app';
import { cdktfAnnotations, createCdktfApp } from '../cdktf/app';
import { buildModel, loadPaths, runRules, withLines } from '../policies/engine';
import { buildReadiness, buildReport, DEFAULT_REPORT_DIR, renderReadinessSummary, summaryLine, writeReportFolder } from '../policies/report';
import { ALL_RULES } from '../policies/rules';

/** Progress on a terminal (step and elapsed time); silent when output is not a terminal. */
class Progress {
  private readonly started = Date.now();
  private readonly tty = Boolean(process.stderr.isTTY);
  public step(what: string): void {
    if (this.tty) process.stderr.write(`\r\x1b[2K[${this.elapsed()}] ${what}…`);
  }
  public done(): void {
    if (this.tty) process.stderr.write('\r\x1b[2K');
  }
  public elapsed(): string {
    return `${((Date.now() - this.started) / 1000).toFixed(1)} s`;
  }
}

function main(): number {
  // CDK's own CloudFormation validation re-checks every template at synth; the kit's rules and
  // cfn-lint (in the tests) judge them here. `npx cdk synth` keeps it on.
  process.env.CDK_VALIDATION ??= 'false';
  const progress = new Progress();
  const cdkOut = path.resolve('cdk.out');
  const cdktfOut = path.resolve('cdktf.out');

  progress.step('synthesizing the AWS stacks (CDK)');
  fs.rmSync(cdkOut, { recursive: true, force: true });
  createAwsApp({ outdir: cdkOut }).app.synth();

  progress.step('synthesizing the GCP and Azure stacks (CDKTF)');
  fs.rmSync(cdktfOut, { recursive: true, force: true });
  const tf = createCdktfApp(cdktfOut);
  tf.app.synth();
  const synthWarnings = cdktfAnnotations(tf.app).filter((a) => a.level === 'warn');

  progress.step('checking forensic readiness');
  const loaded = loadPaths([cdkOut, cdktfOut]);
  const model = buildModel(loaded.templates);
  const result = runRules(model, ALL_RULES);

  progress.step('writing the report');
  const report = buildReport(result, {
    inputs: loaded.inputs.map((i) => ({ ...i, path: path.relative(process.cwd(), i.path) || i.path })),
    failOn: 'error',
    findings: withLines(result.findings, loaded.templates),
    suppressed: withLines(result.suppressed, loaded.templates),
    readiness: buildReadiness(model, result),
  });
  const files = writeReportFolder(DEFAULT_REPORT_DIR, report);
  progress.done();

  process.stdout.write(renderReadinessSummary(report));
  for (const f of report.findings) process.stdout.write(`${f.severity.toUpperCase()} ${f.ruleId} ${f.address} (${f.file}): ${f.message}\n`);
  if (synthWarnings.length > 0) process.stdout.write(`${synthWarnings.length} synth warnings on the CDKTF stacks (placeholder ids, irreversible and two-phase locks): \`npx tsx bin/cdktf.ts\` lists them\n`);
  process.stdout.write(`${report.failed ? 'FAILED' : 'PASSED'}: ${summaryLine(report)}; report in ${files[0]} and beside it (${progress.elapsed()})\n`);
  return report.summary.errors > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`npm start: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
