/**
 * Writes RULES.md from the rules (`npx tsx bin/gen-rules-doc.ts`); `--check` only says whether it
 * is stale (exit 1). test/policies/rules-doc.test.ts fails while RULES.md is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { withQuestionsTable } from '../policies/report/questions-doc';
import { renderRulesMarkdown, withReadmeRulesTable } from '../policies/report/rules-doc';
import { ALL_RULES } from '../policies/rules';
import { writeAtomic } from './cli';

export const RULES_MD = path.join(__dirname, '..', 'RULES.md');
export const README_MD = path.join(__dirname, '..', 'README.md');
export const QUERIES_MD = path.join(__dirname, '..', 'docs', 'queries.md');

function run(argv: string[]): number {
  const text = renderRulesMarkdown(ALL_RULES);
  const current = fs.existsSync(RULES_MD) ? fs.readFileSync(RULES_MD, 'utf8') : '';
  const readme = fs.readFileSync(README_MD, 'utf8');
  const newReadme = withReadmeRulesTable(readme, ALL_RULES);
  const queries = fs.readFileSync(QUERIES_MD, 'utf8');
  const newQueries = withQuestionsTable(queries);
  if (argv.includes('--check')) {
    if (current === text && readme === newReadme && queries === newQueries) return 0;
    process.stderr.write('RULES.md, the README rule table or the docs/queries.md question table is stale: run npx tsx bin/gen-rules-doc.ts\n');
    return 1;
  }
  if (current !== text) writeAtomic(RULES_MD, 'RULES.md', text);
  if (readme !== newReadme) writeAtomic(README_MD, 'README.md', newReadme);
  if (queries !== newQueries) writeAtomic(QUERIES_MD, 'docs/queries.md', newQueries);
  process.stdout.write(`RULES.md: ${ALL_RULES.length} rules${current === text ? ' (unchanged)' : ''}\n`);
  return 0;
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
