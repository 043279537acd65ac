/**
 * What the check and report outputs say about what the run rests on: an input not read wins over
 * nothing judged (FAILED, named, the nothing-judged fact still stated) in every format; every
 * human-readable report names each input not read; the text report shows the input's control
 * characters escaped; a threshold not at its default is named in text, Markdown and HTML, and a
 * lowered one warns on stderr.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../bin/cli';
import { REPORT_FORMATS, printable } from '../../policies/report';
import { FIXTURE_RULES } from './fixture-rules';
import { Run, runMain } from '../run-main';

const run = (argv: string[], io: Partial<CliIo> = {}): Run => runMain(argv, { cwd: tmp, rules: FIXTURE_RULES, ...io });

let tmp: string;
const write = (name: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
  fs.writeFileSync(path.join(tmp, name), content);
  return name;
};
const lastLine = (text: string) => text.trimEnd().split('\n').pop();
const stderrLines = (r: Run) => r.stderr.split('\n').filter(Boolean);

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-report-honest-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A template no fixture rule judges, a malformed one, and a locked bucket (30 days) that passes. */
const queueOnly = () => write('queue.json', JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: {} } } }));
const broken = () => write('broken.json', '{"Resources": {"B": }');
const locked30 = () =>
  write('locked30.json', JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, ObjectLockConfiguration: { Rule: { DefaultRetention: { Days: 30 } } } } } } }));
const REASON = '1 resource of 1 type (AWS::SQS::Queue 1); no rule applies to it';
const NOT_READ = /Not read: broken\.json: malformed JSON at line 1, column \d+/;

describe('nothing judged in the inputs read, another input not read: FAILED, named, nothing judged still said', () => {
  test('text: exit 2, FAILED with "1 input not read" and the nothing-judged reason; stderr names the input and says nothing was judged, with no --allow-empty hint', () => {
    const r = run(['check', queueOnly(), broken()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`\n${NOT_READ.source}`));
    expect(lastLine(r.stdout)).toBe(`FAILED: 0 errors, 0 warnings, 0 suppressed in 1 resource (1 file); 1 input not read; nothing judged: ${REASON} (fail on: error)`);
    const lines = stderrLines(r);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^forensic-readiness: broken\.json: malformed JSON/);
    // --allow-empty would not make this run pass: the input not read fails it.
    expect(lines[1]).toBe(`forensic-readiness: nothing judged in the inputs read either: ${REASON}`);
  });

  test('--allow-empty: still exit 2 and FAILED; the verdict says allowEmpty allowed the nothing judged; stderr only names the input', () => {
    const r = run(['check', queueOnly(), broken(), '--allow-empty']);
    expect(r.code).toBe(2);
    expect(lastLine(r.stdout)).toBe(`FAILED: 0 errors, 0 warnings, 0 suppressed in 1 resource (1 file); 1 input not read; nothing judged: ${REASON} (allowed by allowEmpty) (fail on: error)`);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^forensic-readiness: broken\.json: malformed JSON/)]);
  });

  test('json: status failed, statusReason says the input not read and that nothing was judged, unread names it', () => {
    const r = run(['check', queueOnly(), broken(), '--format', 'json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ status: 'failed', statusReason: `1 input not read; nothing judged in the inputs read: ${REASON}`, allowEmpty: false, summary: { failed: true } });
    expect(doc.inputCoverage.nothingJudged).toBe(true);
    expect(doc.unread).toEqual([{ path: 'broken.json', message: expect.stringMatching(/^broken\.json: malformed JSON/) }]);
  });

  test('sarif: the input-not-read and the nothing-judged notifications both, execution not successful, status failed', () => {
    const log = JSON.parse(run(['check', queueOnly(), broken(), '--format', 'sarif']).stdout);
    const [invocation] = log.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications.map((n: { descriptor: { id: string }; level: string }) => [n.descriptor.id, n.level])).toEqual([
      ['forensic-readiness/input-not-read', 'error'],
      ['forensic-readiness/nothing-judged', 'error'],
    ]);
    expect(log.runs[0].properties.status).toBe('failed');
  });

  test('junit: the errored input case and the failing coverage case both', () => {
    const out = run(['check', queueOnly(), broken(), '--format', 'junit']).stdout;
    expect(out).toMatch(/<testsuites name="forensic-readiness" tests="2" failures="1" errors="1" skipped="0">/);
    expect(out).toContain(`<failure message="FAILED: 0 errors, 0 warnings, 0 suppressed in 1 resource (1 file); 1 input not read; nothing judged: ${REASON}" type="nothing-judged">`);
    expect(out).toMatch(/<error message="Not read: broken\.json: malformed JSON/);
  });

  test.each(['markdown', 'html'])('%s: FAILED, never NOTHING JUDGED as the verdict, with the count not read and the reason', (format) => {
    const out = run(['check', queueOnly(), broken(), '--format', format]).stdout;
    const detail = `0 errors, 0 warnings, 0 suppressed in 1 resource (1 file); 1 input not read; nothing judged: ${REASON}`;
    expect(out).toContain(format === 'html' ? `<span class="verdict failed" id="verdict">FAILED</span> <span id="verdict-detail">${detail}</span>` : `**FAILED**: ${detail} (fail on: error).`);
  });

  test('every input read and nothing judged: NOTHING JUDGED and the --allow-empty hint, as before', () => {
    const r = run(['check', queueOnly()]);
    expect(r.code).toBe(1);
    expect(lastLine(r.stdout)).toBe(`NOTHING JUDGED: ${REASON} (fail on: error)`);
    expect(r.stderr).toBe(`forensic-readiness: nothing judged, so the run fails: ${REASON} (--allow-empty accepts such a run)\n`);
  });
});

describe('every human-readable report names each input not read, escaped', () => {
  // A name that is markup in HTML and Markdown.
  const hostile = () => write('<b>x</b>.json', '{"Resources": {"B": }');

  test('markdown: one "Not read:" line per input, with its reason, the markup escaped', () => {
    const r = run(['check', locked30(), broken(), hostile(), '--format', 'markdown']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`\n- ${NOT_READ.source}`));
    expect(r.stdout).toMatch(/\n- Not read: &lt;b&gt;x&lt;\/b&gt;\.json: malformed JSON at line 1/);
    expect(r.stdout).not.toContain('<b>');
  });

  test('html: a list of the inputs not read, with their reasons, the markup escaped', () => {
    const r = run(['check', locked30(), broken(), hostile(), '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/<ul id="unread"><li class="failed">Not read: broken\.json: malformed JSON at line 1, column \d+[^<]*<\/li><li class="failed">Not read: &lt;b&gt;x&lt;\/b&gt;\.json: malformed JSON/);
    expect(r.stdout).not.toContain('<b>');
  });

  test('report --out: report.html and report.md name the input not read', () => {
    const r = run(['report', locked30(), broken(), '--out', 'r1']);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(path.join(tmp, 'r1', 'report.md'), 'utf8')).toMatch(new RegExp(`\n- ${NOT_READ.source}`));
    expect(fs.readFileSync(path.join(tmp, 'r1', 'report.html'), 'utf8')).toMatch(new RegExp(`<li class="failed">${NOT_READ.source}`));
  });

  test('every input read: no such line or list', () => {
    expect(run(['check', locked30(), '--format', 'markdown']).stdout).not.toContain('Not read');
    expect(run(['check', locked30(), '--format', 'html']).stdout).not.toContain('id="unread"');
  });
});

describe('the text report shows control characters of the input escaped', () => {
  const FORGED = 'Open\nPASSED: 0 errors, 0 warnings, 0 suppressed in 1 resource (1 file) (fail on: error)\n\u001b[8m';
  const template = () =>
    write(
      'inject.json',
      JSON.stringify({
        Resources: {
          [FORGED]: { Type: 'AWS::S3::Bucket', Properties: {}, Metadata: { 'aws:cdk:path': 'Stack/\u001b]0;title\u0007/Resource' } },
          Waived: {
            Type: 'AWS::S3::Bucket',
            Properties: {},
            Metadata: { 'forensic-readiness': { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', reason: 'scratch\nPASSED: forged\tby a tab' }] } },
          },
          Q: { Type: 'Custom::Q\u001b[31m', Properties: {} },
        },
      }),
    );
  // A file named with a line break and an escape sequence, not readable.
  const badName = () => write('bad\nPASSED\u001b[8m.json', '{');

  test('one finding is one block of lines: no control character but the line breaks, no forged verdict line, the values shown escaped', () => {
    const r = run(['check', template(), badName()]);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const lines = r.stdout.trimEnd().split('\n');
    // The only line that starts with a verdict word is the last one.
    expect(lines.filter((l) => /^(PASSED|FAILED|NOTHING JUDGED)/.test(l))).toEqual([lines[lines.length - 1]]);
    expect(lines[lines.length - 1]).toMatch(/^FAILED: 1 error, /);
    expect(lines).toContain('ERROR  TEST.Bucket.Locked  Open\\nPASSED: 0 errors, 0 warnings, 0 suppressed in 1 resource (1 file) (fail on: error)\\n\\u001b[8m (AWS::S3::Bucket)');
    expect(lines).toContain('  at inject.json:1  construct Stack/\\u001b]0;title\\u0007/Resource');
    // A reason may hold a line break and a tab (any other control character is refused): shown escaped.
    expect(lines).toContain('    reason: scratch\\nPASSED: forged\\tby a tab');
    expect(lines).toContain('  inject.json: 2 of 3 resources judged; not judged: Custom::Q\\u001b[31m 1');
    expect(lines).toContain('Not read: bad\\nPASSED\\u001b[8m.json: malformed JSON at line 1, column 2: Expected property name or \'}\' in JSON at position 1');
  });

  test('a construct path holding ESC [2J and a carriage return is shown escaped on its line, stdout and stderr holding none raw', () => {
    const r = run(['check', write('clear.json', JSON.stringify({ Resources: { Open: { Type: 'AWS::S3::Bucket', Properties: {}, Metadata: { 'aws:cdk:path': 'Stack/Open\u001b[2J\r/Resource' } } } }))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  at clear.json:1  construct Stack/Open\\u001b[2J\\r/Resource\n');
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  test('check --output: the verdict line on stdout is printable too', () => {
    const r = run(['check', write('types.json', JSON.stringify({ Resources: { Q: { Type: 'Custom::Q\n\u001b[8m', Properties: {} } } })), '--output', 'types.txt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('NOTHING JUDGED: 1 resource of 1 type (Custom::Q\\n\\u001b[8m 1); no rule applies to it; text report written to types.txt\n');
    expect(r.stderr).toBe('forensic-readiness: nothing judged, so the run fails: 1 resource of 1 type (Custom::Q\\n\\u001b[8m 1); no rule applies to it (--allow-empty accepts such a run)\n');
  });

  test('every stderr line is printable too: an unreadable file named with a terminal sequence, and an error naming it', () => {
    write('b\u001b[8m.json', '{"Resources": {"B": }');
    const r = run(['check', 'b\u001b[8m.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\u001b');
    expect(stderrLines(r)[0]).toMatch(/^forensic-readiness: b\\u001b\[8m\.json: malformed JSON at line 1/);
    const missing = run(['check', 'gone\r\u202e.json']);
    expect([missing.code, missing.stderr]).toEqual([2, 'forensic-readiness: gone\\r\\u202e.json: no such file or folder\n']);
  });

  test('printable escapes C0, DEL, C1, line and paragraph separators and bidirectional controls, and nothing else', () => {
    expect(printable('a\tb\r\n\b\f\u0000\u001b\u007f\u0085\u009b\u2028\u2029\u202e\u2066')).toBe('a\\tb\\r\\n\\b\\f\\u0000\\u001b\\u007f\\u0085\\u009b\\u2028\\u2029\\u202e\\u2066');
    expect(printable('C:\\stacks\\ünïcode ✓ "quoted" `tick`')).toBe('C:\\stacks\\ünïcode ✓ "quoted" `tick`');
  });
});

describe('a threshold not at its default is named in text, Markdown and HTML; a lowered one warns on stderr', () => {
  const LINE = 'Thresholds not at their defaults: retentionFloorDays 30 (default 365, weaker)';
  const WARNING = 'forensic-readiness: warning: 1 threshold below its default, so findings the defaults raise may pass: retentionFloorDays 30 (default 365)\n';

  test('text: a lowered floor that makes the run pass says so before the verdict, and warns once on stderr', () => {
    expect(run(['check', locked30()]).stdout).toContain('WARNING  TEST.Bucket.RetentionFloor');
    const r = run(['check', locked30(), '--retention-floor-days', '30']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual([LINE, 'PASSED: 0 errors, 0 warnings, 0 suppressed in 1 resource (1 file) (fail on: error)']);
    expect(r.stderr).toBe(WARNING);
  });

  test('markdown and html: the same line', () => {
    expect(run(['check', locked30(), '--retention-floor-days', '30', '--format', 'markdown']).stdout).toContain('**Thresholds not at their defaults:** retentionFloorDays 30 (default 365, weaker)\n');
    expect(run(['check', locked30(), '--retention-floor-days', '30', '--format', 'html']).stdout).toContain('<p id="thresholds" class="warning">Thresholds not at their defaults: retentionFloorDays 30 (default 365, weaker)</p>');
  });

  test('from a config file too, every key changed named in one line; a raised floor is named stricter and does not warn', () => {
    write('lower.json', JSON.stringify({ interactiveRetentionFloorDays: 30, fullSamplingPercentage: 50 }));
    const r = run(['check', locked30(), '--config', 'lower.json', '--retention-floor-days', '400']);
    expect(r.stdout).toContain('\nThresholds not at their defaults: retentionFloorDays 400 (default 365, stricter), interactiveRetentionFloorDays 30 (default 90, weaker), fullSamplingPercentage 50 (default 100, weaker)\n');
    expect(r.stderr).toBe('forensic-readiness: warning: 2 thresholds below their defaults, so findings the defaults raise may pass: interactiveRetentionFloorDays 30 (default 90), fullSamplingPercentage 50 (default 100)\n');
    const stricter = run(['check', locked30(), '--retention-floor-days', '400']);
    expect(stricter.stdout).toContain('\nThresholds not at their defaults: retentionFloorDays 400 (default 365, stricter)\n');
    expect(stricter.stderr).toBe('');
  });

  test('sarif: the thresholds in the run properties, and a warning notification for a lowered one', () => {
    const lowered = JSON.parse(run(['check', locked30(), '--retention-floor-days', '30', '--format', 'sarif']).stdout).runs[0];
    expect(lowered.properties.thresholds).toEqual({ retentionFloorDays: 30, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 });
    expect(lowered.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [{ descriptor: { id: 'forensic-readiness/threshold-below-default' }, level: 'warning', message: { text: LINE } }],
      },
    ]);
    const stricter = JSON.parse(run(['check', locked30(), '--retention-floor-days', '400', '--format', 'sarif']).stdout).runs[0];
    expect(stricter.properties.thresholds.retentionFloorDays).toBe(400);
    expect(stricter.invocations).toBeUndefined();
  });

  test('report: the warning on stderr, the line in report.md and report.html', () => {
    const r = run(['report', locked30(), '--retention-floor-days', '30', '--out', 'r2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(WARNING);
    expect(fs.readFileSync(path.join(tmp, 'r2', 'report.md'), 'utf8')).toContain('**Thresholds not at their defaults:** retentionFloorDays 30 (default 365, weaker)');
    expect(fs.readFileSync(path.join(tmp, 'r2', 'report.html'), 'utf8')).toContain(`<p id="thresholds" class="warning">${LINE}</p>`);
  });

  test.each(REPORT_FORMATS)('at the defaults, the %s report has no such line and stderr is empty', (format) => {
    const r = run(['check', locked30(), '--format', format, '--fail-on', 'never']);
    expect(r.stdout).not.toContain('Thresholds not at their defaults');
    expect(r.stderr).toBe('');
  });
});

describe('config values in words', () => {
  test('a number JSON or YAML reads as Infinity or NaN is named as such, not as null', () => {
    write('huge.json', '{"retentionFloorDays": 1e400}');
    write('nan.yaml', 'retentionFloorDays: .nan\n');
    write('huge-store.json', '{"context": {"aws": {"evidenceStores": [{"arn": "arn:aws:s3:::org-evidence", "lock": "COMPLIANCE", "retentionDays": 1e400}]}}}');
    expect(run(['check', locked30(), '--config', 'huge.json'])).toMatchObject({ code: 2, stdout: '', stderr: 'forensic-readiness: huge.json: retentionFloorDays must be an integer from 1 to 36500, got Infinity (a number out of range)\n' });
    expect(run(['check', locked30(), '--config', 'nan.yaml']).stderr).toBe('forensic-readiness: nan.yaml: retentionFloorDays must be an integer from 1 to 36500, got NaN\n');
    expect(run(['check', locked30(), '--config', 'huge-store.json']).stderr).toBe(
      'forensic-readiness: huge-store.json: context.aws.evidenceStores[0].retentionDays must be an integer from 1 to 36500, got Infinity (a number out of range)\n',
    );
  });

  test('a declared evidence store kept 1 day says "1 day"', () => {
    write('one-day.json', '{"context": {"aws": {"evidenceStores": [{"arn": "arn:aws:s3:::org-evidence", "lock": "COMPLIANCE", "retentionDays": 1}]}}}');
    expect(run(['check', locked30(), '--config', 'one-day.json']).stdout).toContain('\n  AWS evidence store arn:aws:s3:::org-evidence: Object Lock COMPLIANCE, 1 day\n');
  });
});

describe('--fail-on never: a run with findings exits 0 and says FINDINGS, never PASSED, in every format', () => {
  const unlocked = () => write('unlocked.json', JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: false } } } }));
  const locked400 = () =>
    write('locked400.json', JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true, ObjectLockConfiguration: { Rule: { DefaultRetention: { Days: 400 } } } } } } }));
  const WORD = 'FINDINGS (not failing: --fail-on never)';

  test('text: exit 0, the verdict says the findings do not fail the run', () => {
    const r = run(['check', unlocked(), '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toBe(`${WORD}: 1 error, 0 warnings, 0 suppressed in 1 resource (1 file) (fail on: never)`);
    // A warning alone is a finding too.
    expect(lastLine(run(['check', locked30(), '--fail-on', 'never']).stdout)).toBe(`${WORD}: 0 errors, 1 warning, 0 suppressed in 1 resource (1 file) (fail on: never)`);
  });

  test('json and sarif: status findings, summary.failed false', () => {
    const json = JSON.parse(run(['check', unlocked(), '--fail-on', 'never', '--format', 'json']).stdout);
    expect(json.status).toBe('findings');
    expect(json.summary).toMatchObject({ errors: 1, failOn: 'never', failed: false });
    expect(JSON.parse(run(['check', unlocked(), '--fail-on', 'never', '--format', 'sarif']).stdout).runs[0].properties.status).toBe('findings');
  });

  test('markdown and html: the same words, the html verdict not marked passed', () => {
    expect(run(['check', unlocked(), '--fail-on', 'never', '--format', 'markdown']).stdout).toContain(`**${WORD}**: 1 error, 0 warnings, 0 suppressed in 1 resource (1 file) (fail on: never).`);
    const html = run(['check', unlocked(), '--fail-on', 'never', '--format', 'html']).stdout;
    expect(html).toContain(`<span class="verdict findings" id="verdict">${WORD}</span>`);
    expect(html).not.toContain('PASSED');
  });

  test('report --out: stdout and report.json say findings, exit 0', () => {
    const r = run(['report', unlocked(), '--fail-on', 'never', '--out', 'r-never']);
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toBe(`${WORD}: 1 error, 0 warnings, 0 suppressed in 1 resource (1 file); report written to r-never/report.html, r-never/report.md, r-never/report.json, r-never/report.sarif`);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'r-never', 'report.json'), 'utf8')).status).toBe('findings');
  });

  test('nothing found: PASSED, at never as at error', () => {
    for (const failOn of ['never', 'error']) {
      const r = run(['check', locked400(), '--fail-on', failOn, '--format', 'json']);
      expect([r.code, JSON.parse(r.stdout).status]).toEqual([0, 'passed']);
    }
  });
});
