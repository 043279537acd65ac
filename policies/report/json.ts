import { Finding, Rule } from '../engine/types';
import { nothingJudgedReason } from '../engine/input-coverage';
import { Report, contextLines, ruleIndex } from './report';
import { readinessJson } from './readiness';
import { ReportRenderer } from './renderer';

/**
 * For machines: one JSON object; `status` is `passed`, `failed` or `nothing-judged` (with
 * `statusReason`), `inputCoverage` says what was judged of each file, `evidenceContext` what was
 * assumed outside the inputs; `findings` count,
 * `suppressed` are listed with their reasons.
 */
export const JSON_RENDERER: ReportRenderer = {
  format: 'json',
  needsLines: false,
  render(report: Report): string {
    return [...jsonChunks(report)].join('');
  },
  renderChunks: jsonChunks,
};

/**
 * Findings per chunk of the JSON report: a chunk stays under the ~128 KB past which V8 allocates a
 * string in fresh large-object pages, so each chunk dies young once written (see jsonChunks).
 */
const FINDINGS_PER_CHUNK = 100;

/**
 * The JSON report in pieces, joined exactly `JSON.stringify(doc, null, 2)` and a newline: the
 * sections before the findings, the findings and acknowledged findings FINDINGS_PER_CHUNK at a
 * time, the sections after. Written as they come, a report of tens of thousands of findings is
 * never held as one string: building one (21 MB at 29,000 findings) costs more in garbage
 * collection than in stringifying, as its parts survive in the young generation until the end.
 * Every value is a plain string or number built before the first piece, so rendering does not
 * fail half way.
 */
function* jsonChunks(report: Report): Generator<string> {
  const rules = ruleIndex(report);
  const head = {
    tool: report.tool,
    status: report.status,
    ...(report.status === 'nothing-judged' ? { statusReason: nothingJudgedReason(report.inputCoverage), allowEmpty: report.allowEmpty } : {}),
    summary: { ...report.summary, failOn: report.failOn, failed: report.failed },
    inputCoverage: report.inputCoverage,
    config: report.config,
    evidenceContext: contextLines(report),
    inputs: report.inputs,
    ...(report.unread.length > 0 ? { unread: report.unread } : {}),
  };
  const suppressed = report.suppressed.map((f) => {
    const o = findingJson(f, rules.get(f.ruleId));
    o.reason = f.suppressed?.reason;
    o.acknowledgedIn = f.suppressed?.source ?? 'template';
    return o;
  });
  const findings = report.findings.map((f) => findingJson(f, rules.get(f.ruleId)));
  const tail = report.readiness ? (readinessJson(report.readiness) as object) : {};
  // `{\n  "a": 1\n}` without its braces: the members of a top-level object, as the whole report writes them.
  const members = (o: object): string => {
    const text = JSON.stringify(o, null, 2);
    return text.length > 2 ? text.slice(2, -2) : '';
  };
  yield `{\n${members(head)},\n`;
  yield* listChunks('findings', findings);
  yield ',\n';
  yield* listChunks('suppressed', suppressed);
  const after = members(tail);
  yield `${after ? `,\n${after}` : ''}\n}\n`;
}

/**
 * `  "key": [ ... ]` of a top-level member, a chunk of items at a time: each chunk is stringified
 * inside `{ key: [...] }`, which puts its items at their depth in the report, and cut out of it.
 */
function* listChunks(key: string, items: readonly object[]): Generator<string> {
  if (items.length === 0) {
    yield `  ${JSON.stringify(key)}: []`;
    return;
  }
  const open = `{\n  ${JSON.stringify(key)}: [\n`;
  const close = '\n  ]\n}';
  for (let i = 0; i < items.length; i += FINDINGS_PER_CHUNK) {
    const text = JSON.stringify({ [key]: items.slice(i, i + FINDINGS_PER_CHUNK) }, null, 2);
    const first = i === 0;
    const last = i + FINDINGS_PER_CHUNK >= items.length;
    yield `${first ? `  ${JSON.stringify(key)}: [\n` : ',\n'}${text.slice(open.length, text.length - close.length)}${last ? '\n  ]' : ''}`;
  }
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
