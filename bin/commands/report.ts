/** `forensic-readiness report PATH...`: judge templates, write the whole report folder. */
import * as path from 'path';
import { InputError } from '../../policies/engine/errors';
import { withLines } from '../../policies/engine/loader';
import { DEFAULT_REPORT_DIR, buildReadiness, reportVersionsFolder, buildReport, renderReadinessSummary, verdictLine, writeReportFolder } from '../../policies/report';
import { Command, helpRows } from './command';
import { JUDGE_OPTIONS, cwdOf, exitCode, judge, reportNotices, realish } from './common';

export const REPORT: Command = {
  name: 'report',
  synopsis: 'report PATH...',
  summary: [
    'Check templates and write a report folder (report.html, report.md, report.json',
    'with the coverage matrix and incident readiness, report.sarif).',
  ],
  help: [
    'Options of report: those of check but --format and --output, and',
    helpRows([['--out DIR', `The report folder (default: ${DEFAULT_REPORT_DIR}),`, 'replaced whole, never half written.']]),
  ].join('\n'),
  options: { out: { type: 'string' }, ...JUDGE_OPTIONS },
  takesPaths: true,
  run(args, io) {
    const cwd = cwdOf(io);
    const out = args.value('out') ?? DEFAULT_REPORT_DIR;
    const outAbs = path.resolve(cwd, out);
    // The folder is replaced whole: an input inside it (or inside its versions) would be deleted by its own report.
    const owned = [outAbs, reportVersionsFolder(outAbs)].flatMap((p) => [p, realish(p)]);
    const within = (p: string) => owned.some((o) => p === o || p.startsWith(`${o}${path.sep}`));
    const inputs = [...args.paths, args.value('config'), args.value('suppressions')].filter((x): x is string => x !== undefined);
    if (inputs.some((x) => within(path.resolve(cwd, x)) || within(realish(path.resolve(cwd, x))))) {
      throw new InputError(`--out ${out} holds an input; refusing to replace it`);
    }
    // Moving the folder the run stands in would pull the ground from under the user's shell.
    if (within(cwd) || within(realish(cwd))) throw new InputError(`--out ${out} is the current folder or holds it; give a folder for the report`);
    const judged = judge('report', args, io);
    if (!judged) return 2; // no input could be read: each is named on stderr; no report folder is written
    const { result, model, loaded, failOn } = judged;
    const built = buildReport(result, {
      inputs: loaded.inputs,
      unread: loaded.failed,
      failOn,
      findings: withLines(result.findings, loaded.templates),
      suppressed: withLines(result.suppressed, loaded.templates),
      readiness: buildReadiness(model, result),
    });
    const files = writeReportFolder(outAbs, built, out);
    io.stdout(renderReadinessSummary(built));
    io.stdout(`${verdictLine(built)}; report written to ${files.join(', ')}\n`);
    reportNotices(built, io);
    return exitCode(judged, built.failed);
  },
};
