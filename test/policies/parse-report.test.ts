import { jsonErrorOffset } from '../../policies/engine/json-error';
import { parseSource } from '../../policies/engine/parse';
import { runRules } from '../../policies/engine/runner';
import { REPORT_RENDERERS, buildReport } from '../../policies/report';
import { xml } from '../../policies/report/junit';
import { row, text } from '../../policies/report/markdown';
import { BucketLocked } from './fixture-rules';
import { cfnModel } from './helpers';

describe('parseSource', () => {
  test.each([
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a": "\u0001"}', 7],
    ['{"a": tru}', 6],
    ['{"a": 1} x', 9],
    ['{"a": "\\q"}', 8],
  ])('finds where %j goes wrong', (src, offset) => {
    expect(() => JSON.parse(src)).toThrow();
    expect(jsonErrorOffset(src)).toBe(offset);
  });

  test('reports the line and column of malformed JSON', () => {
    expect(() => parseSource('{\n  "Resources": {\n    "B": ,\n  }\n}', 'f.json')).toThrow('f.json: malformed JSON at line 3, column 10');
  });

  test('recognises JSON after leading whitespace', () => {
    expect(parseSource('\n  {"Resources": {}}', 'f').syntax).toBe('json');
  });

  test('YAML anchors and aliases resolve; an alias bomb is refused', () => {
    expect(parseSource('a: &x {k: 1}\nb: *x\n', 'f').doc).toEqual({ a: { k: 1 }, b: { k: 1 } });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(() => parseSource(bomb, 'bomb.yaml')).toThrow(/bomb\.yaml: malformed YAML/);
  });

  test('locates keys of a 50 MB template with one long string, in one linear pass (no regular-expression stack overflow)', () => {
    const long = 'x'.repeat(50 * 1024 * 1024);
    const src = `{"Resources": {\n "A": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "${long}"}},\n "B\\u0042": {"Type": "AWS::S3::Bucket"}}}`;
    const { locator } = parseSource(src, 'big.json');
    expect(locator.lineOf(['Resources', 'A'])).toBe(2);
    expect(locator.lineOf(['Resources', 'BB'])).toBe(3);
  });

  test('a string that merely looks like a key is not one; escaped quotes stay inside their string', () => {
    const { locator } = parseSource('{"x": "say \\"A\\": no",\n"A": 1}', 'f.json');
    expect(locator.lineOf(['A'])).toBe(2);
  });

  test('!GetAtt in scalar form splits at the first dot only', () => {
    expect(parseSource('v: !GetAtt Res.Attr.Nested\n', 'f').doc).toEqual({ v: { 'Fn::GetAtt': ['Res', 'Attr.Nested'] } });
  });
});

describe('renderers', () => {
  const model = cfnModel({
    Resources: { 'Bad': { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: 'yes <b>|' } }, Unknown: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: { Ref: 'P' } } } },
    Parameters: { P: { Type: 'String' } },
  });
  const report = buildReport(runRules(model, [BucketLocked]));

  test('are deterministic (no timestamps)', () => {
    for (const r of Object.values(REPORT_RENDERERS)) expect(r.render(report)).toBe(r.render(buildReport(runRules(model, [BucketLocked]))));
  });

  test('text marks UNKNOWN findings as warnings', () => {
    expect(REPORT_RENDERERS.text.render(report)).toContain('WARNING (unknown)  TEST.Bucket.Locked  Unknown (AWS::S3::Bucket)');
  });

  test('junit escapes XML and drops characters XML cannot hold', () => {
    expect(xml('a<b>&"c\'\u0001')).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(REPORT_RENDERERS.junit.render(report)).toContain('lock is &quot;yes &lt;b&gt;|&quot;, expected true');
  });

  test('junit shows a warning below --fail-on as passing, with its text', () => {
    expect(REPORT_RENDERERS.junit.render(report)).toMatch(/<system-out>WARNING \(unknown\): the lock setting cannot be resolved<\/system-out>/);
    expect(REPORT_RENDERERS.junit.render(buildReport(runRules(model, [BucketLocked]), { failOn: 'warning' }))).toContain('type="unknown"');
  });

  test('markdown escapes pipes and HTML in cells', () => {
    expect(row([text('a|b <i>'), 'c\nd'])).toBe('| a\\|b &lt;i&gt; | c<br>d |');
    expect(REPORT_RENDERERS.markdown.render(report)).toContain('lock is "yes &lt;b&gt;\\|", expected true');
  });
});
