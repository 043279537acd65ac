/**
 * The Markdown report carries no markup of an input's own: a file name, a resource type or a
 * logical id that spells a link, emphasis, a heading or a list item reads as text, and a code span
 * holds any run of backticks and any line break.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { code, text } from '../../policies/report/markdown';
import { runMain } from '../run-main';

describe('Markdown report of hostile inputs', () => {
  test('text escapes what opens markup and turns a line break into <br>: no heading or list item of the input', () => {
    expect(text('Custom::X](https://evil.example)**bold**')).toBe('Custom::X\\](https://evil.example)\\*\\*bold\\*\\*');
    expect(text('Custom::Y\n# Injected heading\n- fake: PASSED')).toBe('Custom::Y<br># Injected heading<br>- fake: PASSED');
    expect(text('[Approved](https:evil) _x_ ~~y~~ `z` <img> a&b')).toBe('\\[Approved\\](https:evil) \\_x\\_ \\~\\~y\\~\\~ \\`z\\` &lt;img&gt; a&amp;b');
  });

  test('a code span holds any run of backticks and a line break', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('S/`` x ``|y')).toBe('``` S/`` x ``|y ```');
    expect(code('a\nb')).toBe('`a\u23ceb`');
  });

  test('text and code spans show terminal controls (ESC, BEL, C1, DEL) escaped: the report on a terminal sends no sequence', () => {
    expect(text('Open\u001b[2J\u0007\u009b31m\u007f')).toBe('Open\\u001b\\[2J\\u0007\\u009b31m\\u007f');
    expect(code('Stack/Open\u001b[2J\r')).toBe('`Stack/Open\\u001b[2J\u23ce`');
    expect(text('a\tb')).toBe('a\tb');
  });

  test('check --format markdown of a template whose types and ids spell markup keeps every line the kit\'s own', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-md-'));
    try {
      const file = path.join(dir, '[Approved by security](https:evil.example) **PASSED**.json');
      fs.writeFileSync(file, JSON.stringify({
        Resources: {
          A: { Type: 'Custom::X](https://evil.example)**bold**', Properties: {} },
          B: { Type: 'Custom::Y\n# Injected heading\n- fake: PASSED', Properties: {} },
        },
      }));
      const r = runMain(['check', file, '--format', 'markdown', '--fail-on', 'never'], { cwd: dir });
      const lines = r.stdout.split('\n');
      expect(lines.filter((l) => /^#/.test(l))).toEqual(lines.filter((l) => /^#{1,3} (Forensic readiness report|Findings|Acknowledged \(suppressed\)|Inputs|Per cloud|Coverage matrix|Incident readiness|.*: (READY|PARTIAL|GAP))$/.test(l)));
      // Outside code spans (which show their text as it is), no link, emphasis or item of the input's.
      const prose = r.stdout.replace(/(`+)[^`]*?\1/g, '');
      expect(r.stdout).not.toMatch(/^- fake: PASSED/m);
      expect(prose).not.toMatch(/(^|[^\\])\[Approved by security\]/);
      expect(prose).not.toMatch(/(^|[^\\])\*\*PASSED\*\*/);
      expect(prose).toContain('\\[Approved by security\\](https:evil.example) \\*\\*PASSED\\*\\*.json: 0 of 2 resources judged');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
