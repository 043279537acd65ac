/**
 * The outputs of `investigate`: text (a table), JSON (exactly `{question, parameters, inputs,
 * warnings, rows}`), CSV (the rows, the warnings before them as `# ` lines) and HTML (a page with
 * no external asset: a timeline picture by cloud and actor in inline SVG, the table, each event
 * linked to its raw record). Every format lists every warning.
 */
import { pathToFileURL } from 'url';
import { printable } from '../constructs/core/input-error';
import type { Answer } from './engine';

export const INVESTIGATE_FORMATS = ['text', 'json', 'csv', 'html'] as const;
export type InvestigateFormat = (typeof INVESTIGATE_FORMATS)[number];

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function renderJson(a: Answer): string {
  return `${JSON.stringify({ question: a.question, parameters: a.parameters, inputs: a.inputs, warnings: a.warnings, rows: a.rows }, null, 2)}\n`;
}

const paramText = (a: Answer): string =>
  Object.entries(a.parameters)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`)
    .join(' ');

/**
 * A value as the text output shows it: printable (every control character, DEL, C1, line separator
 * and bidirectional override as a visible escape such as `\n`, `\u001b`, `\u202e`), so a value of
 * the logs (a User-Agent, an object key) cannot forge a row or send a terminal sequence. JSON and
 * CSV hold the exact value.
 */
const textCell = (v: unknown): string => printable(cell(v));

export function renderText(a: Answer): string {
  const lines = [printable(`${a.question}: ${a.rows.length} ${a.rows.length === 1 ? 'row' : 'rows'}${paramText(a) ? ` (${paramText(a)})` : ''}`)];
  for (const i of a.inputs) lines.push(printable(`input ${i.path}: ${i.files} ${i.files === 1 ? 'file' : 'files'} of ${i.title}`));
  for (const w of a.warnings) lines.push(`warning: ${printable(w)}`);
  if (a.rows.length > 0) {
    const widths = a.columns.map((c) => Math.min(60, Math.max(c.length, ...a.rows.map((r) => textCell(r[c]).length))));
    const fit = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
    lines.push('', a.columns.map((c, i) => fit(c, widths[i])).join('  ').trimEnd());
    for (const r of a.rows) lines.push(a.columns.map((c, i) => fit(textCell(r[c]), widths[i])).join('  ').trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One CSV field. A string a spreadsheet would read as a formula (starting with = + - @, a tab or
 * a carriage return: OWASP's CSV injection list) gets a leading `'`, so it shows as text; numbers
 * stay numbers. Quoted when it holds a quote, comma or line break (RFC 4180).
 */
const csvField = (v: unknown): string => {
  const s = cell(v);
  const text = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(text) || text !== s ? `"${text.replace(/"/g, '""')}"` : text;
};

export function renderCsv(a: Answer): string {
  const lines = [`# ${printable(`${a.question}${paramText(a) ? ` ${paramText(a)}` : ''}`)}`, ...a.warnings.map((w) => `# warning: ${printable(w)}`)];
  lines.push(a.columns.join(','));
  for (const r of a.rows) lines.push(a.columns.map((c) => csvField(r[c])).join(','));
  return `${lines.join('\n')}\n`;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The timeline picture: one lane per cloud and actor, one mark per event at its time. */
function timelineSvg(a: Answer): string {
  const events = a.rows.filter((r) => typeof r.time === 'string');
  if (events.length === 0) return '';
  const lanes = [...new Set(events.map((r) => `${r.cloud} · ${r.principal ?? '(no principal)'}`))].sort();
  const times = events.map((r) => Date.parse(r.time as string));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const left = 340;
  const width = 1000;
  const laneH = 22;
  const height = 40 + lanes.length * laneH;
  const x = (t: number): number => left + (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * width);
  const colour: Record<string, string> = { aws: '#e07b00', gcp: '#1a73e8', azure: '#0a8a4a' };
  const marks = events.map((r, i) => {
    const lane = lanes.indexOf(`${r.cloud} · ${r.principal ?? '(no principal)'}`);
    const fill = r.outcome === 'failure' ? '#c62828' : (colour[r.cloud as string] ?? '#555');
    return `<a href="#event-${i + 1}"><circle class="event" cx="${x(times[i]).toFixed(1)}" cy="${30 + lane * laneH}" r="4" fill="${fill}"><title>${esc(`${r.time} ${r.action} ${cell(r.target)}`)}</title></circle></a>`;
  });
  const labels = lanes.map((l, i) => `<text class="lane" x="${left - 8}" y="${34 + i * laneH}" text-anchor="end">${esc(l.length > 52 ? `…${l.slice(-51)}` : l)}</text><line x1="${left}" x2="${left + width}" y1="${30 + i * laneH}" y2="${30 + i * laneH}" stroke="#ddd"/>`);
  return `<svg id="timeline-picture" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${left + width + 20} ${height}" width="100%" role="img" aria-label="events by cloud and actor over time">
<text x="${left}" y="14">${esc(new Date(t0).toISOString())}</text><text x="${left + width}" y="14" text-anchor="end">${esc(new Date(t1).toISOString())}</text>
${labels.join('\n')}
${marks.join('\n')}
</svg>`;
}

export function renderHtml(a: Answer): string {
  const linked = a.columns.includes('rawFile');
  const rows = a.rows.map((r, i) => {
    const cells = a.columns.map((c) => {
      if (c === 'rawFile' && typeof r.rawFile === 'string') {
        const abs = a.rawFiles.get(r.rawFile);
        const text = `${r.rawFile}:${cell(r.rawLine)}`;
        return `<td><a class="raw" href="${abs ? esc(pathToFileURL(abs).href) : ''}" title="record ${esc(cell(r.rawLine))} of ${esc(r.rawFile)}">${esc(text)}</a></td>`;
      }
      return `<td>${esc(cell(r[c]))}</td>`;
    });
    return `<tr id="event-${i + 1}" class="${esc(cell(r.cloud))}">${cells.join('')}</tr>`;
  });
  const columns = a.columns.map((c) => `<th>${esc(c === 'rawFile' && linked ? 'raw record' : c)}</th>`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`Investigation: ${a.question}`)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f0}tr.aws td:first-child{border-left:4px solid #e07b00}tr.gcp td:first-child{border-left:4px solid #1a73e8}tr.azure td:first-child{border-left:4px solid #0a8a4a}
#warnings li{color:#a04000}svg text{font-size:11px}tr:target{background:#fff6c0}
</style></head><body>
<h1>Investigation: ${esc(a.question)}</h1>
<p id="parameters">${esc(paramText(a) || 'no parameters')}</p>
<h2>Inputs</h2><ul id="inputs">${a.inputs.map((i) => `<li>${esc(`${i.path}: ${i.files} ${i.files === 1 ? 'file' : 'files'} of ${i.title}`)}</li>`).join('')}</ul>
<h2>Warnings</h2><ul id="warnings">${a.warnings.length === 0 ? '<li class="none">none</li>' : a.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>
${a.question === 'timeline' ? `<h2>Timeline</h2>\n${timelineSvg(a)}` : ''}
<h2>${a.rows.length} ${a.rows.length === 1 ? 'row' : 'rows'}</h2>
<table id="rows"><thead><tr>${columns.join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`;
}

export const INVESTIGATE_RENDERERS: Readonly<Record<InvestigateFormat, (a: Answer) => string>> = { text: renderText, json: renderJson, csv: renderCsv, html: renderHtml };
