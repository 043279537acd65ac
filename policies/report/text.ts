import { Report, contextLines, coverageText, location, printable, ruleIndex, severityLabel, thresholdsDetail, unreadLines, verdictLine } from './report';
import { ReportRenderer } from './renderer';

/**
 * For people at a terminal: one block per finding, acknowledgements, what was judged, then the
 * verdict line. Every line is printable: a value of the input (an address, a file, a construct
 * path, a message quoting it, a reason) shows its control characters escaped, so one finding is
 * one block of lines and no terminal sequence reaches the terminal.
 */
export const TEXT_RENDERER: ReportRenderer = {
  format: 'text',
  needsLines: true,
  render(report: Report): string {
    const rules = ruleIndex(report);
    const out: string[] = [];
    for (const f of report.findings) {
      out.push(`${severityLabel(f)}  ${f.ruleId}  ${f.address} (${f.resourceType})`);
      out.push(`  at ${location(f)}${f.constructPath ? `  construct ${f.constructPath}` : ''}`);
      out.push(`  ${f.message}`);
      const fix = rules.get(f.ruleId)?.fix;
      if (fix) out.push(`  fix: ${fix}`);
      out.push('');
    }
    if (report.suppressed.length > 0) {
      out.push('Acknowledged (suppressed, failing nothing):');
      for (const f of report.suppressed) {
        out.push(`  ${f.ruleId}  ${f.address} (${f.resourceType}) at ${location(f)}`);
        out.push(`    reason: ${f.suppressed?.reason ?? ''}`);
      }
      out.push('');
    }
    const coverage = coverageText(report.inputCoverage);
    out.push(`Coverage of the input: ${coverage.head}`, ...coverage.files.map((l) => `  ${l}`));
    const context = contextLines(report);
    if (context.length === 1 && !report.config.context?.aws) out.push(`Evidence context: ${context[0]}`);
    else out.push('Evidence context assumed:', ...context.map((l) => `  ${l}`));
    const thresholds = thresholdsDetail(report);
    if (thresholds) out.push(`Thresholds not at their defaults: ${thresholds}`);
    out.push(...unreadLines(report));
    out.push(`${verdictLine(report)} (fail on: ${report.failOn})`);
    // Each entry is one line: escaping it whole keeps a value's line break from starting another.
    return `${out.map(printable).join('\n')}\n`;
  },
};
