import { oneLine } from '../../policies/engine/errors';
import { jsonErrorOffset, scanJson } from '../../constructs/core/json-scan';
import { MAX_NESTING, parseSource } from '../../policies/engine/parse';
import { runRules } from '../../policies/engine/runner';
import { REPORT_RENDERERS, buildReport, verdictLine } from '../../policies/report';
import { xml } from '../../policies/report/junit';
import { row, text } from '../../policies/report/markdown';
import { BucketLocked } from './fixture-rules';
import { cfnModel } from './helpers';


/**
 * How much longer `f(large)` takes than `f(small)`: the fastest of five runs of each (load only adds
 * time), so that a linear pass gives about large / small and a quadratic one its square.
 */
function growth(f: (n: number) => unknown, small: number, large: number): number {
  const fastest = (n: number): number => {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      f(n);
      best = Math.min(best, performance.now() - t0);
    }
    return Math.max(best, 0.05);
  };
  return fastest(large) / fastest(small);
}

describe('parseSource', () => {
  test('keeps no hold on the text it parsed (no regular expression matched over the whole input)', () => {
    const text = `{"Resources": {${Array.from({ length: 50 }, (_, i) => `"B${i}": {"Type": "AWS::S3::Bucket"}`).join(', ')}}}`;
    /x/.test('x');
    parseSource(text, 'f.json');
    // RegExp.input (legacy, V8 keeps it) is the subject of the last match in the realm.
    expect((RegExp as unknown as { input: string }).input).toBe('x');
  });

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
    // The first character that is not white space decides, Unicode white space included: after
    // white space JSON does not allow, the text is still taken for JSON, and refused as malformed.
    for (const lead of ['', ' \t\r\n']) {
      expect(parseSource(`${lead}{"a": 1}`, 'f').syntax).toBe('json');
      expect(parseSource(`${lead}[1]`, 'f').syntax).toBe('json');
      expect(parseSource(`${lead}a: 1`, 'f').syntax).toBe('yaml');
    }
    for (const lead of ['\u000b', '\u000c', '\u00a0', '\u2028', '\u3000', '\ufeff']) {
      expect(() => parseSource(`${lead}{"a": 1}`, 'f')).toThrow(/^f: malformed JSON at line 1, column 1: /);
    }
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

  test('lineOfValue: the line of the first key holding a string value, after a chain of keys; JSON and YAML alike', () => {
    const json = parseSource('{"changes": [{"address": "a.b"}],\n"values": [\n{"address": "a.c"},\n{"address": "a.b", "x": {"address": 3}}]}', 'p.json').locator;
    expect(json.lineOfValue(['values'], 'address', 'a.b')).toBe(4);
    expect(json.lineOfValue([], 'address', 'a.b')).toBe(1);
    expect(json.lineOfValue(['values'], 'address', 'a.c')).toBe(3);
    expect(json.lineOfValue(['values'], 'address', 'a.d')).toBeUndefined();
    const yaml = parseSource('changes:\n  - address: a.b\nvalues:\n  - address: a.c\n  - address: "a.b"\n', 'p.yaml').locator;
    expect(yaml.lineOfValue(['values'], 'address', 'a.b')).toBe(5);
    expect(yaml.lineOfValue(['values'], 'address', 'a.d')).toBeUndefined();
  });

  test('finds the error of 100,000 unclosed [ at the end, without recursion', () => {
    expect(jsonErrorOffset('['.repeat(100_000))).toBe(100_000);
    expect(scanJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toEqual({ depth: 100_000, tooDeepAt: undefined, duplicate: undefined });
  });

  test(`nesting: ${MAX_NESTING} levels are read, one more is refused with its position`, () => {
    const nested = (n: number) => `{"Resources": {}, "x": ${'['.repeat(n - 1)}${']'.repeat(n - 1)}}`;
    expect(parseSource(nested(MAX_NESTING), 'f.json').doc).toBeDefined();
    expect(() => parseSource(nested(MAX_NESTING + 1), 'f.json')).toThrow(`f.json: nested deeper than ${MAX_NESTING} levels of objects and lists at line 1, column ${24 + MAX_NESTING - 1}`);
    expect(() => parseSource(`x: ${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}\n`, 'f.yaml')).toThrow(/f\.yaml: nested (deeper than 1000 levels|too deeply for the YAML parser)/);
  });

  test('a key repeated in one JSON object is refused (escaped spellings too); the same key in sibling objects is not', () => {
    expect(() => parseSource('{"Resources": {"A": {}, "\\u0041": {}}}', 'f.json')).toThrow('f.json: duplicate key "A" at line 1, column 25; each key may appear once in an object');
    expect(parseSource('{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": 2}]}', 'f.json').doc).toEqual({ a: { k: 1 }, b: { k: 2 }, c: [{ k: 1 }, { k: 2 }] });
  });

  test('keys are counted past strings that hold quotes, backslashes and colons; a repeat after them is still found', () => {
    const tricky = '{"a\\"": "x\\\\", "b": "\\": \\"c\\": ", "c" : [":", "\\\\"], "__proto__": {"d": 1}}';
    expect(parseSource(tricky, 'f.json').doc).toEqual(JSON.parse(tricky));
    expect(() => parseSource(tricky.replace('"c" :', '"b" :'), 'f.json')).toThrow(/^f\.json: duplicate key "b" at line 1, column \d+; each key may appear once in an object$/);
    expect(() => parseSource('{"__proto__": 1, "__proto__": 2}', 'f.json')).toThrow('f.json: duplicate key "__proto__" at line 1, column 18; each key may appear once in an object');
  });

  test('a YAML alias that holds itself is refused', () => {
    expect(() => parseSource('a: &r\n  b: *r\n', 'f.yaml')).toThrow('f.yaml: a YAML alias refers to a node that holds it (a cycle); give the value itself');
  });

  test('error lines are made in one linear pass (the pattern they replace was quadratic over blanks)', () => {
    expect(oneLine(`${' '.repeat(5_000_000)}x\n\n  y \r\n`)).toBe('x y');
    // Ten times the blanks, about ten times the time (a quadratic pass: a hundred), whatever the machine's load.
    expect(growth((n) => oneLine(`${' '.repeat(n)}x\n\n  y \r\n`), 200_000, 2_000_000)).toBeLessThan(35);
  });

  test('Fn::Sub substitutes in one linear pass: 5 MB of ${ without a } resolves at once, as the pattern did', () => {
    const model = cfnModel({
      Parameters: { P: { Type: 'String', Default: 'pv' } },
      Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { N: { 'Fn::Sub': 'a-${P}-${!Lit}-${}' }, M: { 'Fn::Sub': ['${A}-${P}', { A: 'av' }] }, Big: { 'Fn::Sub': '${'.repeat(2_500_000) } } } },
    });
    const from = { sourceFile: 'template.json', format: 'cloudformation' as const };
    const props = model.resources[0].properties as Record<string, unknown>;
    expect([model.resolve(props.N, from), model.resolve(props.M, from)]).toEqual(['a-pv-${Lit}-${}', 'av-pv']);
    expect(model.resolve(props.Big, from)).toBe('${'.repeat(2_500_000));
    const sub = (n: number) => cfnModel({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { Big: { 'Fn::Sub': '${'.repeat(n) } } } } });
    const small = sub(100_000);
    const large = sub(1_000_000);
    const at = (m: typeof model) => () => m.resolve((m.resources[0].properties as Record<string, unknown>).Big, from);
    expect(growth((n) => (n === 100_000 ? at(small) : at(large))(), 100_000, 1_000_000)).toBeLessThan(35);
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

  test('junit escapes XML, shows control characters escaped (none reaches a terminal raw) and drops what XML cannot hold', () => {
    expect(xml('a<b>&"c\'\u0001')).toBe('a&lt;b&gt;&amp;&quot;c&apos;\\u0001');
    expect(xml('Open\u001b[2J\r\u0007\u009b31m\u007f\ta\nb')).toBe('Open\\u001b[2J\\r\\u0007\\u009b31m\\u007f\ta\nb');
    expect(xml('lone \ud800 surrogate')).toBe('lone  surrogate');
    expect(REPORT_RENDERERS.junit.render(report)).toContain('lock is &quot;yes &lt;b&gt;|&quot;, expected true');
  });

  test('junit shows a NON_COMPLIANT warning below --fail-on as passing, with its text', () => {
    const warningRule = { ...BucketLocked, severity: 'warning' as const };
    const junit = REPORT_RENDERERS.junit.render(buildReport(runRules(model, [warningRule])));
    expect(junit).toMatch(/name="Bad \(AWS::S3::Bucket\) in template\.json" file="template\.json">\n      <system-out>WARNING: lock is &quot;yes &lt;b&gt;\|&quot;, expected true<\/system-out>/);
  });

  test('junit never shows an UNKNOWN as a passing case: below --fail-on it is skipped (not judged), at or above it a failure', () => {
    const junit = REPORT_RENDERERS.junit.render(report);
    expect(junit).toMatch(/name="Unknown \(AWS::S3::Bucket\) in template\.json" file="template\.json">\n      <skipped message="UNKNOWN, not judged before deploy: the lock setting cannot be resolved"\/>/);
    expect(junit).toMatch(/<testsuite name="TEST\.Bucket\.Locked" tests="2" failures="1" errors="0" skipped="1">/);
    expect(junit).not.toContain('<system-out>WARNING (unknown)');
    expect(REPORT_RENDERERS.junit.render(buildReport(runRules(model, [BucketLocked]), { failOn: 'warning' }))).toContain('type="unknown"');
  });

  test('the summary says how many warnings are UNKNOWN (not judged before deploy), in every format that leads with it', () => {
    expect(verdictLine(report)).toBe('FAILED: 1 error, 1 warning (1 UNKNOWN: not judged before deploy), 0 suppressed in 2 resources');
    expect(REPORT_RENDERERS.text.render(report)).toContain('1 warning (1 UNKNOWN: not judged before deploy)');
    const known = buildReport(runRules(cfnModel({ Resources: { Bad: { Type: 'AWS::S3::Bucket', Properties: {} } } }), [{ ...BucketLocked, severity: 'warning' as const }]));
    expect(verdictLine(known)).toBe('PASSED: 0 errors, 1 warning, 0 suppressed in 1 resource');
    expect([JSON.parse(REPORT_RENDERERS.json.render(report)).summary.unknown, JSON.parse(REPORT_RENDERERS.json.render(known)).summary.unknown]).toEqual([1, 0]);
    expect(JSON.parse(REPORT_RENDERERS.sarif.render(report)).runs[0].properties.unknown).toBe(1);
  });

  test('markdown escapes pipes and HTML in cells', () => {
    expect(row([text('a|b <i>'), 'c\nd'])).toBe('| a\\|b &lt;i&gt; | c<br>d |');
    expect(REPORT_RENDERERS.markdown.render(report)).toContain('lock is "yes &lt;b&gt;\\|", expected true');
  });
});
