import * as fs from 'fs';
import * as path from 'path';
import { RULES_DOC_COMMAND, renderRulesMarkdown, withReadmeRulesTable } from '../../policies/report/rules-doc';
import { ALL_RULES } from '../../policies/rules';
import { FIXTURE_RULES } from './fixture-rules';
import { QUESTIONS_END, QUESTIONS_START, renderQuestionsTable, withQuestionsTable } from '../../policies/report/questions-doc';
import { QUESTIONS } from '../../constructs/core/questions';

describe('RULES.md', () => {
  test(`is generated from the rules and up to date (regenerate: ${RULES_DOC_COMMAND})`, () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8');
    expect(committed).toBe(renderRulesMarkdown(ALL_RULES));
  });

  test(`the README rule table is generated and up to date (regenerate: ${RULES_DOC_COMMAND})`, () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toBe(withReadmeRulesTable(readme, ALL_RULES));
    for (const r of ALL_RULES) expect(readme).toContain(r.id);
  });

  test('lists each rule with severity, evidence source, mapping, thresholds, what is wrong, why and the fix', () => {
    const md = renderRulesMarkdown(FIXTURE_RULES);
    expect(md).toContain('| [`TEST.Bucket.Locked`](#testbucketlocked) | error | Evidence immutability | A bucket is not locked. |');
    expect(md).toContain('### TEST.Bucket.RetentionFloor');
    expect(md).toContain('- Thresholds: `retentionFloorDays`');
    expect(md).toContain('- MITRE ATT&CK: T1485');
    expect(md).toContain('- MITRE ATLAS: AML.T0020');
    expect(md).toContain('**Fix.** Raise DefaultRetention.Days.');
  });
});

describe('docs/queries.md', () => {
  test(`its question table is generated from the catalog and the shipped query files, and up to date (regenerate: ${RULES_DOC_COMMAND})`, () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'queries.md'), 'utf8');
    expect(doc).toBe(withQuestionsTable(doc));
    for (const q of QUESTIONS) expect(doc).toContain(`\`${q.id}\``);
  });

  test('a shipped query is linked, a missing one is named as missing, and the recording status is per cloud', () => {
    const table = renderQuestionsTable(['queries/aws/endpoint-callers.sql']);
    expect(table.startsWith(QUESTIONS_START) && table.endsWith(QUESTIONS_END)).toBe(true);
    const row = table.split('\n').find((l) => l.startsWith('| `endpoint-callers`'))!;
    expect(row).toContain('| where recorded: [endpoint-callers.sql](../queries/aws/endpoint-callers.sql) | recorded; no query yet | where recorded; no query yet |');
    expect(() => withQuestionsTable('no markers')).toThrow(/markers are missing/);
  });

  test("a question's alternative query is linked after its main one, only when shipped", () => {
    const volume = (shipped: string[]) => renderQuestionsTable(shipped).split('\n').find((l) => l.startsWith('| `endpoint-volume`'))!;
    expect(volume(['queries/aws/endpoint-volume.sql', 'queries/aws/endpoint-volume-capture.sql'])).toContain('| where recorded: [endpoint-volume.sql](../queries/aws/endpoint-volume.sql), [endpoint-volume-capture.sql](../queries/aws/endpoint-volume-capture.sql) |');
    expect(volume(['queries/aws/endpoint-volume.sql'])).toContain('| where recorded: [endpoint-volume.sql](../queries/aws/endpoint-volume.sql) |');
  });
});
