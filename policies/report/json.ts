import { Finding, Rule } from '../engine/types';
import { nothingJudgedReason } from '../engine/input-coverage';
import { Report, contextLines, plural, ruleIndex, unknownCount } from './report';
import { readinessJson } from './readiness';
import { jsonPieces, terminalSafePieces } from './pieces';
import { ReportRenderer } from './renderer';

/**
 * For machines: one JSON object; `status` is `passed`, `failed`, `nothing-judged` or `findings`
 * (findings that `--fail-on never` does not make fail)
 * (`statusReason` says why whenever nothing was judged, also beside `failed` for an input not
 * read), `inputCoverage` says what was judged of each file, `evidenceContext` what was assumed
 * outside the inputs; `findings` count, `suppressed` are listed with their reasons.
 */
export const JSON_RENDERER: ReportRenderer = {
  format: 'json',
  needsLines: false,
  render(report: Report): string {
    return [...terminalSafePieces(jsonChunks(report))].join('');
  },
  // DEL, C1, separators and bidi overrides as \\u escapes: JSON.stringify writes them raw.
  renderChunks: (report: Report) => terminalSafePieces(jsonChunks(report)),
};

/**
 * The JSON report in pieces (see jsonPieces): the findings and acknowledged findings a hundred at a
 * time, every finding's object built before the first piece.
 */
function* jsonChunks(report: Report): Generator<string> {
  const rules = ruleIndex(report);
  const suppressed = report.suppressed.map((f) => {
    const o = findingJson(f, rules.get(f.ruleId));
    o.reason = f.suppressed?.reason;
    o.acknowledgedIn = f.suppressed?.source ?? 'template';
    return o;
  });
  const findings = report.findings.map((f) => findingJson(f, rules.get(f.ruleId)));
  const tail = report.readiness ? (readinessJson(report.readiness) as object) : {};
  yield* jsonPieces((list) => ({
    tool: report.tool,
    status: report.status,
    ...(report.inputCoverage.nothingJudged ? { statusReason: statusReason(report), allowEmpty: report.allowEmpty } : {}),
    summary: { ...report.summary, unknown: unknownCount(report), failOn: report.failOn, failed: report.failed },
    inputCoverage: report.inputCoverage,
    config: report.config,
    evidenceContext: contextLines(report),
    inputs: report.inputs,
    unread: report.unread,
    findings: list(findings),
    suppressed: list(suppressed),
    ...tail,
  }));
}

/**
 * Why a run that judged nothing has its status: the reason for `nothing-judged`; for a run FAILED
 * by an input not read, that first, then that the inputs read judged nothing.
 */
function statusReason(report: Report): string {
  const why = nothingJudgedReason(report.inputCoverage);
  return report.status === 'nothing-judged' ? why : `${plural(report.unread.length, 'input')} not read; nothing judged in the inputs read: ${why}`;
}

function findingJson(f: Finding, rule: Rule | undefined): Record<string, unknown> {
  // Built by assignment, not by spreading optional parts: the objects keep one fast shape, and
  // JSON.stringify of tens of thousands of them is several times faster. Same keys, same order.
  const o: Record<string, unknown> = {};
  o.ruleId = f.ruleId;
  o.severity = f.severity;
  o.verdict = f.verdict;
  o.address = f.address;
  o.resourceType = f.resourceType;
  o.file = f.file;
  if (f.line) o.line = f.line;
  if (f.constructPath) o.constructPath = f.constructPath;
  o.message = f.message;
  if (rule) {
    o.fix = rule.fix;
    o.evidenceSource = rule.evidenceSource;
  }
  return o;
}
