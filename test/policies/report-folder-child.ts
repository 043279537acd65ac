/**
 * Run by test/policies/report-folder.test.ts in a child process: writes a report folder and kills
 * itself with SIGKILL right after the named step of the swap, as a power cut or `kill -9` would.
 * argv: DIR LABEL STEP
 */
import { buildModel } from '../../policies/engine/loader';
import { runRules } from '../../policies/engine/runner';
import { ReportSwapStep, buildReport, writeReportFolder } from '../../policies/report';

const [dir, label, crashAt] = process.argv.slice(2);
const report = buildReport(runRules(buildModel([]), []), { inputs: [{ path: label, kind: 'cloudformation', files: [label] }] });
writeReportFolder(dir, report, dir, {
  afterStep: (step: ReportSwapStep) => {
    if (step === crashAt) process.kill(process.pid, 'SIGKILL');
  },
});
