/**
 * The HTML report's finding anchors: one id per finding, distinct for addresses that differ only
 * in characters an id cannot hold (`Data_1`, `Data 1`, `Data/1`), the same on every run, and every
 * link of the coverage matrix pointing at the row of its finding.
 */
import { buildModel } from '../../policies/engine/loader';
import { loadCloudFormation } from '../../policies/engine/load-cloudformation';
import { runRules } from '../../policies/engine/runner';
import { buildReadiness, buildReport } from '../../policies/report';
import { HTML_RENDERER, esc } from '../../policies/report/html';
import { CloudTrailS3DataEvents } from '../../policies/rules/aws/CloudTrailS3DataEvents';

const ADDRESSES = ['Data_1', 'Data 1', 'Data/1', 'Data_5f_1'];

function render(order: readonly string[]): string {
  const template = loadCloudFormation({ Resources: Object.fromEntries(order.map((id) => [id, { Type: 'AWS::S3::Bucket', Properties: {} }])) }, 'stack.template.json');
  const model = buildModel([template]);
  const result = runRules(model, [CloudTrailS3DataEvents]);
  return HTML_RENDERER.render(buildReport(result, { readiness: buildReadiness(model, result) }));
}

describe('HTML finding anchors', () => {
  it('gives findings on addresses differing only in characters an id cannot hold distinct ids, each linked from the matrix', () => {
    const html = render(ADDRESSES);
    const rows = [...html.matchAll(/<tr id="([^"]*)"><td class="error">[^]*?<code>AWS\.CloudTrail\.S3DataEvents<\/code><\/td><td>[^]*?<code>([^<]*)<\/code>/g)].map((m) => ({ id: m[1], address: m[2] }));
    expect(rows.map((r) => r.address).sort()).toEqual([...ADDRESSES].sort());
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ADDRESSES.length);
    for (const id of ids) expect(id).toMatch(/^f-[A-Za-z0-9_.-]+$/);
    // Every id of the page is unique, and each link of the matrix reaches one finding row.
    const allIds = [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(allIds).size).toBe(allIds.length);
    const links = [...html.matchAll(/<a href="#([^"]*)">AWS\.CloudTrail\.S3DataEvents<\/a>/g)].map((m) => m[1]);
    expect(links.sort()).toEqual([...ids].sort());
  });

  it('is stable: the same finding gets the same id whatever the order of the resources', () => {
    const idOf = (html: string, address: string) => new RegExp(`<tr id="([^"]*)">(?:(?!</tr>).)*<code>${address.replace(/[/]/g, '\\/')}</code>`).exec(html)?.[1];
    const a = render(ADDRESSES);
    const b = render([...ADDRESSES].reverse());
    for (const address of ADDRESSES) {
      expect(idOf(a, address)).toBeDefined();
      expect(idOf(a, address)).toBe(idOf(b, address));
    }
  });
});

describe('HTML escaping of terminal controls', () => {
  it('shows ESC, CR, BEL, C1 and DEL escaped, keeping tabs and line feeds: the page written to a terminal sends no sequence', () => {
    expect(esc('Open\u001b[2J\r\u0007\u009b31m\u007f <b>')).toBe('Open\\u001b[2J\\r\\u0007\\u009b31m\\u007f &lt;b&gt;');
    expect(esc('a\tb\nc')).toBe('a\tb\nc');
    const html = render(['Data\u001b[2J']);
    expect(html).toContain('Data\\u001b[2J');
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
