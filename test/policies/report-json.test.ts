/**
 * The JSON report writes its findings as text: it must be, byte for byte, the document it
 * describes as JSON.stringify(doc, null, 2) would write it.
 */
import { nothingJudgedReason } from '../../policies/engine/input-coverage';
import { runRules } from '../../policies/engine/runner';
import { Finding } from '../../policies/engine/types';
import { buildReadiness, buildReport, REPORT_RENDERERS, Report } from '../../policies/report';
import { readinessJson } from '../../policies/report/readiness';
import { terminalSafeJson } from '../../policies/report/pieces';
import { contextLines } from '../../policies/report/report';
import { BucketLocked, FIXTURE_RULES } from './fixture-rules';
import { cfnModel } from './helpers';

/** The report as an object, stringified: what the renderer's text must equal. */
function expected(report: Report): string {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const finding = (f: Finding): Record<string, unknown> => {
    const rule = rules.get(f.ruleId);
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      verdict: f.verdict,
      address: f.address,
      resourceType: f.resourceType,
      file: f.file,
      ...(f.line ? { line: f.line } : {}),
      ...(f.constructPath ? { constructPath: f.constructPath } : {}),
      message: f.message,
      ...(rule ? { fix: rule.fix, evidenceSource: rule.evidenceSource } : {}),
    };
  };
  const doc = {
    tool: report.tool,
    status: report.status,
    ...(report.status === 'nothing-judged' ? { statusReason: nothingJudgedReason(report.inputCoverage), allowEmpty: report.allowEmpty } : {}),
    summary: { ...report.summary, unknown: report.findings.filter((f) => f.verdict === 'UNKNOWN').length, failOn: report.failOn, failed: report.failed },
    inputCoverage: report.inputCoverage,
    config: report.config,
    evidenceContext: contextLines(report),
    inputs: report.inputs,
    unread: report.unread,
    findings: report.findings.map(finding),
    suppressed: report.suppressed.map((f) => ({ ...finding(f), reason: f.suppressed?.reason, acknowledgedIn: f.suppressed?.source ?? 'template' })),
    ...(report.readiness ? (readinessJson(report.readiness) as object) : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const bucket = (props: Record<string, unknown>, metadata?: Record<string, unknown>) => ({ Type: 'AWS::S3::Bucket', Properties: props, ...(metadata ? { Metadata: metadata } : {}) });
const ack = { 'forensic-readiness': { acknowledgements: [{ ruleId: BucketLocked.id, reason: 'Build cache "bucket"\nnever evidence — ü' }] } };

describe('JSON report text', () => {
  const model = cfnModel({ Resources: { Bad: bucket({}), 'Odd"Name\\': bucket({}), Acked: bucket({}, ack), Good: bucket({ ObjectLockEnabled: true }) } });
  const result = runRules(model, FIXTURE_RULES);

  test('is JSON.stringify of the report document: findings, acknowledged ones with their reasons', () => {
    const report = buildReport(result, { inputs: [{ path: 'template.json', kind: 'cloudformation', files: ['template.json'] }] });
    expect(report.findings.length).toBeGreaterThan(1);
    expect(report.suppressed).toHaveLength(1);
    const text = REPORT_RENDERERS.json.render(report);
    expect(text).toBe(expected(report));
    expect(JSON.parse(text).suppressed[0]).toMatchObject({ address: 'Acked', reason: 'Build cache "bucket"\nnever evidence — ü', acknowledgedIn: 'template' });
  });

  test('with lines, construct paths, a rule not in the report, a reason missing, unread inputs and readiness', () => {
    const [first, ...rest] = result.findings;
    const findings: Finding[] = [
      { ...first, line: 12, constructPath: 'App/Stack/Bad\u2028', message: 'tab\there, quote " and \u0001' },
      { ...first, ruleId: 'TEST.Not.In.Report', address: 'Other' },
      ...rest,
    ];
    const suppressed: Finding[] = result.suppressed.map((f) => ({ ...f, suppressed: { ...f.suppressed!, reason: undefined as never, source: 'file' } }));
    const report = buildReport(result, {
      findings,
      suppressed,
      unread: [{ path: 'gone.json', message: 'gone.json: no such file' }],
      readiness: buildReadiness(model, result),
    });
    const text = REPORT_RENDERERS.json.render(report);
    expect(text).toBe(expected(report));
    expect(JSON.parse(text).findings[1]).not.toHaveProperty('fix');
    expect(JSON.parse(text).suppressed[0]).not.toHaveProperty('reason');
  });

  test('has the same keys whatever the run: every list of the input coverage and unread are there, empty when empty', () => {
    const report = buildReport(result);
    const json = JSON.parse(REPORT_RENDERERS.json.render(report));
    expect(json.unread).toEqual([]);
    expect(json.inputCoverage).toMatchObject({ moduleCallsNotFollowed: [], nestedStacksNotFollowed: [] });
    expect(json.inputCoverage.files).toHaveLength(1);
    expect(json.inputCoverage.files[0]).toMatchObject({ file: 'template.json', moduleCalls: [], nestedStacks: [], notCreated: [] });
    // The same in SARIF's run properties, which hold the input coverage too.
    expect(JSON.parse(REPORT_RENDERERS.sarif.render(report)).runs[0].properties.inputCoverage).toMatchObject({ nestedStacksNotFollowed: [], files: [{ nestedStacks: [], notCreated: [] }] });
  });

  test('writes DEL, C1 controls, line separators and bidi overrides as \\u escapes (JSON.stringify leaves them raw): the same values, nothing raw on a terminal', () => {
    const [first] = result.findings;
    const hostile = 'Open\u001b[2J\r\u009b31m\u007f\u2028\u202e';
    const report = buildReport(result, { findings: [{ ...first, address: hostile, constructPath: `Stack/${hostile}` }] });
    for (const render of [REPORT_RENDERERS.json.render, REPORT_RENDERERS.sarif.render]) {
      const text = render(report);
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      expect(text).toContain('Open\\u001b[2J\\r\\u009b31m\\u007f\\u2028\\u202e');
    }
    expect(JSON.parse(REPORT_RENDERERS.json.render(report)).findings[0]).toMatchObject({ address: hostile, constructPath: `Stack/${hostile}` });
    expect(JSON.parse(REPORT_RENDERERS.sarif.render(report)).runs[0].results[0].locations[0].logicalLocations[0].fullyQualifiedName).toContain(hostile);
  });

  test('a run with no findings and nothing judged', () => {
    const empty = runRules(cfnModel({ Resources: { T: { Type: 'AWS::SNS::Topic', Properties: {} } } }), FIXTURE_RULES);
    const report = buildReport(empty, { allowEmpty: true });
    const text = REPORT_RENDERERS.json.render(report);
    expect(text).toBe(expected(report));
    expect(JSON.parse(text)).toMatchObject({ status: 'nothing-judged', findings: [], suppressed: [] });
  });

  test.each([1, 99, 100, 101, 250])('in pieces (%i findings, as many acknowledged): joined, the same text; no piece holds more than 100 findings', (n) => {
    const [first] = result.findings;
    const [acked] = result.suppressed;
    const findings: Finding[] = Array.from({ length: n }, (_, i) => ({ ...first, address: `Bucket${i}` }));
    const suppressed: Finding[] = Array.from({ length: n }, (_, i) => ({ ...acked, address: `Acked${i}` }));
    const report = buildReport(result, { findings, suppressed, readiness: buildReadiness(model, result) });
    const pieces = [...REPORT_RENDERERS.json.renderChunks!(report)];
    expect(pieces.join('')).toBe(expected(report));
    expect(REPORT_RENDERERS.json.render(report)).toBe(expected(report));
    const parsed = JSON.parse(pieces.join(''));
    expect(parsed.findings.map((f: Finding) => f.address)).toEqual(findings.map((f) => f.address));
    expect(parsed.suppressed).toHaveLength(n);
    for (const piece of pieces) expect(piece.split('"ruleId"').length - 1).toBeLessThanOrEqual(100);
    expect(pieces.length).toBeGreaterThanOrEqual(2 + 2 * Math.ceil(n / 100));
  });
});

describe('terminalSafeJson', () => {
  test('escapes DEL, C1, the separators and the bidirectional controls, each alone in ASCII text or beside other non-ASCII text; leaves the rest as it is', () => {
    for (const c of ['\u007f', '\u0080', '\u0085', '\u009b', '\u009f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069']) {
      const code = `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      expect(terminalSafeJson(`{"a": "x${c}y"}`)).toBe(`{"a": "x${code}y"}`);
      expect(terminalSafeJson(`{"a": "é${c}"}`)).toBe(`{"a": "é${code}"}`);
    }
    const plain = '{"a": "ascii ~ only", "b": "é ü \u00a0 \u2027 \u202f \u2065 \u206a"}';
    expect(terminalSafeJson(plain)).toBe(plain);
    expect(terminalSafeJson('{"a": 1}')).toBe('{"a": 1}');
  });
});
