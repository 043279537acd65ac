/**
 * Copies the example files into the README and the guides (`node -r tsx/cjs bin/gen-readme.ts`),
 * so every example a reader sees is one that compiles and is tested (test/examples). A block is
 *
 *   <!-- example:examples/aws/quick-start.ts -->
 *   ```ts
 *   ...the file, generated...
 *   ```
 *   <!-- /example -->
 *
 * `--check` only says whether a document is stale (exit 1); test/examples/docs.test.ts fails
 * while one is. The rule table of the README has its own generator (bin/gen-rules-doc.ts).
 */
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..');
export const README_COMMAND = 'node -r tsx/cjs bin/gen-readme.ts';

const BLOCK = /<!-- example:([^\s>]+) -->\n[\s\S]*?<!-- \/example -->/g;
const OPENING = /<!-- example:([^\s>]+) -->/g;

/** The documents that may hold example blocks: README.md and every docs/*.md. */
export function documents(root = ROOT): string[] {
  const docs = path.join(root, 'docs');
  const guides = fs.existsSync(docs)
    ? fs.readdirSync(docs).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(docs, f))
    : [];
  return [path.join(root, 'README.md'), ...guides];
}

/** The example files a document's blocks name, in order (repository-relative paths). */
export function examplesNamedIn(text: string): string[] {
  return [...text.matchAll(OPENING)].map((m) => m[1]);
}

/** The document with every example block filled from its file; throws on an unclosed block or a missing file. */
export function withExamples(text: string, read: (relativePath: string) => string, where = 'document'): string {
  const closed = [...text.matchAll(BLOCK)].length;
  const opened = examplesNamedIn(text).length;
  if (closed !== opened) throw new Error(`${where}: ${opened - closed} example block(s) without <!-- /example -->`);
  return text.replace(BLOCK, (_all, file: string) => {
    if (!/^examples\/[\w./-]+\.ts$/.test(file) || file.includes('..')) throw new Error(`${where}: example path must be a .ts file under examples/, got ${file}`);
    const code = read(file).replace(/\r\n/g, '\n').trimEnd();
    return `<!-- example:${file} -->\n\`\`\`ts\n${code}\n\`\`\`\n<!-- /example -->`;
  });
}

export function readExample(file: string, root = ROOT): string {
  const full = path.join(root, file);
  if (!fs.existsSync(full)) throw new Error(`example file ${file} does not exist`);
  return fs.readFileSync(full, 'utf8');
}

function run(argv: string[]): number {
  const check = argv.includes('--check');
  let stale = 0;
  for (const doc of documents()) {
    if (!fs.existsSync(doc)) continue;
    const name = path.relative(ROOT, doc);
    const text = fs.readFileSync(doc, 'utf8');
    let next: string;
    try {
      next = withExamples(text, (f) => readExample(f), name);
    } catch (err) {
      process.stderr.write(`gen-readme: ${(err as Error).message}\n`);
      return 2;
    }
    if (next === text) continue;
    stale++;
    if (check) {
      process.stderr.write(`${name} is stale: run ${README_COMMAND}\n`);
    } else {
      // Written whole or not at all: a reader never sees half a document.
      const tmp = `${doc}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, next);
      fs.renameSync(tmp, doc);
      process.stdout.write(`${name}: examples regenerated\n`);
    }
  }
  if (!check && stale === 0) process.stdout.write('README.md and docs/: examples up to date\n');
  return check && stale > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
