import { Finding } from '../engine/types';
import { Report, contextLines, printable, ruleIndex, verdictLine } from './report';
import { ReportRenderer } from './renderer';

/**
 * JUnit XML for CI test views: one testsuite per rule, one testcase per resource it judged
 * (not-applicable ones left out). A finding at or above --fail-on is a <failure>; a NON_COMPLIANT
 * one below it passes with its text in <system-out>, so the test view agrees with the exit code,
 * and an UNKNOWN one below it is <skipped> (not judged before deploy: never green); an
 * acknowledged finding is <skipped> with its reason. A run that judged nothing gets one more
 * suite with one case, a <failure> (<skipped> with allowEmpty) saying why, so that a test view
 * never shows an empty run as green; each input that could not be read is an errored case
 * (<error>) of one more suite, naming the file and why. Every suite's <properties> name the
 * evidence context the run assumed (one `evidenceContext` property per line, as the other reports
 * state it, or that none was declared): its verdicts rest on it.
 */
export const JUNIT_RENDERER: ReportRenderer = {
  format: 'junit',
  needsLines: true,
  render(report: Report): string {
    const rules = ruleIndex(report);
    const byKey = new Map<string, Finding>();
    for (const f of [...report.findings, ...report.suppressed]) byKey.set(key(f.ruleId, f.file, f.address), f);
    const suites = new Map<string, string[]>();
    const counts = new Map<string, { tests: number; failures: number; skipped: number }>();
    for (const r of report.rules) {
      suites.set(r.id, []);
      counts.set(r.id, { tests: 0, failures: 0, skipped: 0 });
    }
    for (const e of report.evaluations) {
      if (e.verdict === 'NOT_APPLICABLE') continue;
      const cases = suites.get(e.ruleId);
      const c = counts.get(e.ruleId);
      if (!cases || !c) continue;
      c.tests++;
      const f = byKey.get(key(e.ruleId, e.resource.sourceFile, e.resource.address));
      const name = `${e.resource.address} (${e.resource.type}) in ${e.resource.sourceFile}`;
      const open = `    <testcase classname="${xml(e.ruleId)}" name="${xml(name)}" file="${xml(e.resource.sourceFile)}"${f?.line ? ` line="${f.line}"` : ''}>`;
      if (!f) {
        cases.push(`${open}</testcase>`);
      } else if (f.suppressed) {
        c.skipped++;
        cases.push(`${open}\n      <skipped message="${xml(`acknowledged: ${f.suppressed.reason}`)}"/>\n    </testcase>`);
      } else if (atOrAboveFailOn(f, report.failOn)) {
        c.failures++;
        const body = [f.message, `fix: ${rules.get(f.ruleId)?.fix ?? ''}`, f.constructPath ? `construct: ${f.constructPath}` : ''].filter(Boolean).join('\n');
        cases.push(`${open}\n      <failure message="${xml(f.message)}" type="${f.verdict === 'UNKNOWN' ? 'unknown' : f.severity}">${xml(body)}</failure>\n    </testcase>`);
      } else if (f.verdict === 'UNKNOWN') {
        // Not judged before deploy: never a green case, though it fails nothing below --fail-on.
        c.skipped++;
        cases.push(`${open}\n      <skipped message="${xml(`UNKNOWN, not judged before deploy: ${f.message}`)}"/>\n    </testcase>`);
      } else {
        cases.push(`${open}\n      <system-out>${xml(`${f.severity.toUpperCase()}: ${f.message}`)}</system-out>\n    </testcase>`);
      }
    }
    const properties = ['    <properties>', ...contextLines(report).map((l) => `      <property name="evidenceContext" value="${xml(l)}"/>`), '    </properties>'];
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    const body: string[] = [];
    for (const r of report.rules) {
      const c = counts.get(r.id)!;
      tests += c.tests;
      failures += c.failures;
      skipped += c.skipped;
      body.push(`  <testsuite name="${xml(r.id)}" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}">`, ...properties);
      body.push(...suites.get(r.id)!);
      body.push('  </testsuite>');
    }
    // Stated whenever nothing was judged, also when an input not read made the run FAILED.
    if (report.inputCoverage.nothingJudged) {
      const why = xml(verdictLine(report));
      const failed = !report.allowEmpty;
      tests++;
      if (failed) failures++;
      else skipped++;
      body.push(`  <testsuite name="forensic-readiness.coverage" tests="1" failures="${failed ? 1 : 0}" errors="0" skipped="${failed ? 0 : 1}">`, ...properties);
      body.push(`    <testcase classname="forensic-readiness.coverage" name="at least one resource judged">`);
      body.push(failed ? `      <failure message="${why}" type="nothing-judged">${why}</failure>` : `      <skipped message="${why}"/>`);
      body.push('    </testcase>', '  </testsuite>');
    }
    // Each input that could not be read is a test that errored: nothing in it was judged.
    const errors = report.unread.length;
    if (errors > 0) {
      tests += errors;
      body.push(`  <testsuite name="forensic-readiness.inputs" tests="${errors}" failures="0" errors="${errors}" skipped="0">`, ...properties);
      for (const u of report.unread) {
        body.push(`    <testcase classname="forensic-readiness.inputs" name="${xml(`read ${u.path}`)}" file="${xml(u.path)}">`);
        body.push(`      <error message="${xml(`Not read: ${u.message}`)}" type="input-not-read">${xml(u.message)}</error>`, '    </testcase>');
      }
      body.push('  </testsuite>');
    }
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="${xml(report.tool.name)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
      ...body,
      '</testsuites>',
      '',
    ].join('\n');
  },
};

function atOrAboveFailOn(f: Finding, failOn: Report['failOn']): boolean {
  if (failOn === 'never') return false;
  return f.severity === 'error' || failOn === 'warning';
}

function key(ruleId: string, file: string, address: string): string {
  return `${ruleId}\u0000${file}\u0000${address}`;
}

/**
 * Escape for XML text and attributes. Control characters (C0 but tab and line feed, DEL, C1,
 * bidirectional overrides) are shown as printable shows them (`\u001b`, `\r`), so the report
 * written to a terminal (`check --format junit` writes to stdout) sends no sequence; anything else
 * XML 1.0 cannot hold (a lone surrogate, U+FFFE) is dropped.
 */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, printable)
    .replace(/[^\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
