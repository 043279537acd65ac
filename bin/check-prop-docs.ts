/**
 * Checks the doc comments of the constructs' props (STYLE.md): every property of an exported
 * `*Props` interface under constructs/ has a doc comment, and every optional one an `@default` tag
 * that states the behaviour (never `@default undefined`). Prints one line per violation and exits 1
 * when there is any; `--all` checks every exported interface, not only `*Props`.
 *
 *   npm ci --prefix docs/api-build && node -r tsx/cjs bin/check-prop-docs.ts
 *
 * It parses with the TypeScript 5.9 compiler API of docs/api-build (the repository's TypeScript 7
 * is native and has no compiler API), so it needs that folder installed; without it, exit 2.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const NESTED_TYPESCRIPT = path.join(ROOT, 'docs', 'api-build', 'node_modules', 'typescript');

/** The few parts of the TypeScript 5 compiler API used here (typed locally: the root has no such API). */
interface Ts {
  createSourceFile(fileName: string, text: string, target: number, setParentNodes: boolean): Node;
  ScriptTarget: { Latest: number };
  SyntaxKind: Record<string, number>;
  isInterfaceDeclaration(n: Node): boolean;
  isPropertySignature(n: Node): boolean;
  getJSDocCommentsAndTags(n: Node): Node[];
  getJSDocTags(n: Node): Array<Node & { tagName: { text: string }; comment?: unknown }>;
  getTextOfJSDocComment(comment: unknown): string | undefined;
  forEachChild(n: Node, f: (child: Node) => void): void;
}
interface Node {
  kind: number;
  name?: { getText(): string };
  modifiers?: Node[];
  members?: Node[];
  questionToken?: Node;
  comment?: unknown;
  getStart(): number;
  getSourceFile(): { getLineAndCharacterOfPosition(pos: number): { line: number } };
}

export interface PropDocViolation {
  readonly file: string;
  readonly line: number;
  readonly property: string;
  readonly problem: string;
}

export function loadTypeScript(): Ts | undefined {
  if (!fs.existsSync(path.join(NESTED_TYPESCRIPT, 'package.json'))) return undefined;
  return require(NESTED_TYPESCRIPT) as Ts;
}

/** The violations of one source text. */
export function checkSource(ts: Ts, file: string, text: string, all = false): PropDocViolation[] {
  const out: PropDocViolation[] = [];
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const exported = (n: Node): boolean => (n.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const visit = (n: Node): void => {
    if (ts.isInterfaceDeclaration(n) && exported(n)) {
      const name = n.name!.getText();
      if (all || name.endsWith('Props')) {
        for (const m of n.members ?? []) {
          if (!ts.isPropertySignature(m)) continue;
          const property = `${name}.${m.name!.getText()}`;
          const line = m.getSourceFile().getLineAndCharacterOfPosition(m.getStart()).line + 1;
          const docs = ts.getJSDocCommentsAndTags(m);
          const summary = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join('').trim();
          const defaults = ts.getJSDocTags(m).filter((t) => t.tagName.text === 'default');
          if (!summary) out.push({ file, line, property, problem: docs.length ? 'doc comment has tags only, no description' : 'no doc comment' });
          if (m.questionToken && defaults.length === 0) out.push({ file, line, property, problem: 'optional, but no @default' });
          for (const d of defaults) {
            const value = (ts.getTextOfJSDocComment(d.comment) ?? '').trim();
            if (value === '' || value === 'undefined') out.push({ file, line, property, problem: `@default ${value || '(empty)'}: say what happens instead` });
          }
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Every .ts file under constructs/, in a stable order. */
export function constructSources(dir = path.join(ROOT, 'constructs')): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...constructSources(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) files.push(p);
  }
  return files;
}

function run(argv: string[]): number {
  const ts = loadTypeScript();
  if (!ts) {
    process.stderr.write('check-prop-docs: TypeScript 5 is not installed in docs/api-build (run npm ci --prefix docs/api-build)\n');
    return 2;
  }
  const all = argv.includes('--all');
  const violations = constructSources().flatMap((f) => checkSource(ts, path.relative(ROOT, f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8'), all));
  const lines = violations.map((v) => `${v.file}:${v.line} ${v.property}: ${v.problem}\n`);
  lines.push(`${violations.length === 0 ? 'PASSED' : 'FAILED'}: ${violations.length} prop doc problem(s)\n`);
  process.stdout.on('error', () => undefined); // a closed pipe (`| head`) is not a failure of the check
  process.stdout.write(lines.join(''));
  return violations.length === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
