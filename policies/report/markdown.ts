import { Finding } from '../engine/types';
import { Report, ruleIndex, severityLabel, summaryLine } from './report';
import { ReportRenderer } from './renderer';

/** For pull-request comments and job summaries: a verdict line, then tables. */
export const MARKDOWN_RENDERER: ReportRenderer = {
  format: 'markdown',
  needsLines: true,
  render(report: Report): string {
    const rules = ruleIndex(report);
    const out: string[] = ['# Forensic readiness report', ''];
    out.push(`**${report.failed ? 'FAILED' : 'PASSED'}**: ${summaryLine(report)} (fail on: ${report.failOn}).`, '');
    out.push('## Findings', '');
    if (report.findings.length === 0) out.push('None.', '');
    else {
      out.push('| Severity | Rule | Resource | Location | What is wrong | Fix |', '|---|---|---|---|---|---|');
      for (const f of report.findings) {
        out.push(row([severityLabel(f), code(f.ruleId), resource(f), where(f), text(f.message), text(rules.get(f.ruleId)?.fix ?? '')]));
      }
      out.push('');
    }
    out.push('## Acknowledged (suppressed)', '');
    if (report.suppressed.length === 0) out.push('None.', '');
    else {
      out.push('| Rule | Resource | Location | Reason |', '|---|---|---|---|');
      for (const f of report.suppressed) out.push(row([code(f.ruleId), resource(f), where(f), text(f.suppressed?.reason ?? '')]));
      out.push('');
    }
    if (report.inputs.length > 0) {
      out.push('## Inputs', '', '| Path | Recognised as | Template files |', '|---|---|---|');
      for (const i of report.inputs) out.push(row([code(i.path), i.kind, String(i.files.length)]));
      out.push('');
    }
    return out.join('\n');
  },
};

function resource(f: Finding): string {
  return `${code(f.address)} (${f.resourceType})${f.constructPath ? `<br>${code(f.constructPath)}` : ''}`;
}

function where(f: Finding): string {
  return code(f.line ? `${f.file}:${f.line}` : f.file);
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A table row: pipes escaped, line breaks as <br>. */
export function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')).join(' | ')} |`;
}

/** Free text in a cell: no raw HTML. */
export function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
