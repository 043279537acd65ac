/** `forensic-readiness check PATH...`: judge templates, print (or write) one report. */
import * as path from 'path';
import { InputError } from '../../policies/engine/errors';
import { withLines } from '../../policies/engine/loader';
import { REPORT_FORMATS, REPORT_RENDERERS, buildReport, isReportFormat, verdictLine } from '../../policies/report';
import { githubLimitNotice } from '../../policies/report/sarif';
import { Command, helpRows } from './command';
import { JUDGE_HELP, JUDGE_OPTIONS, cwdOf, exitCode, judge, reportNotices, realish, writeOutput } from './common';

export const CHECK: Command = {
  name: 'check',
  synopsis: 'check PATH...',
  summary: [
    'Check templates: CloudFormation JSON or YAML, a cdk.out folder, a cdktf.out',
    'folder, a cdk.tf.json, terraform show -json output. Recognised by content.',
  ],
  help: [
    'Options of check:',
    helpRows([
      [`--format ${REPORT_FORMATS.join('|')}`, 'Report format (default: text).'],
      ['--output FILE', 'Write the report to FILE (atomically), not stdout.'],
      ...JUDGE_HELP,
    ]),
  ].join('\n'),
  options: { format: { type: 'string' }, output: { type: 'string' }, ...JUDGE_OPTIONS },
  takesPaths: true,
  run(args, io) {
    const cwd = cwdOf(io);
    const format = args.value('format') ?? 'text';
    if (!isReportFormat(format)) throw new InputError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
    const output = args.value('output');
    if (output) refuseOutputOverInput(output, [...args.paths, args.value('config'), args.value('suppressions')], cwd);
    const judged = judge('check', args, io);
    if (!judged) return 2; // no input could be read: each is named on stderr, and there is nothing to report
    const { result, loaded, failOn } = judged;
    const renderer = REPORT_RENDERERS[format];
    const report = buildReport(result, {
      inputs: loaded.inputs,
      unread: loaded.failed,
      failOn,
      ...(renderer.needsLines ? { findings: withLines(result.findings, loaded.templates), suppressed: withLines(result.suppressed, loaded.templates) } : {}),
    });
    writeOutput(io, output, renderer.renderChunks ? renderer.renderChunks(report) : renderer.render(report));
    // Written to a file, the report leaves stdout free for the verdict.
    if (output) io.stdout(`${verdictLine(report)}; ${format} report written to ${output}\n`);
    reportNotices(report, io);
    const limit = format === 'sarif' ? githubLimitNotice(report.findings.length + report.suppressed.length) : undefined;
    if (limit) io.stderr(`forensic-readiness: ${limit.level}: ${limit.text}\n`);
    return exitCode(judged, report.failed);
  },
};

/**
 * `--output` never replaces a file the run reads: an input, a file inside an input folder, the
 * config or the suppressions file (through symbolic links too).
 */
function refuseOutputOverInput(output: string, inputs: readonly (string | undefined)[], cwd: string): void {
  const target = realish(path.resolve(cwd, output));
  for (const input of inputs) {
    if (input === undefined || input === '-') continue;
    const source = realish(path.resolve(cwd, input));
    if (target === source || target.startsWith(`${source}${path.sep}`)) {
      throw new InputError(`--output ${output} is ${target === source ? 'also an input' : `inside the input ${input}`}; refusing to overwrite it`);
    }
  }
}
