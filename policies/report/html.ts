import { nestedNotFollowed, nestedStacksLine, unjudgedTypes } from '../engine/input-coverage';
import { Finding } from '../engine/types';
import { CoverageCell, CoverageStatus, findingId } from './coverage';
import { keptStatements, retentionLabel, sourcesText } from './readiness';
import { Report, contextLines, coverageText, notCreatedLine, plural, printable, ruleIndex, severityLabel, thresholdsDetail, unreadLines, verdictDetail, verdictWord } from './report';
import { ReportRenderer } from './renderer';
import { ScenarioAnswer, ScenarioReadiness } from './scenarios';

/**
 * Everything that comes from a template or a rule is escaped: a report never runs template content,
 * and its control characters (C0 but tab and line feed, DEL, C1, bidirectional overrides) are shown
 * as printable shows them (`\u001b`, `\r`), so the page written to a terminal (`check --format
 * html` writes to stdout) sends no sequence.
 */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, printable);
}

const STATUS_LABEL: Record<CoverageStatus, string> = { captured: 'Captured', weakened: 'Weakened', declared: 'Declared', missing: 'Missing', unavailable: 'Not available', 'not-checked': 'Not checked' };
const READY_LABEL: Record<ScenarioReadiness, string> = { ready: 'Ready', partial: 'Partial', gap: 'Gap' };

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.verdict{display:inline-block;padding:.2rem .6rem;border-radius:4px;font-weight:600}
.captured,.ready,.passed{background:#dafbe1;color:#116329}.weakened,.partial,.findings{background:#fff8c5;color:#7d4e00}
.missing,.gap,.failed,.nothing-judged,.error{background:#ffebe9;color:#a40e26}.unavailable{background:#eaeef2;color:#424a53}.declared{background:#ddf4ff;color:#0a3069}.not-checked{background:#f6f8fa;color:#57606a}
.warning{background:#fff8c5;color:#7d4e00}td.cell{min-width:14rem}.small{font-size:12px;color:#57606a}ul{margin:.2rem 0;padding-left:1.1rem}
.legend span{margin-right:.6rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}.verdict{border:1px solid #888}}
`;

/** One self-contained page (no external asset, no script): readable, printable, the matrix colour-coded. */
export const HTML_RENDERER: ReportRenderer = {
  format: 'html',
  needsLines: true,
  render(report: Report): string {
    const parts: string[] = [];
    parts.push(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
    parts.push(`<title>Forensic readiness report</title><style>${CSS}</style></head><body>`);
    parts.push(`<h1>Forensic readiness report</h1>`);
    parts.push(`<p><span class="verdict ${report.status}" id="verdict">${verdictWord(report)}</span> <span id="verdict-detail">${esc(verdictDetail(report))}</span> (fail on: ${esc(report.failOn)}). <span class="small">${esc(report.tool.name)} ${esc(report.tool.version)}</span></p>`);
    // Each input not read, by name and why: the findings below cover only the others.
    const unread = unreadLines(report);
    if (unread.length > 0) parts.push(`<ul id="unread">${unread.map((l) => `<li class="failed">${esc(l)}</li>`).join('')}</ul>`);
    const thresholds = thresholdsDetail(report);
    if (thresholds) parts.push(`<p id="thresholds" class="warning">Thresholds not at their defaults: ${esc(thresholds)}</p>`);
    parts.push(`<p id="evidence-context">Evidence context assumed: ${contextLines(report).map(esc).join('; ')}</p>`);
    parts.push(inputCoverageHtml(report));
    if (report.readiness) parts.push(readinessHtml(report));
    parts.push(findingsHtml(report));
    parts.push(suppressedHtml(report.suppressed));
    if (report.inputs.length) {
      parts.push(`<h2>Inputs</h2><table><thead><tr><th>Path</th><th>Recognised as</th><th>Template files</th></tr></thead><tbody>`);
      for (const i of report.inputs) parts.push(`<tr><td><code>${esc(i.path)}</code></td><td>${esc(i.kind)}</td><td>${i.files.map((f) => `<code>${esc(f)}</code>`).join('<br>')}</td></tr>`);
      parts.push(`</tbody></table>`);
    }
    parts.push(`</body></html>\n`);
    return parts.join('\n');
  },
};

/** What was judged of each input file: resources judged and not, the types no rule judged, module calls and nested stacks not followed. */
function inputCoverageHtml(report: Report): string {
  const c = report.inputCoverage;
  const out: string[] = [`<h2>Coverage of the input</h2><p id="input-coverage-head">${esc(coverageText(c).head)}</p>`];
  if (c.files.length === 0) return out[0];
  out.push(`<table id="input-coverage"><thead><tr><th>File</th><th>Resources</th><th>Judged</th><th>Not judged</th><th>Types no rule judged</th><th>Module calls not followed</th></tr></thead><tbody>`);
  for (const f of c.files) {
    const types = unjudgedTypes([f]);
    const calls = f.moduleCalls.filter((m) => !m.followed);
    out.push(
      `<tr><td><code>${esc(f.file)}</code></td><td>${f.resources}</td><td${f.judged === 0 ? ' class="nothing-judged"' : ''}>${f.judged}</td><td>${f.notJudged}</td>` +
        `<td class="small">${types.length ? types.slice(0, 5).map(([t, n]) => `<code>${esc(t)}</code> ${n}`).join(', ') + (types.length > 5 ? ` and ${esc(plural(types.length - 5, 'more type'))}` : '') : 'none'}</td>` +
        `<td class="small">${calls.length ? calls.map((m) => `<code>${esc(m.name)}</code>${m.source ? ` (${esc(m.source)})` : ''}`).join(', ') : 'none'}</td></tr>`,
    );
  }
  out.push(`</tbody></table>`);
  for (const f of c.files) if (f.notCreated?.length) out.push(`<p class="small"><code>${esc(f.file)}</code>: ${esc(notCreatedLine(f.notCreated))}</p>`);
  // Nothing inside a nested stack whose template was not read is judged: each named, as a gap.
  for (const f of c.files) {
    const stacks = nestedNotFollowed(f);
    if (stacks.length) out.push(`<p class="small warning nested-not-followed"><code>${esc(f.file)}</code>: ${esc(nestedStacksLine(stacks))}</p>`);
  }
  return out.join('\n');
}

function readinessHtml(report: Report): string {
  const r = report.readiness!;
  const clouds = r.coverage.clouds;
  const out: string[] = [];
  out.push(`<h2>Per cloud</h2><table id="clouds"><thead><tr><th>Cloud</th><th>Resources</th><th>Errors</th><th>Warnings</th><th>Evidence sources recorded</th></tr></thead><tbody>`);
  for (const c of clouds) {
    const s = r.clouds[c];
    out.push(`<tr><td>${esc(c.toUpperCase())}</td><td>${s.resources}</td><td class="${s.errors ? 'error' : ''}">${s.errors}</td><td class="${s.warnings ? 'warning' : ''}">${s.warnings}</td><td>${esc(sourcesText(s))}</td></tr>`);
  }
  out.push(`</tbody></table>`);
  out.push(`<h2>Coverage matrix</h2><p class="legend small">${(Object.keys(STATUS_LABEL) as CoverageStatus[]).map((k) => `<span class="verdict ${k}">${STATUS_LABEL[k]}</span>`).join('')}</p>`);
  out.push(`<table id="coverage"><thead><tr><th>Evidence source</th>${clouds.map((c) => `<th>${esc(c.toUpperCase())}</th>`).join('')}</tr></thead><tbody>`);
  for (const row of r.coverage.rows) {
    out.push(`<tr><th scope="row">${esc(row.title)}<div class="small">${esc(row.answers)}</div></th>${clouds.map((c) => cellHtml(row.cells[c], c)).join('')}</tr>`);
  }
  out.push(`</tbody></table>`);
  out.push(`<h2>Incident readiness</h2><div id="scenarios">`);
  for (const sc of r.scenarios) {
    out.push(`<section class="scenario" id="scenario-${esc(sc.id)}"><h3>${esc(sc.title)} <span class="verdict ${sc.readiness}">${READY_LABEL[sc.readiness]}</span></h3>`);
    out.push(`<p>${esc(sc.incident)} <span class="small">${sc.techniques.map(esc).join(', ')}</span></p>`);
    out.push(`<table><thead><tr><th>Question</th><th>Cloud</th><th>Readiness</th><th>Evidence</th><th>Gaps</th><th>Answered by</th></tr></thead><tbody>`);
    for (const i of sc.items) {
      out.push(`<tr><td>${esc(i.need)}</td><td>${esc(i.cloud.toUpperCase())}</td><td class="${i.readiness}">${READY_LABEL[i.readiness]}</td><td class="small">${esc(i.evidence)}</td><td class="small">${i.gaps.length ? `<ul>${i.gaps.map((g) => `<li>${esc(g)}</li>`).join('')}</ul>` : 'none'}</td><td class="small answer">${answerHtml(i.answer)}</td></tr>`);
    }
    out.push(`</tbody></table></section>`);
  }
  out.push(`</div>`);
  return out.join('\n');
}

function answerHtml(answer: ScenarioAnswer | undefined): string {
  if (!answer) return 'no query of the kit';
  const query = answer.query ? `<code>${esc(answer.query)}</code>, ${answer.deployed ? 'deployed by the checked templates' : 'not deployed by the checked templates'}` : 'no query for this cloud yet';
  const drill = answer.drill ? `<div class="drill ${answer.drill.outcome}">Drill: ${answer.drill.outcome === 'answered' ? 'answered' : `<strong>${esc(answer.drill.outcome)}</strong>`} (${esc(answer.drill.summary)})</div>` : '';
  return `<strong>${esc(answer.question)}</strong>: ${query}${drill}${answer.caveat ? `<div>${esc(answer.caveat)}</div>` : ''}`;
}

function cellHtml(cell: CoverageCell, cloud: string): string {
  const bits: string[] = [`<span class="verdict ${cell.status}">${STATUS_LABEL[cell.status]}</span>`];
  if (cell.declaredBy.length) bits.push(`<div>Declared in the evidence context: ${cell.declaredBy.map(esc).join('; ')}</div>`);
  if (cell.capturedBy.length) {
    const by = [...new Set(cell.capturedBy.map((b) => b.what))];
    bits.push(`<div>By ${by.map(esc).join('; ')}: ${cell.capturedBy.slice(0, 4).map((b) => `<code>${esc(b.address)}</code>`).join(', ')}${cell.capturedBy.length > 4 ? ` and ${cell.capturedBy.length - 4} more` : ''}</div>`);
  }
  if (cell.storedIn.length) {
    bits.push(`<div>Stored in ${cell.storedIn.slice(0, 3).map((s) => `<code>${esc(s.address)}</code> (${esc(s.immutability)}, ${esc(retentionLabel(s.retentionDays))})`).join(', ')}</div>`);
    for (const k of keptStatements(cell)) {
      const said = esc(`${k.words.charAt(0).toUpperCase()}${k.words.slice(1)}`);
      const words = k.weak ? said.replace(/(not immutable|not locked|unknown|disputed)/i, '<strong>$1</strong>') : said;
      bits.push(`<div>${words}${k.stores.length ? ` in ${k.stores.map((a) => `<code>${esc(a)}</code>`).join(', ')}` : ''}</div>`);
    }
  }
  if (cell.findings.length) bits.push(`<div>Weakened by ${cell.findings.map((id) => `<a href="#${esc(anchor(id))}">${esc(id.split('@')[0])}</a>`).join(', ')}</div>`);
  if (cell.note) bits.push(`<div class="small">${esc(cell.note)}</div>`);
  return `<td class="cell ${cell.status}" data-cloud="${esc(cloud)}">${bits.join('')}</td>`;
}

/**
 * The id of a finding's row, from its finding id: letters, digits, `.` and `-` as they are, every
 * other character (`_` included) as `_<hex code point>_`. The escape is injective, so two findings
 * whose addresses differ only in characters an id cannot hold (`Data_1`, `Data 1`, `Data/1`) never
 * share an id, and it depends on the finding alone, so the id is the same on every run.
 */
export function anchor(id: string): string {
  return `f-${id.replace(/[^A-Za-z0-9.-]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}

function findingsHtml(report: Report): string {
  const rules = ruleIndex(report);
  const out: string[] = [`<h2>Findings</h2>`];
  if (report.findings.length === 0) return `${out[0]}<p id="findings">None.</p>`;
  out.push(`<table id="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>What is wrong</th><th>Why it matters</th><th>Fix</th></tr></thead><tbody>`);
  for (const f of report.findings) {
    const rule = rules.get(f.ruleId);
    out.push(`<tr id="${esc(anchor(findingId(f)))}"><td class="${f.severity}">${esc(severityLabel(f))}</td><td><code>${esc(f.ruleId)}</code></td><td>${resourceHtml(f)}</td><td>${esc(f.message)}</td><td class="small">${esc(rule?.rationale ?? '')}</td><td class="small">${esc(rule?.fix ?? '')}</td></tr>`);
  }
  out.push(`</tbody></table>`);
  return out.join('\n');
}

function suppressedHtml(list: readonly Finding[]): string {
  if (list.length === 0) return `<h2>Acknowledged (suppressed)</h2><p>None.</p>`;
  const rows = list.map((f) => `<tr><td><code>${esc(f.ruleId)}</code></td><td>${resourceHtml(f)}</td><td>${esc(f.suppressed?.reason ?? '')}</td></tr>`).join('');
  return `<h2>Acknowledged (suppressed)</h2><table id="suppressed"><thead><tr><th>Rule</th><th>Resource</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function resourceHtml(f: Finding): string {
  return `<code>${esc(f.address)}</code> <span class="small">${esc(f.resourceType)}<br>${esc(f.line ? `${f.file}:${f.line}` : f.file)}${f.constructPath ? `<br>${esc(f.constructPath)}` : ''}</span>`;
}
