import { Report, contextLines, coverageText, location, ruleIndex, severityLabel, verdictLine } from './report';
import { ReportRenderer } from './renderer';

/** For people at a terminal: one block per finding, acknowledgements, what was judged, then the verdict line. */
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
    out.push(context.length === 1 && !report.config.context?.aws ? `Evidence context: ${context[0]}` : `Evidence context assumed:\n${context.map((l) => `  ${l}`).join('\n')}`);
    for (const u of report.unread) out.push(`Not read: ${u.message}`);
    out.push(`${verdictLine(report)} (fail on: ${report.failOn})`);
    return `${out.join('\n')}\n`;
  },
};
