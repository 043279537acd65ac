/**
 * `npm start`: the main job. Synthesizes the AWS (CDK) and GCP and Azure (CDKTF) reference stacks,
 * runs every rule on them, writes forensic-readiness-report/ (report.html, report.md, report.json
 * with the coverage matrix, report.sarif) and prints a short summary. Meanwhile it drills the kit's
 * questions on freshly generated copies of the simulated incidents of the three clouds, and the
 * report shows each answer beside its scenario question. Exits non-zero when the kit's own stacks
 * have errors or a drill did not return exactly the planted answer (one line on stderr).
 */
// First, before any other module is compiled: no source map parsing (bin/no-source-maps.ts).
import './no-source-maps';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DRILL_CLOUDS, drillFailure, drillLines } from '../investigate/drills';
import { Progress } from './progress';
import type * as CdktfApp from '../cdktf/app';
import type * as Engine from '../policies/engine';
import type * as Reports from '../policies/report';
import type * as Rules from '../policies/rules';
import type { DrillResult } from '../policies/report/scenarios';

/** The node arguments that run a kit script in a child process: the kit's TypeScript loader, as `npm start` runs this one (bin/ts-require.js). */
const scriptArgs = (script: string): string[] => ['-r', path.join(__dirname, 'ts-require.js'), path.join(__dirname, script)];

/**
 * Synthesizes the AWS app in a second process (bin/cdk.ts), so that it runs beside the CDKTF synth
 * on the other core: the two share nothing but the output folders.
 */
function synthAwsInChild(outdir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, scriptArgs('cdk.ts'), {
      env: { ...process.env, CDK_OUTDIR: outdir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the AWS synth failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

/**
 * The drill phase, in one more process (bin/drill.ts) so that it runs beside the synths and the
 * checks on the other core: for each cloud a fresh forensic copy of its simulated incidents,
 * every question the cloud records asked of it with `investigate`, each answer judged against
 * what was planted. One process for the three clouds (drilled concurrently in it), not one each:
 * on two cores a process per cloud only adds node, tsx and DuckDB start-ups that contend with the
 * synths (docs/investigate.md, The drills).
 */
function drillInChild(clouds: readonly string[]): Promise<DrillResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...scriptArgs('drill.ts'), ...clouds], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as DrillResult[]) : reject(new Error(`the drills failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

async function main(): Promise<number> {
  // CDK's own CloudFormation validation re-checks every template at synth; the kit's rules and
  // cfn-lint (in the tests) judge them here. `npx cdk synth` keeps it on.
  process.env.CDK_VALIDATION ??= 'false';
  const progress = new Progress();
  const cdkOut = path.resolve('cdk.out');
  const cdktfOut = path.resolve('cdktf.out');

  progress.step('synthesizing the AWS (CDK), GCP and Azure (CDKTF) stacks');
  fs.rmSync(cdkOut, { recursive: true, force: true });
  fs.rmSync(cdktfOut, { recursive: true, force: true });
  const aws = synthAwsInChild(cdkOut);
  aws.catch(() => undefined); // awaited below; keeps an early rejection from being unhandled
  // The drills of the three clouds (--no-drills or FR_NO_DRILLS=1 skips them) run in a third process meanwhile.
  const withDrills = !process.argv.includes('--no-drills') && process.env.FR_NO_DRILLS !== '1';
  const drills = withDrills ? drillInChild(DRILL_CLOUDS) : Promise.resolve([]);
  drills.catch(() => undefined); // awaited below
  // Loaded only now, so that the AWS process starts before this one spends a second loading providers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cdktfAnnotations, createCdktfApp } = require('../cdktf/app') as typeof CdktfApp;
  const tf = createCdktfApp(cdktfOut);
  tf.app.synth();
  const synthWarnings = cdktfAnnotations(tf.app).filter((a) => a.level === 'warn');
  // Load the checks while the AWS synth is still running in the other process.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { buildModel, loadPaths, runRules, withLines } = require('../policies/engine') as typeof Engine;
  const { applyDrills, buildReadiness, buildReport, DEFAULT_REPORT_DIR, renderReadinessSummary, verdictLine, writeReportFolder } = require('../policies/report') as typeof Reports;
  const { ALL_RULES } = require('../policies/rules') as typeof Rules;
  /* eslint-enable @typescript-eslint/no-require-imports */
  progress.step('waiting for the AWS synth');
  await aws;

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
    readiness: await (async () => {
      const readiness = buildReadiness(model, result);
      const outcomes = await drills;
      return outcomes.length > 0 ? { ...readiness, scenarios: applyDrills(readiness.scenarios, outcomes) } : readiness;
    })(),
  });
  const files = writeReportFolder(DEFAULT_REPORT_DIR, report);
  progress.done();

  process.stdout.write(renderReadinessSummary(report));
  const outcomes = await drills;
  for (const line of drillLines(outcomes)) process.stdout.write(`${line}\n`);
  for (const f of report.findings) process.stdout.write(`${f.severity.toUpperCase()} ${f.ruleId} ${f.address} (${f.file}): ${f.message}\n`);
  if (synthWarnings.length > 0) process.stdout.write(`${synthWarnings.length} synth warnings on the CDKTF stacks (placeholder ids, irreversible and two-phase locks): \`npx tsx bin/cdktf.ts\` lists them\n`);
  process.stdout.write(`${verdictLine(report)}; report in ${files[0]} and beside it (${progress.elapsed()})\n`);
  const failed = drillFailure(outcomes);
  if (failed) {
    process.stderr.write(`npm start: ${failed}\n`);
    return 1;
  }
  return report.summary.errors > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: Error) => {
    process.stderr.write(`npm start: ${err.message}\n`);
    process.exitCode = 2;
  },
);
