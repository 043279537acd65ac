/**
 * Rewrites the pinned rule list of test/policies/registry.test.ts from ALL_RULES
 * (`npx tsx bin/pin-rules.ts`). Run it when a rule is added, renamed or changes severity on
 * purpose; the diff of the test file is the review of that change.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../policies/rules';
import { writeAtomic } from './cli';

const TEST = path.join(__dirname, '..', 'test', 'policies', 'registry.test.ts');
const BEGIN = '// BEGIN PINNED RULES';
const END = '// END PINNED RULES';

const source = fs.readFileSync(TEST, 'utf8');
const start = source.indexOf(BEGIN);
const end = source.indexOf(END);
if (start < 0 || end < start) {
  process.stderr.write(`pin-rules: markers ${BEGIN} / ${END} not found in ${TEST}\n`);
  process.exit(1);
}
const lines = ALL_RULES.map((r) => `  [${JSON.stringify(r.id).replace(/"/g, "'")}, '${r.severity}'],`);
const block = `${BEGIN} (regenerate: npx tsx bin/pin-rules.ts)\nconst PINNED: readonly (readonly [string, Severity])[] = [\n${lines.join('\n')}\n];\n`;
writeAtomic(TEST, 'test/policies/registry.test.ts', source.slice(0, start) + block + source.slice(end));
process.stdout.write(`pinned ${ALL_RULES.length} rules in test/policies/registry.test.ts\n`);
