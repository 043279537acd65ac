import { Finding } from '../engine/types';
import { Report, contextLines, coverageText, printable, ruleIndex, severityLabel, thresholdsDetail, unreadLines, verdictDetail, verdictWord } from './report';
import { CoverageStatus } from './coverage';
import { keptStatements, sourcesText } from './readiness';
import { ReportRenderer } from './renderer';
import { ScenarioAnswer } from './scenarios';

/** For pull-request comments and job summaries: a verdict line, then tables. */
export const MARKDOWN_RENDERER: ReportRenderer = {
  format: 'markdown',
  needsLines: true,
  render(report: Report): string {
    const rules = ruleIndex(report);
    const out: string[] = ['# Forensic readiness report', ''];
    out.push(`**${verdictWord(report)}**: ${text(verdictDetail(report))} (fail on: ${report.failOn}).`, '');
    // Each input not read, by name and why: the findings below cover only the others.
    const unread = unreadLines(report);
    if (unread.length > 0) out.push(...unread.map((l) => `- ${oneMarkdownLine(text(l))}`), '');
    const thresholds = thresholdsDetail(report);
    if (thresholds) out.push(`**Thresholds not at their defaults:** ${text(thresholds)}`, '');
    const coverage = coverageText(report.inputCoverage);
    out.push(`**Coverage of the input:** ${text(coverage.head)}`, '', ...coverage.files.map((l) => `- ${text(l)}`), '');
    out.push('**Evidence context assumed:**', '', ...contextLines(report).map((l) => `- ${text(l)}`), '');
    if (report.readiness) out.push(...readinessSections(report));
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
  return `${code(f.address)} (${text(f.resourceType)})${f.constructPath ? `<br>${code(f.constructPath)}` : ''}`;
}

function where(f: Finding): string {
  return code(f.line ? `${f.file}:${f.line}` : f.file);
}

/**
 * Inline code that survives any backticks in the text: a fence one backtick longer than the longest
 * run inside (CommonMark), and a line break shown as ⏎ (a code span cannot hold one, nor a <br>).
 */
export function code(text: string): string {
  const one = visibleControls(text.replace(/\r\n|\r|\n/g, '\u23ce'));
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${one}${fence}` : `${fence} ${one} ${fence}`;
}

/** A table row: pipes escaped, line breaks as <br>. */
export function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')).join(' | ')} |`;
}

/** A line of a list: a line break of the input would end the item, so it becomes a <br>. */
function oneMarkdownLine(value: string): string {
  return value.replace(/\r?\n|\r/g, '<br>');
}

/**
 * Free text, from the kit or from an input (a file name, a resource type, a message quoting a
 * value): no raw HTML, no markup of its own (the characters that open emphasis, code, links and
 * strikethrough are escaped; with them escaped a `(` or `!` makes nothing), and a line break as
 * <br>, so that no input ends a list item and starts a heading or an item of its own.
 */
export function text(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]~]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(CONTROLS, printable);
}

/**
 * The control characters (C0 but tab and line breaks, DEL, C1), line and paragraph separators and
 * bidirectional overrides a report must not write raw: on a terminal (`check --format markdown`
 * writes to stdout) they would send a sequence. Shown as printable shows them (`\u001b`).
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A value with its control characters shown escaped (see CONTROLS); tabs and line breaks as they are. */
function visibleControls(value: string): string {
  return value.replace(CONTROLS, printable);
}

const STATUS_MARK: Record<CoverageStatus, string> = { captured: 'captured', weakened: 'weakened', declared: 'declared in the evidence context', missing: '**missing**', unavailable: 'not available', 'not-checked': 'not checked' };

function readinessSections(report: Report): string[] {
  const r = report.readiness!;
  const clouds = r.coverage.clouds;
  const out: string[] = ['## Per cloud', '', '| Cloud | Resources | Errors | Warnings | Evidence sources recorded |', '|---|---|---|---|---|'];
  for (const c of clouds) {
    const s = r.clouds[c];
    out.push(row([c.toUpperCase(), String(s.resources), String(s.errors), String(s.warnings), sourcesText(s)]));
  }
  out.push('', '## Coverage matrix', '', `| Evidence source | ${clouds.map((c) => c.toUpperCase()).join(' | ')} |`, `|---|${clouds.map(() => '---').join('|')}|`);
  for (const rowData of r.coverage.rows) {
    out.push(
      row([
        `**${text(rowData.title)}**`,
        ...clouds.map((c) => {
          const cell = rowData.cells[c];
          const bits = [STATUS_MARK[cell.status]];
          if (cell.declaredBy.length) bits.push(...cell.declaredBy.map(text));
          if (cell.capturedBy.length) bits.push(`by ${[...new Set(cell.capturedBy.map((b) => b.what))].map(text).join('; ')}`);
          for (const k of keptStatements(cell)) bits.push(k.stores.length ? `${k.words} in ${k.stores.map(text).join(', ')}` : k.words);
          if (cell.findings.length) bits.push(`${cell.findings.length} finding(s)`);
          if (cell.note) bits.push(text(cell.note));
          return bits.join('<br>');
        }),
      ]),
    );
  }
  out.push('', '## Incident readiness', '');
  for (const sc of r.scenarios) {
    out.push(`### ${text(sc.title)}: ${sc.readiness.toUpperCase()}`, '', text(sc.incident), '', '| Question | Cloud | Readiness | Evidence | Gaps | Answered by |', '|---|---|---|---|---|---|');
    for (const i of sc.items) out.push(row([text(i.need), i.cloud.toUpperCase(), i.readiness, text(i.evidence), text(i.gaps.join('; ') || 'none'), text(answerText(i.answer))]));
    out.push('');
  }
  return out;
}

/** One scenario question's answering query, in words. */
function answerText(answer: ScenarioAnswer | undefined): string {
  if (!answer) return 'no query of the kit';
  if (!answer.query) return `${answer.question}: no query for this cloud yet`;
  const drill = answer.drill ? `; drill: ${answer.drill.outcome} (${answer.drill.summary})` : '';
  return `${answer.question}: ${answer.query}, ${answer.deployed ? 'deployed' : 'not deployed'} by the checked templates${drill}`;
}
